//! Builds the engine's input from the database: the scheduled sessions of a market in a date
//! range, the active stalls of their sites with row adjacency, the approved applications that
//! cover them, the categories, and the bookings already made (in the run and in its weeks).

use crate::allocation::{
    AllocationInput, Application, Attendance, Category, ExistingBooking, Session, Stall, ZoneKind,
};
use crate::applications::covers::{Coverage, covers};
use crate::markets::queries as mq;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use entity::applications::ApplicationStatus;
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use entity::zones::ZoneKind as StoredZone;
use entity::{applications, bookings, market_sessions, stalls, vendors};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The bucket of the weekly cap: ISO year × 100 + ISO week.
pub fn week_of(date: NaiveDate) -> u32 {
    let w = date.iso_week();
    u32::try_from(w.year()).unwrap_or(0) * 100 + w.week()
}

fn zone_kind(zone: Option<StoredZone>) -> Option<ZoneKind> {
    match zone {
        Some(StoredZone::Food) => Some(ZoneKind::Food),
        Some(StoredZone::Smoky) => Some(ZoneKind::Smoky),
        Some(_) => Some(ZoneKind::Other),
        None => None,
    }
}

/// Everything the run reads, in the engine's terms.
pub async fn build(
    db: &impl ConnectionTrait,
    market_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<AllocationInput, DbErr> {
    let now = Utc::now();
    let (run_sessions, _) = mq::list_sessions(db, market_id, from, to, 100_000, 0).await?;
    let run_sessions: Vec<market_sessions::Model> = run_sessions
        .into_iter()
        .filter(|s| s.status == SessionStatus::Scheduled && s.ends_at > now)
        .collect();
    let site_ids: BTreeSet<i32> = run_sessions.iter().map(|s| s.site_id).collect();
    let stall_rows = stalls::Entity::find()
        .filter(stalls::Column::SiteId.is_in(site_ids.iter().copied()))
        .filter(stalls::Column::Status.eq(StallStatus::Active))
        .order_by_asc(stalls::Column::Id)
        .all(db)
        .await?;
    let mut by_row: HashMap<(i32, i32, i32), i64> = HashMap::new();
    for s in &stall_rows {
        by_row.insert((s.site_id, s.row_index, s.position), i64::from(s.id));
    }
    let stalls_out: Vec<Stall> = stall_rows
        .iter()
        .map(|s| Stall {
            id: i64::from(s.id),
            site_id: i64::from(s.site_id),
            zone: zone_kind(s.zone),

            premium: s.premium,
            power: s.power,
            neighbours: [s.position - 1, s.position + 1]
                .iter()
                .filter_map(|p| by_row.get(&(s.site_id, s.row_index, *p)).copied())
                .collect(),
        })
        .collect();
    let mut site_stalls: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for s in &stall_rows {
        site_stalls
            .entry(s.site_id)
            .or_default()
            .push(i64::from(s.id));
    }

    // Every scheduled session of the market in the weeks the run touches, and the one just
    // before it on each site and segment: history for the weekly cap and the same stall.
    let week_start = from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
    let week_end = to + Duration::days(6 - i64::from(to.weekday().num_days_from_monday()));
    let (around, _) = mq::list_sessions(
        db,
        market_id,
        week_start - Duration::days(7),
        week_end,
        100_000,
        0,
    )
    .await?;
    let around: Vec<market_sessions::Model> = around
        .into_iter()
        .filter(|s| s.status == SessionStatus::Scheduled)
        .collect();
    let in_run: BTreeSet<i32> = run_sessions.iter().map(|s| s.id).collect();
    let previous = |s: &market_sessions::Model| -> Option<&market_sessions::Model> {
        around
            .iter()
            .filter(|p| {
                p.site_id == s.site_id
                    && p.segment == s.segment
                    && (p.business_date, p.id) < (s.business_date, s.id)
            })
            .max_by_key(|p| (p.business_date, p.id))
    };
    let overlaps = overlapping(&run_sessions);
    let sessions_out: Vec<Session> = run_sessions
        .iter()
        .map(|s| Session {
            id: i64::from(s.id),
            site_id: i64::from(s.site_id),
            date: s.business_date.to_string(),
            week: week_of(s.business_date),
            stall_ids: site_stalls.get(&s.site_id).cloned().unwrap_or_default(),
            previous_session: previous(s).map(|p| i64::from(p.id)),
            overlaps: overlaps.get(&s.id).cloned().unwrap_or_default(),
        })
        .collect();
    let history_ids: BTreeSet<i32> = around
        .iter()
        .filter(|s| {
            in_run.contains(&s.id)
                || (s.business_date >= week_start && s.business_date <= week_end)
                || run_sessions
                    .iter()
                    .any(|r| previous(r).is_some_and(|p| p.id == s.id))
        })
        .map(|s| s.id)
        .collect();
    let date_of: HashMap<i32, NaiveDate> = around.iter().map(|s| (s.id, s.business_date)).collect();

    let apps = applications::Entity::find()
        .filter(applications::Column::MarketId.eq(market_id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Approved))
        .filter(applications::Column::DateFrom.lte(to))
        .filter(applications::Column::DateTo.gte(from))
        .order_by_asc(applications::Column::Id)
        .all(db)
        .await?;
    let booking_rows = bookings::Entity::find()
        .filter(bookings::Column::SessionId.is_in(history_ids.iter().copied()))
        .order_by_asc(bookings::Column::Id)
        .all(db)
        .await?;
    let vendor_ids: BTreeSet<i32> = apps
        .iter()
        .map(|a| a.vendor_id)
        .chain(booking_rows.iter().map(|b| b.vendor_id))
        .collect();
    let vendor_rows: HashMap<i32, vendors::Model> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(vendor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let app_category: HashMap<i32, String> = applications::Entity::find()
        .filter(
            applications::Column::Id.is_in(booking_rows.iter().filter_map(|b| b.application_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.category))
        .collect();
    let code_to_id: HashMap<&str, i64> = stall_rows
        .iter()
        .map(|s| (s.code.as_str(), i64::from(s.id)))
        .collect();

    // The market's own categories; any other one named by an application or booking gets
    // the county list's food/smoky flags.
    let mut categories: BTreeMap<String, Category> = BTreeMap::new();
    for c in mq::categories_of(db, market_id).await? {
        categories.insert(
            c.name.clone(),
            Category {
                name: c.name,
                food: c.food,
                smoky: c.smoky,
            },
        );
    }
    let mut category = |name: &str| -> Category {
        categories
            .entry(name.to_owned())
            .or_insert_with(|| {
                let (food, smoky) = crate::vendors::categories::find(name)
                    .map_or((false, false), |c| (c.food, c.smoky));
                Category {
                    name: name.to_owned(),
                    food,
                    smoky,
                }
            })
            .clone()
    };

    // Published inputs of conduct: who is suspended when the run starts and until when (the
    // nights after a suspension ends are drawn as any other), and everyone's attendance under
    // the market's rule, as the vendors see them.
    let applicant_ids: Vec<i32> = apps.iter().map(|a| a.vendor_id).collect();
    let conduct_err = |e: crate::error::AppError| DbErr::Custom(e.to_string());
    let starts = from.max(crate::clock::today());
    let suspended_until = crate::conduct::demerits::suspensions_among(db, &applicant_ids, starts)
        .await
        .map_err(conduct_err)?;
    let date_of_run: HashMap<i64, chrono::NaiveDate> = run_sessions
        .iter()
        .map(|s| (i64::from(s.id), s.business_date))
        .collect();
    // Gas: a vendor whose cylinder inspection has lapsed by a session's date is not placed in
    // it, the rule a hand booking meets (422 `gas_inspection_expired`).
    let gas_valid_until =
        crate::vendors::equipment::gas_valid_until_among(db, &applicant_ids).await?;
    let busy = busy_elsewhere(db, &applicant_ids, &run_sessions).await?;
    let attendance = match mq::find_market(db, market_id).await? {
        Some(m) => crate::conduct::attendance::current_many(db, &applicant_ids, &m)
            .await
            .map_err(conduct_err)?,
        None => HashMap::new(),
    };
    let mut applications_out = Vec::new();
    for a in &apps {
        let coverage = Coverage::of(a);
        let vendor = vendor_rows.get(&a.vendor_id);
        // Food trades need a health certificate valid on the night, as a hand booking does.
        let food = category(&a.category).food;
        // Every night the application covers is requested; nights the vendor's papers do
        // not cover are named, so the run explains them (a hand booking is refused the same
        // way) rather than leaving the application out unexplained.
        let requested: Vec<i64> = run_sessions
            .iter()
            .filter(|s| covers(&coverage, s.business_date, &s.segment).is_ok())
            .map(|s| i64::from(s.id))
            .collect();
        if requested.is_empty() {
            continue;
        }
        let nights_where = |lapsed: &dyn Fn(chrono::NaiveDate) -> bool| -> Vec<i64> {
            requested
                .iter()
                .copied()
                .filter(|s| date_of_run.get(s).is_some_and(|d| lapsed(*d)))
                .collect()
        };
        let gas_lapsed = nights_where(&|d| {
            gas_valid_until
                .get(&a.vendor_id)
                .is_some_and(|until| d > *until)
        });
        let health_cert_lapsed = nights_where(&|d| {
            food && !vendor.is_some_and(|v| crate::vendors::health_cert_valid(v, d))
        });
        let suspended_nights: Vec<i64> = suspended_until
            .get(&a.vendor_id)
            .map(|until| {
                requested
                    .iter()
                    .copied()
                    .filter(|s| date_of_run.get(s).is_some_and(|d| d <= until))
                    .collect()
            })
            .unwrap_or_default();
        // Suspended through every night asked for: the flag, as runs before said it.
        let whole_run_suspended = suspended_nights.len() == requested.len();
        let codes = &a.preferred_stalls;
        let groups: Vec<String> = vendor
            .and_then(|v| serde_json::from_str(&v.priority_groups).ok())
            .unwrap_or_default();
        applications_out.push(Application {
            id: i64::from(a.id),
            vendor_id: i64::from(a.vendor_id),
            category: a.category.clone(),
            sessions: requested,
            preferred_stalls: codes
                .iter()
                .filter_map(|c| code_to_id.get(c.as_str()).copied())
                .collect(),
            needs_power: a.needs_power,
            priority_groups: groups,
            suspended: whole_run_suspended,
            suspended_sessions: if whole_run_suspended {
                Vec::new()
            } else {
                suspended_nights
            },
            // A vendor with no night due yet has no figure (the "100 %" shown for a newcomer
            // was made up).
            attendance: attendance
                .get(&a.vendor_id)
                .filter(|c| c.attended + c.no_shows > 0)
                .map(|c| Attendance {
                    rate: c.attendance_rate,
                    min_rate: c.rule.min_rate,
                }),
            busy_sessions: busy.get(&a.vendor_id).cloned().unwrap_or_default(),
            gas_lapsed_sessions: gas_lapsed,
            health_cert_lapsed_sessions: health_cert_lapsed,
        });
    }

    let existing: Vec<ExistingBooking> = booking_rows
        .iter()
        .map(|b| ExistingBooking {
            session_id: i64::from(b.session_id),
            stall_id: i64::from(b.stall_id),
            vendor_id: i64::from(b.vendor_id),
            category: b
                .application_id
                .and_then(|id| app_category.get(&id).cloned())
                .or_else(|| vendor_rows.get(&b.vendor_id).map(|v| v.category.clone())),
            week: (!in_run.contains(&b.session_id))
                .then(|| date_of.get(&b.session_id).map(|d| week_of(*d)))
                .flatten(),
        })
        .collect();
    for b in &existing {
        if let Some(name) = &b.category {
            category(name);
        }
    }

    Ok(AllocationInput {
        stalls: stalls_out,
        sessions: sessions_out,
        applications: applications_out,
        categories: categories.into_values().collect(),
        existing_bookings: existing,
    }
    .canonical())
}

/// For each session of the run, the other sessions of the run whose hours overlap it (a
/// mobile market on two sites the same evening): a sweep over start times.
fn overlapping(sessions: &[market_sessions::Model]) -> HashMap<i32, Vec<i64>> {
    let mut by_start: Vec<&market_sessions::Model> = sessions.iter().collect();
    by_start.sort_by_key(|s| (s.starts_at, s.id));
    let mut out: HashMap<i32, Vec<i64>> = HashMap::new();
    for (i, a) in by_start.iter().enumerate() {
        for b in by_start[i + 1..]
            .iter()
            .take_while(|b| b.starts_at < a.ends_at)
        {
            out.entry(a.id).or_default().push(i64::from(b.id));
            out.entry(b.id).or_default().push(i64::from(a.id));
        }
    }
    out
}

/// For each applicant, the sessions of the run at whose hours they already hold a stall in a
/// session outside the run (another market, another site): the rule a hand booking meets.
async fn busy_elsewhere(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    run: &[market_sessions::Model],
) -> Result<HashMap<i32, Vec<i64>>, DbErr> {
    let (Some(first), Some(last)) = (
        run.iter().map(|s| s.starts_at).min(),
        run.iter().map(|s| s.ends_at).max(),
    ) else {
        return Ok(HashMap::new());
    };
    let in_run: BTreeSet<i32> = run.iter().map(|s| s.id).collect();
    let held: Vec<(i32, market_sessions::Model)> =
        mq::vendors_sessions_between(db, vendor_ids, first, last)
            .await?
            .into_iter()
            .filter(|(_, s)| !in_run.contains(&s.id))
            .collect();
    let mut out: HashMap<i32, Vec<i64>> = HashMap::new();
    for (vendor, other) in &held {
        for s in run {
            if s.starts_at < other.ends_at && other.starts_at < s.ends_at {
                out.entry(*vendor).or_default().push(i64::from(s.id));
            }
        }
    }
    Ok(out)
}
