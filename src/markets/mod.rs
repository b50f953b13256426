//! Markets (fixed or mobile), their segments, categories and schedule, and the sessions that
//! are booked.

pub mod access;
mod api;
pub mod create;
mod pages;
pub mod queries;
pub mod schedule;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use api::{SessionItem, session_items};
pub use pages::routes as page_routes;
pub use pages::status_label;

/// This feature's entry in the page header's navigation: markets, for everyone.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/markets",
        label: crate::i18n::texts::layout::MARKETS,
        order: 40,
        shown_to: |_| true,
    }
}
