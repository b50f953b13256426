//! Sites (场地): WGS-84 polygons of streets and plazas divided into stall slots by the layout
//! engine, with zones, a server-rendered plan, and GeoJSON in and out.

pub mod access;
mod api;
pub mod api_layout;
mod circuit_guard;
pub mod circuits;
mod circuits_api;
mod circuits_page;
pub mod create;
pub mod drawing;
mod editor_page;
mod layout_codes;
mod layout_guard;
pub mod layout_run;
pub mod map_form;
pub mod outline_input;
mod pages;
mod plan_page;
mod plan_view;
pub mod queries;
pub mod shape;
mod slots;
pub mod stall_actions;
mod stall_api;
pub mod stall_batch;
pub mod stall_edit;
mod stall_notice;
pub mod update;
pub mod zones_create;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::kind_label;
pub use pages::routes as page_routes;

/// This feature's entry in the page header's navigation: sites, for everyone but vendors (they find theirs through markets).
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/sites",
        label: crate::i18n::texts::layout::SITES,
        order: 10,
        shown_to: |r| r != Some(crate::identity::Role::Vendor),
    }
}
