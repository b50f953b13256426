//! A vendor asks for a market, dates, weekdays, segments and stalls.

use sea_orm::entity::prelude::*;

pub use crate::types::{SegmentNames, StallCodes, Weekdays};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub vendor_id: i32,
    pub market_id: i32,
    pub date_from: Date,
    pub date_to: Date,
    /// ISO weekdays (a JSON array); empty = every day.
    pub weekdays: Weekdays,
    /// Segment names (a JSON array); empty = every segment.
    #[sea_orm(column_type = "Text")]
    pub segments: SegmentNames,
    pub category: String,
    pub needs_power: bool,
    /// Stall codes (a JSON array), most wanted first.
    #[sea_orm(column_type = "Text")]
    pub preferred_stalls: StallCodes,
    pub status: ApplicationStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        /// Waiting for a manager.
        Submitted = "submitted",
        /// Approved: its vendor may be placed in the sessions it covers.
        Approved = "approved",
        /// Approved if a stall frees up.
        Waitlisted = "waitlisted",
        /// Refused, with a reason.
        Rejected = "rejected",
        /// Taken back by the vendor.
        Withdrawn = "withdrawn",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The vendor applying.
    #[sea_orm(
        belongs_to = "super::vendors::Entity",
        from = "Column::VendorId",
        to = "super::vendors::Column::Id"
    )]
    Vendor,
    /// The market applied for.
    #[sea_orm(
        belongs_to = "super::markets::Entity",
        from = "Column::MarketId",
        to = "super::markets::Column::Id"
    )]
    Market,
}

impl Related<super::vendors::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Vendor.def()
    }
}

impl Related<super::markets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Market.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
