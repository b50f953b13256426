//! Ending a schedule row early or extending its season (`PATCH /api/v1/schedule-rows/{id}`):
//! an extension creates the new sessions (after the overlap check); an early end cancels the
//! sessions after the new last date — with bookings only after an explicit confirmation, and
//! then their vendors are told. Past sessions never change.

use super::cancel_many::cancel_sessions;
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::markets as t};
use crate::identity::CurrentUser;
use crate::markets::edit::market_for_writing;
use crate::markets::impact::{self, Impact, NeedsConfirmation};
use crate::markets::rota::{self, Rule};
use crate::markets::rows::{date_past, segment_times};
use crate::markets::schedule::{self, MAX_SPAN_DAYS};
use crate::markets::write::Confirmable;
use chrono::{Duration, Utc};
use entity::market_sessions::SessionStatus;
use entity::{market_closures, market_schedules, market_sessions};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A row's new last date.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RowChange {
    /// New last business date, `YYYY-MM-DD` (today or later).
    pub to: String,
    /// Go ahead although booked sessions are removed (their vendors are told).
    #[serde(default)]
    pub confirm: bool,
    /// Shown to vendors whose bookings go; a standard reason when absent.
    #[serde(default)]
    pub reason: Option<String>,
}

/// What the change did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RowChanged {
    /// The market.
    pub market_id: i32,
    /// Sessions created by an extension.
    pub sessions_created: u64,
    /// Sessions cancelled by an early end.
    pub sessions_cancelled: u64,
    /// Bookings cancelled.
    pub bookings_affected: u64,
    /// Vendors told.
    pub vendors_notified: u64,
}

/// Done with the notices to deliver, or refused until confirmed.
pub type RowOutcome = Confirmable<RowChanged>;

/// Moves a schedule row's last date; audited. Nothing is written on refusal.
pub async fn change_row(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    row_id: i32,
    change: RowChange,
) -> AppResult<RowOutcome> {
    user.require_staff_writer()?;
    let row = market_schedules::Entity::find_by_id(row_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = market_for_writing(db, user, row.market_id).await?;
    let to = schedule::parse_date(&change.to)
        .ok_or_else(|| AppError::invalid("invalid_date", "to", t::DATE_INVALID))?;
    let today = crate::clock::today();
    if to < today {
        return Err(date_past("to"));
    }
    if to < row.date_from || (to - row.date_from).num_days() > MAX_SPAN_DAYS {
        return Err(AppError::invalid("invalid_range", "to", t::RANGE_INVALID));
    }
    let old_to = row.date_to;
    let mut done = RowChanged {
        market_id: market.id,
        sessions_created: 0,
        sessions_cancelled: 0,
        bookings_affected: 0,
        vendors_notified: 0,
    };
    let mut out = Vec::new();
    if to > old_to {
        let segments = segment_times(db, market.id).await?;
        let time = segments
            .iter()
            .find(|(n, _)| *n == row.segment)
            .map(|(_, t)| *t)
            .ok_or(AppError::NotFound)?;
        let rule = Rule {
            site_id: row.site_id,
            segment: row.segment.clone(),
            time,
            weekdays: row.weekdays.clone(),
            from: (old_to + Duration::days(1)).max(today),
            to,
        };
        let planned = rota::plan(std::slice::from_ref(&rule));
        rota::refuse_conflicts(db, Some(market.id), &market.name, &planned, &[]).await?;
        // Sessions this row once ended early come back rather than appearing twice; those a
        // closure cancelled stay cancelled.
        let closures = market_closures::Entity::find()
            .filter(market_closures::Column::MarketId.eq(market.id))
            .filter(market_closures::Column::DateTo.gte(rule.from))
            .all(db)
            .await?;
        let ended: Vec<market_sessions::Model> = market_sessions::Entity::find()
            .filter(market_sessions::Column::MarketId.eq(market.id))
            .filter(market_sessions::Column::SiteId.eq(row.site_id))
            .filter(market_sessions::Column::Segment.eq(row.segment.clone()))
            .filter(market_sessions::Column::BusinessDate.gte(rule.from))
            .filter(market_sessions::Column::BusinessDate.lte(to))
            .filter(market_sessions::Column::Status.eq(SessionStatus::Cancelled))
            .all(db)
            .await?
            .into_iter()
            .filter(|s| !closures.iter().any(|c| closed_by(c, s)))
            .collect();
        let fresh: Vec<_> = planned
            .into_iter()
            .filter(|p| !ended.iter().any(|s| s.business_date == p.date))
            .collect();
        // Only the nights this row's end cancelled come back (not another row's, nor a night
        // cancelled on its own), at the segment's hours of today, which may have changed since
        // they were ended: one statement per window.
        let ours = ended_by_row(db, row.id, &ended).await?;
        let ended: Vec<&market_sessions::Model> =
            ended.iter().filter(|s| ours.contains(&s.id)).collect();
        let mut revive: BTreeMap<_, Vec<i32>> = BTreeMap::new();
        for s in &ended {
            revive
                .entry(time.window(s.business_date))
                .or_default()
                .push(s.id);
        }
        for ((starts_at, ends_at), ids) in revive {
            market_sessions::Entity::update_many()
                .col_expr(
                    market_sessions::Column::Status,
                    Expr::value(SessionStatus::Scheduled),
                )
                .col_expr(
                    market_sessions::Column::CancelReason,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(market_sessions::Column::StartsAt, Expr::value(starts_at))
                .col_expr(market_sessions::Column::EndsAt, Expr::value(ends_at))
                .filter(market_sessions::Column::Id.is_in(ids))
                .exec(db)
                .await
                .map_err(crate::markets::create::map_session_error)?;
        }
        done.sessions_created =
            (rota::insert_sessions(db, market.id, &fresh).await? + ended.len()) as u64;
    } else if to < old_to {
        let sessions: Vec<market_sessions::Model> = market_sessions::Entity::find()
            .filter(market_sessions::Column::MarketId.eq(market.id))
            .filter(market_sessions::Column::SiteId.eq(row.site_id))
            .filter(market_sessions::Column::Segment.eq(row.segment.clone()))
            .filter(market_sessions::Column::BusinessDate.gt(to))
            .filter(market_sessions::Column::BusinessDate.lte(old_to))
            .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
            .filter(market_sessions::Column::StartsAt.gt(Utc::now()))
            .all(db)
            .await?
            .into_iter()
            .filter(|s| row.weekdays.matches(s.business_date))
            .collect();
        let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
        let (booked, users) = impact::booked(db, &ids).await?;
        if !booked.is_empty() && !change.confirm {
            return Ok(RowOutcome::Confirm(NeedsConfirmation(Impact {
                sessions: ids.len() as u64,
                bookings: booked.len() as u64,
                vendors: users.len() as u64,
            })));
        }
        let reason = change
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map_or_else(
                || Msg::with("scheduling-reason-row-ended", []).get(crate::i18n::Lang::Zh),
                str::to_owned,
            );
        let (c, notices) = cancel_sessions(db, user.id, &sessions, &reason, Some(row.id), |n| {
            Msg::with(
                "scheduling-notice-row-ended",
                [
                    ("market", market.name.clone().into()),
                    ("segment", row.segment.clone().into()),
                    ("from", (to + Duration::days(1)).to_string().into()),
                    ("count", (n as i64).into()),
                ],
            )
        })
        .await?;
        done.sessions_cancelled = c.sessions;
        done.bookings_affected = c.bookings;
        done.vendors_notified = c.vendors;
        out = notices;
    }
    let before = json!({"row_id": row.id, "to": old_to});
    let mut active = row.into_active_model();
    active.date_to = Set(to);
    active.update(db).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(market.id),
            action: "schedule_change",
            before: Some(before),
            after: Some(json!({"row_id": row_id, "to": to, "sessions_created": done.sessions_created,
                "sessions_cancelled": done.sessions_cancelled, "bookings_affected": done.bookings_affected})),
        },
    )
    .await?;
    Ok(RowOutcome::Done(done, out))
}

