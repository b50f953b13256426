//! A waitlist offer: a freed stall-session offered to a waitlisted application until a deadline.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub stall_id: i32,
    pub application_id: i32,
    pub vendor_id: i32,
    /// `pending`, `accepted`, `declined` or `expired`.
    pub status: String,
    pub deadline: DateTimeUtc,
    pub booking_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
