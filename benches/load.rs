//! Load steps over real HTTP: 10 → 50 → 100 → 200 clients with a realistic mix (pages, API
//! reads, applications, bookings), then a storm of 200 logins while others keep reading.
//! Prints p50/p95/p99 per step and where the knee is, and at 100 clients the same per kind of
//! request. Run: `cargo bench --bench load` (`LOAD_SECONDS` per step, default 8;
//! `LOAD_DATABASE_URL=postgres://…` for a fresh database on that PostgreSQL server, default a
//! temp SQLite file). The server runs as its own process (the release binary), so the load
//! generator does not share its tokio runtime; `LOAD_IN_PROCESS=1` runs it inside this process
//! as before.

#[path = "support/mod.rs"]
mod support;

use nightmarket::config::{Config, LimitsMode};
use nightmarket::identity::Role;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use support::{Sample, login, percentile, timed};

/// The kinds of request in the mix, in the order `client` rolls them.
const KINDS: [&str; 7] = [
    "GET / (vendor home)",
    "GET /sites/2 (plan SVG)",
    "GET /api/v1/sites",
    "GET sessions list",
    "GET /api/v1/applications",
    "POST /api/v1/applications",
    "POST /api/v1/bookings",
];

struct Target {
    base: String,
    market: i64,
    sessions: Vec<i64>,
    stalls: Vec<i64>,
    vendors: Vec<(reqwest::Client, i64)>,
    manager: reqwest::Client,
    from: String,
    to: String,
}

/// One client's loop: mostly reads, some applications and bookings.
async fn client(t: Arc<Target>, id: usize, stop: Arc<AtomicBool>) -> Vec<(usize, Sample)> {
    let mut out = Vec::new();
    let (vendor, vendor_id) = &t.vendors[id % t.vendors.len()];
    let mut n = id;
    while !stop.load(Ordering::Relaxed) {
        n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let roll = (n >> 8) % 100;
        let kind = match roll {
            0..=24 => 0,
            25..=39 => 1,
            40..=54 => 2,
            55..=69 => 3,
            70..=79 => 4,
            80..=89 => 5,
            _ => 6,
        };
        let sample =
            match roll {
                0..=24 => timed(vendor.get(format!("{}/", t.base))).await,
                25..=39 => timed(vendor.get(format!("{}/sites/2", t.base))).await,
                40..=54 => timed(vendor.get(format!("{}/api/v1/sites", t.base))).await,
                55..=69 => {
                    timed(vendor.get(format!(
                        "{}/api/v1/markets/{}/sessions?from={}&to={}",
                        t.base, t.market, t.from, t.to
                    )))
                    .await
                }
                70..=79 => timed(vendor.get(format!("{}/api/v1/applications", t.base))).await,
                80..=89 => timed(vendor.post(format!("{}/api/v1/applications", t.base)).json(
                    &json!({
                        "market_id": t.market, "from": t.from, "to": t.to, "category": "服装百货"
                    }),
                ))
                .await,
                _ => {
                    let session = t.sessions[(n >> 3) % t.sessions.len()];
                    let stall = t.stalls[(n >> 5) % t.stalls.len()];
                    timed(
                        t.manager
                            .post(format!("{}/api/v1/bookings", t.base))
                            .json(&json!({
                                "session_id": session, "stall_id": stall, "vendor_id": vendor_id
                            })),
                    )
                    .await
                }
            };
        out.push((kind, sample));
    }
    out
}

