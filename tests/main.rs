//! The one integration-test binary. Every test gets a fresh database: SQLite by default,
//! PostgreSQL when `TEST_DATABASE_URL` is set.

mod support;

mod accounts;
mod allocation;
mod allocation_optimum;
mod allocation_publish;
mod applications;
mod architecture;
mod booking_moves;
mod bookings;
mod bookings_segments;
mod browser;
mod cli;
mod concurrency;
mod core_purity;
mod demo_seed;
mod documents;
mod failures;
mod faults;
mod figures_open;
mod figures_reports;
mod figures_sales;
mod idempotency;
mod market_fixtures;
mod market_pages;
mod markets;
mod object_access;
mod openapi;
mod pages;
mod paging;
mod plan_cache;
mod processes;
mod report_digests;
mod reports;
mod roles;
mod sites;
mod state_machine;
mod throttling;
mod totp;
mod typed_states;
mod vendor_pages;
mod vendors;
