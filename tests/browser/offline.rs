//! Check-in that survives a poor signal (issue 18, point 7), in a real browser: the manager's
//! phone loses the network (DevTools `Network.emulateNetworkConditions` through chromedriver),
//! taps "check in", sees it waiting on the phone with nothing sent, gets the network back, and
//! the queue empties itself into exactly one check-in.

use super::{Browser, Proc, first_existing, free_port, start_session, wait_ok};
use crate::market_fixtures::{running_market, site, stalls, vendor};
use crate::support::TestApp;
use nightmarket::identity::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

async fn checked_in(app: &TestApp, booking: i64) -> (bool, u64) {
    let id = i32::try_from(booking).unwrap();
    let row = entity::bookings::Entity::find_by_id(id)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let audits = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("booking"))
        .filter(entity::audit_log::Column::EntityId.eq(id))
        .filter(entity::audit_log::Column::Action.eq("check_in"))
        .count(app.conn())
        .await
        .unwrap();
    (row.checked_in_at.is_some(), audits)
}

async fn network(b: &Browser, offline: bool) {
    b.cdp("Network.enable", json!({})).await;
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn a_check_in_tapped_offline_waits_on_the_phone_and_is_sent_once_when_the_signal_returns() {
    let chromium = first_existing(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
    let driver = first_existing(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        panic!(
            "the browser test needs chromium and chromedriver (apt-get install chromium chromium-driver)"
        );
    };
    let app = TestApp::new().await;
    app.user("offline-admin", Role::Admin, "offline-pass-123")
        .await;
    let s = site(&app, "OFL").await;
    let st = stalls(&app, s, "OFL", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, session) = running_market(&mut admin, s).await;
    let session = session["id"].as_i64().unwrap();
    let (_, v) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": st[0], "vendor_id": v}),
        )
        .await;
    let booking = r.json()["id"].as_i64().unwrap();

    let port = free_port();
    let _server = Proc(
        Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args([
                "serve",
                "--no-seed",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                &app.db.url,
            ])
            .env("NIGHTMARKET_LIMITS", "relaxed")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the nightmarket binary"),
    );
    let origin = format!("http://127.0.0.1:{port}");
    wait_ok(&format!("{origin}/healthz")).await;
    let (_driver, _profile, http, driver_url, sid) = start_session(&driver, &chromium).await;
    let shots =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots/offline");
    let _ = std::fs::create_dir_all(&shots);
    let mut b = Browser {
        http,
        base: format!("{driver_url}/session/{sid}"),
        shots,
        step: 0,
    };

    b.go(&format!("{origin}/login")).await;
    b.type_into("[name='login']", "offline-admin").await;
    b.type_into("[name='password']", "offline-pass-123").await;
    b.click("main form button[type='submit']").await;
    b.find("header.top .who").await;
    let page = format!("{origin}/sessions/{session}");
    b.go(&page).await;
    b.find("#offline-queue").await;
    // The service worker takes the page over; a reload is then served through it.
    let started = Instant::now();
    while b
        .exec(
            "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);",
            json!([]),
        )
        .await
        != json!(true)
    {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the service worker never took control"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        b.go(&page).await;
    }

    // One bar, then none: the tap is kept on the phone.
    network(&b, true).await;
    b.click(&format!("form[data-offline-checkin='{booking}'] button"))
        .await;
    b.find("#offline-queue li[data-booking]").await;
    b.shot("offline-queued").await;
    assert_eq!(
        b.exec(
            "return document.getElementById('offline-queue').dataset.waiting;",
            json!([])
        )
        .await,
        json!("1")
    );
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        checked_in(&app, booking).await,
        (false, 0),
        "nothing reached the server offline"
    );
    // Reloading without signal still shows the page and what is waiting.
    b.go(&page).await;
    b.find("#offline-queue li[data-booking]").await;

    // The signal returns: the queue empties into one check-in.
    network(&b, false).await;
    b.exec("window.dispatchEvent(new Event('online'));", json!([]))
        .await;
    let started = Instant::now();
    loop {
        let waiting = b
            .exec(
                "return document.getElementById('offline-queue').dataset.waiting;",
                json!([]),
            )
            .await;
        if waiting == json!("0") && checked_in(&app, booking).await.0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the queue never emptied: {waiting}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.shot("offline-sent").await;
    // A second flush (the timer, the next page load) sends nothing more.
    b.exec("return window.nightmarketOffline.flush();", json!([]))
        .await;
    b.go(&page).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        checked_in(&app, booking).await,
        (true, 1),
        "checked in exactly once"
    );
}
