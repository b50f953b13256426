//! Attendance counters per vendor (and market) over a window: booked, attended (checked in),
//! declared absences, no-shows, the rate and the market's rule, and whether the vendor is at
//! risk of falling below it. The vendor's pages, the API and the allocation run read the same
//! figures from here.

use crate::error::AppResult;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::booking_history::CancelReason;
use entity::{booking_history, bookings, market_sessions, markets};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// The rule used without a market: at least 80 % over 90 days.
pub const DEFAULT_RULE: Rule = Rule {
    min_rate: 0.8,
    window_days: 90,
};

/// A market's attendance rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct Rule {
    /// The least rate (0–1).
    pub min_rate: f64,
    /// Over this many days back.
    pub window_days: i32,
}

impl Rule {
    /// The rule of `market`.
    pub fn of(market: &markets::Model) -> Rule {
        Rule {
            min_rate: market.attendance_min_rate,
            window_days: market.attendance_window_days,
        }
    }
}

/// The counters.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Counters {
    /// Bookings of sessions in the window (kept or declared absent).
    pub booked: u32,
    /// Checked in.
    pub attended: u32,
    /// Declared "I can't come" before the session (请假): freed and re-let, not a no-show.
    pub declared_absences: u32,
    /// Booked, session started, not checked in.
    pub no_shows: u32,
    /// attended / (attended + no-shows); 1 when nothing was due yet.
    pub attendance_rate: f64,
    /// The market's rule.
    pub rule: Rule,
    /// Below the rule, or, having missed a night already, one more no-show would take the
    /// vendor below it. A vendor who has never missed one is not warned: after two nights
    /// attended, one miss is always below 80 %.
    pub at_risk: bool,
}

/// Whether a booking not checked in counts against the vendor's attendance at `now`: once its
/// segment has started (DESIGN), but a stall taken after the start (an offer accepted, a
/// walk-up placed while the night runs) only once the night is over: its vendor is on the
/// way, and may be checked in late.
fn missed_night(s: &market_sessions::Model, b: &bookings::Model, now: DateTime<Utc>) -> bool {
    if b.created_at > s.starts_at {
        s.ends_at <= now
    } else {
        s.starts_at <= now
    }
}

/// The pure arithmetic of the counters.
pub fn compute(attended: u32, no_shows: u32, absences: u32, booked: u32, rule: Rule) -> Counters {
    let due = attended + no_shows;
    let rate = if due == 0 {
        1.0
    } else {
        f64::from(attended) / f64::from(due)
    };
    let next_miss = f64::from(attended) / f64::from(due + 1);
    Counters {
        booked,
        attended,
        declared_absences: absences,
        no_shows,
        attendance_rate: rate,
        rule,
        at_risk: due > 0 && (rate < rule.min_rate || no_shows > 0 && next_miss < rule.min_rate),
    }
}

/// The default window of a rule ending on `today`.
pub fn default_window(rule: Rule, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        today - Duration::days(i64::from(rule.window_days.max(1)) - 1),
        today,
    )
}

/// A night counted as a no-show: the vendor can see which, and take it up with the manager
/// when they were there but not checked in.
#[derive(Debug, Clone, PartialEq)]
pub struct Missed {
    /// Business date of the session.
    pub date: NaiveDate,
    /// Its segment.
    pub segment: String,
    /// The stall that stood empty.
    pub stall_id: i32,
}

/// The vendor's counters over sessions dated `from`–`to` (of `market` only, when given), and
/// the no-show nights they count, oldest first.
pub async fn counters(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    market: Option<&markets::Model>,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<(Counters, Vec<Missed>)> {
    let rule = market.map_or(DEFAULT_RULE, Rule::of);
    let live = bookings::Entity::find()
        .filter(bookings::Column::VendorId.eq(vendor_id))
        .all(db)
        .await?;
    let absent = booking_history::Entity::find()
        .filter(booking_history::Column::VendorId.eq(vendor_id))
        .filter(booking_history::Column::Reason.eq(CancelReason::Absent))
        .all(db)
        .await?;
    let ids: Vec<i32> = live
        .iter()
        .map(|b| b.session_id)
        .chain(absent.iter().map(|b| b.session_id))
        .collect();
    let mut sessions: HashMap<i32, market_sessions::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        let mut q = market_sessions::Entity::find()
            .filter(market_sessions::Column::Id.is_in(chunk.iter().copied()))
            .filter(market_sessions::Column::BusinessDate.gte(from))
            .filter(market_sessions::Column::BusinessDate.lte(to));
        if let Some(m) = market {
            q = q.filter(market_sessions::Column::MarketId.eq(m.id));
        }
        for s in q.all(db).await? {
            sessions.insert(s.id, s);
        }
    }
    let (mut attended, mut no_shows, mut booked) = (0, 0, 0);
    let mut missed = Vec::new();
    for b in &live {
        let Some(s) = sessions.get(&b.session_id) else {
            continue;
        };
        booked += 1;
        if b.checked_in_at.is_some() {
            attended += 1;
        } else if missed_night(s, b, now) {
            // DESIGN: a booking without check-in once its segment has started is a no-show.
            // The session page and the reports count every such booking of a night under way
            // (who has not arrived yet); the vendor's record waits for the night's end for a
            // stall taken after the start.
            no_shows += 1;
            missed.push(Missed {
                date: s.business_date,
                segment: s.segment.clone(),
                stall_id: b.stall_id,
            });
        }
    }
    let absences = absent
        .iter()
        .filter(|b| sessions.contains_key(&b.session_id))
        .count() as u32;
    missed.sort_by(|a, b| (a.date, &a.segment).cmp(&(b.date, &b.segment)));
    Ok((
        compute(attended, no_shows, absences, booked + absences, rule),
        missed,
    ))
}

