//! `DELETE /api/v1/applications/{id}` and the page form `POST /applications/{id}/withdraw`:
//! the owner withdraws an application. They live here, not with the applications, because
//! withdrawing releases the application's bookings ([`super::withdraw`]).

use super::withdraw::withdraw_application;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::Flash;
use crate::web::see_other_with;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The API route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(withdraw))
}

/// The page route.
pub fn page_routes() -> Router<AppState> {
    Router::new().route("/applications/{id}/withdraw", post(withdraw_submit))
}

/// The owner withdraws the application. Its bookings in sessions not yet started are released
/// (and offered to the waiting list), and its open waitlist offers are declined.
#[utoipa::path(delete, path = "/api/v1/applications/{id}", tag = "applications",
    params(("id" = i32, Path, description = "Application id")),
    responses((status = 204, description = "Withdrawn; bookings in sessions not yet started released"),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`invalid_transition`: the application can no longer be withdrawn")))]
async fn withdraw(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    withdraw_application(&state.db, state.notifier.as_ref(), &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// POST /applications/{id}/withdraw (the owner).
async fn withdraw_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    let flash = match withdraw_application(&state.db, state.notifier.as_ref(), &auth, id).await {
        Ok(0) => Flash::ApplicationWithdrawn,
        Ok(_) => Flash::ApplicationWithdrawnReleased,
        // A second tap finds it withdrawn already: the same answer, not an error page.
        Err(e)
            if e.code() == "invalid_transition" && withdrawn_already(&state, &auth, id).await? =>
        {
            Flash::ApplicationWithdrawn
        }
        Err(e) => return Err(e),
    };
    Ok(see_other_with(
        &format!("/applications/{id}"),
        vec![flash.cookie()],
    ))
}

/// Whether application `id` is the caller's and already withdrawn.
async fn withdrawn_already(state: &AppState, auth: &Auth, id: i32) -> AppResult<bool> {
    let app = crate::applications::flow::visible(&state.db, auth, id).await?;
    Ok(auth.vendor_id == Some(app.vendor_id)
        && app.status == entity::applications::ApplicationStatus::Withdrawn)
}
