//! Occupancy reports for the bureau: the API (JSON, CSV, Excel), the `/reports` dashboard
//! with its charts, and the queries behind both.

pub mod api;
mod charts;
pub mod dashboard;
pub mod digest;
pub mod export;
pub mod occupancy;
pub mod page;
pub mod params;
pub mod sql;
