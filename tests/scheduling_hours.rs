//! New hours and revived nights: what an hours change must not do to booked vendors (start
//! their night in the past, put them in two places at once), and nights a row brings back
//! keeping the segment's current hours.

use crate::market_fixtures::{day, market, market_begun, night_market, sessions};
use crate::scheduling_fixtures::{book, market_body, two_sites};
use crate::support::TestApp;
use chrono::{Duration, Utc};
use http::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

fn d(n: i64) -> String {
    day(n).to_string()
}

#[tokio::test]
async fn new_hours_that_would_start_tonight_in_the_past_are_refused_and_nothing_moves() {
    let app = TestApp::new().await;
    let (mut m, a, _, sa, _) = two_sites(&app, "HPA").await;
    let id = market_begun(&app, &mut m, &night_market(a, day(0), day(2))).await;
    // Tonight's session opens in an hour, whatever the time of the test.
    let tonight = sessions(&mut m, id, day(0), day(0)).await[0]["id"]
        .as_i64()
        .unwrap();
    let row = entity::market_sessions::Entity::find_by_id(tonight as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut soon: entity::market_sessions::ActiveModel = row.into();
    soon.starts_at = Set(Utc::now() + Duration::hours(1));
    soon.ends_at = Set(Utc::now() + Duration::hours(2));
    soon.update(app.conn()).await.unwrap();
    book(&app, &mut m, tonight, &sa, 1).await;

    let url = format!("/api/v1/markets/{id}/segments/夜市/hours");
    let r = m
        .post_json(
            &url,
            &json!({"start": "00:00", "end": "00:01", "from": d(0), "confirm": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "session_started");
    assert_eq!(r.json()["error"]["field"], "start");
    assert!(r.text().contains(&d(0)), "names the night: {}", r.text());
    let after = sessions(&mut m, id, day(0), day(2)).await;
    assert_eq!(after[1]["start"], "18:00", "nothing moved");
    // From tomorrow it is fine.
    let r = m
        .post_json(
            &url,
            &json!({"start": "00:00", "end": "00:01", "from": d(1), "confirm": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn new_hours_that_would_put_a_booked_vendor_in_two_places_are_refused_naming_them() {
    let app = TestApp::new().await;
    let (mut m, a, b, sa, sb) = two_sites(&app, "HVC").await;
    let night = market(&mut m, &night_market(a, day(1), day(3))).await;
    let morning = market(
        &mut m,
        &market_body(
            "财富广场早市",
            "fixed",
            json!([{"name": "早市", "start": "06:00", "end": "09:00"}]),
            json!([{"site_id": b, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(3)}]),
        ),
    )
    .await;
    let evening = sessions(&mut m, night, day(2), day(2)).await[0]["id"]
        .as_i64()
        .unwrap();
    let vendor = book(&app, &mut m, evening, &sa, 1).await[0];
    let early = sessions(&mut m, morning, day(2), day(2)).await[0]["id"]
        .as_i64()
        .unwrap();
    let r = m
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": early, "stall_id": sb[0], "vendor_id": vendor}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

    // The morning market moves to the evening: the vendor would be on both sites at once.
    let r = m
        .post_json(
            &format!("/api/v1/markets/{morning}/segments/早市/hours"),
            &json!({"start": "17:00", "end": "20:00", "from": d(1), "confirm": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "vendor_already_booked");
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("文昌路夜市") && message.contains(&d(2)),
        "{message}"
    );
    assert_eq!(
        sessions(&mut m, morning, day(2), day(2)).await[0]["start"],
        "06:00",
        "nothing moved"
    );
    // Hours that keep clear of the evening are fine.
    let r = m
        .post_json(
            &format!("/api/v1/markets/{morning}/segments/早市/hours"),
            &json!({"start": "07:00", "end": "10:00", "from": d(1), "confirm": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn nights_a_row_brings_back_open_at_the_segments_current_hours() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "HRV").await;
    let id = market(&mut m, &night_market(a, day(1), day(6))).await;
    let row = m
        .get(&format!("/api/v1/markets/{id}/schedule"))
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let rows = format!("/api/v1/schedule-rows/{row}");
    // Day 5 is called off on its own first (a storm): that stays so.
    let storm = sessions(&mut m, id, day(5), day(5)).await[0]["id"].clone();
    let r = m
        .post_json(
            &format!("/api/v1/sessions/{storm}/cancel"),
            &json!({"reason": "暴雨"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = m
        .json(Method::PATCH, &rows, &json!({"to": d(3), "confirm": true}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/segments/夜市/hours"),
            &json!({"start": "19:00", "end": "23:00", "from": d(1), "confirm": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = m
        .json(Method::PATCH, &rows, &json!({"to": d(6), "confirm": true}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let all = sessions(&mut m, id, day(1), day(6)).await;
    assert_eq!(all.len(), 6, "{all:?}");
    let storm_now = all.iter().find(|s| s["id"] == storm).unwrap();
    assert_eq!(storm_now["status"], "cancelled", "{storm_now}");
    for s in all.iter().filter(|s| s["id"] != storm) {
        assert_eq!(
            (s["start"].as_str(), s["end"].as_str()),
            (Some("19:00"), Some("23:00")),
            "{s}"
        );
    }
}
