//! Issue 19's part of the reports benchmark: on the synthetic year with a sales report for
//! every booking, the occupancy report with sales by every `group_by`, the period summary and
//! the open-data GeoJSON of a 3,000-stall county (warm, over HTTP), each against the best
//! hand-written SQL we found for the same figures (whose figures must be equal), and the
//! totals against a recount from the raw rows.

use nightmarket::reports::digest_cache::DigestCache;
use nightmarket::reports::occupancy::{OccupancyReport, occupancy};
use nightmarket::reports::open_data::build_stalls;
use nightmarket::reports::params::{Filters, GroupBy};
use nightmarket::reports::summary::summary;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::collections::BTreeMap;
use std::time::Instant;

/// The head of the sales reports' multi-row insert.
pub const SALES_INSERT: &str = "INSERT INTO sales_reports (booking_id, session_id, vendor_id, \
     sales_fen, voucher_fen, helpers, flagged, created_at)";

/// One booking's report: ¥200 – ¥2,200 to the fen, vouchers on 30 % of the nights, 0 – 3 helpers.
pub fn sales_row(
    rng: &mut ChaCha8Rng,
    booking: usize,
    session: i32,
    vendor: i32,
    ts: &str,
) -> String {
    let sales: i64 = 20_000 + rng.random_range(0..200_000);
    let voucher = if rng.random_bool(0.3) { sales / 10 } else { 0 };
    let helpers: i32 = rng.random_range(0..4);
    format!("({booking}, {session}, {vendor}, {sales}, {voucher}, {helpers}, false, {ts})")
}

/// Where the benchmark's server listens, and a logged-in administrator.
pub struct Http {
    /// `http://127.0.0.1:port`.
    pub base: String,
    /// Logged in.
    pub client: reqwest::Client,
}

