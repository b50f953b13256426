//! The occupancy report: sessions, stall-sessions offered, booked, checked in and distinct
//! vendors per site, market, segment, category, day, week or month — counted by the database
//! with `GROUP BY`, never by loading bookings.
//!
//! How things count:
//! - Only **scheduled** sessions count. A cancelled session offers nothing and its bookings
//!   moved to the booking history when it was cancelled, so they are not "booked" either (the
//!   dashboard counts cancelled sessions and cancelled bookings separately).
//! - `stall_slots` of a session is the number of stalls of its site that are active now.
//! - `booked` counts live bookings (checked in or not); `checked_in` those with a check-in.
//! - `vendors` counts distinct vendors; it is not additive, so the totals count it again.
//! - The category and priority-group filters narrow the bookings, not the sessions: rows by
//!   category all show the sessions and stall-sessions of the whole period, and their
//!   `occupancy_rate` is that category's share of the stall-sessions offered.

use super::params::{Filters, GroupBy};
use super::sql::{CATEGORY_EXPR, Sql, VENDOR_JOINS, date_literal, session_where, vendor_where};
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
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

fn count(row: &QueryResult, i: usize) -> Result<u64, DbErr> {
    Ok(row.try_get_by_index::<Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

/// Active stalls per site, now.
pub async fn active_stalls(db: &impl ConnectionTrait) -> Result<HashMap<i32, u64>, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT site_id, COUNT(*) FROM stalls WHERE status = 'active' GROUP BY site_id");
    let rows = db.query_all_raw(sql.build()).await?;
    rows.iter()
        .map(|r| Ok((r.try_get_by_index::<i32>(0)?, count(r, 1)?)))
        .collect()
}

/// The first day of each bucket after the first, with every bucket's label.
fn buckets(group: GroupBy, from: NaiveDate, to: NaiveDate) -> (Vec<NaiveDate>, Vec<String>) {
    let label = |d: NaiveDate| match group {
        GroupBy::Week => {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        _ => d.format("%Y-%m").to_string(),
    };
    let next = |d: NaiveDate| match group {
        GroupBy::Week => d + Duration::days(7 - i64::from(d.weekday().num_days_from_monday())),
        _ => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d + Duration::days(31))
        }
    };
    let mut starts = Vec::new();
    let mut labels = vec![label(from)];
    let mut d = next(from);
    while d <= to {
        starts.push(d);
        labels.push(label(d));
        d = next(d);
    }
    (starts, labels)
}

/// The SQL expression of a row's key, always as text.
fn key_expr(group: GroupBy, f: &Filters) -> String {
    match group {
        GroupBy::Site => "CAST(s.site_id AS TEXT)".into(),
        GroupBy::Market => "CAST(s.market_id AS TEXT)".into(),
        GroupBy::Segment => "s.segment".into(),
        GroupBy::Category => CATEGORY_EXPR.into(),
        GroupBy::Day => "CAST(s.business_date AS TEXT)".into(),
        GroupBy::Week | GroupBy::Month => {
            // A CASE over the bucket boundaries reads the same on SQLite and PostgreSQL,
            // where their date functions differ.
            let (starts, labels) = buckets(group, f.from, f.to);
            if starts.is_empty() {
                return format!("'{}'", labels[0]);
            }
            let mut e = String::from("CASE");
            for (start, label) in starts.iter().zip(&labels) {
                e.push_str(&format!(
                    " WHEN s.business_date < {} THEN '{label}'",
                    date_literal(*start)
                ));
            }
            e.push_str(&format!(" ELSE '{}' END", labels[labels.len() - 1]));
            e
        }
    }
}

/// Sessions and stall-sessions per key (category: one row for the whole period, key "").
async fn offered(
    db: &impl ConnectionTrait,
    group: GroupBy,
    f: &Filters,
    stalls: &HashMap<i32, u64>,
) -> Result<BTreeMap<String, (u64, u64)>, DbErr> {
    let key = if group == GroupBy::Category {
        "''".to_owned()
    } else {
        key_expr(group, f)
    };
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(&format!(
        "SELECT {key} AS k, s.site_id, COUNT(*) FROM market_sessions s"
    ));
    session_where(&mut sql, f);
    // PostgreSQL refuses a constant in GROUP BY, even behind an alias.
    sql.push(if key.starts_with('\'') {
        " GROUP BY s.site_id"
    } else {
        " GROUP BY k, s.site_id"
    });
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for row in db.query_all_raw(sql.build()).await? {
        let k: String = row.try_get_by_index(0)?;
        let site: i32 = row.try_get_by_index(1)?;
        let n = count(&row, 2)?;
        let e = out.entry(k).or_default();
        e.0 += n;
        e.1 += n * stalls.get(&site).copied().unwrap_or(0);
    }
    Ok(out)
}

