//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description, generated from the handlers.

use crate::app::AppState;
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as Spec;

/// The document's head; paths are added by each feature's router.
#[derive(OpenApi)]
#[openapi(
    info(title = "nightmarket", description = "Night markets and convenience markets of a county: the JSON API, version 1."),
    tags(
        (name = "accounts", description = "Log in, log out, accounts"),
        (name = "vendors", description = "Vendor registration and profiles"),
        (name = "sites", description = "Sites and stalls"),
        (name = "markets", description = "Markets, segments and sessions"),
        (name = "applications", description = "Vendor applications"),
        (name = "bookings", description = "Bookings, check-in and waitlist offers"),
        (name = "notices", description = "In-app notices"),
        (name = "allocations", description = "Fair allocation runs: draft, inspect, publish"),
        (name = "reports", description = "Occupancy reports for the bureau"),
    )
)]
struct ApiDoc;

/// The base document.
pub fn base() -> Spec {
    ApiDoc::openapi()
}

/// The route that serves the finished document.
pub fn routes(spec: Spec) -> Router<AppState> {
    let spec = Arc::new(spec);
    Router::new().route(
        "/api/v1/openapi.json",
        get(move || {
            let spec = spec.clone();
            async move { Json(spec.as_ref().clone()) }
        }),
    )
}
