//! Vendor pages: permit tokens behind the QR codes, and secret calendar feed tokens.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Permits::Table)
                    .col(pk_auto(Permits::Id))
                    .col(integer_uniq(Permits::BookingId))
                    .col(integer(Permits::SessionId))
                    .col(integer(Permits::StallId))
                    .col(integer(Permits::VendorId))
                    .col(string_uniq(Permits::Token))
                    .col(timestamp_with_time_zone(Permits::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(pk_auto(CalendarFeeds::Id))
                    .col(integer_uniq(CalendarFeeds::VendorId))
                    .col(string_uniq(CalendarFeeds::Token))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarFeeds::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Permits::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Permits {
    Table,
    Id,
    BookingId,
    SessionId,
    StallId,
    VendorId,
    Token,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    Id,
    VendorId,
    Token,
    CreatedAt,
}
