//! One run of the allocation engine over a market and date range, draft until published.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allocation_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub market_id: i32,
    pub date_from: Date,
    pub date_to: Date,
    /// The published seed of the lottery.
    pub seed: String,
    /// The policy as JSON, every knob spelled out.
    #[sea_orm(column_type = "Text")]
    pub policy: String,
    /// The engine input as JSON, enough to re-run the allocation.
    #[sea_orm(column_type = "Text")]
    pub input: String,
    /// SHA-256 hex of engine, input, policy and seed.
    pub input_hash: String,
    pub status: RunStatus,
    /// The engine's result as JSON: bookings, explanations, metrics, draw order, unplaced.
    #[sea_orm(column_type = "Text")]
    pub result: String,
    pub placed: i32,
    pub unplaced: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub published_by: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
}

crate::string_enum! {
    /// Whether a run's bookings were made.
    pub enum RunStatus {
        /// Computed, to be checked; nothing booked yet.
        Draft = "draft",
        /// Its bookings and waitlist were written.
        Published = "published",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
