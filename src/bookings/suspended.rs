//! A vendor suspended under the demerit rule (12 points in 12 months) does not trade on the
//! nights of the suspension: their bookings of those nights are released — the vendor told
//! once, naming them, and each stall offered to the waitlist, as any freed stall is. Conduct
//! decides the suspension but comes before bookings in the house's order and may not reach
//! into them, so bookings sweeps for suspensions every minute in every server process (a
//! released booking is gone: a second sweep, or another process's, finds nothing to do).

use super::cancel::{archive, describe_in_market};
use crate::db::begin_write;
use crate::error::AppResult;
use crate::i18n::Msg;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::booking_history::CancelReason;
use entity::inspections::InspectionStatus;
use entity::market_sessions::SessionStatus;
use entity::{bookings, inspections, market_sessions, stalls, vendors};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;

/// Releases the bookings of nights not yet started that fall inside a running suspension;
/// returns the notices to deliver (written in the same transaction).
pub async fn release(db: &DatabaseConnection) -> AppResult<Vec<Outgoing>> {
    let today = crate::clock::today();
    let now = Utc::now();
    // Only vendors with points in the window can be suspended: a small set to ask conduct.
    let inspected: Vec<i32> = inspections::Entity::find()
        .select_only()
        .column(inspections::Column::VendorId)
        .distinct()
        .filter(inspections::Column::Status.eq(InspectionStatus::Active))
        .filter(inspections::Column::BusinessDate.gte(crate::conduct::demerits::window_from(today)))
        .into_tuple()
        .all(db)
        .await?;
    if inspected.is_empty() {
        return Ok(Vec::new());
    }
    let until = crate::conduct::demerits::suspensions_among(db, &inspected, today).await?;
    if until.is_empty() {
        return Ok(Vec::new());
    }
    let suspended: Vec<i32> = until.keys().copied().collect();
    let txn = begin_write(db).await?;
    let held: Vec<(bookings::Model, Option<market_sessions::Model>)> = bookings::Entity::find()
        .find_also_related(market_sessions::Entity)
        .filter(bookings::Column::VendorId.is_in(suspended))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::StartsAt.gt(now))
        .order_by_asc(market_sessions::Column::StartsAt)
        .all(&txn)
        .await?;
    let mut released: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for (booking, session) in held {
        let Some(session) = session else { continue };
        let Some(last) = until.get(&booking.vendor_id) else {
            continue;
        };
        if session.business_date > *last {
            continue;
        }
        let (vendor_id, stall_id) = (booking.vendor_id, booking.stall_id);
        let code = stalls::Entity::find_by_id(stall_id)
            .one(&txn)
            .await?
            .map_or(String::new(), |s| s.code);
        released
            .entry(vendor_id)
            .or_default()
            .push(describe_in_market(&txn, &session, &code).await?);
        archive(&txn, booking, CancelReason::Suspended, None).await?;
        out.extend(super::offers::offer_next(&txn, &session, stall_id, now).await?);
    }
    for (vendor_id, nights) in released {
        let Some(vendor) = vendors::Entity::find_by_id(vendor_id).one(&txn).await? else {
            continue;
        };
        let last = until.get(&vendor_id).copied().unwrap_or(today);
        out.push(
            notices::write(
                &txn,
                vendor.user_id,
                "suspension_bookings",
                Msg::with(
                    "bookings-notice-suspended-released",
                    [
                        ("until", last.to_string().into()),
                        ("count", nights.len().into()),
                        ("list", nights.into()),
                    ],
                ),
            )
            .await?,
        );
    }
    txn.commit().await?;
    Ok(out)
}
