//! The one integration-test binary. Every test gets a fresh database: SQLite by default,
//! PostgreSQL when `TEST_DATABASE_URL` is set.

mod support;

mod accounts;
mod allocation;
mod applications;
mod bookings;
mod browser;
mod cli;
mod concurrency;
mod faults;
mod idempotency;
mod market_fixtures;
mod market_pages;
mod markets;
mod pages;
mod processes;
mod reports;
mod roles;
mod sites;
mod vendor_pages;
mod vendors;
