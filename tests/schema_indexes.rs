//! Every foreign key into a table whose rows go in bulk has an index on its child column: a
//! re-layout deletes a site's stalls by the thousand, a rota change its sessions. Without the
//! index each deleted parent row scans the whole child table (the key is checked or cascaded),
//! and with a county year of bookings a re-layout of a large park ran past the request timeout.

use crate::support::TestApp;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use std::collections::BTreeSet;

/// Parents whose rows are deleted in bulk.
const BULK_PARENTS: &[&str] = &["stalls", "market_sessions"];

/// (child table, child column, parent table) of every single-column foreign key, and whether an
/// index of the child table starts with that column (on SQLite a one-column primary key counts:
/// it is the rowid or has its own index).
async fn foreign_keys(app: &TestApp) -> Vec<(String, String, String, bool)> {
    let db = app.conn();
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT c.conrelid::regclass::text, a.attname::text, c.confrelid::regclass::text, \
             EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid \
                     AND i.indkey[0] = c.conkey[1]) \
             FROM pg_constraint c \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1"
        }
        _ => {
            "SELECT m.name, f.\"from\", f.\"table\", EXISTS (\
               SELECT 1 FROM pragma_index_list(m.name) il \
               JOIN pragma_index_info(il.name) ii WHERE ii.seqno = 0 AND ii.name = f.\"from\") \
             OR (EXISTS (SELECT 1 FROM pragma_table_info(m.name) t \
                         WHERE t.name = f.\"from\" AND t.pk = 1) \
                 AND (SELECT count(*) FROM pragma_table_info(m.name) t WHERE t.pk > 0) = 1) \
             FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.seq = 0 \
               AND NOT EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) g \
                               WHERE g.id = f.id AND g.seq > 0)"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("foreign keys");
    rows.iter()
        .map(|r| {
            let indexed: bool = r
                .try_get_by_index::<bool>(3)
                .or_else(|_| r.try_get_by_index::<i64>(3).map(|n| n != 0))
                .expect("indexed");
            (
                r.try_get_by_index(0).expect("child"),
                r.try_get_by_index(1).expect("column"),
                r.try_get_by_index(2).expect("parent"),
                indexed,
            )
        })
        .collect()
}

#[tokio::test]
async fn every_key_into_stalls_and_sessions_is_indexed_on_its_child_column() {
    let app = TestApp::new().await;
    let keys = foreign_keys(&app).await;
    let into_bulk: Vec<_> = keys
        .iter()
        .filter(|k| BULK_PARENTS.contains(&k.2.as_str()))
        .collect();
    // The query sees the keys at all: bookings point at both.
    let children: BTreeSet<&str> = into_bulk.iter().map(|k| k.0.as_str()).collect();
    assert!(
        children.contains("bookings") && children.contains("offers"),
        "{keys:?}"
    );
    let missing: Vec<String> = into_bulk
        .iter()
        .filter(|k| !k.3)
        .map(|k| format!("{}.{} → {}", k.0, k.1, k.2))
        .collect();
    assert!(missing.is_empty(), "no index on {missing:?}");
}
