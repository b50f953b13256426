//! CSRF protection for every HTML form POST: the request must come from our own pages
//! (`Sec-Fetch-Site`/`Origin`) and carry the token bound to the login session (or, before
//! login, to an anonymous `nm_csrf` cookie).

use super::CurrentUser;
use crate::config::Config;
use crate::config::MAX_BODY_BYTES;
use crate::error::AppError;
use crate::web::{CookieSpec, cookie, random_token};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, header};
use std::sync::Arc;

/// The token a page embeds in its forms (`_csrf`).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// The form field and header that carry the token.
pub const FIELD: &str = "_csrf";
const HEADER: &str = "x-csrf-token";

fn anon_cookie(https: bool) -> CookieSpec<'static> {
    CookieSpec {
        name: if https { "__Host-nm_csrf" } else { "nm_csrf" },
        secure: https,
        http_only: true,
        same_site: "Strict",
        max_age: None,
    }
}

/// Middleware on the HTML pages.
pub async fn protect(State(config): State<Arc<Config>>, request: Request, next: Next) -> Response {
    let spec = anon_cookie(config.https);
    let user = request.extensions().get::<Arc<CurrentUser>>().cloned();
    let (expected, new_cookie) = match &user {
        Some(u) => (u.csrf_token.clone(), None),
        None => match cookie(request.headers(), spec.name) {
            Some(c) if c.len() >= 20 => (c, None),
            _ => {
                let t = random_token(24);
                (t.clone(), Some(t))
            }
        },
    };

    let request = if is_unsafe(request.method()) {
        match check(request, &expected).await {
            Ok(request) => request,
            Err(err) => {
                let mut response = err.into_response();
                response
                    .extensions_mut()
                    .insert(CsrfToken(expected.clone()));
                if let Some(t) = new_cookie {
                    response
                        .headers_mut()
                        .append(header::SET_COOKIE, spec.header(&t));
                }
                return response;
            }
        }
    } else {
        request
    };

    let mut request = request;
    request.extensions_mut().insert(CsrfToken(expected.clone()));
    let mut response = next.run(request).await;
    response.extensions_mut().insert(CsrfToken(expected));
    if let Some(user) = user {
        response.extensions_mut().insert(user);
    }
    if let Some(t) = new_cookie {
        response
            .headers_mut()
            .append(header::SET_COOKIE, spec.header(&t));
    }
    response
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Same-origin check, then the token from a header, the query, or the urlencoded body.
async fn check(request: Request, expected: &str) -> Result<Request, AppError> {
    if !same_origin(request.headers()) {
        return Err(AppError::Csrf);
    }
    if let Some(token) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if constant_time_eq(token, expected) {
            Ok(request)
        } else {
            Err(AppError::Csrf)
        };
    }
    if let Some(token) = request
        .uri()
        .query()
        .and_then(|q| form_field(q.as_bytes(), FIELD))
    {
        return if constant_time_eq(&token, expected) {
            Ok(request)
        } else {
            Err(AppError::Csrf)
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::Csrf);
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    match form_field(&bytes, FIELD) {
        Some(token) if constant_time_eq(&token, expected) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err(AppError::Csrf),
    }
}

/// Refuses requests a browser marks as cross-site, or whose `Origin` is not our host.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some("null"), _) => false,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host)),
        _ => true,
    }
}

fn form_field(bytes: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn cross_site_requests_and_foreign_origins_are_refused() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(!same_origin(&h));
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!same_origin(&h));
    }

    #[test]
    fn tokens_are_read_from_urlencoded_forms() {
        assert_eq!(
            form_field(b"login=a&_csrf=abc%2Bd", FIELD).as_deref(),
            Some("abc+d")
        );
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
    }
}
