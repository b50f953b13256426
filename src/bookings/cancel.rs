//! Cancelling bookings: the row moves to `booking_history` (so the unique constraints keep
//! meaning "at most one live booking"), the vendor is told, and the freed stall-session is
//! offered to the waitlist.

use super::{offers, place, queries};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::bookings as t};
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::booking_history::CancelReason;
use entity::{booking_history, bookings, market_sessions, stalls, vendors};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, ModelTrait, Set};
use serde_json::json;

/// Moves a booking to the history with a reason; audited.
pub async fn archive(
    db: &impl ConnectionTrait,
    booking: bookings::Model,
    reason: CancelReason,
    actor: Option<i32>,
) -> AppResult<()> {
    archive_saying(db, booking, reason, actor, None).await
}

/// The longest reason a manager's cancel keeps, in characters.
const MAX_WHY: usize = 200;

/// [`archive`], with the words the staff gave for it in the audit row.
async fn archive_saying(
    db: &impl ConnectionTrait,
    booking: bookings::Model,
    reason: CancelReason,
    actor: Option<i32>,
    why: Option<&str>,
) -> AppResult<()> {
    booking_history::ActiveModel {
        booking_id: Set(booking.id),
        session_id: Set(booking.session_id),
        stall_id: Set(booking.stall_id),
        vendor_id: Set(booking.vendor_id),
        application_id: Set(booking.application_id),
        checked_in_at: Set(booking.checked_in_at),
        booked_at: Set(booking.created_at),
        reason: Set(reason),
        cancelled_by: Set(actor),
        cancelled_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let before = place::snapshot(&booking);
    let id = booking.id;
    booking.delete(db).await?;
    audit::record(
        db,
        Change {
            actor,
            entity: "booking",
            entity_id: Some(id),
            action: "cancel",
            before: Some(before),
            after: Some(match why {
                Some(why) => json!({ "status": "cancelled", "reason": reason, "note": why }),
                None => json!({ "status": "cancelled", "reason": reason }),
            }),
        },
    )
    .await?;
    Ok(())
}

/// The words for a session in a notice within one market's message (the allocation's list,
/// whose heading names the market): `2026-07-03 夜市 18:00 · WCL-A-012`.
pub fn describe(session: &market_sessions::Model, stall_code: &str) -> String {
    format!("{} · {}", night_of(session), stall_code)
}

/// A night as a vendor reads it: `2026-07-03 夜市 18:00` (date, segment, start).
pub fn night_of(session: &market_sessions::Model) -> String {
    format!(
        "{} {} {}",
        session.business_date,
        session.segment,
        crate::markets::schedule::local_hhmm(session.starts_at)
    )
}

/// The words for a session in a notice of its own: the market first, as a vendor trading in
/// two markets (or a mobile one) cannot tell "2026-07-03 夜市" apart —
/// `文昌路夜市 2026-07-03 夜市 18:00 · WCL-A-012`.
pub async fn describe_in_market(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    stall_code: &str,
) -> Result<String, sea_orm::DbErr> {
    Ok(format!(
        "{} {}",
        market_name(db, session).await?,
        describe(session, stall_code)
    ))
}

/// A night with its market: `文昌路夜市 2026-07-03 夜市 18:00`.
pub async fn night_in_market(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
) -> Result<String, sea_orm::DbErr> {
    Ok(format!(
        "{} {}",
        market_name(db, session).await?,
        night_of(session)
    ))
}

async fn market_name(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
) -> Result<String, sea_orm::DbErr> {
    Ok(entity::markets::Entity::find_by_id(session.market_id)
        .one(db)
        .await?
        .map(|m| m.name)
        .unwrap_or_default())
}

/// DELETE /api/v1/bookings/{id}: managers of the market and admins at any time before the
/// session ends; the owning vendor before it starts; anyone else's booking is a 404 to a vendor.
/// Returns the booking's session and the notices to deliver after the commit.
pub async fn cancel(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    booking_id: i32,
    why: Option<&str>,
) -> AppResult<(i32, Vec<Outgoing>)> {
    // What the staff said, for the vendor's notice and the audit row (the API has no body).
    let why = why
        .map(crate::normalize::free_text)
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WHY).collect::<String>());
    let (booking, session, market) = queries::booking_in_market(db, booking_id).await?;
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
                    t::SESSION_STARTED,
                ));
            }
            true
        }
        Role::Bureau => return Err(AppError::Forbidden),
        Role::Admin | Role::Manager => {
            access::require_manage(db, user, &market).await?;
            if now >= session.ends_at {
                return Err(AppError::invalid("session_past", "id", t::SESSION_PAST));
            }
            false
        }
    };
    let stall = stalls::Entity::find_by_id(booking.stall_id).one(db).await?;
    let stall_code = stall.as_ref().map_or(String::new(), |s| s.code.clone());
    let vendor = vendors::Entity::find_by_id(booking.vendor_id)
        .one(db)
        .await?;
    let stall_id = booking.stall_id;
    let reason = if by_vendor {
        CancelReason::ByVendor
    } else {
        CancelReason::ByManager
    };
    let why = why.filter(|_| !by_vendor);
    archive_saying(db, booking, reason, Some(user.id), why.as_deref()).await?;
    let mut out = Vec::new();
    if !by_vendor && let Some(v) = vendor {
        let what = describe_in_market(db, &session, &stall_code).await?;
        let text = match why {
            Some(why) => Msg::with(
                "bookings-notice-cancelled-because",
                [("what", what.into()), ("reason", why.into())],
            ),
            None => Msg::with("bookings-notice-cancelled", [("what", what.into())]),
        };
        out.push(notices::write(db, v.user_id, "booking_cancelled", text).await?);
    }
    // Before the night, or during it while enough of it is left (`offers::answer_by`).
    out.extend(offers::offer_next(db, &session, stall_id, now).await?);
    Ok((session.id, out))
}
