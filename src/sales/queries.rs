//! What the sales pages list: a vendor's recent nights, a session's bookings, flagged nights
//! and each market's setting.

use super::report::{CORRECTION_DAYS, reports_of_bookings};
use crate::db::Sql;
use crate::error::AppResult;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::market_sessions::SessionStatus;
use entity::sales_reports::{self, SalesReporting};
use sea_orm::{ConnectionTrait, QueryResult};
use std::collections::HashMap;

/// One booked night and its report, if any.
#[derive(Debug, Clone)]
pub struct Night {
    /// The booking.
    pub booking_id: i32,
    /// The business date.
    pub date: NaiveDate,
    /// The segment.
    pub segment: String,
    /// The market's name.
    pub market: String,
    /// The stall's code.
    pub stall_code: String,
    /// The vendor's name (on a manager's list).
    pub vendor_name: Option<String>,
    /// Whether the session has started (reports open then).
    pub started: bool,
    /// The report filed.
    pub report: Option<sales_reports::Model>,
}

const NIGHT_COLUMNS: &str = "SELECT b.id, s.business_date, s.segment, m.name, st.code, v.name, s.starts_at \
     FROM bookings b JOIN market_sessions s ON s.id = b.session_id \
     JOIN markets m ON m.id = s.market_id JOIN stalls st ON st.id = b.stall_id \
     JOIN vendors v ON v.id = b.vendor_id WHERE s.status = ";

async fn nights(db: &impl ConnectionTrait, sql: Sql, with_names: bool) -> AppResult<Vec<Night>> {
    let rows = db.query_all_raw(sql.build()).await?;
    let now = Utc::now();
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let starts: DateTime<Utc> = r.try_get_by_index(6)?;
        out.push(Night {
            booking_id: r.try_get_by_index(0)?,
            date: r.try_get_by_index(1)?,
            segment: r.try_get_by_index(2)?,
            market: r.try_get_by_index(3)?,
            stall_code: r.try_get_by_index(4)?,
            vendor_name: if with_names {
                Some(r.try_get_by_index(5)?)
            } else {
                None
            },
            started: now >= starts,
            report: None,
        });
    }
    let ids: Vec<i32> = out.iter().map(|n| n.booking_id).collect();
    let mut reports: HashMap<i32, sales_reports::Model> = reports_of_bookings(db, &ids)
        .await?
        .into_iter()
        .map(|r| (r.booking_id, r))
        .collect();
    for n in &mut out {
        n.report = reports.remove(&n.booking_id);
    }
    Ok(out)
}

/// A vendor's booked nights from a week ago to today, newest first.
pub async fn vendor_nights(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    today: NaiveDate,
) -> AppResult<Vec<Night>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(NIGHT_COLUMNS)
        .bind(SessionStatus::Scheduled.as_str())
        .push(" AND b.vendor_id = ")
        .bind(vendor_id)
        .push(" AND s.business_date >= ")
        .bind(today - Duration::days(CORRECTION_DAYS))
        .push(" AND s.business_date <= ")
        .bind(today)
        .push(" ORDER BY s.starts_at DESC");
    nights(db, sql, false).await
}

/// The bookings of one session, by stall code.
pub async fn session_nights(db: &impl ConnectionTrait, session_id: i32) -> AppResult<Vec<Night>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(NIGHT_COLUMNS)
        .bind(SessionStatus::Scheduled.as_str())
        .push(" AND s.id = ")
        .bind(session_id)
        .push(" ORDER BY st.code");
    nights(db, sql, true).await
}

/// Markets (id, name, setting) the caller manages (`None`: all).
pub async fn markets_with_setting(
    db: &impl ConnectionTrait,
    visible: Option<&[i32]>,
) -> AppResult<Vec<(i32, String, SalesReporting)>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mut q = entity::markets::Entity::find().order_by_asc(entity::markets::Column::Id);
    if let Some(v) = visible {
        q = q.filter(entity::markets::Column::Id.is_in(v.iter().copied()));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name, m.sales_reporting))
        .collect())
}

/// A flagged night for the manager.
#[derive(Debug, Clone)]
pub struct Flagged {
    /// The report.
    pub report_id: i32,
    /// The session.
    pub session_id: i32,
    /// Its date.
    pub date: NaiveDate,
    /// The vendor's name.
    pub vendor_name: String,
    /// The night's sales.
    pub sales_fen: i64,
    /// The median of the vendor's other reports, when there are enough to have one.
    pub median_fen: Option<i64>,
}

/// Flagged nights of the last 30 days in the visible markets, and flagged reports filed or
/// changed in the last 30 days whatever their night (a late report for an old night changes
/// old figures), newest night first, with each vendor's median over their other reports.
pub async fn flagged(
    db: &impl ConnectionTrait,
    visible: Option<&[i32]>,
    today: NaiveDate,
) -> AppResult<Vec<Flagged>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT r.id, r.session_id, s.business_date, v.name, r.sales_fen, r.vendor_id \
         FROM sales_reports r JOIN market_sessions s ON s.id = r.session_id \
         JOIN vendors v ON v.id = r.vendor_id WHERE r.flagged = ",
    )
    .bind(true)
    .push(" AND (s.business_date >= ")
    .bind(today - Duration::days(30))
    .push(" OR r.created_at >= ")
    .bind(chrono::Utc::now() - Duration::days(30))
    .push(" OR r.updated_at >= ")
    .bind(chrono::Utc::now() - Duration::days(30))
    .push(")");
    if let Some(v) = visible {
        if v.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = v.iter().map(i32::to_string).collect();
        sql.push(&format!(" AND s.market_id IN ({})", list.join(",")));
    }
    sql.push(" ORDER BY s.business_date DESC, r.id DESC");
    let rows: Vec<QueryResult> = db.query_all_raw(sql.build()).await?;
    let mut out = Vec::new();
    for r in rows.iter().take(200) {
        let report_id: i32 = r.try_get_by_index(0)?;
        let vendor: i32 = r.try_get_by_index(5)?;
        let mut q = Sql::new(db.get_database_backend());
        q.push("SELECT sales_fen FROM sales_reports WHERE vendor_id = ")
            .bind(vendor)
            .push(" AND id <> ")
            .bind(report_id);
        let mut others = db
            .query_all_raw(q.build())
            .await?
            .iter()
            .map(|row| row.try_get_by_index::<i64>(0))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Flagged {
            report_id,
            session_id: r.try_get_by_index(1)?,
            date: r.try_get_by_index(2)?,
            vendor_name: r.try_get_by_index(3)?,
            sales_fen: r.try_get_by_index(4)?,
            median_fen: (others.len() >= super::checks::OUTLIER_MIN_REPORTS)
                .then(|| super::checks::lower_median(&mut others))
                .flatten(),
        });
    }
    Ok(out)
}
