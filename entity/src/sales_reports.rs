//! A nightly sales report (营业额上报): one booking's sales, vouchers redeemed and helpers.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sales_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The booking reported on (one report each; the booking may be cancelled later).
    #[sea_orm(unique)]
    pub booking_id: i32,
    pub session_id: i32,
    pub vendor_id: i32,
    /// The booking's application, for its trade category.
    pub application_id: Option<i32>,
    /// Sales in fen.
    pub sales_fen: i64,
    /// Consumption vouchers redeemed (消费券核销), in fen.
    pub voucher_fen: i64,
    /// Helpers who worked the stall that night (0–20).
    pub helpers: i32,
    /// The night is far above the vendor's usual (flagged for the manager, still counted).
    pub flagged: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_by: Option<i32>,
    pub updated_at: Option<DateTimeUtc>,
}

crate::string_enum! {
    /// Whether a market's vendors must report each night's sales.
    pub enum SalesReporting {
        /// Vendors may report; nobody is reminded.
        Optional = "optional",
        /// Vendors are expected to report; a reminder follows a missing report.
        Required = "required",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