/// The measured figures against issue 19's targets.
#[derive(Debug, Default)]
pub struct Targets {
    /// The slowest occupancy report with sales (ms, warm cache) and its grouping.
    pub worst_report: (f64, &'static str),
    /// The slowest with a new cache (the first report after a start).
    pub worst_cold: (f64, &'static str),
    /// The summary with a new cache.
    pub summary_cold: f64,
    /// The largest ratio to the hand-written SQL, and its grouping.
    pub worst_ratio: (f64, &'static str),
    /// Summary ms and ratio.
    pub summary: (f64, f64),
    /// GeoJSON warm over HTTP ms, and ratio to the hand-written SQL.
    pub geojson: (f64, f64),
    /// Totals equal the recount.
    pub recount: bool,
}

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

const PERIOD: &str = "s.status = 'scheduled' AND s.business_date >= '2025-01-01' AND s.business_date <= '2025-12-31'";

/// The key expression of a grouping on either backend (`None`: no hand-written SQL for it).
fn key(backend: DbBackend, group: GroupBy) -> Option<&'static str> {
    let pg = backend == DbBackend::Postgres;
    Some(match group {
        GroupBy::Site => "CAST(s.site_id AS TEXT)",
        GroupBy::Market => "CAST(s.market_id AS TEXT)",
        GroupBy::Segment => "s.segment",
        GroupBy::Day if pg => "to_char(s.business_date, 'YYYY-MM-DD')",
        GroupBy::Day => "CAST(s.business_date AS TEXT)",
        GroupBy::Month if pg => "to_char(s.business_date, 'YYYY-MM')",
        GroupBy::Month => "substr(s.business_date, 1, 7)",
        GroupBy::Week if pg => "to_char(s.business_date, 'IYYY-\"W\"IW')",
        GroupBy::Week | GroupBy::Category => return None,
    })
}

/// The best single SQL for the whole report with sales: per key sessions, stall-sessions,
/// bookings, check-ins, distinct vendors, sales, vouchers, reports and jobs, plus totals.
fn hand_sql(backend: DbBackend, key: &str) -> Statement {
    Statement::from_string(
        backend,
        format!(
            "WITH st AS (SELECT site_id, COUNT(*) AS n FROM stalls WHERE status = 'active' GROUP BY site_id), \
             ss AS (SELECT s.id, {key} AS k, COALESCE(st.n, 0) AS slots FROM market_sessions s \
               LEFT JOIN st ON st.site_id = s.site_id WHERE {PERIOD}), \
             pairs AS (SELECT ss.k, b.vendor_id, COUNT(*) AS n, \
               SUM(CASE WHEN b.checked_in_at IS NOT NULL THEN 1 ELSE 0 END) AS c \
               FROM bookings b JOIN ss ON ss.id = b.session_id GROUP BY ss.k, b.vendor_id), \
             sold AS (SELECT ss.k, r.vendor_id, SUM(r.sales_fen) AS f, SUM(r.voucher_fen) AS v, \
               COUNT(*) AS n, MAX(r.helpers) AS h \
               FROM sales_reports r JOIN ss ON ss.id = r.session_id GROUP BY ss.k, r.vendor_id), \
             offered AS (SELECT k, COUNT(*) AS sessions, SUM(slots) AS slots FROM ss GROUP BY k), \
             taken AS (SELECT k, SUM(n) AS booked, SUM(c) AS checked, COUNT(*) AS vendors FROM pairs GROUP BY k), \
             sales AS (SELECT k, SUM(f) AS f, SUM(v) AS v, SUM(n) AS n, SUM(h) AS h FROM sold GROUP BY k), \
             vh AS (SELECT vendor_id, MAX(h) AS h FROM sold GROUP BY vendor_id) \
             SELECT o.k, CAST(t.vendors AS BIGINT), CAST(x.f AS BIGINT), CAST(x.v AS BIGINT), \
               CAST(x.n AS BIGINT), CAST(t.vendors + x.h AS BIGINT), o.sessions, CAST(o.slots AS BIGINT), \
               CAST(t.booked AS BIGINT) \
               FROM offered o LEFT JOIN taken t ON t.k = o.k LEFT JOIN sales x ON x.k = o.k \
             UNION ALL SELECT NULL, (SELECT COUNT(DISTINCT vendor_id) FROM pairs), \
               (SELECT CAST(SUM(f) AS BIGINT) FROM sold), (SELECT CAST(SUM(v) AS BIGINT) FROM sold), \
               (SELECT CAST(SUM(n) AS BIGINT) FROM sold), \
               (SELECT CAST(COUNT(DISTINCT vendor_id) + (SELECT COALESCE(SUM(h), 0) FROM vh) AS BIGINT) FROM pairs), \
               (SELECT COUNT(*) FROM ss), (SELECT CAST(SUM(slots) AS BIGINT) FROM ss), \
               (SELECT CAST(SUM(n) AS BIGINT) FROM pairs)"
        ),
    )
}

type Row = [i64; 8];

fn int(r: &sea_orm::QueryResult, i: usize) -> i64 {
    r.try_get_by_index::<Option<i64>>(i)
        .expect("an integer")
        .unwrap_or(0)
}

async fn hand_rows(db: &DatabaseConnection, key: &str) -> BTreeMap<String, Row> {
    let rows = db
        .query_all_raw(hand_sql(db.get_database_backend(), key))
        .await
        .expect("hand-written SQL");
    rows.iter()
        .map(|r| {
            let k: Option<String> = r.try_get_by_index(0).expect("key");
            (
                k.unwrap_or_default(),
                std::array::from_fn(|i| int(r, i + 1)),
            )
        })
        .collect()
}

fn report_rows(r: &OccupancyReport) -> BTreeMap<String, Row> {
    let t = &r.totals;
    r.rows
        .iter()
        .map(|x| {
            (
                x.key.clone(),
                [
                    x.vendors as i64,
                    x.sales_fen,
                    x.voucher_fen,
                    x.reports_filed as i64,
                    x.jobs as i64,
                    x.sessions as i64,
                    x.stall_slots as i64,
                    x.booked as i64,
                ],
            )
        })
        .chain([(
            String::new(),
            [
                t.vendors as i64,
                t.sales_fen,
                t.voucher_fen,
                t.reports_filed as i64,
                t.jobs as i64,
                t.sessions as i64,
                t.stall_slots as i64,
                t.booked as i64,
            ],
        )])
        .collect()
}

/// The summary's figures in one SQL per period (this year and the one before).
fn summary_sql(backend: DbBackend, from: &str, to: &str) -> Statement {
    Statement::from_string(
        backend,
        format!(
            "WITH ss AS (SELECT id, market_id, site_id, business_date FROM market_sessions \
               WHERE status = 'scheduled' AND business_date <= '{to}'), \
             cur AS (SELECT * FROM ss WHERE business_date >= '{from}'), \
             st AS (SELECT site_id, COUNT(*) AS n FROM stalls WHERE status = 'active' GROUP BY site_id), \
             firsts AS (SELECT b.vendor_id, MIN(ss.business_date) AS d FROM bookings b \
               JOIN ss ON ss.id = b.session_id GROUP BY b.vendor_id), \
             cv AS (SELECT DISTINCT b.vendor_id FROM bookings b JOIN cur ON cur.id = b.session_id), \
             h AS (SELECT r.vendor_id, MAX(r.helpers) AS h, SUM(r.sales_fen) AS f, SUM(r.voucher_fen) AS v \
               FROM sales_reports r JOIN cur ON cur.id = r.session_id GROUP BY r.vendor_id) \
             SELECT (SELECT COUNT(DISTINCT market_id) FROM cur), (SELECT COUNT(DISTINCT site_id) FROM cur), \
               (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM st WHERE site_id IN (SELECT site_id FROM cur)), \
               (SELECT COUNT(*) FROM cv), \
               (SELECT COUNT(*) FROM cv JOIN firsts f ON f.vendor_id = cv.vendor_id WHERE f.d >= '{from}'), \
               (SELECT CAST(COALESCE(SUM(h), 0) AS BIGINT) FROM h) + (SELECT COUNT(*) FROM cv), \
               (SELECT CAST(COALESCE(SUM(f), 0) AS BIGINT) FROM h), \
               (SELECT CAST(COALESCE(SUM(v), 0) AS BIGINT) FROM h)"
        ),
    )
}

/// The stalls of a date as the open data shows them, in one SQL.
fn geojson_sql(backend: DbBackend) -> Statement {
    Statement::from_string(
        backend,
        "SELECT si.code, st.code, st.polygon, x.category, x.checked FROM stalls st \
         JOIN sites si ON si.id = st.site_id \
         LEFT JOIN (SELECT b.stall_id, MAX(v.category) AS category, \
             MAX(CASE WHEN b.checked_in_at IS NULL THEN 0 ELSE 1 END) AS checked \
           FROM bookings b JOIN market_sessions s ON s.id = b.session_id \
           JOIN vendors v ON v.id = b.vendor_id \
           WHERE s.status = 'scheduled' AND s.business_date = '2025-06-30' GROUP BY b.stall_id) x \
           ON x.stall_id = st.id \
         WHERE st.status = 'active' ORDER BY si.code, st.code"
            .to_owned(),
    )
}

/// A 2 m × 2.5 m stall near Minle, as stored GeoJSON.
fn polygon(i: i32) -> String {
    let (lon, lat) = (
        100.81 + f64::from(i % 100) * 0.000_03,
        38.43 + f64::from(i / 100) * 0.000_03,
    );
    let (d_lon, d_lat) = (2.0 / 87_300.0, 2.5 / 110_990.0);
    format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[[{lon:.7},{lat:.7}],[{:.7},{lat:.7}],[{:.7},{:.7}],[{lon:.7},{:.7}],[{lon:.7},{lat:.7}]]]}}",
        lon + d_lon,
        lon + d_lon,
        lat + d_lat,
        lat + d_lat
    )
}

