//! Residents' complaints: a place and a time matched to the stall booked there then (the
//! nearest within 15 m during a session, half an hour either side), routed to the market's
//! managers, shown to the vendor without the contact, closed with an outcome that may record
//! an inspection; repeated complaints about one stall counted. After bookings in the order.

mod api;
pub mod handle;
pub mod locate;
mod pages;
pub mod submit;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::routes as page_routes;
