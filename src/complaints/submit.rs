//! The use case "a resident complains": a place (lon/lat in any declared datum, or a stall
//! code), a time, a kind and a text. The place must lie in a site; the complaint is matched
//! to the nearest stall booked there within 15 m during a session (half an hour either side),
//! routed to that market's managers and shown to the vendor without the contact.

use super::locate;
use crate::audit::{self, Change};
use crate::cache::Caches;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, texts::night as t};
use crate::notices::{self, Notifier};
use chrono::{DateTime, Duration, Utc};
use entity::complaints::{ComplaintKind, ComplaintStatus};
use entity::{complaints, manager_markets, markets, sites, stalls, vendors};
use geo::Coord;
use nightmarket_core::geometry::{Crs, nearest};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;

/// How far from a stall a complaint may be placed and still name it, in metres.
pub const MATCH_RADIUS_M: f64 = 15.0;
/// How long before a session opens and after it closes a complaint still belongs to it.
pub const SESSION_MARGIN_MIN: i64 = 30;
/// Complaints a minute from one address (when per-address limits are on).
pub const PER_ADDRESS_PER_MINUTE: u32 = 5;
/// A complaint the same as one sent this many minutes before is that one, sent again.
const RESENT_WITHIN_MIN: i64 = 10;

/// Longest text, in characters.
pub const MAX_TEXT: usize = 1000;

/// A complaint as submitted.
#[derive(Debug, Clone, Default)]
pub struct NewComplaint {
    /// Longitude (with `lat`), unless `stall_code` names the place.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// `wgs84` (default), `gcj02` or `bd09`.
    pub crs: Option<String>,
    /// A stall code instead of a position (the page without JavaScript).
    pub stall_code: Option<String>,
    /// The site, when the resident knows neither a stall code nor a position (a blocked fire
    /// lane has no stall): the complaint is the site's, matched to no stall.
    pub site_id: Option<i32>,
    /// From the page: the same form sent again within minutes is the first complaint.
    pub resent_form_is_the_same: bool,
    /// RFC 3339.
    pub at: String,
    /// `noise`, `smoke`, `hygiene`, `blocking`, `price`, `other`.
    pub kind: String,
    /// What happened.
    pub text: String,
    /// A phone or name, for the managers only.
    pub contact: Option<String>,
}

/// The stall a complaint was matched to.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Match {
    /// The session.
    pub session_id: i32,
    /// The stall.
    pub stall_id: i32,
    /// Its code.
    pub stall_code: String,
}

/// The parsed, checked complaint.
struct Checked {
    at: DateTime<Utc>,
    kind: ComplaintKind,
    text: String,
    contact: Option<String>,
    crs: Crs,
}

/// A local time in Minle (Asia/Shanghai): `datetime-local`'s value, with or without seconds
/// (some WebViews send them), or as a person types it where the field is plain text
/// (`2026-12-06 21:00`, `2026/12/06 21:00`, `2026年12月6日 21:00`, full-width digits).
pub fn local_time(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let text = crate::normalize::half_width(text.trim());
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y.%m.%d %H:%M",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日%H:%M",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(&text, f).ok())
    .and_then(|n| {
        use chrono::TimeZone;
        crate::clock::shanghai().from_local_datetime(&n).single()
    })
}

fn check(new: &NewComplaint, now: DateTime<Utc>) -> AppResult<Checked> {
    let crs = match new.crs.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Crs::Wgs84,
        Some(c) => Crs::parse(&c.to_ascii_lowercase())
            .ok_or_else(|| AppError::invalid("invalid_crs", "crs", t::INVALID_CRS))?,
    };
    // RFC 3339 as API.md says, or the local time the message asks for: an integrator who
    // follows the message is not refused again.
    let at = DateTime::parse_from_rfc3339(new.at.trim())
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| local_time(&new.at).map(|d| d.with_timezone(&Utc)))
        .ok_or_else(|| AppError::invalid("invalid_time", "at", t::INVALID_TIME))?;
    if at > now + Duration::minutes(5) {
        return Err(AppError::invalid("time_in_future", "at", t::TIME_IN_FUTURE));
    }
    if at < now - Duration::days(365) {
        return Err(AppError::invalid("time_too_old", "at", t::TIME_TOO_OLD));
    }
    let kind = ComplaintKind::parse(new.kind.trim())
        .ok_or_else(|| AppError::invalid("invalid_kind", "kind", t::INVALID_KIND))?;
    let text = crate::normalize::free_text(&new.text);
    let text = text.as_str();
    if text.is_empty() {
        return Err(AppError::invalid(
            "text_required",
            "text",
            t::COMPLAINT_TEXT_REQUIRED,
        ));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(AppError::invalid("text_too_long", "text", t::TEXT_TOO_LONG));
    }
    let contact = new
        .contact
        .as_deref()
        .map(crate::normalize::free_text)
        .filter(|c| !c.is_empty());
    if contact.as_ref().is_some_and(|c| c.chars().count() > 100) {
        return Err(AppError::invalid(
            "text_too_long",
            "contact",
            t::CONTACT_TOO_LONG,
        ));
    }
    Ok(Checked {
        at,
        kind,
        text: text.to_owned(),
        contact,
        crs,
    })
}

