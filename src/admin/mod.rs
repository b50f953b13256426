//! Administration: accounts and which sites each manager looks after.

pub mod assign;
pub mod disable;
mod pages;

use crate::app::AppState;
use axum::Router;

/// `/admin/…` pages.
pub fn routes() -> Router<AppState> {
    pages::routes()
}
