//! Stall editor and candidates benchmark, over real HTTP against the server binary: a plaza laid
//! out with 3,000 stalls (trimmed to exactly 3,000), then
//! - a stall edit: `PATCH /api/v1/stalls/{id}` with a polygon (the stall's own, sent again: every
//!   request is a full check against the site and all 2,999 other stalls, a write and an audit
//!   row), for stalls spread over the site; and the same edit refused (onto its neighbour);
//! - the candidates list: `GET /api/v1/sessions/{id}/candidates` for a session of a market
//!   with 2,000 approved applications (every one of them listed), and with `?q=` a name;
//! - a re-layout with the same parameters: `PUT /api/v1/sites/{id}/layout`, the 3,000 standing
//!   stalls kept in place and the ground around them filled (`BENCH_RELAYOUTS`, default 5);
//!   and the same on a real park of 35,000 m² (OpenStreetMap, `core/benches/data/outlines/`).
//!
//! One client, one request at a time: the figures are the server's time per request plus the
//! loopback. Prints a table of p50 / p99 / max in ms. Run: `cargo bench --bench editor`
//! (`BENCH_DATABASE_URL=postgres://…` for a fresh database on that PostgreSQL server,
//! `BENCH_EDITS`, default 300; `BENCH_READS`, default 200).

#[path = "support/mod.rs"]
mod support;

use nightmarket::accounts::users;
use nightmarket::config::Config;
use nightmarket::identity::Role;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};
use support::{BenchDb, Sample, Server, percentile, sorted_ms, timed};

const STALLS: usize = 3_000;
const APPLICATIONS: usize = 2_000;
const MANAGER_PASSWORD: &str = "bench-manager-pass-9";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

