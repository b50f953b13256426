//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description, generated from the handlers.

use crate::state::AppState;
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

/// The answers every operation may give besides its own (API.md, "Errors"): a malformed
/// request, too many requests, an outage; and for a body, too large, not JSON, invalid.
const COMMON: [(&str, &str, bool); 6] = [
    (
        "400",
        "Malformed JSON, query or path (paging out of bounds, an id that is not a whole number)",
        false,
    ),
    (
        "422",
        "Well-formed but invalid: the error's `code` and `field` say what",
        false,
    ),
    ("429", "Too many requests; see `Retry-After`", false),
    (
        "503",
        "Overloaded or the database is unreachable; try again shortly",
        false,
    ),
    ("413", "Body too large", true),
    (
        "415",
        "The API accepts only `application/json` bodies",
        true,
    ),
];

/// Documents the common error answers on every operation that does not describe them itself,
/// so clients (and schemathesis) know every status the server can send.
pub fn with_common_errors(mut spec: Spec) -> Spec {
    for item in spec.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            let has_body = op.request_body.is_some();
            for (status, description, body_only) in COMMON {
                if body_only && !has_body {
                    continue;
                }
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| {
                        utoipa::openapi::ResponseBuilder::new()
                            .description(description)
                            .build()
                            .into()
                    });
            }
        }
    }
    spec
}

/// The route that serves the finished document.
pub fn routes(spec: Spec) -> Router<AppState> {
    let spec = Arc::new(with_common_errors(spec));
    Router::new().route(
        "/api/v1/openapi.json",
        get(move || {
            let spec = spec.clone();
            async move { Json(spec.as_ref().clone()) }
        }),
    )
}
