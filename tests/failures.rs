//! A panic or a database error inside a handler: a 500 page (or JSON envelope under /api)
//! naming the request id, with the security headers and no internals, and the same app keeps
//! serving. The failing routes are added by the test through `router_with`; the server has none.

use crate::support::{Client, TestApp};
use axum::Router;
use axum::routing::get;
use http::{Method, Request, StatusCode, header};
use nightmarket::AppState;
use nightmarket::error::AppResult;
use sea_orm::ConnectionTrait;

/// What a leak would look like: the panic message, SQL, file paths, a backtrace.
const SECRETS: [&str; 8] = [
    "SELECT",
    "no_such_table",
    "/etc/passwd",
    "password_hash",
    ".rs:",
    "panicked",
    "backtrace",
    "sqlx",
];

async fn panics() -> &'static str {
    panic!("boom at src/secret.rs:1 reading /etc/passwd for SELECT password_hash FROM users");
}

async fn fails_in_the_database(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> AppResult<&'static str> {
    state
        .db
        .execute_unprepared("SELECT password_hash FROM no_such_table")
        .await?;
    Ok("unreachable")
}

fn failing_routes() -> Router<AppState> {
    Router::new()
        .route("/test-only/panic", get(panics))
        .route("/api/v1/test-only/panic", get(panics))
        .route("/test-only/db", get(fails_in_the_database))
        .route("/api/v1/test-only/db", get(fails_in_the_database))
}

async fn get_raw(c: &mut Client, path: &str) -> crate::support::client::Resp {
    let req = Request::builder()
        .method(Method::GET)
        .uri(path)
        .body(axum::body::Body::empty())
        .unwrap();
    c.send_allowing_5xx(req).await
}

fn assert_safe_500(resp: &crate::support::client::Resp, path: &str) -> String {
    assert_eq!(resp.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
    let id = resp
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{path}: no x-request-id"))
        .to_owned();
    assert!(id.len() >= 16, "{path}: {id}");
    for h in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    ] {
        assert!(resp.headers.contains_key(h), "{path}: no {h}");
    }
    let body = resp.text();
    for secret in SECRETS {
        assert!(
            !body.to_lowercase().contains(&secret.to_lowercase()),
            "{path} leaks {secret}: {body}"
        );
    }
    id
}

#[tokio::test]
async fn a_panicking_page_becomes_a_500_page_naming_the_request_id() {
    let app = TestApp::new().await;
    let router = nightmarket::app::router_with(app.state.clone(), failing_routes());
    let mut c = Client::new(router);
    for path in ["/test-only/panic", "/test-only/db"] {
        let resp = get_raw(&mut c, path).await;
        let id = assert_safe_500(&resp, path);
        let ct = resp.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(ct.starts_with("text/html"), "{path}: {ct}");
        assert_eq!(resp.select("p.request-id code"), vec![id.clone()], "{path}");
        assert!(
            resp.select("[role=alert]")
                .iter()
                .any(|m| m.contains("系统出错了"))
        );
        // The next request is served as usual.
        assert_eq!(c.get("/healthz").await.status, StatusCode::OK);
        assert_eq!(c.get("/login").await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_panicking_api_call_answers_the_json_envelope_with_the_request_id() {
    let app = TestApp::new().await;
    let router = nightmarket::app::router_with(app.state.clone(), failing_routes());
    let mut c = Client::new(router);
    c.headers
        .insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    for path in ["/api/v1/test-only/panic", "/api/v1/test-only/db"] {
        let resp = get_raw(&mut c, path).await;
        let id = assert_safe_500(&resp, path);
        let v = resp.json();
        assert_eq!(v["error"]["code"], "internal", "{path}");
        assert_eq!(v["error"]["request_id"], id.as_str(), "{path}");
        assert!(v["error"]["message"].as_str().unwrap().contains("logged"));
        assert_eq!(c.get("/api/v1/sites").await.status, StatusCode::OK);
    }
    // Ordinary client errors carry no request id: nothing to report.
    let r = c.get("/api/v1/applications/1").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json()["error"].get("request_id").is_none());
}

#[tokio::test]
async fn many_panics_in_a_row_do_not_take_the_server_down() {
    let app = TestApp::new().await;
    let router = nightmarket::app::router_with(app.state.clone(), failing_routes());
    let mut ids = std::collections::HashSet::new();
    for _ in 0..20 {
        let mut c = Client::new(router.clone());
        let resp = get_raw(&mut c, "/test-only/panic").await;
        ids.insert(assert_safe_500(&resp, "/test-only/panic"));
    }
    assert_eq!(ids.len(), 20, "every failure has its own request id");
    let mut c = Client::new(router);
    assert_eq!(c.get("/healthz").await.json()["db"], "ok");
    assert_eq!(c.get("/").await.status, StatusCode::OK);
}

/// Held open until the test releases it: a request that occupies the server's one slot.
static HOLD: std::sync::OnceLock<tokio::sync::Notify> = std::sync::OnceLock::new();

/// Set once the held request is inside its handler, holding the slot.
static HELD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

async fn held() -> &'static str {
    let release = HOLD.get_or_init(tokio::sync::Notify::new).notified();
    HELD.store(true, std::sync::atomic::Ordering::SeqCst);
    release.await;
    "released"
}

/// Past `max_in_flight` requests at once the server answers at once `503` with `Retry-After`
/// — on every route, since the limit is one for the whole process — and serves again as soon
/// as a slot frees. (Each route used to get a limit of its own.)
#[tokio::test]
async fn past_capacity_every_route_answers_503_at_once_and_recovers() {
    use tower::ServiceExt;
    let app = TestApp::with_config(|c| c.max_in_flight = 1).await;
    let router = nightmarket::app::router_with(
        app.state.clone(),
        Router::new().route("/test-only/hold", get(held)),
    );
    let get = |path: &str| {
        Request::builder()
            .uri(path)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let holder = tokio::spawn(router.clone().oneshot(get("/test-only/hold")));
    for _ in 0..500 {
        if HELD.load(std::sync::atomic::Ordering::SeqCst) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(
        HELD.load(std::sync::atomic::Ordering::SeqCst),
        "the first request holds the slot"
    );
    let refused = router.clone().oneshot(get("/healthz")).await.unwrap();
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.headers()[header::RETRY_AFTER], "1");
    for path in ["/api/v1/sites", "/login"] {
        let r = router.clone().oneshot(get(path)).await.unwrap();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
    }
    HOLD.get_or_init(tokio::sync::Notify::new).notify_one();
    let held = holder.await.unwrap().unwrap();
    assert_eq!(held.status(), StatusCode::OK);
    let r = router.clone().oneshot(get("/healthz")).await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "serving again once the slot is free"
    );
}
