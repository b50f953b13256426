//! `GET /api/v1/sessions/{id}/candidates`: the vendors who might take a stall in a session.

use super::candidates::{Candidate, candidates};
use crate::api::{ApiQuery, List};
use crate::error::AppResult;
use crate::extract::{Paging, PathId};
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The candidates route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(session_candidates))
}

/// `?q=`: part of a name, or digits of a phone number.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CandidateQuery {
    /// Part of the vendor's name, or digits of their phone number.
    pub q: Option<String>,
}

/// The vendors with an approved application for the session's market, each `eligible` or not
/// with the `reasons` (managers of the market, admins). Eligible first, then by vendor id.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/candidates", tag = "bookings",
    params(("id" = i32, Path, description = "Session id"), CandidateQuery, Paging),
    responses((status = 200, description = "A page of candidates", body = List<Candidate>),
        (status = 400, description = "Malformed paging"),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "Not a manager or admin"),
        (status = 404, description = "No such session, or another manager's market")))]
async fn session_candidates(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiQuery(query): ApiQuery<CandidateQuery>,
    page: Paging,
) -> AppResult<Json<List<Candidate>>> {
    let (_, items) = candidates(&state.db, &auth, id, query.q.as_deref().unwrap_or("")).await?;
    Ok(Json(page.slice(items)))
}
