//! Issue 4's booking load benchmark over real HTTP against the server binary run as its own
//! process: a 500-stall site (laid out by the layout API), 500 vendors, a night market with
//! 30 sessions. 50 clients first book every stall of the first sessions — each booking is sent
//! twice at once by two clients, so the database must refuse half — then the same 50 clients
//! read the full sessions' plan pages and the sessions list.
//!
//! Prints bookings/s, median and p99 per page, and the double bookings found in the database
//! afterwards. Run: `cargo bench --bench bookings` (`BENCH_DATABASE_URL=postgres://…` for a
//! fresh database on that PostgreSQL server, `BENCH_SECONDS` per read phase, default 6;
//! `BENCH_FULL_SESSIONS`, default 6). Targets (issue 4): plan page p99 ≤ 50 ms, ≥ 500
//! bookings/s on SQLite, zero double bookings.

#[path = "support/mod.rs"]
mod support;

use nightmarket::accounts::users;
use nightmarket::config::Config;
use nightmarket::identity::Role;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Statement};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use support::{BenchDb, Sample, Server, percentile, sorted_ms, timed};

const STALLS: usize = 500;
const CLIENTS: usize = 50;
const SESSIONS: i64 = 30;
const MANAGER_PASSWORD: &str = "bench-manager-pass-9";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A manager account, and 500 vendors inserted directly (they never log in).
async fn accounts(db: &DatabaseConnection, state: &nightmarket::AppState) -> Vec<i32> {
    let prepared = users::prepare(
        &state.passwords,
        users::NewUser {
            login: "benchmanager".into(),
            name: "压测管理员".into(),
            role: Role::Manager,
            password: MANAGER_PASSWORD.into(),
        },
    )
    .await
    .expect("manager");
    users::insert(db, None, prepared).await.expect("manager");
    let now = "'2026-01-01 00:00:00+00:00'";
    let users: Vec<String> = (0..STALLS)
        .map(|i| format!("('1380000{i:04}', '摊主{i}', 'vendor', '!', false, {now})"))
        .collect();
    db.execute_unprepared(&format!(
        "INSERT INTO users (login, name, role, password_hash, disabled, created_at) VALUES {}",
        users.join(",")
    ))
    .await
    .expect("vendor users");
    let vendors: Vec<String> = (0..STALLS)
        .map(|i| {
            let id = nightmarket::vendors::id_number::complete(&format!("62072219800101{:03}", i))
                .expect("id number");
            format!(
                "((SELECT id FROM users WHERE login = '1380000{i:04}'), '摊主{i}', '1380000{i:04}', '{id}', '服装百货', false, '[]', {now})"
            )
        })
        .collect();
    db.execute_unprepared(&format!(
        "INSERT INTO vendors (user_id, name, phone, id_number, category, individual_business, priority_groups, created_at) VALUES {}",
        vendors.join(",")
    ))
    .await
    .expect("vendors");
    entity::vendors::Entity::find()
        .order_by_asc(entity::vendors::Column::Id)
        .all(db)
        .await
        .expect("vendors")
        .into_iter()
        .map(|v| v.id)
        .collect()
}

