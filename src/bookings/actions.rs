//! The use cases on one existing booking or offer — cancel, move, check in, accept or decline
//! an offer — each shared by its API handler and its page handler: one transaction, the due
//! offers expired first where offers are involved, and the notices delivered after the commit.

use super::{cancel, checkin, offers, queries, relocate};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::identity::{CurrentUser, Role};
use crate::notices::{self, Notifier};
use entity::bookings;
use sea_orm::DatabaseConnection;

/// Cancels booking `id` (managers and admins before it ends; the owner before it starts); the
/// freed stall-session is offered to the waitlist. Returns the booking's session.
pub async fn cancel_booking(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
    why: Option<&str>,
) -> AppResult<i32> {
    let txn = begin_write(db).await?;
    let mut out = offers::expire_due(&txn).await?;
    let (session_id, told) = cancel::cancel(&txn, user, id, why).await?;
    out.extend(told);
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(session_id)
}

/// Moves booking `id` to `stall_id` of the same session (managers of the market, admins); the
/// vendor is told.
pub async fn move_booking(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
    stall_id: i32,
) -> AppResult<queries::BookingItem> {
    let txn = begin_write(db).await?;
    let (item, out) = relocate::relocate(&txn, user, id, stall_id).await?;
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(item)
}

/// Checks booking `id` in (managers of the market, admins).
pub async fn check_in(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
) -> AppResult<queries::BookingItem> {
    let txn = begin_write(db).await?;
    let item = checkin::check_in(&txn, user, id).await?;
    txn.commit().await?;
    Ok(item)
}

/// Expires the offers past their deadline (each passes to the next in line) and tells them.
pub async fn expire_offers(db: &DatabaseConnection, notifier: &dyn Notifier) -> AppResult<()> {
    let txn = begin_write(db).await?;
    let out = offers::expire_due(&txn).await?;
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(())
}

/// The vendor accepts offer `id`: the booking is placed under the booking rules (an expired
/// offer is closed first, so it is 409 `offer_closed`).
pub async fn accept_offer(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
) -> AppResult<bookings::Model> {
    if user.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    expire_offers(db, notifier).await?;
    let txn = begin_write(db).await?;
    let booking = offers::accept(&txn, user, id).await?;
    txn.commit().await?;
    Ok(booking)
}

/// Offer `id`'s status when it is the caller's (how a second tap on an answer is read).
pub async fn offer_status_for(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: i32,
) -> AppResult<Option<entity::offers::OfferStatus>> {
    use sea_orm::EntityTrait;
    Ok(entity::offers::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|o| user.vendor_id == Some(o.vendor_id))
        .map(|o| o.status))
}

/// The vendor declines offer `id`: it passes to the next in line.
pub async fn decline_offer(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
) -> AppResult<()> {
    if user.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(db).await?;
    let mut out = offers::expire_due(&txn).await?;
    out.extend(offers::decline(&txn, user, id).await?);
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(())
}
