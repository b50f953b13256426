//! `POST/GET /api/v1/markets`, `GET /api/v1/markets/{id}/sessions`.

use super::create::{self, NewMarket};
use super::{queries, schedule};
use crate::api::{ApiJson, ApiQuery, List};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId, query_date};
use crate::i18n::texts::markets as t;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use chrono::Duration;
use entity::market_sessions::SessionStatus;
use entity::markets::MarketKind;
use entity::{market_sessions, markets};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The market routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_market, list_markets))
        .routes(routes!(market_sessions))
}

/// The id of something created.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Its id.
    pub id: i32,
}

/// Create a market with its segments, schedule and categories; every session of the schedule
/// is created at once. 409 `session_overlap` when a session would overlap another on its site.
#[utoipa::path(post, path = "/api/v1/markets", tag = "markets", request_body = NewMarket,
    responses((status = 201, description = "The new market; its sessions are created", body = Created),
        (status = 401), (status = 403),
        (status = 409, description = "`session_overlap`: a session would overlap another on its site"),
        (status = 422)))]
async fn create_market(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewMarket>,
) -> AppResult<(StatusCode, Json<Created>)> {
    auth.require_staff_writer()?;
    let txn = begin_write(&state.db).await?;
    let market = create::create_as(&txn, &auth, body).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(Created { id: market.id })))
}

/// A segment of a market.
#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentOut {
    /// Name.
    pub name: String,
    /// Local `HH:MM`.
    pub start: String,
    /// Local `HH:MM` (before `start`: crosses midnight).
    pub end: String,
}

/// A market in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarketItem {
    /// Id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// `fixed` or `mobile`.
    #[schema(value_type = String)]
    pub kind: MarketKind,
    /// Vendors may choose their stalls.
    pub self_select: bool,
    /// Segments.
    pub segments: Vec<SegmentOut>,
}

/// Every market (anyone).
#[utoipa::path(get, path = "/api/v1/markets", tag = "markets", params(Paging),
    responses((status = 200, description = "A page of markets", body = List<MarketItem>)))]
async fn list_markets(
    State(state): State<AppState>,
    page: Paging,
) -> AppResult<Json<List<MarketItem>>> {
    let (rows, total) = queries::list_markets(&state.db, page.limit(), page.offset()).await?;
    Ok(Json(List {
        items: market_items(&state.db, rows).await?,
        total,
    }))
}

/// Markets with their segments.
pub async fn market_items(
    db: &impl sea_orm::ConnectionTrait,
    rows: Vec<markets::Model>,
) -> AppResult<Vec<MarketItem>> {
    let ids: Vec<i32> = rows.iter().map(|m| m.id).collect();
    let mut segments: HashMap<i32, Vec<SegmentOut>> = HashMap::new();
    for s in queries::segments_of(db, &ids).await? {
        segments.entry(s.market_id).or_default().push(SegmentOut {
            name: s.name,
            start: s.start_time,
            end: s.end_time,
        });
    }
    Ok(rows
        .into_iter()
        .map(|m| MarketItem {
            segments: segments.remove(&m.id).unwrap_or_default(),
            id: m.id,
            name: m.name,
            kind: m.kind,
            self_select: m.self_select,
        })
        .collect())
}

/// `?from=&to=` business dates (default: today and four weeks on).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Range {
    /// First business date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last business date, `YYYY-MM-DD`.
    pub to: Option<String>,
}

impl Range {
    /// The validated dates (422 for a bad date or an inverted or too long range).
    pub fn dates(&self) -> AppResult<(chrono::NaiveDate, chrono::NaiveDate)> {
        let from = query_date("from", self.from.as_deref())?.unwrap_or_else(crate::clock::today);
        let to = query_date("to", self.to.as_deref())?.unwrap_or(from + Duration::days(27));
        if to < from || (to - from).num_days() > schedule::MAX_SPAN_DAYS {
            return Err(AppError::invalid("invalid_range", "to", t::RANGE_INVALID));
        }
        Ok((from, to))
    }
}

/// A session in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionItem {
    /// Id.
    pub id: i32,
    /// The market.
    pub market_id: i32,
    /// The site.
    pub site_id: i32,
    /// Business date (the date it opens), `YYYY-MM-DD`.
    pub date: String,
    /// Segment name.
    pub segment: String,
    /// Local `HH:MM`.
    pub start: String,
    /// Local `HH:MM`.
    pub end: String,
    /// Start (RFC 3339, UTC).
    pub starts_at: String,
    /// End (RFC 3339, UTC).
    pub ends_at: String,
    /// `scheduled` or `cancelled`.
    #[schema(value_type = String)]
    pub status: SessionStatus,
    /// Why it was cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    /// Active stalls of the site.
    pub stalls_total: u64,
    /// Live bookings.
    pub stalls_booked: u64,
    /// Bookings not checked in once the session has started.
    pub no_shows: u64,
}

/// The API view of some sessions.
pub async fn session_items(
    db: &impl sea_orm::ConnectionTrait,
    rows: Vec<market_sessions::Model>,
) -> AppResult<Vec<SessionItem>> {
    let mut site_ids: Vec<i32> = rows.iter().map(|s| s.site_id).collect();
    site_ids.sort_unstable();
    site_ids.dedup();
    let ids: Vec<i32> = rows.iter().map(|s| s.id).collect();
    let totals = queries::active_stalls_by_site(db, &site_ids).await?;
    let booked = queries::bookings_by_session(db, &ids).await?;
    let no_shows = queries::no_shows_by_session(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|s| SessionItem {
            stalls_total: totals.get(&s.site_id).copied().unwrap_or(0),
            stalls_booked: booked.get(&s.id).copied().unwrap_or(0),
            no_shows: no_shows.get(&s.id).copied().unwrap_or(0),
            id: s.id,
            market_id: s.market_id,
            site_id: s.site_id,
            date: s.business_date.to_string(),
            segment: s.segment,
            start: schedule::local_hhmm(s.starts_at),
            end: schedule::local_hhmm(s.ends_at),
            starts_at: s.starts_at.to_rfc3339(),
            ends_at: s.ends_at.to_rfc3339(),
            status: s.status,
            cancel_reason: s.cancel_reason,
        })
        .collect())
}

/// A market's sessions between two business dates, by date then start (anyone).
#[utoipa::path(get, path = "/api/v1/markets/{id}/sessions", tag = "markets",
    params(("id" = i32, Path, description = "Market id"), Range, Paging),
    responses((status = 200, description = "The market's sessions in the range", body = List<SessionItem>),
        (status = 404), (status = 422)))]
async fn market_sessions(
    State(state): State<AppState>,
    PathId(id): PathId,
    ApiQuery(range): ApiQuery<Range>,
    page: Paging,
) -> AppResult<Json<List<SessionItem>>> {
    queries::find_market(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (from, to) = range.dates()?;
    let (rows, total) =
        queries::list_sessions(&state.db, id, from, to, page.limit(), page.offset()).await?;
    Ok(Json(List {
        items: session_items(&state.db, rows).await?,
        total,
    }))
}
