//! The vendor's side, phone first: the home page sections (offers, notices, applications,
//! schedule, calendar link), one-tap offer answers, and the iCalendar feed.

pub mod calendar;
pub mod home;
pub mod offers;
pub mod schedule;

use crate::app::AppState;
use axum::Router;
use axum::routing::post;

/// The vendor pages (POST → 303 → GET).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/offers/{id}/accept", post(offers::accept_submit))
        .route("/offers/{id}/decline", post(offers::decline_submit))
        .route("/calendar/reset", post(calendar::reset_submit))
}

/// The API routes of the vendor side.
pub fn api_routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(calendar::schedule_ics))
}
