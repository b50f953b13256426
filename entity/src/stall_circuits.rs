//! Which circuit feeds a stall (at most one a stall).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stall_circuits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub stall_id: i32,
    pub circuit_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
