//! A live booking: vendor × stall × session (unique per stall-session and vendor-session).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub stall_id: i32,
    pub vendor_id: i32,
    pub application_id: Option<i32>,
    pub status: BookingStatus,
    pub checked_in_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// Whether the vendor has arrived.
    pub enum BookingStatus {
        /// Booked, not yet there.
        Booked = "booked",
        /// Checked in on the night.
        CheckedIn = "checked_in",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The session booked.
    #[sea_orm(
        belongs_to = "super::market_sessions::Entity",
        from = "Column::SessionId",
        to = "super::market_sessions::Column::Id"
    )]
    Session,
    /// The stall booked.
    #[sea_orm(
        belongs_to = "super::stalls::Entity",
        from = "Column::StallId",
        to = "super::stalls::Column::Id"
    )]
    Stall,
    /// Whose booking it is.
    #[sea_orm(
        belongs_to = "super::vendors::Entity",
        from = "Column::VendorId",
        to = "super::vendors::Column::Id"
    )]
    Vendor,
    /// The application it serves.
    #[sea_orm(
        belongs_to = "super::applications::Entity",
        from = "Column::ApplicationId",
        to = "super::applications::Column::Id"
    )]
    Application,
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

impl Related<super::vendors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Vendor.def()
    }
}

impl Related<super::applications::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Application.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
