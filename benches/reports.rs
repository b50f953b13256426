//! Reports benchmark: a seeded synthetic year for a county — 10 sites, 2,000 stalls, 3 markets,
//! 2 segments a day on every site for 365 days (≈ 1.46 M stall-sessions, ≈ 1 M bookings) —
//! bulk-inserted (multi-row `INSERT`s, through the booking triggers) into a temporary SQLite
//! file and, when `BENCH_POSTGRES_URL` names a PostgreSQL server, into a fresh database
//! created there (and dropped afterwards). On each: every `group_by` timed as JSON, CSV and
//! XLSX, the best hand-written single SQL aggregate over the base tables for comparison (its
//! rows must equal the report's), the dashboard page and the XLSX download over HTTP.
//!
//! Run with `cargo bench --bench reports`
//! (`BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL too,
//! `BENCH_SCALE=0.25` for a quarter of the bookings).

mod figures;
mod support;

use nightmarket::config::{Config, LimitsMode};
use nightmarket::i18n::Lang;
use nightmarket::reports::dashboard::dashboard;
use nightmarket::reports::digest_cache::DigestCache;
use nightmarket::reports::export::{to_csv, to_xlsx};
use nightmarket::reports::occupancy::{OccupancyReport, occupancy};
use nightmarket::reports::params::{Filters, GroupBy};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::collections::BTreeMap;
use std::time::Instant;

const SITES: i32 = 10;
const STALLS_PER_SITE: i32 = 200;
const VENDORS: i32 = 3_000;
const DAYS: i64 = 365;
const SEGMENTS: [(&str, u32, u32); 2] = [("早市", 0, 3), ("夜市", 10, 15)];
const CATEGORIES: [&str; 5] = ["小吃餐饮", "农副产品", "服装百货", "手工文创", "便民服务"];

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.expect(sql);
}

/// Inserts `rows` (already SQL tuples) into `head` in chunks.
async fn insert_chunks(db: &DatabaseConnection, head: &str, rows: &[String]) {
    for chunk in rows.chunks(2_000) {
        exec(db, &format!("{head} VALUES {}", chunk.join(","))).await;
    }
}

async fn generate(db: &DatabaseConnection, scale: f64) -> (u64, u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let ts = "'2025-01-01 00:00:00+00:00'";
    let ring = r#"{"type":"Polygon","coordinates":[[[100.81,38.43],[100.8105,38.43],[100.8105,38.4303],[100.81,38.4303],[100.81,38.43]]]}"#;
    let sites: Vec<String> = (1..=SITES)
        .map(|i| format!("({i}, 'S{i:02}', '场地{i}', 'plaza', '{ring}', 'wgs84', 1200.0, 100.81, 38.43, 100.8105, 38.4303, 100.81025, 38.43015, {ts})"))
        .collect();
    insert_chunks(db, "INSERT INTO sites (id, code, name, kind, boundary, source_crs, area_m2, min_lon, min_lat, max_lon, max_lat, centroid_lon, centroid_lat, created_at)", &sites).await;
    let stalls: Vec<String> = (0..SITES * STALLS_PER_SITE)
        .map(|i| {
            let site = i / STALLS_PER_SITE + 1;
            format!("({}, {site}, 'S{site:02}-A-{i:04}', 0, {i}, '{{}}', 2.0, 2.5, 0.0, 'active', false, false, {ts})", i + 1)
        })
        .collect();
    insert_chunks(db, "INSERT INTO stalls (id, site_id, code, row_index, position, polygon, width_m, depth_m, facing_deg, status, power, premium, created_at)", &stalls).await;
    // User 1 is the administrator the benchmark logs in as.
    let users: Vec<String> = (1..=VENDORS)
        .map(|i| {
            format!(
                "({}, '1390000{i:04}', '摊主{i}', 'vendor', '!', false, {ts})",
                i + 1
            )
        })
        .collect();
    insert_chunks(
        db,
        "INSERT INTO users (id, login, name, role, password_hash, disabled, created_at)",
        &users,
    )
    .await;
    let vendors: Vec<String> = (1..=VENDORS)
        .map(|i| {
            let groups = if i % 10 == 0 { r#"["dibao"]"# } else { "[]" };
            format!("({i}, {}, '摊主{i}', '1390000{i:04}', '620722198001010000', '{}', false, '{groups}', {ts})", i + 1, CATEGORIES[i as usize % 5])
        })
        .collect();
    insert_chunks(db, "INSERT INTO vendors (id, user_id, name, phone, id_number, category, individual_business, priority_groups, created_at)", &vendors).await;
    let markets: Vec<String> = ["文昌路夜市", "财富广场早市", "流动夜市"]
        .iter()
        .enumerate()
        .map(|(i, n)| format!("({}, '{n}', 'fixed', false, {ts})", i + 1))
        .collect();
    insert_chunks(
        db,
        "INSERT INTO markets (id, name, kind, self_select, created_at)",
        &markets,
    )
    .await;

    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut sessions = Vec::new();
    let mut bookings = Vec::new();
    let mut session_id = 0;
    let p = 0.68 * scale;
    // Every booking has a sales report (issue 19), from its own random stream so the
    // bookings stay those of the earlier runs.
    let mut sales_rng = ChaCha8Rng::seed_from_u64(19);
    let mut sales = Vec::new();
    for day in 0..DAYS {
        let date = start + chrono::Duration::days(day);
        for site in 1..=SITES {
            for (segment, h0, h1) in SEGMENTS {
                session_id += 1;
                let market = (site - 1) % 3 + 1;
                sessions.push(format!(
                    "({session_id}, {market}, {site}, '{date}', '{segment}', '{date} {h0:02}:00:00+00:00', '{date} {h1:02}:00:00+00:00', 'scheduled', {ts})"
                ));
                let base = rng.random_range(0..VENDORS);
                for i in 0..STALLS_PER_SITE {
                    if rng.random_bool(p) {
                        let stall = (site - 1) * STALLS_PER_SITE + i + 1;
                        let vendor = (base + i) % VENDORS + 1;
                        let checked = if rng.random_bool(0.85) { ts } else { "NULL" };
                        bookings.push(format!(
                            "({session_id}, {stall}, {vendor}, 'booked', {checked}, {ts})"
                        ));
                        sales.push(figures::sales_row(
                            &mut sales_rng,
                            bookings.len(),
                            session_id,
                            vendor,
                            ts,
                        ));
                    }
                }
            }
        }
    }
    insert_chunks(db, "INSERT INTO market_sessions (id, market_id, site_id, business_date, segment, starts_at, ends_at, status, created_at)", &sessions).await;
    insert_chunks(
        db,
        "INSERT INTO bookings (session_id, stall_id, vendor_id, status, checked_in_at, created_at)",
        &bookings,
    )
    .await;
    insert_chunks(db, figures::SALES_INSERT, &sales).await;
    if db.get_database_backend() == DbBackend::Postgres {
        for t in [
            "sites",
            "stalls",
            "users",
            "vendors",
            "markets",
            "market_sessions",
        ] {
            exec(
                db,
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"
                ),
            )
            .await;
        }
        // The triggers rewrote each session's digest once per booking: reclaim the dead rows.
        exec(db, "VACUUM ANALYZE").await;
    } else {
        exec(db, "ANALYZE").await;
    }
    (sessions.len() as u64, bookings.len() as u64)
}

