//! Declared absence (请假): the vendor taps "I can't come" before the session starts, or a
//! manager records it before it ends. The booking moves to the history as `absent` (so the
//! unique indexes free the stall-session at once), the stall-session is offered to the
//! waitlist in its order, and the absence counts in the attendance counters — not as a no-show.

use super::{offers, place, queries};
use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::bookings as tb, texts::night as t};
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use crate::notices::{self, Notifier};
use chrono::Utc;
use entity::booking_history::CancelReason;
use entity::{booking_history, bookings, market_sessions, stalls, vendors};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait,
    QueryFilter, Set,
};
use serde_json::json;

/// Longest reason, in characters.
const MAX_REASON: usize = 500;

/// The absence as recorded.
#[derive(Debug, Clone, Copy)]
pub struct Absent {
    /// The booking (now in the history).
    pub booking_id: i32,
    /// Its session.
    pub session_id: i32,
    /// Whether the freed stall-session was offered to someone.
    pub offered: bool,
}

/// 409 `already_absent` when booking `id` was already declared absent and the caller may see
/// it; 404 otherwise. (Check-in asks too: a vendor on leave is not "not found".)
pub(crate) async fn gone(db: &impl ConnectionTrait, user: &CurrentUser, id: i32) -> AppError {
    let Ok(Some(row)) = booking_history::Entity::find()
        .filter(booking_history::Column::BookingId.eq(id))
        .filter(booking_history::Column::Reason.eq(CancelReason::Absent))
        .one(db)
        .await
    else {
        return AppError::NotFound;
    };
    let visible = match user.role {
        Role::Vendor => user.vendor_id == Some(row.vendor_id),
        Role::Bureau => false,
        Role::Admin | Role::Manager => {
            match market_sessions::Entity::find_by_id(row.session_id)
                .one(db)
                .await
            {
                Ok(Some(s)) => match crate::markets::queries::find_market(db, s.market_id).await {
                    Ok(Some(m)) => access::can_manage(db, user, &m).await.unwrap_or(false),
                    _ => false,
                },
                _ => false,
            }
        }
    };
    if visible {
        AppError::conflict("already_absent", t::ALREADY_ABSENT)
    } else if user.role == Role::Bureau {
        AppError::Forbidden
    } else {
        AppError::NotFound
    }
}

/// Declares booking `id` absent; the notices (the vendor when a manager records it, the next
/// vendor's offer) are delivered after the commit.
pub async fn declare_absence(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
    reason: Option<&str>,
) -> AppResult<Absent> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let txn = begin_write(db).await?;
    let mut out = offers::expire_due(&txn).await?;
    let Some(booking) = bookings::Entity::find_by_id(id).one(&txn).await? else {
        return Err(gone(&txn, user, id).await);
    };
    let (_, session, market) = queries::booking_in_market(&txn, id).await?;
    let now = Utc::now();
    let by_vendor = match user.role {
        Role::Vendor => {
            if user.vendor_id != Some(booking.vendor_id) {
                return Err(AppError::NotFound);
            }
            if now >= session.starts_at {
                return Err(AppError::invalid(
                    "session_started",
                    "id",
                    t::ABSENCE_TOO_LATE,
                ));
            }
            true
        }
        Role::Bureau => return Err(AppError::Forbidden),
        Role::Admin | Role::Manager => {
            access::require_manage(&txn, user, &market).await?;
            if now >= session.ends_at {
                return Err(AppError::invalid("session_past", "id", tb::SESSION_PAST));
            }
            false
        }
    };
    if reason.is_some_and(|r| r.chars().count() > MAX_REASON) {
        return Err(AppError::invalid(
            "text_too_long",
            "reason",
            t::TEXT_TOO_LONG,
        ));
    }
    if booking.checked_in_at.is_some() {
        return Err(AppError::conflict(
            "already_checked_in",
            t::ALREADY_CHECKED_IN,
        ));
    }
    let stall_code = stalls::Entity::find_by_id(booking.stall_id)
        .one(&txn)
        .await?
        .map_or(String::new(), |s| s.code);
    let vendor = vendors::Entity::find_by_id(booking.vendor_id)
        .one(&txn)
        .await?;
    let stall_id = booking.stall_id;
    booking_history::ActiveModel {
        booking_id: Set(booking.id),
        session_id: Set(booking.session_id),
        stall_id: Set(booking.stall_id),
        vendor_id: Set(booking.vendor_id),
        application_id: Set(booking.application_id),
        checked_in_at: Set(booking.checked_in_at),
        booked_at: Set(booking.created_at),
        reason: Set(CancelReason::Absent),
        cancelled_by: Set(Some(user.id)),
        cancelled_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let before = place::snapshot(&booking);
    booking.delete(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "booking",
            entity_id: Some(id),
            action: "absence",
            before: Some(before),
            after: Some(json!({"status": "absent", "by_vendor": by_vendor, "reason": reason})),
        },
    )
    .await?;
    if !by_vendor && let Some(v) = &vendor {
        out.push(
            notices::write(
                &txn,
                v.user_id,
                "absence",
                Msg::with(
                    "night-notice-absence-recorded",
                    [(
                        "what",
                        super::cancel::describe_in_market(db, &session, &stall_code)
                            .await?
                            .into(),
                    )],
                ),
            )
            .await?,
        );
    }
    let offered = offers::offer_next(&txn, &session, stall_id, now).await?;
    let was_offered = !offered.is_empty();
    out.extend(offered);
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(Absent {
        booking_id: id,
        session_id: session.id,
        offered: was_offered,
    })
}
