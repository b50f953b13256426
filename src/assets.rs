//! Static files compiled into the binary, so the server runs from any working directory.

use crate::state::AppState;
use axum::Router;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::header;

/// (path, content type, bytes) of every asset.
const FILES: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../assets/app.css"),
    ),
    (
        "register.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/register.js"),
    ),
    (
        "complaint.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/complaint.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_str!("../assets/favicon.svg"),
    ),
];

/// `/assets/{file}`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/assets/{file}", get(serve))
}

async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => crate::error::AppError::NotFound.into_response(),
    }
}
