//! A session: one market on one site on one business date in one segment, the unit that is booked.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "market_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub market_id: i32,
    pub site_id: i32,
    /// The local date on which the session opens.
    pub business_date: Date,
    pub segment: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// `scheduled` or `cancelled`.
    pub status: String,
    pub cancel_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
