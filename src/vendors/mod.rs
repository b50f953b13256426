//! Vendors (经营户): identifiers, categories, self-registration and profiles.

mod api;
pub mod categories;
pub mod equipment;
mod equipment_api;
mod equipment_page;
pub mod id_number;
mod pages;
pub mod register;
pub mod uscc;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::routes as page_routes;

/// Whether the vendor's health certificate (健康证) is valid on `date`: food stalls need one
/// that has not expired on the night they trade.
pub fn health_cert_valid(vendor: &entity::vendors::Model, date: chrono::NaiveDate) -> bool {
    vendor.health_cert_expires.is_some_and(|exp| exp >= date)
}

/// This feature's entry in the page header's navigation: registration, for visitors.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/register",
        label: crate::i18n::texts::layout::REGISTER,
        order: 30,
        shown_to: |r| r.is_none(),
    }
}
