//! The market, session and application pages work without JavaScript: POST → 303 → GET.

use crate::market_fixtures::*;
use crate::support::TestApp;
use http::StatusCode;
use nightmarket::identity::Role;

#[tokio::test]
async fn a_manager_creates_a_market_assigns_a_stall_checks_in_and_cancels_through_the_pages() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    stalls(&app, s, "WCL", 2).await;
    let mut manager = app.login_as(Role::Manager).await;
    let from = day(1).to_string();
    let to = day(7).to_string();
    let site_id = s.to_string();
    let r = manager
        .submit(
            "/markets",
            "/markets",
            &[
                ("name", "文昌路夜市"),
                ("kind", "fixed"),
                ("segment", "夜市"),
                ("start", "18:00"),
                ("end", "22:30"),
                ("site_id", &site_id),
                ("weekdays", "1"),
                ("weekdays", "2"),
                ("weekdays", "3"),
                ("weekdays", "4"),
                ("weekdays", "5"),
                ("weekdays", "6"),
                ("weekdays", "7"),
                ("from", &from),
                ("to", &to),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let calendar = r.location();
    let page = manager.get(&calendar).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.select("p.flash")[0].contains("市场已创建"),
        "a confirmation, once"
    );
    assert!(manager.get(&calendar).await.select("p.flash").is_empty());
    let links = page.select("td a");
    assert_eq!(links.len(), 7, "a week of sessions");
    let first = page.attr("td a", "href").unwrap();
    // The same hours again on the same site: the form says why.
    let r = manager
        .submit(
            "/markets",
            "/markets",
            &[
                ("name", "重叠"),
                ("kind", "fixed"),
                ("segment", "夜市"),
                ("start", "20:00"),
                ("end", "23:00"),
                ("site_id", &site_id),
                ("weekdays", "3"),
                ("from", &from),
                ("to", &to),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.text().contains("不能重叠"));

    let (mut vc, vid) = vendor(&app, "服装百货", None).await;
    let session = manager.get(&first).await;
    let stall = session
        .attr("select[name=stall_id] option", "value")
        .unwrap();
    // The manager types the vendor as they know them: by mobile number (or name, or id).
    let phone = {
        use sea_orm::EntityTrait;
        entity::vendors::Entity::find_by_id(vid as i32)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap()
            .phone
    };
    assert!(session.text().contains("填手机号、姓名或摊主编号"));
    // A name nobody has: the session page again, the message at the form, the typing kept.
    let r = manager
        .submit(
            &first,
            &format!("{first}/bookings"),
            &[
                ("stall_id", &stall),
                ("vendor_id", "不存在的人"),
                ("until", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(
        r.select("form#assign p.error-message").len(),
        1,
        "{}",
        r.text()
    );
    assert_eq!(
        r.attr("#f-vendor_id", "value").as_deref(),
        Some("不存在的人")
    );
    assert_eq!(r.select("header.top").len(), 1, "one page frame");
    let r = manager
        .submit(
            &first,
            &format!("{first}/bookings"),
            &[("stall_id", &stall), ("vendor_id", &phone)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let session = manager.get(&first).await;
    assert!(session.select("p.flash")[0].contains("摊位已分配"));
    // The vendor is told which stall and night, as for a move.
    let told = vc.get("/api/v1/notices").await.json();
    let assigned: Vec<&serde_json::Value> = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "booking_assigned")
        .collect();
    assert_eq!(assigned.len(), 1, "{told}");
    assert!(assigned[0].to_string().contains("WCL-A-001"), "{told}");
    assert!(session.select("td code").contains(&"WCL-A-001".to_owned()));
    let r = manager
        .submit(&first, &format!("{first}/cancel"), &[("reason", "大风")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let session = manager.get(&first).await;
    assert!(session.text().contains("大风"));
    assert!(session.select("p.flash")[0].contains("本场次已取消"));
}

#[tokio::test]
async fn a_vendor_applies_on_the_page_and_the_manager_decides_on_the_page() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let mut manager = app.login_as(Role::Manager).await;
    let m = market(&mut manager, &night_market(s, day(1), day(20))).await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let (from, to, market_id) = (day(2).to_string(), day(9).to_string(), m.to_string());
    let r = v
        .submit(
            "/applications",
            "/applications",
            &[
                ("market_id", &market_id),
                ("from", &from),
                ("to", &to),
                ("category", "服装百货"),
                ("weekdays", "5"),
                ("weekdays", "6"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let detail = r.location();
    // An older vendor sees in words that the application went through.
    let sent = v.get(&detail).await;
    assert!(
        sent.select("p.flash")[0].contains("申请已提交"),
        "{}",
        sent.text()
    );
    assert_eq!(
        sent.select("dd.weekdays"),
        ["每周五、六"],
        "what was asked for"
    );
    assert_eq!(sent.select("dd.segments"), ["全部时段"]);
    let r = v
        .submit(
            "/applications",
            "/applications",
            &[
                ("market_id", &market_id),
                ("from", &from),
                ("to", &day(40).to_string()),
                ("category", "服装百货"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("营业季"));
    let queue = manager.get("/applications?status=submitted").await;
    assert_eq!(queue.select("tbody tr").len(), 1);
    // Rejecting on the page needs a reason; nothing changes without one.
    let r = manager
        .submit(
            &detail,
            &format!("{detail}/decision"),
            &[("decision", "reject"), ("reason", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.attr("#f-reason", "aria-invalid").as_deref(), Some("true"));
    assert!(r.text().contains("不通过要写明原因"));
    assert_eq!(r.select("header.top").len(), 1, "one page frame");
    assert_eq!(
        manager
            .get("/applications?status=submitted")
            .await
            .select("tbody tr")
            .len(),
        1
    );
    let r = manager
        .submit(
            &detail,
            &format!("{detail}/decision"),
            &[("decision", "approve"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let decided = manager.get(&detail).await;
    assert!(decided.select("p.flash")[0].contains("已批准该申请"));
    v.headers.insert("accept-language", "en".parse().unwrap());
    let mine = v.get(&detail).await;
    assert_eq!(mine.select("dd.status"), ["Approved"]);
}

#[tokio::test]
async fn a_calendar_link_shared_in_wechat_opens_the_calendar() {
    // WeChat adds `from=singlemessage` (or groupmessage, timeline) to a link it shares.
    let app = TestApp::new().await;
    let s = site(&app, "WXS").await;
    stalls(&app, s, "WXS", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let mut resident = app.client();
    for from in [
        "singlemessage",
        "groupmessage",
        "timeline",
        "2026-13-01",
        "9999-12-31",
    ] {
        let r = resident
            .get(&format!("/markets/{m}?from={from}&isappinstalled=0"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{from}: {}", r.text());
        assert!(
            r.text().contains(&day(1).to_string()),
            "{from}: the calendar from today"
        );
    }
    // Shared after moving on: our date and WeChat's word, in either order.
    for query in [
        format!("from={}&from=singlemessage&isappinstalled=0", day(14)),
        format!("from=singlemessage&from={}", day(14)),
    ] {
        let r = resident.get(&format!("/markets/{m}?{query}")).await;
        assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.text());
        assert!(r.text().contains(&format!("{} –", day(14))), "{query}");
    }
}

#[tokio::test]
async fn tonights_permit_checks_as_valid() {
    let app = TestApp::new().await;
    let s = site(&app, "PTN").await;
    let st = stalls(&app, s, "PTN", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, running) = running_market(&mut admin, s).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &serde_json::json!({"session_id": running["id"], "stall_id": st[0], "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let page = v.get(&format!("/permits/{id}")).await;
    let url = page.attr("[data-permit-url]", "data-permit-url").unwrap();
    let path = &url[url.find("/permit/").unwrap()..];
    let check = app.client().get(path).await;
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("true")
    );
    // Where tonight: a mobile market moves, so the permit names the site, on both pages.
    let site_name = "PTN 场地".to_owned();
    assert_eq!(check.select("dd.permit-site"), vec![site_name.clone()]);
    assert_eq!(page.select("dd.permit-site"), vec![site_name]);
}

#[tokio::test]
async fn public_pages_say_their_name_once_link_the_plan_and_refuse_a_made_up_thanks() {
    let app = TestApp::new().await;
    let s = site(&app, "PUB").await;
    stalls(&app, s, "PUB", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0]["id"].clone();
    let mut resident = app.client();
    let home = resident.get("/").await;
    let title = home.select("title")[0].clone();
    assert!(!title.contains(" · "), "{title}");
    let page = resident.get(&format!("/sessions/{session}")).await;
    assert_eq!(
        page.select(&format!("a[href='/sessions/{session}/plan']"))
            .len(),
        1
    );
    // The layout's bounds are the planners' figures, not the residents'.
    let plan = resident.get(&format!("/sites/{s}")).await;
    assert!(!plan.text().contains("理论上限"));
    let r = resident.get("/complaint/sent?n=-1&stall=X").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

/// At 00:30 a market open until 02:00 is still last night's: its calendar starts yesterday
/// while that night runs, so the manager finds the session they are working in.
#[tokio::test]
async fn the_calendar_shows_last_nights_session_while_it_still_runs() {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let s = site(&app, "MID").await;
    let (market, session) = running_market(&mut admin, s).await;
    let row = entity::market_sessions::Entity::find_by_id(session["id"].as_i64().unwrap() as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let yesterday = nightmarket::clock::today() - chrono::Duration::days(1);
    let mut m = row.into_active_model();
    m.business_date = Set(yesterday);
    m.update(app.conn()).await.unwrap();
    let page = admin.get(&format!("/markets/{market}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains(&yesterday.to_string()),
        "{}",
        page.text()
    );
    // Once it has ended, the calendar starts today again.
    let row = entity::market_sessions::Entity::find_by_id(session["id"].as_i64().unwrap() as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut m = row.into_active_model();
    m.ends_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    m.update(app.conn()).await.unwrap();
    let page = admin.get(&format!("/markets/{market}")).await;
    assert!(!page.text().contains(&yesterday.to_string()));
}
