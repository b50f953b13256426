//! The figures of the bureau's dashboard, each one `GROUP BY` or `COUNT` in the database.

use super::occupancy::{OccupancyReport, OccupancyTotals, active_stalls, occupancy};
use super::params::{Filters, GroupBy};
use super::sql::{Sql, VENDOR_JOINS, date_literal, session_where, vendor_where};
use crate::vendors::categories::PRIORITY_GROUPS;
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, QueryResult};

/// Everything the dashboard shows for a period and filters.
#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    /// Markets with a scheduled session in the period.
    pub markets: u64,
    /// Sites with a scheduled session in the period.
    pub sites: u64,
    /// Active stalls on those sites (设定摊位).
    pub stalls: u64,
    /// Sessions, stall-sessions, booked, checked in, occupancy, distinct vendors.
    pub totals: OccupancyTotals,
    /// Vendors whose first booking in the visible markets falls in the period.
    pub new_vendors: u64,
    /// Distinct vendors per priority group code.
    pub by_priority: Vec<(&'static str, u64)>,
    /// Bookings cancelled by the vendor.
    pub cancelled_by_vendor: u64,
    /// Bookings cancelled by a manager.
    pub cancelled_by_manager: u64,
    /// Sessions cancelled.
    pub sessions_cancelled: u64,
    /// Bookings without a check-in on business dates before today.
    pub no_shows: u64,
    /// Applications received for the period (overlapping it), and by status.
    pub applications: u64,
    /// Approved.
    pub approved: u64,
    /// Waitlisted.
    pub waitlisted: u64,
    /// Rejected.
    pub rejected: u64,
    /// By site.
    pub by_site: OccupancyReport,
    /// By segment (morning versus evening).
    pub by_segment: OccupancyReport,
    /// By category (format mix).
    pub by_category: OccupancyReport,
    /// By week (or by month for periods over 16 weeks).
    pub by_period: OccupancyReport,
    /// Which grouping `by_period` uses.
    pub period_group: GroupBy,
}

impl Dashboard {
    /// Checked in / booked, 0 when nothing was booked.
    pub fn attendance(&self) -> f64 {
        super::occupancy::rate(self.totals.checked_in, self.totals.booked)
    }
}

