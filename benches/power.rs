//! Issue 18's measured figures for notices by SMS and offline check-in, printed as tables.
//!
//! 1. Outbox under a failing gateway: notices are written at a steady rate while a fake SMS
//!    gateway (axum on 127.0.0.1:0) answers 500 for `POWER_FAIL_SECONDS` (default 30) and then
//!    recovers; `POWER_WORKERS` workers (default 2, as two server processes would) drain the
//!    outbox. Prints messages written, sent, lost and sent twice, the lag from notice to
//!    gateway (p50 / p99 / max) and how long the backlog took to drain after recovery.
//! 2. Outbox throughput: `POWER_BURST` (default 2,000) notices queued at once, healthy gateway.
//! 3. An offline queue of 200 check-ins synced: the server binary, a running session with 200
//!    bookings; the "phone" sends each queued check-in with its Idempotency-Key, and on a poor
//!    signal (every other answer lost, so it is sent again; some three times) until each is
//!    acknowledged. Prints the time, requests sent, check-ins in the database and duplicates.
//!
//! Run: `cargo bench --bench power` (`POWER_FAIL_SECONDS=3` for a quick run;
//! `BENCH_DATABASE_URL=postgres://…` for PostgreSQL).

#[path = "support/mod.rs"]
mod support;

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use http::StatusCode;
use nightmarket::config::SmsConfig;
use nightmarket::i18n::Msg;
use nightmarket::notices::{self, sms, worker};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, TransactionTrait};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{BenchDb, Server, percentile};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The fake gateway: 500 until `healthy_at`, then 200; counts what it accepted per `out_id`.
struct Gateway {
    healthy_at: Instant,
    accepted: HashMap<String, usize>,
    refused: usize,
}

type Shared = Arc<Mutex<Gateway>>;

