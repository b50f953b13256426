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

/// The "I can't come" form under one of the vendor's bookings (before its session starts).
pub fn absence_form(ctx: &crate::views::PageCtx, booking_id: i32) -> maud::Markup {
    use crate::i18n::texts::night as t;
    maud::html! {
        details.absence {
            summary { (ctx.t(t::I_CANT_COME)) }
            form method="post" action=(format!("/bookings/{booking_id}/absence")) {
                (crate::views::forms::csrf_field(ctx))
                // One form per booking: each field its own id for its label.
                (crate::views::forms::Input { name: "reason", id: Some(&format!("reason-{booking_id}")), label: ctx.t(t::ABSENT_REASON), value: "", ..Default::default() }.render())
                button.big type="submit" { (ctx.t(t::I_CANT_COME)) }
            }
        }
    }
}
