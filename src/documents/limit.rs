//! The request body limit: 2 MiB everywhere (`config::MAX_BODY_BYTES`), 12 MiB on the two upload
//! routes, 36 MiB on the inspection forms that carry up to three photos. A body over the limit is refused before it is read to the end, with a message that
//! tells a vendor what to do; nothing is written.

use super::{PHOTO_FORM_BODY_BYTES, UPLOAD_BODY_BYTES, is_photo_form_path, is_upload_path, upload};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::i18n::texts::errors as e;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

/// Middleware: picks the limit by path, refuses a declared length over it at once, and caps
/// the body stream for bodies without a length (chunked uploads).
pub async fn body_limit(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let (upload, limit) = if is_photo_form_path(path) {
        (true, PHOTO_FORM_BODY_BYTES)
    } else if is_upload_path(path) {
        (true, UPLOAD_BODY_BYTES)
    } else {
        (false, crate::config::MAX_BODY_BYTES)
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        if !upload {
            return AppError::PayloadTooLarge.into_response();
        }
        let lang = Lang::from_headers(request.headers());
        return if request.uri().path().starts_with("/api/") {
            upload::too_large_json(lang)
        } else {
            too_large_page(lang)
        };
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// A plain page for an upload refused before the profile page could be drawn.
fn too_large_page(lang: Lang) -> Response {
    let ctx = crate::views::PageCtx::for_error(lang, None, None, None);
    let title = format!("413 · {}", e::ERROR_TITLE.get(lang));
    let body = maud::html! {
        p.error-message role="alert" { (super::upload::Failure::TooLarge.message(lang)) }
        p { a.button href="/me/profile" { (crate::i18n::texts::documents::PROFILE_TITLE.get(lang)) } }
    };
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        crate::views::page(&ctx, &title, body),
    )
        .into_response()
}
