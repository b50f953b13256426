//! Double booking is impossible in the database: 200 clients race for 50 stall-sessions, through
//! one router and through two server processes; a negative control without the unique
//! constraint shows the checker would see doubles.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor_rows};
use crate::processes::start_server;
use crate::support::TestApp;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

const CLIENTS: usize = 200;
const STALLS: i32 = 50;
const TRIES: usize = 5;

/// Pairs booked twice, counted in the database: (same stall in a session, same vendor in a session).
async fn doubles(app: &TestApp) -> (i64, i64) {
    let db = app.conn();
    let count = |sql: &str| {
        let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
        async move {
            let row = db.query_one_raw(stmt).await.unwrap().unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    (
        count("SELECT COUNT(*) FROM (SELECT session_id, stall_id FROM bookings GROUP BY session_id, stall_id HAVING COUNT(*) > 1) d").await,
        count("SELECT COUNT(*) FROM (SELECT session_id, vendor_id FROM bookings GROUP BY session_id, vendor_id HAVING COUNT(*) > 1) d").await,
    )
}

async fn booking_count(app: &TestApp) -> i64 {
    crate::concurrency_rules::count(app, "SELECT COUNT(*) FROM bookings").await
}

/// A session tomorrow on a site with 50 stalls, 200 vendors; returns (session, stalls, vendors).
async fn arena(app: &TestApp) -> (i64, Vec<i32>, Vec<i64>) {
    let site_id = site(app, "RACE").await;
    let stall_ids = stalls(app, site_id, "RACE", STALLS).await;
    let vendors = vendor_rows(app, CLIENTS as u32, "服装百货").await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(site_id, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    (session, stall_ids, vendors)
}

/// Every client books for its own vendor, trying up to `tries` stalls from its own start.
async fn race(app: &TestApp, tries: usize) -> (usize, usize) {
    let (session, stall_ids, vendors) = arena(app).await;
    let admin = app.login_as(Role::Admin).await;
    let mut tasks = Vec::new();
    for (i, vendor) in vendors.into_iter().enumerate() {
        let mut c = admin.clone();
        let stall_ids = stall_ids.clone();
        tasks.push(tokio::spawn(async move {
            let mut conflicts = 0;
            for t in 0..tries {
                let stall = stall_ids[(i + t) % stall_ids.len()];
                let r = c
                    .post_json(
                        "/api/v1/bookings",
                        &json!({"session_id": session, "stall_id": stall, "vendor_id": vendor}),
                    )
                    .await;
                match r.status {
                    StatusCode::CREATED => return (1, conflicts),
                    StatusCode::CONFLICT => conflicts += 1,
                    other => panic!("unexpected {other}: {}", r.text()),
                }
            }
            (0, conflicts)
        }));
    }
    let mut totals = (0, 0);
    for t in tasks {
        let (ok, conflicts) = t.await.expect("client task");
        totals.0 += ok;
        totals.1 += conflicts;
    }
    totals
}

#[tokio::test]
async fn two_hundred_clients_racing_for_fifty_stalls_book_each_exactly_once() {
    let app = TestApp::new().await;
    let (successes, conflicts) = race(&app, TRIES).await;
    assert_eq!(successes, STALLS as usize, "exactly one winner per stall");
    assert!(
        conflicts >= CLIENTS - STALLS as usize,
        "the rest were told 409 ({conflicts})"
    );
    assert_eq!(doubles(&app).await, (0, 0));
    assert_eq!(booking_count(&app).await, i64::from(STALLS));
}

#[tokio::test]
async fn without_the_unique_constraint_the_checker_sees_doubles() {
    // The negative control: the same race with the database guard removed must produce doubles,
    // which shows the race is real and the checker can see them.
    let app = TestApp::new().await;
    app.conn()
        .execute_unprepared("DROP INDEX ux_bookings_stall_session")
        .await
        .unwrap();
    let (successes, _) = race(&app, 1).await;
    let (stall_doubles, _) = doubles(&app).await;
    assert!(
        successes > STALLS as usize,
        "{successes} successes without the guard"
    );
    assert!(stall_doubles > 0, "the checker must report doubles");
}

#[tokio::test]
async fn two_server_processes_on_one_database_never_double_book() {
    let app = TestApp::new().await;
    let (session, stall_ids, vendors) = arena(&app).await;
    app.user("racer", Role::Admin, "racer-pass-77").await;
    let (a, b) = tokio::join!(start_server(&app.db.url), start_server(&app.db.url));
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = http
        .post(format!("http://127.0.0.1:{}/api/v1/session", a.1))
        .json(&json!({"login": "racer", "password": "racer-pass-77"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let ports = [a.1, b.1];
    let mut tasks = Vec::new();
    for (i, vendor) in vendors.into_iter().enumerate() {
        let http = http.clone();
        let stall_ids = stall_ids.clone();
        let port = ports[i % 2];
        tasks.push(tokio::spawn(async move {
            for t in 0..TRIES {
                let stall = stall_ids[(i + t) % stall_ids.len()];
                let r = http
                    .post(format!("http://127.0.0.1:{port}/api/v1/bookings"))
                    .json(&json!({"session_id": session, "stall_id": stall, "vendor_id": vendor}))
                    .send()
                    .await
                    .expect("request");
                match r.status().as_u16() {
                    201 => return 1,
                    409 => {}
                    other => panic!("unexpected {other}: {}", r.text().await.unwrap_or_default()),
                }
            }
            0
        }));
    }
    let mut successes = 0;
    for t in tasks {
        successes += t.await.expect("client task");
    }
    assert_eq!(successes, STALLS as usize);
    assert_eq!(doubles(&app).await, (0, 0));
    drop((a, b));
}

#[tokio::test]
async fn two_managers_deciding_one_application_at_once_make_one_decision() {
    use crate::market_fixtures::vendor;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = TestApp::new().await;
    let site_id = site(&app, "DEC").await;
    stalls(&app, site_id, "DEC", 5).await;
    let mut manager = app.login_as(Role::Manager).await;
    let m = market(&mut manager, &night_market(site_id, day(1), day(3))).await;
    let admin = app.login_as(Role::Admin).await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let r = v
        .post_json("/api/v1/applications", &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let application = r.json()["id"].as_i64().unwrap();

    let mut tasks = Vec::new();
    for i in 0..10 {
        let mut c = if i % 2 == 0 {
            manager.clone()
        } else {
            admin.clone()
        };
        tasks.push(tokio::spawn(async move {
            c.post_json(
                &format!("/api/v1/applications/{application}/decision"),
                &json!({"decision": "approve"}),
            )
            .await
            .status
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let audited = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("application"))
        .filter(entity::audit_log::Column::EntityId.eq(application as i32))
        .filter(entity::audit_log::Column::Action.eq("decide"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_double_tapped_application_is_one_application_even_once_decided() {
    use crate::market_fixtures::vendor;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let app = TestApp::new().await;
    let site_id = site(&app, "TAP").await;
    stalls(&app, site_id, "TAP", 5).await;
    let mut manager = app.login_as(Role::Manager).await;
    let m = market(&mut manager, &night_market(site_id, day(1), day(3))).await;
    let (v, _) = vendor(&app, "服装百货", None).await;
    let body = json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(),
                      "category": "服装百货"});
    // Ten copies at once (writers run side by side on PostgreSQL): one application.
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (mut c, body) = (v.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let r = c.post_json("/api/v1/applications", &body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            r.json()["id"].as_i64().unwrap()
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    // The manager decides the first copy before a late one arrives: still the same one.
    let r = manager
        .post_json(
            &format!("/api/v1/applications/{}/decision", ids[0]),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let mut late = v.clone();
    let r = late.post_json("/api/v1/applications", &body).await;
    assert_eq!(r.json()["id"].as_i64(), Some(ids[0]), "{}", r.text());
    assert_eq!(r.json()["status"], "approved");
    let mine = late.get("/api/v1/applications").await.json();
    assert_eq!(mine["total"], 1, "{mine}");
    // A minute later the same request is a new application (after a refusal, say).
    let row = entity::applications::Entity::find_by_id(ids[0] as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let created = row.created_at - chrono::Duration::minutes(2);
    let mut row: entity::applications::ActiveModel = row.into();
    row.created_at = Set(created);
    row.update(app.conn()).await.unwrap();
    let r = late.post_json("/api/v1/applications", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_ne!(r.json()["id"].as_i64(), Some(ids[0]));
}
