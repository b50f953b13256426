//! Scheduling benchmark (issue 17), in process against the use cases on a fresh database:
//! - a mobile market whose rota makes 2,000 sessions over 50 weeks on 10 sites: preview and
//!   create (each run a new market in its own hour of the day, committed);
//! - new hours from a date on for a segment with 1,000 future sessions (100 days × 10 sites,
//!   one booking each), confirmed;
//! - a closure of 200 sessions (20 days × 10 sites) holding 10,000 bookings (50 a session).
//!
//! Each row prints p50 / p99 / max in ms and the notices written.
//!
//! Run: `cargo bench --bench scheduling` (SQLite in a temp folder);
//! `BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench --bench scheduling`
//! for a fresh database on that server. `BENCH_RUNS` sets the runs per row (default 10).

#[path = "support/mod.rs"]
mod support;

use migration::{Migrator, MigratorTrait};
use nightmarket::bookings::rota::closures::{NewClosure, close_market};
use nightmarket::identity::{CurrentUser, Role};
use nightmarket::markets::create::{NewMarket, ScheduleIn, SegmentIn, create_as};
use nightmarket::markets::hours::{HoursChange, HoursOutcome, change_hours};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};
use std::time::Instant;
use support::{BenchDb, percentile};

const SITES: i32 = 10;
const STALLS_PER_SITE: i32 = 50;

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.expect(sql);
}

async fn insert_chunks(db: &DatabaseConnection, head: &str, rows: &[String]) {
    for chunk in rows.chunks(2_000) {
        exec(db, &format!("{head} VALUES {}", chunk.join(","))).await;
    }
}

/// 10 sites, 50 stalls each, 500 vendors, one admin.
async fn setup(db: &DatabaseConnection) -> CurrentUser {
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
    let mut users = vec![format!(
        "(1, 'benchadmin', '管理员', 'admin', '!', false, {ts})"
    )];
    users.extend((0..SITES * STALLS_PER_SITE).map(|i| {
        format!(
            "({}, '1380000{i:04}', '摊主{i}', 'vendor', '!', false, {ts})",
            i + 2
        )
    }));
    insert_chunks(
        db,
        "INSERT INTO users (id, login, name, role, password_hash, disabled, created_at)",
        &users,
    )
    .await;
    let vendors: Vec<String> = (0..SITES * STALLS_PER_SITE)
        .map(|i| {
            let id = nightmarket::vendors::id_number::complete(&format!(
                "62072219800101{:03}",
                i % 1000
            ))
            .expect("id");
            format!(
                "({}, {}, '摊主{i}', '1380000{i:04}', '{id}', '服装百货', false, '[]', {ts})",
                i + 1,
                i + 2
            )
        })
        .collect();
    insert_chunks(db, "INSERT INTO vendors (id, user_id, name, phone, id_number, category, individual_business, priority_groups, created_at)", &vendors).await;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        for t in ["sites", "stalls", "users", "vendors"] {
            exec(
                db,
                &format!("SELECT setval('{t}_id_seq', (SELECT MAX(id) FROM {t}))"),
            )
            .await;
        }
    }
    CurrentUser {
        id: 1,
        login: "benchadmin".into(),
        name: "管理员".into(),
        role: Role::Admin,
        vendor_id: None,
        session_id: String::new(),
        csrf_token: String::new(),
    }
}

/// A market on every site: `rows` weekdays each, `(start, end)` hours, from `from` for `days`.
fn market(
    name: &str,
    hours: (String, String),
    weekdays: &[i64],
    from: chrono::NaiveDate,
    days: i64,
) -> NewMarket {
    NewMarket {
        name: name.into(),
        kind: "mobile".into(),
        segments: vec![SegmentIn {
            name: "夜市".into(),
            start: hours.0,
            end: hours.1,
        }],
        schedule: (1..=SITES)
            .map(|site| ScheduleIn {
                site_id: site,
                segment: "夜市".into(),
                weekdays: Some(weekdays.to_vec()),
                from: from.to_string(),
                to: (from + chrono::Duration::days(days - 1)).to_string(),
            })
            .collect(),
        categories: None,
        self_select: false,
    }
}

/// Bookings: `per_session` stalls of each session of `market` (vendor = stall).
async fn book_all(db: &DatabaseConnection, market: i32, per_session: i32) -> u64 {
    let ts = "'2025-01-01 00:00:00+00:00'";
    let sessions = entity::market_sessions::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &entity::market_sessions::Column::MarketId,
            market,
        ))
        .all(db)
        .await
        .expect("sessions");
    let mut rows = Vec::new();
    for s in &sessions {
        for k in 0..per_session {
            let stall = (s.site_id - 1) * STALLS_PER_SITE + k + 1;
            rows.push(format!("({}, {stall}, {stall}, 'booked', {ts})", s.id));
        }
    }
    insert_chunks(
        db,
        "INSERT INTO bookings (session_id, stall_id, vendor_id, status, created_at)",
        &rows,
    )
    .await;
    rows.len() as u64
}

use sea_orm::QueryFilter;

