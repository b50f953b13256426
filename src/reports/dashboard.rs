//! The figures of the bureau's dashboard: live bookings counted from one read of the
//! period's session digests, cancellations and applications by `COUNT` in the database.

use super::digest::{Digest, Lookup, VendorSet};
use super::digest_cache::DigestCache;
use super::occupancy::{OccupancyReport, OccupancyTotals, active_stalls, count, labels};
use super::params::{Filters, GroupBy};
use super::sql::{
    Sql, VENDOR_JOINS, date_literal, session_where, session_where_in, state_literal, vendor_where,
};
use crate::vendors::categories::PRIORITY_GROUPS;
use chrono::NaiveDate;
use entity::applications::ApplicationStatus;
use entity::booking_history::CancelReason;
use entity::market_sessions::SessionStatus;
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use std::collections::{BTreeSet, HashMap};

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
    /// Bookings without a check-in in sessions that have started (DESIGN: a no-show).
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
    /// Checked in / (checked in + no-shows): the bookings that were due, as a vendor's own
    /// attendance rate counts them; a night still to come is not due. 0 when none was.
    pub fn attendance(&self) -> f64 {
        super::occupancy::rate(
            self.totals.checked_in,
            self.totals.checked_in + self.no_shows,
        )
    }
}

fn n(row: &QueryResult, i: usize) -> Result<u64, DbErr> {
    Ok(row.try_get_by_index::<Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

async fn one(db: &impl ConnectionTrait, sql: Sql) -> Result<Option<QueryResult>, DbErr> {
    db.query_one_raw(sql.build()).await
}

/// Computes the dashboard; `now` decides which bookings are no-shows.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    cache: &DigestCache,
    f: &Filters,
    now: chrono::DateTime<chrono::Utc>,
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
    // Every figure about live bookings comes from one read of the period's session digests.
    let stalls = active_stalls(db).await?;
    let lookup = Lookup::load(db, f, true).await?;
    let digest = Digest::load(db, cache, f, &lookup).await?;
    let no_names = HashMap::new();
    d.by_site = count(
        &digest,
        GroupBy::Site,
        &stalls,
        &labels(db, GroupBy::Site).await?,
    );
    d.totals = d.by_site.totals.clone();
    d.by_segment = count(&digest, GroupBy::Segment, &stalls, &no_names);
    d.by_category = count(&digest, GroupBy::Category, &stalls, &no_names);
    d.by_period = count(&digest, d.period_group, &stalls, &no_names);

    // Markets and sites operating; stalls offered on those sites.
    let markets: BTreeSet<i32> = digest.sessions.iter().map(|s| s.market_id).collect();
    let sites: BTreeSet<i32> = digest.sessions.iter().map(|s| s.site_id).collect();
    d.markets = markets.len() as u64;
    d.sites = sites.len() as u64;
    d.stalls = sites
        .iter()
        .map(|s| stalls.get(s).copied().unwrap_or(0))
        .sum();

    // No-shows: bookings without a check-in once their session has started — as the session
    // page and the sessions API count them, so the same night reads the same everywhere.
    d.no_shows = digest
        .sessions
        .iter()
        .filter(|s| s.starts_at <= now)
        .flat_map(|s| &s.bookings)
        .filter(|b| !b.checked_in)
        .count() as u64;

    // Vendors by priority group (the same test as the filter: the JSON text holds `"code"`).
    let vendors = digest.vendors();
    let mut sql = Sql::new(backend);
    sql.push("SELECT id, priority_groups FROM vendors WHERE priority_groups LIKE '%\"%'");
    let mut groups_of: HashMap<u32, String> = HashMap::new();
    for row in db.query_all_raw(sql.build()).await? {
        let id: i32 = row.try_get_by_index(0)?;
        groups_of.insert(id.max(0) as u32, row.try_get_by_index(1)?);
    }
    for g in PRIORITY_GROUPS {
        let code = format!("\"{}\"", g.code);
        let n = vendors
            .iter()
            .filter(|v| groups_of.get(v).is_some_and(|gs| gs.contains(&code)))
            .count();
        d.by_priority.push((g.code, n as u64));
    }

    // New vendors: booked in the period (visible markets and filters) and never before it.
    let mut before = f.clone();
    before.from = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(f.from);
    before.to = f.from.pred_opt().unwrap_or(f.from);
    let earlier = if before.to < before.from {
        VendorSet::default()
    } else {
        Digest::load(db, cache, &before, &lookup).await?.vendors()
    };
    d.new_vendors = vendors.count_not_in(&earlier);

    // Cancelled bookings (vendor or manager) of scheduled sessions in the period.
    let mut sql = Sql::new(backend);
    sql.push(&format!(
        "SELECT SUM(CASE WHEN b.reason = {} THEN 1 ELSE 0 END), \
         SUM(CASE WHEN b.reason = {} THEN 1 ELSE 0 END) \
         FROM booking_history b JOIN market_sessions s ON s.id = b.session_id",
        state_literal(CancelReason::ByVendor.as_str()),
        state_literal(CancelReason::ByManager.as_str()),
    ));
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
    session_where_in(&mut sql, f, SessionStatus::Cancelled);
    if let Some(row) = one(db, sql).await? {
        d.sessions_cancelled = n(&row, 0)?;
    }

    // Applications whose dates overlap the period, by status.
    let mut sql = Sql::new(backend);
    sql.push(&format!(
        "SELECT COUNT(*), \
         SUM(CASE WHEN a.status = {} THEN 1 ELSE 0 END), \
         SUM(CASE WHEN a.status = {} THEN 1 ELSE 0 END), \
         SUM(CASE WHEN a.status = {} THEN 1 ELSE 0 END) \
         FROM applications a JOIN vendors v ON v.id = a.vendor_id \
         WHERE a.date_from <= {} AND a.date_to >= {}",
        state_literal(ApplicationStatus::Approved.as_str()),
        state_literal(ApplicationStatus::Waitlisted.as_str()),
        state_literal(ApplicationStatus::Rejected.as_str()),
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
    // The site and segment filters narrow these too, as every other figure on the page: an
    // application for a market held on the site, for the segment (or for every segment).
    if let Some(site) = f.site {
        sql.push(&format!(
            " AND a.market_id IN (SELECT ms.market_id FROM market_schedules ms WHERE ms.site_id = {site})"
        ));
    }
    if let Some(segment) = &f.segment {
        sql.push(" AND (a.segments = '[]' OR a.segments LIKE ")
            .bind(format!("%{}%", serde_json::json!(segment)))
            .push(")");
    }
    if let Some(row) = one(db, sql).await? {
        d.applications = n(&row, 0)?;
        d.approved = n(&row, 1)?;
        d.waitlisted = n(&row, 2)?;
        d.rejected = n(&row, 3)?;
    }
    Ok(d)
}