/// Median of `runs` timings of `f`, in milliseconds.
async fn time<F, Fut, T>(runs: usize, mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut ms = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f().await);
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

/// The best single hand-written SQL we found for the same figures, straight from the base
/// tables: per key the sessions, stall-sessions (active stalls of the site per session),
/// bookings, check-ins and distinct vendors, plus a totals row (key NULL). Distinct vendors
/// go through (key, vendor) pairs, which both backends aggregate faster than
/// `COUNT(DISTINCT …)` per key and which give the totals without a second pass over the
/// bookings. Month keys use the backend's own date function.
fn hand_sql(backend: DbBackend, group: GroupBy) -> Statement {
    let key = match (group, backend) {
        (GroupBy::Site, _) => "CAST(s.site_id AS TEXT)",
        (_, DbBackend::Postgres) => "to_char(s.business_date, 'YYYY-MM')",
        _ => "substr(s.business_date, 1, 7)",
    };
    Statement::from_string(
        backend,
        format!(
            "WITH st AS (SELECT site_id, COUNT(*) AS n FROM stalls WHERE status = 'active' GROUP BY site_id), \
             ss AS (SELECT s.id, {key} AS k, COALESCE(st.n, 0) AS slots FROM market_sessions s \
               LEFT JOIN st ON st.site_id = s.site_id \
               WHERE s.status = 'scheduled' AND s.business_date >= '2025-01-01' AND s.business_date <= '2025-12-31'), \
             pairs AS (SELECT ss.k, b.vendor_id, COUNT(*) AS n, \
               SUM(CASE WHEN b.checked_in_at IS NOT NULL THEN 1 ELSE 0 END) AS c \
               FROM bookings b JOIN ss ON ss.id = b.session_id GROUP BY ss.k, b.vendor_id), \
             offered AS (SELECT k, COUNT(*) AS sessions, SUM(slots) AS slots FROM ss GROUP BY k), \
             taken AS (SELECT k, SUM(n) AS booked, SUM(c) AS checked, COUNT(*) AS vendors FROM pairs GROUP BY k) \
             SELECT o.k, o.sessions, CAST(o.slots AS BIGINT), CAST(t.booked AS BIGINT), \
               CAST(t.checked AS BIGINT), t.vendors \
               FROM offered o LEFT JOIN taken t ON t.k = o.k \
             UNION ALL SELECT NULL, (SELECT COUNT(*) FROM ss), (SELECT CAST(SUM(slots) AS BIGINT) FROM ss), \
               (SELECT CAST(SUM(n) AS BIGINT) FROM pairs), (SELECT CAST(SUM(c) AS BIGINT) FROM pairs), \
               (SELECT COUNT(DISTINCT vendor_id) FROM pairs)"
        ),
    )
}

