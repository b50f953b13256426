//! A manager whose site has stalls booked for a session still to come lays it out again, in
//! the browser at 390 px: the preview names the booked stall instead of offering to accept,
//! its link opens the editor with that stall selected, one tap locks it, and the layout is
//! then accepted around it, the booking kept. Every page through the audit.

use super::editor::click_and_reload;
use super::{Browser, Staff, browser_tools, serve};
use crate::market_fixtures::{day, night_market};
use crate::support::TestApp;
use nightmarket::identity::Role;
use serde_json::{Value, json};

/// A 40 × 30 m plaza near Minle.
fn plaza() -> Value {
    let (lon, lat, dx, dy) = (100.812, 38.433, 40.0 / 87_300.0, 30.0 / 110_990.0);
    json!({"type": "Polygon", "coordinates": [[
        [lon, lat], [lon + dx, lat], [lon + dx, lat + dy], [lon, lat + dy], [lon, lat]
    ]]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn a_manager_locks_the_booked_stall_the_preview_names_and_lays_out_around_it() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("booked-admin", Role::Admin, "booked-pass-123")
        .await;
    let (_server, origin) = serve(&app).await;
    let staff = Staff::logged_in(&origin, "booked-admin", "booked-pass-123").await;
    let (status, site) = staff
        .post(
            "/api/v1/sites",
            json!({"code": "BKW", "name": "财富广场", "kind": "plaza", "boundary": plaza()}),
        )
        .await;
    assert_eq!(status, 201, "{site}");
    let s = site["id"].as_i64().unwrap();
    let laid = staff
        .http
        .put(format!("{origin}/api/v1/sites/{s}/layout"))
        .json(&json!({"stall_width_m": 2.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(laid.status(), 200);
    let laid: Value = laid.json().await.unwrap();
    let (stall, code) = (
        laid["stalls"][0]["id"].as_i64().unwrap(),
        laid["stalls"][0]["code"].as_str().unwrap().to_owned(),
    );
    let (_, session) = staff
        .market_session(night_market(s as i32, day(1), day(1)), day(1))
        .await;
    let id_number = nightmarket::vendors::id_number::complete("62072219800101357").unwrap();
    let (status, vendor) = Staff::new(&origin)
        .post(
            "/api/v1/vendors",
            json!({"name": "马秀英", "phone": "13912340088", "password": "vendor-pass-1",
               "id_number": id_number, "category": "服装百货"}),
        )
        .await;
    assert_eq!(status, 201, "{vendor}");
    let (status, booked) = staff
        .post(
            "/api/v1/bookings",
            json!({"session_id": session, "stall_id": stall, "vendor_id": vendor["vendor_id"]}),
        )
        .await;
    assert_eq!(status, 201, "{booked}");

    let (_driver, _profile, mut b) = Browser::open(&driver, &chromium, "booked", true).await;
    b.watch_csp().await;
    let mut problems = Vec::new();
    b.log_in(&origin, "booked-admin", "booked-pass-123").await;

    // The preview is drawn; where its accept button would be, the booked stall is named.
    b.go(&format!("{origin}/sites/{s}")).await;
    b.click("form#layout button[type='submit']").await;
    let told = b.text("section.preview p.error-message").await;
    assert!(told.contains(&code), "{told}");
    b.exec(
        "document.querySelector('section.preview').scrollIntoView();",
        json!([]),
    )
    .await;
    problems.extend(b.audit("preview-names-the-booked-stall").await);

    // Its link: the editor with that stall selected; one tap on Lock.
    b.click("section.preview a").await;
    let ticked = b.attr("input[name='ids']:checked", "value").await;
    assert_eq!(ticked, stall.to_string());
    problems.extend(b.audit("editor-booked-selected").await);
    click_and_reload(&b, "button[value='lock']").await;
    b.find("input[name='ids']").await;
    let listed = staff.get(&format!("/api/v1/sites/{s}/stalls")).await;
    let locked: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["locked"] == true)
        .map(|x| x["id"].as_i64().unwrap())
        .collect();
    assert_eq!(locked, vec![stall], "the booked stall alone is locked");

    // Laid out again: the preview offers to accept, and the booked stall stays with its booking.
    b.go(&format!("{origin}/sites/{s}")).await;
    b.click("form#layout button[type='submit']").await;
    click_and_reload(&b, "section.preview form button[type='submit']").await;
    b.find("main").await;
    problems.extend(b.audit("laid-out-around-the-booked-stall").await);
    let listed = staff.get(&format!("/api/v1/sites/{s}/stalls")).await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == stall && x["code"] == code.as_str()),
        "{code} stays"
    );
    let bookings = staff
        .get(&format!("/api/v1/sessions/{session}/bookings"))
        .await;
    assert_eq!(bookings["items"][0]["stall_id"], stall, "{bookings}");
    assert!(problems.is_empty(), "{problems:#?}");
}
