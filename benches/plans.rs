//! Plan pages at size (issue 16): for a 3,000-stall plaza and for a 3,000-stall street (drawn
//! as stacked segments), the weight of the site plan page and of the public session plan (KB
//! as sent without and with gzip, which every phone browser accepts), and the server's
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
        self.call_with(method, path, body, "identity").await
    }

    /// As [`App::call`], accepting `encoding` (`gzip`, as every phone browser sends it).
    async fn call_with(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        encoding: &str,
    ) -> (StatusCode, Vec<u8>) {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, &self.cookie)
            .header(header::ACCEPT_ENCODING, encoding)
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

/// What one page costs: its weight as sent with and without gzip, and the server's time.
struct Measured {
    kb: f64,
    gzip_kb: f64,
    p50: f64,
    p99: f64,
}

/// Fetches `path` `rounds` times with gzip accepted, as a phone does (the time includes the
/// compression), and once without.
async fn measure(app: &App, path: &str, rounds: usize) -> Measured {
    let mut ms = Vec::with_capacity(rounds);
    let mut gzip = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let (status, body) = app.call_with(Method::GET, path, None, "gzip").await;
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(status, StatusCode::OK, "{path}");
        gzip = body.len();
    }
    let (_, plain) = app.call(Method::GET, path, None).await;
    ms.sort_by(f64::total_cmp);
    Measured {
        kb: plain.len() as f64 / 1024.0,
        gzip_kb: gzip as f64 / 1024.0,
        p50: percentile(&ms, 0.5),
        p99: percentile(&ms, 0.99),
    }
}

/// A market on `site` with one session today; returns the session's id.
async fn session_on(app: &App, site: i64, name: &str) -> i64 {
    let today = chrono::Utc::now()
        .with_timezone(&nightmarket::clock::shanghai())
        .date_naive()
        .to_string();
    let market = app
        .json(
            Method::POST,
            "/api/v1/markets",
            json!({"name": name, "kind": "fixed",
                "segments": [{"name": "夜市", "start": "18:00", "end": "22:30"}],
                "schedule": [{"site_id": site, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7],
                              "from": today, "to": today}]}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let (_, body) = app
        .call(
            Method::GET,
            &format!("/api/v1/markets/{market}/sessions?from={today}&to={today}"),
            None,
        )
        .await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    v["items"][0]["id"].as_i64().expect("a session today")
}

fn row(label: &str, stalls: usize, segments: &str, m: &Measured) {
    println!(
        "| {label} | {stalls} | {segments} | {:.0} | {:.0} | {:.1} | {:.1} |",
        m.kb, m.gzip_kb, m.p50, m.p99
    );
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
    println!("| page | stalls | segments | KB | KB gzip | p50 ms | p99 ms |");
    println!("|---|---|---|---|---|---|---|");
    for (label, id, stalls) in [
        ("demo street 400 m", 1, 0),
        ("plaza", plaza, STALLS),
        ("street 4.5 km", street, STALLS),
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
        row(
            &format!("{label}: site plan (/sites/{{id}})"),
            drawn,
            &segments,
            &measure(&app, &path, rounds).await,
        );
        let found = format!("{path}?find=A-001");
        row(
            "… ?find=A-001",
            drawn,
            &segments,
            &measure(&app, &found, rounds).await,
        );
        if stalls > 0 {
            let session = session_on(&app, id, &format!("{label} market")).await;
            let public = format!("/sessions/{session}/plan");
            row(
                &format!("{label}: public session plan (/sessions/{{id}}/plan)"),
                drawn,
                &segments,
                &measure(&app, &public, rounds).await,
            );
        }
    }
    bench_db.remove().await;
}
