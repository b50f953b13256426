//! A gas cylinder a vendor declared, with the date its inspection is valid until.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gas_cylinders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub vendor_id: i32,
    /// The cylinder's serial (钢印号), unique per vendor.
    pub serial: String,
    /// The last day its inspection covers.
    pub inspected_until: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
