//! `Idempotency-Key` on creating POSTs of the API: a vendor whose phone lost the answer presses
//! submit again; the retry gets the first answer instead of a second object.
//!
//! The first request with a key inserts a pending row (the unique (scope, key) index makes
//! exactly one request the owner), runs, and stores its status and body. Concurrent retries wait
//! for that answer and replay it; a retry with the same key but another body is refused.
//! Server errors are not stored, so a retry after a 5xx runs again. A pending row older than
//! any request can run (the server was killed while it ran) is abandoned: a retry takes it
//! over and runs the request, instead of waiting for an answer that will never come.

use crate::config::LARGEST_BODY_BYTES;
use crate::db::{DbFailure, classify};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::identity::CurrentUser;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use entity::idempotency_keys as keys;
use http::{HeaderValue, Method, StatusCode, header};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// Set on a replayed answer.
pub const REPLAYED: &str = "idempotent-replayed";
/// How long keys are kept.
const KEEP_HOURS: i64 = 24;
/// How long a retry waits for the first request's answer.
const WAIT_MS: u64 = 10_000;
/// A pending row older than this was left by a request that died with its server: every
/// request ends within 30 s (the timeout layer), so twice that is safely past it.
const ABANDONED_AFTER_SECS: i64 = 60;

/// Marks a request that runs again under a key its first run left pending (the server died
/// while it ran): the first run may have committed before it died, so a handler that finds
/// its own work already done answers as the first run would have.
#[derive(Debug, Clone, Copy)]
pub struct TakenOver;

/// Requests never kept: logging in (a replay would answer 200 without the session cookie) and
/// the second factor (a stored answer would hold in clear the TOTP secret `user_totp` keeps
/// sealed).
fn never_kept(path: &str) -> bool {
    path == "/api/v1/session"
        || path.starts_with("/api/v1/session/")
        || path == "/api/v1/me/totp"
        || path.starts_with("/api/v1/me/totp/")
}

/// Fields left out of the request's hash: the stored hash of a body with a password in it
/// would be a password hash without argon2's cost, crackable from a backup.
const SECRET_FIELDS: [&str; 3] = ["password", "current_password", "new_password"];

/// The bytes a request is recognised by: its body, with any password field emptied when the
/// body is a JSON object.
fn hashed_body(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let Ok(serde_json::Value::Object(mut body)) = serde_json::from_slice(bytes) else {
        return bytes.into();
    };
    let mut blanked = false;
    for field in SECRET_FIELDS {
        if let Some(v) = body.get_mut(field) {
            *v = serde_json::Value::Null;
            blanked = true;
        }
    }
    if !blanked {
        return bytes.into();
    }
    serde_json::to_vec(&body).map_or(bytes.into(), Into::into)
}

/// Middleware on the API.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST || never_kept(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(key) = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
    else {
        return next.run(request).await;
    };
    if key.len() > 255 {
        return AppError::invalid(
            "invalid_idempotency_key",
            "Idempotency-Key",
            Msg::with("errors-idempotency-key-too-long", []),
        )
        .into_response();
    }
    match run(state, key, request, next).await {
        Ok(response) | Err(response) => response,
    }
}

async fn run(
    state: AppState,
    key: String,
    request: Request,
    next: Next,
) -> Result<Response, Response> {
    let scope = scope_of(request.extensions());
    let (parts, body) = request.into_parts();
    // Only hashed, never stored; the body limit of the route was already applied before
    // routing (an inspection with photos is the largest).
    let bytes = axum::body::to_bytes(body, LARGEST_BODY_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge.into_response())?;
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str().as_bytes());
    hasher.update(parts.uri.path().as_bytes());
    hasher.update(hashed_body(&bytes));
    let hash: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    let now = Utc::now();
    let mut took_over = false;
    let row = loop {
        let pending = keys::ActiveModel {
            scope: Set(scope.clone()),
            key: Set(key.clone()),
            request_hash: Set(hash.clone()),
            status: Set(0),
            response_body: Set(None),
            content_type: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&state.db)
        .await;
        match pending {
            Ok(row) => break row,
            Err(err) => match classify(&err) {
                DbFailure::Conflict(_)
                    if !took_over && release_abandoned(&state, &scope, &key).await =>
                {
                    // One more insert: the retry that removed the dead row owns the key now
                    // (or another retry got there first and this one replays its answer).
                    took_over = true;
                }
                DbFailure::Conflict(_) => return Err(replay(&state, &scope, &key, &hash).await),
                _ => return Err(AppError::from(err).into_response()),
            },
        }
    };

    let mut parts = parts;
    if took_over {
        parts.extensions.insert(TakenOver);
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = response.status();
    if status.is_server_error() {
        let _ = keys::Entity::delete_by_id(row.id).exec(&state.db).await;
        return Ok(response);
    }
    let (resp_parts, resp_body) = response.into_parts();
    let body = axum::body::to_bytes(resp_body, usize::MAX)
        .await
        .map_err(|_| AppError::Internal(anyhow::anyhow!("response body")).into_response())?;
    let content_type = resp_parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut done: keys::ActiveModel = row.into();
    done.status = Set(i32::from(status.as_u16()));
    done.response_body = Set(Some(String::from_utf8_lossy(&body).into_owned()));
    done.content_type = Set(content_type);
    if let Err(err) = done.update(&state.db).await {
        tracing::warn!(error = %err, "idempotency answer not stored");
    }
    let _ = keys::Entity::delete_many()
        .filter(keys::Column::CreatedAt.lt(now - Duration::hours(KEEP_HOURS)))
        .exec(&state.db)
        .await;
    Ok(Response::from_parts(resp_parts, Body::from(body)))
}

