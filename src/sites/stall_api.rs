//! Stalls by hand in the JSON API: add a stall, delete one (changing one is the PATCH in
//! `api_layout`, which calls the same use cases).

use super::api_layout::StallView;
use super::stall_actions::{self, StallEdit};
use crate::api::ApiJson;
use crate::db::begin_write;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use http::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

/// A stall drawn by hand.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewStall {
    /// GeoJSON Polygon, WGS-84: one ring of four corners (a convex quadrilateral); the edge from
    /// the third to the fourth corner (counter-clockwise) is the front, facing the aisle.
    #[schema(value_type = Object)]
    pub polygon: Value,
    /// Code; the site's code is put in front when missing (`A-050` → `WCL-A-050`); generated
    /// (`WCL-HD-001`, …) when absent.
    pub code: Option<String>,
    /// Kept by a re-layout (default `true`: hand-drawn stalls are locked).
    pub locked: Option<bool>,
}

/// Add a stall by hand (the site's managers, admins). 422 `stall_outside`, `stall_overlap`,
/// `aisle_blocked` or `invalid_geometry` naming the stall; 409 `code_taken`.
#[utoipa::path(post, path = "/api/v1/sites/{id}/stalls", tag = "sites", request_body = NewStall,
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 201, description = "The new stall", body = StallView),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not a manager or admin"),
        (status = 404, description = "No such site, or another manager's"),
        (status = 409, description = "`code_taken`: another stall has this code"),
        (status = 422, description = "`stall_outside`, `stall_overlap`, `aisle_blocked`, `invalid_geometry` or `invalid_code`, naming the stall")))]
pub(super) async fn create_stall(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewStall>,
) -> AppResult<(StatusCode, Json<StallView>)> {
    let shape = StallEdit {
        polygon: Some(body.polygon),
        code: body.code,
        locked: body.locked,
        corners: None,
    };
    let row = super::stall_batch::create_stall(&state.db, &auth, id, shape).await?;
    Ok((StatusCode::CREATED, Json(StallView::try_from(&row)?)))
}

/// Delete a stall (its site's managers, admins). 409 `stall_in_use` while bookings of sessions
/// not yet ended need it; a stall past bookings name is kept, retired, for the record.
#[utoipa::path(delete, path = "/api/v1/stalls/{id}", tag = "sites",
    params(("id" = i32, Path, description = "Stall id")),
    responses((status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not a manager or admin"),
        (status = 404, description = "No such stall, or another manager's"),
        (status = 409, description = "`stall_in_use`: bookings of sessions not yet ended need it")))]
pub(super) async fn delete_stall(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    let txn = begin_write(&state.db).await?;
    let edit = stall_actions::site_of_stall(&txn, &auth, id).await?;
    stall_actions::delete_in(&txn, &auth, &edit, id).await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
