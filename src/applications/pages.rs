//! Pages of applications.

use crate::app::AppState;
use axum::Router;

/// The applications pages.
pub fn routes() -> Router<AppState> {
    Router::new()
}
