//! A market: an operation with segments, categories and a schedule (fixed or mobile).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "markets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub kind: MarketKind,
    /// Vendors may book stalls themselves (first come, first served).
    pub self_select: bool,
    /// The attendance rule: the least share of due nights attended (0–1) …
    pub attendance_min_rate: f64,
    /// … over this many days back.
    pub attendance_window_days: i32,
    /// How long a vendor reaching 12 demerit points here is suspended, in days.
    pub suspension_days: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    /// Whether vendors must report each night's sales (a reminder follows a missing one).
    pub sales_reporting: super::sales_reports::SalesReporting,
}

crate::string_enum! {
    /// Whether a market stays on one site.
    pub enum MarketKind {
        /// Always on the same site.
        Fixed = "fixed",
        /// Its sessions move between sites.
        Mobile = "mobile",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Its sessions.
    #[sea_orm(has_many = "super::market_sessions::Entity")]
    Sessions,
    /// Its daily time windows.
    #[sea_orm(has_many = "super::market_segments::Entity")]
    Segments,
}

impl Related<super::market_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Sessions.def()
    }
}

impl Related<super::market_segments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Segments.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
