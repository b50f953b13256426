//! A market site: a WGS-84 polygon stored as GeoJSON with cached bbox and centroid.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sites")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub kind: SiteKind,
    /// GeoJSON geometry (Polygon or MultiPolygon), WGS-84 lon/lat.
    #[sea_orm(column_type = "Text")]
    pub boundary: String,
    /// The coordinate system the boundary was drawn in: `wgs84`, `gcj02` or `bd09`.
    pub source_crs: String,
    pub area_m2: f64,
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
    pub centroid_lon: f64,
    pub centroid_lat: f64,
    pub note: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// The shape of place a site is.
    pub enum SiteKind {
        /// A street: stalls in rows along it.
        Street = "street",
        /// A plaza: stalls in blocks with aisles.
        Plaza = "plaza",
        /// Anything else.
        Other = "other",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Its stalls, retired ones included.
    #[sea_orm(has_many = "super::stalls::Entity")]
    Stalls,
    /// Its zones.
    #[sea_orm(has_many = "super::zones::Entity")]
    Zones,
}

impl Related<super::stalls::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stalls.def()
    }
}

impl Related<super::zones::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Zones.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
