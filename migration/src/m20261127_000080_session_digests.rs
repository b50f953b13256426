//! A digest of each session's live bookings, kept exact by database triggers, so a year's
//! occupancy report reads one short row per session instead of a million bookings.
//!
//! `session_digests.entries` lists every live booking of the session as
//! `<vendor_id>[/<application_id>][+],` — `+` when checked in. A vendor books at most one stall
//! per session (unique index), so each entry occurs once and is removed by text replacement.
//! Triggers on `bookings` (insert, delete, and updates of the four columns the entry holds)
//! keep the digest in the same transaction as every booking change, whichever code (or SQL)
//! makes it (on PostgreSQL at commit, as a deferred constraint trigger). The category and priority group are looked up when a report is made, so vendor
//! and application edits need no upkeep here.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Adds `session_digests`, fills it from the bookings and installs the triggers.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The digest entry of a booking row (`OLD` or `NEW`), as an SQL expression valid on both
/// backends. The backfill below uses the same expression with an empty prefix.
fn entry(row: &str) -> String {
    format!(
        "CAST({row}vendor_id AS TEXT) \
         || CASE WHEN {row}application_id IS NULL THEN '' ELSE '/' || CAST({row}application_id AS TEXT) END \
         || CASE WHEN {row}checked_in_at IS NULL THEN '' ELSE '+' END || ','"
    )
}

/// Removes `row`'s entry from its session's digest.
fn remove(row: &str) -> String {
    format!(
        "UPDATE session_digests SET entries = substr(replace(',' || entries, ',' || {}, ','), 2) \
         WHERE session_id = {row}session_id",
        entry(row)
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE session_digests (\
             session_id INTEGER NOT NULL PRIMARY KEY \
             REFERENCES market_sessions (id) ON DELETE CASCADE, \
             entries TEXT NOT NULL DEFAULT '')",
        )
        .await?;
        let concat = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "string_agg",
            _ => "group_concat",
        };
        db.execute_unprepared(&format!(
            "INSERT INTO session_digests (session_id, entries) \
             SELECT session_id, {concat}({}, '') FROM bookings GROUP BY session_id",
            entry("")
        ))
        .await?;
        let append = |row: &str| {
            format!(
                "INSERT INTO session_digests (session_id, entries) VALUES ({row}session_id, {}) \
                 ON CONFLICT (session_id) DO UPDATE \
                 SET entries = session_digests.entries || excluded.entries",
                entry(row)
            )
        };
        match manager.get_database_backend() {
            // Deferred to commit: the session's digest row is locked only at the very end of
            // a booking transaction (after its audit-chain lock), so 200 vendors racing for
            // one session do not queue on it while they place their bookings.
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION session_digests_sync() RETURNS trigger AS $$
                     BEGIN
                       IF TG_OP IN ('DELETE', 'UPDATE') THEN {}; END IF;
                       IF TG_OP IN ('INSERT', 'UPDATE') THEN {}; END IF;
                       RETURN NULL;
                     END; $$ LANGUAGE plpgsql;
                     CREATE CONSTRAINT TRIGGER bookings_session_digest
                     AFTER INSERT OR DELETE OR UPDATE OF session_id, vendor_id, application_id, checked_in_at
                     ON bookings DEFERRABLE INITIALLY DEFERRED
                     FOR EACH ROW EXECUTE FUNCTION session_digests_sync();",
                    remove("OLD."),
                    append("NEW.")
                ))
                .await?;
            }
            _ => {
                for (name, event, body) in [
                    ("bookings_digest_insert", "INSERT", append("NEW.")),
                    ("bookings_digest_delete", "DELETE", remove("OLD.")),
                    (
                        "bookings_digest_update",
                        "UPDATE OF session_id, vendor_id, application_id, checked_in_at",
                        format!("{}; {}", remove("OLD."), append("NEW.")),
                    ),
                ] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {name} AFTER {event} ON bookings BEGIN {body}; END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "DROP TRIGGER IF EXISTS bookings_session_digest ON bookings;
                     DROP FUNCTION IF EXISTS session_digests_sync();",
                )
                .await?;
            }
            _ => {
                for name in [
                    "bookings_digest_insert",
                    "bookings_digest_delete",
                    "bookings_digest_update",
                ] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}"))
                        .await?;
                }
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS session_digests")
            .await?;
        Ok(())
    }
}
