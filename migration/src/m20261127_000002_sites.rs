//! Sites (WGS-84 polygons stored as GeoJSON with cached bbox and centroid) and their managers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_accounts::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sites::Table)
                    .col(pk_auto(Sites::Id))
                    .col(string_uniq(Sites::Code))
                    .col(string(Sites::Name))
                    .col(string(Sites::Kind))
                    .col(text(Sites::Boundary))
                    .col(string(Sites::SourceCrs))
                    .col(double(Sites::AreaM2))
                    .col(double(Sites::MinLon))
                    .col(double(Sites::MinLat))
                    .col(double(Sites::MaxLon))
                    .col(double(Sites::MaxLat))
                    .col(double(Sites::CentroidLon))
                    .col(double(Sites::CentroidLat))
                    .col(text_null(Sites::Note))
                    .col(integer_null(Sites::CreatedBy))
                    .col(timestamp_with_time_zone(Sites::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sites::Table, Sites::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ManagerSites::Table)
                    .col(integer(ManagerSites::UserId))
                    .col(integer(ManagerSites::SiteId))
                    .primary_key(
                        Index::create()
                            .col(ManagerSites::UserId)
                            .col(ManagerSites::SiteId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ManagerSites::Table, ManagerSites::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ManagerSites::Table, ManagerSites::SiteId)
                            .to(Sites::Table, Sites::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ManagerSites::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Sites::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub(crate) enum Sites {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Boundary,
    SourceCrs,
    AreaM2,
    MinLon,
    MinLat,
    MaxLon,
    MaxLat,
    CentroidLon,
    CentroidLat,
    Note,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ManagerSites {
    Table,
    UserId,
    SiteId,
}
