//! Public pages, no login and no personal data: which markets are open now (by time segment,
//! Asia/Shanghai) and a session's plan with stall codes and categories. Printable.

pub mod open_now;
pub mod session_plan;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

/// The public routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-now", get(open_now::open_now_page))
        .route("/sessions/{id}/plan", get(session_plan::session_plan_page))
}
