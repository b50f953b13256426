//! Markets, segments and sessions: the schedule becomes sessions, sessions on one site never
//! overlap, a night session belongs to the date it opens, cancelling tells the vendors.

use crate::market_fixtures::*;
use crate::support::TestApp;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

async fn session_count(app: &TestApp) -> u64 {
    entity::market_sessions::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_market_schedule_becomes_sessions_ordered_by_date_with_stall_counts() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    stalls(&app, s, "WCL", 4).await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut app.client(), id, day(0), day(5)).await;
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["date"], day(1).to_string());
    assert_eq!(list[2]["date"], day(3).to_string());
    assert_eq!(list[0]["start"], "18:00");
    assert_eq!(list[0]["end"], "22:30");
    assert_eq!(list[0]["status"], "scheduled");
    assert_eq!(list[0]["stalls_total"], 4);
    assert_eq!(list[0]["stalls_booked"], 0);
    let markets = app.client().get("/api/v1/markets").await.json();
    assert_eq!(markets["total"], 1);
    assert_eq!(markets["items"][0]["segments"][0]["name"], "夜市");
}

#[tokio::test]
async fn a_night_session_after_midnight_belongs_to_the_date_it_opens() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let mut admin = app.login_as(Role::Admin).await;
    let body = json!({"name": "通宵", "kind": "fixed",
        "segments": [{"name": "夜宵", "start": "21:00", "end": "02:00"}],
        "schedule": [{"site_id": s, "segment": "夜宵", "from": day(2).to_string(), "to": day(2).to_string()}]});
    let id = market(&mut admin, &body).await;
    let list = sessions(&mut admin, id, day(2), day(2)).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["date"], day(2).to_string());
    assert_eq!(list[0]["starts_at"], format!("{}T13:00:00+00:00", day(2)));
    assert_eq!(list[0]["ends_at"], format!("{}T18:00:00+00:00", day(2)));
    // The next morning's market on the same site may open at 06:00: no overlap.
    let morning = json!({"name": "早市", "kind": "fixed",
        "segments": [{"name": "早市", "start": "06:00", "end": "09:00"}],
        "schedule": [{"site_id": s, "segment": "早市", "from": day(3).to_string(), "to": day(3).to_string()}]});
    market(&mut admin, &morning).await;
    // But one at 01:00 the next day overlaps the night session.
    let late = json!({"name": "凌晨", "kind": "fixed",
        "segments": [{"name": "凌晨", "start": "01:00", "end": "03:00"}],
        "schedule": [{"site_id": s, "segment": "凌晨", "from": day(3).to_string(), "to": day(3).to_string()}]});
    let r = admin.post_json("/api/v1/markets", &late).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "session_overlap");
}

#[tokio::test]
async fn overlapping_sessions_on_one_site_are_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let other = site(&app, "CFG").await;
    let mut admin = app.login_as(Role::Admin).await;
    market(&mut admin, &night_market(s, day(1), day(7))).await;
    let before = session_count(&app).await;
    let markets_before = app.client().get("/api/v1/markets").await.json()["total"].clone();
    let mut overlap = night_market(s, day(7), day(9));
    overlap["segments"][0] = json!({"name": "夜市", "start": "20:00", "end": "23:00"});
    let r = admin.post_json("/api/v1/markets", &overlap).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "session_overlap");
    assert_eq!(session_count(&app).await, before, "no session written");
    assert_eq!(
        app.client().get("/api/v1/markets").await.json()["total"],
        markets_before
    );
    // The same hours on another site are fine; so are adjacent hours on the same site.
    overlap["schedule"][0]["site_id"] = json!(other);
    market(&mut admin, &overlap).await;
    let mut after = night_market(s, day(1), day(7));
    after["segments"][0] = json!({"name": "夜市", "start": "22:30", "end": "23:30"});
    market(&mut admin, &after).await;
}