/// The WGS-84 position the complaint names: its coordinates, or its stall's centre.
async fn position(
    db: &impl ConnectionTrait,
    new: &NewComplaint,
    crs: Crs,
) -> AppResult<Coord<f64>> {
    if let Some(code) = new
        .stall_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        // As a resident types it: any letter case, a full-width dash, stray spaces.
        let code = crate::views::plan_frame::normalise_code(code);
        let stall = stalls::Entity::find()
            .filter(stalls::Column::Code.eq(code))
            .one(db)
            .await?
            .ok_or_else(|| {
                AppError::invalid("unknown_stall", "stall_code", t::UNKNOWN_STALL_CODE)
            })?;
        let poly = nearest::parse_polygon(&stall.polygon).ok_or_else(|| {
            AppError::invalid("unknown_stall", "stall_code", t::UNKNOWN_STALL_CODE)
        })?;
        use geo::Centroid;
        let c = poly.centroid().ok_or_else(|| {
            AppError::invalid("unknown_stall", "stall_code", t::UNKNOWN_STALL_CODE)
        })?;
        return Ok(c.0);
    }
    let (lon, lat) = match (new.lon, new.lat) {
        (Some(lon), Some(lat)) => (lon, lat),
        // One of the two: the other is what is missing.
        (Some(_), None) => {
            return Err(AppError::invalid(
                "position_required",
                "lat",
                t::POSITION_HALF,
            ));
        }
        (None, Some(_)) => {
            return Err(AppError::invalid(
                "position_required",
                "lon",
                t::POSITION_HALF,
            ));
        }
        (None, None) => {
            return Err(AppError::invalid(
                "position_required",
                "lon",
                t::POSITION_REQUIRED,
            ));
        }
    };
    // The field at fault is the one out of range (longitude first when both are).
    let bad_lon = !lon.is_finite() || !(-180.0..=180.0).contains(&lon);
    let bad_lat = !lat.is_finite() || !(-90.0..=90.0).contains(&lat);
    if bad_lon || bad_lat {
        return Err(AppError::invalid(
            "invalid_position",
            if bad_lon { "lon" } else { "lat" },
            t::OUTSIDE_SITES,
        ));
    }
    Ok(crs.to_wgs84(Coord { x: lon, y: lat }))
}

