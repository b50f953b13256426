//! Notices reach phones (issue 18, point 6): every notice to a vendor queues an SMS in the
//! same transaction; workers claim, send and mark them through the HTTP gateway adapter,
//! against a fake gateway started here on 127.0.0.1:0 — one that fails with 500 and recovers,
//! one that refuses for good — and no message is lost or sent twice, also with two workers.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor};
use crate::support::TestApp;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use http::StatusCode;
use nightmarket::config::SmsConfig;
use nightmarket::i18n::Msg;
use nightmarket::identity::Role;
use nightmarket::notices::{self, sms, worker};
use sea_orm::{EntityTrait, TransactionTrait};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the fake gateway saw: accepted messages by `out_id`, and every request.
#[derive(Default)]
struct Gateway {
    accepted: HashMap<String, Vec<Value>>,
    requests: usize,
    /// Answer 500 to this many requests first.
    fail_first: usize,
    /// Answer 400 (refused for good) to every request.
    refuse: bool,
}

type Shared = Arc<Mutex<Gateway>>;

async fn gateway(
    State(g): State<Shared>,
    headers: http::HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    let mut g = g.lock().unwrap();
    g.requests += 1;
    assert_eq!(headers["authorization"], "Bearer test-key");
    if g.refuse {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": "isv.MOBILE_NUMBER_ILLEGAL"})),
        );
    }
    if g.requests <= g.fail_first {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"code": "busy"})),
        );
    }
    let id = body["out_id"].as_str().unwrap().to_owned();
    g.accepted.entry(id).or_default().push(body);
    (StatusCode::OK, Json(json!({"code": "OK"})))
}

/// Starts the fake gateway; returns its state and the adapter's configuration.
async fn start_gateway(fail_first: usize, refuse: bool) -> (Shared, SmsConfig) {
    let shared: Shared = Arc::new(Mutex::new(Gateway {
        fail_first,
        refuse,
        ..Default::default()
    }));
    let app = Router::new()
        .route("/sms", post(gateway))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut templates = std::collections::BTreeMap::new();
    templates.insert("booking_cancelled".to_owned(), "SMS_100".to_owned());
    templates.insert("*".to_owned(), "SMS_999".to_owned());
    let config = SmsConfig {
        url: Some(format!("http://{addr}/sms")),
        key: Some("test-key".into()),
        templates,
        backoff_base_ms: 20,
        backoff_max_ms: 200,
        poll_ms: 20,
        ..Default::default()
    };
    (shared, config)
}

/// Writes `n` notices to vendor users through the notices module (one transaction each
/// half, one through `write_many`); returns the vendor user ids.
async fn notices_for_vendors(app: &TestApp, n: usize) -> Vec<i32> {
    let vendors =
        crate::market_fixtures::vendor_rows(app, u32::try_from(n).unwrap(), "服装百货").await;
    let mut users = Vec::new();
    for v in &vendors {
        let row = entity::vendors::Entity::find_by_id(i32::try_from(*v).unwrap())
            .one(app.conn())
            .await
            .unwrap()
            .unwrap();
        users.push(row.user_id);
    }
    let db = app.conn();
    let half = n / 2;
    for u in &users[..half] {
        let txn = db.begin().await.unwrap();
        notices::write(
            &txn,
            *u,
            "offer",
            Msg::with(
                "bookings-notice-cancelled",
                [("what", "6月1日 夜市 A-001".into())],
            ),
        )
        .await
        .unwrap();
        txn.commit().await.unwrap();
    }
    let txn = db.begin().await.unwrap();
    let many = users[half..]
        .iter()
        .map(|u| notices::Outgoing {
            user_id: *u,
            kind: "allocation_result",
            text: Msg::with("bookings-notice-cancelled", [("what", "x".into())]),
        })
        .collect();
    notices::write_many(&txn, many).await.unwrap();
    txn.commit().await.unwrap();
    users
}

async fn outbox(app: &TestApp) -> Vec<entity::sms_outbox::Model> {
    entity::sms_outbox::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
}