#[tokio::test]
async fn bad_market_input_gets_a_clear_422_naming_the_field() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let mut admin = app.login_as(Role::Admin).await;
    let good = night_market(s, day(1), day(3));
    let cases = [
        ("/kind", json!("weekly"), "invalid_kind"),
        ("/segments/0/start", json!("25:00"), "invalid_time"),
        ("/segments/0/end", json!("18:00"), "invalid_time"),
        ("/schedule/0/segment", json!("早市"), "unknown_segment"),
        ("/schedule/0/site_id", json!(9999), "unknown_site"),
        ("/schedule/0/weekdays", json!([0, 8]), "invalid_weekdays"),
        ("/schedule/0/to", json!(day(0).to_string()), "invalid_range"),
        ("/schedule/0/from", json!("2026-02-30"), "invalid_date"),
        ("/name", json!("  "), "invalid_name"),
    ];
    for (pointer, value, code) in cases {
        let mut body = good.clone();
        *body.pointer_mut(pointer).unwrap() = value;
        let r = admin.post_json("/api/v1/markets", &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{pointer}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code, "{pointer}");
    }
    assert_eq!(session_count(&app).await, 0);
    let r = admin
        .get(&format!(
            "/api/v1/markets/1/sessions?from={}&to={}",
            day(3),
            day(1)
        ))
        .await;
    assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY || r.status == StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn managers_act_only_on_their_markets_and_the_bureau_writes_nothing() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let mut owner = app.login_as(Role::Manager).await;
    let id = market(&mut owner, &night_market(s, day(1), day(2))).await;
    let list = sessions(&mut owner, id, day(1), day(2)).await;
    let sid = list[0]["id"].as_i64().unwrap();
    let mut stranger = app.login_as(Role::Manager).await;
    let r = stranger
        .post_json(
            &format!("/api/v1/sessions/{sid}/cancel"),
            &json!({"reason": "雨"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut bureau = app.login_as(Role::Bureau).await;
    let r = bureau
        .post_json("/api/v1/markets", &night_market(s, day(5), day(6)))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = owner
        .post_json(
            &format!("/api/v1/sessions/{sid}/cancel"),
            &json!({"reason": "大风天气"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["status"], "cancelled");
    let r = owner
        .post_json(
            &format!("/api/v1/sessions/{sid}/cancel"),
            &json!({"reason": "again"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn cancelling_a_session_cancels_its_bookings_and_tells_the_vendors() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let stall_ids = stalls(&app, s, "WCL", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let sid = sessions(&mut admin, id, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": sid, "stall_id": stall_ids[0], "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = admin
        .post_json(
            &format!("/api/v1/sessions/{sid}/cancel"),
            &json!({"reason": "沙尘暴"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let list = sessions(&mut admin, id, day(1), day(1)).await;
    assert_eq!(list[0]["status"], "cancelled");
    assert_eq!(list[0]["cancel_reason"], "沙尘暴");
    assert_eq!(list[0]["stalls_booked"], 0);
    let notices = v.get("/api/v1/notices").await.json();
    assert_eq!(notices["total"], 2, "placed, then cancelled: {notices}");
    assert!(
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"].as_str().unwrap().contains("沙尘暴")),
        "{notices}"
    );
    // A cancelled session cannot be booked.
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": sid, "stall_id": stall_ids[1], "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "session_cancelled");
    let audit = entity::audit_log::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entity == "session" && a.action == "cancel")
    );
    assert!(
        audit
            .iter()
            .any(|a| a.entity == "booking" && a.action == "cancel")
    );
}

#[tokio::test]
async fn the_demo_has_a_morning_market_a_night_market_and_a_mobile_market_with_past_and_coming_sessions()
 {
    let (app, _) = TestApp::with_demo().await;
    let mut c = app.client();
    let markets = c.get("/api/v1/markets").await.json();
    let names: Vec<&str> = markets["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["财富广场早市", "文昌路夜市", "流动夜市"]);
    let mobile = &markets["items"][2];
    assert_eq!(mobile["kind"], "mobile");
    let list = sessions(&mut c, mobile["id"].as_i64().unwrap(), day(-7), day(6)).await;
    let mut sites: Vec<i64> = list
        .iter()
        .map(|s| s["site_id"].as_i64().unwrap())
        .collect();
    sites.sort_unstable();
    sites.dedup();
    assert_eq!(
        sites.len(),
        2,
        "the mobile market moves between the two sites"
    );
    let night = markets["items"][1]["id"].as_i64().unwrap();
    assert!(!sessions(&mut c, night, day(-7), day(-1)).await.is_empty());
    assert!(!sessions(&mut c, night, day(1), day(7)).await.is_empty());
    let apps = entity::applications::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert!(apps >= 10);
}

/// Found by schemathesis: an offset past `i64::MAX` made the SQLite driver panic (a 500). The
/// largest offset a database can count is an empty page; one past it is a malformed query.
#[tokio::test]
async fn a_huge_offset_is_an_empty_page_and_a_number_too_big_a_400() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(nightmarket::identity::Role::Admin).await;
    for list in [
        "/api/v1/sites",
        "/api/v1/markets",
        "/api/v1/applications",
        "/api/v1/offers",
        "/api/v1/notices",
    ] {
        let r = admin
            .get(&format!("{list}?offset=9223372036854775807&limit=5000"))
            .await;
        assert_eq!(r.status, http::StatusCode::OK, "{list}: {}", r.text());
        assert_eq!(
            r.json()["items"].as_array().map(Vec::len),
            Some(0),
            "{list}"
        );
        for too_big in ["9223372036854775808", "18446744073709551616"] {
            let r = admin.get(&format!("{list}?offset={too_big}")).await;
            assert_eq!(r.status, http::StatusCode::BAD_REQUEST, "{list}");
        }
    }
}
