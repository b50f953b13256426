//! Storing an upload (one transaction: count, insert, audit) and serving a stored document.
//! Shared by the JSON API and the profile page. A refused file writes nothing.

use super::content::{self, FileType, Refusal};
use super::store::{self, DocumentInfo};
use super::{MAX_PER_VENDOR, find_kind};
use crate::audit::{self, Change};
use crate::db::begin_write;
use crate::error::AppError;
use crate::i18n::{Lang, texts::documents as t};
use crate::identity::CurrentUser;
use axum::Json;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use entity::documents;
use http::{HeaderValue, StatusCode, header};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Why an upload failed. A file over the limit is a 413 with its own message (the
/// generic "body too large" would not tell a vendor what to do); the rest are [`AppError`]s.
#[derive(Debug)]
pub enum Failure {
    /// Over 5 MiB (or a body over the upload limit).
    TooLarge,
    /// Anything else.
    App(AppError),
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Failure::App(e)
    }
}

impl From<sea_orm::DbErr> for Failure {
    fn from(e: sea_orm::DbErr) -> Self {
        Failure::App(e.into())
    }
}

impl Failure {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::TooLarge => t::FILE_TOO_LARGE.get(lang).to_owned(),
            Failure::App(e) => e.message(lang),
        }
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::App(e) => e.status(),
        }
    }

    /// The API's answer: the JSON envelope of API.md.
    pub fn into_api_response(self, lang: Lang) -> Response {
        match self {
            Failure::TooLarge => too_large_json(lang),
            Failure::App(e) => e.into_response(),
        }
    }
}

/// 413 `file_too_large` as the JSON envelope.
pub fn too_large_json(lang: Lang) -> Response {
    let body = json!({"error": {"code": "file_too_large", "message": t::FILE_TOO_LARGE.get(lang), "field": "file"}});
    (StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response()
}

/// What arrived, before any check.
#[derive(Debug)]
pub struct Incoming<'a> {
    /// The vendor it is for.
    pub vendor_id: i32,
    /// The kind code as sent.
    pub kind: &'a str,
    /// The file name the client sent, if any.
    pub original_name: Option<&'a str>,
    /// The bytes.
    pub bytes: &'a [u8],
}

/// Keeps a file name for display only: no path, no control characters, at most 100 characters.
fn display_name(name: Option<&str>) -> Option<String> {
    let base = name?.rsplit(['/', '\\']).next()?.trim();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(100).collect();
    (!clean.is_empty()).then_some(clean)
}

/// The answer to a refused file: 413 when too large, else a 422 naming what is wrong.
pub fn refusal(r: Refusal) -> Failure {
    match r {
        Refusal::TooLarge => Failure::TooLarge,
        Refusal::Empty => Failure::App(AppError::invalid("file_missing", "file", t::FILE_EMPTY)),
        Refusal::WrongType => Failure::App(AppError::invalid(
            "unsupported_file_type",
            "file",
            t::FILE_WRONG_TYPE,
        )),
        Refusal::Unreadable => Failure::App(AppError::invalid(
            "unreadable_image",
            "file",
            t::FILE_UNREADABLE,
        )),
    }
}