fn n(row: &QueryResult, i: usize) -> Result<u64, DbErr> {
    Ok(row.try_get_by_index::<Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

async fn one(db: &impl ConnectionTrait, sql: Sql) -> Result<Option<QueryResult>, DbErr> {
    db.query_one_raw(sql.build()).await
}

/// Computes the dashboard; `today` decides which bookings are no-shows.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    f: &Filters,
    today: NaiveDate,
) -> Result<Dashboard, DbErr> {
    let backend = db.get_database_backend();
    let mut d = Dashboard {
        period_group: if (f.to - f.from).num_days() > 16 * 7 {
            GroupBy::Month
        } else {
            GroupBy::Week
        },
        ..Default::default()
    };
    d.by_site = occupancy(db, GroupBy::Site, f).await?;
    d.totals = d.by_site.totals.clone();
    d.by_segment = occupancy(db, GroupBy::Segment, f).await?;
    d.by_category = occupancy(db, GroupBy::Category, f).await?;
    d.by_period = occupancy(db, d.period_group, f).await?;

    // Markets and sites operating; stalls offered on those sites.
    let mut sql = Sql::new(backend);
    sql.push("SELECT DISTINCT s.market_id, s.site_id FROM market_sessions s");
    session_where(&mut sql, f);
    let pairs = db.query_all_raw(sql.build()).await?;
    let mut markets = std::collections::BTreeSet::new();
    let mut sites = std::collections::BTreeSet::new();
    for p in &pairs {
        markets.insert(p.try_get_by_index::<i32>(0)?);
        sites.insert(p.try_get_by_index::<i32>(1)?);
    }
    let stalls = active_stalls(db).await?;
    d.markets = markets.len() as u64;
    d.sites = sites.len() as u64;
    d.stalls = sites
        .iter()
        .map(|s| stalls.get(s).copied().unwrap_or(0))
        .sum();

    // Vendors by priority group, and no-shows, in one pass over the bookings.
    let mut sql = Sql::new(backend);
    sql.push("SELECT ");
    for g in PRIORITY_GROUPS {
        sql.push(&format!(
            "COUNT(DISTINCT CASE WHEN v.priority_groups LIKE '%\"{}\"%' THEN b.vendor_id END), ",
            g.code
        ));
    }
    sql.push(&format!(
        "SUM(CASE WHEN b.checked_in_at IS NULL AND s.business_date < {} THEN 1 ELSE 0 END) \
         FROM bookings b JOIN market_sessions s ON s.id = b.session_id",
        date_literal(today)
    ));
    sql.push(VENDOR_JOINS);
    session_where(&mut sql, f);
    vendor_where(&mut sql, f);
    if let Some(row) = one(db, sql).await? {
        for (i, g) in PRIORITY_GROUPS.iter().enumerate() {
            d.by_priority.push((g.code, n(&row, i)?));
        }
        d.no_shows = n(&row, PRIORITY_GROUPS.len())?;
    }

    // New vendors: first booking (in the visible markets and filters) inside the period.
    let mut sql = Sql::new(backend);
    let mut since_ever = f.clone();
    since_ever.from = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(f.from);
    sql.push(
        "SELECT COUNT(*) FROM (SELECT b.vendor_id, MIN(s.business_date) AS first_date \
         FROM bookings b JOIN market_sessions s ON s.id = b.session_id",
    );
    sql.push(VENDOR_JOINS);
    session_where(&mut sql, &since_ever);
    vendor_where(&mut sql, f);
    sql.push(&format!(
        " GROUP BY b.vendor_id) firsts WHERE firsts.first_date >= {}",
        date_literal(f.from)
    ));
    if let Some(row) = one(db, sql).await? {
        d.new_vendors = n(&row, 0)?;
    }

    // Cancelled bookings (vendor or manager) of scheduled sessions in the period.
    let mut sql = Sql::new(backend);
    sql.push(
        "SELECT SUM(CASE WHEN b.reason = 'cancelled_by_vendor' THEN 1 ELSE 0 END), \
         SUM(CASE WHEN b.reason = 'cancelled_by_manager' THEN 1 ELSE 0 END) \
         FROM booking_history b JOIN market_sessions s ON s.id = b.session_id",
    );
    sql.push(VENDOR_JOINS);
    session_where(&mut sql, f);
    vendor_where(&mut sql, f);
    if let Some(row) = one(db, sql).await? {
        d.cancelled_by_vendor = n(&row, 0)?;
        d.cancelled_by_manager = n(&row, 1)?;
    }

    // Cancelled sessions.
    let mut sql = Sql::new(backend);
    sql.push("SELECT COUNT(*) FROM market_sessions s");
    session_where(&mut sql, f);
    sql.text = sql
        .text
        .replacen("s.status = 'scheduled'", "s.status = 'cancelled'", 1);
    if let Some(row) = one(db, sql).await? {
        d.sessions_cancelled = n(&row, 0)?;
    }

    // Applications whose dates overlap the period, by status.
    let mut sql = Sql::new(backend);
    sql.push(&format!(
        "SELECT COUNT(*), \
         SUM(CASE WHEN a.status = 'approved' THEN 1 ELSE 0 END), \
         SUM(CASE WHEN a.status = 'waitlisted' THEN 1 ELSE 0 END), \
         SUM(CASE WHEN a.status = 'rejected' THEN 1 ELSE 0 END) \
         FROM applications a JOIN vendors v ON v.id = a.vendor_id \
         WHERE a.date_from <= {} AND a.date_to >= {}",
        date_literal(f.to),
        date_literal(f.from)
    ));
    if let Some(markets) = &f.visible_markets {
        let list: Vec<String> = markets.iter().map(i32::to_string).collect();
        if list.is_empty() {
            sql.push(" AND 1 = 0");
        } else {
            sql.push(&format!(" AND a.market_id IN ({})", list.join(",")));
        }
    }
    if let Some(m) = f.market {
        sql.push(&format!(" AND a.market_id = {m}"));
    }
    if let Some(c) = &f.category {
        sql.push(" AND a.category = ").bind(c.clone());
    }
    if let Some(g) = &f.priority_group {
        sql.push(" AND v.priority_groups LIKE ")
            .bind(format!("%\"{g}\"%"));
    }
    if let Some(row) = one(db, sql).await? {
        d.applications = n(&row, 0)?;
        d.approved = n(&row, 1)?;
        d.waitlisted = n(&row, 2)?;
        d.rejected = n(&row, 3)?;
    }
    Ok(d)
}
