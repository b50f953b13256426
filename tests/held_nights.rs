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

#[tokio::test]
async fn a_night_that_started_keeps_the_stalls_it_offered_when_a_stall_is_disabled_later() {
    let app = crate::support::TestApp::new().await;
    let s = site(&app, "SLT").await;
    let st = stalls(&app, s, "SLT", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, running) = running_market(&mut admin, s).await;
    let tonight = session_date(&running);
    let later = tonight + chrono::Duration::days(3);
    market(&mut admin, &night_market(s, later, later)).await;
    let slots = |c: &crate::support::Client, date: chrono::NaiveDate| {
        let path = format!("/api/v1/reports/occupancy?from={date}&to={date}");
        let mut c = c.clone();
        async move { c.get(&path).await.json()["totals"]["stall_slots"].clone() }
    };
    assert_eq!(slots(&admin, tonight).await, 3);
    assert_eq!(slots(&admin, later).await, 3);

    let r = admin
        .json(
            http::Method::PATCH,
            &format!("/api/v1/stalls/{}", st[2]),
            &json!({"status": "disabled"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // Tonight's market opened with three stalls; the night to come has two.
    assert_eq!(slots(&admin, tonight).await, 3);
    assert_eq!(slots(&admin, later).await, 2);
    // Enabling it again does not change what tonight offered either.
    let r = admin
        .json(
            http::Method::PATCH,
            &format!("/api/v1/stalls/{}", st[2]),
            &json!({"status": "active"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin
        .json(
            http::Method::PATCH,
            &format!("/api/v1/stalls/{}", st[1]),
            &json!({"status": "disabled"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(slots(&admin, tonight).await, 3);
    assert_eq!(slots(&admin, later).await, 2);
    // The period's 设定摊位 is what its nights offered, not what stands today: the report
    // already sent for tonight does not change when a stall is disabled afterwards.
    let summary = admin
        .get(&format!(
            "/api/v1/reports/summary?from={tonight}&to={tonight}"
        ))
        .await
        .json();
    assert_eq!(summary["stalls"], 3, "{summary}");
    let text = summary["text_zh"]
        .as_str()
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(text.contains("设定摊位 3 个"), "{text}");
}

#[tokio::test]
async fn attendance_and_the_summary_count_the_nights_that_have_started_not_those_to_come() {
    let app = crate::support::TestApp::new().await;
    let s = site(&app, "ATT").await;
    let st = stalls(&app, s, "ATT", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, running) = running_market(&mut admin, s).await;
    let tonight = session_date(&running);
    let later = tonight + chrono::Duration::days(3);
    let m2 = market(&mut admin, &night_market(s, later, later)).await;
    let coming = sessions(&mut admin, m2, later, later).await[0].clone();
    let mut vendors = Vec::new();
    for _ in 0..2 {
        vendors.push(vendor(&app, "服装百货", None).await.1);
    }
    for (session, checked_in) in [(&running, true), (&coming, false)] {
        for (k, v) in vendors.iter().enumerate() {
            let r = admin
                .post_json(
                    "/api/v1/bookings",
                    &json!({"session_id": session["id"], "stall_id": st[k], "vendor_id": v}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            if checked_in && k == 0 {
                let id = r.json()["id"].as_i64().unwrap();
                let r = admin
                    .post_json(&format!("/api/v1/bookings/{id}/check-in"), &json!({}))
                    .await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            }
        }
    }
    // One of tonight's two came, one did not: 50 %; the two bookings to come are not due.
    let page = admin
        .get(&format!("/reports?from={tonight}&to={later}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert_eq!(page.select("dl.figures dd")[7], "50.0%");

    // The summary of a period not over counts tonight, says so, and compares like with like.
    let r = admin
        .get(&format!(
            "/api/v1/reports/summary?from={tonight}&to={later}"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let j = r.json();
    assert_eq!(j["markets"], 1, "{j}");
    assert_eq!(j["vendors_settled"], 2, "{j}");
    assert!(j["as_of"].is_string(), "{j}");
    assert!(j["text_zh"].as_str().unwrap().starts_with("截至"), "{j}");
}
