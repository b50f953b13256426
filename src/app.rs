//! Router assembly: every feature's routes, and the layers around them.

use crate::identity::Role;
use crate::identity::session;
use crate::registry::Registry;
use crate::state::AppState;
use crate::{accounts, admin, assets, errors_layer, health, home, openapi, sites, vendors};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use http::{HeaderName, HeaderValue, header};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

/// The JSON API under `/api/v1`, collected with its OpenAPI description.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .merge(accounts::api_routes())
        .merge(vendors::api_routes())
        .merge(sites::api_routes())
        .merge(crate::markets::api_routes())
        .merge(crate::applications::api_routes())
        .merge(crate::bookings::api_routes())
        .merge(crate::bookings::absence_routes().0)
        .merge(crate::bookings::withdraw_routes().0)
        .merge(crate::conduct::api_routes())
        .merge(crate::complaints::api_routes())
        .merge(crate::bookings::session_cancel_api::routes())
        .merge(crate::bookings::rota::api_routes())
        .merge(accounts::inbox_routes())
        .merge(crate::vendor_pages::api_routes())
        .merge(crate::allocations::api_routes())
        .merge(crate::reports::api_routes())
        .merge(crate::sales::api_routes())
        .merge(crate::documents::api_routes())
}

/// The finished OpenAPI document of the JSON API, as `GET /api/v1/openapi.json` serves it
/// (`nightmarket openapi` prints it for validators, with no database).
pub fn api_document() -> utoipa::openapi::OpenApi {
    openapi::with_common_errors(api_routes().split_for_parts().1)
}

/// The HTML pages.
fn page_routes() -> Router<AppState> {
    Router::new()
        .merge(home::routes())
        .merge(accounts::page_routes())
        .merge(vendors::page_routes())
        .merge(admin::routes())
        .merge(sites::page_routes())
        .merge(crate::markets::page_routes())
        .merge(crate::applications::page_routes())
        .merge(crate::bookings::page_routes())
        .merge(crate::bookings::absence_routes().1)
        .merge(crate::bookings::withdraw_routes().1)
        .merge(crate::conduct::page_routes())
        .merge(crate::complaints::page_routes())
        .merge(crate::bookings::rota::page_routes())
        .merge(crate::vendor_pages::routes())
        .merge(crate::permits::page_routes())
        .merge(crate::public::routes())
        .merge(crate::allocations::page_routes())
        .merge(crate::reports::page_routes())
        .merge(crate::sales::page_routes())
        .merge(crate::documents::page_routes())
        .merge(accounts::totp::pages::routes())
        .merge(accounts::password_change::page_routes())
}

/// What features contribute to pages drawn elsewhere: navigation, home and market sections.
fn registry() -> Registry {
    Registry::default()
        .nav([
            home::nav(),
            sites::nav(),
            admin::nav(),
            vendors::nav(),
            crate::markets::nav(),
            crate::applications::nav(),
            crate::reports::nav(),
            crate::sales::nav(),
            admin::audit_nav(),
            crate::documents::nav(),
            accounts::nav(),
            accounts::password_nav(),
        ])
        .home(Role::Vendor, crate::vendor_pages::home::section)
        .home(Role::Vendor, crate::conduct::vendor_home_section)
        .home(Role::Vendor, crate::bookings::rota::vendor_home_section)
        .market(crate::allocations::run_form::market_section_boxed)
        .market(crate::conduct::market_section)
}

