//! Markets (fixed or mobile), their segments, categories and schedule, and the sessions that
//! are booked.

pub mod access;
mod api;
mod api_edit;
pub mod closures_view;
pub mod create;
mod create_page;
pub mod edit;
pub mod edit_page;
pub mod hours;
mod hours_check;
pub mod impact;
mod pages;
pub mod queries;
pub mod rota;
pub mod rows;
pub mod schedule;
pub mod timeline;
pub mod write;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::{SessionItem, session_items};
pub use api_edit::{Preview, preview};
pub use pages::status_label;

/// The markets API: markets, sessions, the rota and hours, the site timeline.
pub fn api_routes() -> utoipa_axum::router::OpenApiRouter<crate::state::AppState> {
    api::routes()
        .merge(api_edit::routes())
        .merge(timeline::api_routes())
}

/// The market pages: list, new market, calendar, schedule editor, site timeline.
pub fn page_routes() -> axum::Router<crate::state::AppState> {
    pages::routes()
        .merge(create_page::routes())
        .merge(edit_page::routes())
        .merge(timeline::page_routes())
}

/// This feature's entry in the page header's navigation: markets, for everyone.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/markets",
        label: crate::i18n::texts::layout::MARKETS,
        order: 40,
        shown_to: |_| true,
    }
}
