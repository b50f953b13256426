//! Nightly sales reports (营业额上报): a vendor's one-tap figure for one booking — sales,
//! consumption vouchers redeemed, helpers — corrections within 7 days, the manager's entries
//! and checks of nights far above a vendor's usual, each market's setting (optional or
//! required) and the morning reminder for a missing report. The reports count them from
//! `session_sales`, a per-session digest kept by triggers.

mod api;
pub mod checks;
mod corrected;
pub mod money;
mod pages;
pub mod queries;
pub mod reminders;
pub mod report;
pub mod setting;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::reporting_label;
pub use pages::routes as page_routes;

/// This feature's entry in the page header's navigation: sales, for vendors and managers.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/sales",
        label: crate::i18n::texts::figures::NAV,
        order: 55,
        shown_to: |r| {
            matches!(
                r,
                Some(
                    crate::identity::Role::Vendor
                        | crate::identity::Role::Manager
                        | crate::identity::Role::Admin
                )
            )
        },
    }
}
