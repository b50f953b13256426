//! The scheduling API of markets: `PATCH /api/v1/markets/{id}`, its rota
//! (`GET`/`POST /api/v1/markets/{id}/schedule`), new hours for a segment from a date on, and
//! `POST /api/v1/markets/preview` (the sessions a new market would create and its conflicts).

use super::api::Created;
use super::create::{self, NewMarket, ScheduleIn};
use super::edit::{self, MarketPatch};
use super::hours::{self, HoursChange, HoursChanged};
use super::rota::{self, Conflict};
use super::write::{json_or_ask, write_confirmable};
use super::{queries, rows};
use crate::api::{ApiJson, List};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::i18n::Lang;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use entity::market_schedules;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(patch_market))
        .routes(routes!(list_rows, add_row))
        .routes(routes!(change_hours))
        .routes(routes!(preview_market))
}

/// Rename a market, change its categories or self-selection; audited.
#[utoipa::path(patch, path = "/api/v1/markets/{id}", tag = "markets", request_body = MarketPatch,
    params(("id" = i32, Path, description = "Market id")),
    responses((status = 200, description = "The market as changed", body = Created),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "No such market, or another manager's"),
        (status = 422, description = "A bad name or category, or a category in use")))]
async fn patch_market(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<MarketPatch>,
) -> AppResult<Json<Created>> {
    let txn = begin_write(&state.db).await?;
    let market = edit::update_market(&txn, &auth, id, body).await?;
    txn.commit().await?;
    Ok(Json(Created { id: market.id }))
}

/// A schedule row of a market.
#[derive(Debug, Serialize, ToSchema)]
pub struct RowItem {
    /// The row (for `PATCH /api/v1/schedule-rows/{id}`).
    pub id: i32,
    /// The site.
    pub site_id: i32,
    /// The segment.
    pub segment: String,
    /// ISO weekdays, 1 = Monday (empty: every day).
    pub weekdays: Vec<u8>,
    /// First business date.
    pub from: String,
    /// Last business date.
    pub to: String,
}

/// The rows of a market's rota (anyone).
#[utoipa::path(get, path = "/api/v1/markets/{id}/schedule", tag = "markets",
    params(("id" = i32, Path, description = "Market id"), Paging),
    responses((status = 200, description = "The market's schedule rows", body = List<RowItem>),
        (status = 404, description = "No such market")))]
async fn list_rows(
    State(state): State<AppState>,
    PathId(id): PathId,
    page: Paging,
) -> AppResult<Json<List<RowItem>>> {
    queries::find_market(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let query = market_schedules::Entity::find().filter(market_schedules::Column::MarketId.eq(id));
    let total = query.clone().count(&state.db).await?;
    let items = query
        .order_by_asc(market_schedules::Column::Id)
        .limit(page.limit())
        .offset(page.offset())
        .all(&state.db)
        .await?
        .into_iter()
        .map(row_item)
        .collect();
    Ok(Json(List { items, total }))
}

/// The API view of a schedule row.
pub fn row_item(r: market_schedules::Model) -> RowItem {
    RowItem {
        id: r.id,
        site_id: r.site_id,
        segment: r.segment,
        weekdays: r.weekdays.to_vec(),
        from: r.date_from.to_string(),
        to: r.date_to.to_string(),
    }
}

/// Sessions created.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionsCreated {
    /// How many.
    pub sessions_created: usize,
}

/// Add a schedule row; its sessions are created at once.
#[utoipa::path(post, path = "/api/v1/markets/{id}/schedule", tag = "markets", request_body = ScheduleIn,
    params(("id" = i32, Path, description = "Market id")),
    responses((status = 201, description = "The row's sessions were created", body = SessionsCreated),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "No such market or site, or another manager's"),
        (status = 409, description = "`session_overlap`, naming the other market's session"),
        (status = 422, description = "No weekday, a bad or past date range, an unknown segment")))]
async fn add_row(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<ScheduleIn>,
) -> AppResult<(StatusCode, Json<SessionsCreated>)> {
    let txn = begin_write(&state.db).await?;
    let n = rows::add_row(&txn, &auth, id, body).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionsCreated {
            sessions_created: n,
        }),
    ))
}

/// New hours for a segment's sessions on and after `from`; booked vendors are told. With
/// bookings affected and no `"confirm": true`: 409 `confirmation_required` with the counts
/// (`sessions_changed`, `bookings_affected`, `vendors_affected` beside the message).
#[utoipa::path(post, path = "/api/v1/markets/{id}/segments/{name}/hours", tag = "markets",
    request_body = HoursChange,
    params(("id" = i32, Path, description = "Market id"), ("name" = String, Path, description = "Segment name")),
    responses((status = 200, description = "The sessions that were moved", body = HoursChanged),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "No such market or segment, or another manager's"),
        (status = 409, description = "`session_overlap` naming the other session, or `confirmation_required` with the counts"),
        (status = 422, description = "Bad hours, a past date, an overlap with another segment")))]
async fn change_hours(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    Path((id, name)): Path<(String, String)>,
    ApiJson(body): ApiJson<HoursChange>,
) -> AppResult<Response> {
    let PathId(id) = PathId::parse(&id)?;
    let outcome = write_confirmable(&state, async |txn| {
        hours::change_hours(txn, &auth, id, &name, body).await
    })
    .await?;
    Ok(json_or_ask(outcome, lang))
}

/// What a new market would create.
#[derive(Debug, Serialize, ToSchema)]
pub struct Preview {
    /// Sessions it would create.
    pub sessions: usize,
    /// Sessions per site.
    pub sessions_by_site: Vec<(i32, usize)>,
    /// First business date.
    pub first: Option<String>,
    /// Last business date.
    pub last: Option<String>,
    /// Every conflict with another session on the same site (at most 200).
    pub conflicts: Vec<Conflict>,
}

/// The preview of a new market's rota, without writing anything.
pub async fn preview(
    db: &impl sea_orm::ConnectionTrait,
    user: &crate::identity::CurrentUser,
    new: &NewMarket,
) -> AppResult<Preview> {
    user.require_staff_writer()?;
    let v = create::validate(db, Some(user), new).await?;
    let planned = rota::plan(&v.rules);
    let conflicts = rota::conflicts(db, None, &v.name, &planned, &[], 200).await?;
    let mut by_site: std::collections::BTreeMap<i32, usize> = Default::default();
    for p in &planned {
        *by_site.entry(p.site_id).or_insert(0) += 1;
    }
    Ok(Preview {
        sessions: planned.len(),
        sessions_by_site: by_site.into_iter().collect(),
        first: planned.iter().map(|p| p.date).min().map(|d| d.to_string()),
        last: planned.iter().map(|p| p.date).max().map(|d| d.to_string()),
        conflicts,
    })
}

/// Preview a new market: the sessions its rota would create and every conflict with another
/// market's session on the same site; nothing is written.
#[utoipa::path(post, path = "/api/v1/markets/preview", tag = "markets", request_body = NewMarket,
    responses((status = 200, description = "What the market would create", body = Preview),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "A site of another manager"),
        (status = 422, description = "The same refusals as creating the market")))]
async fn preview_market(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewMarket>,
) -> AppResult<Json<Preview>> {
    Ok(Json(preview(&state.db, &auth, &body).await?))
}
