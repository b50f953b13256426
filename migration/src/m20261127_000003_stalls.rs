//! Zones inside sites, the accepted layout of each site, and its stalls.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_accounts::Users;
use crate::m20261127_000002_sites::Sites;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Zones::Table)
                    .col(pk_auto(Zones::Id))
                    .col(integer(Zones::SiteId))
                    .col(string(Zones::Name))
                    .col(string(Zones::Kind))
                    .col(text(Zones::Boundary))
                    .col(double_null(Zones::WidthM))
                    .col(double(Zones::AreaM2))
                    .col(integer_null(Zones::CreatedBy))
                    .col(timestamp_with_time_zone(Zones::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Zones::Table, Zones::SiteId)
                            .to(Sites::Table, Sites::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Zones::Table, Zones::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // One accepted layout per site: the parameters and figures behind its stalls.
        manager
            .create_table(
                Table::create()
                    .table(SiteLayouts::Table)
                    .col(integer(SiteLayouts::SiteId).primary_key())
                    .col(text(SiteLayouts::Params))
                    .col(text(SiteLayouts::Aisles))
                    .col(string(SiteLayouts::Mode))
                    .col(double(SiteLayouts::OrientationDeg))
                    .col(double(SiteLayouts::UsableAreaM2))
                    .col(integer(SiteLayouts::AreaBound))
                    .col(integer(SiteLayouts::PatternBound))
                    .col(integer_null(SiteLayouts::CreatedBy))
                    .col(timestamp_with_time_zone(SiteLayouts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SiteLayouts::Table, SiteLayouts::SiteId)
                            .to(Sites::Table, Sites::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Stalls::Table)
                    .col(pk_auto(Stalls::Id))
                    .col(integer(Stalls::SiteId))
                    .col(string_uniq(Stalls::Code))
                    .col(integer(Stalls::RowIndex))
                    .col(integer(Stalls::Position))
                    .col(text(Stalls::Polygon))
                    .col(double(Stalls::WidthM))
                    .col(double(Stalls::DepthM))
                    .col(double(Stalls::FacingDeg))
                    .col(string(Stalls::Status).default("active"))
                    .col(boolean(Stalls::Power).default(false))
                    .col(boolean(Stalls::Premium).default(false))
                    .col(string_null(Stalls::Zone))
                    .col(timestamp_with_time_zone(Stalls::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Stalls::Table, Stalls::SiteId)
                            .to(Sites::Table, Sites::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stalls_site")
                    .table(Stalls::Table)
                    .col(Stalls::SiteId)
                    .col(Stalls::RowIndex)
                    .col(Stalls::Position)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Stalls::Table.into_iden(),
            SiteLayouts::Table.into_iden(),
            Zones::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Zones {
    Table,
    Id,
    SiteId,
    Name,
    Kind,
    Boundary,
    WidthM,
    AreaM2,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SiteLayouts {
    Table,
    SiteId,
    Params,
    Aisles,
    Mode,
    OrientationDeg,
    UsableAreaM2,
    AreaBound,
    PatternBound,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Stalls {
    Table,
    Id,
    SiteId,
    Code,
    RowIndex,
    Position,
    Polygon,
    WidthM,
    DepthM,
    FacingDeg,
    Status,
    Power,
    Premium,
    Zone,
    CreatedAt,
}
