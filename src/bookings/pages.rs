//! Pages of bookings.

use crate::app::AppState;
use axum::Router;

/// The bookings pages.
pub fn routes() -> Router<AppState> {
    Router::new()
}
