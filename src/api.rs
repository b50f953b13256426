//! Shared pieces of the JSON API: the JSON-only rule, the body extractor, list envelopes.

use crate::error::AppError;
use crate::i18n::{Msg, texts::errors as e};
use axum::extract::{FromRequest, Request, rejection::JsonRejection};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{Method, header};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

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
        if request
            .headers()
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site")
        {
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
                    let detail = err.body_text();
                    AppError::Invalid {
                        code: "invalid_body",
                        message: Msg::with("errors-invalid-body", [("detail", detail.into())]),
                        field: None,
                    }
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

/// `{"items": [...], "total": N}`, the shape of every list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct List<T> {
    /// This page of items.
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: u64,
}

/// `?limit=&offset=` of every list: default limit 1000, at most 5000.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::IntoParams)]
#[serde(try_from = "RawPage")]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Items per page (1–5000, default 1000; a larger number is read as 5000).
    #[param(maximum = 9_223_372_036_854_775_807_u64)]
    pub limit: Option<u64>,
    /// Items to skip (at most 2⁶³ − 1: databases count rows in signed 64 bits).
    #[param(maximum = 9_223_372_036_854_775_807_u64)]
    pub offset: Option<u64>,
}

/// The query as sent, before [`Page`]'s bounds are checked.
#[derive(Deserialize)]
struct RawPage {
    limit: Option<u64>,
    offset: Option<u64>,
}

impl TryFrom<RawPage> for Page {
    type Error = &'static str;

    /// An offset past `i64::MAX` is a malformed query (400), not a panic in the SQLite driver
    /// that binds it (found by schemathesis).
    fn try_from(raw: RawPage) -> Result<Self, Self::Error> {
        if raw.offset.is_some_and(|o| i64::try_from(o).is_err()) {
            return Err("offset is larger than 9223372036854775807");
        }
        if raw.limit.is_some_and(|l| i64::try_from(l).is_err()) {
            return Err("limit is larger than 9223372036854775807");
        }
        Ok(Page {
            limit: raw.limit,
            offset: raw.offset,
        })
    }
}

impl Page {
    /// A page from numbers a handler read itself (in a filter of its own); 400 `bad_request`
    /// for an offset past `i64::MAX`, as for `?offset=` read into [`Page`].
    pub fn checked(limit: Option<u64>, offset: Option<u64>) -> crate::error::AppResult<Page> {
        Page::try_from(RawPage { limit, offset }).map_err(|e| {
            crate::error::AppError::bad_request(
                "bad_request",
                crate::i18n::Msg::with("errors-bad-query", [("detail", e.to_string().into())]),
            )
        })
    }

    /// The effective limit.
    pub fn limit(&self) -> u64 {
        self.limit.unwrap_or(1000).clamp(1, 5000)
    }

    /// The effective offset.
    pub fn offset(&self) -> u64 {
        self.offset.unwrap_or(0)
    }
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
            .map_err(|rej| {
                let detail = rej.body_text();
                AppError::bad_request(
                    "malformed_query",
                    Msg::with("errors-malformed-query", [("detail", detail.into())]),
                )
            })
    }
}

#[cfg(test)]
mod page_tests {
    use super::Page;

    #[test]
    fn an_offset_a_database_cannot_count_is_refused() {
        let page: Page = serde_urlencoded::from_str("offset=9223372036854775807").expect("max");
        assert_eq!(page.offset(), i64::MAX as u64);
        assert!(serde_urlencoded::from_str::<Page>("offset=9223372036854775808").is_err());
        assert!(serde_urlencoded::from_str::<Page>("offset=-1").is_err());
        assert!(serde_urlencoded::from_str::<Page>("limit=9223372036854775808").is_err());
        let page: Page = serde_urlencoded::from_str("limit=9223372036854775807").expect("max");
        assert_eq!(page.limit(), 5000);
        let page: Page = serde_urlencoded::from_str("").expect("defaults");
        assert_eq!((page.limit(), page.offset()), (1000, 0));
    }
}
