//! Issue 18's market-night benchmark, in process on a fresh SQLite file (the use cases called
//! directly, as the handlers call them):
//!
//! - re-let latency: a booked vendor declares an absence; the time until the offer is in the
//!   next vendor's inbox (the notice row readable), with 200 vendors on the waitlist; 200
//!   absences over 10 sessions × 20 stalls;
//! - complaint matching: a 3,000-stall site with every stall booked in the running session;
//!   500 random positions on the site — finding the site and the nearest booked stall — and
//!   200 full complaints (checks, match, write, notices); then 20 matches each right after a
//!   stall was edited, when the site's cached stall index must be rebuilt.
//!
//! Prints a table of p50 / p99 / max in ms. Run: `cargo bench --bench night`
//! (`BENCH_DATABASE_URL=postgres://…` for PostgreSQL: a fresh database, dropped afterwards).

#[path = "support/mod.rs"]
mod support;

use chrono::{Duration, Utc};
use nightmarket::config::{Config, LimitsMode};
use nightmarket::identity::{CurrentUser, Role};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use std::time::Instant;

const WAITLIST: usize = 200;
const RELET_SESSIONS: i64 = 10;
const RELET_STALLS: usize = 20;
const GRID_COLS: usize = 60;
const GRID_ROWS: usize = 50;

/// Metres east/north of (lon0, lat0) as lon/lat.
fn at_m(lon0: f64, lat0: f64, x: f64, y: f64) -> (f64, f64) {
    (lon0 + x / 87_150.0, lat0 + y / 110_990.0)
}

fn polygon(lon0: f64, lat0: f64, x: f64, y: f64, w: f64, h: f64) -> String {
    let c = |dx: f64, dy: f64| {
        let (lon, lat) = at_m(lon0, lat0, x + dx, y + dy);
        format!("[{lon},{lat}]")
    };
    format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[{},{},{},{},{}]]}}",
        c(0.0, 0.0),
        c(w, 0.0),
        c(w, h),
        c(0.0, h),
        c(0.0, 0.0)
    )
}

async fn exec(db: &DatabaseConnection, sql: &str) {
    if let Err(e) = db.execute_unprepared(sql).await {
        panic!("{e}: {}", sql.get(..80).unwrap_or(sql));
    }
}

/// Inserts rows in chunks of 500.
async fn insert_chunks(db: &DatabaseConnection, head: &str, rows: &[String]) {
    for chunk in rows.chunks(500) {
        exec(db, &format!("{head} VALUES {}", chunk.join(","))).await;
    }
}

