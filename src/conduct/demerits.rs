//! Demerit points per vendor over a rolling 12 months (warning at 6, suspension at 12 for the
//! configured period of the market where the 12th point fell), and the suspension check that
//! applications and bookings call.

use super::catalogue::{SUSPENSION_POINTS, WARNING_POINTS, WINDOW_MONTHS};
use super::people::People;
use crate::error::{AppError, AppResult};
use chrono::{Duration, Months, NaiveDate};
use entity::inspections::{AppealStatus, InspectionStatus};
use entity::{inspection_items, inspections, markets};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// One inspection's points as the suspension rule reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Points {
    /// The session's business date.
    pub date: NaiveDate,
    /// Its points (items summed).
    pub points: i32,
    /// The suspension period of its market, in days.
    pub period_days: i32,
}

/// The first day of the rolling window that ends on `on`.
pub fn window_from(on: NaiveDate) -> NaiveDate {
    on.checked_sub_months(Months::new(WINDOW_MONTHS))
        .map_or(on, |d| d + Duration::days(1))
}

/// Points in the window ending on `on`.
pub fn points_on(entries: &[Points], on: NaiveDate) -> i32 {
    let from = window_from(on);
    entries
        .iter()
        .filter(|e| e.date >= from && e.date <= on)
        .map(|e| e.points)
        .sum()
}

/// The last day of a suspension running on `on`, if any: an inspection on day `d` that
/// brought the window ending on `d` to 12 points or more suspends from `d` for its market's
/// period (`d` … `d + period − 1`).
pub fn suspended_until(entries: &[Points], on: NaiveDate) -> Option<NaiveDate> {
    entries
        .iter()
        .filter(|e| e.date <= on && points_on(entries, e.date) >= SUSPENSION_POINTS)
        .map(|e| e.date + Duration::days(i64::from(e.period_days.max(1)) - 1))
        .filter(|until| *until >= on)
        .max()
}

/// Where a vendor stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Under 6 points.
    Good,
    /// 6 points or more.
    Warning,
    /// Suspended.
    Suspended,
}

/// One inspection of a vendor as the demerits list shows it (one entry per item).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Entry {
    /// The inspection.
    pub inspection_id: i32,
    /// The session's business date.
    pub date: NaiveDate,
    /// The catalogue code.
    pub code: String,
    /// Its points (0 once the inspection was cancelled on appeal).
    pub points: i32,
    /// The manager's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `pending`, `upheld` or `cancelled` once appealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub appeal_status: Option<AppealStatus>,
    /// Whether the vendor may still appeal it.
    pub appealable: bool,
}

/// A vendor's demerits.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Standing {
    /// Points in the rolling 12 months.
    pub points: i32,
    /// The window's first day.
    pub window_from: NaiveDate,
    /// `good`, `warning` (≥ 6) or `suspended` (≥ 12, for the market's period).
    pub level: Level,
    /// The last day of a running suspension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspended_until: Option<NaiveDate>,
    /// Every item of the window, newest first, cancelled ones included.
    pub entries: Vec<Entry>,
}

/// The vendor's inspections since `since` with their items.
async fn load(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    since: NaiveDate,
) -> AppResult<Vec<(inspections::Model, Vec<inspection_items::Model>)>> {
    let rows = inspections::Entity::find()
        .filter(inspections::Column::VendorId.eq(vendor_id))
        .filter(inspections::Column::BusinessDate.gte(since))
        .order_by_desc(inspections::Column::BusinessDate)
        .order_by_desc(inspections::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut items: HashMap<i32, Vec<inspection_items::Model>> = HashMap::new();
    for item in inspection_items::Entity::find()
        .filter(inspection_items::Column::InspectionId.is_in(rows.iter().map(|r| r.id)))
        .order_by_asc(inspection_items::Column::Id)
        .all(db)
        .await?
    {
        items.entry(item.inspection_id).or_default().push(item);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let its = items.remove(&r.id).unwrap_or_default();
            (r, its)
        })
        .collect())
}

