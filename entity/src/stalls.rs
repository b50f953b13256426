//! A stall slot inside a site, with a code like `WCL-A-012`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "stalls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    #[sea_orm(unique)]
    pub code: String,
    /// Row (0 = A) and 1-based position in the row, from the layout.
    pub row_index: i32,
    pub position: i32,
    /// GeoJSON Polygon, WGS-84.
    #[sea_orm(column_type = "Text")]
    pub polygon: String,
    pub width_m: f64,
    pub depth_m: f64,
    /// Compass direction the stall's front faces, degrees.
    pub facing_deg: f64,
    /// `active`, `disabled`, or `retired` (replaced by a new layout, kept for past bookings).
    pub status: String,
    pub power: bool,
    pub premium: bool,
    /// `food`, `smoky` or `other` when the stall lies in such a zone.
    pub zone: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
