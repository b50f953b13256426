//! Shared pieces of the JSON API: the JSON-only rule, the body extractor, list envelopes.

use crate::error::AppError;
use crate::i18n::texts::errors as e;
use axum::extract::{FromRequest, Request, rejection::JsonRejection};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{Method, header};
use serde::{Serialize, de::DeserializeOwned};

/// Middleware on `/api`: a request that carries a body must be `application/json`, so a
/// cross-site HTML form (urlencoded, multipart, text/plain) can never reach a handler.
pub async fn json_only(request: Request, next: Next) -> Response {
    let carries_body = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if carries_body {
        let content_type = request.headers().get(header::CONTENT_TYPE);
        let json = content_type
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_media_type);
        let empty = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_none_or(|v| v.as_bytes() == b"0");
        if !json && (content_type.is_some() || !empty) {
            return AppError::UnsupportedMediaType.into_response();
        }
        // A browser says where a request comes from: another site (or a sibling subdomain,
        // which a SameSite=Lax cookie still reaches) may not act with the user's login, even
        // with no body to type (check-in, publish). Clients that are not browsers send neither.
        if !crate::identity::csrf::same_origin(request.headers()) {
            return AppError::Forbidden.into_response();
        }
    }
    next.run(request).await
}

fn is_json_media_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// A JSON request body whose rejections use the error envelope: 415 not JSON, 400 malformed,
/// 422 well-formed but with a missing or mistyped field, 413 too large.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType,
                JsonRejection::JsonSyntaxError(_) => {
                    AppError::bad_request("malformed_json", e::MALFORMED_JSON)
                }
                JsonRejection::JsonDataError(err) => {
                    crate::serde_detail::body_error(&err.body_text())
                }
                JsonRejection::BytesRejection(err)
                    if err.status() == http::StatusCode::PAYLOAD_TOO_LARGE =>
                {
                    AppError::PayloadTooLarge
                }
                _ => AppError::bad_request("malformed_json", e::MALFORMED_JSON),
            }),
        }
    }
}

/// A JSON body read by the handler itself (a route with a larger body limit than the
/// extractor's), with the rejections of [`ApiJson`]: 400 malformed, 422 a field wrong.
pub fn json_from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(bytes).map_err(|err| {
        if err.is_data() {
            crate::serde_detail::body_error(&err.to_string())
        } else {
            AppError::bad_request("malformed_json", e::MALFORMED_JSON)
        }
    })
}

/// `{"items": [...], "total": N}`, the shape of every list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct List<T> {
    /// This page of items.
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: u64,
}

/// Query-string extractor whose rejection is a 400 envelope.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|rej| crate::serde_detail::query_error(&rej.body_text()))
    }
}
