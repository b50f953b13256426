//! `POST/GET /api/v1/applications`, `GET /api/v1/applications/{id}`,
//! `POST /api/v1/applications/{id}/decision` (withdrawal, `DELETE`, releases bookings and is
//! `bookings::withdraw_api`'s).

use super::decide;
use super::flow::{self, ApplicationItem, Decision, NewApplication};
use crate::api::{ApiJson, ApiQuery, List};
use crate::db::begin_write;
use crate::error::AppResult;
use crate::extract::{Paging, PathId};
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The application routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit, list))
        .routes(routes!(get_one))
        .routes(routes!(decide))
}

/// A new application's id and status.
#[derive(Debug, Serialize, ToSchema)]
pub struct Submitted {
    /// Id.
    pub id: i32,
    /// Always `submitted`.
    pub status: String,
}

/// Apply for a market (vendors).
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = NewApplication,
    responses((status = 201, description = "The submitted application", body = Submitted),
        (status = 401), (status = 403), (status = 422)))]
async fn submit(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewApplication>,
) -> AppResult<(StatusCode, Json<Submitted>)> {
    let txn = begin_write(&state.db).await?;
    let app = flow::submit(&txn, &auth, body).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(Submitted {
            id: app.id,
            status: app.status.to_string(),
        }),
    ))
}

/// `?status=&market_id=` (paging is [`Paging`]'s).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// One status.
    pub status: Option<String>,
    /// One market.
    pub market_id: Option<i32>,
}

/// Applications: a vendor's own, a manager's markets, everything for the bureau and admins.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", params(Filter, Paging),
    responses((status = 200, description = "The applications the caller may see", body = List<ApplicationItem>),
        (status = 401), (status = 422)))]
async fn list(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(filter): ApiQuery<Filter>,
    page: Paging,
) -> AppResult<Json<List<ApplicationItem>>> {
    let status = filter
        .status
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (items, total) = flow::list(
        &state.db,
        &auth,
        status,
        filter.market_id,
        page.limit(),
        page.offset(),
    )
    .await?;
    Ok(Json(List { items, total }))
}

/// One application: its vendor, managers of its market, the bureau and admins; 404 otherwise.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications",
    params(("id" = i32, Path, description = "Application id")),
    responses((status = 200, description = "The application", body = ApplicationItem),
        (status = 401), (status = 404)))]
async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<ApplicationItem>> {
    let app = flow::visible(&state.db, &auth, id).await?;
    Ok(Json(flow::item(&state.db, app).await?))
}

/// Decide: approve, reject or waitlist (managers of the market, admins).
#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "applications",
    request_body = Decision, params(("id" = i32, Path, description = "Application id")),
    responses((status = 200, description = "The application as decided", body = ApplicationItem),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`invalid_transition`: the application's state does not allow this decision"),
        (status = 422)))]
async fn decide(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<Decision>,
) -> AppResult<Json<ApplicationItem>> {
    let item =
        decide::decide_application(&state.db, state.notifier.as_ref(), &auth, id, body).await?;
    Ok(Json(item))
}
