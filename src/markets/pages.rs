//! Pages of markets.

use crate::app::AppState;
use axum::Router;

/// The markets pages.
pub fn routes() -> Router<AppState> {
    Router::new()
}
