//! The stall editor and assigning from the plan in the browser, as an administrator at 390 px:
//! select stalls, move one onto its neighbour (refused, shown at the stall), move, rotate,
//! delete and add stalls; then on a session page tap a free stall, find a vendor by name and
//! place them, move them by tapping their stall then a free one, and cancel from the stall.
//! Every page through the audit (axe-core: no serious or critical violation).

use super::{Browser, Staff, browser_tools, serve};
use crate::market_fixtures::{day, night_market, site};
use crate::support::TestApp;
use nightmarket::identity::Role;
use serde_json::{Value, json};

/// A `w × d` stall centred `(x, y)` metres from the fixture site's centre, facing south.
fn rect(x: f64, y: f64) -> Value {
    let (c, m) = ((100.81025, 38.43015), (87_220.0, 110_990.0));
    let p = |dx: f64, dy: f64| json!([c.0 + (x + dx) / m.0, c.1 + (y + dy) / m.1]);
    json!({"type": "Polygon", "coordinates": [[p(1.5, 1.25), p(-1.5, 1.25), p(-1.5, -1.25), p(1.5, -1.25), p(1.5, 1.25)]]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
async fn a_manager_edits_stalls_on_the_plan_and_assigns_a_vendor_found_by_name() {
    let (chromium, driver) = browser_tools();
    let app = TestApp::new().await;
    app.user("editor-admin", Role::Admin, "editor-pass-123")
        .await;
    let s = site(&app, "EDW").await;
    let (_server, origin) = serve(&app).await;
    let staff = Staff::logged_in(&origin, "editor-admin", "editor-pass-123").await;
    let mut ids = Vec::new();
    for (x, code) in [(0.0, "A-001"), (3.0, "A-002"), (-9.0, "A-003")] {
        let (status, made) = staff
            .post(
                &format!("/api/v1/sites/{s}/stalls"),
                json!({"polygon": rect(x, 0.0), "code": code}),
            )
            .await;
        assert_eq!(status, 201, "{made}");
        ids.push(made["id"].as_i64().unwrap());
    }
    let (market, session) = staff
        .market_session(night_market(s, day(1), day(1)), day(1))
        .await;
    // A vendor registers and applies (their own client), the admin approves.
    let vendor = Staff::new(&origin);
    let id_number = nightmarket::vendors::id_number::complete("62072219800101357").unwrap();
    let (status, _) = vendor
        .post(
            "/api/v1/vendors",
            json!({"name": "马秀英", "phone": "13912340077", "password": "vendor-pass-1",
            "id_number": id_number, "category": "服装百货"}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, applied) = vendor
        .post("/api/v1/applications", json!({"market_id": market, "from": day(1).to_string(), "to": day(1).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(status, 201, "{applied}");
    let (status, _) = staff
        .post(
            &format!("/api/v1/applications/{}/decision", applied["id"]),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 200);

    let (_driver, _profile, mut b) = Browser::open(&driver, &chromium, "editor", true).await;
    b.watch_csp().await;
    let mut problems = Vec::new();

    b.log_in(&origin, "editor-admin", "editor-pass-123").await;

    // The editor: tap A-001 on the plan (the script ticks its box), move it 2 m east onto A-002.
    b.go(&format!("{origin}/sites/{s}/editor")).await;
    b.find("#editor-plan svg g.stall").await;
    problems.extend(b.audit("editor").await);
    let tapped = b
        .exec(
            "const g = [...document.querySelectorAll('#editor-plan g.stall')].find((g) => g.querySelector('title').textContent === 'EDW-A-001'); \
             g.dispatchEvent(new MouseEvent('click', {bubbles: true})); \
             return document.getElementById('sel-' + arguments[0]).checked && g.classList.contains('st-highlight');",
            json!([ids[0]]),
        )
        .await;
    assert_eq!(tapped, json!(true), "a tap on the plan selects the stall");
    b.fill(&[("step", "2")]).await;
    b.click("button[value='move-e']").await;
    let refusal = b.text("#refusal").await;
    assert!(
        refusal.contains("EDW-A-002") && refusal.contains("重叠"),
        "{refusal}"
    );
    b.find(&format!("tr#row-{}.refused .error-message", ids[0]))
        .await;
    b.shot("editor-overlap-refused").await;
    // The refusal is the page again with 422 (as every form here answers a refused input);
    // Chromium logs that status as a console error, which is the one expected here.
    problems.extend(
        b.audit("editor-refused")
            .await
            .into_iter()
            .filter(|p| !p.contains("status of 422")),
    );

    // One metre west: saved; then turn A-002 a quarter, delete A-003, add a stall 10 m north.
    b.fill(&[("step", "1")]).await;
    click_and_reload(&b, "button[value='move-w']").await;
    b.wait_url("saved=1").await;
    b.click(&format!("#sel-{}", ids[0])).await;
    b.click(&format!("#sel-{}", ids[1])).await;
    click_and_reload(&b, "button[value='rot-l90']").await;
    b.wait_url("saved=1").await;
    b.click(&format!("#sel-{}", ids[1])).await;
    b.click(&format!("#sel-{}", ids[2])).await;
    click_and_reload(&b, "button[value='delete']").await;
    b.wait_url("saved=1").await;
    b.fill(&[("x", "0"), ("y", "10")]).await;
    click_and_reload(&b, "#add-form button[type='submit']").await;
    b.wait_url("saved=1").await;
    b.shot("editor-after-edits").await;
    let stalls = staff.get(&format!("/api/v1/sites/{s}/stalls")).await;
    let codes: Vec<&str> = stalls["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["code"].as_str())
        .collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(
        !codes.contains(&"EDW-A-003") && codes.contains(&"EDW-HD-001"),
        "{codes:?}"
    );
    let turned = stalls["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == ids[1])
        .unwrap();
    assert!((turned["width_m"].as_f64().unwrap() - 3.0).abs() < 0.05);

    // Assign from the plan: tap a free stall, find the vendor by name, place them.
    b.go(&format!("{origin}/sessions/{session}")).await;
    b.find("#assign-plan").await;
    problems.extend(b.audit("session-assign").await);
    let went = b
        .exec(
            "const g = [...document.querySelectorAll('figure.session-plan g.stall')].find((g) => g.querySelector('title').textContent === 'EDW-A-001'); \
             if (!g) return false; g.dispatchEvent(new MouseEvent('click', {bubbles: true})); return true;",
            json!([]),
        )
        .await;
    if went != json!(true) {
        b.click(&format!("a.free-stall[data-stall-id='{}']", ids[0]))
            .await;
    }
    b.wait_url("/candidates").await;
    b.type_into("#f-q", "秀英").await;
    b.click("form.search button[type='submit']").await;
    b.wait_url("q=").await;
    problems.extend(b.audit("candidates").await);
    b.shot("candidates-found").await;
    b.click("li.candidate button[type='submit']").await;
    b.find(&format!("li.booked-stall[data-stall-id='{}']", ids[0]))
        .await;
    let booked = b
        .text(&format!("li.booked-stall[data-stall-id='{}']", ids[0]))
        .await;
    assert!(booked.contains("马秀英"), "{booked}");
    b.shot("session-assigned").await;
    problems.extend(b.audit("session-assigned").await);

    // Move by tap-then-tap: the booked stall, then a free one; then cancel from the stall.
    let tap = "const g = [...document.querySelectorAll('figure.session-plan g.stall')].find((g) => g.querySelector('title').textContent === arguments[0]); \
               g.dispatchEvent(new MouseEvent('click', {bubbles: true})); return document.getElementById('assign-status').textContent;";
    let said = b.exec(tap, json!(["EDW-A-001"])).await;
    assert!(
        said.as_str().unwrap_or_default().contains("EDW-A-001"),
        "{said}"
    );
    b.exec("window.__beforeSubmit = true;", json!([])).await;
    b.exec(tap, json!(["EDW-A-002"])).await;
    let moved = format!("li.booked-stall[data-stall-id='{}']", ids[1]);
    b.find(&moved).await;
    assert!(b.text(&moved).await.contains("马秀英"));
    let bookings = staff
        .get(&format!("/api/v1/sessions/{session}/bookings"))
        .await;
    assert_eq!(bookings["items"][0]["stall_id"], ids[1], "{bookings}");
    b.shot("session-moved").await;
    // Cancelling takes two taps: open, then confirm.
    b.click(&format!("{moved} details.confirm-cancel > summary"))
        .await;
    b.click(&format!("{moved} button[type='submit']")).await;
    b.find(&format!("a.free-stall[data-stall-id='{}']", ids[1]))
        .await;
    let bookings = staff
        .get(&format!("/api/v1/sessions/{session}/bookings"))
        .await;
    assert_eq!(bookings["total"], 0, "{bookings}");
    problems.extend(b.audit("session-cancelled").await);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Clicks a submit button and waits until the browser has left the page it was on: the URL
/// alone cannot tell, since it already says `saved=1` after the first edit.
pub(super) async fn click_and_reload(b: &Browser, css: &str) {
    b.exec("window.__beforeSubmit = true;", json!([])).await;
    b.click(css).await;
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(10) {
        let still = b
            .exec("return window.__beforeSubmit === true;", json!([]))
            .await;
        if still != json!(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
