//! `POST /api/v1/bookings/{id}/absence` and the page form `POST /bookings/{id}/absence`.

use super::absence;
use crate::api::ApiJson;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::{Auth, Role};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use axum::{Form, Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The API route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(declare_absence))
}

/// The page route.
pub fn page_routes() -> Router<AppState> {
    Router::new().route("/bookings/{id}/absence", post(absence_submit))
}

/// Why the vendor cannot come (optional).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AbsenceBody {
    /// Free words, at most 500 characters.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The declared absence.
#[derive(Debug, Serialize, ToSchema)]
pub struct AbsenceResult {
    /// The booking.
    pub booking_id: i32,
    /// Always `absent`.
    pub status: &'static str,
}

/// Declare "I can't come": the owner before the session starts, managers of the market and
/// admins before it ends. The stall-session is freed at once and offered to the waitlist.
#[utoipa::path(post, path = "/api/v1/bookings/{id}/absence", tag = "bookings",
    params(("id" = i32, Path, description = "Booking id")), request_body = AbsenceBody,
    responses((status = 200, description = "Declared absent; the stall-session is offered to the waitlist", body = AbsenceResult),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`already_absent`, or `already_checked_in`"),
        (status = 422, description = "`session_started` (the owner, too late) or `session_past`")))]
async fn declare_absence(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AbsenceBody>,
) -> AppResult<Json<AbsenceResult>> {
    let a = absence::declare_absence(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        id,
        body.reason.as_deref(),
    )
    .await?;
    Ok(Json(AbsenceResult {
        booking_id: a.booking_id,
        status: "absent",
    }))
}

/// The page form.
#[derive(Debug, Deserialize)]
struct AbsenceForm {
    #[serde(default)]
    reason: String,
}

/// POST /bookings/{id}/absence: back to the vendor's schedule or the session page.
async fn absence_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<AbsenceForm>,
) -> AppResult<Response> {
    let a = absence::declare_absence(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        id,
        Some(&form.reason),
    )
    .await?;
    let back = if auth.role == Role::Vendor {
        "/".to_owned()
    } else {
        format!("/sessions/{}#bookings", a.session_id)
    };
    Ok(crate::web::see_other_with(
        &back,
        vec![crate::views::Flash::AbsenceDeclared.cookie()],
    ))
}
