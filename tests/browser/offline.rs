//! Check-in that survives a poor signal (issue 18, point 7), in a real browser: the manager's
//! phone loses the network (DevTools `Network.emulateNetworkConditions` through chromedriver),
//! taps "check in", sees it waiting on the phone with nothing sent, gets the network back, and
//! the queue empties itself into exactly one check-in.

use super::{Browser, Proc, browser_tools, serve};
use crate::support::TestApp;
use nightmarket::identity::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
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

/// The signal returns: the page is told it is online, and within 20 s its queue shows nothing
/// waiting and `arrived` holds on the server.
async fn signal_returns<F, Fut>(b: &Browser, mut arrived: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    network(b, false).await;
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
        if waiting == json!("0") && arrived().await {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the queue never emptied: {waiting}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// [`crate::market_fixtures::booked_running_session`] without the vendor.
async fn booked_running_session(app: &TestApp, code: &str) -> (i64, i64) {
    let (session, booking, _) = crate::market_fixtures::booked_running_session(app, code).await;
    (session, booking)
}

async fn network(b: &Browser, offline: bool) {
    b.cdp("Network.enable", json!({})).await;
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .await;
}

/// The server binary on the test's database, and a phone's browser logged in as `login`:
/// (server, driver, profile, browser, origin); the processes end when dropped.
async fn phone(
    app: &TestApp,
    driver: &str,
    chromium: &str,
    login: &str,
    password: &str,
) -> (Proc, Proc, tempfile::TempDir, Browser, String) {
    let (server, origin) = serve(app).await;
    // Two tests write here side by side: the folder is not emptied.
    let (driver, profile, mut b) = Browser::open(driver, chromium, "offline", false).await;
    b.log_in(&origin, login, password).await;
    (server, driver, profile, b, origin)
}

/// Opens `page` until the service worker controls it (a reload is then served through it).
async fn under_service_worker(b: &mut Browser, page: &str) {
    b.go(page).await;
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
        b.go(page).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn a_check_in_tapped_offline_waits_on_the_phone_and_is_sent_once_when_the_signal_returns() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("offline-admin", Role::Admin, "offline-pass-123")
        .await;
    let (session, booking) = booked_running_session(&app, "OFL").await;

    let (_server, _driver, _profile, mut b, origin) = phone(
        &app,
        &driver,
        &chromium,
        "offline-admin",
        "offline-pass-123",
    )
    .await;
    let page = format!("{origin}/sessions/{session}");
    under_service_worker(&mut b, &page).await;

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
    signal_returns(&b, || async { checked_in(&app, booking).await.0 }).await;
    // The row says what the server recorded, and the vendor no longer counts as not arrived.
    let mut row = String::new();
    for _ in 0..50 {
        row = b
            .text(&format!("tr#booking-{booking} [data-checkin-status]"))
            .await;
        if row == "已签到" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(row, "已签到");
    assert_eq!(b.text("#no-shows").await, "0");
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

/// A market phone is shared: once the manager logs out, the pages the service worker kept
/// (vendors' names and phone numbers) are gone, and a reload without signal shows none of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn after_logging_out_the_phone_keeps_no_session_page_to_read_offline() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("shared-admin", Role::Admin, "shared-pass-123")
        .await;
    let (session, _) = booked_running_session(&app, "OFS").await;
    let (_server, _driver, _profile, mut b, origin) =
        phone(&app, &driver, &chromium, "shared-admin", "shared-pass-123").await;
    let page = format!("{origin}/sessions/{session}");
    under_service_worker(&mut b, &page).await;
    let vendor_line = b.text("main").await;
    assert!(vendor_line.contains("服装百货"), "{vendor_line}");
    // Kept while logged in: offline, the page still opens.
    network(&b, true).await;
    b.go(&page).await;
    b.find("#offline-queue").await;
    network(&b, false).await;

    b.go(&page).await;
    b.click("form[action='/logout'] button").await;
    b.wait_url("/login").await;
    // What is kept is dropped while the login page loads; give it a moment.
    let started = Instant::now();
    while b
        .exec(
            "return caches.keys().then(function (k) { return k.length; });",
            json!([]),
        )
        .await
        != json!(0)
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the kept pages stayed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    network(&b, true).await;
    b.go(&page).await;
    let shown = b.text("body").await;
    assert!(
        !shown.contains("服装百货"),
        "the session page is still readable: {shown}"
    );
    b.shot("offline-after-logout").await;
}

async fn inspections(app: &TestApp) -> (u64, u64) {
    (
        entity::inspections::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        entity::inspection_photos::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn an_inspection_with_a_photo_recorded_offline_is_sent_once_when_the_signal_returns() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("inspect-admin", Role::Admin, "inspect-pass-123")
        .await;
    let (session, _) = booked_running_session(&app, "OFI").await;
    // The photo the manager picks on the phone.
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("stall.jpg");
    std::fs::write(&photo, crate::documents::jpeg_with_exif()).unwrap();

    let (_server, _driver, _profile, mut b, origin) = phone(
        &app,
        &driver,
        &chromium,
        "inspect-admin",
        "inspect-pass-123",
    )
    .await;
    let page = format!("{origin}/sessions/{session}/inspect");
    under_service_worker(&mut b, &page).await;

    // No signal: the inspection, its note and its photo are kept on the phone.
    network(&b, true).await;
    b.click("details.card summary").await;
    b.click("form[data-offline-inspect] input[name='code'][value='smoke']")
        .await;
    b.type_into("form[data-offline-inspect] input[name='note']", "油烟直排")
        .await;
    let file = b
        .find("form[data-offline-inspect] input[type='file']")
        .await;
    b.cmd(
        reqwest::Method::POST,
        &format!("/element/{file}/value"),
        Some(json!({ "text": photo.display().to_string() })),
    )
    .await;
    b.click("form[data-offline-inspect] button[type='submit']")
        .await;
    b.find("#offline-queue li[data-inspection]").await;
    b.shot("inspection-queued").await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        inspections(&app).await,
        (0, 0),
        "nothing reached the server offline"
    );
    // Reloading without signal still shows the page and what is waiting.
    b.go(&page).await;
    b.find("#offline-queue li[data-inspection]").await;

    // The signal returns: one inspection with its photo, then nothing more.
    signal_returns(&b, || async { inspections(&app).await == (1, 1) }).await;
    b.shot("inspection-sent").await;
    // The inspector is told at the form itself that it was recorded.
    b.find("form[data-offline-inspect] p.form-note[role='status']")
        .await;
    // (Read as text content: the stall's card is folded after the reload.)
    let said = b
        .exec(
            "return document.querySelector('form[data-offline-inspect] p.form-note').textContent;",
            json!([]),
        )
        .await;
    assert!(said.as_str().unwrap_or("").contains("已记录"), "{said}");
    b.exec("return window.nightmarketOffline.flush();", json!([]))
        .await;
    b.go(&page).await;
    b.find("div.inspection p.photos img").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(inspections(&app).await, (1, 1), "recorded exactly once");
    let note = entity::inspection_items::Entity::find()
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .note;
    assert_eq!(note.as_deref(), Some("油烟直排"));
}

/// An old iPhone (iOS 10.0–10.2 lacks `IDBObjectStore.getAll`): the queue cannot work there,
/// so the tap posts the plain form, and the check-in arrives (the script had stopped the post
/// and then failed, and the check-in was lost).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn a_phone_too_old_for_the_queue_checks_in_with_the_plain_form() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("old-phone-admin", Role::Admin, "offline-pass-123")
        .await;
    let (session, booking) = booked_running_session(&app, "OLD").await;
    let (_server, _driver, _profile, mut b, origin) = phone(
        &app,
        &driver,
        &chromium,
        "old-phone-admin",
        "offline-pass-123",
    )
    .await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "delete IDBObjectStore.prototype.getAll;"}),
    )
    .await;
    b.go(&format!("{origin}/sessions/{session}")).await;
    b.click(&format!("form[data-offline-checkin='{booking}'] button"))
        .await;
    let started = Instant::now();
    while !checked_in(&app, booking).await.0 {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the check-in never arrived"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(checked_in(&app, booking).await, (true, 1));
}
