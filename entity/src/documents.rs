//! A vendor's uploaded document (priority-group proof or health certificate), bytes included.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    /// Random URL-safe id (128 bits); never derived from the upload's name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub vendor_id: i32,
    /// `health_cert` or a priority group code (`dibao`, `disabled`, `veteran`, `returnee`, `local`).
    pub kind: String,
    /// `image/jpeg`, `image/png` or `application/pdf`, as found in the bytes.
    pub content_type: String,
    /// The name the vendor's phone gave the file, for their own list only.
    pub original_name: Option<String>,
    /// Size of the stored bytes.
    pub size_bytes: i64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
    /// Images re-encoded without metadata; PDFs as uploaded.
    #[sea_orm(column_type = "Blob")]
    pub data: Vec<u8>,
    pub uploaded_by: Option<i32>,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
