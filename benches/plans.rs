//! Plan pages at size (issue 16): for a 3,000-stall plaza and for a 3,000-stall street (drawn
//! as stacked segments), the weight of the site plan page and of the public session plan (KB,
//! and gzip-free: what a phone on WeChat downloads before compression), and the server's
//! p50/p99 to render them, in process (the router called directly: no network, no client).
//! The demo's 400 m street is measured too. Run with `cargo bench --bench plans`
//! (`BENCH_ROUNDS`, default 60 requests a page; `BENCH_DATABASE_URL` for PostgreSQL).

#[path = "support/mod.rs"]
mod support;

use axum::body::Body;
use http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use nightmarket::config::Config;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use std::time::Instant;
use support::{BenchDb, percentile};
use tower::ServiceExt;

const STALLS: usize = 3_000;

struct App {
    router: axum::Router,
    cookie: String,
}

impl App {
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Vec<u8>) {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, &self.cookie)
            .header(header::ACCEPT_LANGUAGE, "zh-CN");
        let body = match body {
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        let resp = self
            .router
            .clone()
            .oneshot(req.body(body).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        (status, bytes)
    }

    async fn json(&self, method: Method, path: &str, body: Value) -> Value {
        let (status, bytes) = self.call(method, path, Some(body)).await;
        let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        assert!(status.is_success(), "{path}: {status} {v}");
        v
    }
}

/// A site of `w` × `h` metres near Minle laid out with 3 × 2.5 m stalls, cut to 3,000.
async fn site(
    app: &App,
    db: &sea_orm::DatabaseConnection,
    code: &str,
    kind: &str,
    w: f64,
    h: f64,
) -> i64 {
    let (x, y) = (100.83, 38.45);
    let (dx, dy) = (w / 87_300.0, h / 110_990.0);
    let ring = json!([[[x, y], [x + dx, y], [x + dx, y + dy], [x, y + dy], [x, y]]]);
    let site = app
        .json(
            Method::POST,
            "/api/v1/sites",
            json!({"code": code, "name": code, "kind": kind,
            "boundary": {"type": "Polygon", "coordinates": ring}}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let layout = app
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{site}/layout"),
            json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0}),
        )
        .await;
    let mut ids: Vec<i64> = layout["stalls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_i64())
        .collect();
    assert!(
        ids.len() >= STALLS,
        "{code}: the layout gave only {} stalls",
        ids.len()
    );
    ids.sort_unstable();
    let extra: Vec<String> = ids[STALLS..].iter().map(i64::to_string).collect();
    if !extra.is_empty() {
        db.execute_unprepared(&format!(
            "DELETE FROM stalls WHERE id IN ({})",
            extra.join(",")
        ))
        .await
        .unwrap();
    }
    site
}

/// Fetches `path` `rounds` times; returns (KB, p50 ms, p99 ms).
async fn measure(app: &App, path: &str, rounds: usize) -> (f64, f64, f64) {
    let mut ms = Vec::with_capacity(rounds);
    let mut size = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let (status, body) = app.call(Method::GET, path, None).await;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(status, StatusCode::OK, "{path}");
        size = body.len();
    }
    ms.sort_by(f64::total_cmp);
    (
        size as f64 / 1024.0,
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
    )
}

#[tokio::main]
async fn main() {
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let bench_db = BenchDb::create("BENCH_DATABASE_URL").await;
    let config = Config {
        database_url: bench_db.url.clone(),
        limits: nightmarket::config::LimitsMode::Relaxed,
        ..Config::default()
    };
    let db = nightmarket::cli::open(&config).await.expect("database");
    let state = nightmarket::AppState::new(db.clone(), config);
    let creds = nightmarket::seed::first_run(&db, &state.passwords, true)
        .await
        .expect("seed");
    let admin = creds
        .iter()
        .find(|c| c.role == nightmarket::identity::Role::Admin)
        .unwrap();
    let router = nightmarket::app::router(state);
    let login = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"login": admin.login, "password": admin.password}).to_string(),
        ))
        .unwrap();
    let resp = router.clone().oneshot(login).await.unwrap();
    let cookie = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect::<Vec<_>>()
        .join("; ");
    let app = App { router, cookie };

    let plaza = site(&app, &db, "PLZ3K", "plaza", 250.0, 170.0).await;
    let street = site(&app, &db, "STR3K", "street", 4_560.0, 12.0).await;
    println!(
        "plan pages, {rounds} requests each, in process, {}",
        nightmarket::config::redact_url(&bench_db.url)
    );
    println!();
    println!("| page | stalls | segments | KB | p50 ms | p99 ms |");
    println!("|---|---|---|---|---|---|");
    for (label, id, stalls) in [
        ("demo street 400 m (/sites/1)", 1, 0),
        ("plaza (/sites/{id})", plaza, STALLS),
        ("street 4.5 km (/sites/{id})", street, STALLS),
    ] {
        let path = format!("/sites/{id}");
        let (_, page) = app.call(Method::GET, &path, None).await;
        let page = String::from_utf8_lossy(&page);
        let segments = page
            .split("data-segments=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("?")
            .to_owned();
        let drawn = page.matches("data-stall-id=").count();
        assert!(
            stalls == 0 || drawn == stalls,
            "{label}: {drawn} stalls drawn"
        );
        let (kb, p50, p99) = measure(&app, &path, rounds).await;
        println!("| {label} | {drawn} | {segments} | {kb:.0} | {p50:.1} | {p99:.1} |");
        let found = format!("{path}?find=A-001");
        let (kb, p50, p99) = measure(&app, &found, rounds).await;
        println!("| … ?find=A-001 | {drawn} | {segments} | {kb:.0} | {p50:.1} | {p99:.1} |");
    }
    bench_db.remove().await;
}
