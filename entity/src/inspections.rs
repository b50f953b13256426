//! A manager's inspection of a booked stall in a session: catalogue items with demerit
//! points (in `inspection_items`), and the vendor's one appeal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub stall_id: i32,
    pub vendor_id: i32,
    pub market_id: i32,
    pub booking_id: i32,
    /// The session's business date: the points count from it for 12 months.
    pub business_date: Date,
    pub status: InspectionStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub appeal_text: Option<String>,
    pub appeal_status: Option<AppealStatus>,
    pub appealed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// Whether an inspection's points count.
    pub enum InspectionStatus {
        /// Its points count.
        Active = "active",
        /// Cancelled on appeal: its points are removed.
        Cancelled = "cancelled",
    }
}

crate::string_enum! {
    /// Where a vendor's appeal stands.
    pub enum AppealStatus {
        /// Waiting for a manager's decision.
        Pending = "pending",
        /// The manager kept the points.
        Upheld = "upheld",
        /// The manager cancelled the inspection.
        Cancelled = "cancelled",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Its items.
    #[sea_orm(has_many = "super::inspection_items::Entity")]
    Items,
    /// Its photos.
    #[sea_orm(has_many = "super::inspection_photos::Entity")]
    Photos,
}

impl Related<super::inspection_items::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Items.def()
    }
}

impl Related<super::inspection_photos::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Photos.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
