//! Markets (fixed or mobile), their segments, categories and schedule, and the sessions that
//! are booked.

pub mod access;
pub mod api;
pub mod create;
pub mod pages;
pub mod queries;
pub mod schedule;

/// This feature's entry in the page header's navigation: markets, for everyone.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/markets",
        label: crate::i18n::texts::layout::MARKETS,
        order: 40,
        shown_to: |_| true,
    }
}
