//! The one application error: a JSON envelope under `/api`, an HTML page elsewhere.
//!
//! Handlers return [`AppError`]; its `IntoResponse` only records the error in the response's
//! extensions, and the router's error layer (`errors_layer`) renders it once, in the request's
//! language, as JSON or HTML, and logs internal details once.

use crate::db::{DbFailure, classify};
use crate::i18n::{Lang, Msg, texts::errors as e};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::json;
use std::sync::Arc;

/// Result of a handler or query.
pub type AppResult<T> = Result<T, AppError>;

/// Everything that can go wrong in a request, with the status code API.md fixes.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: malformed JSON, query or form.
    #[error("bad request: {code}")]
    BadRequest {
        /// Stable machine code.
        code: &'static str,
        /// What is wrong.
        message: Msg,
    },
    /// 401: not logged in.
    #[error("not logged in")]
    Unauthorized,
    /// 401: login or password wrong (without saying which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 403: logged in but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// 403: the CSRF check failed.
    #[error("csrf check failed")]
    Csrf,
    /// 404: no such thing (or one the caller may not know exists).
    #[error("not found")]
    NotFound,
    /// 405.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 409: a conflict with the current state.
    #[error("conflict: {code}")]
    Conflict {
        /// Stable machine code such as `stall_taken`.
        code: &'static str,
        /// What is in the way.
        message: Msg,
    },
    /// 413.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415: the API accepts only JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: well-formed but invalid.
    #[error("invalid: {code}")]
    Invalid {
        /// Stable machine code such as `invalid_id_number`.
        code: &'static str,
        /// What is wrong and how to fix it.
        message: Msg,
        /// The offending field.
        field: Option<String>,
    },
    /// 429.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until trying again makes sense.
        retry_after_secs: u64,
    },
    /// 503: the database is busy or unreachable.
    #[error("service unavailable")]
    Unavailable,
    /// 500: a bug. Details are logged, never shown.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl AppError {
    /// A 422 naming the field.
    pub fn invalid(code: &'static str, field: impl Into<String>, message: impl Into<Msg>) -> Self {
        AppError::Invalid {
            code,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// A 409 with a code and message.
    pub fn conflict(code: &'static str, message: impl Into<Msg>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }

    /// A 400 with a code and message.
    pub fn bad_request(code: &'static str, message: impl Into<Msg>) -> Self {
        AppError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code of the JSON envelope.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { code, .. }
            | AppError::Conflict { code, .. }
            | AppError::Invalid { code, .. } => code,
            AppError::Unauthorized => "unauthorized",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf_failed",
            AppError::NotFound => "not_found",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Unavailable => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The human message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let fixed = match self {
            AppError::BadRequest { message, .. }
            | AppError::Conflict { message, .. }
            | AppError::Invalid { message, .. } => return message.get(lang).to_string(),
            AppError::Unauthorized => e::UNAUTHORIZED,
            AppError::InvalidCredentials => e::INVALID_CREDENTIALS,
            AppError::Forbidden => e::FORBIDDEN,
            AppError::Csrf => e::CSRF,
            AppError::NotFound => e::NOT_FOUND,
            AppError::MethodNotAllowed => e::METHOD_NOT_ALLOWED,
            AppError::PayloadTooLarge => e::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => e::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => e::TOO_MANY_REQUESTS,
            AppError::Unavailable => e::UNAVAILABLE,
            AppError::Internal(_) => e::INTERNAL,
        };
        fixed.get(lang).to_string()
    }

    /// The field the error names, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The JSON envelope of API.md.
    pub fn envelope(&self, lang: Lang) -> serde_json::Value {
        let mut error = json!({ "code": self.code(), "message": self.message(lang) });
        if let Some(field) = self.field() {
            error["field"] = json!(field);
        }
        json!({ "error": error })
    }

    /// The error that a bare status (from a layer or the router) stands for.
    pub fn from_status(status: StatusCode) -> Option<AppError> {
        Some(match status {
            StatusCode::BAD_REQUEST => AppError::bad_request("bad_request", e::BAD_REQUEST),
            StatusCode::UNAUTHORIZED => AppError::Unauthorized,
            StatusCode::FORBIDDEN => AppError::Forbidden,
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => AppError::Invalid {
                code: "invalid",
                message: e::BAD_REQUEST.into(),
                field: None,
            },
            StatusCode::TOO_MANY_REQUESTS => AppError::TooManyRequests {
                retry_after_secs: 60,
            },
            StatusCode::SERVICE_UNAVAILABLE => AppError::Unavailable,
            StatusCode::REQUEST_TIMEOUT => AppError::Unavailable,
            s if s.is_server_error() => AppError::Internal(anyhow::anyhow!("status {s}")),
            _ => return None,
        })
    }
}

/// The error carried from a handler to the error layer in the response's extensions.
#[derive(Clone, Debug)]
pub struct ErrorReport(pub Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response
            .extensions_mut()
            .insert(ErrorReport(Arc::new(self)));
        response
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        match classify(&err) {
            DbFailure::Conflict(_) => AppError::conflict("conflict", e::CONFLICT),
            DbFailure::Unavailable => {
                tracing::warn!(error = %err, "database unavailable");
                AppError::Unavailable
            }
            DbFailure::ForeignKey | DbFailure::Other => AppError::Internal(err.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        AppError::Internal(err)
    }
}