/// The whole application. Each `.layer()` wraps everything added before it, so the last
/// one listed sees a request first.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The application with `extra` routes inside all its layers (error pages, panics, headers,
/// request ids): tests add a handler that panics or fails this way, never the server itself.
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    let registry = std::sync::Arc::new(registry());
    let (api, spec) = api_routes().split_for_parts();
    let api = api
        .merge(openapi::routes(spec))
        .layer(from_fn_with_state(state.clone(), crate::idempotency::layer))
        .layer(from_fn(crate::api::json_only));
    let pages = page_routes()
        .layer(from_fn(crate::views::flash::consume))
        .layer(from_fn_with_state(
            state.clone(),
            crate::identity::csrf::protect,
        ));

    let app = Router::new()
        .merge(api)
        .merge(pages)
        .merge(extra)
        .merge(health::routes())
        .merge(assets::routes())
        .fallback(errors_layer::not_found)
        // Who is asking: the login session from the database.
        .layer(from_fn_with_state(state.clone(), session::resolve))
        // A panic becomes a 500, which the error layer then renders and logs.
        .layer(CatchPanicLayer::new())
        // Past capacity: an immediate 503, never a queue that ends in a time-out. The limit is
        // global: `Router::layer` wraps every route on its own, and a plain concurrency limit
        // would give each route its own `max_in_flight` permits.
        .layer(
            tower::ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(
                    |_: tower::BoxError| async { crate::error::AppError::Unavailable },
                ))
                .load_shed()
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                    state.config.max_in_flight.max(1),
                )),
        )
        // A request runs to its end though the client left (src/run_to_end.rs); it keeps its
        // permit of the limit above until then.
        .layer(from_fn(crate::run_to_end::layer))
        // 2 MiB, or 12 MiB on the document upload routes (src/documents/limit.rs).
        .layer(from_fn(crate::documents::limit::body_limit))
        // Renders every error once, as JSON under /api and as a page elsewhere.
        .layer(from_fn(errors_layer::render))
        // The contributions: page sections for handlers, navigation for every page's header
        // and for error pages.
        .layer(axum::Extension(registry.navigation()))
        .layer(axum::Extension(registry));
    // Headers outside the error layer so they reach 404/413/429 answers too (PITFALLS.md).
    let tiles = state
        .config
        .map_tiles_url
        .as_deref()
        .and_then(|u| crate::config::tiles_origin(u).ok());
    with_security_headers(app, state.config.https, tiles.as_deref())
        // Before anything reads the client's address (limits, idempotency, audit).
        .layer(from_fn_with_state(
            std::sync::Arc::new(
                crate::forwarded::TrustedProxies::parse(&state.config.trusted_proxies)
                    .unwrap_or_default(),
            ),
            crate::forwarded::layer,
        ))
        .layer(compression())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(crate::telemetry::make_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Gzip for every text answer a browser accepts it for: a 3,000-stall plan page is 2.8 MB of
/// SVG as rendered, a tenth of that compressed, and a vendor's phone is often on one bar.
/// Images, uploads and Excel files are compressed already and pass as they are. (Compressed
/// pages carry the session's CSRF token, the BREACH setting; a stolen token alone does not
/// pass `identity::csrf`, which also requires a same-origin `Sec-Fetch-Site` or `Origin`.)
fn compression() -> tower_http::compression::CompressionLayer<impl Predicate> {
    // The default already leaves images, gRPC and event streams alone.
    let already_compressed = NotForContentType::const_new("application/pdf")
        .and(NotForContentType::const_new("application/zip"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ));
    tower_http::compression::CompressionLayer::new()
        .compress_when(DefaultPredicate::new().and(already_compressed))
}

/// Security headers on every response; `no-store` unless a handler chose caching (WeChat on
/// iOS otherwise restores stale pages on Back).
fn with_security_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    https: bool,
    tiles_origin: Option<&str>,
) -> Router<S> {
    // `blob:` images: a plan traced over stays in the browser; the basemap's tile host, if set.
    let csp = format!(
        "default-src 'self'; img-src 'self' data: blob:{}; style-src 'self'; script-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        tiles_origin.map(|o| format!(" {o}")).unwrap_or_default()
    );
    let csp = HeaderValue::from_str(&csp)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    router
        .layer(fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(fixed(header::X_FRAME_OPTIONS, "DENY"))
        .layer(fixed(header::REFERRER_POLICY, "same-origin"))
        .layer(fixed(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        // Only over HTTPS: on plain http a browser ignores it, and on loopback it would pin
        // 127.0.0.1 to HTTPS for every other local project.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            https.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        ))
}