/// A site of `w` × `h` metres at (lon0, lat0); returns its id.
async fn site(db: &DatabaseConnection, code: &str, lon0: f64, lat0: f64, w: f64, h: f64) -> i32 {
    let (lon1, lat1) = at_m(lon0, lat0, w, h);
    let ring = format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[[{lon0},{lat0}],[{lon1},{lat0}],[{lon1},{lat1}],[{lon0},{lat1}],[{lon0},{lat0}]]]}}"
    );
    exec(db, &format!(
        "INSERT INTO sites (code, name, kind, boundary, source_crs, area_m2, min_lon, min_lat, max_lon, max_lat, centroid_lon, centroid_lat, created_at) \
         VALUES ('{code}', '{code}', 'plaza', '{ring}', 'wgs84', {}, {lon0}, {lat0}, {lon1}, {lat1}, {}, {}, '2026-01-01 00:00:00+00:00')",
        w * h, (lon0 + lon1) / 2.0, (lat0 + lat1) / 2.0)).await;
    entity::sites::Entity::find()
        .order_by_desc(entity::sites::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// `n` vendors (logins from `first`); returns (vendor id, user id) in order.
async fn vendors(db: &DatabaseConnection, first: usize, n: usize) -> Vec<(i32, i32)> {
    let now = "'2026-01-01 00:00:00+00:00'";
    let users: Vec<String> = (first..first + n)
        .map(|i| format!("('139{i:08}', '摊主{i}', 'vendor', '!', false, {now})"))
        .collect();
    insert_chunks(
        db,
        "INSERT INTO users (login, name, role, password_hash, disabled, created_at)",
        &users,
    )
    .await;
    let rows: Vec<String> = (first..first + n)
        .map(|i| {
            let id = nightmarket::vendors::id_number::complete(&format!("62072219800101{:03}", i % 1000)).unwrap();
            format!("((SELECT id FROM users WHERE login = '139{i:08}'), '摊主{i}', '139{i:08}', '{id}', '服装百货', false, '[]', {now})")
        })
        .collect();
    insert_chunks(db, "INSERT INTO vendors (user_id, name, phone, id_number, category, individual_business, priority_groups, created_at)", &rows).await;
    let all = entity::vendors::Entity::find()
        .order_by_asc(entity::vendors::Column::Id)
        .all(db)
        .await
        .unwrap();
    all[all.len() - n..]
        .iter()
        .map(|v| (v.id, v.user_id))
        .collect()
}

/// A market with sessions on `site` starting at `starts` (one a day); returns (market, sessions).
async fn market(
    db: &DatabaseConnection,
    site_id: i32,
    starts: chrono::DateTime<Utc>,
    days: i64,
) -> (i32, Vec<i32>) {
    exec(db, "INSERT INTO markets (name, kind, self_select, created_at) VALUES ('压测夜市', 'fixed', false, '2026-01-01 00:00:00+00:00')").await;
    let m = entity::markets::Entity::find()
        .order_by_desc(entity::markets::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let rows: Vec<String> = (0..days)
        .map(|d| {
            let s = starts + Duration::days(d);
            let date = s.with_timezone(&nightmarket::clock::shanghai()).date_naive();
            format!("({m}, {site_id}, '{date}', '夜市', '{}', '{}', 'scheduled', '2026-01-01 00:00:00+00:00')",
                s.to_rfc3339(), (s + Duration::hours(4)).to_rfc3339())
        })
        .collect();
    insert_chunks(db, "INSERT INTO market_sessions (market_id, site_id, business_date, segment, starts_at, ends_at, status, created_at)", &rows).await;
    let sessions = entity::market_sessions::Entity::find()
        .order_by_asc(entity::market_sessions::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.market_id == m)
        .map(|s| s.id)
        .collect();
    (m, sessions)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn row(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "| {name} | {} | {:.2} | {:.2} | {:.2} |",
        ms.len(),
        pct(&ms, 0.5),
        pct(&ms, 0.99),
        ms.last().copied().unwrap_or(f64::NAN)
    );
}

#[tokio::main]
async fn main() {
    let bench_db = support::BenchDb::create("BENCH_DATABASE_URL").await;
    let backend = if nightmarket::db::is_postgres(&bench_db.url) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let config = Config {
        database_url: bench_db.url.clone(),
        limits: LimitsMode::Relaxed,
        ..Config::default()
    };
    let db = nightmarket::cli::open(&config).await.expect("open");
    let state = nightmarket::AppState::new(db.clone(), config);
    exec(&db, "INSERT INTO users (login, name, role, password_hash, disabled, created_at) VALUES ('benchadmin', '管理员', 'admin', '!', false, '2026-01-01 00:00:00+00:00')").await;
    let admin_id = entity::users::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let admin = CurrentUser {
        id: admin_id,
        login: "benchadmin".into(),
        name: "管理员".into(),
        role: Role::Admin,
        vendor_id: None,
        session_id: String::new(),
        csrf_token: String::new(),
    };

    // Re-let: 200 waitlisted vendors, 20 booked ones, 10 sessions from tomorrow.
    let (lon0, lat0) = (100.81, 38.43);
    let s1 = site(&db, "RELET", lon0, lat0, 80.0, 20.0).await;
    let stall_rows: Vec<String> = (0..RELET_STALLS)
        .map(|i| format!("({s1}, 'RL-A-{i:03}', 0, {i}, '{}', 2.0, 2.5, 0.0, 'active', false, false, false, '2026-01-01 00:00:00+00:00')",
            polygon(lon0, lat0, 3.0 * i as f64 + 1.0, 5.0, 2.0, 2.5)))
        .collect();
    insert_chunks(&db, "INSERT INTO stalls (site_id, code, row_index, position, polygon, width_m, depth_m, facing_deg, status, power, premium, locked, created_at)", &stall_rows).await;
    let stalls: Vec<i32> = entity::stalls::Entity::find()
        .order_by_asc(entity::stalls::Column::Id)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let tomorrow = Utc::now() + Duration::days(1);
    let (m1, sessions) = market(&db, s1, tomorrow, RELET_SESSIONS).await;
    let waiting = vendors(&db, 0, WAITLIST).await;
    let booked = vendors(&db, 10_000, RELET_STALLS).await;
    let (d0, d1) = (
        nightmarket::clock::today(),
        nightmarket::clock::today() + Duration::days(RELET_SESSIONS + 2),
    );
    let apps: Vec<String> = waiting
        .iter()
        .map(|(v, _)| format!("({v}, {m1}, '{d0}', '{d1}', '[]', '[]', '服装百货', false, '[]', 'waitlisted', '2026-01-01 00:00:00+00:00')"))
        .collect();
    insert_chunks(&db, "INSERT INTO applications (vendor_id, market_id, date_from, date_to, weekdays, segments, category, needs_power, preferred_stalls, status, created_at)", &apps).await;
    let mut bookings_rows = Vec::new();
    for s in &sessions {
        for (i, st) in stalls.iter().enumerate() {
            bookings_rows.push(format!(
                "({s}, {st}, {}, 'booked', '2026-01-01 00:00:00+00:00')",
                booked[i].0
            ));
        }
    }
    insert_chunks(
        &db,
        "INSERT INTO bookings (session_id, stall_id, vendor_id, status, created_at)",
        &bookings_rows,
    )
    .await;
    let all_bookings = entity::bookings::Entity::find()
        .order_by_asc(entity::bookings::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let mut relet = Vec::new();
    let mut offered = 0;
    for b in &all_bookings {
        let t0 = Instant::now();
        let a = nightmarket::bookings::absence::declare_absence(
            &db,
            state.notifier.as_ref(),
            &admin,
            b.id,
            None,
        )
        .await
        .expect("absence");
        // The offer is in the next vendor's inbox once its notice row is readable.
        let offer = entity::offers::Entity::find()
            .order_by_desc(entity::offers::Column::Id)
            .one(&db)
            .await
            .unwrap()
            .expect("an offer");
        let user = waiting
            .iter()
            .find(|(v, _)| *v == offer.vendor_id)
            .map(|(_, u)| *u)
            .unwrap();
        let inbox = entity::notices::Entity::find()
            .order_by_desc(entity::notices::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .any(|n| n.user_id == user && n.kind == "offer");
        relet.push(t0.elapsed().as_secs_f64() * 1000.0);
        offered += usize::from(a.offered && inbox);
    }

    // Complaints: a 3,000-stall site, every stall booked in the session running now.
    let (lon2, lat2) = (100.90, 38.50);
    let (w, h) = (GRID_COLS as f64 * 3.0 + 2.0, GRID_ROWS as f64 * 4.0 + 2.0);
    let s2 = site(&db, "BIG", lon2, lat2, w, h).await;
    let mut rows = Vec::new();
    for r in 0..GRID_ROWS {
        for c in 0..GRID_COLS {
            rows.push(format!("({s2}, 'BG-{r:02}-{c:03}', {r}, {c}, '{}', 2.0, 2.5, 0.0, 'active', false, false, false, '2026-01-01 00:00:00+00:00')",
                polygon(lon2, lat2, 3.0 * c as f64 + 1.0, 4.0 * r as f64 + 1.0, 2.0, 2.5)));
        }
    }
    insert_chunks(&db, "INSERT INTO stalls (site_id, code, row_index, position, polygon, width_m, depth_m, facing_deg, status, power, premium, locked, created_at)", &rows).await;
    let big: Vec<i32> = entity::stalls::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.site_id == s2)
        .map(|s| s.id)
        .collect();
    let (_, running) = market(&db, s2, Utc::now() - Duration::hours(1), 1).await;
    let traders = vendors(&db, 20_000, big.len()).await;
    let rows: Vec<String> = big
        .iter()
        .zip(&traders)
        .map(|(st, (v, _))| {
            format!(
                "({}, {st}, {v}, 'booked', '2026-01-01 00:00:00+00:00')",
                running[0]
            )
        })
        .collect();
    insert_chunks(
        &db,
        "INSERT INTO bookings (session_id, stall_id, vendor_id, status, created_at)",
        &rows,
    )
    .await;
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let mut matching = Vec::new();
    let mut matched = 0;
    for _ in 0..500 {
        let (lon, lat) = at_m(
            lon2,
            lat2,
            rng.random_range(0.5..w - 0.5),
            rng.random_range(0.5..h - 0.5),
        );
        let at = geo::Coord { x: lon, y: lat };
        let t0 = Instant::now();
        let found = locate(&db, &state, at).await;
        matching.push(t0.elapsed().as_secs_f64() * 1000.0);
        matched += usize::from(found);
    }
    // After a stall edit (by this process or another) the site's index is rebuilt once.
    let mut after_edit = Vec::new();
    for i in 0..20 {
        exec(
            &db,
            &format!(
                "UPDATE stalls SET facing_deg = {} WHERE id = {}",
                i + 1,
                big[i * 97]
            ),
        )
        .await;
        let (lon, lat) = at_m(
            lon2,
            lat2,
            rng.random_range(0.5..w - 0.5),
            rng.random_range(0.5..h - 0.5),
        );
        let t0 = Instant::now();
        locate(&db, &state, geo::Coord { x: lon, y: lat }).await;
        after_edit.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    let mut full = Vec::new();
    for _ in 0..200 {
        let (lon, lat) = at_m(
            lon2,
            lat2,
            rng.random_range(0.5..w - 0.5),
            rng.random_range(0.5..h - 0.5),
        );
        let new = nightmarket::complaints::submit::NewComplaint {
            lon: Some(lon),
            lat: Some(lat),
            at: Utc::now().to_rfc3339(),
            kind: "noise".into(),
            text: "音响太响".into(),
            ..Default::default()
        };
        let t0 = Instant::now();
        nightmarket::complaints::submit::submit(&db, &state.caches, state.notifier.as_ref(), new)
            .await
            .expect("complaint");
        full.push(t0.elapsed().as_secs_f64() * 1000.0);
    }

    println!(
        "\nmarket night benchmark ({backend}, in process, {} CPUs)\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| measure | n | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    row(
        &format!("re-let: absence → offer in the next vendor's inbox ({WAITLIST} waitlisted)"),
        relet,
    );
    row(
        &format!(
            "complaint matching, {} stalls booked (site + nearest within 15 m)",
            big.len()
        ),
        matching,
    );
    row(
        "complaint matching right after a stall edit (index rebuilt)",
        after_edit,
    );
    row(
        "complaint submitted in full (checks, match, write, notices)",
        full,
    );
    println!(
        "\noffers delivered: {offered} of {}; positions matched to a stall: {matched} of 500",
        all_bookings.len()
    );
    drop(state);
    db.close().await.ok();
    bench_db.remove().await;
}

/// Finds the site holding `at` and the booked stall nearest to it, as a complaint does:
/// whether a stall was matched.
async fn locate(
    db: &DatabaseConnection,
    state: &nightmarket::AppState,
    at: geo::Coord<f64>,
) -> bool {
    use nightmarket::complaints::locate;
    let site = locate::site_at(db, &state.caches, at)
        .await
        .unwrap()
        .expect("inside");
    let (found, _) = locate::match_stall(db, &state.caches, &site, at, Utc::now())
        .await
        .unwrap();
    found.is_some()
}