/// Whose keys a request's key is among: the user's, or a logged-out client's by address
/// (registrations, residents' complaints), so one client's simple key ("1") neither replays
/// nor refuses another's. Behind a proxy every logged-out client shares the proxy's address.
fn scope_of(extensions: &http::Extensions) -> String {
    match extensions.get::<Arc<CurrentUser>>() {
        Some(u) => format!("user:{}", u.id),
        None => crate::web::client_ip(extensions)
            .map_or_else(|| "anonymous".to_owned(), |ip| format!("anonymous:{ip}")),
    }
}

/// Deletes the key's pending row if it is older than any live request can be; `true` when it
/// removed it (a concurrent retry that removed it first owns the key; this one replays).
async fn release_abandoned(state: &AppState, scope: &str, key: &str) -> bool {
    let cutoff = Utc::now() - Duration::seconds(ABANDONED_AFTER_SECS);
    let deleted = keys::Entity::delete_many()
        .filter(keys::Column::Scope.eq(scope))
        .filter(keys::Column::Key.eq(key))
        .filter(keys::Column::Status.eq(0))
        .filter(keys::Column::CreatedAt.lt(cutoff))
        .exec(&state.db)
        .await;
    if matches!(&deleted, Ok(r) if r.rows_affected > 0) {
        tracing::warn!(%scope, "idempotency key of a request that died with its server taken over");
        return true;
    }
    false
}

/// Waits for the first request's answer and returns it again.
async fn replay(state: &AppState, scope: &str, key: &str, hash: &str) -> Response {
    let started = std::time::Instant::now();
    loop {
        let row = keys::Entity::find()
            .filter(keys::Column::Scope.eq(scope))
            .filter(keys::Column::Key.eq(key))
            .one(&state.db)
            .await;
        match row {
            Ok(Some(row)) if row.request_hash != hash => {
                return AppError::conflict(
                    "idempotency_key_reused",
                    Msg::with("errors-idempotency-key-reused", []),
                )
                .into_response();
            }
            Ok(Some(row)) if row.status != 0 => {
                let status = u16::try_from(row.status)
                    .ok()
                    .and_then(|s| StatusCode::from_u16(s).ok())
                    .unwrap_or(StatusCode::OK);
                let mut response = (status, row.response_body.unwrap_or_default()).into_response();
                if let Some(ct) = row
                    .content_type
                    .and_then(|c| HeaderValue::from_str(&c).ok())
                {
                    response.headers_mut().insert(header::CONTENT_TYPE, ct);
                }
                response
                    .headers_mut()
                    .insert(REPLAYED, HeaderValue::from_static("true"));
                return response;
            }
            // The first request failed with a server error and let go of the key.
            Ok(None) => return AppError::Unavailable.into_response(),
            Err(err) => return AppError::from(err).into_response(),
            Ok(Some(_)) => {}
        }
        if started.elapsed().as_millis() as u64 > WAIT_MS {
            return AppError::Unavailable.into_response();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::ConnectInfo;

    #[test]
    fn logged_out_clients_keep_their_keys_apart_by_address() {
        let from = |addr: &str| {
            let mut e = http::Extensions::new();
            e.insert(ConnectInfo::<std::net::SocketAddr>(addr.parse().unwrap()));
            scope_of(&e)
        };
        assert_eq!(from("203.0.113.7:50000"), "anonymous:203.0.113.7");
        assert_ne!(from("203.0.113.7:50000"), from("198.51.100.2:50000"));
        assert_eq!(
            from("203.0.113.7:1"),
            from("203.0.113.7:2"),
            "one client, any port"
        );
        assert_eq!(scope_of(&http::Extensions::new()), "anonymous");
    }

    #[test]
    fn no_password_reaches_the_stored_hash_and_no_second_factor_is_kept() {
        let with = |pw: &str| {
            hashed_body(format!(r#"{{"phone":"13912340001","password":"{pw}"}}"#).as_bytes())
                .into_owned()
        };
        assert_eq!(with("Passw0rd!xyz"), with("another-one-9"));
        assert!(
            !String::from_utf8(with("Passw0rd!xyz"))
                .unwrap()
                .contains("Passw0rd")
        );
        let plain = br#"{"session_id":1,"stall_id":2}"#;
        assert_eq!(&*hashed_body(plain), plain, "other bodies hash as sent");
        assert_eq!(&*hashed_body(b"not json"), b"not json");
        for path in [
            "/api/v1/session",
            "/api/v1/me/totp",
            "/api/v1/me/totp/confirm",
        ] {
            assert!(never_kept(path), "{path}");
        }
        for path in [
            "/api/v1/sessions/3/cancel",
            "/api/v1/vendors",
            "/api/v1/bookings",
        ] {
            assert!(!never_kept(path), "{path}");
        }
    }
}