/// Whether a closure covers a session (its dates, and its segments and sites when named).
fn closed_by(c: &market_closures::Model, s: &market_sessions::Model) -> bool {
    let named = |list: &Option<String>, hit: &dyn Fn(&serde_json::Value) -> bool| {
        list.as_deref()
            .and_then(|l| serde_json::from_str::<Vec<serde_json::Value>>(l).ok())
            .is_none_or(|l| l.iter().any(hit))
    };
    c.date_from <= s.business_date
        && s.business_date <= c.date_to
        && named(&c.segments, &|v| v.as_str() == Some(s.segment.as_str()))
        && named(&c.site_ids, &|v| v.as_i64() == Some(i64::from(s.site_id)))
}

/// Which of `cancelled` this row's end cancelled: those whose latest cancellation in the audit
/// log names the row.
async fn ended_by_row(
    db: &impl ConnectionTrait,
    row_id: i32,
    cancelled: &[market_sessions::Model],
) -> AppResult<std::collections::BTreeSet<i32>> {
    let mut latest: BTreeMap<i32, (i32, Option<String>)> = BTreeMap::new();
    for chunk in cancelled.chunks(500) {
        let rows = entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Entity.eq("session"))
            .filter(entity::audit_log::Column::Action.eq("cancel"))
            .filter(entity::audit_log::Column::EntityId.is_in(chunk.iter().map(|s| s.id)))
            .all(db)
            .await?;
        for r in rows {
            if let Some(session) = r.entity_id {
                let e = latest.entry(session).or_insert((r.id, r.after.clone()));
                if r.id > e.0 {
                    *e = (r.id, r.after.clone());
                }
            }
        }
    }
    Ok(latest
        .into_iter()
        .filter(|(_, (_, after))| {
            after
                .as_deref()
                .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                .is_some_and(|a| a["by_row"].as_i64() == Some(i64::from(row_id)))
        })
        .map(|(session, _)| session)
        .collect())
}
