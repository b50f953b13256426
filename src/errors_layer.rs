//! The error layer: renders every error once — the JSON envelope under `/api`, an HTML page
//! elsewhere — in the request's language, and logs internal details once.

use crate::error::{AppError, ErrorReport};
use crate::i18n::Lang;
use crate::identity::CurrentUser;
use crate::views::{self, PageCtx};
use axum::Json;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderValue, Method, StatusCode, header};
use std::sync::Arc;

/// Fallback for unknown routes.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Middleware that turns error responses into their final form.
pub async fn render(request: Request, next: Next) -> Response {
    let lang = Lang::from_headers(request.headers());
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let method = request.method().clone();
    // The page a form was sent from: after logging in again, that is where to go back to.
    let came_from = request
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(referer_path);
    let is_api = path.starts_with("/api/") || path == "/healthz";
    // Set by the request-id layer outside this one; quoted on 5xx answers so a report from a
    // user leads to the log line.
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);

    let nav = request.extensions().get::<Arc<views::Nav>>().cloned();
    let response = next.run(request).await;
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let error = match response.extensions().get::<ErrorReport>() {
        Some(report) => report.0.clone(),
        None if is_bare(&response) => match AppError::from_status(status) {
            Some(error) => Arc::new(error),
            None => return response,
        },
        None => return response,
    };
    let user = response.extensions().get::<Arc<CurrentUser>>().cloned();
    let csrf = response
        .extensions()
        .get::<crate::identity::csrf::CsrfToken>()
        .cloned();

    if let AppError::Internal(err) = error.as_ref() {
        tracing::error!(http.path = %path, request.id = request_id.as_deref().unwrap_or(""), error = ?err, "request failed");
    }
    let request_id = request_id.filter(|_| error.status().is_server_error());
    let mut rendered = if is_api {
        let mut envelope = error.envelope(lang);
        if let Some(id) = &request_id {
            envelope["error"]["request_id"] = serde_json::json!(id);
        }
        (error.status(), Json(envelope)).into_response()
    } else if matches!(error.as_ref(), AppError::Unauthorized) {
        // A page that needs a login sends the browser to the login page and back.
        let next = match (&method, query) {
            (&Method::GET, Some(q)) => format!("{path}?{q}"),
            (&Method::GET, None) => path,
            _ => crate::web::local_path(came_from.as_deref()),
        };
        let location = format!("/login?next={}", crate::web::encode_query(&next));
        return Redirect::to(&location).into_response();
    } else {
        let ctx = PageCtx::for_error(lang, user, csrf.map(|c| c.0), nav);
        (
            error.status(),
            views::error_page_with_id(&ctx, &error, request_id.as_deref()),
        )
            .into_response()
    };
    let retry_after = match error.as_ref() {
        AppError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
        AppError::Unavailable => Some(1),
        _ => None,
    };
    if let Some(secs) = retry_after
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        rendered.headers_mut().insert(header::RETRY_AFTER, v);
    }
    if status == StatusCode::METHOD_NOT_ALLOWED
        && let Some(allow) = response.headers().get(header::ALLOW)
    {
        rendered.headers_mut().insert(header::ALLOW, allow.clone());
    }
    rendered
}

/// An error response from a layer or axum itself: no body type of ours.
fn is_bare(response: &Response) -> bool {
    match response.headers().get(header::CONTENT_TYPE) {
        None => true,
        Some(ct) => ct.to_str().is_ok_and(|ct| ct.starts_with("text/plain")),
    }
}

/// The path (and query) of a `Referer` URL; only ever used as a local path to return to.
fn referer_path(referer: &str) -> Option<String> {
    let rest = referer.split_once("://")?.1;
    let at = rest.find('/')?;
    let path = rest[at..].split('#').next().unwrap_or("/");
    (path != "/login").then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::referer_path;

    #[test]
    fn a_referer_gives_back_its_path_only() {
        assert_eq!(
            referer_path("https://market.example/sales?d=2026-12-06#x").as_deref(),
            Some("/sales?d=2026-12-06")
        );
        assert_eq!(referer_path("http://127.0.0.1:3000/").as_deref(), Some("/"));
        assert_eq!(referer_path("http://127.0.0.1:3000"), None);
        assert_eq!(referer_path("/sales"), None);
        assert_eq!(referer_path("http://h/login"), None);
    }
}
