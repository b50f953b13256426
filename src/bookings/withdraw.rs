//! Withdrawing an application releases what it holds. The application's rules (only its owner,
//! only from submitted, approved or waitlisted) are `applications::flow::withdraw`'s; this use
//! case sits above them because what an approved application holds lives here: its bookings in
//! sessions not yet started go to the history as given up by the vendor, and its open waitlist
//! offers are declined, each freed stall-session passing to the next in line. A vendor who
//! withdrew would otherwise keep a stall they will not use, to be found absent on the night.

use super::{cancel, offers};
use crate::applications::flow;
use crate::db::begin_write;
use crate::error::AppResult;
use crate::identity::CurrentUser;
use crate::notices::{self, Notifier, Outgoing};
use chrono::Utc;
use entity::booking_history::CancelReason;
use entity::offers::OfferStatus;
use entity::{bookings, market_sessions};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

/// The owner withdraws application `id`; returns how many bookings (sessions not yet started)
/// it released.
pub async fn withdraw_application(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    user: &CurrentUser,
    id: i32,
) -> AppResult<usize> {
    let txn = begin_write(db).await?;
    let mut out = offers::expire_due(&txn).await?;
    flow::withdraw(&txn, user, id).await?;
    let released = release(&txn, user.id, id, &mut out).await?;
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    Ok(released)
}

/// Cancels application `id`'s bookings in sessions not yet started and declines its pending
/// offers; each freed stall-session is offered on. Returns the bookings cancelled.
async fn release(
    db: &impl ConnectionTrait,
    actor: i32,
    id: i32,
    out: &mut Vec<Outgoing>,
) -> AppResult<usize> {
    let now = Utc::now();
    let held = bookings::Entity::find()
        .find_also_related(market_sessions::Entity)
        .filter(bookings::Column::ApplicationId.eq(id))
        .filter(market_sessions::Column::StartsAt.gt(now))
        .order_by_asc(bookings::Column::Id)
        .all(db)
        .await?;
    let mut released = 0;
    for (booking, session) in held {
        let Some(session) = session else { continue };
        let stall_id = booking.stall_id;
        cancel::archive(db, booking, CancelReason::ByVendor, Some(actor)).await?;
        out.extend(offers::offer_next(db, &session, stall_id, now).await?);
        released += 1;
    }
    for offer in offers::pending_of_application(db, id).await? {
        out.extend(offers::pass_on(db, offer, OfferStatus::Declined, Some(actor), now).await?);
    }
    Ok(released)
}