type Figures = [u64; 5];

/// The hand-written SQL's rows by key ("" for the totals).
async fn hand_rows(db: &DatabaseConnection, group: GroupBy) -> BTreeMap<String, Figures> {
    let rows = db
        .query_all_raw(hand_sql(db.get_database_backend(), group))
        .await
        .expect("hand-written SQL");
    let n = |r: &sea_orm::QueryResult, i| {
        r.try_get_by_index::<Option<i64>>(i)
            .expect("a count")
            .unwrap_or(0) as u64
    };
    rows.iter()
        .map(|r| {
            let k: Option<String> = r.try_get_by_index(0).expect("key");
            (
                k.unwrap_or_default(),
                [n(r, 1), n(r, 2), n(r, 3), n(r, 4), n(r, 5)],
            )
        })
        .collect()
}

/// The report's rows by key, in the same shape.
fn report_rows(r: &OccupancyReport) -> BTreeMap<String, Figures> {
    let t = &r.totals;
    r.rows
        .iter()
        .map(|x| {
            (
                x.key.clone(),
                [x.sessions, x.stall_slots, x.booked, x.checked_in, x.vendors],
            )
        })
        .chain([(
            String::new(),
            [t.sessions, t.stall_slots, t.booked, t.checked_in, t.vendors],
        )])
        .collect()
}

/// The figures checked against the targets of issue 7.
struct Targets {
    backend: String,
    site: (f64, f64),
    month: (f64, f64),
    dashboard: f64,
    xlsx: f64,
    figures: figures::Targets,
}

/// Generates the year on `url` and times everything; prints a table.
async fn run(url: &str, scale: f64) -> Targets {
    let config = Config {
        database_url: url.to_owned(),
        limits: LimitsMode::Relaxed,
        ..Config::default()
    };
    let db = nightmarket::cli::open(&config).await.expect("database");
    let state = nightmarket::AppState::new(db.clone(), config);
    let admin = nightmarket::seed::first_run(&state.db, &state.passwords, false)
        .await
        .expect("administrator")
        .pop()
        .expect("administrator credential");
    let backend = format!("{:?}", db.get_database_backend());
    let t = Instant::now();
    let (sessions, bookings) = generate(&db, scale).await;
    println!(
        "\n{backend}: generated {sessions} sessions, {} stall-sessions, {bookings} bookings in {:.1} s",
        sessions * STALLS_PER_SITE as u64,
        t.elapsed().as_secs_f64()
    );

    let filters = Filters::period("2025-01-01".parse().unwrap(), "2025-12-31".parse().unwrap());
    println!(
        "{:<10} {:>10} {:>10} {:>10} {:>10} {:>8}",
        "group_by", "json ms", "csv ms", "xlsx ms", "1-SQL ms", "ratio"
    );
    let mut targets = Targets {
        backend: backend.clone(),
        site: (0.0, 0.0),
        month: (0.0, 0.0),
        dashboard: 0.0,
        xlsx: 0.0,
        figures: figures::Targets::default(),
    };
    // One process's digest cache, as a running server holds it (see issue 19's table for the
    // same reports with a new cache each time).
    let cache = DigestCache::default();
    for group in GroupBy::ALL {
        let json = time(5, || async {
            let r = occupancy(&db, &cache, group, &filters).await.unwrap();
            serde_json::to_vec(&r).unwrap()
        })
        .await;
        let csv = time(3, || async {
            let r = occupancy(&db, &cache, group, &filters).await.unwrap();
            to_csv(&r, group, Lang::Zh)
        })
        .await;
        let xlsx = time(3, || async {
            let r = occupancy(&db, &cache, group, &filters).await.unwrap();
            to_xlsx(&r, group, &filters, Lang::Zh).unwrap()
        })
        .await;
        let (hand, ratio) = if matches!(group, GroupBy::Site | GroupBy::Month) {
            let report = occupancy(&db, &cache, group, &filters).await.unwrap();
            assert_eq!(
                report_rows(&report),
                hand_rows(&db, group).await,
                "the report and the hand-written SQL disagree ({backend}, {group:?})"
            );
            let h = time(5, || async {
                db.query_all_raw(hand_sql(db.get_database_backend(), group))
                    .await
                    .unwrap()
            })
            .await;
            if group == GroupBy::Site {
                targets.site = (json, json / h);
            } else {
                targets.month = (json, json / h);
            }
            (format!("{h:.1}"), format!("{:.2}", json / h))
        } else {
            ("–".into(), "–".into())
        };
        targets.xlsx = targets.xlsx.max(xlsx);
        println!(
            "{:<10} {json:>10.1} {csv:>10.1} {xlsx:>10.1} {hand:>10} {ratio:>8}",
            group.as_str()
        );
    }
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00+08:00")
        .unwrap()
        .to_utc();
    let dash = time(5, || async {
        dashboard(&db, &cache, &filters, now).await.unwrap()
    })
    .await;
    println!(
        "{:<10} {dash:>10.1}  (dashboard figures, whole year)",
        "dashboard"
    );

    // The same over HTTP, as the bureau's browser gets them.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let app = nightmarket::router(state.clone());
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .ok();
    });
    let client = support::login(&base, &admin.login, &admin.password).await;
    let period = "from=2025-01-01&to=2025-12-31";
    let get = |path: String| {
        let client = client.clone();
        async move {
            let r = client.get(path).send().await.expect("GET");
            assert!(r.status().is_success(), "{}", r.status());
            r.bytes().await.expect("body").len()
        }
    };
    let page = time(5, || get(format!("{base}/reports?{period}"))).await;
    println!(
        "{:<10} {page:>10.1}  (GET /reports page, whole year)",
        "page"
    );
    for group in ["site", "month"] {
        let ms = time(3, || {
            get(format!(
                "{base}/api/v1/reports/occupancy?{period}&group_by={group}&format=xlsx"
            ))
        })
        .await;
        targets.xlsx = targets.xlsx.max(ms);
        println!(
            "{:<10} {ms:>10.1}  (GET …&group_by={group}&format=xlsx)",
            "xlsx http"
        );
    }
    targets.dashboard = page.max(dash);
    server.abort();

    let r = occupancy(&db, &cache, GroupBy::Month, &filters)
        .await
        .unwrap();
    println!(
        "check: report = hand-written SQL for site and month; totals sessions {} stall_slots {} \
         booked {} checked_in {} vendors {} rate {:.4}",
        r.totals.sessions,
        r.totals.stall_slots,
        r.totals.booked,
        r.totals.checked_in,
        r.totals.vendors,
        r.totals.occupancy_rate
    );
    targets.figures = figures::run(&db, &filters, &base_for_figures(&state, &admin).await).await;
    db.close().await.ok();
    targets
}

