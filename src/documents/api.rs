//! `POST /api/v1/vendors/{id}/documents`, `GET /api/v1/vendors/{id}/documents`,
//! `GET /api/v1/documents/{id}`, `DELETE /api/v1/documents/{id}`.
//!
//! The upload is JSON with the file in Base64, not multipart: the API accepts only JSON
//! (API.md), which is what keeps cross-site forms out of it. The profile page takes multipart.

use super::store::{self, DocumentInfo};
use super::upload::{self, Failure, Incoming};
use crate::api::List;
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::i18n::{Lang, texts::documents as t};
use crate::identity::{Auth, Role};
use crate::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The document routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_document, vendor_documents))
        .routes(routes!(get_document, delete_document))
}

/// An upload.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewDocument {
    /// `health_cert`, `dibao`, `disabled`, `veteran`, `returnee` or `local`.
    pub kind: String,
    /// The file's name on the phone (shown to the vendor only).
    #[serde(default)]
    pub filename: Option<String>,
    /// The file, Base64 (standard alphabet): JPEG, PNG or PDF, at most 5 MiB decoded.
    pub content_base64: String,
}

/// Upload a document for oneself (the vendor `id` must be the caller): 201 with its
/// description; 413 `file_too_large`; 422 `unsupported_file_type`, `unreadable_image`,
/// `invalid_document_kind`; 409 `too_many_documents`. Another vendor's id → 404.
#[utoipa::path(post, path = "/api/v1/vendors/{id}/documents", tag = "documents",
    params(("id" = i32, Path, description = "Vendor id")), request_body = NewDocument,
    responses((status = 201, description = "The stored document's description", body = DocumentInfo),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`too_many_documents`: the vendor holds the most documents allowed"), (status = 413), (status = 422)))]
async fn upload_document(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    PathId(id): PathId,
    body: Body,
) -> Response {
    match upload_json(&state, &auth, id, body).await {
        Ok(info) => (StatusCode::CREATED, Json(info)).into_response(),
        Err(f) => f.into_api_response(lang),
    }
}

async fn upload_json(
    state: &AppState,
    auth: &Auth,
    vendor_id: i32,
    body: Body,
) -> Result<DocumentInfo, Failure> {
    match auth.role {
        Role::Vendor if auth.vendor_id == Some(vendor_id) => {}
        Role::Vendor => return Err(AppError::NotFound.into()),
        _ => return Err(AppError::Forbidden.into()),
    }
    let bytes = axum::body::to_bytes(body, super::UPLOAD_BODY_BYTES)
        .await
        .map_err(|_| Failure::TooLarge)?;
    let doc: NewDocument = serde_json::from_slice(&bytes).map_err(|e| {
        if e.is_data() {
            crate::serde_detail::body_error(&e.to_string())
        } else {
            AppError::bad_request("malformed_json", crate::i18n::texts::errors::MALFORMED_JSON)
        }
    })?;
    let data = base64::engine::general_purpose::STANDARD
        .decode(doc.content_base64.trim())
        .map_err(|_| AppError::invalid("invalid_base64", "content_base64", t::BAD_BASE64))?;
    upload::save(
        &state.db,
        auth,
        Incoming {
            vendor_id,
            kind: &doc.kind,
            original_name: doc.filename.as_deref(),
            bytes: &data,
        },
    )
    .await
}

/// A vendor's documents (without their bytes), newest first: the vendor, managers of a market
/// they applied to or were placed in, admins; anyone else 404.
#[utoipa::path(get, path = "/api/v1/vendors/{id}/documents", tag = "documents",
    params(("id" = i32, Path, description = "Vendor id"), Paging),
    responses((status = 200, description = "The vendor's documents, newest first", body = List<DocumentInfo>),
        (status = 401), (status = 404)))]
async fn vendor_documents(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    page: Paging,
) -> AppResult<Json<List<DocumentInfo>>> {
    if !store::may_see(&state.db, &auth, id).await? {
        return Err(AppError::NotFound);
    }
    let items = store::list_for_reader(&state.db, &auth, id).await?;
    Ok(Json(page.slice(items)))
}

/// The document itself, as an attachment (`Content-Disposition: attachment`, `nosniff`,
/// `Cache-Control: private, no-store`), to those who may see it; 404 for anyone else.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file (image/jpeg, image/png or application/pdf)"),
        (status = 401), (status = 404)))]
async fn get_document(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> AppResult<Response> {
    upload::download(&state.db, &auth, &id).await
}

/// Delete a document: its vendor or an admin → 204; a manager who may see it → 403; anyone
/// else 404.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses((status = 204, description = "Deleted"), (status = 401), (status = 403),
        (status = 404)))]
async fn delete_document(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    upload::delete(&state.db, &auth, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