fn row(name: &str, ms: &mut [f64], extra: &str) {
    ms.sort_by(f64::total_cmp);
    println!(
        "| {name:<52} | {:>4} | {:>8.1} | {:>8.1} | {:>8.1} | {extra:<34} |",
        ms.len(),
        percentile(ms, 0.5),
        percentile(ms, 0.99),
        ms.last().copied().unwrap_or(0.0)
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let bench = BenchDb::create("BENCH_POSTGRES_URL").await;
    let db = nightmarket::db::connect(&bench.url, 8)
        .await
        .expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    let admin = setup(&db).await;
    let backend = if nightmarket::db::is_postgres(&bench.url) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("scheduling benchmark on {backend}, {runs} runs a row\n");
    println!(
        "| {:<52} | runs | p50 ms   | p99 ms   | max ms   | {:<34} |",
        "operation", "result"
    );
    println!(
        "|{}|------|----------|----------|----------|{}|",
        "-".repeat(54),
        "-".repeat(36)
    );
    let today = nightmarket::clock::today();
    let start = today + chrono::Duration::days(1);

    // 1. Preview and create: 10 rows × 4 weekdays × 50 weeks = 2,000 sessions.
    let (mut preview_ms, mut create_ms) = (Vec::new(), Vec::new());
    let mut sessions = 0;
    for k in 0..runs.min(22) {
        let hours = (format!("{k:02}:00"), format!("{k:02}:45"));
        let body = market(&format!("流动夜市{k}"), hours, &[1, 3, 5, 6], start, 350);
        let t = Instant::now();
        let p = nightmarket::markets::preview(&db, &admin, &body)
            .await
            .expect("preview");
        preview_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(p.conflicts.is_empty());
        sessions = p.sessions;
        let t = Instant::now();
        let txn = nightmarket::db::begin_write(&db).await.expect("begin");
        create_as(&txn, &admin, body).await.expect("create");
        txn.commit().await.expect("commit");
        create_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    row(
        "preview a market of 2,000 sessions on 10 sites",
        &mut preview_ms,
        &format!("{sessions} sessions, 0 conflicts"),
    );
    row(
        "create a market of 2,000 sessions on 10 sites",
        &mut create_ms,
        &format!("{sessions} sessions, 0 notices"),
    );

    // 2. Hours from a date on: 100 days × 10 sites = 1,000 future sessions, one booking each.
    let hours_from = start + chrono::Duration::days(400);
    let body = market(
        "冬季夜市",
        ("23:00".into(), "23:50".into()),
        &[1, 2, 3, 4, 5, 6, 7],
        hours_from,
        100,
    );
    let txn = nightmarket::db::begin_write(&db).await.expect("begin");
    let m = create_as(&txn, &admin, body).await.expect("create");
    txn.commit().await.expect("commit");
    let booked = book_all(&db, m.id, 1).await;
    let mut ms = Vec::new();
    let mut last = (0, 0);
    for k in 0..runs {
        let (s, e) = if k % 2 == 0 {
            ("22:50", "23:40")
        } else {
            ("23:00", "23:50")
        };
        let change = HoursChange {
            start: s.into(),
            end: e.into(),
            from: hours_from.to_string(),
            confirm: true,
        };
        let before = entity::notices::Entity::find()
            .count(&db)
            .await
            .expect("count");
        let t = Instant::now();
        let txn = nightmarket::db::begin_write(&db).await.expect("begin");
        let HoursOutcome::Done(done, _) = change_hours(&txn, &admin, m.id, "夜市", change)
            .await
            .expect("hours")
        else {
            panic!("confirmed")
        };
        txn.commit().await.expect("commit");
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        let after = entity::notices::Entity::find()
            .count(&db)
            .await
            .expect("count");
        last = (done.sessions_changed, after - before);
    }
    row(
        &format!("new hours for {} sessions ({booked} bookings)", last.0),
        &mut ms,
        &format!("{} notices written", last.1),
    );

    // 3. A closure of 200 sessions holding 10,000 bookings, on a fresh market each run.
    let mut ms = Vec::new();
    let mut last = (0, 0, 0);
    for k in 0..runs.min(10) {
        let from = start + chrono::Duration::days(600 + 30 * k as i64);
        let body = market(
            &format!("节日夜市{k}"),
            ("19:00".into(), "22:00".into()),
            &[1, 2, 3, 4, 5, 6, 7],
            from,
            20,
        );
        let txn = nightmarket::db::begin_write(&db).await.expect("begin");
        let m = create_as(&txn, &admin, body).await.expect("create");
        txn.commit().await.expect("commit");
        let booked = book_all(&db, m.id, STALLS_PER_SITE).await;
        let before = entity::notices::Entity::find()
            .count(&db)
            .await
            .expect("count");
        let closure = NewClosure {
            from: from.to_string(),
            to: (from + chrono::Duration::days(19)).to_string(),
            reason: "春节".into(),
            segments: None,
            site_ids: None,
        };
        let t = Instant::now();
        let txn = nightmarket::db::begin_write(&db).await.expect("begin");
        let (done, _) = close_market(&txn, &admin, m.id, closure)
            .await
            .expect("close");
        txn.commit().await.expect("commit");
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        let after = entity::notices::Entity::find()
            .count(&db)
            .await
            .expect("count");
        assert_eq!(done.bookings_cancelled, booked);
        last = (
            done.sessions_cancelled,
            done.bookings_cancelled,
            after - before,
        );
    }
    row(
        &format!("closure of {} sessions with {} bookings", last.0, last.1),
        &mut ms,
        &format!("{} notices written (1 a vendor)", last.2),
    );
    db.close().await.ok();
    bench.remove().await;
}
