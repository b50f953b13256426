//! The vendor's and the public's side: the vendor home (offers answered in one tap, schedule,
//! notices), permits with a QR code and public verification, the calendar feed, open now and
//! the public session plan.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
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
    assert_eq!(
        v.get("/").await.select("p.flash"),
        vec!["✓ 已接受候补摊位，已加入“我的排位”。"]
    );
    // Twice (a double tap, a slow network's retry): the same answer, nothing changes; the API
    // says it was accepted already, not that it expired.
    let again = v.submit("/", &action, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.location(), "/#schedule");
    let id = action
        .trim_end_matches("/accept")
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let r = v
        .call(Method::POST, &format!("/api/v1/offers/{id}/accept"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "offer_closed");
    assert!(r.text().contains("您已接受过这个邀请"), "{}", r.text());

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
    // Tomorrow's permit checked today: good, but not for tonight (no green check).
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("later")
    );
    assert!(
        check.select(".verdict")[0].contains(&format!("只在 {}", day(1))),
        "{:?}",
        check.select(".verdict")
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
    assert!(text.contains(&nightmarket::mask::mask_name(&profile.name)));

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
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/#offers");
    let home = v.get("/").await;
    let flash = home.select("p.flash");
    assert!(
        flash[0].starts_with("⚠ ") && flash[0].contains("已不能接受"),
        "a warning, not a tick: {flash:?}"
    );
    assert!(home.select("li.booking").is_empty());
}

