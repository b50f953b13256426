//! Conduct on the market night: attendance counters and the market's attendance rule, the
//! published inspection catalogue, inspections with demerit points over a rolling 12 months
//! (warning at 6, suspension at 12), appeals, and the suspension check that applications,
//! bookings, candidates and allocation runs call ([`demerits::is_suspended`]; for many vendors
//! at once [`demerits::suspensions_among`]); points and suspensions follow the person, every
//! profile with the same ID number (`people`). Reads the bookings tables through the entities
//! only, so it sits before applications and bookings.

mod api;
mod appeal_context;
mod appeal_decision;
pub mod attendance;
pub mod catalogue;
pub mod demerits;
mod detail_api;
pub mod inspect;
mod inspect_page;
mod pages;
mod people;
pub mod photos;
pub mod rule;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::require_vendor_reader;
pub use api::routes as api_routes;
pub use pages::routes as page_routes;
pub use pages::{market_section, vendor_home_section};

/// The longest suspension period a market may set, in days.
pub const MAX_SUSPENSION_DAYS: i32 = 365;
