//! A resident's complaint with a place and a time, matched to the stall booked there then.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// WGS-84 position.
    pub lon: f64,
    pub lat: f64,
    /// The datum it was given in (`wgs84`, `gcj02`, `bd09`).
    pub source_crs: String,
    /// When it happened.
    pub at: DateTimeUtc,
    pub kind: ComplaintKind,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// The complainant's phone or name; never shown to the vendor.
    pub contact: Option<String>,
    /// The site the place lies in.
    pub site_id: i32,
    pub session_id: Option<i32>,
    pub stall_id: Option<i32>,
    pub vendor_id: Option<i32>,
    pub market_id: Option<i32>,
    pub status: ComplaintStatus,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    /// The inspection the outcome recorded, if any.
    pub inspection_id: Option<i32>,
    pub closed_by: Option<i32>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// What a complaint is about.
    pub enum ComplaintKind {
        Noise = "noise",
        Smoke = "smoke",
        Hygiene = "hygiene",
        Blocking = "blocking",
        Price = "price",
        Other = "other",
    }
}

crate::string_enum! {
    /// Whether a complaint is still being handled.
    pub enum ComplaintStatus {
        Open = "open",
        Closed = "closed",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
