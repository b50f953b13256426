//! 分时段经营 on every path: a vendor approved only for a market's 早市 is refused the same
//! market's 夜市 — through the API (by themselves and by a manager), the manager's assign form,
//! the vendor's one-tap choice and a waitlist offer — with 422 `segment_not_applied` and no
//! booking written; the allocation run never places them there. And the refusals the three
//! booking paths used to disagree on (an unknown session, a bad repeat date) are now the same.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{Value, json};

async fn booking_count(app: &TestApp) -> u64 {
    entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A self-select market with a 早市 and a 夜市 on one site tomorrow.
struct TwoSegments {
    admin: Client,
    market: i64,
    stalls: Vec<i32>,
    morning: Value,
    night: Value,
}

async fn two_segments(app: &TestApp, code: &str) -> TwoSegments {
    let s = site(app, code).await;
    let stalls = stalls(app, s, code, 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let body = json!({
        "name": "财富广场早晚市", "kind": "fixed", "self_select": true,
        "segments": [{"name": "早市", "start": "06:00", "end": "09:00"},
                     {"name": "夜市", "start": "18:00", "end": "22:30"}],
        "schedule": [
            {"site_id": s, "segment": "早市", "from": day(1).to_string(), "to": day(3).to_string()},
            {"site_id": s, "segment": "夜市", "from": day(1).to_string(), "to": day(3).to_string()}],
    });
    let market = market(&mut admin, &body).await;
    let list = sessions(&mut admin, market, day(1), day(1)).await;
    let of = |segment: &str| {
        list.iter()
            .find(|x| x["segment"] == segment)
            .unwrap()
            .clone()
    };
    TwoSegments {
        morning: of("早市"),
        night: of("夜市"),
        admin,
        market,
        stalls,
    }
}

/// A vendor who applied for the 早市 only, decided as `decision`.
async fn morning_vendor(app: &TestApp, m: &mut TwoSegments, decision: &str) -> (Client, i64) {
    let (mut v, vid) = vendor(app, "服装百货", None).await;
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": m.market, "from": day(1).to_string(), "to": day(3).to_string(),
                    "segments": ["早市"], "category": "服装百货"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].clone();
    let r = m
        .admin
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": decision}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    (v, vid)
}

fn booking(session: &Value, stall: i32, vendor: i64) -> Value {
    json!({"session_id": session["id"], "stall_id": stall, "vendor_id": vendor})
}

#[tokio::test]
async fn a_vendor_approved_for_the_morning_market_is_refused_the_night_market_on_every_path() {
    let app = TestApp::new().await;
    let mut m = two_segments(&app, "CFG").await;
    let (mut v, vid) = morning_vendor(&app, &mut m, "approve").await;
    let night = m.night["id"].as_i64().unwrap();
    let st = m.stalls.clone();

    // The API, the vendor choosing for themselves.
    let r = v
        .post_json("/api/v1/bookings", &booking(&m.night, st[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "segment_not_applied");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("早市")
    );
    // The API, a manager assigning them.
    let r = m
        .admin
        .post_json("/api/v1/bookings", &booking(&m.night, st[0], vid))
        .await;
    assert_eq!(r.error_code(), "segment_not_applied", "{}", r.text());
    // The manager's assign form.
    let page = format!("/sessions/{night}");
    let r = m
        .admin
        .submit(
            &page,
            &format!("{page}/bookings"),
            &[
                ("stall_id", &st[0].to_string()),
                ("vendor_id", &vid.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("不包含该场次的时段"), "{}", r.text());
    // The vendor's one tap: the page again with the reason, the stall still offered.
    let choose = format!("/sessions/{night}/choose");
    let r = v
        .submit(&choose, &choose, &[("stall_id", &st[0].to_string())])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("不包含该场次的时段"), "{}", r.text());
    assert_eq!(r.select("ul.free-stalls form").len(), 3);
    assert_eq!(booking_count(&app).await, 0, "nothing written");

    // The segment they applied for books as before, linked to the application.
    let r = v
        .post_json("/api/v1/bookings", &booking(&m.morning, st[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let listed = v
        .get(&format!("/api/v1/sessions/{}/bookings", m.morning["id"]))
        .await
        .json();
    assert!(listed["items"][0]["application_id"].is_i64(), "{listed}");
    assert_eq!(booking_count(&app).await, 1);
}

#[tokio::test]
async fn a_walk_up_books_either_segment_and_a_morning_applicant_repeats_over_the_mornings() {
    let app = TestApp::new().await;
    let mut m = two_segments(&app, "RNG").await;
    let (_, vid) = morning_vendor(&app, &mut m, "approve").await;
    // A vendor without any application is a walk-up: the manager places them in either.
    let walk_up = vendor_rows(&app, 1, "服装百货").await[0];
    let mut body = booking(&m.night, m.stalls[1], walk_up);
    body["until"] = json!(day(3).to_string());
    let r = m.admin.post_json("/api/v1/bookings", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["range_ids"].as_array().unwrap().len(), 2);
    // The morning vendor's morning range books all three mornings.
    let mut body = booking(&m.morning, m.stalls[0], vid);
    body["until"] = json!(day(3).to_string());
    let r = m.admin.post_json("/api/v1/bookings", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["range_ids"].as_array().unwrap().len(), 2);
    assert_eq!(booking_count(&app).await, 6);
}

#[tokio::test]
async fn a_waitlisted_morning_vendor_is_never_offered_a_night_stall_and_cannot_accept_one() {
    let app = TestApp::new().await;
    let mut m = two_segments(&app, "OFR").await;
    let (mut v, vid) = morning_vendor(&app, &mut m, "waitlist").await;
    // A night booking cancelled: the stall is free, but not offered to a 早市 applicant.
    let other = vendor_rows(&app, 1, "服装百货").await[0];
    let id = m
        .admin
        .post_json("/api/v1/bookings", &booking(&m.night, m.stalls[0], other))
        .await
        .json()["id"]
        .clone();
    let r = m
        .admin
        .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(v.get("/api/v1/offers").await.json()["total"], 0);
    // An offer for the night written by hand (as an older version might have): accepting it
    // is refused on the API and on the page, and nothing is booked.
    let application = entity::applications::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .find(|a| i64::from(a.vendor_id) == vid)
        .unwrap();
    let offer = entity::offers::ActiveModel {
        session_id: Set(i32::try_from(m.night["id"].as_i64().unwrap()).unwrap()),
        stall_id: Set(m.stalls[0]),
        application_id: Set(application.id),
        vendor_id: Set(application.vendor_id),
        status: Set("pending".parse().unwrap()),
        deadline: Set(chrono::Utc::now() + chrono::Duration::hours(2)),
        booking_id: Set(None),
        created_at: Set(chrono::Utc::now()),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap();
    let r = v
        .call(Method::POST, &format!("/api/v1/offers/{}/accept", offer.id))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "segment_not_applied");
    let r = v
        .submit("/", &format!("/offers/{}/accept", offer.id), &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("不包含该场次的时段"));
    assert_eq!(booking_count(&app).await, 0, "nothing written");
    let still = entity::offers::Entity::find_by_id(offer.id)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status.as_str(), "pending");
}

#[tokio::test]
async fn an_allocation_run_places_a_morning_applicant_only_in_the_mornings() {
    let app = TestApp::new().await;
    let mut m = two_segments(&app, "ALC").await;
    let (_, vid) = morning_vendor(&app, &mut m, "approve").await;
    let r = m
        .admin
        .post_json(
            &format!("/api/v1/markets/{}/allocations", m.market),
            &json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": "seg", "policy": {}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let view = m
        .admin
        .get(&format!("/api/v1/allocations/{}", r.json()["id"]))
        .await
        .json();
    let nights: Vec<i64> = sessions(&mut m.admin, m.market, day(1), day(3))
        .await
        .iter()
        .filter(|s| s["segment"] == "夜市")
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    let placed = view["bookings"].as_array().unwrap();
    assert!(!placed.is_empty(), "placed in the mornings: {view}");
    for b in placed {
        assert_eq!(b["vendor_id"], vid);
        assert!(!nights.contains(&b["session_id"].as_i64().unwrap()), "{b}");
    }
}

#[tokio::test]
async fn an_unknown_session_is_refused_the_same_way_on_every_path_and_nothing_is_written() {
    let app = TestApp::new().await;
    let mut m = two_segments(&app, "UNK").await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let stall = m.stalls[0].to_string();
    // Named in a JSON body it is a field that names nothing, like an unknown stall (API.md).
    let r = v
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": 999_999, "stall_id": m.stalls[0], "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "unknown_session");
    // Named by the URL it is a page that does not exist: the manager's form and the
    // vendor's tap alike (one of them used to say 422).
    let r = m
        .admin
        .submit(
            "/",
            "/sessions/999999/bookings",
            &[("stall_id", &stall), ("vendor_id", &vid.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    let r = v
        .submit("/", "/sessions/999999/choose", &[("stall_id", &stall)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    assert_eq!(booking_count(&app).await, 0);
}

#[tokio::test]
async fn a_bad_repeat_date_is_refused_before_anything_is_written_on_both_staff_paths() {
    let app = TestApp::new().await;
    let mut m = two_segments(&app, "UNT").await;
    let walk_up = vendor_rows(&app, 1, "服装百货").await[0];
    let page = format!("/sessions/{}", m.night["id"]);
    let before = day(0).to_string();
    let stall = m.stalls[0].to_string();
    let vendor_id = walk_up.to_string();
    for (until, code) in [
        (before.as_str(), "invalid_range"),
        ("tomorrow", "invalid_date"),
    ] {
        let mut body = booking(&m.night, m.stalls[0], walk_up);
        body["until"] = json!(until);
        let r = m.admin.post_json("/api/v1/bookings", &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert_eq!(r.error_code(), code);
        let r = m
            .admin
            .submit(
                &page,
                &format!("{page}/bookings"),
                &[
                    ("stall_id", &stall),
                    ("vendor_id", &vendor_id),
                    ("until", until),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{until}: {}",
            r.text()
        );
    }
    assert_eq!(
        booking_count(&app).await,
        0,
        "the first night was not booked either"
    );
}
