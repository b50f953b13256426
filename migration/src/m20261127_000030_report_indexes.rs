//! Indexes for the bureau's reports: sessions by business date across every market, and a
//! covering index so booked / checked-in / distinct-vendor counts read only the index.

use sea_orm_migration::prelude::*;

/// Adds the report indexes.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_market_sessions_date_status")
                    .table(MarketSessions::Table)
                    .col(MarketSessions::BusinessDate)
                    .col(MarketSessions::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bookings_report")
                    .table(Bookings::Table)
                    .col(Bookings::SessionId)
                    .col(Bookings::VendorId)
                    .col(Bookings::CheckedInAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_bookings_report")
                    .table(Bookings::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_market_sessions_date_status")
                    .table(MarketSessions::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum MarketSessions {
    Table,
    BusinessDate,
    Status,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    SessionId,
    VendorId,
    CheckedInAt,
}
