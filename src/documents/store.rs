//! Document queries and the one rule of who may see a vendor's documents.

use crate::error::AppResult;
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use chrono::{DateTime, Utc};
use entity::{applications, documents};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

/// A document without its bytes, as lists and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentInfo {
    /// Random id.
    pub id: String,
    /// The vendor it belongs to.
    pub vendor_id: i32,
    /// `health_cert`, `dibao`, `disabled`, `veteran`, `returnee` or `local`.
    pub kind: String,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub content_type: String,
    /// The file name the upload carried (shown to the vendor; never used to store or serve).
    pub original_name: Option<String>,
    /// Stored size in bytes.
    pub size_bytes: i64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
    /// When it was uploaded (RFC 3339).
    pub uploaded_at: DateTime<Utc>,
}

impl DocumentInfo {
    /// The description as `reader` may read it: the file's name from the phone is the
    /// vendor's own (it may say more than the kind, 残疾证.png); others see the kind alone.
    pub fn for_reader(mut self, reader: &CurrentUser) -> DocumentInfo {
        if reader.vendor_id != Some(self.vendor_id) {
            self.original_name = None;
        }
        self
    }
}

/// A vendor's documents as `reader` may read them ([`DocumentInfo::for_reader`]).
pub async fn list_for_reader(
    db: &impl ConnectionTrait,
    reader: &CurrentUser,
    vendor_id: i32,
) -> AppResult<Vec<DocumentInfo>> {
    Ok(list_for_vendor(db, vendor_id)
        .await?
        .into_iter()
        .map(|d| d.for_reader(reader))
        .collect())
}

type InfoRow = (
    String,
    i32,
    String,
    String,
    Option<String>,
    i64,
    String,
    DateTime<Utc>,
);

fn info_columns() -> sea_orm::Select<documents::Entity> {
    use documents::Column as C;
    documents::Entity::find().select_only().columns([
        C::Id,
        C::VendorId,
        C::Kind,
        C::ContentType,
        C::OriginalName,
        C::SizeBytes,
        C::Sha256,
        C::UploadedAt,
    ])
}

fn info(row: InfoRow) -> DocumentInfo {
    let (id, vendor_id, kind, content_type, original_name, size_bytes, sha256, uploaded_at) = row;
    DocumentInfo {
        id,
        vendor_id,
        kind,
        content_type,
        original_name,
        size_bytes,
        sha256,
        uploaded_at,
    }
}

/// A vendor's documents, newest first, without their bytes.
pub async fn list_for_vendor(
    db: &impl ConnectionTrait,
    vendor_id: i32,
) -> AppResult<Vec<DocumentInfo>> {
    let rows: Vec<InfoRow> = info_columns()
        .filter(documents::Column::VendorId.eq(vendor_id))
        .order_by_desc(documents::Column::UploadedAt)
        .order_by_asc(documents::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(info).collect())
}

/// One document's description, without its bytes.
pub async fn find_info(db: &impl ConnectionTrait, id: &str) -> AppResult<Option<DocumentInfo>> {
    let row: Option<InfoRow> = info_columns()
        .filter(documents::Column::Id.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(info))
}

/// One document with its bytes.
pub async fn find(db: &impl ConnectionTrait, id: &str) -> AppResult<Option<documents::Model>> {
    Ok(documents::Entity::find_by_id(id.to_owned()).one(db).await?)
}

/// How many documents a vendor has.
pub async fn count_for_vendor(db: &impl ConnectionTrait, vendor_id: i32) -> AppResult<u64> {
    Ok(documents::Entity::find()
        .filter(documents::Column::VendorId.eq(vendor_id))
        .count(db)
        .await?)
}

/// Whether `user` may see `vendor_id`'s documents: the vendor, admins, and managers of a
/// market the vendor applied to. A booking does not count: a manager can place any vendor
/// as a walk-up, and that must not open their certificates. Everyone else (the bureau too,
/// by DESIGN.md §4) is answered as if the documents did not exist.
pub async fn may_see(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    vendor_id: i32,
) -> AppResult<bool> {
    match user.role {
        Role::Vendor => Ok(user.vendor_id == Some(vendor_id)),
        Role::Admin => Ok(true),
        Role::Bureau => Ok(false),
        Role::Manager => {
            let markets = access::managed_markets(db, user).await?.unwrap_or_default();
            if markets.is_empty() {
                return Ok(false);
            }
            let applied = applications::Entity::find()
                .filter(applications::Column::VendorId.eq(vendor_id))
                .filter(applications::Column::MarketId.is_in(markets))
                .count(db)
                .await?;
            Ok(applied > 0)
        }
    }
}
