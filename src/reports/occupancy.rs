//! The occupancy report: sessions, stall-sessions offered, booked, checked in and distinct
//! vendors per site, market, segment, category, day, week or month — counted from the
//! sessions' booking digests (one row per session, see [`super::digest`]), never by loading
//! bookings.
//!
//! How things count:
//! - Only **scheduled** sessions count. A cancelled session offers nothing and its bookings
//!   moved to the booking history when it was cancelled, so they are not "booked" either (the
//!   dashboard counts cancelled sessions and cancelled bookings separately).
//! - `stall_slots` of a session is the number of stalls of its site that were active when it
//!   started (kept before the first change to them after that), or are active now for a
//!   session that has not started or whose site has not changed since.
//! - `booked` counts live bookings (checked in or not); `checked_in` those with a check-in.
//! - `vendors` counts distinct vendors; it is not additive, so the totals count it again.
//! - Sales and vouchers are exact sums of integer fen (shown as yuan with two decimals);
//!   `reports_filed` counts sales reports; `jobs` (带动就业) is the distinct vendors booked
//!   plus, for each of them, the most helpers they reported on one night of the row — the
//!   same helper on many nights is one job, not many. Flagged nights count like any other
//!   and are counted in `flagged` for the manager to check.
//! - The category and priority-group filters narrow the bookings, not the sessions: rows by
//!   category all show the sessions and stall-sessions of the whole period, and their
//!   `occupancy_rate` is that category's share of the stall-sessions offered.

use super::digest::{Booking, Digest, Lookup, Sale, Session, VendorSet};
use super::digest_cache::DigestCache;
use super::params::{Filters, GroupBy};
use super::sql::{Sql, state_literal};
use entity::stalls::StallStatus;

use crate::sales::money::yuan;
use chrono::Datelike;
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// One row of the report.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct OccupancyRow {
    /// The group: a site or market id, a segment or category name, a date `YYYY-MM-DD`,
    /// an ISO week `YYYY-Www` or a month `YYYY-MM`.
    pub key: String,
    /// The group for people (a site's or market's name; otherwise the key).
    pub label: String,
    /// Scheduled sessions.
    pub sessions: u64,
    /// Σ active stalls of the site over the sessions (stall-sessions offered).
    pub stall_slots: u64,
    /// Live bookings.
    pub booked: u64,
    /// Bookings with a check-in.
    pub checked_in: u64,
    /// `booked / stall_slots` (0 when nothing was offered), unrounded.
    pub occupancy_rate: f64,
    /// Distinct vendors booked.
    pub vendors: u64,
    /// Sales reported, yuan with two decimals.
    pub sales_yuan: String,
    /// Consumption vouchers redeemed, yuan with two decimals.
    pub voucher_yuan: String,
    /// Sales reports filed.
    pub reports_filed: u64,
    /// Jobs: distinct vendors plus the most helpers each reported on one night.
    pub jobs: u64,
    /// Nights flagged as far above the vendor's usual (counted in the sums all the same).
    pub flagged: u64,
    /// Sales in fen (exact; the JSON shows `sales_yuan`).
    #[serde(skip)]
    pub sales_fen: i64,
    /// Vouchers in fen.
    #[serde(skip)]
    pub voucher_fen: i64,
}

/// The totals over the whole period and filters.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct OccupancyTotals {
    /// Scheduled sessions.
    pub sessions: u64,
    /// Stall-sessions offered.
    pub stall_slots: u64,
    /// Live bookings.
    pub booked: u64,
    /// Bookings with a check-in.
    pub checked_in: u64,
    /// `booked / stall_slots`.
    pub occupancy_rate: f64,
    /// Distinct vendors over the whole period (not the sum of the rows).
    pub vendors: u64,
    /// Sales reported, yuan with two decimals.
    pub sales_yuan: String,
    /// Consumption vouchers redeemed, yuan with two decimals.
    pub voucher_yuan: String,
    /// Sales reports filed.
    pub reports_filed: u64,
    /// Jobs over the whole period (not the sum of the rows).
    pub jobs: u64,
    /// Flagged nights.
    pub flagged: u64,
    /// Sales in fen.
    #[serde(skip)]
    pub sales_fen: i64,
    /// Vouchers in fen.
    #[serde(skip)]
    pub voucher_fen: i64,
}

