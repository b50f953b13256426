//! The vendor's side, phone first: the home page sections (offers, notices, applications,
//! schedule, calendar link), one-tap offer answers, the iCalendar feed, the month calendar,
//! the apply form with preferred stalls, self-selection of a stall, and the register checks.

pub mod calendar;
pub mod choose;
pub mod home;
pub mod month;
pub mod offers;
pub mod register_check;
pub mod schedule;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// The vendor pages (POST → 303 → GET).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/offers/{id}/accept", post(offers::accept_submit))
        .route("/offers/{id}/decline", post(offers::decline_submit))
        .route("/calendar/reset", post(calendar::reset_submit))
        .route("/schedule/month", get(month::month_page))
        .route(
            "/sessions/{id}/choose",
            get(choose::choose_page).post(choose::choose_submit),
        )
        .route("/register/check", get(register_check::check))
}

/// The API routes of the vendor side.
pub fn api_routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(calendar::schedule_ics))
}
