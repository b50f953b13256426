//! A session: one market on one site on one business date in one segment, the unit that is booked.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "market_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub market_id: i32,
    pub site_id: i32,
    /// The local date on which the session opens.
    pub business_date: Date,
    pub segment: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub created_at: DateTimeUtc,
    /// The stalls of its site active when it started, written before the first change to
    /// them after that; `None` until then (the stalls active now are its count).
    pub stall_slots: Option<i32>,
}

crate::string_enum! {
    /// Whether a session takes place.
    pub enum SessionStatus {
        /// It takes place as planned.
        Scheduled = "scheduled",
        /// Called off; its bookings were cancelled.
        Cancelled = "cancelled",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The market held.
    #[sea_orm(
        belongs_to = "super::markets::Entity",
        from = "Column::MarketId",
        to = "super::markets::Column::Id"
    )]
    Market,
    /// Where it is held.
    #[sea_orm(
        belongs_to = "super::sites::Entity",
        from = "Column::SiteId",
        to = "super::sites::Column::Id"
    )]
    Site,
    /// Its live bookings.
    #[sea_orm(has_many = "super::bookings::Entity")]
    Bookings,
}

impl Related<super::markets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Market.def()
    }
}

impl Related<super::sites::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Site.def()
    }
}

impl Related<super::bookings::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bookings.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
