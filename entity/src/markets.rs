//! A market: an operation with segments, categories and a schedule (fixed or mobile).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "markets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub kind: MarketKind,
    /// Vendors may book stalls themselves (first come, first served).
    pub self_select: bool,
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
