//! A market closed for a date range with a reason (春节, weather, a town event), for all or
//! some segments and sites; its sessions were cancelled.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "market_closures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub market_id: i32,
    pub date_from: Date,
    pub date_to: Date,
    pub reason: String,
    /// The segments closed (a JSON array of names); `None` means every segment.
    pub segments: Option<String>,
    /// The sites closed (a JSON array of ids); `None` means every site.
    pub site_ids: Option<String>,
    pub sessions_cancelled: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The market closed.
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