/// Runs passes until nothing is queued (or 20 s).
async fn drain(app: &TestApp, provider: &dyn sms::SmsProvider, config: &SmsConfig) {
    let started = Instant::now();
    while outbox(app)
        .await
        .iter()
        .any(|r| r.status.as_str() == "queued")
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "outbox never drained"
        );
        worker::run_once(app.conn(), provider, config)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A vendor whose booking for tomorrow on a new site `code` an administrator has just
/// cancelled (the notice and its SMS written); the vendor's client.
async fn cancelled_booking(app: &TestApp, code: &str) -> crate::support::Client {
    let s = site(app, code).await;
    let st = stalls(app, s, code, 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    let (v, vid) = vendor(app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": st[0], "vendor_id": vid}),
        )
        .await;
    let booking = r.json()["id"].as_i64().unwrap();
    // The placement told the vendor too; this fixture is about the cancellation's message.
    {
        use sea_orm::{ColumnTrait, QueryFilter};
        entity::sms_outbox::Entity::delete_many()
            .filter(entity::sms_outbox::Column::Kind.eq("booking_assigned"))
            .exec(app.conn())
            .await
            .unwrap();
        entity::notices::Entity::delete_many()
            .filter(entity::notices::Column::Kind.eq("booking_assigned"))
            .exec(app.conn())
            .await
            .unwrap();
    }
    let r = admin
        .call(http::Method::DELETE, &format!("/api/v1/bookings/{booking}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    v
}

#[tokio::test]
async fn a_cancelled_booking_reaches_the_vendors_phone_and_the_inbox_shows_it_sent() {
    let (g, config) = start_gateway(0, false).await;
    let gateway = config.clone();
    let app = TestApp::with_config(|c| c.sms = gateway).await;
    let mut v = cancelled_booking(&app, "SMS").await;

    let rows = outbox(&app).await;
    assert_eq!(rows.len(), 1, "one SMS queued with the notice");
    assert_eq!(rows[0].status.as_str(), "queued");
    let inbox = v.get("/api/v1/notices").await.json();
    assert_eq!(inbox["items"][0]["sms"]["status"], "queued", "{inbox}");

    let provider = sms::provider(&config).unwrap();
    drain(&app, provider.as_ref(), &config).await;
    let inbox = v.get("/api/v1/notices").await.json();
    assert_eq!(inbox["items"][0]["sms"]["status"], "sent", "{inbox}");
    assert_eq!(inbox["items"][0]["sms"]["attempts"], 1);
    let (accepted, sent) = {
        let g = g.lock().unwrap();
        (
            g.accepted.len(),
            g.accepted.values().next().unwrap()[0].clone(),
        )
    };
    assert_eq!(accepted, 1);
    assert_eq!(sent["template_id"], "SMS_100");
    assert_eq!(sent["phone"], rows[0].phone);
    assert!(sent["params"]["what"].is_string(), "{sent}");
    // Every parameter is flat text, and `text` is the notice as the inbox words it.
    let params = sent["params"].as_object().unwrap();
    assert!(params.values().all(serde_json::Value::is_string), "{sent}");
    let inbox_text = inbox["items"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        !inbox_text.is_empty() && params["text"] == inbox_text,
        "{sent} / {inbox}"
    );
    let home = v.get("/").await;
    assert!(
        home.select(".sms-status")
            .iter()
            .any(|t| t.contains("短信已发送")),
        "{}",
        home.text()
    );
    // A server without a gateway only writes messages to its log: no badge says "sent".
    let logged = TestApp::new().await;
    let mut lv = cancelled_booking(&logged, "LOG").await;
    let log_only = sms::provider(&SmsConfig::default()).unwrap();
    drain(&logged, log_only.as_ref(), &SmsConfig::default()).await;
    let home = lv.get("/").await;
    assert_eq!(home.select("ul.inbox li").len(), 1, "{}", home.text());
    assert!(home.select(".sms-status").is_empty(), "{}", home.text());
    // And the API does not claim it was sent.
    let inbox = lv.get("/api/v1/notices").await.json();
    assert_eq!(inbox["items"][0]["sms"]["status"], "not_sent", "{inbox}");
    assert_eq!(
        inbox["items"][0]["sms"]["sent_at"],
        serde_json::Value::Null,
        "{inbox}"
    );

    // Staff get notices in the app only: a manager's notice queues nothing.
    let manager = app
        .user("sms-manager", Role::Manager, "sms-pass-1234")
        .await;
    let txn = app.conn().begin().await.unwrap();
    notices::write(
        &txn,
        manager,
        "complaint",
        Msg::with("bookings-notice-cancelled", [("what", "x".into())]),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(outbox(&app).await.len(), 1);
}

#[tokio::test]
async fn a_gateway_that_fails_with_500_then_recovers_loses_nothing_and_sends_nothing_twice() {
    let app = TestApp::new().await;
    let (g, config) = start_gateway(7, false).await;
    let users = notices_for_vendors(&app, 10).await;
    assert_eq!(outbox(&app).await.len(), users.len());
    let provider = sms::provider(&config).unwrap();
    drain(&app, provider.as_ref(), &config).await;
    let rows = outbox(&app).await;
    assert!(rows.iter().all(|r| r.status.as_str() == "sent"), "{rows:?}");
    assert!(rows.iter().any(|r| r.attempts > 1), "some were retried");
    assert!(
        rows.iter()
            .all(|r| r.sent_at.is_some() && r.last_error.is_none())
    );
    let g = g.lock().unwrap();
    assert_eq!(g.accepted.len(), users.len(), "every notice arrived");
    assert!(g.accepted.values().all(|v| v.len() == 1), "none twice");
    assert_eq!(g.requests, users.len() + 7);
}

#[tokio::test]
async fn two_workers_sharing_the_database_send_each_message_once() {
    let app = TestApp::new().await;
    let (g, config) = start_gateway(3, false).await;
    let users = notices_for_vendors(&app, 40).await;
    let provider = sms::provider(&config).unwrap();
    let one = worker::start(app.conn().clone(), provider.clone(), config.clone());
    let two = worker::start(app.conn().clone(), provider.clone(), config.clone());
    let started = Instant::now();
    while outbox(&app)
        .await
        .iter()
        .any(|r| r.status.as_str() != "sent")
    {
        assert!(started.elapsed() < Duration::from_secs(30), "not all sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    one.task.abort();
    two.task.abort();
    let g = g.lock().unwrap();
    assert_eq!(g.accepted.len(), users.len());
    assert!(
        g.accepted.values().all(|v| v.len() == 1),
        "a message was sent twice"
    );
}

#[tokio::test]
async fn a_message_the_gateway_refuses_for_good_is_marked_failed_after_one_attempt() {
    let app = TestApp::new().await;
    let (g, config) = start_gateway(0, true).await;
    notices_for_vendors(&app, 2).await;
    let provider = sms::provider(&config).unwrap();
    drain(&app, provider.as_ref(), &config).await;
    let rows = outbox(&app).await;
    assert!(
        rows.iter()
            .all(|r| r.status.as_str() == "failed" && r.attempts == 1),
        "{rows:?}"
    );
    assert!(rows[0].last_error.as_deref().unwrap_or("").contains("400"));
    assert_eq!(g.lock().unwrap().requests, 2);
}

#[tokio::test]
async fn retries_wait_longer_each_time_and_give_up_after_the_last_attempt() {
    let config = SmsConfig {
        backoff_base_ms: 1000,
        backoff_max_ms: 5000,
        ..Default::default()
    };
    let waits: Vec<i64> = (1..=5)
        .map(|n| worker::backoff(&config, n).num_milliseconds())
        .collect();
    assert_eq!(waits, vec![1000, 2000, 4000, 5000, 5000]);
    let app = TestApp::new().await;
    let (g, mut config) = start_gateway(usize::MAX, false).await;
    config.max_attempts = 3;
    notices_for_vendors(&app, 1).await;
    let provider = sms::provider(&config).unwrap();
    drain(&app, provider.as_ref(), &config).await;
    let rows = outbox(&app).await;
    assert_eq!(rows[0].status.as_str(), "failed");
    assert_eq!(rows[0].attempts, 3);
    assert_eq!(g.lock().unwrap().requests, 3);
}