fn report(label: &str, samples: &[Sample], seconds: f64) -> (f64, f64) {
    let ms = support::sorted_ms(samples);
    let count = |f: &dyn Fn(u16) -> bool| samples.iter().filter(|s| f(s.status)).count();
    let rps = samples.len() as f64 / seconds;
    let p95 = percentile(&ms, 0.95);
    println!(
        "{label:<26} {:>7} {:>8.0} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>6} {:>6} {:>5} {:>5} {:>5}",
        samples.len(),
        rps,
        percentile(&ms, 0.50),
        p95,
        percentile(&ms, 0.99),
        ms.last().copied().unwrap_or(0.0),
        count(&|s| (200..400).contains(&s)),
        count(&|s| (400..500).contains(&s) && s != 429),
        count(&|s| s == 429),
        count(&|s| s == 503),
        count(&|s| s == 0 || (s >= 500 && s != 503)),
    );
    (rps, p95)
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let bench_db = support::BenchDb::create("LOAD_DATABASE_URL").await;
    let url = bench_db.url.clone();
    let config = Config {
        database_url: url.clone(),
        limits: LimitsMode::Relaxed,
        ..Config::default()
    };
    let db = nightmarket::cli::open(&config).await.expect("database");
    let state = nightmarket::AppState::new(db, config);
    let creds = nightmarket::seed::first_run(&state.db, &state.passwords, true)
        .await
        .expect("seed");
    let in_process = std::env::var("LOAD_IN_PROCESS").is_ok_and(|v| v == "1");
    let mut server = None;
    let base = if in_process {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let app = nightmarket::router(state.clone());
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .ok();
        });
        base
    } else {
        let s = support::Server::start(&url).await;
        let base = s.base.clone();
        server = Some(s);
        base
    };

    let password = |role: Role| {
        creds
            .iter()
            .find(|c| c.role == role)
            .expect("credential")
            .clone()
    };
    let manager_cred = password(Role::Manager);
    let manager = login(&base, &manager_cred.login, &manager_cred.password).await;
    let markets: Value = manager
        .get(format!("{base}/api/v1/markets"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let market = markets["items"][1]["id"].as_i64().expect("demo market");
    let today = nightmarket::clock::today();
    let (from, to) = (
        today + chrono::Duration::days(1),
        today + chrono::Duration::days(14),
    );
    let sessions: Value = manager
        .get(format!(
            "{base}/api/v1/markets/{market}/sessions?from={from}&to={to}"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sessions: Vec<i64> = sessions["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_i64())
        .collect();
    let site = sessions_site(&manager, &base, market, &from.to_string(), &to.to_string()).await;
    let stalls: Value = manager
        .get(format!("{base}/api/v1/sites/{site}/stalls"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stalls: Vec<i64> = stalls["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_i64())
        .collect();

    println!("registering 200 vendors …");
    let mut vendors = Vec::new();
    for i in 0..200u32 {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let id =
            nightmarket::vendors::id_number::complete(&format!("62072219850101{:03}", i)).unwrap();
        let r: Value = c
            .post(format!("{base}/api/v1/vendors"))
            .json(&json!({"name": format!("压测{i}"), "phone": format!("1377000{i:04}"), "password": "load-test-vendor-9",
                          "id_number": id, "category": "服装百货"}))
            .send().await.unwrap().json().await.unwrap();
        vendors.push((c, r["vendor_id"].as_i64().expect("vendor")));
    }
    let target = Arc::new(Target {
        base: base.clone(),
        market,
        sessions,
        stalls,
        vendors,
        manager,
        from: from.to_string(),
        to: to.to_string(),
    });

    println!(
        "\n{seconds} s per step on {}, server {}",
        nightmarket::config::redact_url(&url),
        if in_process {
            "in this process"
        } else {
            "in its own process"
        }
    );
    println!(
        "{:<26} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6} {:>5} {:>5} {:>5}",
        "step",
        "reqs",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "2xx3xx",
        "4xx",
        "429",
        "503",
        "5xx"
    );
    let mut knee: Option<usize> = None;
    let mut by_kind: Vec<(usize, Sample)> = Vec::new();
    let mut last_rps = 0.0;
    for clients in [10usize, 50, 100, 200] {
        let stop = Arc::new(AtomicBool::new(false));
        let tasks: Vec<_> = (0..clients)
            .map(|i| tokio::spawn(client(target.clone(), i, stop.clone())))
            .collect();
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let mut tagged = Vec::new();
        for t in tasks {
            tagged.extend(t.await.expect("client"));
        }
        let samples: Vec<Sample> = tagged.iter().map(|(_, s)| *s).collect();
        let (rps, p95) = report(&format!("{clients} clients"), &samples, seconds as f64);
        if clients == 100 {
            by_kind = tagged;
        }
        if knee.is_none() && (p95 > 300.0 || (last_rps > 0.0 && rps < last_rps * 1.1)) {
            knee = Some(clients);
        }
        last_rps = rps;
    }
    match knee {
        Some(k) => println!("knee: throughput stops growing or p95 passes 300 ms at {k} clients"),
        None => println!("knee: not reached at 200 clients"),
    }
    println!("\nat 100 clients, by kind of request:");
    for (k, name) in KINDS.iter().enumerate() {
        let samples: Vec<Sample> = by_kind
            .iter()
            .filter(|(kind, _)| *kind == k)
            .map(|(_, s)| *s)
            .collect();
        report(name, &samples, seconds as f64);
    }

    // 200 logins at once while 20 readers keep going: the readers must not stall.
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..20)
        .map(|i| tokio::spawn(client(target.clone(), i, stop.clone())))
        .collect();
    let started = Instant::now();
    let logins: Vec<_> = (0..200u32)
        .map(|i| {
            let base = base.clone();
            tokio::spawn(async move {
                let c = reqwest::Client::new();
                timed(c.post(format!("{base}/api/v1/session")).json(
                    &json!({"login": format!("1377000{i:04}"), "password": "load-test-vendor-9"}),
                ))
                .await
            })
        })
        .collect();
    let mut login_samples = Vec::new();
    for l in logins {
        login_samples.push(l.await.expect("login"));
    }
    let storm = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut read_samples = Vec::new();
    for r in readers {
        read_samples.extend(r.await.expect("reader").into_iter().map(|(_, s)| s));
    }
    report("200 logins at once", &login_samples, storm);
    report("readers meanwhile", &read_samples, storm);
    drop(server);
    state.db.close().await.ok();
    bench_db.remove().await;
}

/// The site of a market's first session.
async fn sessions_site(c: &reqwest::Client, base: &str, market: i64, from: &str, to: &str) -> i64 {
    let s: Value = c
        .get(format!(
            "{base}/api/v1/markets/{market}/sessions?from={from}&to={to}"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    s["items"][0]["site_id"].as_i64().expect("a session")
}
