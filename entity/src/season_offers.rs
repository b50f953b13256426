//! A next-season offer: last season's vendor is offered the same stall in the cloned market
//! first, until a deadline; accepting books that stall in the new season's sessions.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "season_offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The new season's market.
    pub market_id: i32,
    /// Last season's market.
    pub source_market_id: i32,
    pub vendor_id: i32,
    pub stall_id: i32,
    pub status: SeasonOfferStatus,
    pub deadline: DateTimeUtc,
    /// Sessions booked when accepted.
    pub sessions_booked: i32,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

crate::string_enum! {
    /// Where a next-season offer stands.
    pub enum SeasonOfferStatus {
        /// Waiting for the vendor.
        Pending = "pending",
        /// The vendor took the stall for the new season.
        Accepted = "accepted",
        /// The vendor said no.
        Declined = "declined",
        /// The deadline passed.
        Expired = "expired",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The new season's market.
    #[sea_orm(
        belongs_to = "super::markets::Entity",
        from = "Column::MarketId",
        to = "super::markets::Column::Id"
    )]
    Market,
}

impl Related<super::markets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Market.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