/// `{rows, totals}`.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct OccupancyReport {
    /// One row per group, in key order.
    pub rows: Vec<OccupancyRow>,
    /// The totals.
    pub totals: OccupancyTotals,
}

/// `booked / slots`, 0 when nothing was offered.
pub fn rate(booked: u64, slots: u64) -> f64 {
    if slots == 0 {
        0.0
    } else {
        booked as f64 / slots as f64
    }
}

fn int(row: &QueryResult, i: usize) -> Result<u64, DbErr> {
    Ok(row.try_get_by_index::<Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

/// Active stalls per site, now.
pub async fn active_stalls(db: &impl ConnectionTrait) -> Result<HashMap<i32, u64>, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT site_id, COUNT(*) FROM stalls WHERE status = ")
        .push(&state_literal(StallStatus::Active.as_str()))
        .push(" GROUP BY site_id");
    let rows = db.query_all_raw(sql.build()).await?;
    rows.iter()
        .map(|r| Ok((r.try_get_by_index::<i32>(0)?, int(r, 1)?)))
        .collect()
}

/// The key of a session's row (`Category` rows are keyed per booking instead).
pub fn session_key(group: GroupBy, s: &Session) -> String {
    match group {
        GroupBy::Site => s.site_id.to_string(),
        GroupBy::Market => s.market_id.to_string(),
        GroupBy::Segment => s.segment.clone(),
        GroupBy::Category => String::new(),
        GroupBy::Day => s.date.format("%Y-%m-%d").to_string(),
        GroupBy::Week => {
            let w = s.date.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        GroupBy::Month => s.date.format("%Y-%m").to_string(),
    }
}

/// Running counts of one row.
#[derive(Debug, Default)]
struct Tally {
    sessions: u64,
    stall_slots: u64,
    booked: u64,
    checked_in: u64,
    vendors: VendorSet,
    sales_fen: i64,
    voucher_fen: i64,
    reports: u64,
    flagged: u64,
    /// The most helpers each vendor reported on one night, by vendor id.
    helpers: Vec<u8>,
}

impl Tally {
    fn session(&mut self, slots: u64) {
        self.sessions += 1;
        self.stall_slots += slots;
    }

    fn booking(&mut self, b: &Booking) {
        self.booked += 1;
        self.checked_in += u64::from(b.checked_in);
        self.vendors.insert(b.vendor);
    }

    fn sale(&mut self, s: &Sale) {
        self.sales_fen += s.sales_fen;
        self.voucher_fen += s.voucher_fen;
        self.reports += 1;
        self.flagged += u64::from(s.flagged);
        if s.helpers > 0 {
            let i = s.vendor as usize;
            if i >= self.helpers.len() {
                self.helpers.resize(i + 1, 0);
            }
            self.helpers[i] = self.helpers[i].max(s.helpers);
        }
    }

    /// Distinct vendors booked plus their helpers.
    fn jobs(&self) -> u64 {
        self.vendors.len() + self.helpers.iter().map(|h| u64::from(*h)).sum::<u64>()
    }
}

/// Names of sites (code and name) or markets for the `label` of their rows.
pub async fn labels(
    db: &impl ConnectionTrait,
    group: GroupBy,
) -> Result<HashMap<String, String>, DbErr> {
    let sql = match group {
        GroupBy::Site => "SELECT CAST(id AS TEXT), name, code FROM sites",
        GroupBy::Market => "SELECT CAST(id AS TEXT), name, '' FROM markets",
        _ => return Ok(HashMap::new()),
    };
    let mut stmt = Sql::new(db.get_database_backend());
    stmt.push(sql);
    db.query_all_raw(stmt.build())
        .await?
        .iter()
        .map(|r| {
            let code: String = r.try_get_by_index(2)?;
            let name: String = r.try_get_by_index(1)?;
            let label = if code.is_empty() {
                name
            } else {
                format!("{name} ({code})")
            };
            Ok((r.try_get_by_index(0)?, label))
        })
        .collect()
}

/// Counts the report for `group` from a loaded digest; `stalls` are the active stalls per
/// site, `names` the row labels (see [`labels`]).
pub fn count(
    digest: &Digest,
    group: GroupBy,
    stalls: &HashMap<i32, u64>,
    names: &HashMap<String, String>,
) -> OccupancyReport {
    let mut total = Tally::default();
    let mut by_key: HashMap<String, Tally> = HashMap::new();
    // By category: one tally per category index, the last one for "no category".
    let mut by_category: Vec<Tally> = Vec::new();
    if group == GroupBy::Category {
        by_category.resize_with(digest.categories.len() + 1, Tally::default);
    }
    for s in &digest.sessions {
        let slots = s.offered(stalls);
        total.session(slots);
        for b in &s.bookings {
            total.booking(b);
        }
        for sale in &s.sales {
            total.sale(sale);
        }
        if group == GroupBy::Category {
            for b in &s.bookings {
                let i = usize::from(b.category).min(digest.categories.len());
                by_category[i].booking(b);
            }
            for sale in &s.sales {
                let i = usize::from(sale.category).min(digest.categories.len());
                by_category[i].sale(sale);
            }
        } else {
            let tally = by_key.entry(session_key(group, s)).or_default();
            tally.session(slots);
            for b in &s.bookings {
                tally.booking(b);
            }
            for sale in &s.sales {
                tally.sale(sale);
            }
        }
    }
    for (i, tally) in by_category.into_iter().enumerate() {
        if tally.booked > 0 || tally.reports > 0 {
            // Rows by category show the sessions and stall-sessions of the whole period.
            let tally = Tally {
                sessions: total.sessions,
                stall_slots: total.stall_slots,
                ..tally
            };
            by_key.insert(digest.categories.get(i).cloned().unwrap_or_default(), tally);
        }
    }

    let mut keyed: Vec<(String, Tally)> = by_key.into_iter().collect();
    // Trades in the order the forms list them (小吃餐饮 first), a market's own after them,
    // bookings of no trade last; sites and markets by id; periods by date.
    let trade_rank = |name: &str| {
        let standard = crate::vendors::categories::STANDARD
            .iter()
            .position(|c| c.name == name);
        (name.is_empty(), standard.unwrap_or(usize::MAX))
    };
    keyed.sort_by(
        |(a, _), (b, _)| match (a.parse::<i64>(), b.parse::<i64>()) {
            _ if group == GroupBy::Category => {
                trade_rank(a).cmp(&trade_rank(b)).then_with(|| a.cmp(b))
            }
            (Ok(x), Ok(y)) if matches!(group, GroupBy::Site | GroupBy::Market) => x.cmp(&y),
            _ => a.cmp(b),
        },
    );
    let rows = keyed
        .into_iter()
        .map(|(key, t)| OccupancyRow {
            label: names.get(&key).cloned().unwrap_or_else(|| key.clone()),
            key,
            sessions: t.sessions,
            stall_slots: t.stall_slots,
            booked: t.booked,
            checked_in: t.checked_in,
            occupancy_rate: rate(t.booked, t.stall_slots),
            vendors: t.vendors.len(),
            sales_yuan: yuan(t.sales_fen),
            voucher_yuan: yuan(t.voucher_fen),
            reports_filed: t.reports,
            jobs: t.jobs(),
            flagged: t.flagged,
            sales_fen: t.sales_fen,
            voucher_fen: t.voucher_fen,
        })
        .collect();
    OccupancyReport {
        rows,
        totals: OccupancyTotals {
            sessions: total.sessions,
            stall_slots: total.stall_slots,
            booked: total.booked,
            checked_in: total.checked_in,
            occupancy_rate: rate(total.booked, total.stall_slots),
            vendors: total.vendors.len(),
            sales_yuan: yuan(total.sales_fen),
            voucher_yuan: yuan(total.voucher_fen),
            reports_filed: total.reports,
            jobs: total.jobs(),
            flagged: total.flagged,
            sales_fen: total.sales_fen,
            voucher_fen: total.voucher_fen,
        },
    }
}

/// The occupancy report for `group` under `f`: the sessions of the period with their
/// bookings in one query (see [`super::digest`]), counted here.
pub async fn occupancy(
    db: &impl ConnectionTrait,
    cache: &DigestCache,
    group: GroupBy,
    f: &Filters,
) -> Result<OccupancyReport, DbErr> {
    let stalls = active_stalls(db).await?;
    let names = labels(db, group).await?;
    let lookup = Lookup::load(db, f, group == GroupBy::Category).await?;
    let digest = Digest::load(db, cache, f, &lookup).await?;
    Ok(count(&digest, group, &stalls, &names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(group: GroupBy, date: &str) -> String {
        let s = Session {
            site_id: 3,
            market_id: 4,
            segment: "夜市".into(),
            date: date.parse().unwrap(),
            starts_at: chrono::DateTime::UNIX_EPOCH,
            slots: None,
            bookings: Vec::new(),
            sales: Vec::new(),
        };
        session_key(group, &s)
    }

    #[test]
    fn months_split_on_the_first_of_each_month() {
        assert_eq!(key(GroupBy::Month, "2026-01-31"), "2026-01");
        assert_eq!(key(GroupBy::Month, "2026-02-01"), "2026-02");
        assert_eq!(key(GroupBy::Day, "2026-02-01"), "2026-02-01");
    }

    #[test]
    fn weeks_start_on_monday_and_carry_the_iso_year() {
        assert_eq!(key(GroupBy::Week, "2027-01-03"), "2026-W53");
        assert_eq!(key(GroupBy::Week, "2027-01-04"), "2027-W01");
        assert_eq!(key(GroupBy::Site, "2027-01-04"), "3");
    }

    fn booking(vendor: u32, category: u16, checked_in: bool) -> Booking {
        Booking {
            vendor,
            category,
            checked_in,
        }
    }

    #[test]
    fn vendors_count_once_per_row_and_once_in_the_totals() {
        let session = |site_id, bookings| Session {
            site_id,
            market_id: 1,
            segment: "夜市".into(),
            date: "2026-03-02".parse().unwrap(),
            starts_at: chrono::DateTime::UNIX_EPOCH,
            slots: None,
            bookings,
            sales: Vec::new(),
        };
        let digest = Digest {
            sessions: vec![
                session(1, vec![booking(7, 0, true), booking(8, 1, false)]),
                session(1, vec![booking(7, 0, false)]),
                session(2, vec![booking(7, 1, true)]),
                session(2, Vec::new()),
            ],
            categories: vec!["小吃餐饮".into(), "手工文创".into()],
        };
        let stalls = HashMap::from([(1, 10), (2, 4)]);
        let r = count(&digest, GroupBy::Site, &stalls, &HashMap::new());
        let got: Vec<_> = r
            .rows
            .iter()
            .map(|r| {
                (
                    r.key.as_str(),
                    r.sessions,
                    r.stall_slots,
                    r.booked,
                    r.checked_in,
                    r.vendors,
                )
            })
            .collect();
        assert_eq!(got, vec![("1", 2, 20, 3, 1, 2), ("2", 2, 8, 1, 1, 1)]);
        assert_eq!(
            (
                r.totals.sessions,
                r.totals.stall_slots,
                r.totals.booked,
                r.totals.vendors
            ),
            (4, 28, 4, 2)
        );
        let r = count(&digest, GroupBy::Category, &stalls, &HashMap::new());
        let got: Vec<_> = r
            .rows
            .iter()
            .map(|r| {
                (
                    r.key.as_str(),
                    r.sessions,
                    r.stall_slots,
                    r.booked,
                    r.vendors,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![("小吃餐饮", 4, 28, 2, 1), ("手工文创", 4, 28, 2, 2)]
        );
    }

    #[test]
    fn nothing_offered_is_a_rate_of_zero() {
        assert_eq!(rate(3, 0), 0.0);
        assert_eq!(rate(1, 4), 0.25);
    }
}
