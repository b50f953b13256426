//! Reports benchmark: a seeded synthetic year for a county — 10 sites, 2,000 stalls, 3 markets,
//! 2 segments a day on every site for 365 days (≈ 1.46 M stall-sessions, ≈ 1 M bookings) —
//! bulk-inserted into a temporary SQLite file (or the empty PostgreSQL database named by
//! `BENCH_DATABASE_URL`), then every `group_by` timed as JSON, CSV and XLSX, the dashboard's
//! queries, and a hand-written single SQL aggregate for comparison.
//!
//! Run with `cargo bench --bench reports` (`BENCH_SCALE=0.25` for a quarter of the bookings).

use nightmarket::i18n::Lang;
use nightmarket::reports::dashboard::dashboard;
use nightmarket::reports::export::{to_csv, to_xlsx};
use nightmarket::reports::occupancy::occupancy;
use nightmarket::reports::params::{Filters, GroupBy};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
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
    let users: Vec<String> = (1..=VENDORS)
        .map(|i| format!("({i}, '1390000{i:04}', '摊主{i}', 'vendor', '!', false, {ts})"))
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
            format!("({i}, {i}, '摊主{i}', '1390000{i:04}', '620722198001010000', '{}', false, '{groups}', {ts})", CATEGORIES[i as usize % 5])
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
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
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
        exec(db, "ANALYZE").await;
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

/// The best single hand-written aggregate for a grouping: one statement over bookings ⋈
/// sessions, grouped by the key (month keys via the backend's own date function).
fn hand_sql(db: &DatabaseConnection, group: GroupBy) -> Statement {
    let key = match (group, db.get_database_backend()) {
        (GroupBy::Site, _) => "s.site_id".to_owned(),
        (_, sea_orm::DbBackend::Postgres) => "to_char(s.business_date, 'YYYY-MM')".to_owned(),
        _ => "substr(s.business_date, 1, 7)".to_owned(),
    };
    Statement::from_string(
        db.get_database_backend(),
        format!(
            "SELECT {key} AS k, COUNT(*), SUM(CASE WHEN b.checked_in_at IS NOT NULL THEN 1 ELSE 0 END), \
             COUNT(DISTINCT b.vendor_id) FROM bookings b JOIN market_sessions s ON s.id = b.session_id \
             WHERE s.status = 'scheduled' AND s.business_date >= '2025-01-01' AND s.business_date <= '2025-12-31' \
             GROUP BY k"
        ),
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let scale: f64 = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        )
    });
    let db = nightmarket::db::connect(&url, 4).await.expect("connect");
    <migration::Migrator as migration::MigratorTrait>::up(&db, None)
        .await
        .expect("migrate");
    let backend = format!("{:?}", db.get_database_backend());
    let t = Instant::now();
    let (sessions, bookings) = generate(&db, scale).await;
    println!(
        "{backend}: generated {sessions} sessions, {} stall-sessions, {bookings} bookings in {:.1} s",
        sessions * STALLS_PER_SITE as u64,
        t.elapsed().as_secs_f64()
    );

    let filters = Filters {
        from: "2025-01-01".parse().unwrap(),
        to: "2025-12-31".parse().unwrap(),
        visible_markets: None,
        site: None,
        market: None,
        segment: None,
        category: None,
        priority_group: None,
    };
    println!();
    println!(
        "{:<10} {:>10} {:>10} {:>10} {:>10} {:>8}",
        "group_by", "json ms", "csv ms", "xlsx ms", "1-SQL ms", "ratio"
    );
    for group in GroupBy::ALL {
        let json = time(3, || async {
            let r = occupancy(&db, group, &filters).await.unwrap();
            serde_json::to_vec(&r).unwrap()
        })
        .await;
        let csv = time(3, || async {
            let r = occupancy(&db, group, &filters).await.unwrap();
            to_csv(&r, group, Lang::Zh)
        })
        .await;
        let xlsx = time(3, || async {
            let r = occupancy(&db, group, &filters).await.unwrap();
            to_xlsx(&r, group, &filters, Lang::Zh).unwrap()
        })
        .await;
        let (hand, ratio) = if matches!(group, GroupBy::Site | GroupBy::Month) {
            let h = time(3, || async {
                db.query_all_raw(hand_sql(&db, group)).await.unwrap()
            })
            .await;
            (format!("{h:.1}"), format!("{:.2}", json / h))
        } else {
            ("–".into(), "–".into())
        };
        println!(
            "{:<10} {json:>10.1} {csv:>10.1} {xlsx:>10.1} {hand:>10} {ratio:>8}",
            group.as_str()
        );
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let dash = time(3, || async {
        dashboard(&db, &filters, today).await.unwrap()
    })
    .await;
    println!(
        "{:<10} {dash:>10.1}  (all dashboard queries, whole year)",
        "dashboard"
    );
    let r = occupancy(&db, GroupBy::Month, &filters).await.unwrap();
    println!(
        "\ncheck: totals sessions {} stall_slots {} booked {} checked_in {} vendors {} rate {:.4}",
        r.totals.sessions,
        r.totals.stall_slots,
        r.totals.booked,
        r.totals.checked_in,
        r.totals.vendors,
        r.totals.occupancy_rate
    );
}
