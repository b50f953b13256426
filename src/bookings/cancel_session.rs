//! Cancelling a session (weather, events): the reason is recorded, its bookings are
//! cancelled, pending offers lapse, and every booked vendor is told. A session already held
//! (someone checked in or reported sales) cannot be cancelled: its figures stay.

use crate::audit::{self, Change};
use crate::bookings::cancel::{archive, describe_in_market};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::bookings as tb, texts::markets as t};
use crate::identity::CurrentUser;
use crate::markets::{access, queries as mq};
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::booking_history::CancelReason;
use entity::market_sessions::SessionStatus;
use entity::{bookings, market_sessions, stalls, vendors};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// Cancels a session; returns the session and the notices to deliver after the commit.
pub async fn cancel_session(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
    reason: &str,
) -> AppResult<(market_sessions::Model, Vec<Outgoing>)> {
    user.require_staff_writer()?;
    // Bookings being placed in it hold it share-locked: wait for them, so their rows are read
    // below and cancelled with the rest; one placed after waits for this commit and finds the
    // session cancelled. Read once locked: it is as the last writer left it.
    crate::db::lock_rows(db, "market_sessions", &[id], crate::db::RowLock::Update).await?;
    let session = mq::find_session(db, id).await?.ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(db, user, &market).await?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::invalid(
            "invalid_reason",
            "reason",
            t::REASON_REQUIRED,
        ));
    }
    if session.status == SessionStatus::Cancelled {
        return Err(AppError::conflict(
            "session_cancelled",
            t::ALREADY_CANCELLED,
        ));
    }
    if Utc::now() >= session.ends_at {
        return Err(AppError::invalid("session_past", "id", tb::SESSION_PAST));
    }
    if !crate::bookings::held::held(db, &[id]).await?.is_empty() {
        return Err(AppError::invalid("session_held", "id", tb::SESSION_HELD));
    }
    let booked = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(id))
        .all(db)
        .await?;
    let codes: HashMap<i32, String> = stalls::Entity::find()
        .filter(stalls::Column::Id.is_in(booked.iter().map(|b| b.stall_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let users: HashMap<i32, i32> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(booked.iter().map(|b| b.vendor_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.user_id))
        .collect();
    let before = json!({ "status": session.status });
    let mut active = session.into_active_model();
    active.status = Set(SessionStatus::Cancelled);
    active.cancel_reason = Set(Some(reason.to_owned()));
    let session = active.update(db).await?;
    let mut out = Vec::new();
    let cancelled = booked.len();
    for b in booked {
        let what = describe_in_market(
            db,
            &session,
            codes.get(&b.stall_id).map_or("", String::as_str),
        )
        .await?;
        let user_id = users.get(&b.vendor_id).copied();
        archive(db, b, CancelReason::SessionCancelled, Some(user.id)).await?;
        if let Some(user_id) = user_id {
            out.push(
                notices::write(
                    db,
                    user_id,
                    "session_cancelled",
                    Msg::with(
                        "markets-notice-session-cancelled",
                        [("what", what.into()), ("reason", reason.into())],
                    ),
                )
                .await?,
            );
        }
    }
    out.extend(
        super::offers_void::void_offers_of_cancelled(
            db,
            std::slice::from_ref(&session),
            reason,
            user.id,
        )
        .await?,
    );
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "session",
            entity_id: Some(id),
            action: "cancel",
            before: Some(before),
            after: Some(
                json!({ "status": SessionStatus::Cancelled, "reason": reason, "bookings_cancelled": cancelled }),
            ),
        },
    )
    .await?;
    Ok((session, out))
}
