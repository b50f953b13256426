//! Administration: accounts, which sites each manager looks after, and the audit log page.

mod audit_filter;
mod audit_page;
mod pages;

use crate::state::AppState;
use axum::Router;

/// `/admin/…` pages.
pub fn routes() -> Router<AppState> {
    pages::routes().merge(audit_page::routes())
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

/// This feature's entry in the page header's navigation: the audit log, for administrators and the bureau.
pub fn audit_nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/audit",
        label: crate::i18n::texts::layout::AUDIT,
        order: 70,
        shown_to: |r| {
            matches!(
                r,
                Some(crate::identity::Role::Admin | crate::identity::Role::Bureau)
            )
        },
    }
}
