//! Inspection photos: taken with the inspection form on the manager's phone, checked by the
//! upload rules of documents (type from the bytes, 5 MiB a file, images decoded and encoded
//! afresh without EXIF; a PDF is no photo), at most three per inspection, written in the
//! inspection's own transaction, and served only to those who may see the inspection: its
//! vendor, managers of its market, the bureau and admins.

use super::inspect;
use crate::documents::content::{self, FileType, Refusal};
use crate::documents::upload::{self, Disposition, Failure, refusal, sha256_hex};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::night as t;
use crate::identity::CurrentUser;
use axum::response::Response;
use chrono::Utc;
use entity::inspection_photos;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;

/// Most photos one inspection keeps: enough to show a fault, small enough for one request.
pub const MAX_PHOTOS: usize = crate::documents::PHOTOS_PER_FORM;

/// A photo that passed the checks, ready to store.
#[derive(Debug)]
pub struct Photo {
    content_type: &'static str,
    bytes: Vec<u8>,
    sha256: String,
}

/// Checks the photos as they arrived (none is fine); the first refusal is the answer and
/// nothing is stored.
pub async fn check(raw: Vec<Vec<u8>>) -> Result<Vec<Photo>, Failure> {
    if raw.len() > MAX_PHOTOS {
        return Err(AppError::invalid(
            "too_many_photos",
            "photos",
            crate::i18n::Msg::with("night-too-many-photos", [("max", MAX_PHOTOS.into())]),
        )
        .into());
    }
    let mut out = Vec::with_capacity(raw.len());
    for bytes in raw {
        // Decoding a phone photo takes a moment of CPU: off the async runtime.
        let not_image = || -> Failure {
            AppError::invalid("unsupported_file_type", "photos", t::PHOTO_NOT_IMAGE).into()
        };
        let cleaned = match tokio::task::spawn_blocking(move || content::clean(&bytes))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
        {
            // The documents' wording offers PDFs too; a photo must be a picture.
            Err(Refusal::WrongType) => return Err(not_image()),
            Err(r) => return Err(refusal(r)),
            Ok(c) if c.file_type == FileType::Pdf => return Err(not_image()),
            Ok(c) => c,
        };
        out.push(Photo {
            content_type: cleaned.file_type.mime(),
            sha256: sha256_hex(&cleaned.bytes),
            bytes: cleaned.bytes,
        });
    }
    Ok(out)
}

impl Photo {
    /// Its fingerprint, for the audit row.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
}

/// Stores the photos of a new inspection (inside its transaction).
pub async fn insert(
    txn: &impl ConnectionTrait,
    inspection_id: i32,
    user_id: i32,
    photos: Vec<Photo>,
) -> AppResult<()> {
    if photos.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    inspection_photos::Entity::insert_many(photos.into_iter().map(|p| {
        inspection_photos::ActiveModel {
            inspection_id: Set(inspection_id),
            content_type: Set(p.content_type.to_owned()),
            size_bytes: Set(p.bytes.len() as i64),
            sha256: Set(p.sha256),
            data: Set(p.bytes),
            uploaded_by: Set(Some(user_id)),
            uploaded_at: Set(now),
            ..Default::default()
        }
    }))
    .exec(txn)
    .await?;
    Ok(())
}

/// A stored photo without its bytes.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PhotoInfo {
    /// Id.
    pub id: i32,
    /// `image/jpeg` or `image/png`.
    pub content_type: String,
    /// Stored size in bytes.
    pub size_bytes: i64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
    /// Where the image is served (to those who may see the inspection).
    pub url: String,
}

/// The photos of some inspections, by inspection, in the order they were taken.
pub async fn of_inspections(
    db: &impl ConnectionTrait,
    inspection_ids: &[i32],
) -> AppResult<HashMap<i32, Vec<PhotoInfo>>> {
    use inspection_photos::Column as C;
    let rows: Vec<(i32, i32, String, i64, String)> = inspection_photos::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::InspectionId,
            C::ContentType,
            C::SizeBytes,
            C::Sha256,
        ])
        .filter(C::InspectionId.is_in(inspection_ids.iter().copied()))
        .order_by_asc(C::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<PhotoInfo>> = HashMap::new();
    for (id, inspection_id, content_type, size_bytes, sha256) in rows {
        out.entry(inspection_id).or_default().push(PhotoInfo {
            id,
            content_type,
            size_bytes,
            sha256,
            url: format!("/api/v1/inspections/{inspection_id}/photos/{id}"),
        });
    }
    Ok(out)
}

/// The image itself, for those who may see its inspection (404 for anyone else): shown in
/// place, never sniffed, never cached, sandboxed.
pub async fn serve(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    inspection_id: i32,
    photo_id: i32,
) -> AppResult<Response> {
    let inspection = inspect::visible(db, user, inspection_id).await?;
    let photo = inspection_photos::Entity::find_by_id(photo_id)
        .filter(inspection_photos::Column::InspectionId.eq(inspection.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let stem = format!("inspection-{}-{}", inspection.id, photo.id);
    Ok(upload::stored_file(
        photo.data,
        &photo.content_type,
        Disposition::Inline,
        &stem,
    ))
}
