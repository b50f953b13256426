//! A waitlist offer: a freed stall-session offered to a waitlisted application until a deadline.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub stall_id: i32,
    pub application_id: i32,
    pub vendor_id: i32,
    pub status: OfferStatus,
    pub deadline: DateTimeUtc,
    pub booking_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

crate::string_enum! {
    /// Where a waitlist offer stands.
    pub enum OfferStatus {
        /// Open until its deadline.
        Pending = "pending",
        /// Taken: a booking was made.
        Accepted = "accepted",
        /// Turned down: it passed to the next in line.
        Declined = "declined",
        /// Not answered in time, or its session was called off.
        Expired = "expired",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The session offered.
    #[sea_orm(
        belongs_to = "super::market_sessions::Entity",
        from = "Column::SessionId",
        to = "super::market_sessions::Column::Id"
    )]
    Session,
    /// The stall offered.
    #[sea_orm(
        belongs_to = "super::stalls::Entity",
        from = "Column::StallId",
        to = "super::stalls::Column::Id"
    )]
    Stall,
    /// The waitlisted application.
    #[sea_orm(
        belongs_to = "super::applications::Entity",
        from = "Column::ApplicationId",
        to = "super::applications::Column::Id"
    )]
    Application,
    /// The vendor offered to.
    #[sea_orm(
        belongs_to = "super::vendors::Entity",
        from = "Column::VendorId",
        to = "super::vendors::Column::Id"
    )]
    Vendor,
}

impl Related<super::market_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl Related<super::stalls::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stall.def()
    }
}

impl Related<super::applications::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Application.def()
    }
}

impl Related<super::vendors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Vendor.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
