//! Applications: vendors apply from their phones, managers decide, vendors see status and
//! reasons; bad input is a clear 422 and writes nothing.

use crate::market_fixtures::*;
use crate::support::TestApp;
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

async fn app_count(app: &TestApp) -> u64 {
    entity::applications::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_vendor_applies_a_manager_approves_and_the_vendor_sees_it_with_a_notice() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    stalls(&app, s, "WCL", 3).await;
    let mut manager = app.login_as(Role::Manager).await;
    let m = market(&mut manager, &night_market(s, day(1), day(30))).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let r = v
        .post_json("/api/v1/applications", &json!({"market_id": m, "from": day(1).to_string(),
            "to": day(10).to_string(), "weekdays": [5, 6], "segments": ["夜市"], "category": "服装百货",
            "needs_power": true, "preferred_stalls": ["wcl-a-002", "WCL-A-001"]}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["status"], "submitted");
    let id = r.json()["id"].as_i64().unwrap();
    let queue = manager
        .get("/api/v1/applications?status=submitted")
        .await
        .json();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["vendor_id"], vid);
    assert_eq!(
        queue["items"][0]["preferred_stalls"],
        json!(["WCL-A-002", "WCL-A-001"])
    );
    // A stranger manager sees nothing and may not decide; the bureau reads but cannot decide.
    let mut stranger = app.login_as(Role::Manager).await;
    assert_eq!(
        stranger.get("/api/v1/applications").await.json()["total"],
        0
    );
    assert_eq!(
        stranger
            .get(&format!("/api/v1/applications/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = stranger
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut bureau = app.login_as(Role::Bureau).await;
    assert_eq!(bureau.get("/api/v1/applications").await.json()["total"], 1);
    let r = bureau
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Another vendor cannot see it.
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    assert_eq!(
        other
            .get(&format!("/api/v1/applications/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other
            .call(Method::DELETE, &format!("/api/v1/applications/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let r = manager
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": "approve", "reason": "欢迎"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let mine = v.get(&format!("/api/v1/applications/{id}")).await.json();
    assert_eq!(mine["status"], "approved");
    assert_eq!(mine["reason"], "欢迎");
    let notices = v.get("/api/v1/notices").await.json();
    assert_eq!(notices["items"][0]["kind"], "application_decided");
    // Deciding again the same way is a conflict; the owner may withdraw.
    let r = manager
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = v
        .call(Method::DELETE, &format!("/api/v1/applications/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        v.get(&format!("/api/v1/applications/{id}")).await.json()["status"],
        "withdrawn"
    );
    let audit = entity::audit_log::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    let actions: Vec<&str> = audit
        .iter()
        .filter(|a| a.entity == "application")
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(actions, ["submit", "decide", "withdraw"]);
}

#[tokio::test]
async fn bad_applications_get_a_clear_422_and_nothing_is_written() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    stalls(&app, s, "WCL", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(10))).await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let (mut cook, _) = vendor(&app, "小吃餐饮", Some(day(3))).await;
    let good = json!({"market_id": m, "from": day(1).to_string(), "to": day(5).to_string(), "category": "服装百货"});
    let cases = [
        ("/market_id", json!(9999), "unknown_market"),
        ("/from", json!(day(-1).to_string()), "date_past"),
        ("/to", json!(day(0).to_string()), "invalid_range"),
        ("/to", json!(day(20).to_string()), "outside_season"),
        ("/from", json!("05/07/2026"), "invalid_date"),
        ("/category", json!("算命"), "unknown_category"),
    ];
    for (pointer, value, code) in cases {
        let mut body = good.clone();
        *body.pointer_mut(pointer).unwrap() = value;
        let r = v.post_json("/api/v1/applications", &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{pointer}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code, "{pointer}");
        if code == "outside_season" {
            // The field that is outside, and the season in words.
            assert_eq!(r.json()["error"]["field"], "to");
            let said = r.json()["error"]["message"].as_str().unwrap().to_owned();
            assert!(
                said.contains(&day(1).to_string()) && said.contains(&day(10).to_string()),
                "{said}"
            );
        }
    }
    for (key, value, code) in [
        ("segments", json!(["早市"]), "unknown_segment"),
        ("weekdays", json!([9]), "invalid_weekdays"),
        ("preferred_stalls", json!(["XYZ-A-999"]), "unknown_stall"),
    ] {
        let mut body = good.clone();
        body[key] = value;
        let r = v.post_json("/api/v1/applications", &body).await;
        assert_eq!(r.error_code(), code, "{key}");
    }
    let mut food = good.clone();
    food["category"] = json!("小吃餐饮");
    food["from"] = json!(day(4).to_string());
    let r = cook.post_json("/api/v1/applications", &food).await;
    assert_eq!(r.error_code(), "health_cert_expired");
    let r = admin.post_json("/api/v1/applications", &good).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only vendors apply");
    assert_eq!(app_count(&app).await, 0);
    let r = v.get("/api/v1/applications?status=nonsense").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_same_application_sent_twice_is_one_application() {
    let app = TestApp::new().await;
    let s = site(&app, "TWN").await;
    stalls(&app, s, "TWN", 3).await;
    let mut manager = app.login_as(Role::Manager).await;
    let m = market(&mut manager, &night_market(s, day(1), day(30))).await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let body = json!({"market_id": m, "from": day(1).to_string(), "to": day(10).to_string(),
        "weekdays": [5, 6], "category": "服装百货", "preferred_stalls": ["TWN-A-001"]});
    let first = v.post_json("/api/v1/applications", &body).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    // A double tap: the first application again, not a second ticket in the lottery.
    let again = v.post_json("/api/v1/applications", &body).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(app_count(&app).await, 1);
    // The same from the page.
    let market_id = m.to_string();
    let (from, to) = (day(1).to_string(), day(10).to_string());
    let r = v
        .submit(
            "/applications",
            "/applications",
            &[
                ("market_id", market_id.as_str()),
                ("from", from.as_str()),
                ("to", to.as_str()),
                ("category", "服装百货"),
                ("weekdays", "5"),
                ("weekdays", "6"),
                ("preferred_stalls", "TWN-A-001"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        r.location(),
        format!("/applications/{}", first.json()["id"])
    );
    assert_eq!(app_count(&app).await, 1);
    // Asking for something else is a new application.
    let mut other = body.clone();
    other["weekdays"] = json!([6, 7]);
    let r = v.post_json("/api/v1/applications", &other).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(app_count(&app).await, 2);
}

/// The reviewer sees a food vendor's health certificate, and is warned when it runs out
/// inside the dates asked for (the nights after it could not be given a stall).
#[tokio::test]
async fn the_reviewer_sees_a_food_vendors_health_certificate_running_out_in_the_period() {
    let app = TestApp::new().await;
    let s = site(&app, "HCR").await;
    stalls(&app, s, "HCR", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(9))).await;
    let (mut v, _) = vendor(&app, "小吃餐饮", Some(day(3))).await;
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": m, "from": day(1).to_string(), "to": day(9).to_string(), "category": "小吃餐饮"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let page = admin.get(&format!("/applications/{id}")).await;
    let shown = page.select("dd.health-cert").join(" ");
    assert!(shown.contains(&day(3).to_string()), "{shown}");
    assert!(shown.contains("到期后的场次无法安排"), "{shown}");
    // The vendor's own view of the application is as before.
    let own = v.get(&format!("/applications/{id}")).await;
    assert!(own.select("dd.health-cert").is_empty());
}

/// Power asked for on a market whose stalls have none: the reviewer is warned (the draw would
/// leave the vendor out), and the warning goes once a stall is powered.
#[tokio::test]
async fn the_reviewer_is_warned_when_power_is_asked_for_and_no_stall_has_it() {
    let app = TestApp::new().await;
    let s = site(&app, "PWR").await;
    let st = stalls(&app, s, "PWR", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(),
                    "category": "服装百货", "needs_power": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let page = admin.get(&format!("/applications/{id}")).await;
    assert!(
        page.select("dd.power .warning")
            .join("")
            .contains("没有带电的摊位"),
        "{}",
        page.text()
    );
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[0]),
            &json!({"power": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let page = admin.get(&format!("/applications/{id}")).await;
    assert!(page.select("dd.power .warning").is_empty());
}
