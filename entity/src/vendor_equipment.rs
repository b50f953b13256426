//! What a vendor declared they plug in: the sum of their appliances' watts (one row a vendor).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vendor_equipment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub vendor_id: i32,
    /// Watts of every appliance together (0: none).
    pub appliances_w: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
