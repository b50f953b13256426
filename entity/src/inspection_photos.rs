//! A photo taken with an inspection: an image re-encoded without metadata, bytes included.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inspection_id: i32,
    /// `image/jpeg` or `image/png`, as found in the bytes.
    pub content_type: String,
    /// Size of the stored bytes.
    pub size_bytes: i64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
    /// The image re-encoded without EXIF (no phone position or model).
    #[sea_orm(column_type = "Blob")]
    pub data: Vec<u8>,
    pub uploaded_by: Option<i32>,
    pub uploaded_at: DateTimeUtc,
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
