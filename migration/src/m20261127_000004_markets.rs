//! Markets with segments, categories, managers and schedule rules; their sessions (never
//! overlapping on one site); applications; bookings (never double-booked), their history,
//! waitlist offers; and in-app notices.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_accounts::Users;
use crate::m20261127_000002_sites::Sites;
use crate::m20261127_000003_stalls::Stalls;

mod idens;
use idens::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A foreign key from `table.col` to `to.id`, cascading on delete.
fn fk<A: IntoIden + 'static, B: IntoIden + 'static, C: IntoIden + 'static>(
    table: A,
    col: B,
    to: C,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(to, Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Markets::Table)
                    .col(pk_auto(Markets::Id))
                    .col(string(Markets::Name))
                    .col(string(Markets::Kind))
                    .col(boolean(Markets::SelfSelect).default(false))
                    .col(integer_null(Markets::CreatedBy))
                    .col(timestamp_with_time_zone(Markets::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Markets::Table, Markets::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MarketSegments::Table)
                    .col(pk_auto(MarketSegments::Id))
                    .col(integer(MarketSegments::MarketId))
                    .col(string(MarketSegments::Name))
                    .col(string(MarketSegments::StartTime))
                    .col(string(MarketSegments::EndTime))
                    .foreign_key(&mut fk(
                        MarketSegments::Table,
                        MarketSegments::MarketId,
                        Markets::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_market_segments_name",
            MarketSegments::Table,
            &[MarketSegments::MarketId, MarketSegments::Name],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(MarketCategories::Table)
                    .col(pk_auto(MarketCategories::Id))
                    .col(integer(MarketCategories::MarketId))
                    .col(string(MarketCategories::Name))
                    .col(boolean(MarketCategories::Food).default(false))
                    .col(boolean(MarketCategories::Smoky).default(false))
                    .foreign_key(&mut fk(
                        MarketCategories::Table,
                        MarketCategories::MarketId,
                        Markets::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_market_categories_name",
            MarketCategories::Table,
            &[MarketCategories::MarketId, MarketCategories::Name],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ManagerMarkets::Table)
                    .col(integer(ManagerMarkets::UserId))
                    .col(integer(ManagerMarkets::MarketId))
                    .primary_key(
                        Index::create()
                            .col(ManagerMarkets::UserId)
                            .col(ManagerMarkets::MarketId),
                    )
                    .foreign_key(&mut fk(
                        ManagerMarkets::Table,
                        ManagerMarkets::UserId,
                        Users::Table,
                    ))
                    .foreign_key(&mut fk(
                        ManagerMarkets::Table,
                        ManagerMarkets::MarketId,
                        Markets::Table,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MarketSchedules::Table)
                    .col(pk_auto(MarketSchedules::Id))
                    .col(integer(MarketSchedules::MarketId))
                    .col(integer(MarketSchedules::SiteId))
                    .col(string(MarketSchedules::Segment))
                    .col(string(MarketSchedules::Weekdays))
                    .col(date(MarketSchedules::DateFrom))
                    .col(date(MarketSchedules::DateTo))
                    .foreign_key(&mut fk(
                        MarketSchedules::Table,
                        MarketSchedules::MarketId,
                        Markets::Table,
                    ))
                    .foreign_key(&mut fk(
                        MarketSchedules::Table,
                        MarketSchedules::SiteId,
                        Sites::Table,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MarketSessions::Table)
                    .col(pk_auto(MarketSessions::Id))
                    .col(integer(MarketSessions::MarketId))
                    .col(integer(MarketSessions::SiteId))
                    .col(date(MarketSessions::BusinessDate))
                    .col(string(MarketSessions::Segment))
                    .col(timestamp_with_time_zone(MarketSessions::StartsAt))
                    .col(timestamp_with_time_zone(MarketSessions::EndsAt))
                    .col(string(MarketSessions::Status).default("scheduled"))
                    .col(text_null(MarketSessions::CancelReason))
                    .col(timestamp_with_time_zone(MarketSessions::CreatedAt))
                    .check(
                        Expr::col(MarketSessions::StartsAt).lt(Expr::col(MarketSessions::EndsAt)),
                    )
                    .foreign_key(&mut fk(
                        MarketSessions::Table,
                        MarketSessions::MarketId,
                        Markets::Table,
                    ))
                    .foreign_key(&mut fk(
                        MarketSessions::Table,
                        MarketSessions::SiteId,
                        Sites::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_market_sessions_market_date",
            MarketSessions::Table,
            &[MarketSessions::MarketId, MarketSessions::BusinessDate],
        )
        .await?;
        index(
            manager,
            "idx_market_sessions_site_time",
            MarketSessions::Table,
            &[MarketSessions::SiteId, MarketSessions::StartsAt],
        )
        .await?;
        forbid_overlapping_sessions(manager).await?;

        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(pk_auto(Applications::Id))
                    .col(integer(Applications::VendorId))
                    .col(integer(Applications::MarketId))
                    .col(date(Applications::DateFrom))
                    .col(date(Applications::DateTo))
                    .col(string(Applications::Weekdays))
                    .col(text(Applications::Segments))
                    .col(string(Applications::Category))
                    .col(boolean(Applications::NeedsPower).default(false))
                    .col(text(Applications::PreferredStalls))
                    .col(string(Applications::Status))
                    .col(text_null(Applications::Reason))
                    .col(integer_null(Applications::DecidedBy))
                    .col(timestamp_with_time_zone_null(Applications::DecidedAt))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .foreign_key(&mut fk(
                        Applications::Table,
                        Applications::VendorId,
                        Vendors::Table,
                    ))
                    .foreign_key(&mut fk(
                        Applications::Table,
                        Applications::MarketId,
                        Markets::Table,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_applications_market_status",
            Applications::Table,
            &[Applications::MarketId, Applications::Status],
        )
        .await?;
        index(
            manager,
            "idx_applications_vendor",
            Applications::Table,
            &[Applications::VendorId],
        )
        .await?;

        // A live booking. A cancelled one moves to booking_history, so the two unique indexes
        // below mean "at most one vendor per stall-session, one stall per vendor-session".
        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .col(pk_auto(Bookings::Id))
                    .col(integer(Bookings::SessionId))
                    .col(integer(Bookings::StallId))
                    .col(integer(Bookings::VendorId))
                    .col(integer_null(Bookings::ApplicationId))
                    .col(string(Bookings::Status).default("booked"))
                    .col(timestamp_with_time_zone_null(Bookings::CheckedInAt))
                    .col(integer_null(Bookings::CreatedBy))
                    .col(timestamp_with_time_zone(Bookings::CreatedAt))
                    .foreign_key(&mut fk(
                        Bookings::Table,
                        Bookings::SessionId,
                        MarketSessions::Table,
                    ))
                    .foreign_key(&mut fk(Bookings::Table, Bookings::StallId, Stalls::Table))
                    .foreign_key(&mut fk(Bookings::Table, Bookings::VendorId, Vendors::Table))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Bookings::Table, Bookings::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_bookings_session_stall",
            Bookings::Table,
            &[Bookings::SessionId, Bookings::StallId],
        )
        .await?;
        unique(
            manager,
            "ux_bookings_session_vendor",
            Bookings::Table,
            &[Bookings::SessionId, Bookings::VendorId],
        )
        .await?;
        index(
            manager,
            "idx_bookings_vendor",
            Bookings::Table,
            &[Bookings::VendorId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(BookingHistory::Table)
                    .col(pk_auto(BookingHistory::Id))
                    .col(integer(BookingHistory::BookingId))
                    .col(integer(BookingHistory::SessionId))
                    .col(integer(BookingHistory::StallId))
                    .col(integer(BookingHistory::VendorId))
                    .col(integer_null(BookingHistory::ApplicationId))
                    .col(timestamp_with_time_zone_null(BookingHistory::CheckedInAt))
                    .col(timestamp_with_time_zone(BookingHistory::BookedAt))
                    .col(string(BookingHistory::Reason))
                    .col(integer_null(BookingHistory::CancelledBy))
                    .col(timestamp_with_time_zone(BookingHistory::CancelledAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_booking_history_session",
            BookingHistory::Table,
            &[BookingHistory::SessionId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .col(pk_auto(Offers::Id))
                    .col(integer(Offers::SessionId))
                    .col(integer(Offers::StallId))
                    .col(integer(Offers::ApplicationId))
                    .col(integer(Offers::VendorId))
                    .col(string(Offers::Status))
                    .col(timestamp_with_time_zone(Offers::Deadline))
                    .col(integer_null(Offers::BookingId))
                    .col(timestamp_with_time_zone(Offers::CreatedAt))
                    .col(timestamp_with_time_zone_null(Offers::DecidedAt))
                    .foreign_key(&mut fk(
                        Offers::Table,
                        Offers::SessionId,
                        MarketSessions::Table,
                    ))
                    .foreign_key(&mut fk(Offers::Table, Offers::StallId, Stalls::Table))
                    .foreign_key(&mut fk(
                        Offers::Table,
                        Offers::ApplicationId,
                        Applications::Table,
                    ))
                    .foreign_key(&mut fk(Offers::Table, Offers::VendorId, Vendors::Table))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_offers_status_deadline",
            Offers::Table,
            &[Offers::Status, Offers::Deadline],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notices::Table)
                    .col(pk_auto(Notices::Id))
                    .col(integer(Notices::UserId))
                    .col(string(Notices::Kind))
                    .col(text(Notices::TextZh))
                    .col(text(Notices::TextEn))
                    .col(timestamp_with_time_zone(Notices::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notices::ReadAt))
                    .foreign_key(&mut fk(Notices::Table, Notices::UserId, Users::Table))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_notices_user",
            Notices::Table,
            &[Notices::UserId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            db.execute_unprepared("DROP TRIGGER IF EXISTS market_sessions_no_overlap_insert")
                .await?;
            db.execute_unprepared("DROP TRIGGER IF EXISTS market_sessions_no_overlap_update")
                .await?;
        }
        for table in [
            Notices::Table.into_iden(),
            Offers::Table.into_iden(),
            BookingHistory::Table.into_iden(),
            Bookings::Table.into_iden(),
            Applications::Table.into_iden(),
            MarketSessions::Table.into_iden(),
            MarketSchedules::Table.into_iden(),
            ManagerMarkets::Table.into_iden(),
            MarketCategories::Table.into_iden(),
            MarketSegments::Table.into_iden(),
            Markets::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Sessions on one site never overlap in time: an exclusion constraint on PostgreSQL, a
/// trigger on SQLite. Both name `session_overlap` in their error, which the server maps to 409.
async fn forbid_overlapping_sessions(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS btree_gist")
                .await?;
            db.execute_unprepared(
                "ALTER TABLE market_sessions ADD CONSTRAINT market_sessions_session_overlap \
                 EXCLUDE USING gist (site_id WITH =, tstzrange(starts_at, ends_at) WITH &&) \
                 WHERE (status = 'scheduled')",
            )
            .await?;
        }
        DatabaseBackend::Sqlite => {
            // Timestamps are stored as RFC 3339 text in UTC, so text order is time order.
            for (name, event, not_self) in [
                ("market_sessions_no_overlap_insert", "INSERT", ""),
                (
                    "market_sessions_no_overlap_update",
                    "UPDATE OF site_id, starts_at, ends_at, status",
                    "AND s.id <> NEW.id",
                ),
            ] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name} BEFORE {event} ON market_sessions \
                     WHEN NEW.status = 'scheduled' AND EXISTS (SELECT 1 FROM market_sessions s \
                       WHERE s.site_id = NEW.site_id AND s.status = 'scheduled' {not_self} \
                       AND s.starts_at < NEW.ends_at AND NEW.starts_at < s.ends_at) \
                     BEGIN SELECT RAISE(ABORT, 'session_overlap'); END"
                ))
                .await?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// A unique index.
async fn unique<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for &c in cols {
        index.col(c);
    }
    manager.create_index(index.to_owned()).await
}

/// A plain index.
async fn index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for &c in cols {
        index.col(c);
    }
    manager.create_index(index.to_owned()).await
}