/// Times everything of issue 19 on the generated year; prints a table.
pub async fn run(db: &DatabaseConnection, f: &Filters, http: &Http) -> Targets {
    let backend = db.get_database_backend();
    let mut t = Targets::default();
    println!("\nissue 19 — sales in the report, summary, open data ({backend:?})");
    // Warm: one process's digest cache, as a running server holds it (entries re-read only
    // for sessions changed since); cold: a new cache each time, as the first report after a
    // start.
    let cache = DigestCache::default();
    println!(
        "{:<10} {:>10} {:>10} {:>10} {:>8}",
        "group_by", "cold ms", "warm ms", "1-SQL ms", "ratio"
    );
    for group in GroupBy::ALL {
        let cold = time(3, || async {
            occupancy(db, &DigestCache::default(), group, f)
                .await
                .unwrap()
        })
        .await;
        let ms = time(5, || async {
            occupancy(db, &cache, group, f).await.unwrap()
        })
        .await;
        if cold > t.worst_cold.0 {
            t.worst_cold = (cold, group.as_str());
        }
        if ms > t.worst_report.0 {
            t.worst_report = (ms, group.as_str());
        }
        let (hand, ratio) = match key(backend, group) {
            Some(k) => {
                let report = occupancy(db, &cache, group, f).await.unwrap();
                assert_eq!(
                    report_rows(&report),
                    hand_rows(db, k).await,
                    "the report with sales and the hand-written SQL disagree ({group:?})"
                );
                let h = time(3, || async {
                    db.query_all_raw(hand_sql(backend, k)).await.unwrap()
                })
                .await;
                if ms / h > t.worst_ratio.0 {
                    t.worst_ratio = (ms / h, group.as_str());
                }
                (format!("{h:.1}"), format!("{:.2}", ms / h))
            }
            None => ("–".into(), "–".into()),
        };
        println!(
            "{:<10} {cold:>10.1} {ms:>10.1} {hand:>10} {ratio:>8}",
            group.as_str()
        );
    }

    // The summary of the year (and the empty year before it).
    let s = summary(db, &cache, f, chrono::Utc::now()).await.unwrap();
    let sum_cold = time(3, || async {
        summary(db, &DigestCache::default(), f, chrono::Utc::now())
            .await
            .unwrap()
    })
    .await;
    let sum_ms = time(5, || async {
        summary(db, &cache, f, chrono::Utc::now()).await.unwrap()
    })
    .await;
    let hand = |from: &'static str, to: &'static str| async move {
        db.query_one_raw(summary_sql(backend, from, to))
            .await
            .unwrap()
            .unwrap()
    };
    let row = hand("2025-01-01", "2025-12-31").await;
    let got = [
        s.current.markets as i64,
        s.current.sites as i64,
        s.current.stalls as i64,
        s.current.vendors_settled as i64,
        s.current.new_vendors as i64,
        s.current.jobs as i64,
        s.current.sales_fen,
        s.current.voucher_fen,
    ];
    let want: [i64; 8] = std::array::from_fn(|i| int(&row, i));
    assert_eq!(got, want, "the summary and the hand-written SQL disagree");
    let h = time(5, || async {
        hand("2025-01-01", "2025-12-31").await;
        hand("2024-01-01", "2024-12-31").await
    })
    .await;
    t.summary = (sum_ms, sum_ms / h);
    t.summary_cold = sum_cold;
    println!(
        "{:<10} {sum_cold:>10.1} {sum_ms:>10.1} {h:>10.1} {:>8.2}",
        "summary",
        sum_ms / h
    );

    // Totals against a recount from the raw rows.
    let r = occupancy(db, &cache, GroupBy::Site, f).await.unwrap();
    let raw = db
        .query_one_raw(Statement::from_string(
            backend,
            format!(
                "SELECT CAST(SUM(r.sales_fen) AS BIGINT), CAST(SUM(r.voucher_fen) AS BIGINT), COUNT(*) \
                 FROM sales_reports r JOIN market_sessions s ON s.id = r.session_id WHERE {PERIOD}"
            ),
        ))
        .await
        .unwrap()
        .unwrap();
    let recount = (int(&raw, 0), int(&raw, 1), int(&raw, 2));
    t.recount = recount
        == (
            r.totals.sales_fen,
            r.totals.voucher_fen,
            r.totals.reports_filed as i64,
        );
    println!(
        "recount   sales {} vouchers {} reports {} — report {} {} {} — {}",
        recount.0,
        recount.1,
        recount.2,
        r.totals.sales_fen,
        r.totals.voucher_fen,
        r.totals.reports_filed,
        if t.recount { "equal" } else { "DIFFERENT" }
    );

    // A 3,000-stall county: 1,000 more stalls on an eleventh site, real polygons on every stall.
    let ts = "'2025-01-01 00:00:00+00:00'";
    let ring = r#"{"type":"Polygon","coordinates":[[[100.81,38.43],[100.8105,38.43],[100.8105,38.4303],[100.81,38.4303],[100.81,38.43]]]}"#;
    db.execute_unprepared(&format!(
        "INSERT INTO sites (id, code, name, kind, boundary, source_crs, area_m2, min_lon, min_lat, max_lon, max_lat, centroid_lon, centroid_lat, created_at) \
         VALUES (11, 'S11', '场地11', 'plaza', '{ring}', 'wgs84', 1200.0, 100.81, 38.43, 100.8105, 38.4303, 100.81025, 38.43015, {ts})"
    ))
    .await
    .expect("site 11");
    let rows: Vec<String> = (0..1000)
        .map(|i| format!("({}, 11, 'S11-A-{i:04}', 0, {i}, '{{}}', 2.0, 2.5, 0.0, 'active', false, false, {ts})", 2001 + i))
        .collect();
    for chunk in rows.chunks(500) {
        db.execute_unprepared(&format!(
            "INSERT INTO stalls (id, site_id, code, row_index, position, polygon, width_m, depth_m, facing_deg, status, power, premium, created_at) VALUES {}",
            chunk.join(",")
        ))
        .await
        .expect("stalls");
    }
    for i in 1..=3000 {
        if i % 100 == 1 {
            let updates: Vec<String> = (i..i + 100)
                .map(|j| format!("WHEN {j} THEN '{}'", polygon(j)))
                .collect();
            db.execute_unprepared(&format!(
                "UPDATE stalls SET polygon = CASE id {} END WHERE id BETWEEN {i} AND {}",
                updates.join(" "),
                i + 99
            ))
            .await
            .expect("polygons");
        }
    }
    let cold = time(3, || async {
        build_stalls(db, "2025-06-30".parse().unwrap())
            .await
            .unwrap()
    })
    .await;
    let url = format!("{}/api/v1/open/stalls.geojson?date=2025-06-30", http.base);
    let get = || async {
        let r = http.client.get(&url).send().await.expect("GET");
        assert!(r.status().is_success());
        r.bytes().await.expect("body").len()
    };
    let bytes = get().await;
    let warm = time(20, get).await;
    let hand = time(5, || async {
        db.query_all_raw(geojson_sql(backend)).await.unwrap()
    })
    .await;
    t.geojson = (warm, warm / hand);
    println!(
        "{:<10} {warm:>10.1} {hand:>10.1} {:>8.2}  (3,000 stalls, {bytes} bytes, warm over HTTP; built cold in {cold:.1} ms)",
        "geojson",
        warm / hand
    );
    t
}

