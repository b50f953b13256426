//! A vendor asks for a market, dates, weekdays, segments and stalls.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub vendor_id: i32,
    pub market_id: i32,
    pub date_from: Date,
    pub date_to: Date,
    /// JSON array of ISO weekdays; empty = every day.
    pub weekdays: String,
    /// JSON array of segment names; empty = every segment.
    #[sea_orm(column_type = "Text")]
    pub segments: String,
    pub category: String,
    pub needs_power: bool,
    /// JSON array of stall codes, most wanted first.
    #[sea_orm(column_type = "Text")]
    pub preferred_stalls: String,
    /// `submitted`, `approved`, `waitlisted`, `rejected` or `withdrawn`.
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
