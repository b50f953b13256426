//! Closing a market for a date range with a reason (春节, a storm, a town event), for all or
//! some segments and sites: its sessions are cancelled, booked vendors are told, and the
//! closure is kept to show on the public schedule and "open now".

use super::cancel_many::{Cancelled, cancel_sessions};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::markets as t};
use crate::identity::CurrentUser;
use crate::markets::edit::market_for_writing;
use crate::markets::rows::{date_past, segment_times};
use crate::markets::schedule::{self, MAX_SPAN_DAYS};
use crate::notices::Outgoing;
use chrono::Utc;
use entity::market_sessions::SessionStatus;
use entity::{market_closures, market_schedules, market_sessions};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

/// A closure as submitted.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewClosure {
    /// First closed business date, `YYYY-MM-DD` (today or later).
    pub from: String,
    /// Last closed business date.
    pub to: String,
    /// Why (shown to vendors and the public).
    #[serde(default)]
    pub reason: String,
    /// Only these segments; all when absent.
    #[serde(default)]
    pub segments: Option<Vec<String>>,
    /// Only these sites; all when absent.
    #[serde(default)]
    pub site_ids: Option<Vec<i32>>,
}

/// What a closure did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClosureDone {
    /// The closure.
    pub id: i32,
    /// Sessions cancelled.
    pub sessions_cancelled: u64,
    /// Bookings cancelled.
    pub bookings_cancelled: u64,
    /// Vendors told.
    pub vendors_notified: u64,
    /// Sessions in the range left open because they were already held (a check-in or a sales
    /// report): their figures stay.
    pub sessions_held: u64,
}