async fn json_ok(req: reqwest::RequestBuilder) -> Value {
    let r = req.send().await.expect("request");
    let status = r.status();
    let body: Value = r.json().await.expect("json");
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// A plaza of about 160 × 70 m laid out with 3 × 3 m stalls, cut to exactly 500 stalls.
async fn site_of_500(c: &reqwest::Client, base: &str, db: &DatabaseConnection) -> (i64, Vec<i64>) {
    let (w, h) = (0.0019, 0.00065);
    let (x, y) = (100.82, 38.44);
    let ring = json!([[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]);
    let site = json_ok(c.post(format!("{base}/api/v1/sites")).json(&json!({
        "code": "BENCH", "name": "压测广场", "kind": "plaza",
        "boundary": {"type": "Polygon", "coordinates": ring},
    })))
    .await;
    let site = site["id"].as_i64().expect("site id");
    let layout = json_ok(
        c.put(format!("{base}/api/v1/sites/{site}/layout"))
            .json(&json!({"stall_width_m": 3.0, "stall_depth_m": 3.0, "aisle_width_m": 4.0})),
    )
    .await;
    let mut stalls: Vec<(String, i64)> = layout["stalls"]
        .as_array()
        .expect("stalls")
        .iter()
        .map(|s| {
            (
                s["code"].as_str().unwrap_or("").to_owned(),
                s["id"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        stalls.len() >= STALLS,
        "the layout gave only {} stalls",
        stalls.len()
    );
    stalls.sort();
    let extra: Vec<String> = stalls[STALLS..].iter().map(|s| s.1.to_string()).collect();
    if !extra.is_empty() {
        db.execute_unprepared(&format!(
            "DELETE FROM stalls WHERE id IN ({})",
            extra.join(",")
        ))
        .await
        .expect("trim stalls");
    }
    (site, stalls[..STALLS].iter().map(|s| s.1).collect())
}

/// Runs `clients` loops of `one` for `seconds`; returns every sample.
async fn hammer<F, Fut>(clients: usize, seconds: u64, one: F) -> Vec<Sample>
where
    F: Fn(usize, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Sample> + Send,
{
    let one = Arc::new(one);
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (one, stop) = (one.clone(), stop.clone());
            tokio::spawn(async move {
                let mut out = Vec::new();
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    out.push(one(c, n).await);
                    n += 1;
                }
                out
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    all
}

fn row(label: &str, samples: &[Sample], seconds: f64) {
    let ms = sorted_ms(samples);
    let ok = samples
        .iter()
        .filter(|s| (200..300).contains(&s.status))
        .count();
    println!(
        "{label:<34} {:>7} {:>8.0} {:>8.1} {:>8.1} {:>8.1} {:>6} {:>6}",
        samples.len(),
        samples.len() as f64 / seconds,
        percentile(&ms, 0.50),
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0),
        ok,
        samples.len() - ok,
    );
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect(sql)
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a count")
}

#[tokio::main]
async fn main() {
    let seconds: u64 = env_or("BENCH_SECONDS", 6);
    let full: usize = env_or("BENCH_FULL_SESSIONS", 6);
    let bench_db = BenchDb::create("BENCH_DATABASE_URL").await;
    let config = Config {
        database_url: bench_db.url.clone(),
        ..Config::default()
    };
    let db = nightmarket::cli::open(&config).await.expect("database");
    let state = nightmarket::AppState::new(db.clone(), config);
    nightmarket::seed::first_run(&db, &state.passwords, false)
        .await
        .expect("seed");
    let vendors = accounts(&db, &state).await;
    let server = Server::start(&bench_db.url).await;
    let base = server.base.clone();
    let manager = support::login(&base, "benchmanager", MANAGER_PASSWORD).await;

    let (site, stalls) = site_of_500(&manager, &base, &db).await;
    let today = nightmarket::clock::today();
    let (from, to) = (
        today + chrono::Duration::days(1),
        today + chrono::Duration::days(SESSIONS),
    );
    let market = json_ok(manager.post(format!("{base}/api/v1/markets")).json(&json!({
        "name": "压测夜市", "kind": "fixed",
        "segments": [{"name": "夜市", "start": "18:00", "end": "22:30"}],
        "schedule": [{"site_id": site, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7],
                      "from": from.to_string(), "to": to.to_string()}],
    })))
    .await;
    let market = market["id"].as_i64().expect("market id");
    let list_url = format!("{base}/api/v1/markets/{market}/sessions?from={from}&to={to}");
    let sessions: Vec<i64> = json_ok(manager.get(&list_url)).await["items"]
        .as_array()
        .expect("sessions")
        .iter()
        .filter_map(|s| s["id"].as_i64())
        .collect();
    let full_sessions: Vec<i64> = sessions.iter().take(full).copied().collect();
    println!(
        "bookings benchmark on {}: {} stalls, {} vendors, {} sessions, {} of them to fill, {CLIENTS} clients",
        nightmarket::config::redact_url(&bench_db.url),
        stalls.len(),
        vendors.len(),
        sessions.len(),
        full_sessions.len(),
    );

    // Every stall of the first sessions, vendor i on stall i, each booking sent twice back
    // to back so that two clients race for it; shuffled so writers spread over sessions.
    let mut work: Vec<(i64, i64, i32)> = Vec::new();
    for &s in &full_sessions {
        for (i, &stall) in stalls.iter().enumerate() {
            work.push((s, stall, vendors[i]));
        }
    }
    work.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(4));
    let work: Arc<Vec<(i64, i64, i32)>> = Arc::new(work.iter().flat_map(|w| [*w, *w]).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let writers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (work, next, c, base) = (work.clone(), next.clone(), manager.clone(), base.clone());
            tokio::spawn(async move {
                let mut out = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(session, stall, vendor)) = work.get(i) else {
                        break;
                    };
                    out.push(
                        timed(c.post(format!("{base}/api/v1/bookings")).json(&json!({
                            "session_id": session, "stall_id": stall, "vendor_id": vendor
                        })))
                        .await,
                    );
                }
                out
            })
        })
        .collect();
    let mut writes = Vec::new();
    for w in writers {
        writes.extend(w.await.expect("writer"));
    }
    let write_secs = started.elapsed().as_secs_f64();
    let created = writes.iter().filter(|s| s.status == 201).count();
    let conflicts = writes.iter().filter(|s| s.status == 409).count();
    let others = writes.len() - created - conflicts;
    let wms = sorted_ms(&writes);
    println!(
        "\nbooking POSTs: {} attempts in {write_secs:.2} s → {:.0} bookings/s ({:.0} attempts/s); \
         201: {created}, 409: {conflicts}, other: {others}; p50 {:.1} ms, p99 {:.1} ms",
        writes.len(),
        created as f64 / write_secs,
        writes.len() as f64 / write_secs,
        percentile(&wms, 0.5),
        percentile(&wms, 0.99),
    );
    let stored = scalar(&db, "SELECT COUNT(*) FROM bookings").await;
    let double_stall = scalar(
        &db,
        "SELECT COUNT(*) FROM (SELECT session_id, stall_id FROM bookings \
         GROUP BY session_id, stall_id HAVING COUNT(*) > 1) d",
    )
    .await;
    let double_vendor = scalar(
        &db,
        "SELECT COUNT(*) FROM (SELECT session_id, vendor_id FROM bookings \
         GROUP BY session_id, vendor_id HAVING COUNT(*) > 1) d",
    )
    .await;
    let audited = scalar(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'booking' AND action = 'create'",
    )
    .await;
    println!(
        "in the database: {stored} bookings (acknowledged {created}), {audited} audit rows, \
         double bookings: {double_stall} stall-sessions, {double_vendor} vendor-sessions"
    );

    println!(
        "\n{:<34} {:>7} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6}",
        "read phase (50 clients)", "reqs", "req/s", "p50 ms", "p99 ms", "max ms", "2xx", "other"
    );
    let pages = Arc::new(full_sessions.clone());
    let (c, b, p) = (manager.clone(), base.clone(), pages.clone());
    let plan = hammer(CLIENTS, seconds, move |_, n| {
        timed(c.get(format!("{b}/sessions/{}", p[n % p.len()])))
    })
    .await;
    row("GET /sessions/{id} (manager)", &plan, seconds as f64);
    let (c, b, p) = (manager.clone(), base.clone(), pages.clone());
    let svg = hammer(CLIENTS, seconds, move |_, n| {
        timed(c.get(format!("{b}/sessions/{}/plan", p[n % p.len()])))
    })
    .await;
    row("GET /sessions/{id}/plan (SVG)", &svg, seconds as f64);
    let c = manager.clone();
    let list = hammer(CLIENTS, seconds, move |_, _| timed(c.get(&list_url))).await;
    row("GET /api/v1/markets/{id}/sessions", &list, seconds as f64);

    drop(server);
    db.close().await.ok();
    bench_db.remove().await;
}
