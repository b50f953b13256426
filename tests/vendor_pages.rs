//! The vendor's and the public's side: the vendor home (offers answered in one tap, schedule,
//! notices), permits with a QR code and public verification, the calendar feed, open now and
//! the public session plan.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::auth::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

/// A site with one stall, a night market over the next days, a waitlisted vendor with a
/// pending offer for the first session. Returns (admin, vendor client, vendor id, sessions).
async fn vendor_with_offer(app: &TestApp) -> (Client, Client, i64, Vec<Value>) {
    let s = site(app, "WCL").await;
    let st = stalls(app, s, "WCL", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    let booked = vendor_rows(app, 1, "服装百货").await[0];
    let (mut v, vid) = vendor(app, "服装百货", None).await;
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(), "category": "服装百货"}),
        )
        .await;
    let app_id = r.json()["id"].clone();
    let r = admin
        .post_json(
            &format!("/api/v1/applications/{app_id}/decision"),
            &json!({"decision": "waitlist", "reason": "摊位已满"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let id = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": list[0]["id"], "stall_id": st[0], "vendor_id": booked}),
        )
        .await
        .json()["id"]
        .clone();
    let r = admin
        .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    (admin, v, vid, list)
}

#[tokio::test]
async fn a_vendor_accepts_an_offer_in_one_tap_and_shows_a_permit_that_verifies() {
    let app = TestApp::new().await;
    let (mut admin, mut v, vid, list) = vendor_with_offer(&app).await;
    let home = v.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.headers["cache-control"], "no-store");
    assert_eq!(home.select("li.offer").len(), 1, "{}", home.text());
    assert!(
        home.text().contains("候补摊位空出"),
        "the offer notice is in the inbox"
    );
    assert!(
        home.text().contains("摊位已满"),
        "the reason of the decision is shown"
    );
    let action = home.attr("li.offer form", "action").unwrap();
    assert!(action.ends_with("/accept"));
    let r = v.submit("/", &action, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Twice: a clear conflict, nothing changes.
    let again = v.submit("/", &action, &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.text().contains("候补邀请已失效"));

    let home = v.get("/").await;
    assert!(home.select("li.offer").is_empty());
    let booking_href = home
        .attr("li.booking a[href^='/permits/']", "href")
        .unwrap();
    let plan_href = home
        .attr("li.booking a[href*='/plan#stall-']", "href")
        .unwrap();
    assert!(plan_href.ends_with("#stall-WCL-A-001"), "{plan_href}");
    let plan = v.get(plan_href.split('#').next().unwrap()).await;
    assert_eq!(plan.status, StatusCode::OK);
    assert_eq!(plan.select("tr#stall-WCL-A-001[data-mine] td").len(), 3);

    let permit = v.get(&booking_href).await;
    assert_eq!(permit.status, StatusCode::OK, "{}", permit.text());
    assert_eq!(permit.select("svg.qr").len(), 1);
    let url = permit.attr("[data-permit-url]", "data-permit-url").unwrap();
    let path = url.split_once("://").unwrap().1;
    let path = &path[path.find('/').unwrap()..];
    assert!(path.starts_with("/permit/") && path.len() > 40, "{path}");
    // The same permit on a second visit.
    let again = v.get(&booking_href).await;
    assert_eq!(
        again.attr("[data-permit-url]", "data-permit-url").unwrap(),
        url
    );

    let mut public = app.client();
    let check = public.get(path).await;
    assert_eq!(check.status, StatusCode::OK);
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("true")
    );
    let text = check.text();
    assert!(
        text.contains("WCL-A-001") && text.contains("服装百货"),
        "{text}"
    );
    let profile = entity::vendors::Entity::find_by_id(vid as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert!(!text.contains(&profile.name), "the name is masked");
    assert!(!text.contains(&profile.phone) && !text.contains(&profile.id_number));
    assert!(text.contains(&nightmarket::permits::mask_name(&profile.name)));

    // Another vendor cannot open this permit page.
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    assert_eq!(other.get(&booking_href).await.status, StatusCode::NOT_FOUND);
    // The market's staff can.
    assert_eq!(admin.get(&booking_href).await.status, StatusCode::OK);

    // A forged token: NOT VALID in words.
    let forged = public
        .get("/permit/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert_eq!(
        forged.attr(".verdict", "data-valid").as_deref(),
        Some("false")
    );

    // Cancelled: the same QR now says NOT VALID.
    let booking_id = booking_href.rsplit('/').next().unwrap();
    let r = admin
        .call(Method::DELETE, &format!("/api/v1/bookings/{booking_id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let check = public.get(path).await;
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("false")
    );
    assert!(check.text().contains("已取消"));
    let _ = list;
}

#[tokio::test]
async fn an_offer_past_its_deadline_cannot_be_accepted_from_the_page() {
    let app = TestApp::new().await;
    let (_, mut v, _, _) = vendor_with_offer(&app).await;
    let home = v.get("/").await;
    let action = home.attr("li.offer form", "action").unwrap();
    let offer = entity::offers::Entity::find()
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut lapsed = offer.into_active_model();
    lapsed.deadline = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    lapsed.update(app.conn()).await.unwrap();
    let r = v.submit("/", &action, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(v.get("/").await.select("li.booking").is_empty());
}

#[tokio::test]
async fn the_calendar_feed_has_one_utc_event_per_booking_and_a_reset_link_stops_the_old_one() {
    let app = TestApp::new().await;
    let s = site(&app, "CFG").await;
    let st = stalls(&app, s, "CFG", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let list = sessions(&mut admin, m, day(1), day(2)).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    for session in &list {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": session["id"], "stall_id": st[0], "vendor_id": vid}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let feed = format!("/api/v1/vendors/{vid}/schedule.ics");
    let r = v.get(&feed).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let body = r.text();
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 2, "{body}");
    // 18:00 in Minle is 10:00 UTC.
    assert!(
        body.contains(&format!("DTSTART:{}T100000Z", day(1).format("%Y%m%d"))),
        "{body}"
    );
    assert!(body.lines().all(|l| l.len() <= 76));
    assert_eq!(
        app.client().get(&feed).await.status,
        StatusCode::UNAUTHORIZED
    );
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    assert_eq!(other.get(&feed).await.status, StatusCode::NOT_FOUND);

    // The secret link works without a login, until it is reset.
    let home = v.get("/").await;
    let link = home.attr("#calendar a[download]", "href").unwrap();
    assert_eq!(app.client().get(&link).await.status, StatusCode::OK);
    assert!(home.select(".hint.wechat").is_empty());
    let r = v.submit("/", "/calendar/reset", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.client().get(&link).await.status, StatusCode::NOT_FOUND);
    let new_link = v
        .get("/")
        .await
        .attr("#calendar a[download]", "href")
        .unwrap();
    assert_ne!(new_link, link);
    assert_eq!(app.client().get(&new_link).await.status, StatusCode::OK);

    // Inside WeChat, the page says how to open it in the browser.
    let req = http::Request::get("/")
        .header("user-agent", "Mozilla/5.0 (iPhone) MicroMessenger/8.0.50")
        .body(axum::body::Body::empty())
        .unwrap();
    let wechat = v.send(req).await;
    assert_eq!(wechat.select(".hint.wechat").len(), 1);
}

#[tokio::test]
async fn open_now_and_the_public_plan_show_markets_and_stalls_without_personal_data() {
    let app = TestApp::new().await;
    let s = site(&app, "OPN").await;
    let st = stalls(&app, s, "OPN", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, session) = running_market(&mut admin, s).await;
    let (_, vid) = vendor(&app, "手工文创", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session["id"], "stall_id": st[1], "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let mut public = app.client();
    let open = public.get("/open-now").await;
    assert_eq!(open.status, StatusCode::OK);
    assert_eq!(open.headers["cache-control"], "no-store");
    assert!(open.text().contains("临时市场"), "{}", open.text());
    assert_eq!(open.select("li[data-open='true']").len(), 1);
    let plan = public
        .get(&format!("/sessions/{}/plan", session["id"]))
        .await;
    assert_eq!(plan.status, StatusCode::OK);
    assert_eq!(plan.select("svg.plan").len(), 1);
    let rows = plan.select("table.stall-list tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].contains("OPN-A-002") && rows[1].contains("手工文创"),
        "{rows:?}"
    );
    let vendor = entity::vendors::Entity::find_by_id(vid as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert!(!plan.text().contains(&vendor.name) && !plan.text().contains(&vendor.phone));
    assert_eq!(
        public.get("/sessions/999999/plan").await.status,
        StatusCode::NOT_FOUND
    );
}