async fn gateway(State(g): State<Shared>, Json(body): Json<Value>) -> StatusCode {
    let mut g = g.lock().unwrap();
    if Instant::now() < g.healthy_at {
        g.refused += 1;
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    *g.accepted
        .entry(body["out_id"].as_str().unwrap_or("").to_owned())
        .or_default() += 1;
    StatusCode::OK
}

async fn start_gateway(fail_for: Duration) -> (Shared, String) {
    let shared = Arc::new(Mutex::new(Gateway {
        healthy_at: Instant::now() + fail_for,
        accepted: HashMap::new(),
        refused: 0,
    }));
    let app = Router::new()
        .route("/sms", post(gateway))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (shared, url)
}

/// `n` vendor accounts inserted directly; returns their user ids.
async fn vendor_users(db: &DatabaseConnection, prefix: &str, n: usize) -> Vec<i32> {
    let now = "'2026-01-01 00:00:00+00:00'";
    let users: Vec<String> = (0..n)
        .map(|i| format!("('{prefix}{i:04}', '摊主{i}', 'vendor', '!', false, {now})"))
        .collect();
    db.execute_unprepared(&format!(
        "INSERT INTO users (login, name, role, password_hash, disabled, created_at) VALUES {}",
        users.join(",")
    ))
    .await
    .expect("users");
    let vendors: Vec<String> = (0..n)
        .map(|i| {
            let id = nightmarket::vendors::id_number::complete(&format!("62072219800101{:03}", i % 1000)).unwrap();
            format!(
                "((SELECT id FROM users WHERE login = '{prefix}{i:04}'), '摊主{i}', '{prefix}{i:04}', '{id}', '服装百货', false, '[]', {now})"
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
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|v| v.phone.starts_with(prefix))
        .map(|v| v.user_id)
        .collect()
}

async fn write_notice(db: &DatabaseConnection, user: i32) {
    let txn = db.begin().await.unwrap();
    notices::write(
        &txn,
        user,
        "offer",
        Msg::with("bookings-notice-cancelled", [("what", "夜市 A-001".into())]),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
}

fn config(url: &str) -> SmsConfig {
    SmsConfig {
        url: Some(url.to_owned()),
        backoff_base_ms: 500,
        backoff_max_ms: 4_000,
        poll_ms: 100,
        max_attempts: 100,
        ..Default::default()
    }
}

/// Lag of every sent message, in ms, sorted.
async fn lags(db: &DatabaseConnection) -> (Vec<f64>, usize, usize) {
    let rows = entity::sms_outbox::Entity::find().all(db).await.unwrap();
    let mut lag: Vec<f64> = rows
        .iter()
        .filter_map(|r| {
            r.sent_at
                .map(|s| (s - r.created_at).num_milliseconds() as f64)
        })
        .collect();
    lag.sort_by(|a, b| a.total_cmp(b));
    let unsent = rows.iter().filter(|r| r.sent_at.is_none()).count();
    (lag, rows.len(), unsent)
}

async fn outbox_under_failure(db: &DatabaseConnection) {
    let fail = Duration::from_secs(env_or("POWER_FAIL_SECONDS", 30));
    let rate: u64 = env_or("POWER_RATE", 20);
    let workers: usize = env_or("POWER_WORKERS", 2);
    let after = Duration::from_secs(env_or("POWER_AFTER_SECONDS", 10));
    let users = vendor_users(db, "1391", 50).await;
    let (g, url) = start_gateway(fail).await;
    let cfg = config(&url);
    let provider = sms::provider(&cfg).unwrap();
    let running: Vec<_> = (0..workers)
        .map(|_| worker::start(db.clone(), provider.clone(), cfg.clone()))
        .collect();
    let started = Instant::now();
    let mut written = 0usize;
    let every = Duration::from_millis(1000 / rate.max(1));
    while started.elapsed() < fail + after {
        write_notice(db, users[written % users.len()]).await;
        written += 1;
        tokio::time::sleep(every).await;
    }
    let writing_done = Instant::now();
    loop {
        let (_, _, unsent) = lags(db).await;
        if unsent == 0 || writing_done.elapsed() > Duration::from_secs(120) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered_to_empty = started.elapsed().saturating_sub(fail);
    for w in &running {
        w.task.abort();
    }
    let (lag, total, unsent) = lags(db).await;
    let g = g.lock().unwrap();
    let twice = g.accepted.values().filter(|n| **n > 1).count();
    println!(
        "\n## Outbox under a gateway answering 500 for {} s ({workers} workers, {rate} notices/s)\n",
        fail.as_secs()
    );
    println!(
        "| notices written | SMS queued | sent | lost (unsent) | sent twice | 500s answered | lag p50 ms | lag p99 ms | lag max ms | backlog empty after recovery |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {written} | {total} | {} | {unsent} | {twice} | {} | {:.0} | {:.0} | {:.0} | {:.1} s |",
        g.accepted.len(),
        g.refused,
        percentile(&lag, 0.5),
        percentile(&lag, 0.99),
        lag.last().copied().unwrap_or(0.0),
        recovered_to_empty.as_secs_f64()
    );
}

async fn outbox_throughput(db: &DatabaseConnection) {
    let n: usize = env_or("POWER_BURST", 2000);
    let workers: usize = env_or("POWER_WORKERS", 2);
    db.execute_unprepared("DELETE FROM sms_outbox")
        .await
        .unwrap();
    let users = vendor_users(db, "1392", 100).await;
    let txn = db.begin().await.unwrap();
    let many = (0..n)
        .map(|i| notices::Outgoing {
            user_id: users[i % users.len()],
            kind: "allocation_result",
            text: Msg::with("bookings-notice-cancelled", [("what", "夜市".into())]),
        })
        .collect();
    notices::write_many(&txn, many).await.unwrap();
    txn.commit().await.unwrap();
    let (g, url) = start_gateway(Duration::ZERO).await;
    let cfg = config(&url);
    let provider = sms::provider(&cfg).unwrap();
    let started = Instant::now();
    let running: Vec<_> = (0..workers)
        .map(|_| worker::start(db.clone(), provider.clone(), cfg.clone()))
        .collect();
    loop {
        let (_, _, unsent) = lags(db).await;
        if unsent == 0 || started.elapsed() > Duration::from_secs(300) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = started.elapsed().as_secs_f64();
    for w in &running {
        w.task.abort();
    }
    let g = g.lock().unwrap();
    let twice = g.accepted.values().filter(|n| **n > 1).count();
    println!("\n## Outbox throughput, healthy gateway ({workers} workers)\n");
    println!("| queued at once | sent | sent twice | seconds | messages/s |");
    println!("|---|---|---|---|---|");
    println!(
        "| {n} | {} | {twice} | {took:.2} | {:.0} |",
        g.accepted.len(),
        g.accepted.len() as f64 / took
    );
}

/// A site with 200 stalls, a market running now, 200 bookings, and the phone's queue of their
/// 200 check-ins sent over a poor signal.
async fn offline_sync(url: &str, db: &DatabaseConnection) {
    const N: usize = 200;
    let server = Server::start(url).await;
    let prepared = nightmarket::accounts::users::prepare(
        &nightmarket::identity::password::Passwords::default(),
        nightmarket::accounts::users::NewUser {
            login: "benchadmin".into(),
            name: "压测".into(),
            role: nightmarket::identity::Role::Admin,
            password: "bench-admin-pass-9".into(),
        },
    )
    .await
    .unwrap();
    nightmarket::accounts::users::insert(db, None, prepared)
        .await
        .unwrap();
    let admin = support::login(&server.base, "benchadmin", "bench-admin-pass-9").await;
    let ring = json!({"type": "Polygon", "coordinates": [[[100.81, 38.43], [100.8110, 38.43], [100.8110, 38.4306], [100.81, 38.4306], [100.81, 38.43]]]});
    let site = admin
        .post(format!("{}/api/v1/sites", server.base))
        .json(&json!({"code": "OFF", "name": "离线广场", "kind": "plaza", "boundary": ring}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let site32 = i32::try_from(site).unwrap();
    let mut stalls = Vec::new();
    for i in 0..N {
        let s = entity::stalls::ActiveModel {
            site_id: sea_orm::Set(site32),
            code: sea_orm::Set(format!("OFF-A-{i:03}")),
            row_index: sea_orm::Set(0),
            position: sea_orm::Set(i32::try_from(i).unwrap()),
            polygon: sea_orm::Set("{}".into()),
            width_m: sea_orm::Set(2.0),
            depth_m: sea_orm::Set(2.5),
            facing_deg: sea_orm::Set(0.0),
            status: sea_orm::Set("active".parse().unwrap()),
            power: sea_orm::Set(false),
            premium: sea_orm::Set(false),
            zone: sea_orm::Set(None),
            created_at: sea_orm::Set(Utc::now()),
            ..Default::default()
        };
        stalls.push(sea_orm::ActiveModelTrait::insert(s, db).await.unwrap().id);
    }
    let tz = nightmarket::clock::shanghai();
    let opened = (Utc::now() - chrono::Duration::hours(1)).with_timezone(&tz);
    let closes = opened + chrono::Duration::hours(2);
    let date = opened.date_naive();
    let m = admin
        .post(format!("{}/api/v1/markets", server.base))
        .json(&json!({"name": "离线夜市", "kind": "fixed",
            "segments": [{"name": "现在", "start": opened.format("%H:%M").to_string(), "end": closes.format("%H:%M").to_string()}],
            "schedule": [{"site_id": site, "segment": "现在", "from": date.to_string(), "to": date.to_string()}]}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let session = admin
        .get(format!(
            "{}/api/v1/markets/{m}/sessions?from={date}&to={date}",
            server.base
        ))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let vendors: Vec<i32> = {
        vendor_users(db, "1393", N).await;
        entity::vendors::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .filter(|v| v.phone.starts_with("1393"))
            .map(|v| v.id)
            .collect()
    };
    let mut bookings = Vec::new();
    for (stall, vendor) in stalls.iter().zip(&vendors) {
        let r: Value = admin
            .post(format!("{}/api/v1/bookings", server.base))
            .json(&json!({"session_id": session, "stall_id": stall, "vendor_id": vendor}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        bookings.push(r["id"].as_i64().expect("booking"));
    }
    // The phone's queue: one key per check-in, made when it was tapped.
    let mut queue: Vec<(i64, String, u32)> = bookings
        .iter()
        .map(|b| (*b, format!("phone-{}", uuid::Uuid::new_v4()), 0))
        .collect();
    let started = Instant::now();
    let mut requests = 0usize;
    let mut round = 0u32;
    while !queue.is_empty() {
        round += 1;
        let mut still = Vec::new();
        for (booking, key, tries) in queue {
            let r = admin
                .post(format!(
                    "{}/api/v1/bookings/{booking}/check-in",
                    server.base
                ))
                .header("Idempotency-Key", &key)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            requests += 1;
            // A poor signal: the answer to every other first try, and to every third second
            // try, is lost on the way back, so the phone sends it again.
            let lost = (tries == 0 && booking % 2 == 0) || (tries == 1 && booking % 3 == 0);
            assert!(
                r.status().is_success(),
                "check-in {booking}: {}",
                r.status()
            );
            if lost {
                still.push((booking, key, tries + 1));
            }
        }
        queue = still;
        assert!(round < 10);
    }
    let took = started.elapsed().as_secs_f64();
    let checked = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM bookings WHERE checked_in_at IS NOT NULL".to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    let audits = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'booking' AND action = 'check_in'"
                .to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    println!(
        "\n## An offline queue of {N} check-ins synced (answers lost on a poor signal, resent with the same key)\n"
    );
    println!(
        "| check-ins queued | requests sent | rounds | seconds | checked in | check-in audit rows | duplicates |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {N} | {requests} | {round} | {took:.2} | {checked} | {audits} | {} |",
        audits - checked
    );
    drop(server);
}

#[tokio::main]
async fn main() {
    let bench = BenchDb::create("BENCH_DATABASE_URL").await;
    // The server migrates the database on start; the outbox figures run in this process.
    let server = Server::start(&bench.url).await;
    drop(server);
    let db = nightmarket::db::connect(&bench.url, 8)
        .await
        .expect("connect");
    outbox_under_failure(&db).await;
    outbox_throughput(&db).await;
    offline_sync(&bench.url, &db).await;
    db.close().await.ok();
    bench.remove().await;
}
