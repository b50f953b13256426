//! A request an allocation could not grant, queued for freed stalls in draw order.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allocation_waitlist")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub allocation_id: i32,
    /// 1-based place in the waitlist: draw order, then session date.
    pub position: i32,
    pub application_id: i32,
    pub session_id: i32,
    /// The engine's reason code for not granting it.
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
