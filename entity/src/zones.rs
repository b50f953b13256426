//! A zone inside a site: food, smoky, keep-clear, fire lane or other.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "zones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    pub name: String,
    pub kind: ZoneKind,
    /// GeoJSON geometry, WGS-84 (a fire lane drawn as a line is stored buffered).
    #[sea_orm(column_type = "Text")]
    pub boundary: String,
    /// Width of a zone drawn as a centre line.
    pub width_m: Option<f64>,
    pub area_m2: f64,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// What a zone is for.
    pub enum ZoneKind {
        /// Food stalls; stalls inside are tagged `food`.
        Food = "food",
        /// Smoky trades (grills) stand only here; stalls inside are tagged `smoky`.
        Smoky = "smoky",
        /// Kept clear: the layout puts no stall here.
        KeepClear = "keep_clear",
        /// A fire lane: the layout puts no stall here.
        FireLane = "fire_lane",
        /// Anything else.
        Other = "other",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The site the zone lies in.
    #[sea_orm(
        belongs_to = "super::sites::Entity",
        from = "Column::SiteId",
        to = "super::sites::Column::Id"
    )]
    Site,
}

impl Related<super::sites::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Site.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
