//! Database migrations of nightmarket, shared by SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_accounts;
mod m20261127_000002_sites;
mod m20261127_000003_stalls;
mod m20261127_000004_markets;
mod m20261127_000010_idempotency;
mod m20261127_000011_audit_chain;
mod m20261127_000020_allocations;
mod m20261127_000030_report_indexes;
mod m20261127_000040_vendor_pages;
mod m20261127_000050_documents;
mod m20261127_000060_totp;
mod m20261127_000080_session_digests;
mod m20261127_000090_revisions;
mod m20261202_000100_login_failure_address;
mod m20261202_000110_notice_messages;
mod m20261203_000100_stall_locked;
mod m20261203_000501_market_closures;
mod m20261203_000601_market_night;
mod m20261203_000602_inspection_photos;
mod m20261203_000700_power_register;
mod m20261203_000710_sms_outbox;
mod m20261203_000801_sales_reports;
mod m20261203_000900_session_overlap_window;
mod m20261204_001000_stall_revisions_per_statement;
mod m20261204_001100_child_key_indexes;
mod m20261206_001200_session_stall_slots;

/// Every migration in the order it is applied.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_accounts::Migration),
            Box::new(m20261127_000002_sites::Migration),
            Box::new(m20261127_000003_stalls::Migration),
            Box::new(m20261127_000004_markets::Migration),
            Box::new(m20261127_000010_idempotency::Migration),
            Box::new(m20261127_000011_audit_chain::Migration),
            Box::new(m20261127_000020_allocations::Migration),
            Box::new(m20261127_000030_report_indexes::Migration),
            Box::new(m20261127_000040_vendor_pages::Migration),
            Box::new(m20261127_000050_documents::Migration),
            Box::new(m20261127_000060_totp::Migration),
            Box::new(m20261127_000080_session_digests::Migration),
            Box::new(m20261127_000090_revisions::Migration),
            Box::new(m20261202_000100_login_failure_address::Migration),
            Box::new(m20261202_000110_notice_messages::Migration),
            Box::new(m20261203_000100_stall_locked::Migration),
            Box::new(m20261203_000501_market_closures::Migration),
            Box::new(m20261203_000601_market_night::Migration),
            Box::new(m20261203_000602_inspection_photos::Migration),
            Box::new(m20261203_000700_power_register::Migration),
            Box::new(m20261203_000710_sms_outbox::Migration),
            Box::new(m20261203_000801_sales_reports::Migration),
            Box::new(m20261203_000900_session_overlap_window::Migration),
            Box::new(m20261204_001000_stall_revisions_per_statement::Migration),
            Box::new(m20261204_001100_child_key_indexes::Migration),
            Box::new(m20261206_001200_session_stall_slots::Migration),
        ]
    }
}
