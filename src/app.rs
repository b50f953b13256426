//! Application state, router assembly and the layers around it.

use crate::auth::{password::Passwords, session, throttle::AddressLimiter};
use crate::config::Config;
use crate::{admin, assets, auth, errors_layer, health, home, openapi, sites, vendors};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use http::{HeaderName, HeaderValue, header};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

/// Largest request body accepted anywhere (a site's GeoJSON is the biggest honest input).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What every handler can reach. Cheap to clone; nothing that matters lives only here,
/// so several processes can share one database.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// Configuration.
    pub config: Arc<Config>,
    /// Password hashing, bounded and off the runtime.
    pub passwords: Passwords,
    /// Per-address throttling of logins and registrations.
    pub limiter: Arc<AddressLimiter>,
    /// Delivers notices outside the app after a commit (a log line by default).
    pub notifier: Arc<dyn crate::notices::Notifier>,
    /// Plans and booking lists kept in memory, checked against the database on every use.
    pub caches: Arc<crate::cache::Caches>,
    /// Seals TOTP secrets at rest with the configured `secret_key`.
    pub secrets: Arc<crate::auth::sealed::SecretBox>,
}

impl AppState {
    /// State over an open database.
    pub fn new(db: DatabaseConnection, config: Config) -> Self {
        let key = config
            .secret_key
            .as_deref()
            .map(crate::auth::sealed::parse_key)
            .transpose()
            .expect("secret_key is checked when the configuration loads");
        Self {
            db,
            config: Arc::new(config),
            passwords: Passwords::default(),
            limiter: Arc::new(AddressLimiter::default()),
            notifier: Arc::new(crate::notices::LogNotifier),
            caches: Arc::new(crate::cache::Caches::default()),
            secrets: Arc::new(crate::auth::sealed::SecretBox::new(key)),
        }
    }
}

/// The JSON API under `/api/v1`, collected with its OpenAPI description.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .merge(auth::api::routes())
        .merge(vendors::api::routes())
        .merge(sites::api::routes())
        .merge(crate::markets::api::routes())
        .merge(crate::applications::api::routes())
        .merge(crate::bookings::api::routes())
        .merge(crate::notices::api::routes())
        .merge(crate::vendor_pages::api_routes())
        .merge(crate::allocations::api::routes())
        .merge(crate::reports::api::routes())
        .merge(crate::documents::api::routes())
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
        .merge(auth::pages::routes())
        .merge(vendors::pages::routes())
        .merge(admin::routes())
        .merge(crate::audit::page::routes())
        .merge(sites::pages::routes())
        .merge(crate::markets::pages::routes())
        .merge(crate::applications::pages::routes())
        .merge(crate::bookings::pages::routes())
        .merge(crate::vendor_pages::routes())
        .merge(crate::permits::pages::routes())
        .merge(crate::public::routes())
        .merge(crate::allocations::pages::routes())
        .merge(crate::reports::page::routes())
        .merge(crate::documents::pages::routes())
        .merge(auth::totp::pages::routes())
}

/// The whole application. Each `.layer()` wraps everything added before it, so the last
/// one listed sees a request first.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The application with `extra` routes inside all its layers (error pages, panics, headers,
/// request ids): tests add a handler that panics or fails this way, never the server itself.
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    let (api, spec) = api_routes().split_for_parts();
    let api = api
        .merge(openapi::routes(spec))
        .layer(from_fn_with_state(state.clone(), crate::idempotency::layer))
        .layer(from_fn(crate::api::json_only));
    let pages = page_routes()
        .layer(from_fn(crate::views::flash::consume))
        .layer(from_fn_with_state(state.clone(), auth::csrf::protect));

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
        // 2 MiB, or 8 MiB on the document upload routes (src/documents/limit.rs).
        .layer(from_fn(crate::documents::limit::body_limit))
        // Renders every error once, as JSON under /api and as a page elsewhere.
        .layer(from_fn(errors_layer::render));
    // Headers outside the error layer so they reach 404/413/429 answers too (PITFALLS.md).
    with_security_headers(app, state.config.https)
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(crate::telemetry::make_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Security headers on every response; `no-store` unless a handler chose caching (WeChat on
/// iOS otherwise restores stale pages on Back).
fn with_security_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    https: bool,
) -> Router<S> {
    let csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
               object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
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
            HeaderValue::from_static(csp),
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
