//! A booking that was cancelled, kept for the record.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub booking_id: i32,
    pub session_id: i32,
    pub stall_id: i32,
    pub vendor_id: i32,
    pub application_id: Option<i32>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub booked_at: DateTimeUtc,
    pub reason: CancelReason,
    pub cancelled_by: Option<i32>,
    pub cancelled_at: DateTimeUtc,
}

crate::string_enum! {
    /// Why a booking was cancelled.
    pub enum CancelReason {
        /// A manager took it back.
        ByManager = "cancelled_by_manager",
        /// The vendor gave it up.
        ByVendor = "cancelled_by_vendor",
        /// Its session was called off.
        SessionCancelled = "session_cancelled",
        /// The vendor declared they cannot come (请假): freed and re-let, not a no-show.
        Absent = "absent",
        /// The vendor was suspended under the demerit rule for the night: freed and re-let.
        Suspended = "vendor_suspended",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The session it was for.
    #[sea_orm(
        belongs_to = "super::market_sessions::Entity",
        from = "Column::SessionId",
        to = "super::market_sessions::Column::Id"
    )]
    Session,
    /// Whose booking it was.
    #[sea_orm(
        belongs_to = "super::vendors::Entity",
        from = "Column::VendorId",
        to = "super::vendors::Column::Id"
    )]
    Vendor,
    /// The application it served.
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
