//! Check-in: the vendor was there. Open from
//! [`DOORS_OPEN_BEFORE`](crate::markets::schedule::DOORS_OPEN_BEFORE) before the session starts
//! (vendors set up early; late entries allowed after it ends); a booking without check-in once
//! the segment has started counts as a no-show.

use super::{place, queries};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::bookings as t;
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use chrono::Utc;
use entity::bookings::BookingStatus;
use entity::market_sessions::SessionStatus;
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};

/// Checks a booking in; returns it as the API shows it.
pub async fn check_in(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<queries::BookingItem> {
    if !matches!(user.role, Role::Admin | Role::Manager) {
        return Err(AppError::Forbidden);
    }
    let (booking, session, market) = match queries::booking_in_market(db, id).await {
        Err(AppError::NotFound) => return Err(super::absence::gone(db, user, id).await),
        found => found?,
    };
    access::require_manage(db, user, &market).await?;
    if session.status != SessionStatus::Scheduled {
        return Err(AppError::invalid(
            "session_cancelled",
            "id",
            t::SESSION_CANCELLED,
        ));
    }
    if !crate::markets::schedule::check_in_open(&session, Utc::now()) {
        return Err(AppError::invalid("too_early", "id", t::TOO_EARLY));
    }
    let booking = if booking.checked_in_at.is_some() {
        booking
    } else {
        let before = place::snapshot(&booking);
        let mut active = booking.into_active_model();
        active.status = Set(BookingStatus::CheckedIn);
        active.checked_in_at = Set(Some(Utc::now()));
        let updated = active.update(db).await?;
        audit::record(
            db,
            Change {
                actor: Some(user.id),
                entity: "booking",
                entity_id: Some(updated.id),
                action: "check_in",
                before: Some(before),
                after: Some(place::snapshot(&updated)),
            },
        )
        .await?;
        updated
    };
    let mut items = queries::items(db, &session, vec![booking]).await?;
    items.pop().ok_or(AppError::NotFound)
}
