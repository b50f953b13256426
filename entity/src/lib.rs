//! sea-orm entities of nightmarket: one module per table, models only, no logic.

pub mod audit_log;
pub mod idempotency_keys;
pub mod login_failures;
pub mod login_sessions;
pub mod manager_sites;
pub mod site_layouts;
pub mod sites;
pub mod stalls;
pub mod users;
pub mod vendors;
pub mod zones;
