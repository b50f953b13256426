//! Check-in that survives a poor signal (issue 18, point 7), the server's side: the phone
//! replays a queued check-in with its one `Idempotency-Key` as often as the signal makes it
//! retry, and the booking is checked in once; the session page carries the queue and the
//! service worker is served from the root.

use crate::market_fixtures::{booked_running_session, vendor};
use crate::support::{Client, TestApp};
use axum::body::Body;
use http::{Request, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn check_in(booking: i64, key: &str) -> Request<Body> {
    Request::post(format!("/api/v1/bookings/{booking}/check-in"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from("{}"))
        .unwrap()
}

/// A running session with one booking; returns (manager client, session id, booking id).
async fn booked(app: &TestApp) -> (Client, i64, i64) {
    let (session, booking, _) = booked_running_session(app, "OFF").await;
    (app.login_as(Role::Admin).await, session, booking)
}

async fn check_in_audits(app: &TestApp, booking: i64) -> u64 {
    entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("booking"))
        .filter(entity::audit_log::Column::EntityId.eq(i32::try_from(booking).unwrap()))
        .filter(entity::audit_log::Column::Action.eq("check_in"))
        .count(app.conn())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_same_check_in_replayed_three_times_with_one_key_checks_in_once() {
    let app = TestApp::new().await;
    let (mut manager, _, booking) = booked(&app).await;
    let first = manager.send(check_in(booking, "phone-queue-0001")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let at = first.json()["checked_in_at"].clone();
    assert!(at.is_string(), "{}", first.text());
    for _ in 0..2 {
        let again = manager.send(check_in(booking, "phone-queue-0001")).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(
            again.json()["checked_in_at"],
            at,
            "the first answer, replayed"
        );
    }
    assert_eq!(check_in_audits(&app, booking).await, 1);
    let row = entity::bookings::Entity::find_by_id(i32::try_from(booking).unwrap())
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status.as_str(), "checked_in");
}

#[tokio::test]
async fn three_concurrent_sends_of_one_queued_check_in_check_in_once() {
    let app = TestApp::new().await;
    let (manager, _, booking) = booked(&app).await;
    let mut tasks = Vec::new();
    for _ in 0..3 {
        let mut c = manager.clone();
        tasks.push(tokio::spawn(async move {
            c.send(check_in(booking, "phone-queue-0002")).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(check_in_audits(&app, booking).await, 1);
}

#[tokio::test]
async fn the_session_page_carries_the_offline_queue_and_the_service_worker_is_served() {
    let app = TestApp::new().await;
    let (mut manager, session, booking) = booked(&app).await;
    let page = manager.get(&format!("/sessions/{session}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attr("form[data-offline-checkin]", "data-offline-checkin"),
        Some(booking.to_string())
    );
    assert!(
        page.attr("#offline-queue", "data-queued")
            .is_some_and(|t| t.contains("等待上传"))
    );
    assert_eq!(
        page.attr("script[src='/assets/offline.js']", "defer")
            .as_deref(),
        Some("")
    );
    let sw = app.client().get("/offline-sw.js").await;
    assert_eq!(sw.status, StatusCode::OK);
    assert!(
        sw.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    assert!(sw.text().contains("addEventListener(\"fetch\""));
    let js = app.client().get("/assets/offline.js").await;
    assert!(js.text().contains("Idempotency-Key"));
    // A vendor looking at their own session gets no queue.
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    assert!(
        v.get(&format!("/sessions/{session}"))
            .await
            .select("#offline-queue")
            .is_empty()
    );
}
