//! Nightly sales reports (营业额上报): one per booking, with the vouchers redeemed and the
//! helpers who worked; a per-session digest of them kept exact by triggers, so a year's
//! report reads one short row per session; the reminders sent; and each market's setting,
//! whether reporting is optional or required.
//!
//! `session_sales.entries` lists every report of the session as
//! `<vendor_id>[/<application_id>]:<sales_fen>:<voucher_fen>:<helpers>[!],` — `!` when the
//! night was flagged as an outlier. A vendor reports at most once per session (unique index),
//! so each entry occurs once and is removed by text replacement, as in `session_digests`.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

/// Adds `markets.sales_reporting`, `sales_reports`, `session_sales` with its triggers, and
/// `sales_reminders`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The digest entry of a report row (`OLD.` or `NEW.`), valid on both backends.
fn entry(row: &str) -> String {
    format!(
        "CAST({row}vendor_id AS TEXT) \
         || CASE WHEN {row}application_id IS NULL THEN '' ELSE '/' || CAST({row}application_id AS TEXT) END \
         || ':' || CAST({row}sales_fen AS TEXT) || ':' || CAST({row}voucher_fen AS TEXT) \
         || ':' || CAST({row}helpers AS TEXT) \
         || CASE WHEN {row}flagged THEN '!' ELSE '' END || ','"
    )
}

/// Removes `row`'s entry from its session's digest.
fn remove(row: &str) -> String {
    format!(
        "UPDATE session_sales SET entries = substr(replace(',' || entries, ',' || {}, ','), 2) \
         WHERE session_id = {row}session_id",
        entry(row)
    )
}

/// Appends `row`'s entry to its session's digest.
fn append(row: &str) -> String {
    format!(
        "INSERT INTO session_sales (session_id, entries) VALUES ({row}session_id, {}) \
         ON CONFLICT (session_id) DO UPDATE \
         SET entries = session_sales.entries || excluded.entries",
        entry(row)
    )
}

/// Bumps the `sales` revision counter of `row`'s session, so caches of open data (see
/// migration 000090) know a session's figures changed.
fn bump(row: &str) -> String {
    format!(
        "INSERT INTO revisions (scope, ref_id, n) VALUES ('sales', {row}session_id, 1) \
         ON CONFLICT (scope, ref_id) DO UPDATE SET n = revisions.n + 1"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let pg = manager.get_database_backend() == DatabaseBackend::Postgres;
        manager
            .alter_table(
                Table::alter()
                    .table(Markets::Table)
                    .add_column(string(Markets::SalesReporting).default("optional"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SalesReports::Table)
                    .col(pk_auto(SalesReports::Id))
                    .col(integer(SalesReports::BookingId))
                    .col(integer(SalesReports::SessionId))
                    .col(integer(SalesReports::VendorId))
                    .col(integer_null(SalesReports::ApplicationId))
                    .col(
                        big_integer(SalesReports::SalesFen)
                            .check(Expr::col(SalesReports::SalesFen).gte(0)),
                    )
                    .col(
                        big_integer(SalesReports::VoucherFen)
                            .check(Expr::col(SalesReports::VoucherFen).gte(0)),
                    )
                    .col(
                        integer(SalesReports::Helpers)
                            .check(Expr::col(SalesReports::Helpers).between(0, 20)),
                    )
                    .col(boolean(SalesReports::Flagged).default(false))
                    .col(integer_null(SalesReports::CreatedBy))
                    .col(timestamp_with_time_zone(SalesReports::CreatedAt))
                    .col(integer_null(SalesReports::UpdatedBy))
                    .col(timestamp_with_time_zone_null(SalesReports::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SalesReports::Table, SalesReports::SessionId)
                            .to(MarketSessions::Table, MarketSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SalesReports::Table, SalesReports::VendorId)
                            .to(Vendors::Table, Vendors::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SalesReminders::Table)
                    .col(integer(SalesReminders::BookingId).primary_key())
                    .col(integer(SalesReminders::UserId))
                    .col(timestamp_with_time_zone(SalesReminders::SentAt))
                    .to_owned(),
            )
            .await?;
        for index in [
            "CREATE UNIQUE INDEX sales_reports_booking ON sales_reports (booking_id)",
            "CREATE UNIQUE INDEX sales_reports_session_vendor ON sales_reports (session_id, vendor_id)",
            "CREATE INDEX sales_reports_vendor ON sales_reports (vendor_id, created_at)",
        ] {
            db.execute_unprepared(index).await?;
        }
        db.execute_unprepared(
            "CREATE TABLE session_sales (\
             session_id INTEGER NOT NULL PRIMARY KEY \
             REFERENCES market_sessions (id) ON DELETE CASCADE, \
             entries TEXT NOT NULL DEFAULT '')",
        )
        .await?;
        if pg {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION session_sales_sync() RETURNS trigger AS $$
                 BEGIN
                   IF TG_OP IN ('DELETE', 'UPDATE') THEN {}; {}; END IF;
                   IF TG_OP IN ('INSERT', 'UPDATE') THEN {}; {}; END IF;
                   RETURN NULL;
                 END; $$ LANGUAGE plpgsql;
                 CREATE TRIGGER sales_reports_session_sales
                 AFTER INSERT OR DELETE OR UPDATE ON sales_reports
                 FOR EACH ROW EXECUTE FUNCTION session_sales_sync();",
                remove("OLD."),
                bump("OLD."),
                append("NEW."),
                bump("NEW.")
            ))
            .await?;
        } else {
            for (name, event, body) in [
                (
                    "sales_reports_digest_insert",
                    "INSERT",
                    format!("{}; {}", append("NEW."), bump("NEW.")),
                ),
                (
                    "sales_reports_digest_delete",
                    "DELETE",
                    format!("{}; {}", remove("OLD."), bump("OLD.")),
                ),
                (
                    "sales_reports_digest_update",
                    "UPDATE",
                    format!("{}; {}; {}", remove("OLD."), append("NEW."), bump("NEW.")),
                ),
            ] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name} AFTER {event} ON sales_reports BEGIN {body}; END"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "DROP TRIGGER IF EXISTS sales_reports_session_sales ON sales_reports;
                 DROP FUNCTION IF EXISTS session_sales_sync();",
            )
            .await?;
        } else {
            for name in [
                "sales_reports_digest_insert",
                "sales_reports_digest_delete",
                "sales_reports_digest_update",
            ] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}"))
                    .await?;
            }
        }
        for table in ["sales_reminders", "session_sales", "sales_reports"] {
            db.execute_unprepared(&format!("DROP TABLE IF EXISTS {table}"))
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Markets::Table)
                    .drop_column(Markets::SalesReporting)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Markets {
    Table,
    SalesReporting,
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
enum SalesReports {
    Table,
    Id,
    BookingId,
    SessionId,
    VendorId,
    ApplicationId,
    SalesFen,
    VoucherFen,
    Helpers,
    Flagged,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SalesReminders {
    Table,
    BookingId,
    UserId,
    SentAt,
}
