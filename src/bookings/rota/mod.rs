//! Scheduling changes that touch bookings (issue 17): closures, ending or extending a schedule
//! row, cloning a season with next-season stall offers. They live here, under bookings, because
//! they cancel or place bookings through this feature's use cases; the markets service (before
//! bookings in the order) owns the rota, hours, timeline and the market pages, which reach
//! these by plain URLs and through the registry's market section.

mod api;
pub mod cancel_many;
pub mod closures;
mod pages;
pub mod row_change;
pub mod season;
mod season_application;

pub use api::routes as api_routes;
pub use pages::{routes as page_routes, vendor_home_section};