/// Checks and stores one upload by `user` (who must be the vendor); audited.
pub async fn save(
    db: &DatabaseConnection,
    user: &CurrentUser,
    incoming: Incoming<'_>,
) -> Result<DocumentInfo, Failure> {
    let kind = find_kind(incoming.kind)
        .ok_or_else(|| AppError::invalid("invalid_document_kind", "kind", t::KIND_UNKNOWN))?;
    // Decoding a large photo takes a moment of CPU: off the async runtime.
    let bytes = incoming.bytes.to_vec();
    let cleaned = tokio::task::spawn_blocking(move || content::clean(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(refusal)?;
    let sha256 = sha256_hex(&cleaned.bytes);
    let txn = begin_write(db).await?;
    if store::count_for_vendor(&txn, incoming.vendor_id).await? >= MAX_PER_VENDOR {
        return Err(AppError::conflict("too_many_documents", t::TOO_MANY).into());
    }
    let row = documents::ActiveModel {
        id: Set(crate::web::random_token(16)),
        vendor_id: Set(incoming.vendor_id),
        kind: Set(kind.code.to_owned()),
        content_type: Set(cleaned.file_type.mime().to_owned()),
        original_name: Set(display_name(incoming.original_name)),
        size_bytes: Set(cleaned.bytes.len() as i64),
        sha256: Set(sha256),
        data: Set(cleaned.bytes),
        uploaded_by: Set(Some(user.id)),
        uploaded_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let info = DocumentInfo {
        id: row.id,
        vendor_id: row.vendor_id,
        kind: row.kind,
        content_type: row.content_type,
        original_name: row.original_name,
        size_bytes: row.size_bytes,
        sha256: row.sha256,
        uploaded_at: row.uploaded_at,
    };
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "document",
            entity_id: Some(info.vendor_id),
            action: "upload",
            before: None,
            after: Some(audit_view(&info)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(info)
}

/// A document as the audit log keeps it: what and which, never the bytes or the file name.
fn audit_view(d: &DocumentInfo) -> serde_json::Value {
    json!({
        "document_id": d.id,
        "vendor_id": d.vendor_id,
        "kind": d.kind,
        "content_type": d.content_type,
        "size_bytes": d.size_bytes,
        "sha256": d.sha256,
    })
}

/// Deletes a document: its vendor, or an admin. Those who may see it but not delete it (a
/// manager) get 403; anyone else 404. Audited.
pub async fn delete(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: &str,
) -> Result<i32, AppError> {
    let txn = begin_write(db).await?;
    let info = store::find_info(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::may_see(&txn, user, info.vendor_id).await? {
        return Err(AppError::NotFound);
    }
    let own = user.vendor_id == Some(info.vendor_id);
    if !own && user.role != crate::identity::Role::Admin {
        return Err(AppError::Forbidden);
    }
    documents::Entity::delete_by_id(id.to_owned())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "document",
            entity_id: Some(info.vendor_id),
            action: "delete",
            before: Some(audit_view(&info)),
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(info.vendor_id)
}

/// The stored bytes as a download for someone allowed to see them (404 for anyone else):
/// always an attachment, never sniffed, never cached.
pub async fn download(
    db: &DatabaseConnection,
    user: &CurrentUser,
    id: &str,
) -> Result<Response, AppError> {
    let doc = store::find(db, id).await?.ok_or(AppError::NotFound)?;
    if !store::may_see(db, user, doc.vendor_id).await? {
        return Err(AppError::NotFound);
    }
    // The name is ours (kind and vendor), so no header injection and no personal file name.
    let stem = format!("{}-{}", doc.kind, doc.vendor_id);
    Ok(stored_file(
        doc.data,
        &doc.content_type,
        Disposition::Attachment,
        &stem,
    ))
}

/// How a stored file is handed to the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown in place (a photo in a page).
    Inline,
    /// Saved as a file.
    Attachment,
}

/// A stored upload as a response: its checked type, a file name made of `stem` (ours, never
/// the uploader's) and the type's extension, never sniffed, never cached, and sandboxed — a
/// PDF or image opened in a tab runs in our origin's sandbox at most.
pub fn stored_file(data: Vec<u8>, content_type: &str, how: Disposition, stem: &str) -> Response {
    let ext = FileType::from_mime(content_type).map_or("bin", FileType::extension);
    let how = match how {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let disposition = format!("{how}; filename=\"{stem}.{ext}\"");
    let mut response = Response::new(Body::from(data));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static(how)),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}

/// Whether a multipart error comes from the body limit somewhere down its chain of causes
/// (one body frame larger than the limit surfaces as a stream error, not as a 413).
fn over_body_limit(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(err) = cause {
        if err.is::<http_body_util::LengthLimitError>()
            || err.to_string().contains("length limit exceeded")
        {
            return true;
        }
        cause = err.source();
    }
    false
}

/// The answer to a multipart form that could not be read: too large (the body limit), or
/// a broken form.
pub fn multipart_failure(e: axum::extract::multipart::MultipartError) -> Failure {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE || over_body_limit(&e) {
        Failure::TooLarge
    } else {
        Failure::App(AppError::bad_request(
            "bad_form",
            crate::i18n::texts::errors::BAD_REQUEST,
        ))
    }
}

/// SHA-256 of `bytes`, hex: how a stored file is fingerprinted.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::display_name;

    #[test]
    fn a_file_name_is_kept_without_its_path_or_control_characters() {
        assert_eq!(
            display_name(Some("C:\\Users\\me\\健康证.jpg")).as_deref(),
            Some("健康证.jpg")
        );
        assert_eq!(
            display_name(Some("../../etc/pass\nwd")).as_deref(),
            Some("passwd")
        );
        assert_eq!(display_name(Some("  ")), None);
        assert_eq!(display_name(None), None);
    }
}
