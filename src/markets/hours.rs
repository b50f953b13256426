//! New hours for a segment from a date on (winter hours from 1 November): the segment's future
//! sessions move; booked vendors are told; past and started sessions never change.

use super::create::daily_overlap;
use super::edit::market_for_writing;
use super::hours_check;
use super::impact::{self, Impact, NeedsConfirmation};
use super::rota::{self, Planned};
use super::rows::{date_past, segment_times};
use super::schedule::{self, SegmentTime};
use super::write::Confirmable;
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::markets as t};
use crate::identity::CurrentUser;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::market_sessions::SessionStatus;
use entity::{market_segments, market_sessions};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// New hours from a date on.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct HoursChange {
    /// Local `HH:MM`.
    pub start: String,
    /// Local `HH:MM` (before `start`: crosses midnight).
    pub end: String,
    /// First business date with the new hours, `YYYY-MM-DD` (today or later).
    pub from: String,
    /// Go ahead although booked sessions move (their vendors are told).
    #[serde(default)]
    pub confirm: bool,
}

/// What an hours change did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursChanged {
    /// Sessions given the new hours.
    pub sessions_changed: u64,
    /// Live bookings in them.
    pub bookings_affected: u64,
    /// Vendors told.
    pub vendors_notified: u64,
}

/// The result: done (with the notices to deliver), or refused until confirmed.
pub type HoursOutcome = Confirmable<HoursChanged>;

/// Moves the segment's sessions on and after `from` to the new hours. Nothing is written when
/// it fails or needs confirmation.
pub async fn change_hours(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market_id: i32,
    segment: &str,
    change: HoursChange,
) -> AppResult<HoursOutcome> {
    let market = market_for_writing(db, user, market_id).await?;
    let segments = segment_times(db, market_id).await?;
    let Some((_, old)) = segments.iter().find(|(n, _)| n == segment) else {
        return Err(AppError::NotFound);
    };
    let time = SegmentTime::parse(&change.start, &change.end).map_err(|e| {
        let (at, text) = e.field_and_text();
        AppError::invalid("invalid_time", at, text)
    })?;
    let from = schedule::parse_date(&change.from)
        .ok_or_else(|| AppError::invalid("invalid_date", "from", t::DATE_INVALID))?;
    if from < crate::clock::today() {
        return Err(date_past("from"));
    }
    if let Some((other, _)) = segments
        .iter()
        .find(|(n, t)| n != segment && daily_overlap(&time, t))
    {
        return Err(AppError::invalid(
            "segment_overlap",
            "start",
            Msg::with(
                "scheduling-segments-overlap",
                [("other", other.clone().into())],
            ),
        ));
    }
    let now = Utc::now();
    let moving = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(market_id))
        .filter(market_sessions::Column::Segment.eq(segment))
        .filter(market_sessions::Column::BusinessDate.gte(from))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::StartsAt.gt(now))
        .order_by_asc(market_sessions::Column::StartsAt)
        .all(db)
        .await?;
    let ids: Vec<i32> = moving.iter().map(|s| s.id).collect();
    let planned: Vec<Planned> = moving
        .iter()
        .map(|s| {
            let (starts_at, ends_at) = time.window(s.business_date);
            Planned {
                site_id: s.site_id,
                segment: s.segment.clone(),
                date: s.business_date,
                starts_at,
                ends_at,
            }
        })
        .collect();
    hours_check::refuse_started(&planned, now)?;
    rota::refuse_conflicts(db, Some(market_id), &market.name, &planned, &ids).await?;
    let (booked, users) = impact::booked(db, &ids).await?;
    hours_check::refuse_vendor_clashes(db, &moving, &planned, &booked).await?;
    let counts = Impact {
        sessions: ids.len() as u64,
        bookings: booked.len() as u64,
        vendors: users.len() as u64,
    };
    if counts.bookings > 0 && !change.confirm {
        return Ok(HoursOutcome::Confirm(NeedsConfirmation(counts)));
    }
    // One statement per new window (a date's sessions on every site share it), not one
    // per session: 100 statements rather than 1,000 for 100 days on 10 sites.
    let mut by_window: BTreeMap<_, Vec<i32>> = BTreeMap::new();
    for (s, p) in moving.iter().zip(&planned) {
        by_window
            .entry((p.starts_at, p.ends_at))
            .or_default()
            .push(s.id);
    }
    for ((starts_at, ends_at), ids) in by_window {
        market_sessions::Entity::update_many()
            .col_expr(market_sessions::Column::StartsAt, Expr::value(starts_at))
            .col_expr(market_sessions::Column::EndsAt, Expr::value(ends_at))
            .filter(market_sessions::Column::Id.is_in(ids))
            .exec(db)
            .await
            .map_err(super::create::map_session_error)?;
    }
    let hours = format!(
        "{}–{}",
        schedule::hhmm(time.start),
        schedule::hhmm(time.end)
    );
    market_segments::Entity::update_many()
        .col_expr(
            market_segments::Column::StartTime,
            Expr::value(schedule::hhmm(time.start)),
        )
        .col_expr(
            market_segments::Column::EndTime,
            Expr::value(schedule::hhmm(time.end)),
        )
        .filter(market_segments::Column::MarketId.eq(market_id))
        .filter(market_segments::Column::Name.eq(segment))
        .exec(db)
        .await?;
    let messages: Vec<Outgoing> = users
        .iter()
        .map(|(user_id, n)| Outgoing {
            user_id: *user_id,
            kind: "hours_changed",
            text: Msg::with(
                "scheduling-notice-hours",
                [
                    ("market", market.name.clone().into()),
                    ("segment", segment.to_owned().into()),
                    ("from", from.to_string().into()),
                    ("hours", hours.clone().into()),
                    ("count", (*n as i64).into()),
                ],
            ),
        })
        .collect();
    let out = notices::write_many(db, messages).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(market_id),
            action: "hours_change",
            before: Some(json!({"segment": segment, "start": schedule::hhmm(old.start), "end": schedule::hhmm(old.end)})),
            after: Some(json!({"segment": segment, "start": schedule::hhmm(time.start), "end": schedule::hhmm(time.end),
                "from": from, "sessions_changed": counts.sessions, "bookings_affected": counts.bookings,
                "vendors_notified": counts.vendors})),
        },
    )
    .await?;
    Ok(HoursOutcome::Done(
        HoursChanged {
            sessions_changed: counts.sessions,
            bookings_affected: counts.bookings,
            vendors_notified: counts.vendors,
        },
        out,
    ))
}
