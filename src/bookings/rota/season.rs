//! Next season: a market's season cloned to a new date range (same segments, categories,
//! weekdays and rota), and optionally last season's vendors offered the same stall first —
//! they accept (the stall is booked for them in the new season) or decline, like a waitlist
//! offer.

use crate::audit::{self, Change};
use crate::bookings::place::{self, Booking, Placer};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::markets as t};
use crate::identity::CurrentUser;
use crate::markets::create::{self, Validated};
use crate::markets::edit::market_for_writing;
use crate::markets::queries;
use crate::markets::rota::Rule;
use crate::markets::rows::{date_past, segment_times};
use crate::markets::schedule::{self, MAX_SPAN_DAYS};
use crate::notices::{self, Outgoing};
use chrono::{Datelike, Duration, Utc};
use entity::market_sessions::SessionStatus;
use entity::season_offers::SeasonOfferStatus;
use entity::{
    bookings, manager_markets, market_schedules, market_sessions, markets, season_offers, stalls,
    vendors,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

/// How long last season's vendors have to take their stall again.
pub const OFFER_DAYS: i64 = 7;

/// A clone as submitted.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CloneSeason {
    /// First business date of the new season, `YYYY-MM-DD`.
    pub from: String,
    /// Last business date of the new season.
    pub to: String,
    /// Offer last season's vendors the same stall first.
    #[serde(default)]
    pub offer_same_stalls: bool,
}

/// What a clone did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Cloned {
    /// The new market.
    pub id: i32,
    /// Its sessions.
    pub sessions_created: u64,
    /// Offers made to last season's vendors.
    pub offers_made: u64,
}

