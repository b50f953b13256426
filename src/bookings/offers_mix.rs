//! The trade mix (多业态融合) a published allocation set holds for the stalls it frees later: a
//! waitlist offer never takes a trade past the share the market's run gave it, as the run
//! itself would not. A stall freed in a session no run covered is offered as before.

use crate::allocation::Policy;
use crate::error::AppResult;
use entity::allocation_runs::{self, RunStatus};
use entity::offers::OfferStatus;
use entity::stalls::StallStatus;
use entity::{applications, bookings, market_sessions, offers, stalls, vendors};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The trades of a session at their most: category → how many stalls it may hold, and how
/// many it holds now.
#[derive(Debug, Default)]
pub(crate) struct MixLimits {
    caps: HashMap<String, usize>,
    held: HashMap<String, usize>,
}

impl MixLimits {
    /// Whether one more stall of `category` stays within the run's maximum.
    pub(crate) fn room_for(&self, category: &str) -> bool {
        self.caps
            .get(category)
            .is_none_or(|cap| self.held.get(category).copied().unwrap_or(0) < *cap)
    }
}

/// The limits of `session`: the maximum shares of the latest published run of its market
/// whose dates cover it, over the site's stalls in use (as the run counted a session's
/// stalls), and the bookings it holds per trade (the application's trade, else the vendor's).
pub(crate) async fn limits(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
) -> AppResult<MixLimits> {
    let run = allocation_runs::Entity::find()
        .filter(allocation_runs::Column::MarketId.eq(session.market_id))
        .filter(allocation_runs::Column::Status.eq(RunStatus::Published))
        .filter(allocation_runs::Column::DateFrom.lte(session.business_date))
        .filter(allocation_runs::Column::DateTo.gte(session.business_date))
        .order_by_desc(allocation_runs::Column::Id)
        .one(db)
        .await?;
    let Some(policy) = run.and_then(|r| serde_json::from_str::<Policy>(&r.policy).ok()) else {
        return Ok(MixLimits::default());
    };
    if policy.category_max_share.is_empty() {
        return Ok(MixLimits::default());
    }
    let offered = stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(session.site_id))
        .filter(stalls::Column::Status.eq(StallStatus::Active))
        .count(db)
        .await? as f64;
    let caps = policy
        .category_max_share
        .iter()
        // The run's own rounding: shares are validated to [0, 1].
        .map(|(c, share)| (c.clone(), (share * offered + 1e-9).floor() as usize))
        .collect();
    let booked = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session.id))
        .all(db)
        .await?;
    // A stall on offer counts as taken by its trade: two offers open at once could otherwise
    // both be accepted past the share.
    let on_offer: Vec<i32> = offers::Entity::find()
        .select_only()
        .column(offers::Column::ApplicationId)
        .filter(offers::Column::SessionId.eq(session.id))
        .filter(offers::Column::Status.eq(OfferStatus::Pending))
        .filter(offers::Column::Deadline.gt(chrono::Utc::now()))
        .into_tuple()
        .all(db)
        .await?;
    let app_ids = booked
        .iter()
        .filter_map(|b| b.application_id)
        .chain(on_offer.iter().copied());
    let app_category: HashMap<i32, String> = applications::Entity::find()
        .filter(applications::Column::Id.is_in(app_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.category))
        .collect();
    let vendor_category: HashMap<i32, String> = vendors::Entity::find()
        .filter(vendors::Column::Id.is_in(booked.iter().map(|b| b.vendor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.category))
        .collect();
    let of_booking = booked.iter().filter_map(|b| {
        b.application_id
            .and_then(|id| app_category.get(&id))
            .or_else(|| vendor_category.get(&b.vendor_id))
    });
    let of_offer = on_offer.iter().filter_map(|id| app_category.get(id));
    let mut held: HashMap<String, usize> = HashMap::new();
    for category in of_booking.chain(of_offer) {
        *held.entry(category.clone()).or_default() += 1;
    }
    Ok(MixLimits { caps, held })
}
