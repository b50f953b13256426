//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description, generated from the handlers.

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa::openapi::{OpenApi as Spec, RefOr, ResponseBuilder};

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
        (name = "documents", description = "Vendors' documents: priority-group proofs, health certificates"),
        (name = "notices", description = "In-app notices"),
        (name = "allocations", description = "Fair allocation runs: draft, inspect, publish"),
        (name = "reports", description = "Occupancy reports for the bureau"),
        (name = "conduct", description = "Attendance counters, inspections, demerits and appeals"),
        (name = "complaints", description = "Residents' complaints matched to the stall"),
        (name = "sales", description = "Nightly sales reports: sales, vouchers redeemed, helpers"),
        (name = "open data", description = "Open data without login: stalls and occupancy, no personal data"),
    )
)]
struct ApiDoc;

/// The base document.
pub fn base() -> Spec {
    ApiDoc::openapi()
}

/// Which operations may give an answer: every one, those with a request body, or only those
/// whose annotation lists it (who may call an operation, and what it finds, is its own).
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Every,
    WithBody,
    Listed,
}

/// What an error status means on any operation (API.md, "Errors"). OpenAPI requires a
/// `description` on every response; an annotation that lists one of these statuses without
/// words gets this one. Successes and conflicts differ per operation, so they are described
/// where they are declared (a test fails on any response left without words).
const MEANINGS: [(&str, &str, Scope); 9] = [
    (
        "400",
        "Malformed JSON, query or path (paging out of bounds, an id that is not a whole number)",
        Scope::Every,
    ),
    (
        "401",
        "Not logged in, or the login session has ended",
        Scope::Listed,
    ),
    (
        "403",
        "Logged in, but this role or account may not do this",
        Scope::Listed,
    ),
    (
        "404",
        "No such object, or not one the caller may see",
        Scope::Listed,
    ),
    ("413", "Body too large", Scope::WithBody),
    (
        "415",
        "The API accepts only `application/json` bodies",
        Scope::WithBody,
    ),
    (
        "422",
        "Well-formed but invalid: the error's `code` and `field` say what",
        Scope::Every,
    ),
    ("429", "Too many requests; see `Retry-After`", Scope::Every),
    (
        "503",
        "Overloaded or the database is unreachable; try again shortly",
        Scope::Every,
    ),
];

/// Documents the error answers: the common ones on every operation that does not describe
/// them itself, so clients (and schemathesis) know every status the server can send; and the
/// meaning of each error status an annotation lists without words.
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
            for (status, description, scope) in MEANINGS {
                match op.responses.responses.get_mut(status) {
                    Some(RefOr::T(listed)) if listed.description.is_empty() => {
                        description.clone_into(&mut listed.description);
                    }
                    Some(_) => {}
                    None if scope == Scope::Every || (scope == Scope::WithBody && has_body) => {
                        op.responses.responses.insert(
                            status.to_owned(),
                            ResponseBuilder::new()
                                .description(description)
                                .build()
                                .into(),
                        );
                    }
                    None => {}
                }
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
