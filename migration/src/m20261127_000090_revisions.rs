//! Revision counters that database triggers bump whenever what a plan page shows changes, so a
//! server process may keep a rendered plan in memory and check it with one indexed read.
//!
//! `revisions (scope, ref_id, n)`:
//! - `site`, site id: its stalls, zones or accepted layout changed;
//! - `session`, session id: one of its bookings was placed, changed or removed;
//! - `market`, market id: its categories changed;
//! - `people`, 0: a vendor's name or category, or an application's category, changed.
//!
//! Triggers, not application code, bump them, so every writer — handlers, the allocation
//! publisher, the seed, a clerk's hand-written SQL — keeps every process's cache honest. On
//! PostgreSQL the booking trigger is deferred to commit (as the session digest is), so racing
//! bookers do not queue on the counter row while they place their bookings.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Adds `revisions` and its triggers.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The statement that bumps the counter of `scope` for the row id `id` (an SQL expression).
fn bump(scope: &str, id: &str) -> String {
    format!(
        "INSERT INTO revisions (scope, ref_id, n) VALUES ('{scope}', {id}, 1) \
         ON CONFLICT (scope, ref_id) DO UPDATE SET n = revisions.n + 1"
    )
}

/// One trigger: its name, table, events, and the row-id expressions for `OLD` and `NEW`.
struct Watch {
    name: &'static str,
    table: &'static str,
    scope: &'static str,
    /// `INSERT OR UPDATE OR DELETE` on PostgreSQL; SQLite needs one trigger per event.
    events: &'static [&'static str],
    /// The column holding the id the scope counts by (`None` for the single `people` counter).
    column: Option<&'static str>,
    /// Deferred to commit on PostgreSQL.
    deferred: bool,
}

const WATCHES: &[Watch] = &[
    Watch {
        name: "stalls_revision",
        table: "stalls",
        scope: "site",
        events: &["INSERT", "UPDATE", "DELETE"],
        column: Some("site_id"),
        deferred: false,
    },
    Watch {
        name: "zones_revision",
        table: "zones",
        scope: "site",
        events: &["INSERT", "UPDATE", "DELETE"],
        column: Some("site_id"),
        deferred: false,
    },
    Watch {
        name: "site_layouts_revision",
        table: "site_layouts",
        scope: "site",
        events: &["INSERT", "UPDATE", "DELETE"],
        column: Some("site_id"),
        deferred: false,
    },
    Watch {
        name: "bookings_revision",
        table: "bookings",
        scope: "session",
        events: &["INSERT", "UPDATE", "DELETE"],
        column: Some("session_id"),
        deferred: true,
    },
    Watch {
        name: "market_categories_revision",
        table: "market_categories",
        scope: "market",
        events: &["INSERT", "UPDATE", "DELETE"],
        column: Some("market_id"),
        deferred: false,
    },
    Watch {
        name: "vendors_revision",
        table: "vendors",
        scope: "people",
        events: &["UPDATE OF name, category"],
        column: None,
        deferred: false,
    },
    Watch {
        name: "applications_revision",
        table: "applications",
        scope: "people",
        events: &["UPDATE OF category"],
        column: None,
        deferred: false,
    },
];

/// The bump statements for one event, for the rows the event has (`OLD`, `NEW` or both).
fn bumps(watch: &Watch, event: &str, old: &str, new: &str) -> Vec<String> {
    let Some(column) = watch.column else {
        return vec![bump(watch.scope, "0")];
    };
    let mut out = Vec::new();
    if !event.starts_with("INSERT") {
        out.push(bump(watch.scope, &format!("{old}{column}")));
    }
    if !event.starts_with("DELETE") {
        out.push(bump(watch.scope, &format!("{new}{column}")));
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE revisions (\
             scope TEXT NOT NULL, ref_id INTEGER NOT NULL, n BIGINT NOT NULL DEFAULT 0, \
             PRIMARY KEY (scope, ref_id))",
        )
        .await?;
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        for watch in WATCHES {
            if postgres {
                let body: Vec<String> = if watch.column.is_some() {
                    vec![
                        format!(
                            "IF TG_OP IN ('UPDATE', 'DELETE') THEN {}; END IF",
                            bumps(watch, "DELETE", "OLD.", "NEW.").join("; ")
                        ),
                        format!(
                            "IF TG_OP IN ('INSERT', 'UPDATE') THEN {}; END IF",
                            bumps(watch, "INSERT", "OLD.", "NEW.").join("; ")
                        ),
                    ]
                } else {
                    bumps(watch, "UPDATE", "OLD.", "NEW.")
                };
                let events = watch.events.join(" OR ");
                let (kind, timing) = if watch.deferred {
                    ("CONSTRAINT TRIGGER", "DEFERRABLE INITIALLY DEFERRED")
                } else {
                    ("TRIGGER", "")
                };
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION {name}_bump() RETURNS trigger AS $$
                     BEGIN {body}; RETURN NULL; END; $$ LANGUAGE plpgsql;
                     CREATE {kind} {name} AFTER {events} ON {table} {timing}
                     FOR EACH ROW EXECUTE FUNCTION {name}_bump();",
                    name = watch.name,
                    body = body.join("; "),
                    table = watch.table,
                ))
                .await?;
            } else {
                for (i, event) in watch.events.iter().enumerate() {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {name}_{i} AFTER {event} ON {table} BEGIN {body}; END",
                        name = watch.name,
                        table = watch.table,
                        body = bumps(watch, event, "OLD.", "NEW.").join("; "),
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        for watch in WATCHES {
            if postgres {
                db.execute_unprepared(&format!(
                    "DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}_bump();",
                    name = watch.name,
                    table = watch.table
                ))
                .await?;
            } else {
                for i in 0..watch.events.len() {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {}_{i}", watch.name))
                        .await?;
                }
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS revisions")
            .await?;
        Ok(())
    }
}
