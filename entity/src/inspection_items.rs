//! One catalogue item of an inspection, with the points it carried when recorded.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inspection_id: i32,
    /// The catalogue code (`smoke`, `noise`, …).
    pub code: String,
    pub points: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The inspection it belongs to.
    #[sea_orm(
        belongs_to = "super::inspections::Entity",
        from = "Column::InspectionId",
        to = "super::inspections::Column::Id"
    )]
    Inspection,
}

impl Related<super::inspections::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Inspection.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
