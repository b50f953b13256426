//! Occupancy reports for the bureau: the API (JSON, CSV, Excel), the `/reports` dashboard
//! with its charts, and the queries behind both.

mod api;
mod charts;
pub mod dashboard;
pub mod digest;
pub mod export;
pub mod occupancy;
mod page;
pub mod params;
pub mod sql;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use page::routes as page_routes;

/// This feature's entry in the page header's navigation: reports, for staff.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/reports",
        label: crate::i18n::texts::layout::REPORTS,
        order: 60,
        shown_to: |r| {
            matches!(
                r,
                Some(
                    crate::identity::Role::Admin
                        | crate::identity::Role::Bureau
                        | crate::identity::Role::Manager
                )
            )
        },
    }
}
