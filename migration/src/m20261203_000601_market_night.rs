//! The market night: each market's attendance rule and suspension period; inspections with
//! their catalogue items and appeal; residents' complaints matched to a stall.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds the market columns and the `inspections`, `inspection_items` and `complaints` tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ColumnDef::new(Markets::AttendanceMinRate)
                .double()
                .not_null()
                .default(0.8)
                .to_owned(),
            ColumnDef::new(Markets::AttendanceWindowDays)
                .integer()
                .not_null()
                .default(90)
                .to_owned(),
            ColumnDef::new(Markets::SuspensionDays)
                .integer()
                .not_null()
                .default(30)
                .to_owned(),
        ] {
            // SQLite adds one column per ALTER TABLE.
            manager
                .alter_table(
                    Table::alter()
                        .table(Markets::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Inspections::Table)
                    .col(pk_auto(Inspections::Id))
                    .col(integer(Inspections::SessionId))
                    .col(integer(Inspections::StallId))
                    .col(integer(Inspections::VendorId))
                    .col(integer(Inspections::MarketId))
                    .col(integer(Inspections::BookingId))
                    .col(date(Inspections::BusinessDate))
                    .col(string(Inspections::Status))
                    .col(text_null(Inspections::Photos))
                    .col(text_null(Inspections::AppealText))
                    .col(string_null(Inspections::AppealStatus))
                    .col(timestamp_with_time_zone_null(Inspections::AppealedAt))
                    .col(text_null(Inspections::DecisionReason))
                    .col(integer_null(Inspections::DecidedBy))
                    .col(timestamp_with_time_zone_null(Inspections::DecidedAt))
                    .col(integer_null(Inspections::CreatedBy))
                    .col(timestamp_with_time_zone(Inspections::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inspections::Table, Inspections::SessionId)
                            .to(MarketSessions::Table, MarketSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inspections::Table, Inspections::VendorId)
                            .to(Vendors::Table, Vendors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_inspections_vendor_date")
                    .table(Inspections::Table)
                    .col(Inspections::VendorId)
                    .col(Inspections::BusinessDate)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(InspectionItems::Table)
                    .col(pk_auto(InspectionItems::Id))
                    .col(integer(InspectionItems::InspectionId))
                    .col(string(InspectionItems::Code))
                    .col(integer(InspectionItems::Points))
                    .col(text_null(InspectionItems::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionItems::Table, InspectionItems::InspectionId)
                            .to(Inspections::Table, Inspections::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_inspection_items_inspection")
                    .table(InspectionItems::Table)
                    .col(InspectionItems::InspectionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Complaints::Table)
                    .col(pk_auto(Complaints::Id))
                    .col(double(Complaints::Lon))
                    .col(double(Complaints::Lat))
                    .col(string(Complaints::SourceCrs))
                    .col(timestamp_with_time_zone(Complaints::At))
                    .col(string(Complaints::Kind))
                    .col(text(Complaints::Text))
                    .col(string_null(Complaints::Contact))
                    .col(integer(Complaints::SiteId))
                    .col(integer_null(Complaints::SessionId))
                    .col(integer_null(Complaints::StallId))
                    .col(integer_null(Complaints::VendorId))
                    .col(integer_null(Complaints::MarketId))
                    .col(string(Complaints::Status))
                    .col(text_null(Complaints::Outcome))
                    .col(integer_null(Complaints::InspectionId))
                    .col(integer_null(Complaints::ClosedBy))
                    .col(timestamp_with_time_zone_null(Complaints::ClosedAt))
                    .col(timestamp_with_time_zone(Complaints::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_complaints_market", Complaints::MarketId),
            ("ix_complaints_vendor", Complaints::VendorId),
            ("ix_complaints_stall", Complaints::StallId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Complaints::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Complaints::Table.into_iden(),
            InspectionItems::Table.into_iden(),
            Inspections::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for col in [
            Markets::AttendanceMinRate,
            Markets::AttendanceWindowDays,
            Markets::SuspensionDays,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Markets::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Markets {
    Table,
    AttendanceMinRate,
    AttendanceWindowDays,
    SuspensionDays,
}

#[derive(DeriveIden)]
enum MarketSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Vendors {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Inspections {
    Table,
    Id,
    SessionId,
    StallId,
    VendorId,
    MarketId,
    BookingId,
    BusinessDate,
    Status,
    Photos,
    AppealText,
    AppealStatus,
    AppealedAt,
    DecisionReason,
    DecidedBy,
    DecidedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InspectionItems {
    Table,
    Id,
    InspectionId,
    Code,
    Points,
    Note,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
    Lon,
    Lat,
    SourceCrs,
    At,
    Kind,
    Text,
    Contact,
    SiteId,
    SessionId,
    StallId,
    VendorId,
    MarketId,
    Status,
    Outcome,
    InspectionId,
    ClosedBy,
    ClosedAt,
    CreatedAt,
}
