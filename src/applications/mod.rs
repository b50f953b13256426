//! Vendor applications for a market: submitted → approved | waitlisted | rejected → withdrawn.

mod api;
pub mod apply_form;
pub mod covers;
pub mod decide;
pub mod flow;
mod pages;
mod season;
mod twin;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::routes as page_routes;

/// This feature's entry in the page header's navigation: applications, for everyone logged in.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/applications",
        label: crate::i18n::texts::layout::APPLICATIONS,
        order: 50,
        shown_to: |r| r.is_some(),
    }
}