async fn json_ok(req: reqwest::RequestBuilder) -> Value {
    let r = req.send().await.expect("request");
    let status = r.status();
    let body: Value = r.json().await.expect("json");
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// A plaza of about 262 × 211 m laid out with 3 × 3 m stalls and 4 m aisles, cut to 3,000.
async fn site_of_3000(
    c: &reqwest::Client,
    base: &str,
    db: &DatabaseConnection,
) -> (i64, Vec<Value>) {
    let (w, h) = (0.0030, 0.0019);
    let (x, y) = (100.82, 38.44);
    let ring = json!([[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]);
    let site = json_ok(c.post(format!("{base}/api/v1/sites")).json(&json!({
        "code": "EDIT", "name": "编辑压测广场", "kind": "plaza",
        "boundary": {"type": "Polygon", "coordinates": ring},
    })))
    .await;
    let site = site["id"].as_i64().expect("site id");
    let layout = json_ok(
        c.put(format!("{base}/api/v1/sites/{site}/layout"))
            .json(&json!({"stall_width_m": 3.0, "stall_depth_m": 3.0, "aisle_width_m": 4.0})),
    )
    .await;
    let mut stalls: Vec<Value> = layout["stalls"].as_array().expect("stalls").clone();
    assert!(
        stalls.len() >= STALLS,
        "the layout gave only {} stalls",
        stalls.len()
    );
    stalls.sort_by_key(|s| s["code"].as_str().unwrap_or("").to_owned());
    let extra: Vec<String> = stalls[STALLS..]
        .iter()
        .map(|s| s["id"].to_string())
        .collect();
    if !extra.is_empty() {
        db.execute_unprepared(&format!(
            "DELETE FROM stalls WHERE id IN ({})",
            extra.join(",")
        ))
        .await
        .expect("trim stalls");
    }
    stalls.truncate(STALLS);
    (site, stalls)
}

/// 2,000 vendors with approved applications for `market` (inserted directly).
async fn applications(db: &DatabaseConnection, market: i64, from: &str, to: &str) {
    let now = "'2026-01-01 00:00:00+00:00'";
    for chunk in (0..APPLICATIONS).collect::<Vec<_>>().chunks(500) {
        let users: Vec<String> = chunk
            .iter()
            .map(|i| format!("('1390000{i:04}', '候选{i}', 'vendor', '!', false, {now})"))
            .collect();
        db.execute_unprepared(&format!(
            "INSERT INTO users (login, name, role, password_hash, disabled, created_at) VALUES {}",
            users.join(",")
        ))
        .await
        .expect("vendor users");
        let vendors: Vec<String> = chunk
            .iter()
            .map(|i| {
                let id = nightmarket::vendors::id_number::complete(&format!("62072219800101{:03}", i % 1000))
                    .expect("id number");
                format!("((SELECT id FROM users WHERE login = '1390000{i:04}'), '候选摊主{i}', '1390000{i:04}', '{id}', '服装百货', false, '[]', {now})")
            })
            .collect();
        db.execute_unprepared(&format!(
            "INSERT INTO vendors (user_id, name, phone, id_number, category, individual_business, priority_groups, created_at) VALUES {}",
            vendors.join(",")
        ))
        .await
        .expect("vendors");
        let apps: Vec<String> = chunk
            .iter()
            .map(|i| {
                let segments = if i % 4 == 0 { "[\"早市\"]" } else { "[]" };
                format!("((SELECT id FROM vendors WHERE phone = '1390000{i:04}'), {market}, '{from}', '{to}', '[]', '{segments}', '服装百货', false, '[]', 'approved', {now})")
            })
            .collect();
        db.execute_unprepared(&format!(
            "INSERT INTO applications (vendor_id, market_id, date_from, date_to, weekdays, segments, category, needs_power, preferred_stalls, status, created_at) VALUES {}",
            apps.join(",")
        ))
        .await
        .expect("applications");
    }
}

fn row(name: &str, samples: &[Sample]) {
    let ms = sorted_ms(samples);
    let statuses: std::collections::BTreeSet<u16> = samples.iter().map(|s| s.status).collect();
    println!(
        "| {name:<52} | {:>5} | {:>7.1} | {:>7.1} | {:>7.1} | {statuses:?}",
        ms.len(),
        percentile(&ms, 0.50),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0),
    );
}

#[tokio::main]
async fn main() {
    let edits: usize = env_or("BENCH_EDITS", 300);
    let reads: usize = env_or("BENCH_READS", 200);
    let bench_db = BenchDb::create("BENCH_DATABASE_URL").await;
    let config = Config {
        database_url: bench_db.url.clone(),
        ..Config::default()
    };
    let db = nightmarket::cli::open(&config).await.expect("database");
    let state = nightmarket::AppState::new(db.clone(), config);
    let prepared = users::prepare(
        &state.passwords,
        users::NewUser {
            login: "benchadmin".into(),
            name: "压测管理员".into(),
            role: Role::Admin,
            password: MANAGER_PASSWORD.into(),
        },
    )
    .await
    .expect("admin");
    users::insert(&db, None, prepared).await.expect("admin");
    let server = Server::start(&bench_db.url).await;
    let base = server.base.clone();
    let admin = support::login(&base, "benchadmin", MANAGER_PASSWORD).await;
    let (site, stalls) = site_of_3000(&admin, &base, &db).await;

    let today = nightmarket::clock::today();
    let (from, to) = (
        today + chrono::Duration::days(1),
        today + chrono::Duration::days(7),
    );
    let market = json_ok(admin.post(format!("{base}/api/v1/markets")).json(&json!({
        "name": "编辑压测夜市", "kind": "fixed",
        "segments": [{"name": "早市", "start": "06:00", "end": "09:00"}, {"name": "夜市", "start": "18:00", "end": "22:30"}],
        "schedule": [{"site_id": site, "segment": "夜市", "from": from.to_string(), "to": to.to_string()}],
    })))
    .await["id"]
        .as_i64()
        .expect("market");
    applications(&db, market, &from.to_string(), &to.to_string()).await;
    let session = json_ok(admin.get(format!(
        "{base}/api/v1/markets/{market}/sessions?from={from}&to={from}"
    )))
    .await["items"][0]["id"]
        .as_i64()
        .expect("session");
    println!(
        "editor benchmark on {}: site {site} with {} stalls, {APPLICATIONS} approved applications",
        nightmarket::config::redact_url(&bench_db.url),
        stalls.len()
    );

    // Accepted edits: every k-th stall placed again where it stands (statuses are printed).
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    let step = (stalls.len() / edits.max(1)).max(1);
    for s in stalls.iter().step_by(step).take(edits) {
        let id = &s["id"];
        let url = format!("{base}/api/v1/stalls/{id}");
        accepted.push(timed(admin.patch(&url).json(&json!({"polygon": s["polygon"]}))).await);
    }
    for pair in stalls.windows(2).step_by(step).take(edits / 3) {
        let url = format!("{base}/api/v1/stalls/{}", pair[0]["id"]);
        refused.push(
            timed(
                admin
                    .patch(&url)
                    .json(&json!({"polygon": pair[1]["polygon"]})),
            )
            .await,
        );
    }
    let all = format!("{base}/api/v1/sessions/{session}/candidates");
    let mut lists = Vec::new();
    for _ in 0..reads {
        lists.push(timed(admin.get(&all)).await);
    }
    let mut searches = Vec::new();
    for i in 0..reads {
        // 候选摊主{n}, percent-encoded.
        let q: String = format!("候选摊主{}", (i * 7) % APPLICATIONS)
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect();
        searches.push(timed(admin.get(format!("{all}?q={q}"))).await);
    }
    // A re-layout with the same parameters: the standing stalls stay (read back from the
    // database, with their neighbours' snapped corners on their sides) and the ground is
    // filled around them; engine, delete and insert of every stall, audit.
    let relayout_url = format!("{base}/api/v1/sites/{site}/layout");
    let same = json!({"stall_width_m": 3.0, "stall_depth_m": 3.0, "aisle_width_m": 4.0});
    let mut relayouts = Vec::new();
    for _ in 0..env_or("BENCH_RELAYOUTS", 5) {
        relayouts.push(timed(admin.put(&relayout_url).json(&same)).await);
    }
    // The same on a real outline (the corpus's largest park, 2 × 2.5 m stalls), whose
    // back-to-back rows do not line up: there the stored stalls carry the corners of the
    // stalls behind them.
    let park: Value = serde_json::from_str(include_str!(
        "../core/benches/data/outlines/de-berlin-park-134679335.geojson"
    ))
    .expect("outline");
    let park = json_ok(admin.post(format!("{base}/api/v1/sites")).json(&json!({
        "code": "PARK", "name": "真实公园", "kind": "plaza", "boundary": park,
    })))
    .await["id"]
        .as_i64()
        .expect("park id");
    let park_url = format!("{base}/api/v1/sites/{park}/layout");
    let issue = json!({"stall_width_m": 2.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0});
    let park_stalls = json_ok(admin.put(&park_url).json(&issue)).await["stall_count"].clone();
    let mut park_relayouts = Vec::new();
    for _ in 0..env_or("BENCH_RELAYOUTS", 5) {
        park_relayouts.push(timed(admin.put(&park_url).json(&issue)).await);
    }
    let total = json_ok(admin.get(&all)).await["total"].clone();
    println!(
        "| {:<52} | {:>5} | {:>7} | {:>7} | {:>7} | statuses",
        "request", "n", "p50 ms", "p99 ms", "max ms"
    );
    println!(
        "|{:-<54}|{:-<7}|{:-<9}|{:-<9}|{:-<9}|---------",
        "", "", "", "", ""
    );
    row(
        "PATCH stall polygon, accepted (3,000-stall site)",
        &accepted,
    );
    row("PATCH stall polygon onto its neighbour, refused", &refused);
    row(&format!("GET candidates, all {total} listed"), &lists);
    row("GET candidates ?q=name", &searches);
    row(
        "PUT layout again, same parameters (stalls stay)",
        &relayouts,
    );
    row(
        &format!("PUT layout again on a real park ({park_stalls} stalls stay)"),
        &park_relayouts,
    );
    drop(server);
    bench_db.remove().await;
}
