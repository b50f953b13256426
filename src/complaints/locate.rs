//! Where a complaint lies: the site whose outline holds the point (sites found by their stored
//! bounding box first), then the nearest stall booked there within 15 m during a session, half
//! an hour either side. Each site's outline and an R-tree of its stalls are kept in this
//! process's caches and checked on every use against the site's revision counter — bumped by
//! database triggers on any stall, zone or layout change, whichever process made it — and the
//! site row itself, so server processes sharing one PostgreSQL never match against stalls
//! another process has since moved, added or removed.

use super::submit::{MATCH_RADIUS_M, SESSION_MARGIN_MIN};
use crate::cache::{Caches, RevisionCache, Scope, Token};
use crate::error::AppResult;
use chrono::{DateTime, Duration, Utc};
use entity::market_sessions::SessionStatus;
use entity::{bookings, market_sessions, sites, stalls};
use geo::{Coord, MultiPolygon};
use nightmarket_core::geometry::nearest::{self, StallIndex};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::sync::Arc;

/// One site as matching needs it: its outline and its stalls (retired ones too: a complaint
/// about last month names the stall booked then).
#[derive(Debug)]
pub struct SitePlace {
    outline: MultiPolygon<f64>,
    stalls: StallIndex,
}

/// The places of the sites complained about, by site id.
pub struct PlaceCache(RevisionCache<i32, SitePlace>);

impl Default for PlaceCache {
    fn default() -> Self {
        // A county has tens of sites; a province a few hundred.
        PlaceCache(RevisionCache::new(512))
    }
}

/// What a stored site looks like now: from the cache when its stalls and row are unchanged,
/// else read and indexed afresh.
pub async fn site_place(
    db: &impl ConnectionTrait,
    caches: &Caches,
    site: &sites::Model,
) -> AppResult<Arc<SitePlace>> {
    // The counter is read before the stalls, so a change landing in between makes the entry
    // look older than it is (rebuilt next time), never newer.
    let token = Token::read(db, &[Scope("site", site.id)], &[site]).await?;
    caches
        .of::<PlaceCache>()
        .0
        .get_or_build(site.id, token, || build(db, site))
        .await
}

async fn build(db: &impl ConnectionTrait, site: &sites::Model) -> AppResult<SitePlace> {
    let outline = serde_json::from_str::<serde_json::Value>(&site.boundary)
        .ok()
        .and_then(|v| {
            nightmarket_core::geometry::parse_site_boundary(
                &v,
                nightmarket_core::geometry::Crs::Wgs84,
            )
            .ok()
        })
        .map_or_else(|| MultiPolygon::new(Vec::new()), |shape| shape.wgs84);
    let rows: Vec<(i32, String)> = stalls::Entity::find()
        .select_only()
        .columns([stalls::Column::Id, stalls::Column::Polygon])
        .filter(stalls::Column::SiteId.eq(site.id))
        .into_tuple()
        .all(db)
        .await?;
    // Parsing thousands of polygons takes a few milliseconds of CPU: once per site version.
    let polygons = rows
        .iter()
        .filter_map(|(id, text)| nearest::parse_polygon(text).map(|p| (i64::from(*id), p)))
        .collect();
    Ok(SitePlace {
        outline,
        stalls: StallIndex::new(polygons),
    })
}

/// The site whose outline holds `at` (WGS-84).
pub async fn site_at(
    db: &impl ConnectionTrait,
    caches: &Caches,
    at: Coord<f64>,
) -> AppResult<Option<sites::Model>> {
    let candidates = sites::Entity::find()
        .filter(sites::Column::MinLon.lte(at.x))
        .filter(sites::Column::MaxLon.gte(at.x))
        .filter(sites::Column::MinLat.lte(at.y))
        .filter(sites::Column::MaxLat.gte(at.y))
        .all(db)
        .await?;
    for site in candidates {
        if nearest::contains(&site_place(db, caches, &site).await?.outline, at) {
            return Ok(Some(site));
        }
    }
    Ok(None)
}

/// What a place and time matched: the session, the stall and its vendor.
#[derive(Debug, Clone)]
pub struct Found {
    /// The session running then.
    pub session: market_sessions::Model,
    /// The nearest booked stall.
    pub stall: stalls::Model,
    /// Its booked vendor.
    pub vendor_id: i32,
}

/// The nearest booked stall within 15 m of `at` in a session on `site` running at `when`
/// (half an hour either side), and the market to route to: that session's, or when no
/// booked stall is near, the first session's running then; nothing when none runs.
pub async fn match_stall(
    db: &impl ConnectionTrait,
    caches: &Caches,
    site: &sites::Model,
    at: Coord<f64>,
    when: DateTime<Utc>,
) -> AppResult<(Option<Found>, Option<i32>)> {
    let margin = Duration::minutes(SESSION_MARGIN_MIN);
    let sessions = market_sessions::Entity::find()
        .filter(market_sessions::Column::SiteId.eq(site.id))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::StartsAt.lte(when + margin))
        .filter(market_sessions::Column::EndsAt.gte(when - margin))
        .all(db)
        .await?;
    let Some(first_market) = sessions.first().map(|s| s.market_id) else {
        return Ok((None, None));
    };
    let near = site_place(db, caches, site)
        .await?
        .stalls
        .within(at, MATCH_RADIUS_M);
    if near.is_empty() {
        return Ok((None, Some(first_market)));
    }
    // Only the bookings of the few stalls within reach, not of the whole site.
    let ids: Vec<i32> = near
        .iter()
        .filter_map(|(id, _)| i32::try_from(*id).ok())
        .collect();
    let booked = bookings::Entity::find()
        .filter(bookings::Column::SessionId.is_in(sessions.iter().map(|s| s.id)))
        .filter(bookings::Column::StallId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    for stall_id in ids {
        // Of that stall's bookings, the one in the session nearest in time.
        let best = booked
            .iter()
            .filter(|b| b.stall_id == stall_id)
            .filter_map(|b| {
                let s = sessions.iter().find(|s| s.id == b.session_id)?;
                let off = if when < s.starts_at {
                    (s.starts_at - when).num_seconds()
                } else if when > s.ends_at {
                    (when - s.ends_at).num_seconds()
                } else {
                    0
                };
                Some((off, s.id, b, s))
            })
            .min_by_key(|(off, session_id, _, _)| (*off, *session_id));
        let Some((_, _, booking, session)) = best else {
            continue;
        };
        let Some(stall) = stalls::Entity::find_by_id(stall_id).one(db).await? else {
            continue;
        };
        let market = session.market_id;
        return Ok((
            Some(Found {
                session: session.clone(),
                stall,
                vendor_id: booking.vendor_id,
            }),
            Some(market),
        ));
    }
    Ok((None, Some(first_market)))
}
