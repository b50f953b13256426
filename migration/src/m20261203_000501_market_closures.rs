//! Market closures (春节, storms, town events) and next-season stall offers.
//!
//! `market_closures`: a market closed for a date range with a reason, optionally only some
//! segments or sites; its sessions are cancelled and the closure is shown on the public
//! schedule and "open now".
//! `season_offers`: when a market's season is cloned, last season's vendors are offered the
//! same stall in the new market first; they accept or decline like a waitlist offer.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `market_closures` and `season_offers`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MarketClosures::Table)
                    .col(pk_auto(MarketClosures::Id))
                    .col(integer(MarketClosures::MarketId))
                    .col(date(MarketClosures::DateFrom))
                    .col(date(MarketClosures::DateTo))
                    .col(string(MarketClosures::Reason))
                    .col(text_null(MarketClosures::Segments))
                    .col(text_null(MarketClosures::SiteIds))
                    .col(integer(MarketClosures::SessionsCancelled))
                    .col(integer_null(MarketClosures::CreatedBy))
                    .col(timestamp_with_time_zone(MarketClosures::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MarketClosures::Table, MarketClosures::MarketId)
                            .to(Markets::Table, Markets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_market_closures_market_dates")
                    .table(MarketClosures::Table)
                    .col(MarketClosures::MarketId)
                    .col(MarketClosures::DateTo)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SeasonOffers::Table)
                    .col(pk_auto(SeasonOffers::Id))
                    .col(integer(SeasonOffers::MarketId))
                    .col(integer(SeasonOffers::SourceMarketId))
                    .col(integer(SeasonOffers::VendorId))
                    .col(integer(SeasonOffers::StallId))
                    .col(string(SeasonOffers::Status))
                    .col(timestamp_with_time_zone(SeasonOffers::Deadline))
                    .col(integer(SeasonOffers::SessionsBooked).default(0))
                    .col(timestamp_with_time_zone(SeasonOffers::CreatedAt))
                    .col(timestamp_with_time_zone_null(SeasonOffers::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SeasonOffers::Table, SeasonOffers::MarketId)
                            .to(Markets::Table, Markets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SeasonOffers::Table, SeasonOffers::VendorId)
                            .to(Vendors::Table, Vendors::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_season_offers_market_vendor")
                    .table(SeasonOffers::Table)
                    .col(SeasonOffers::MarketId)
                    .col(SeasonOffers::VendorId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SeasonOffers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MarketClosures::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum MarketClosures {
    Table,
    Id,
    MarketId,
    DateFrom,
    DateTo,
    Reason,
    Segments,
    SiteIds,
    SessionsCancelled,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SeasonOffers {
    Table,
    Id,
    MarketId,
    SourceMarketId,
    VendorId,
    StallId,
    Status,
    Deadline,
    SessionsBooked,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Markets {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Vendors {
    Table,
    Id,
}