/// The targets of issue 19, per backend.
pub fn print_targets<'a>(all: impl Iterator<Item = (&'a str, &'a Targets)>) {
    println!(
        "\ntargets (issue 19): report with sales ≤ 300 ms by every group_by, summary ≤ 300 ms, \
         open-data GeoJSON of 3,000 stalls ≤ 100 ms warm, totals = recount"
    );
    let mark = |ok: bool| if ok { "ok" } else { "MISSED" };
    for (backend, t) in all {
        println!(
            "{backend:<8} slowest report {:.1} ms ({}) {}  worst ratio {:.2}× ({})  summary {:.1} ms ({:.2}×) {}  \
             geojson {:.1} ms ({:.2}×) {}  recount {}\n         with a new cache (first report after a start): \
             slowest report {:.1} ms ({}) {}  summary {:.1} ms {}",
            t.worst_report.0,
            t.worst_report.1,
            mark(t.worst_report.0 <= 300.0),
            t.worst_ratio.0,
            t.worst_ratio.1,
            t.summary.0,
            t.summary.1,
            mark(t.summary.0 <= 300.0),
            t.geojson.0,
            t.geojson.1,
            mark(t.geojson.0 <= 100.0),
            mark(t.recount),
            t.worst_cold.0,
            t.worst_cold.1,
            mark(t.worst_cold.0 <= 300.0),
            t.summary_cold,
            mark(t.summary_cold <= 300.0),
        );
    }
}
