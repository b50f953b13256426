//! A booking that was cancelled, kept for the record.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub booking_id: i32,
    pub session_id: i32,
    pub stall_id: i32,
    pub vendor_id: i32,
    pub application_id: Option<i32>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub booked_at: DateTimeUtc,
    /// `cancelled_by_manager`, `cancelled_by_vendor` or `session_cancelled`.
    pub reason: String,
    pub cancelled_by: Option<i32>,
    pub cancelled_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