/// Closes the market; returns the counts and the notices to deliver after the commit.
pub async fn close_market(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market_id: i32,
    new: NewClosure,
) -> AppResult<(ClosureDone, Vec<Outgoing>)> {
    let market = market_for_writing(db, user, market_id).await?;
    let reason = new.reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::invalid(
            "invalid_reason",
            "reason",
            t::REASON_REQUIRED,
        ));
    }
    let from = schedule::parse_date(&new.from)
        .ok_or_else(|| AppError::invalid("invalid_date", "from", t::DATE_INVALID))?;
    let to = schedule::parse_date(&new.to)
        .ok_or_else(|| AppError::invalid("invalid_date", "to", t::DATE_INVALID))?;
    if to < from || (to - from).num_days() > MAX_SPAN_DAYS {
        return Err(AppError::invalid("invalid_range", "to", t::RANGE_INVALID));
    }
    if from < crate::clock::today() {
        return Err(date_past("from"));
    }
    let segments = segment_times(db, market_id).await?;
    let segment_names: Vec<String> = segments.iter().map(|(n, _)| n.clone()).collect();
    if let Some(list) = &new.segments
        && let Some(i) = list
            .iter()
            .position(|s| !segments.iter().any(|(n, _)| n == s.trim()))
    {
        return Err(AppError::invalid(
            "unknown_segment",
            format!("segments[{i}]"),
            t::SEGMENT_UNKNOWN,
        ));
    }
    let market_sites: Vec<i32> = market_schedules::Entity::find()
        .filter(market_schedules::Column::MarketId.eq(market_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.site_id)
        .collect();
    if let Some(list) = &new.site_ids
        && let Some(i) = list.iter().position(|s| !market_sites.contains(s))
    {
        return Err(AppError::invalid(
            "unknown_site",
            format!("site_ids[{i}]"),
            t::SITE_UNKNOWN,
        ));
    }
    let mut query = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(market_id))
        .filter(market_sessions::Column::BusinessDate.gte(from))
        .filter(market_sessions::Column::BusinessDate.lte(to))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::EndsAt.gt(Utc::now()));
    if let Some(list) = &new.segments {
        query = query.filter(
            market_sessions::Column::Segment.is_in(list.iter().map(|s| s.trim().to_owned())),
        );
    }
    if let Some(list) = &new.site_ids {
        query = query.filter(market_sessions::Column::SiteId.is_in(list.clone()));
    }
    let mut sessions = query.all(db).await?;
    // A night already held (a check-in, a sale) stays in the record: the closure spares it.
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    let held = crate::bookings::held::held(db, &ids).await?;
    sessions.retain(|s| !held.contains(&s.id));
    let sessions_held = held.len() as u64;
    // The same closure again (a form sent twice, a retry) with nothing left to cancel: the
    // first one stands; a second row would show the market closed twice.
    let segments = new.segments.as_ref().map(|s| json!(s).to_string());
    let site_ids = new.site_ids.as_ref().map(|s| json!(s).to_string());
    if sessions.is_empty()
        && let Some(same) = market_closures::Entity::find()
            .filter(market_closures::Column::MarketId.eq(market_id))
            .filter(market_closures::Column::DateFrom.eq(from))
            .filter(market_closures::Column::DateTo.eq(to))
            .filter(market_closures::Column::Reason.eq(reason.clone()))
            .all(db)
            .await?
            .into_iter()
            .find(|c| c.segments == segments && c.site_ids == site_ids)
    {
        let done = ClosureDone {
            id: same.id,
            sessions_cancelled: 0,
            bookings_cancelled: 0,
            vendors_notified: 0,
            sessions_held,
        };
        return Ok((done, Vec::new()));
    }
    // Which nights, as the vendor reads them: one date or a range, and the sites and segments
    // when the closure is not the whole market (a mobile market closed on one site runs on
    // another; "the market is closed" would keep its vendors at home).
    let dates = if from == to {
        from.to_string()
    } else {
        format!("{from} – {to}")
    };
    let mut only: Vec<String> = Vec::new();
    if let Some(list) = new
        .site_ids
        .as_ref()
        .filter(|l| market_sites.iter().any(|s| !l.contains(s)))
    {
        for site in entity::sites::Entity::find()
            .filter(entity::sites::Column::Id.is_in(list.clone()))
            .all(db)
            .await?
        {
            only.push(site.name);
        }
    }
    if let Some(list) = new.segments.as_ref().filter(|l| {
        segment_names
            .iter()
            .any(|n| !l.iter().any(|s| s.trim() == n))
    }) {
        only.extend(list.iter().map(|s| s.trim().to_owned()));
    }
    let (done, out): (Cancelled, Vec<Outgoing>) =
        cancel_sessions(db, user.id, &sessions, &reason, None, |n| {
            let id = if only.is_empty() {
                "scheduling-notice-closure"
            } else {
                "scheduling-notice-closure-only"
            };
            Msg::with(
                id,
                [
                    ("market", market.name.clone().into()),
                    ("dates", dates.clone().into()),
                    ("only", only.join(" · ").into()),
                    ("reason", reason.clone().into()),
                    ("count", (n as i64).into()),
                ],
            )
        })
        .await?;
    let closure = market_closures::ActiveModel {
        market_id: Set(market_id),
        date_from: Set(from),
        date_to: Set(to),
        reason: Set(reason.clone()),
        segments: Set(segments),
        site_ids: Set(site_ids),
        sessions_cancelled: Set(i32::try_from(done.sessions).unwrap_or(i32::MAX)),
        created_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(market_id),
            action: "close",
            before: None,
            after: Some(
                json!({"closure_id": closure.id, "from": from, "to": to, "reason": reason,
                "segments": new.segments, "site_ids": new.site_ids,
                "sessions_cancelled": done.sessions, "bookings_cancelled": done.bookings,
                "vendors_notified": done.vendors, "sessions_held": sessions_held}),
            ),
        },
    )
    .await?;
    Ok((
        ClosureDone {
            id: closure.id,
            sessions_cancelled: done.sessions,
            bookings_cancelled: done.bookings,
            vendors_notified: done.vendors,
            sessions_held,
        },
        out,
    ))
}
