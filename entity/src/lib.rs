//! sea-orm entities of nightmarket: one module per table, models only, no logic.

pub mod allocation_runs;
pub mod allocation_waitlist;
pub mod applications;
pub mod audit_log;
pub mod booking_history;
pub mod bookings;
pub mod calendar_feeds;
pub mod complaints;
pub mod documents;
pub mod idempotency_keys;
pub mod inspection_items;
pub mod inspection_photos;
pub mod inspections;
pub mod login_failures;
pub mod login_sessions;
pub mod manager_markets;
pub mod manager_sites;
pub mod market_categories;
pub mod market_closures;
pub mod market_schedules;
pub mod market_segments;
pub mod market_sessions;
pub mod markets;
pub mod notices;
pub mod offers;
pub mod permits;
pub mod sales_reports;
pub mod season_offers;
pub mod site_layouts;
pub mod sites;
pub mod stalls;
pub mod types;
pub mod users;
pub mod vendors;
pub mod zones;

pub mod login_challenges;
pub mod user_totp;

// Issue 18, points 5 and 6: the gas and power register, the SMS outbox.
pub mod circuits;
pub mod gas_cylinders;
pub mod sms_outbox;
pub mod stall_circuits;
pub mod vendor_equipment;
