//! Telling booked vendors that their stall changed under them: a new code (they were told the
//! old one and would look for it) or a new place or size. One notice per vendor, naming the
//! first night it concerns and how many; the SMS goes out with it.

use crate::i18n::Msg;
use crate::notices::{self, Outgoing};
use entity::{bookings, market_sessions, stalls, vendors};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

/// Notices to the vendors booked on `after` in sessions not yet ended, if its code or shape
/// differs from `before`. Call inside the transaction that made the change.
pub async fn tell_booked_vendors(
    db: &impl ConnectionTrait,
    before: &stalls::Model,
    after: &stalls::Model,
) -> Result<(), DbErr> {
    let renamed = before.code != after.code;
    if !renamed && before.polygon == after.polygon {
        return Ok(());
    }
    let rows = bookings::Entity::find()
        .find_also_related(market_sessions::Entity)
        .filter(bookings::Column::StallId.eq(after.id))
        .filter(bookings::Column::SessionId.in_subquery(super::queries::live_sessions()))
        .all(db)
        .await?;
    // Vendor → (first night, nights).
    let mut nights: BTreeMap<i32, (chrono::NaiveDate, i64)> = BTreeMap::new();
    for (b, s) in &rows {
        let Some(s) = s else { continue };
        let e = nights.entry(b.vendor_id).or_insert((s.business_date, 0));
        e.0 = e.0.min(s.business_date);
        e.1 += 1;
    }
    if nights.is_empty() {
        return Ok(());
    }
    let users: BTreeMap<i32, i32> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(nights.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.user_id))
        .collect();
    let messages: Vec<Outgoing> = nights
        .iter()
        .filter_map(|(vendor, (first, count))| {
            users.get(vendor).map(|user_id| Outgoing {
                user_id: *user_id,
                kind: "stall_changed",
                text: Msg::with(
                    "sites-notice-stall-changed",
                    [
                        ("renamed", if renamed { "yes" } else { "no" }.into()),
                        ("old", before.code.clone().into()),
                        ("code", after.code.clone().into()),
                        ("date", first.to_string().into()),
                        ("count", (*count).into()),
                    ],
                ),
            })
        })
        .collect();
    notices::write_many(db, messages).await?;
    Ok(())
}
