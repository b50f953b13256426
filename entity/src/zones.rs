//! A zone inside a site: food, smoky, keep-clear, fire lane or other.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "zones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    pub name: String,
    /// `food`, `smoky`, `keep_clear`, `fire_lane` or `other`.
    pub kind: String,
    /// GeoJSON geometry, WGS-84 (a fire lane drawn as a line is stored buffered).
    #[sea_orm(column_type = "Text")]
    pub boundary: String,
    /// Width of a zone drawn as a centre line.
    pub width_m: Option<f64>,
    pub area_m2: f64,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
