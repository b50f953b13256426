//! `Idempotency-Key`: a retried creating POST returns the first answer and creates nothing new.

use crate::support::TestApp;
use axum::body::Body;
use http::{Request, StatusCode};
use nightmarket::vendors::id_number::complete;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

fn registration(key: &str, phone: &str) -> Request<Body> {
    let body = json!({
        "name": "重试摊主", "phone": phone, "password": "retry-vendor-8",
        "id_number": complete("62072219880808123").unwrap(), "category": "便民服务"
    });
    Request::post("/api/v1/vendors")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A key as a request that died with its server two minutes ago left it: pending, no answer.
async fn left_pending(app: &TestApp, scope: &str, key: &str) {
    use sea_orm::{ActiveModelTrait, Set};
    entity::idempotency_keys::ActiveModel {
        scope: Set(scope.into()),
        key: Set(key.into()),
        request_hash: Set("whatever the dead request was".into()),
        status: Set(0),
        response_body: Set(None),
        content_type: Set(None),
        created_at: Set(chrono::Utc::now() - chrono::Duration::minutes(2)),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap();
}

#[tokio::test]
async fn ten_concurrent_retries_create_one_vendor_and_get_the_same_answer() {
    let app = TestApp::new().await;
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let mut c = app.client();
        tasks.push(tokio::spawn(async move {
            let r = c.send(registration("reg-7f3a", "13912340001")).await;
            (r.status, r.json())
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::CREATED),
        "{answers:?}"
    );
    assert!(
        answers.iter().all(|(_, b)| *b == answers[0].1),
        "{answers:?}"
    );
    let vendors = entity::vendors::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(vendors, 1);
}

#[tokio::test]
async fn a_key_reused_for_another_request_is_refused() {
    let app = TestApp::new().await;
    let mut c = app.client();
    assert_eq!(
        c.send(registration("k1", "13912340002")).await.status,
        StatusCode::CREATED
    );
    // The phone lost the answer (and so the cookie) and sends the same request again.
    let mut retry = app.client();
    let replay = retry.send(registration("k1", "13912340002")).await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    let other = retry.send(registration("k1", "13912340003")).await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    assert_eq!(other.error_code(), "idempotency_key_reused");
    // Without a key, the same body is a second (refused) registration, as before.
    let mut plain = registration("", "13912340002");
    plain.headers_mut().remove("idempotency-key");
    assert_eq!(
        retry.send(plain).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The server was killed while it ran the first request: its pending key would make every
/// retry wait for an answer that never comes. A retry after the longest a request can run
/// takes the key over and runs the request (once).
#[tokio::test]
async fn a_key_left_pending_by_a_killed_server_is_taken_over_by_the_retry() {
    let app = TestApp::new().await;
    left_pending(&app, "anonymous", "died-with-server").await;
    let mut c = app.client();
    let first = c
        .send(registration("died-with-server", "13912340009"))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    // And the key works as any other from now on: a retry (from a phone that lost the answer,
    // and so the cookie) replays it, nothing new is created.
    let again = app
        .client()
        .send(registration("died-with-server", "13912340009"))
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json(), first.json());
    let vendors = entity::vendors::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(vendors, 1);
}

/// The server died after the booking committed but before its answer was stored: the retry
/// under the same key finds its own booking in the way and answers as the first run would
/// have (201, the same id), not 409 `vendor_already_booked`.
#[tokio::test]
async fn a_booking_committed_before_its_server_died_is_answered_to_the_retry() {
    use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor_rows};
    use nightmarket::identity::Role;
    let app = TestApp::new().await;
    let s = site(&app, "IDB").await;
    let st = stalls(&app, s, "IDB", 1).await;
    let vendors = vendor_rows(&app, 1, "服装百货").await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0]["id"].clone();
    let body = json!({"session_id": session, "stall_id": st[0], "vendor_id": vendors[0]});
    // The first run: its booking committed, its key left pending when the server died.
    let first = admin.post_json("/api/v1/bookings", &body).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let me = admin.get("/api/v1/me").await.json()["id"].as_i64().unwrap();
    left_pending(&app, &format!("user:{me}"), "booking-died").await;
    let retry = admin
        .send(
            Request::post("/api/v1/bookings")
                .header("content-type", "application/json")
                .header("idempotency-key", "booking-died")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(retry.status, StatusCode::CREATED, "{}", retry.text());
    assert_eq!(retry.json()["id"], first.json()["id"]);
    // Without the dead run behind it, the same booking again is still a conflict.
    let again = admin.post_json("/api/v1/bookings", &body).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_registration_the_phone_gave_up_on_is_made_all_the_same() {
    use tower::ServiceExt;
    let app = TestApp::new().await;
    let phone = "13912340077";
    // The phone gives up five milliseconds in (hashing the password alone takes longer) and
    // drops the connection, and with it the answer.
    let request = registration("", phone);
    let mut request = request;
    request.headers_mut().remove("idempotency-key");
    let gave_up = tokio::time::timeout(
        std::time::Duration::from_millis(5),
        app.router.clone().oneshot(request),
    )
    .await;
    assert!(
        gave_up.is_err(),
        "the request was expected to outlast the wait"
    );
    // The registration runs to its end all the same.
    let mut made = 0;
    for _ in 0..200 {
        made = entity::users::Entity::find()
            .filter(entity::users::Column::Login.eq(phone))
            .count(app.conn())
            .await
            .unwrap();
        if made > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(made, 1, "the account the phone gave up on was not made");
    // Sent again, it says the number is registered: log in.
    let mut request = registration("", phone);
    request.headers_mut().remove("idempotency-key");
    let r = app.client().send(request).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "phone_taken");
}