/// The users who manage `market_id`: assigned managers and its creator.
pub async fn managers_of(db: &impl ConnectionTrait, market_id: i32) -> AppResult<Vec<i32>> {
    let mut ids: Vec<i32> = manager_markets::Entity::find()
        .filter(manager_markets::Column::MarketId.eq(market_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    if let Some(m) = markets::Entity::find_by_id(market_id).one(db).await?
        && let Some(c) = m.created_by
    {
        ids.push(c);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The complaint this one repeats, sent within [`RESENT_WITHIN_MIN`]: its id and match.
async fn resent(
    db: &impl ConnectionTrait,
    c: &Checked,
    site_id: i32,
    at: Coord<f64>,
    now: DateTime<Utc>,
) -> AppResult<Option<(i32, Option<Match>)>> {
    let Some(first) = complaints::Entity::find()
        .filter(complaints::Column::SiteId.eq(site_id))
        .filter(complaints::Column::At.eq(c.at))
        .filter(complaints::Column::Kind.eq(c.kind))
        .filter(complaints::Column::Text.eq(c.text.clone()))
        .filter(complaints::Column::CreatedAt.gt(now - Duration::minutes(RESENT_WITHIN_MIN)))
        .all(db)
        .await?
        .into_iter()
        .find(|r| {
            r.contact == c.contact && (r.lon - at.x).abs() < 1e-9 && (r.lat - at.y).abs() < 1e-9
        })
    else {
        return Ok(None);
    };
    let m = match (first.stall_id, first.session_id) {
        (Some(stall_id), Some(session_id)) => stalls::Entity::find_by_id(stall_id)
            .one(db)
            .await?
            .map(|stall| Match {
                session_id,
                stall_id,
                stall_code: stall.code,
            }),
        _ => None,
    };
    Ok(Some((first.id, m)))
}

/// Records a complaint; nothing is written when any check fails.
pub async fn submit(
    db: &DatabaseConnection,
    caches: &Caches,
    notifier: &dyn Notifier,
    new: NewComplaint,
) -> AppResult<(i32, Option<Match>)> {
    let now = Utc::now();
    let c = check(&new, now)?;
    let named_place = new
        .stall_code
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty())
        || new.lon.is_some()
        || new.lat.is_some();
    let (site, at, whole_site) = match new.site_id.filter(|_| !named_place) {
        Some(id) => {
            let site = sites::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("unknown_site", "site_id", t::UNKNOWN_SITE))?;
            let at = Coord {
                x: site.centroid_lon,
                y: site.centroid_lat,
            };
            (site, at, true)
        }
        None => {
            let at = position(db, &new, c.crs).await?;
            let site = locate::site_at(db, caches, at)
                .await?
                .ok_or_else(|| AppError::invalid("outside_sites", "lon", t::OUTSIDE_SITES))?;
            (site, at, false)
        }
    };
    let (found, market_id) = locate::match_stall(db, caches, &site, at, c.at).await?;
    // A complaint about the site as a whole names no stall: its managers are told all the same.
    let found = found.filter(|_| !whole_site);
    let txn = begin_write(db).await?;
    // The same form sent again (a double tap, Back and send: the same words, place, time and
    // contact): the first one's answer, nothing written twice and nobody told twice. (The API
    // has `Idempotency-Key` for this, and two residents may well write the same "吵".)
    if new.resent_form_is_the_same
        && let Some(first) = resent(&txn, &c, site.id, at, now).await?
    {
        return Ok(first);
    }
    let row = complaints::ActiveModel {
        lon: Set(at.x),
        lat: Set(at.y),
        source_crs: Set(c.crs.as_str().to_owned()),
        at: Set(c.at),
        kind: Set(c.kind),
        text: Set(c.text),
        contact: Set(c.contact),
        site_id: Set(site.id),
        session_id: Set(found.as_ref().map(|f| f.session.id)),
        stall_id: Set(found.as_ref().map(|f| f.stall.id)),
        vendor_id: Set(found.as_ref().map(|f| f.vendor_id)),
        market_id: Set(market_id),
        status: Set(ComplaintStatus::Open),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: None,
            entity: "complaint",
            entity_id: Some(row.id),
            action: "create",
            before: None,
            after: Some(
                json!({"site_id": site.id, "kind": row.kind, "stall_id": row.stall_id,
                "session_id": row.session_id}),
            ),
        },
    )
    .await?;
    let place = found.as_ref().map_or_else(
        || site.name.clone(),
        |f| format!("{} · {}", site.name, f.stall.code),
    );
    let mut out = Vec::new();
    if let Some(m) = market_id {
        for user in managers_of(&txn, m).await? {
            out.push(
                notices::write(
                    &txn,
                    user,
                    "complaint",
                    Msg::with(
                        "night-notice-complaint-manager",
                        [
                            ("place", place.clone().into()),
                            ("kind", super::pages::kind_label(row.kind).into()),
                        ],
                    ),
                )
                .await?,
            );
        }
    }
    if let Some(locate::Found {
        stall,
        vendor_id,
        session,
        ..
    }) = &found
        && let Some(v) = vendors::Entity::find_by_id(*vendor_id).one(&txn).await?
    {
        // Which night: a stall serves more than one market and segment.
        let night = crate::bookings::cancel::night_in_market(&txn, session).await?;
        out.push(
            notices::write(
                &txn,
                v.user_id,
                "complaint",
                Msg::with(
                    "night-notice-complaint-vendor",
                    [
                        ("night", night.into()),
                        ("stall", stall.code.clone().into()),
                        ("kind", super::pages::kind_label(row.kind).into()),
                    ],
                ),
            )
            .await?,
        );
    }
    txn.commit().await?;
    notices::deliver_all(notifier, &out);
    let m = found.map(|f| Match {
        session_id: f.session.id,
        stall_id: f.stall.id,
        stall_code: f.stall.code,
    });
    Ok((row.id, m))
}
