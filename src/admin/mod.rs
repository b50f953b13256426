//! Administration: accounts and which sites each manager looks after.

mod pages;

use crate::state::AppState;
use axum::Router;

/// `/admin/…` pages.
pub fn routes() -> Router<AppState> {
    pages::routes()
}

/// This feature's entry in the page header's navigation: accounts, for administrators.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/admin/users",
        label: crate::i18n::texts::layout::USERS,
        order: 20,
        shown_to: |r| r == Some(crate::identity::Role::Admin),
    }
}
