//! Bookings (vendor × stall × session) that can never double-book, check-in and no-shows,
//! one use case per action shared by the API and the pages (`place_booking`, `actions`),
//! and waitlist offers for freed stalls.

pub mod absence;
mod absence_api;
pub mod actions;
mod api;
pub mod cancel;
pub mod cancel_session;
pub mod candidates;
mod candidates_api;
pub mod checkin;
pub mod error;
pub mod held;
pub mod offers;
mod offers_mix;
pub mod offers_void;
pub mod offline;
mod pages;
pub mod place;
pub mod place_booking;
pub mod plan_assign;
pub mod power;
pub mod queries;
pub mod relocate;
pub mod rota;
pub mod session_cancel_api;
pub mod session_plan;
pub mod suspended;
pub mod waitlist;
pub mod withdraw;
mod withdraw_api;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::routes as page_routes;

/// The withdrawal routes of an application (API and page form): withdrawing releases its
/// bookings, so they are this feature's.
pub fn withdraw_routes() -> (
    utoipa_axum::router::OpenApiRouter<crate::state::AppState>,
    axum::Router<crate::state::AppState>,
) {
    (withdraw_api::routes(), withdraw_api::page_routes())
}

/// The declared-absence routes (API and page form).
pub fn absence_routes() -> (
    utoipa_axum::router::OpenApiRouter<crate::state::AppState>,
    axum::Router<crate::state::AppState>,
) {
    (absence_api::routes(), absence_api::page_routes())
}