/// The counters over the market's own window ending today, as vendors see them, with the
/// no-show nights they count.
pub async fn current(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    market: &markets::Model,
) -> AppResult<(Counters, Vec<Missed>)> {
    let (from, to) = default_window(Rule::of(market), crate::clock::today());
    counters(db, vendor_id, Some(market), from, to, Utc::now()).await
}

/// The counters of many vendors in one market over its window ending today, in a few queries
/// (the allocation run reads every applicant's).
pub async fn current_many(
    db: &impl ConnectionTrait,
    vendor_ids: &[i32],
    market: &markets::Model,
) -> AppResult<HashMap<i32, Counters>> {
    let rule = Rule::of(market);
    let (from, to) = default_window(rule, crate::clock::today());
    let now = Utc::now();
    let sessions: HashMap<i32, market_sessions::Model> = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(market.id))
        .filter(market_sessions::Column::BusinessDate.gte(from))
        .filter(market_sessions::Column::BusinessDate.lte(to))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let wanted: std::collections::HashSet<i32> = vendor_ids.iter().copied().collect();
    // (attended, no-shows, absences, booked) per vendor.
    let mut tally: HashMap<i32, (u32, u32, u32, u32)> = HashMap::new();
    let ids: Vec<i32> = sessions.keys().copied().collect();
    for chunk in ids.chunks(500) {
        for b in bookings::Entity::find()
            .filter(bookings::Column::SessionId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            if !wanted.contains(&b.vendor_id) {
                continue;
            }
            let e = tally.entry(b.vendor_id).or_default();
            e.3 += 1;
            if b.checked_in_at.is_some() {
                e.0 += 1;
            } else if sessions
                .get(&b.session_id)
                .is_some_and(|s| missed_night(s, &b, now))
            {
                e.1 += 1;
            }
        }
        for h in booking_history::Entity::find()
            .filter(booking_history::Column::SessionId.is_in(chunk.iter().copied()))
            .filter(booking_history::Column::Reason.eq(CancelReason::Absent))
            .all(db)
            .await?
        {
            if wanted.contains(&h.vendor_id) {
                let e = tally.entry(h.vendor_id).or_default();
                e.2 += 1;
                e.3 += 1;
            }
        }
    }
    Ok(vendor_ids
        .iter()
        .map(|v| {
            let (a, n, d, b) = tally.get(v).copied().unwrap_or_default();
            (*v, compute(a, n, d, b, rule))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vendor_with_nothing_due_is_not_at_risk() {
        let c = compute(0, 0, 2, 2, DEFAULT_RULE);
        assert_eq!(c.attendance_rate, 1.0);
        assert!(!c.at_risk);
    }

    #[test]
    fn a_vendor_one_no_show_away_from_the_rule_is_warned() {
        // 4 of 4: one more miss gives 4/5 = 0.8, still at the rule.
        assert!(!compute(4, 0, 0, 4, DEFAULT_RULE).at_risk);
        // 4 of 5: one more miss gives 4/6 < 0.8.
        let c = compute(4, 1, 0, 5, DEFAULT_RULE);
        assert!((c.attendance_rate - 0.8).abs() < 1e-12);
        assert!(c.at_risk);
        // A perfect record is never warned, however short.
        assert!(!compute(2, 0, 0, 2, DEFAULT_RULE).at_risk);
        assert!(!compute(1, 0, 0, 1, DEFAULT_RULE).at_risk);
        // Declared absences do not count against the rate.
        assert_eq!(compute(9, 0, 5, 14, DEFAULT_RULE).attendance_rate, 1.0);
    }
}
