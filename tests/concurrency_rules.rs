//! Rules that span rows, under racing requests: one vendor cannot be booked into two sessions
//! at the same hours at two sites, and a session cancelled while bookings race in keeps none
//! (each booking is refused or cancelled with it). Both were checked before the write and lost
//! to a racing request; the database run (`TEST_DATABASE_URL`) exercises the row locks.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor_rows};
use crate::support::TestApp;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

/// One number from the database.
pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    let db = app.conn();
    let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
    db.query_one_raw(stmt)
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// A session tomorrow at 18:00–22:30 on a new site with `n` stalls: (session, stalls).
async fn evening(app: &TestApp, code: &str, n: i32) -> (i64, Vec<i32>) {
    let s = site(app, code).await;
    let st = stalls(app, s, code, n).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let id = sessions(&mut admin, m, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    (id, st)
}

#[tokio::test]
async fn a_vendor_racing_into_two_sessions_at_the_same_hours_gets_one() {
    let app = TestApp::new().await;
    let (east, east_stalls) = evening(&app, "OVE", 12).await;
    let (west, west_stalls) = evening(&app, "OVW", 12).await;
    let vendors = vendor_rows(&app, 12, "服装百货").await;
    let admin = app.login_as(Role::Admin).await;
    let mut tasks = Vec::new();
    for (i, v) in vendors.iter().enumerate() {
        for (session, stall) in [(east, east_stalls[i]), (west, west_stalls[i])] {
            let mut c = admin.clone();
            let body = json!({"session_id": session, "stall_id": stall, "vendor_id": v});
            tasks.push(tokio::spawn(async move {
                let r = c.post_json("/api/v1/bookings", &body).await;
                let code = if r.status.is_success() {
                    String::new()
                } else {
                    r.error_code()
                };
                (r.status, code)
            }));
        }
    }
    let mut created = 0;
    for t in tasks {
        let (status, code) = t.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert_eq!(code, "vendor_already_booked"),
            other => panic!("unexpected {other} {code}"),
        }
    }
    assert_eq!(created, vendors.len(), "one booking per vendor");
    let both = count(
        &app,
        "SELECT COUNT(*) FROM (SELECT vendor_id FROM bookings GROUP BY vendor_id HAVING COUNT(*) > 1) d",
    )
    .await;
    assert_eq!(both, 0, "no vendor at two sites at the same hours");
}

#[tokio::test]
async fn a_session_cancelled_while_bookings_race_in_keeps_none_and_tells_who_got_in() {
    let app = TestApp::new().await;
    let (session, st) = evening(&app, "CXR", 16).await;
    let vendors = vendor_rows(&app, 16, "服装百货").await;
    let admin = app.login_as(Role::Admin).await;
    let mut tasks = Vec::new();
    for (i, v) in vendors.iter().enumerate() {
        let mut c = admin.clone();
        let body = json!({"session_id": session, "stall_id": st[i], "vendor_id": v});
        tasks.push(tokio::spawn(async move {
            let r = c.post_json("/api/v1/bookings", &body).await;
            (r.status, r.error_code())
        }));
        if i == 5 {
            let mut c = admin.clone();
            tasks.push(tokio::spawn(async move {
                let r = c
                    .post_json(
                        &format!("/api/v1/sessions/{session}/cancel"),
                        &json!({"reason": "大风"}),
                    )
                    .await;
                (r.status, "cancel".to_owned())
            }));
        }
    }
    for t in tasks {
        let (status, code) = t.await.unwrap();
        assert!(
            status.is_success()
                || (status == StatusCode::UNPROCESSABLE_ENTITY && code == "session_cancelled"),
            "{status} {code}"
        );
    }
    let live = count(
        &app,
        &format!("SELECT COUNT(*) FROM bookings WHERE session_id = {session}"),
    )
    .await;
    assert_eq!(live, 0, "no live booking in a cancelled session");
    // Whoever got in before the cancellation is in the history and was told.
    let archived = count(
        &app,
        &format!("SELECT COUNT(*) FROM booking_history WHERE session_id = {session}"),
    )
    .await;
    let told = count(
        &app,
        "SELECT COUNT(*) FROM notices WHERE kind = 'session_cancelled'",
    )
    .await;
    assert_eq!(archived, told, "every cancelled booking's vendor is told");
}

#[tokio::test]
async fn an_offer_accepted_twice_at_once_books_once_and_says_so_to_the_second_tap() {
    use crate::market_fixtures::{decided_application, vendor};
    let app = TestApp::new().await;
    let s = site(&app, "OFX").await;
    let st = stalls(&app, s, "OFX", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let list = sessions(&mut admin, m, day(1), day(1)).await;
    let (_, owner) = vendor(&app, "服装百货", None).await;
    let (mut waiting, _) = vendor(&app, "服装百货", None).await;
    decided_application(
        &mut admin,
        &mut waiting,
        (m, day(1), day(2), "服装百货"),
        "waitlist",
    )
    .await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": list[0]["id"], "stall_id": st[0], "vendor_id": owner}),
        )
        .await;
    let id = r.json()["id"].as_i64().unwrap();
    let r = admin
        .call(http::Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let offer = waiting.get("/api/v1/offers").await.json()["items"][0]["id"].clone();
    let taps: Vec<_> = (0..2)
        .map(|_| {
            let mut c = waiting.clone();
            let path = format!("/api/v1/offers/{offer}/accept");
            tokio::spawn(async move {
                let r = c.post_json(&path, &json!({})).await;
                let code = if r.status.is_success() {
                    String::new()
                } else {
                    r.error_code()
                };
                (r.status, code)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in taps {
        answers.push(t.await.unwrap());
    }
    answers.sort();
    assert!(answers[0].0.is_success(), "{answers:?}");
    assert_eq!(
        answers[1],
        (StatusCode::CONFLICT, "offer_closed".to_owned()),
        "{answers:?}"
    );
}
