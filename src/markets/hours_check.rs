//! What new hours must not do to the sessions they move: start them in the past (a booked
//! vendor would be a no-show for a night that never was), or put a booked vendor in two places
//! at once (their booking elsewhere at the new hours).

use super::rota::Planned;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use chrono::{DateTime, Utc};
use entity::{bookings, market_sessions, vendors};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{BTreeSet, HashMap};

/// 422 `session_started` when a moved session would already have begun at its new hours.
pub fn refuse_started(planned: &[Planned], now: DateTime<Utc>) -> AppResult<()> {
    match planned.iter().find(|p| p.starts_at <= now) {
        Some(p) => Err(AppError::invalid(
            "session_started",
            "start",
            Msg::with(
                "scheduling-hours-started",
                [("date", p.date.to_string().into())],
            ),
        )),
        None => Ok(()),
    }
}

/// 409 `vendor_already_booked` when a vendor booked in a moved session (`booked`, the moved
/// sessions' bookings) holds a stall in another session overlapping its new hours, naming the
/// vendor and the other session's market.
pub async fn refuse_vendor_clashes(
    db: &impl ConnectionTrait,
    moving: &[market_sessions::Model],
    planned: &[Planned],
    booked: &[bookings::Model],
) -> AppResult<()> {
    let (Some(first), Some(last)) = (
        planned.iter().map(|p| p.starts_at).min(),
        planned.iter().map(|p| p.ends_at).max(),
    ) else {
        return Ok(());
    };
    let ids: BTreeSet<i32> = moving.iter().map(|s| s.id).collect();
    let window: HashMap<i32, &Planned> = moving.iter().map(|s| s.id).zip(planned).collect();
    let vendor_ids: Vec<i32> = booked
        .iter()
        .map(|b| b.vendor_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if vendor_ids.is_empty() {
        return Ok(());
    }
    let elsewhere = super::queries::vendors_sessions_between(db, &vendor_ids, first, last).await?;
    for b in booked {
        let Some(new) = window.get(&b.session_id) else {
            continue;
        };
        let clash = elsewhere.iter().find_map(|(vendor, s)| {
            (*vendor == b.vendor_id
                && !ids.contains(&s.id)
                && s.starts_at < new.ends_at
                && new.starts_at < s.ends_at)
                .then_some(s)
        });
        if let Some(other) = clash {
            let vendor = vendors::Entity::find_by_id(b.vendor_id)
                .one(db)
                .await?
                .map(|v| v.name)
                .unwrap_or_default();
            let market = super::queries::find_market(db, other.market_id)
                .await?
                .map(|m| m.name)
                .unwrap_or_default();
            return Err(AppError::conflict(
                "vendor_already_booked",
                Msg::with(
                    "scheduling-hours-vendor-clash",
                    [
                        ("vendor", vendor.into()),
                        ("date", new.date.to_string().into()),
                        ("other", market.into()),
                    ],
                ),
            ));
        }
    }
    Ok(())
}