/// A crafted `Host` must not put another site into a permit's QR code once the server knows
/// its public address.
#[tokio::test]
async fn the_permit_qr_uses_the_configured_public_url_whatever_the_host_header() {
    let app =
        TestApp::with_config(|c| c.public_url = Some("https://market.minle.gov.cn".into())).await;
    let (_admin, mut v, _vid, _list) = vendor_with_offer(&app).await;
    let home = v.get("/").await;
    let action = home.attr("li.offer form", "action").unwrap();
    assert_eq!(
        v.submit("/", &action, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let href = v
        .get("/")
        .await
        .attr("li.booking a[href^='/permits/']", "href")
        .unwrap();
    let req = http::Request::get(&href)
        .header("host", "evil.example")
        .body(axum::body::Body::empty())
        .unwrap();
    let permit = v.send(req).await;
    assert_eq!(permit.status, StatusCode::OK, "{}", permit.text());
    let url = permit.attr("[data-permit-url]", "data-permit-url").unwrap();
    assert!(
        url.starts_with("https://market.minle.gov.cn/permit/"),
        "{url}"
    );
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

    // Viewing the home page makes no link; the vendor asks for one with a button.
    let home = v.get("/").await;
    assert!(home.select("#calendar a[download]").is_empty());
    let feeds = entity::calendar_feeds::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(feeds, 0, "a GET made a feed token");
    let r = v.submit("/", "/calendar/reset", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
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

/// A market on a fresh site that lets vendors choose their stall, one session tomorrow.
/// Returns (admin, market id, session id, stall ids).
async fn self_select_market(app: &TestApp, code: &str) -> (Client, i64, i64, Vec<i32>) {
    let s = site(app, code).await;
    let st = stalls(app, s, code, 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let mut body = night_market(s, day(1), day(1));
    body["self_select"] = json!(true);
    let m = market(&mut admin, &body).await;
    let list = sessions(&mut admin, m, day(1), day(1)).await;
    (admin, m, list[0]["id"].as_i64().unwrap(), st)
}

/// A mobile market: the vendor holds a stall at another site at the same hours, so the
/// night where they could choose is not offered (choosing there could only be refused).
#[tokio::test]
async fn a_night_at_the_hours_of_a_stall_held_elsewhere_is_not_offered_for_choosing() {
    let app = TestApp::new().await;
    let (mut admin, m, sid, _) = self_select_market(&app, "SLC").await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    approved_application(&mut admin, &mut v, m, day(1), day(1), "服装百货").await;
    let choose = format!("/sessions/{sid}/choose");
    let home = v.get("/").await;
    assert_eq!(home.select(&format!("#choose a[href='{choose}']")).len(), 1);

    let elsewhere = site(&app, "SLD").await;
    let stall = stalls(&app, elsewhere, "SLD", 1).await[0];
    let other = market(&mut admin, &night_market(elsewhere, day(1), day(1))).await;
    let night = sessions(&mut admin, other, day(1), day(1)).await[0]["id"].clone();
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": night, "stall_id": stall, "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let home = v.get("/").await;
    assert!(
        home.select(&format!("#choose a[href='{choose}']"))
            .is_empty(),
        "the clashing night is not offered"
    );
}

#[tokio::test]
async fn the_month_calendar_shows_each_booking_on_its_day_and_marks_today() {
    let app = TestApp::new().await;
    let s = site(&app, "MON").await;
    let st = stalls(&app, s, "MON", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let list = sessions(&mut admin, m, day(1), day(2)).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let other = vendor_rows(&app, 1, "服装百货").await[0];
    for (session, stall, who) in [(&list[0], st[0], vid), (&list[1], st[1], other)] {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": session["id"], "stall_id": stall, "vendor_id": who}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let home = v.get("/").await;
    assert_eq!(
        home.attr("#schedule a[href='/schedule/month']", "href")
            .as_deref(),
        Some("/schedule/month"),
        "the list links to the month view"
    );
    let month = day(1).format("%Y-%m").to_string();
    let page = v.get(&format!("/schedule/month?month={month}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert_eq!(page.headers["cache-control"], "no-store");
    assert_eq!(page.select("table.month-grid thead th")[0], "周一");
    let mine = page.select(&format!("td[data-date='{}'] li", day(1)));
    assert_eq!(mine.len(), 1, "{}", page.text());
    assert!(
        mine[0].contains("MON-A-001") && mine[0].contains("✔ 已排位") && mine[0].contains("夜市")
    );
    assert_eq!(
        page.select("li[data-booking]").len(),
        1,
        "another vendor's booking is not shown"
    );
    let next = page.attr("a[rel='next']", "href").unwrap();
    let prev = page.attr("a[rel='prev']", "href").unwrap();
    assert!(next.starts_with("/schedule/month?month=") && next != prev);
    assert_eq!(v.get(&next).await.status, StatusCode::OK);

    // This month: today is marked in words, once.
    let now = v.get("/schedule/month").await;
    let today = now.select("td[aria-current='date']");
    assert_eq!(today.len(), 1);
    assert!(today[0].contains("今天"));

    // Bad months: a clear 400 in the user's language.
    for bad in ["2026-13", "next", "99999-01"] {
        let r = v.get(&format!("/schedule/month?month={bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(r.text().contains("年-月"), "{}", r.text());
    }
    // Only vendors have a schedule.
    assert_eq!(
        admin.get("/schedule/month").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_vendor_picks_preferred_stalls_on_the_plan_and_unknown_codes_are_refused() {
    let app = TestApp::new().await;
    let s = site(&app, "PRF").await;
    stalls(&app, s, "PRF", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(20))).await;
    let (mut v, _) = vendor(&app, "农副产品", None).await;

    let start = v.get("/applications").await;
    assert!(start.select("input[name='preferred_stalls']").is_empty());
    let href = start
        .attr(&format!("a[href^='/applications?market_id={m}']"), "href")
        .unwrap();
    let link = href.split('#').next().unwrap().to_owned();
    let page = v.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select("form.apply svg.plan").len(), 1);
    assert_eq!(page.select("input[name='preferred_stalls']").len(), 3);
    assert_eq!(page.select("label[for='pick-PRF-A-002']").len(), 1);
    assert_eq!(page.select("label[for='rank-PRF-A-002']").len(), 1);
    // The list of codes is closed until opened: the submit button stays near on a phone.
    assert_eq!(page.select("details.stall-picks").len(), 1);
    assert_eq!(page.attr("details.stall-picks", "open"), None);
    assert!(page.select("details.stall-picks > summary")[0].contains("(3)"));
    assert_eq!(
        page.attr("#f-category option[selected]", "value")
            .as_deref(),
        Some("农副产品"),
        "the vendor's own trade comes preset"
    );
    // No dates chosen: each date's own words, not a format error.
    let market_id = m.to_string();
    let r = v
        .submit(
            &link,
            "/applications",
            &[
                ("market_id", market_id.as_str()),
                ("from", ""),
                ("to", ""),
                ("category", "农副产品"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("请选择从哪一天开始摆摊"), "{}", r.text());
    assert!(!r.text().contains("YYYY-MM-DD"));
    // Eleven preferred stalls: the limit, not "unknown code".
    let codes: Vec<String> = (1..=11).map(|k| format!("PRF-A-{k:03}")).collect();
    let r = v
        .post_json(
            "/api/v1/applications",
            &serde_json::json!({"market_id": m, "from": day(2).to_string(), "to": day(3).to_string(),
                                "category": "农副产品", "preferred_stalls": codes}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "too_many_stalls");

    let (from, to) = (day(2).to_string(), day(9).to_string());
    let base = [
        ("market_id", market_id.as_str()),
        ("from", from.as_str()),
        ("to", to.as_str()),
        ("category", "服装百货"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut all: Vec<(&str, &str)> = base.to_vec();
        all.extend_from_slice(extra);
        all
    };

    // An unknown code: 422 with the reason, nothing written.
    let r = v
        .submit(
            &link,
            "/applications",
            &with(&[
                ("preferred_stalls", "PRF-A-001"),
                ("preferred_stalls", "PRF-Z-999"),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("意向摊位编号不存在"), "{}", r.text());
    assert_eq!(
        r.select("input[name='preferred_stalls'][checked]").len(),
        1,
        "the ticks survive the error"
    );
    assert!(
        r.attr("details.stall-picks", "open").is_some(),
        "and show, the list open"
    );
    // A rank that is not 1–10: 422, nothing written.
    let r = v
        .submit(
            &link,
            "/applications",
            &with(&[("preferred_stalls", "PRF-A-001"), ("rank.PRF-A-001", "99")]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("1 到 10"));
    assert_eq!(
        v.get("/api/v1/applications").await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // Rank 1 first, then the unranked one.
    let r = v
        .submit(
            &link,
            "/applications",
            &with(&[
                ("preferred_stalls", "PRF-A-001"),
                ("rank.PRF-A-001", ""),
                ("preferred_stalls", "PRF-A-003"),
                ("rank.PRF-A-003", "1"),
                ("rank.PRF-A-002", "2"),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let items = v.get("/api/v1/applications").await.json()["items"].clone();
    assert_eq!(
        items[0]["preferred_stalls"],
        json!(["PRF-A-003", "PRF-A-001"])
    );
    let detail = v.get(&r.location()).await;
    assert!(detail.text().contains("PRF-A-003、PRF-A-001"));
}

#[tokio::test]
async fn a_vendor_chooses_a_free_stall_in_one_tap_and_a_stall_taken_meanwhile_is_refused() {
    let app = TestApp::new().await;
    let (mut admin, m, sid, st) = self_select_market(&app, "SLF").await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    let choose = format!("/sessions/{sid}/choose");

    // Without an approved application the session is not offered, and choosing is refused.
    let home = v.get("/").await;
    assert!(
        home.select(&format!("#choose a[href='{choose}']"))
            .is_empty()
    );
    let first = st[0].to_string();
    let r = v.submit(&choose, &choose, &[("stall_id", &first)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("请先提交申请"), "{}", r.text());
    for c in [&mut v, &mut other] {
        approved_application(&mut admin, c, m, day(1), day(1), "服装百货").await;
    }

    let home = v.get("/").await;
    assert_eq!(
        home.attr(&format!("#choose a[href='{choose}']"), "href"),
        Some(choose.clone())
    );
    let plan = v.get(&format!("/sessions/{sid}/plan")).await;
    assert_eq!(plan.select(&format!("a[href='{choose}']")).len(), 1);
    let page = v.get(&choose).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert_eq!(page.select("ul.free-stalls form").len(), 2);
    assert_eq!(page.select("svg.plan").len(), 1);

    // The other vendor takes SLF-A-001 first.
    let r = other
        .submit(&choose, &choose, &[("stall_id", &first)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // Taken meanwhile: a clear message, nothing booked for this vendor.
    let r = v.submit(&choose, &choose, &[("stall_id", &first)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.text().contains("已被安排给其他摊主"), "{}", r.text());
    assert_eq!(
        r.select("ul.free-stalls form").len(),
        1,
        "only the free one is offered"
    );
    let booked = admin
        .get(&format!("/api/v1/sessions/{sid}/bookings"))
        .await
        .json();
    assert_eq!(booked["items"].as_array().unwrap().len(), 1);
    // Nonsense: a clear 422.
    let r = v.submit(&choose, &choose, &[("stall_id", "abc")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("摊位不存在"));

    // One tap on the free stall: home, with a message and the booking.
    let second = st[1].to_string();
    let r = v.submit(&choose, &choose, &[("stall_id", &second)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), "/#schedule");
    let home = v.get("/").await;
    assert!(home.select("p.flash")[0].contains("摊位已订好"));
    assert_eq!(home.select("li.booking").len(), 1);
    assert!(home.select("li.booking")[0].contains("SLF-A-002"));
    assert!(
        home.select(&format!("#choose a[href='{choose}']"))
            .is_empty(),
        "a session with a stall already is under my stalls, not offered for choosing again"
    );
    let again = v.get(&choose).await;
    assert!(again.text().contains("您在这一场已经有摊位"));
    assert!(again.select("ul.free-stalls form").is_empty());
    // A second tap anyway: refused, still one booking.
    let r = v.submit(&choose, &choose, &[("stall_id", &second)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // A market whose stalls are assigned by the manager: no choosing.
    let s2 = site(&app, "NSS").await;
    stalls(&app, s2, "NSS", 1).await;
    let m2 = market(&mut admin, &night_market(s2, day(1), day(1))).await;
    let s2id = sessions(&mut admin, m2, day(1), day(1)).await[0]["id"].clone();
    let r = v.get(&format!("/sessions/{s2id}/choose")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.text().contains("不允许摊主自选"));
    assert!(
        v.get(&format!("/sessions/{s2id}/plan"))
            .await
            .select(&format!("a[href='/sessions/{s2id}/choose']"))
            .is_empty()
    );
}

#[tokio::test]
async fn the_register_form_checks_phone_and_id_number_with_the_servers_own_messages() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let page = c.get("/register").await;
    assert_eq!(page.select("form[data-live-check]").len(), 1);
    assert_eq!(page.select("script[src='/assets/register.js']").len(), 1);
    assert_eq!(
        page.attr("#f-id_number", "inputmode").as_deref(),
        Some("text")
    );
    let js = c.get("/assets/register.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );

    // An ID number whose check character is X.
    let with_x = (0..1000)
        .filter_map(|n| nightmarket::vendors::id_number::complete(&format!("62072219800101{n:03}")))
        .find(|id| id.ends_with('X'))
        .unwrap();
    let ok = c
        .get(&format!("/register/check?field=id_number&value={with_x}"))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.attr("p", "data-valid").as_deref(), Some("true"));
    let lower = with_x.to_lowercase();
    let ok = c
        .get(&format!("/register/check?field=id_number&value={lower}"))
        .await;
    assert_eq!(ok.attr("p", "data-valid").as_deref(), Some("true"));

    // A wrong check character: the same message the submit gives.
    let wrong = format!("{}1", &with_x[..17]);
    let live = c
        .get(&format!("/register/check?field=id_number&value={wrong}"))
        .await;
    assert_eq!(live.attr("p", "data-valid").as_deref(), Some("false"));
    let submitted = c
        .submit(
            "/register",
            "/register",
            &[
                ("name", "张三"),
                ("phone", "12345"),
                ("password", "vendor-pass-1"),
                ("id_number", &wrong),
                ("category", "服装百货"),
            ],
        )
        .await;
    assert_eq!(submitted.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(submitted.select("#f-id_number-err"), live.select("p"));
    let phone = c.get("/register/check?field=phone&value=12345").await;
    assert_eq!(submitted.select("#f-phone-err"), phone.select("p"));
    let good_phone = c
        .get("/register/check?field=phone&value=%2B86%20139-1234-5678")
        .await;
    assert_eq!(good_phone.attr("p", "data-valid").as_deref(), Some("true"));

    // English, and a field it does not check.
    c.headers.insert("accept-language", "en".parse().unwrap());
    let en = c.get("/register/check?field=phone&value=12345").await;
    assert!(en.text().contains("Enter an 11-digit"), "{}", en.text());
    assert_eq!(
        c.get("/register/check?field=password&value=x").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn accepting_or_declining_an_offer_says_so_and_another_vendor_cannot_answer_it() {
    let app = TestApp::new().await;
    let (_, mut v, _, _) = vendor_with_offer(&app).await;
    let home = v.get("/").await;
    let accept = home
        .attr("li.offer form[action$='/accept']", "action")
        .unwrap();
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    let r = other.submit("/", &accept, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "another vendor's offer");
    assert_eq!(v.get("/").await.select("li.offer").len(), 1, "still open");
    let r = v.submit("/", &accept, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = v.get("/").await;
    assert!(home.select("p.flash")[0].contains("已接受候补摊位"));
    assert_eq!(home.select("li.booking").len(), 1);
    assert!(
        v.get("/").await.select("p.flash").is_empty(),
        "the message is shown once"
    );

    let app = TestApp::new().await;
    let (_, mut v, _, _) = vendor_with_offer(&app).await;
    let decline = v
        .get("/")
        .await
        .attr("li.offer form[action$='/decline']", "action")
        .unwrap();
    let r = v.submit("/", &decline, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = v.get("/").await;
    assert!(home.select("p.flash")[0].contains("已放弃"));
    assert!(home.select("li.offer").is_empty() && home.select("li.booking").is_empty());
    // Twice: the same answer, not an error page.
    let again = v.submit("/", &decline, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(v.get("/").await.select("p.flash")[0].contains("已放弃"));
}

#[tokio::test]
async fn a_vendor_applies_for_the_morning_market_only_and_on_chosen_weekdays() {
    let app = TestApp::new().await;
    let s = site(&app, "TWO").await;
    stalls(&app, s, "TWO", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (from, to) = (day(1).to_string(), day(14).to_string());
    let m = market(
        &mut admin,
        &json!({
            "name": "早晚市", "kind": "fixed",
            "segments": [{"name": "早市", "start": "06:00", "end": "09:00"},
                         {"name": "夜市", "start": "18:00", "end": "22:30"}],
            "schedule": [
                {"site_id": s, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": from, "to": to},
                {"site_id": s, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7], "from": from, "to": to}],
        }),
    )
    .await;
    let (mut v, _) = vendor(&app, "农副产品", None).await;
    let link = format!("/applications?market_id={m}");
    let page = v.get(&link).await;
    assert_eq!(page.select("input[name='segments']").len(), 2);
    assert_eq!(page.select("input[name='weekdays']").len(), 7);
    let market_id = m.to_string();
    let base = [
        ("market_id", market_id.as_str()),
        ("from", from.as_str()),
        ("to", to.as_str()),
        ("category", "农副产品"),
    ];
    // A weekday that is none: refused by name, the ticks kept.
    let mut bad = base.to_vec();
    bad.extend([("segments", "早市"), ("weekdays", "6"), ("weekdays", "8")]);
    let r = v.submit(&link, "/applications", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(
        r.select("input[name='segments'][checked]").len(),
        1,
        "the ticks survive the error"
    );
    let mut good = base.to_vec();
    good.extend([("segments", "早市"), ("weekdays", "6"), ("weekdays", "7")]);
    let r = v.submit(&link, "/applications", &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let mine = v.get("/api/v1/applications").await.json();
    let a = &mine["items"][0];
    assert_eq!(a["segments"], json!(["早市"]));
    assert_eq!(a["weekdays"], json!([6, 7]));
}
