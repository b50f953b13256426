//! A schedule rule: a segment of a market on a site on some weekdays of a season.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "market_schedules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub market_id: i32,
    pub site_id: i32,
    pub segment: String,
    /// JSON array of ISO weekdays, 1 = Monday.
    pub weekdays: String,
    pub date_from: Date,
    pub date_to: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