/// The counting points of the vendors' inspections from `since` on, by vendor (a vendor
/// without any is absent): three queries for any number of vendors (inspections, their items,
/// their markets' periods), so one vendor's check and a list's check read the same rows.
async fn points_among(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    since: NaiveDate,
) -> AppResult<HashMap<i32, Vec<Points>>> {
    use sea_orm::QuerySelect;
    let mut ids = vendor_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut rows = Vec::new();
    for chunk in ids.chunks(crate::db::IDS_PER_QUERY) {
        rows.extend(
            inspections::Entity::find()
                .filter(inspections::Column::VendorId.is_in(chunk.iter().copied()))
                .filter(inspections::Column::BusinessDate.gte(since))
                .filter(inspections::Column::Status.eq(InspectionStatus::Active))
                .all(db)
                .await?,
        );
    }
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let inspection_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut sums: HashMap<i32, i32> = HashMap::new();
    for chunk in inspection_ids.chunks(crate::db::IDS_PER_QUERY) {
        let items: Vec<(i32, i32)> = inspection_items::Entity::find()
            .select_only()
            .column(inspection_items::Column::InspectionId)
            .column(inspection_items::Column::Points)
            .filter(inspection_items::Column::InspectionId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (inspection, points) in items {
            *sums.entry(inspection).or_default() += points;
        }
    }
    let mut market_ids: Vec<i32> = rows.iter().map(|r| r.market_id).collect();
    market_ids.sort_unstable();
    market_ids.dedup();
    let periods: HashMap<i32, i32> = markets::Entity::find()
        .filter(markets::Column::Id.is_in(market_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.suspension_days))
        .collect();
    let mut out: HashMap<i32, Vec<Points>> = HashMap::new();
    for r in rows {
        out.entry(r.vendor_id).or_default().push(Points {
            date: r.business_date,
            points: sums.get(&r.id).copied().unwrap_or(0),
            period_days: periods.get(&r.market_id).copied().unwrap_or(30),
        });
    }
    Ok(out)
}

/// How far back the suspension rule looks from `on`: a window and the longest period.
fn lookback(on: NaiveDate) -> NaiveDate {
    window_from(on) - Duration::days(i64::from(super::MAX_SUSPENSION_DAYS))
}

/// The counting points of each of `vendor_ids` from `since` on, pooled over every profile of
/// the same person (the same ID number; `people` read for them, see [`super::people`]). A
/// vendor whose person has none is absent.
async fn pooled_points(
    db: &impl ConnectionTrait,
    people: &People,
    vendor_ids: &[i32],
    since: NaiveDate,
) -> AppResult<HashMap<i32, Vec<Points>>> {
    let by_profile = points_among(db, &people.all_profiles(), since).await?;
    Ok(vendor_ids
        .iter()
        .filter_map(|&v| {
            let entries: Vec<Points> = people
                .profiles_of(v)
                .iter()
                .filter_map(|p| by_profile.get(p))
                .flatten()
                .copied()
                .collect();
            (!entries.is_empty()).then_some((v, entries))
        })
        .collect())
}

/// The last day of each suspension running on `on` among `vendor_ids` (a vendor not
/// suspended is absent). The one reading of the rule: a single vendor's check below asks it
/// for one, the candidates list and the allocation run for all of theirs at once.
pub async fn suspensions_among(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    on: NaiveDate,
) -> AppResult<HashMap<i32, NaiveDate>> {
    let people = People::of(db, vendor_ids).await?;
    Ok(pooled_points(db, &people, vendor_ids, lookback(on))
        .await?
        .into_iter()
        .filter_map(|(vendor, entries)| suspended_until(&entries, on).map(|until| (vendor, until)))
        .collect())
}

/// The last day of the vendor's suspension running on `on`, if any. The hook for every
/// check that asks "is this vendor suspended?" (applications, bookings).
pub async fn suspension_on(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    on: NaiveDate,
) -> AppResult<Option<NaiveDate>> {
    Ok(suspensions_among(db, &[vendor_id], on)
        .await?
        .remove(&vendor_id))
}

/// Whether the vendor is suspended on `on`. Suspension under the county's 12-point rule
/// holds in every market; the period is that of the market where the 12th point fell.
pub async fn is_suspended(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    on: NaiveDate,
) -> AppResult<bool> {
    Ok(suspension_on(db, vendor_id, on).await?.is_some())
}

/// 422 `vendor_suspended` (naming the last day) when the vendor is suspended on `on`.
pub async fn require_not_suspended(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    on: NaiveDate,
) -> AppResult<()> {
    match suspension_on(db, vendor_id, on).await? {
        None => Ok(()),
        Some(until) => Err(AppError::invalid(
            "vendor_suspended",
            "vendor_id",
            crate::i18n::Msg::with("night-suspended", [("until", until.to_string().into())]),
        )),
    }
}

/// The vendor's standing on `today`: points, level, running suspension, the window's items.
pub async fn standing(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Standing> {
    let people = People::of(db, &[vendor_id]).await?;
    let counting = pooled_points(db, &people, &[vendor_id], lookback(today))
        .await?
        .remove(&vendor_id)
        .unwrap_or_default();
    let points = points_on(&counting, today);
    let suspended_until = suspended_until(&counting, today);
    let level = if suspended_until.is_some() {
        Level::Suspended
    } else if points >= WARNING_POINTS {
        Level::Warning
    } else {
        Level::Good
    };
    let from = window_from(today);
    let mut entries = Vec::new();
    // The person's inspections under every profile; only the profile's own can be appealed
    // from it.
    let mut rows = Vec::new();
    for profile in people.profiles_of(vendor_id) {
        rows.extend(load(db, profile, from).await?);
    }
    rows.sort_by_key(|(r, _)| std::cmp::Reverse((r.business_date, r.id)));
    for (r, items) in rows {
        let appealable = r.vendor_id == vendor_id && super::inspect::appeal_open(&r, now);
        for i in items {
            entries.push(Entry {
                inspection_id: r.id,
                date: r.business_date,
                code: i.code,
                points: if r.status == InspectionStatus::Active {
                    i.points
                } else {
                    0
                },
                note: i.note,
                appeal_status: r.appeal_status,
                appealable,
            });
        }
    }
    Ok(Standing {
        points,
        window_from: from,
        level,
        suspended_until,
        entries,
    })
}

/// Of `vendor_ids`, those suspended on `on` (see [`suspensions_among`]).
pub async fn suspended_among(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    on: NaiveDate,
) -> AppResult<std::collections::HashSet<i32>> {
    Ok(suspensions_among(db, vendor_ids, on)
        .await?
        .into_keys()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn p(date: &str, points: i32) -> Points {
        Points {
            date: d(date),
            points,
            period_days: 30,
        }
    }

    #[test]
    fn twelve_points_in_twelve_months_suspend_for_the_period() {
        let e = [p("2026-01-10", 6), p("2026-06-01", 6)];
        assert_eq!(points_on(&e, d("2026-06-01")), 12);
        assert_eq!(suspended_until(&e, d("2026-05-31")), None);
        assert_eq!(suspended_until(&e, d("2026-06-01")), Some(d("2026-06-30")));
        assert_eq!(suspended_until(&e, d("2026-06-30")), Some(d("2026-06-30")));
        assert_eq!(suspended_until(&e, d("2026-07-01")), None);
    }

    #[test]
    fn points_older_than_twelve_months_drop_out() {
        let e = [p("2025-01-10", 6), p("2026-01-10", 6)];
        assert_eq!(points_on(&e, d("2026-01-10")), 6);
        assert_eq!(suspended_until(&e, d("2026-01-10")), None);
        assert_eq!(points_on(&e, d("2025-12-31")), 6);
    }
}