/// Clones `market_id`'s season onto `from..to`; returns the new market and the notices.
pub async fn clone_season(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market_id: i32,
    body: CloneSeason,
) -> AppResult<(Cloned, Vec<Outgoing>)> {
    let market = market_for_writing(db, user, market_id).await?;
    let from = schedule::parse_date(&body.from)
        .ok_or_else(|| AppError::invalid("invalid_date", "from", t::DATE_INVALID))?;
    let to = schedule::parse_date(&body.to)
        .ok_or_else(|| AppError::invalid("invalid_date", "to", t::DATE_INVALID))?;
    if to < from || (to - from).num_days() > MAX_SPAN_DAYS {
        return Err(AppError::invalid("invalid_range", "to", t::RANGE_INVALID));
    }
    if from < crate::clock::today() {
        return Err(date_past("from"));
    }
    let rows = market_schedules::Entity::find()
        .filter(market_schedules::Column::MarketId.eq(market_id))
        .order_by_asc(market_schedules::Column::Id)
        .all(db)
        .await?;
    let (Some(src_from), Some(src_to)) = (
        rows.iter().map(|r| r.date_from).min(),
        rows.iter().map(|r| r.date_to).max(),
    ) else {
        return Err(AppError::invalid(
            "invalid_schedule",
            "from",
            t::SCHEDULE_REQUIRED,
        ));
    };
    if from <= src_to && src_from <= to {
        return Err(AppError::invalid(
            "clone_overlap",
            "from",
            Msg::with(
                "scheduling-clone-overlap",
                [
                    ("from", src_from.to_string().into()),
                    ("to", src_to.to_string().into()),
                ],
            ),
        ));
    }
    let segments = segment_times(db, market_id).await?;
    let offset = from - src_from;
    let mut rules = Vec::new();
    for r in &rows {
        let Some((_, time)) = segments.iter().find(|(n, _)| *n == r.segment) else {
            continue;
        };
        let rf = r.date_from + offset;
        // A row that ran to the end of last season runs to the end of the new one.
        let rt = if r.date_to == src_to {
            to
        } else {
            (r.date_to + offset).min(to)
        };
        if rf > to || rt < rf {
            continue;
        }
        rules.push(Rule {
            site_id: r.site_id,
            segment: r.segment.clone(),
            time: *time,
            weekdays: r.weekdays.clone(),
            from: rf,
            to: rt,
        });
    }
    let categories = queries::categories_of(db, market_id)
        .await?
        .into_iter()
        .map(|c| (c.name, c.food, c.smoky))
        .collect();
    let new = create::write(
        db,
        Some(user.id),
        Validated {
            name: clone_name(&market.name, from),
            kind: market.kind,
            segments,
            rules,
            categories,
            self_select: market.self_select,
        },
    )
    .await?;
    // The managers assigned to last season's market keep it.
    let assigned = manager_markets::Entity::find()
        .filter(manager_markets::Column::MarketId.eq(market_id))
        .all(db)
        .await?;
    if !assigned.is_empty() {
        manager_markets::Entity::insert_many(assigned.into_iter().map(|a| {
            manager_markets::ActiveModel {
                user_id: Set(a.user_id),
                market_id: Set(new.id),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    let sessions_created = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(new.id))
        .all(db)
        .await?;
    let mut out = Vec::new();
    let mut offers_made = 0;
    if body.offer_same_stalls {
        let first_start = sessions_created.iter().map(|s| s.starts_at).min();
        (offers_made, out) = offer_stalls(db, &market, &new, first_start).await?;
    }
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(new.id),
            action: "clone",
            before: None,
            after: Some(
                json!({"source_market_id": market_id, "from": from, "to": to,
                "sessions_created": sessions_created.len(), "offers_made": offers_made}),
            ),
        },
    )
    .await?;
    Ok((
        Cloned {
            id: new.id,
            sessions_created: sessions_created.len() as u64,
            offers_made,
        },
        out,
    ))
}

/// `文昌路夜市 2027`: the source's name with the new season's year (replacing an old year).
fn clone_name(name: &str, from: chrono::NaiveDate) -> String {
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    let mut out = format!("{base} {}", from.year());
    if out.chars().count() > 60 {
        out = out.chars().skip(out.chars().count() - 60).collect();
    }
    out
}

/// Offers each vendor of `source` the stall they held most often, in `new`.
async fn offer_stalls(
    db: &impl ConnectionTrait,
    source: &markets::Model,
    new: &markets::Model,
    first_start: Option<chrono::DateTime<Utc>>,
) -> AppResult<(u64, Vec<Outgoing>)> {
    let now = Utc::now();
    let Some(first_start) = first_start else {
        return Ok((0, Vec::new()));
    };
    let deadline = (now + Duration::days(OFFER_DAYS)).min(first_start);
    let source_sessions: Vec<i32> = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(source.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut counts: BTreeMap<i32, HashMap<i32, u32>> = BTreeMap::new();
    for chunk in source_sessions.chunks(1000) {
        for b in bookings::Entity::find()
            .filter(bookings::Column::SessionId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            *counts
                .entry(b.vendor_id)
                .or_default()
                .entry(b.stall_id)
                .or_insert(0) += 1;
        }
    }
    let mut offers = Vec::new();
    let mut messages = Vec::new();
    for (vendor_id, stalls_held) in counts {
        let Some((&stall_id, _)) = stalls_held.iter().max_by_key(|(id, n)| (**n, -**id)) else {
            continue;
        };
        let Some(vendor) = vendors::Entity::find_by_id(vendor_id).one(db).await? else {
            continue;
        };
        let code = stalls::Entity::find_by_id(stall_id)
            .one(db)
            .await?
            .map_or(String::new(), |s| s.code);
        offers.push(season_offers::ActiveModel {
            market_id: Set(new.id),
            source_market_id: Set(source.id),
            vendor_id: Set(vendor_id),
            stall_id: Set(stall_id),
            status: Set(SeasonOfferStatus::Pending),
            deadline: Set(deadline),
            sessions_booked: Set(0),
            created_at: Set(now),
            decided_at: Set(None),
            ..Default::default()
        });
        messages.push(Outgoing {
            user_id: vendor.user_id,
            kind: "season_offer",
            text: Msg::with(
                "scheduling-notice-season-offer",
                [
                    ("market", new.name.clone().into()),
                    ("from", crate::clock::local_minute(first_start).into()),
                    ("stall", code.into()),
                    ("until", crate::clock::local_minute(deadline).into()),
                ],
            ),
        });
    }
    let n = offers.len() as u64;
    if !offers.is_empty() {
        season_offers::Entity::insert_many(offers)
            .exec_without_returning(db)
            .await?;
    }
    Ok((n, notices::write_many(db, messages).await?))
}

/// The caller's open season offer, or 404 (another vendor's) / 409 (no longer open).
async fn own_open(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<season_offers::Model> {
    let offer = season_offers::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.vendor_id != Some(offer.vendor_id) {
        return Err(if user.vendor_id.is_some() {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    if offer.status != SeasonOfferStatus::Pending || offer.deadline <= Utc::now() {
        return Err(AppError::conflict(
            "offer_closed",
            crate::i18n::texts::bookings::OFFER_CLOSED,
        ));
    }
    Ok(offer)
}

/// A vendor's season offers, newest first.
pub async fn offers_of(
    db: &impl ConnectionTrait,
    vendor_id: i32,
) -> AppResult<Vec<season_offers::Model>> {
    Ok(season_offers::Entity::find()
        .filter(season_offers::Column::VendorId.eq(vendor_id))
        .order_by_desc(season_offers::Column::Id)
        .all(db)
        .await?)
}

/// The vendor takes the stall again: it is booked for them in the future sessions of the new
/// season on its site that fall on the weekdays and segments they held it last season, where
/// the stall and the vendor are still free and every booking rule holds; returns the offer with
/// the number booked.
pub async fn accept_season_offer(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<season_offers::Model> {
    let offer = own_open(db, user, id).await?;
    let stall = stalls::Entity::find_by_id(offer.stall_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let vendor = vendors::Entity::find_by_id(offer.vendor_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.eq(offer.market_id))
        .filter(market_sessions::Column::SiteId.eq(stall.site_id))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::StartsAt.gt(Utc::now()))
        .order_by_asc(market_sessions::Column::StartsAt)
        .all(db)
        .await?;
    // A vendor who had the stall on Saturday evenings gets Saturday evenings, not every night
    // and every morning of the new season.
    let held = nights_held(db, &offer).await?;
    let sessions: Vec<_> = sessions
        .into_iter()
        .filter(|s| held.contains(&night(s.segment.clone(), s.business_date)))
        .collect();
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    let mut taken = HashSet::new();
    for chunk in ids.chunks(1000) {
        for b in bookings::Entity::find()
            .filter(bookings::Column::SessionId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if b.stall_id == stall.id || b.vendor_id == vendor.id {
                taken.insert(b.session_id);
            }
        }
    }
    let free: Vec<&market_sessions::Model> =
        sessions.iter().filter(|s| !taken.contains(&s.id)).collect();
    if free.is_empty() {
        return decide(db, user, offer, SeasonOfferStatus::Accepted, 0).await;
    }
    let application =
        super::season_application::approved_for(db, &offer, (&vendor, &stall), &free, user.id)
            .await?;
    let mut booked = 0;
    for s in free {
        let b = Booking {
            session: s,
            stall: &stall,
            vendor: &vendor,
            application: Some(&application),
            placer: Placer::Vendor,
            actor: user.id,
        };
        if let Ok(checked) = place::check(db, &b).await
            && place::insert(db, &checked).await.is_ok()
        {
            booked += 1;
        }
    }
    decide(db, user, offer, SeasonOfferStatus::Accepted, booked).await
}

/// A night as last season and this one are matched: its segment and ISO weekday (1 = Monday).
fn night(segment: String, date: chrono::NaiveDate) -> (String, u32) {
    (segment, date.weekday().number_from_monday())
}

/// The segments and weekdays on which the offer's vendor held its stall in the source season.
async fn nights_held(
    db: &impl ConnectionTrait,
    offer: &season_offers::Model,
) -> AppResult<HashSet<(String, u32)>> {
    let held: Vec<(String, chrono::NaiveDate)> = bookings::Entity::find()
        .inner_join(market_sessions::Entity)
        .filter(bookings::Column::VendorId.eq(offer.vendor_id))
        .filter(bookings::Column::StallId.eq(offer.stall_id))
        .filter(market_sessions::Column::MarketId.eq(offer.source_market_id))
        .select_only()
        .column(market_sessions::Column::Segment)
        .column(market_sessions::Column::BusinessDate)
        .into_tuple()
        .all(db)
        .await?;
    Ok(held
        .into_iter()
        .map(|(segment, date)| night(segment, date))
        .collect())
}

/// The vendor declines; the stall stays free for the new season's allocation.
pub async fn decline_season_offer(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<season_offers::Model> {
    let offer = own_open(db, user, id).await?;
    decide(db, user, offer, SeasonOfferStatus::Declined, 0).await
}

async fn decide(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    offer: season_offers::Model,
    status: SeasonOfferStatus,
    booked: i32,
) -> AppResult<season_offers::Model> {
    let id = offer.id;
    let mut active = offer.into_active_model();
    active.status = Set(status);
    active.sessions_booked = Set(booked);
    active.decided_at = Set(Some(Utc::now()));
    let offer = active.update(db).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "season_offer",
            entity_id: Some(id),
            action: status.as_str(),
            before: Some(json!({"status": SeasonOfferStatus::Pending})),
            after: Some(json!({"status": status, "sessions_booked": booked})),
        },
    )
    .await?;
    Ok(offer)
}