/// Booked, checked in and distinct vendors per key (`None`: one row for everything).
async fn taken(
    db: &impl ConnectionTrait,
    group: Option<GroupBy>,
    f: &Filters,
) -> Result<BTreeMap<String, (u64, u64, u64)>, DbErr> {
    let key = group.map_or_else(|| "''".to_owned(), |g| key_expr(g, f));
    let joins = group == Some(GroupBy::Category) || f.narrows_vendors();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(&format!(
        "SELECT {key} AS k, COUNT(*), \
         SUM(CASE WHEN b.checked_in_at IS NOT NULL THEN 1 ELSE 0 END), \
         COUNT(DISTINCT b.vendor_id) \
         FROM bookings b JOIN market_sessions s ON s.id = b.session_id"
    ));
    if joins {
        sql.push(VENDOR_JOINS);
    }
    session_where(&mut sql, f);
    vendor_where(&mut sql, f);
    if group.is_some() && !key.starts_with('\'') {
        sql.push(" GROUP BY k");
    }
    let mut out = BTreeMap::new();
    for row in db.query_all_raw(sql.build()).await? {
        let k: Option<String> = row.try_get_by_index(0)?;
        out.insert(
            k.unwrap_or_default(),
            (count(&row, 1)?, count(&row, 2)?, count(&row, 3)?),
        );
    }
    Ok(out)
}

/// Names of sites (code and name) or markets for the `label` of their rows.
async fn labels(
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

/// The occupancy report for `group` under `f`.
pub async fn occupancy(
    db: &impl ConnectionTrait,
    group: GroupBy,
    f: &Filters,
) -> Result<OccupancyReport, DbErr> {
    let stalls = active_stalls(db).await?;
    let offered_rows = offered(db, group, f, &stalls).await?;
    let taken_rows = taken(db, Some(group), f).await?;
    let all = taken(db, None, f).await?;
    let names = labels(db, group).await?;

    let whole = offered_rows.get("").copied().unwrap_or_default();
    let mut keys: Vec<String> = offered_rows
        .keys()
        .chain(taken_rows.keys())
        .cloned()
        .collect();
    if group == GroupBy::Category {
        keys.retain(|k| !k.is_empty() || taken_rows.contains_key(k));
    }
    keys.sort_by(|a, b| match (a.parse::<i64>(), b.parse::<i64>()) {
        (Ok(x), Ok(y)) if matches!(group, GroupBy::Site | GroupBy::Market) => x.cmp(&y),
        _ => a.cmp(b),
    });
    keys.dedup();

    let rows: Vec<OccupancyRow> = keys
        .into_iter()
        .map(|key| {
            let (sessions, stall_slots) = if group == GroupBy::Category {
                whole
            } else {
                offered_rows.get(&key).copied().unwrap_or_default()
            };
            let (booked, checked_in, vendors) = taken_rows.get(&key).copied().unwrap_or_default();
            OccupancyRow {
                label: names.get(&key).cloned().unwrap_or_else(|| key.clone()),
                key,
                sessions,
                stall_slots,
                booked,
                checked_in,
                occupancy_rate: rate(booked, stall_slots),
                vendors,
            }
        })
        .collect();

    let (sessions, stall_slots) = offered_rows
        .values()
        .fold((0, 0), |acc, v| (acc.0 + v.0, acc.1 + v.1));
    let (booked, checked_in, vendors) = all.get("").copied().unwrap_or_default();
    Ok(OccupancyReport {
        rows,
        totals: OccupancyTotals {
            sessions,
            stall_slots,
            booked,
            checked_in,
            occupancy_rate: rate(booked, stall_slots),
            vendors,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_split_on_the_first_of_each_month() {
        let (starts, labels) = buckets(GroupBy::Month, d("2026-01-15"), d("2026-03-02"));
        assert_eq!(starts, vec![d("2026-02-01"), d("2026-03-01")]);
        assert_eq!(labels, vec!["2026-01", "2026-02", "2026-03"]);
    }

    #[test]
    fn weeks_start_on_monday_and_carry_the_iso_year() {
        let (starts, labels) = buckets(GroupBy::Week, d("2026-12-30"), d("2027-01-05"));
        assert_eq!(starts, vec![d("2027-01-04")]);
        assert_eq!(labels, vec!["2026-W53", "2027-W01"]);
    }

    #[test]
    fn nothing_offered_is_a_rate_of_zero() {
        assert_eq!(rate(3, 0), 0.0);
        assert_eq!(rate(1, 4), 0.25);
    }
}
