//! After the last kill: compares the ledger with the database.

use crate::load::Ledger;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::HashSet;

/// What the database says.
#[derive(Debug, Default)]
pub struct Report {
    pub acked_bookings: usize,
    pub acked_applications: usize,
    pub missing_bookings: usize,
    pub missing_applications: usize,
    pub bookings_total: usize,
    pub applications_total: usize,
    pub bookings_unaudited: i64,
    pub applications_unaudited: i64,
    /// `ok`, or what `PRAGMA integrity_check` / the audit chain reported.
    pub integrity: String,
}

impl Report {
    /// Nothing lost, nothing unaudited, nothing corrupt.
    pub fn clean(&self) -> bool {
        self.missing_bookings == 0
            && self.missing_applications == 0
            && self.bookings_unaudited == 0
            && self.applications_unaudited == 0
            && self.integrity.starts_with("ok")
    }
}

async fn ids(db: &DatabaseConnection, sql: &str) -> anyhow::Result<HashSet<i64>> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|r| -> anyhow::Result<i64> { Ok(i64::from(r.try_get_by_index::<i32>(0)?)) })
        .collect()
}

async fn count(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    Ok(row.map_or(Ok(0), |r| r.try_get_by_index::<i64>(0))?)
}

/// The highest booking and application ids before the load starts.
pub async fn baseline(url: &str) -> anyhow::Result<(i64, i64)> {
    let db = nightmarket::db::connect(url, 2).await?;
    let bookings = count(
        &db,
        // BIGINT: PostgreSQL's MAX of an INTEGER column is an INT4, which `count` reads as i64.
        "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM (SELECT id FROM bookings UNION SELECT booking_id AS id FROM booking_history) b",
    )
    .await?;
    let applications = count(
        &db,
        "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM applications",
    )
    .await?;
    Ok((bookings, applications))
}

/// Opens the database the (now dead) server used and checks it; rows above `baseline` (the
/// ids before the load) must each have their audit row.
pub async fn run(url: &str, ledger: &Ledger, baseline: (i64, i64)) -> anyhow::Result<Report> {
    let db = nightmarket::db::connect(url, 2).await?;
    let book = ledger.book();
    // A cancelled booking moves to the history; the load cancels none, but a stored one counts.
    let bookings = ids(
        &db,
        "SELECT id FROM bookings UNION SELECT booking_id FROM booking_history",
    )
    .await?;
    let applications = ids(&db, "SELECT id FROM applications").await?;
    let unaudited = |table: &str, entity: &str, above: i64| {
        format!(
            "SELECT COUNT(*) FROM {table} t WHERE t.id > {above} AND NOT EXISTS \
             (SELECT 1 FROM audit_log a WHERE a.entity = '{entity}' AND a.entity_id = t.id)"
        )
    };
    let mut integrity = if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await?;
        row.map_or(Ok(String::from("no answer")), |r| {
            r.try_get_by_index::<String>(0)
        })?
    } else {
        "ok (PostgreSQL: no integrity_check)".to_owned()
    };
    match nightmarket::audit::verify(&db).await? {
        None => integrity.push_str("; audit chain intact"),
        Some(id) => integrity = format!("audit chain broken at row {id}"),
    }
    let report = Report {
        acked_bookings: book.bookings.len(),
        acked_applications: book.applications.len(),
        missing_bookings: book
            .bookings
            .iter()
            .filter(|id| !bookings.contains(id))
            .count(),
        missing_applications: book
            .applications
            .iter()
            .filter(|id| !applications.contains(id))
            .count(),
        bookings_total: bookings.len(),
        applications_total: applications.len(),
        bookings_unaudited: count(&db, &unaudited("bookings", "booking", baseline.0)).await?,
        applications_unaudited: count(&db, &unaudited("applications", "application", baseline.1))
            .await?,
        integrity,
    };
    db.close().await.ok();
    Ok(report)
}
