//! Accounts: users and their roles, login and logout, two-step login (TOTP), password rules,
//! and which manager looks after which site or market.

mod api;
pub mod assign;
pub mod common_passwords;
pub mod disable;
mod inbox_api;
pub mod login;
mod pages;
pub mod password_change;
pub mod password_policy;
pub mod phone;
pub mod totp;
pub mod users;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use inbox_api::routes as inbox_routes;
pub use pages::routes as page_routes;

/// This feature's entry in the page header's navigation: one's own password, for staff (a
/// vendor finds it on their profile, where the header has less room).
pub fn password_nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/account/password",
        label: crate::i18n::texts::password::NAV,
        order: 91,
        shown_to: |r| r.is_some_and(|r| r != crate::identity::Role::Vendor),
    }
}

/// This feature's entry in the page header's navigation: two-step login, for staff who may enrol.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/account/totp",
        label: crate::i18n::texts::totp::ACCOUNT_LINK,
        order: 90,
        shown_to: |r| r.is_some_and(totp::may_enrol),
    }
}
