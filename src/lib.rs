//! nightmarket: a county's night markets and convenience markets — sites as polygons divided
//! into stalls, vendor applications, per-segment sessions and bookings, fair allocation and
//! occupancy reports.
//!
//! `main.rs` is a thin command line over this library, so tests build the same application.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod app;
pub mod assets;
pub mod audit;
pub mod backup;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod config;
pub mod core_text;
pub mod db;
pub mod documents;
pub mod error;
pub mod errors_layer;
pub mod extract;
pub mod forwarded;
pub mod health;
pub mod home;
pub mod i18n;
pub mod idempotency;
pub mod identity;
pub mod mask;
pub mod openapi;
pub mod run_to_end;
pub mod seed;
pub mod serde_detail;
pub mod sites;
pub mod state;
pub mod telemetry;
pub mod vendors;
pub mod views;
pub mod web;

pub mod allocations;
pub mod applications;
pub mod bookings;
pub mod complaints;
pub mod conduct;
pub mod markets;
pub mod normalize;
pub mod notices;
pub mod permits;
pub mod public;
pub mod registry;
pub mod reports;
pub mod sales;
pub mod vendor_pages;

pub use app::router;
pub use state::AppState;
// The pure core keeps its old paths: `crate::geometry::…`, `nightmarket::layout::…`.
pub use nightmarket_core::{allocation, geometry, layout};
