//! A stall slot inside a site, with a code like `WCL-A-012`.

use sea_orm::entity::prelude::*;

pub use crate::zones::ZoneKind;

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
    pub status: StallStatus,
    pub power: bool,
    pub premium: bool,
    /// The kind of zone the stall lies in (`food`, `smoky`; `other` set by hand), if any.
    pub zone: Option<ZoneKind>,
    /// Drawn or fixed by hand: a new layout keeps its id, code and polygon and fills around it.
    pub locked: bool,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// Whether a stall can be booked.
    pub enum StallStatus {
        /// Bookable.
        Active = "active",
        /// Taken out of use by a manager for now.
        Disabled = "disabled",
        /// Replaced by a new layout, kept for past bookings.
        Retired = "retired",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The site the stall lies in.
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
