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
    // Leaflet 1.9.4 from the npm registry (`npm pack leaflet@1.9.4`, sha256 of the tarball
    // 84c65a25…bf32a3dde0b77), BSD-2-Clause: assets/leaflet-1.9.4.LICENSE.txt.
    (
        "leaflet-1.9.4.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/leaflet-1.9.4.js"),
    ),
    (
        "leaflet-1.9.4.css",
        "text/css; charset=utf-8",
        include_str!("../assets/leaflet-1.9.4.css"),
    ),
    (
        "leaflet-1.9.4.LICENSE.txt",
        "text/plain; charset=utf-8",
        include_str!("../assets/leaflet-1.9.4.LICENSE.txt"),
    ),
    (
        "sitemap.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/sitemap.js"),
    ),
    (
        "plan.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/plan.js"),
    ),
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/editor.js"),
    ),
    (
        "assign.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/assign.js"),
    ),
    (
        "editor.css",
        "text/css; charset=utf-8",
        include_str!("../assets/editor.css"),
    ),
    (
        "offline.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/offline.js"),
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
        Some((name, content_type, body)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                // A vendored library's name carries its version: it never changes under it.
                (
                    header::CACHE_CONTROL,
                    if name.contains("-1.9.4.") {
                        "public, max-age=31536000, immutable"
                    } else {
                        "public, max-age=3600"
                    },
                ),
            ],
            *body,
        )
            .into_response(),
        None => crate::error::AppError::NotFound.into_response(),
    }
}
