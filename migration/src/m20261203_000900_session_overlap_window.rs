//! SQLite's guard against overlapping sessions on one site, bounded in time. The trigger of
//! `m20261127_000004_markets` scanned every earlier session of the site (`starts_at <
//! NEW.ends_at` alone bounds the index range from above only), so each insert or move cost a
//! walk over the site's whole history: on a site with a few thousand sessions, new hours for
//! 1,000 sessions took 2.4 s and creating a 2,000-session rota over a second. A session is
//! shorter than a day (a segment's window, crossing midnight at most once), so a session that
//! overlaps a new one starts after the new one's start less a day; the trigger now also asks
//! `starts_at >= date(NEW.starts_at, '-2 days')`, a day of margin, and the index on
//! `(site_id, starts_at)` reads only those. Timestamps are RFC 3339 text in UTC, so the bare
//! date sorts before every time of that day; a value `date()` cannot read gives NULL, and the
//! `COALESCE` then falls back to the full scan rather than to no check. PostgreSQL keeps its
//! exclusion constraint.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Replaces the two SQLite overlap triggers with bounded ones.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The two triggers with `window` added to their lookup.
async fn install(manager: &SchemaManager<'_>, window: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for (name, event, not_self) in [
        ("market_sessions_no_overlap_insert", "INSERT", ""),
        (
            "market_sessions_no_overlap_update",
            "UPDATE OF site_id, starts_at, ends_at, status",
            "AND s.id <> NEW.id",
        ),
    ] {
        // One batch, so one connection drops and creates: another connection of the pool
        // may still hold a read snapshot in which the old trigger exists.
        db.execute_unprepared(&format!(
            "DROP TRIGGER IF EXISTS {name}; CREATE TRIGGER {name} BEFORE {event} ON market_sessions \
             WHEN NEW.status = 'scheduled' AND EXISTS (SELECT 1 FROM market_sessions s \
               WHERE s.site_id = NEW.site_id AND s.status = 'scheduled' {not_self} \
               {window} AND s.starts_at < NEW.ends_at AND NEW.starts_at < s.ends_at) \
             BEGIN SELECT RAISE(ABORT, 'session_overlap'); END"
        ))
        .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        install(
            manager,
            "AND s.starts_at >= COALESCE(date(NEW.starts_at, '-2 days'), '')",
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        install(manager, "").await
    }
}
