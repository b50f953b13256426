//! The accepted layout of a site: parameters, aisles for drawing, and the bounds it reached.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "site_layouts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub site_id: i32,
    /// The layout parameters as JSON.
    #[sea_orm(column_type = "Text")]
    pub params: String,
    /// GeoJSON MultiPolygon of the aisles, WGS-84.
    #[sea_orm(column_type = "Text")]
    pub aisles: String,
    /// `plaza` or `street`.
    pub mode: String,
    pub orientation_deg: f64,
    pub usable_area_m2: f64,
    pub area_bound: i32,
    pub pattern_bound: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
