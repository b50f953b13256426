//! `POST /api/v1/sessions/{id}/cancel`: a manager cancels a session; its bookings are
//! cancelled and the booked vendors told (the use case is in [`super::cancel_session`]).

use super::cancel_session;
use crate::api::ApiJson;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::identity::Auth;
use crate::markets::{SessionItem, session_items};
use crate::notices;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The session-cancel route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(cancel_session))
}

/// Why a session is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CancelBody {
    /// Weather, an event, … (1–200 characters).
    pub reason: String,
}

/// Cancel a session: its bookings are cancelled and the booked vendors are told.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancel", tag = "markets", request_body = CancelBody,
    params(("id" = i32, Path, description = "Session id")),
    responses((status = 200, description = "The cancelled session", body = SessionItem),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`session_cancelled`: the session is already cancelled"),
        (status = 422, description = "`invalid_reason`; `session_past`: it has ended; `session_held`: vendors checked in or reported sales, so its figures stay")))]
async fn cancel_session(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CancelBody>,
) -> AppResult<Json<SessionItem>> {
    let txn = begin_write(&state.db).await?;
    let (session, out) = cancel_session::cancel_session(&txn, &auth, id, &body.reason).await?;
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    let mut items = session_items(&state.db, vec![session]).await?;
    Ok(Json(items.pop().ok_or(AppError::NotFound)?))
}
