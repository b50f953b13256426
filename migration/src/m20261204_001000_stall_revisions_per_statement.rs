//! On PostgreSQL, the site's revision counter is bumped once per statement on `stalls`, not
//! once per row. A layout writes a site's stalls in bulk: deleting and inserting 4,000 of them
//! bumped the same `revisions` row 8,000 times in one transaction, and each bump had to walk
//! past every version the transaction had left behind, so a re-layout of a 35,000 m² park
//! spent 0.8 s in the trigger alone (SQLite updates the row in place and is unaffected). A
//! statement trigger reads the rows it touched from its transition table and bumps each site
//! once. PostgreSQL allows a transition table only on a single-event trigger, hence three.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Replaces `stalls_revision` (row level) with three statement-level triggers on PostgreSQL.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The bump of every site among `rows` (a transition table or a query over them).
fn bump_sites(rows: &str) -> String {
    format!(
        "INSERT INTO revisions (scope, ref_id, n) \
         SELECT DISTINCT 'site', site_id, 1 FROM {rows} AS touched \
         ON CONFLICT (scope, ref_id) DO UPDATE SET n = revisions.n + 1"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let both = "(SELECT site_id FROM old_rows UNION SELECT site_id FROM new_rows)";
        let mut sql = String::from(
            "DROP TRIGGER IF EXISTS stalls_revision ON stalls; \
             DROP FUNCTION IF EXISTS stalls_revision_bump();",
        );
        for (event, rows, referencing) in [
            ("INSERT", "new_rows", "NEW TABLE AS new_rows"),
            ("DELETE", "old_rows", "OLD TABLE AS old_rows"),
            (
                "UPDATE",
                both,
                "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            ),
        ] {
            let name = format!("stalls_revision_{}", event.to_lowercase());
            sql.push_str(&format!(
                "CREATE FUNCTION {name}() RETURNS trigger AS $$ \
                 BEGIN {bump}; RETURN NULL; END; $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER {name} AFTER {event} ON stalls REFERENCING {referencing} \
                 FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
                bump = bump_sites(rows),
            ));
        }
        // One batch: no connection of the pool sees the table between the two triggers.
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let bump = |row: &str| {
            format!(
                "INSERT INTO revisions (scope, ref_id, n) VALUES ('site', {row}.site_id, 1) \
                 ON CONFLICT (scope, ref_id) DO UPDATE SET n = revisions.n + 1"
            )
        };
        let mut sql = String::new();
        for event in ["insert", "delete", "update"] {
            sql.push_str(&format!(
                "DROP TRIGGER IF EXISTS stalls_revision_{event} ON stalls; \
                 DROP FUNCTION IF EXISTS stalls_revision_{event}();"
            ));
        }
        sql.push_str(&format!(
            "CREATE FUNCTION stalls_revision_bump() RETURNS trigger AS $$ \
             BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN {old}; END IF; \
             IF TG_OP IN ('INSERT', 'UPDATE') THEN {new}; END IF; RETURN NULL; END; $$ \
             LANGUAGE plpgsql; \
             CREATE TRIGGER stalls_revision AFTER INSERT OR UPDATE OR DELETE ON stalls \
             FOR EACH ROW EXECUTE FUNCTION stalls_revision_bump();",
            old = bump("OLD"),
            new = bump("NEW"),
        ));
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }
}