/// A server of its own for the open-data and summary requests over HTTP.
async fn base_for_figures(
    state: &nightmarket::AppState,
    admin: &nightmarket::seed::Credential,
) -> figures::Http {
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
    let client = support::login(&base, &admin.login, &admin.password).await;
    figures::Http { base, client }
}

/// A fresh PostgreSQL database on the server of `server_url`, named `name`.
async fn create_postgres(server_url: &str, name: &str) -> String {
    let admin = sea_orm::Database::connect(server_url)
        .await
        .expect("connect BENCH_POSTGRES_URL");
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
        .await
        .expect("drop old bench database");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create bench database");
    admin.close().await.ok();
    let (base, query) = server_url
        .split_once('?')
        .map_or((server_url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &base[..path]);
    if let Some(q) = query {
        url = format!("{url}?{q}");
    }
    url
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let scale: f64 = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let mut all = vec![run(&sqlite, scale).await];
    if let Some(server) = std::env::var("BENCH_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        let name = format!("nm_bench_reports_{}", std::process::id());
        let url = create_postgres(&server, &name).await;
        all.push(run(&url, scale).await);
        let admin = sea_orm::Database::connect(&server).await.expect("connect");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await
            .ok();
    }

    println!(
        "\ntargets (issue 7): report ≤ 300 ms and ≤ 2× the hand-written SQL, dashboard ≤ 500 ms, XLSX ≤ 2 s"
    );
    let mark = |ok: bool| if ok { "ok" } else { "MISSED" };
    for t in &all {
        println!(
            "{:<8} site {:.1} ms ({:.2}×) {}  month {:.1} ms ({:.2}×) {}  dashboard {:.1} ms {}  xlsx {:.1} ms {}",
            t.backend,
            t.site.0,
            t.site.1,
            mark(t.site.0 <= 300.0 && t.site.1 <= 2.0),
            t.month.0,
            t.month.1,
            mark(t.month.0 <= 300.0 && t.month.1 <= 2.0),
            t.dashboard,
            mark(t.dashboard <= 500.0),
            t.xlsx,
            mark(t.xlsx <= 2000.0),
        );
    }
    figures::print_targets(all.iter().map(|t| (t.backend.as_str(), &t.figures)));
}
