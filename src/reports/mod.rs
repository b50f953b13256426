//! Occupancy reports for the bureau: the API (JSON, CSV, Excel), the `/reports` dashboard
//! with its charts, and the queries behind both.

mod api;
mod charts;
pub mod dashboard;
pub mod digest;
pub mod digest_cache;
pub mod export;
mod figures_page;
pub mod occupancy;
pub mod open_data;
mod page;
pub mod params;
pub mod sql;
pub mod summary;
mod summary_page;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::SummaryQuery;
pub use api::routes as api_routes;

/// The report pages: the dashboard, the period summary, the open-data page.
pub fn page_routes() -> axum::Router<crate::state::AppState> {
    page::routes()
        .merge(summary_page::routes())
        .merge(figures_page::open_data_routes())
}

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
