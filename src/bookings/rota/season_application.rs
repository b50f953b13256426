//! The application behind a next-season stall taken again: the market offered it, the vendor
//! accepted, so an approved application is written for the nights booked (DESIGN: a vendor is
//! placed only in sessions an approved application of theirs covers) — the new season's
//! candidates, allocations and reports see the vendor as they see every other.

use crate::audit::{self, Change};
use crate::error::AppResult;
use chrono::{Datelike, Utc};
use entity::applications::{self, ApplicationStatus, SegmentNames, StallCodes, Weekdays};
use entity::{market_sessions, season_offers, stalls, vendors};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::BTreeSet;

/// Writes (audited) an approved application of `vendor` for the offer's new market covering
/// `nights` on `stall`: their dates, weekdays and segments, the trade of the vendor's
/// application of the season before (or their profile's).
pub(super) async fn approved_for(
    db: &impl ConnectionTrait,
    offer: &season_offers::Model,
    (vendor, stall): (&vendors::Model, &stalls::Model),
    nights: &[&market_sessions::Model],
    actor: i32,
) -> AppResult<applications::Model> {
    let before = applications::Entity::find()
        .filter(applications::Column::VendorId.eq(vendor.id))
        .filter(applications::Column::MarketId.eq(offer.source_market_id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Approved))
        .order_by_desc(applications::Column::Id)
        .one(db)
        .await?;
    let first = nights.iter().map(|s| s.business_date).min();
    let last = nights.iter().map(|s| s.business_date).max();
    let weekdays: BTreeSet<i64> = nights
        .iter()
        .map(|s| i64::from(s.business_date.weekday().number_from_monday()))
        .collect();
    let segments: BTreeSet<String> = nights.iter().map(|s| s.segment.clone()).collect();
    let today = crate::clock::today();
    let now = Utc::now();
    let application = applications::ActiveModel {
        vendor_id: Set(vendor.id),
        market_id: Set(offer.market_id),
        date_from: Set(first.unwrap_or(today)),
        date_to: Set(last.unwrap_or(today)),
        weekdays: Set(
            Weekdays::from_iso(&weekdays.into_iter().collect::<Vec<_>>())
                .unwrap_or(Weekdays::EVERY_DAY),
        ),
        segments: Set(SegmentNames(segments.into_iter().collect())),
        category: Set(before
            .as_ref()
            .map_or_else(|| vendor.category.clone(), |a| a.category.clone())),
        needs_power: Set(before.as_ref().is_some_and(|a| a.needs_power)),
        preferred_stalls: Set(StallCodes(vec![stall.code.clone()])),
        status: Set(ApplicationStatus::Approved),
        reason: Set(None),
        decided_by: Set(Some(actor)),
        decided_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        Change {
            actor: Some(actor),
            entity: "application",
            entity_id: Some(application.id),
            action: "create",
            before: None,
            after: Some(json!({"vendor_id": vendor.id, "market_id": offer.market_id,
                "status": "approved", "season_offer_id": offer.id,
                "date_from": application.date_from, "date_to": application.date_to})),
        },
    )
    .await?;
    Ok(application)
}
