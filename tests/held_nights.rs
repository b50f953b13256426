//! A night already held — a vendor checked in, a sale reported — stays in the record: the
//! session cannot be cancelled any more, and a closure over its date spares it, so the
//! bureau's figures for that night do not vanish.

use crate::market_fixtures::*;
use http::StatusCode;
use nightmarket::identity::Role;
use serde_json::json;

#[tokio::test]
async fn a_running_session_with_a_check_in_is_neither_cancelled_nor_closed_and_its_figures_stay() {
    let app = crate::support::TestApp::new().await;
    let s = site(&app, "HLD").await;
    let st = stalls(&app, s, "HLD", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (m, running) = running_market(&mut admin, s).await;
    let (_, here) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": running["id"], "stall_id": st[0], "vendor_id": here}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let booking = r.json()["id"].as_i64().unwrap();
    let r = admin
        .post_json(&format!("/api/v1/bookings/{booking}/check-in"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let date = session_date(&running);
    let occupancy = |c: &mut crate::support::Client| {
        let path = format!("/api/v1/reports/occupancy?from={date}&to={date}");
        let mut c = c.clone();
        async move { c.get(&path).await.json() }
    };
    let before = occupancy(&mut admin).await;

    let r = admin
        .post_json(
            &format!("/api/v1/sessions/{}/cancel", running["id"]),
            &json!({"reason": "突发大风，提前收市"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "session_held");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("已有摊主签到")
    );

    let r = admin
        .post_json(
            &format!("/api/v1/markets/{m}/closures"),
            &json!({"from": date.to_string(), "to": date.to_string(), "reason": "大风"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["sessions_cancelled"], 0, "{}", r.text());
    assert_eq!(r.json()["sessions_held"], 1, "it says why: {}", r.text());

    let listed = sessions(&mut admin, m, date, date).await;
    assert_eq!(listed[0]["status"], "scheduled");
    let r = admin
        .get(&format!("/api/v1/sessions/{}/bookings", running["id"]))
        .await
        .json();
    assert_eq!(r["total"], 1, "{r}");
    assert_eq!(occupancy(&mut admin).await, before);
}

#[tokio::test]
async fn a_running_session_nobody_reached_can_still_be_called_off() {
    let app = crate::support::TestApp::new().await;
    let s = site(&app, "HLE").await;
    let st = stalls(&app, s, "HLE", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, running) = running_market(&mut admin, s).await;
    let (_, late) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": running["id"], "stall_id": st[0], "vendor_id": late}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = admin
        .post_json(
            &format!("/api/v1/sessions/{}/cancel", running["id"]),
            &json!({"reason": "暴雨"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}
