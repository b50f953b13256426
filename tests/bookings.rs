//! Bookings: the database makes double booking impossible, under concurrency too; timing,
//! stall, vendor and certificate rules; check-in and no-shows; cancellation and the waitlist.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use serde_json::{Value, json};

async fn booking_count(app: &TestApp) -> u64 {
    entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A site with stalls, a night market tomorrow to the day after, an admin.
async fn setup(app: &TestApp, stalls_n: i32) -> (Client, i32, Vec<i32>, i64, Vec<Value>) {
    let s = site(app, "WCL").await;
    let stall_ids = stalls(app, s, "WCL", stalls_n).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    (admin, s, stall_ids, m, list)
}

fn booking(session: &Value, stall: i32, vendor: i64) -> Value {
    json!({"session_id": session["id"], "stall_id": stall, "vendor_id": vendor})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_attempts_on_one_stall_session_give_exactly_one_booking() {
    let app = TestApp::new().await;
    let (admin, _, stall_ids, _, list) = setup(&app, 1).await;
    let vendors = vendor_rows(&app, 50, "服装百货").await;
    let mut tasks = Vec::new();
    for v in vendors {
        let mut c = admin.clone();
        let body = booking(&list[0], stall_ids[0], v);
        tasks.push(tokio::spawn(async move {
            let r = c.post_json("/api/v1/bookings", &body).await;
            let code = if r.status == StatusCode::CREATED {
                String::new()
            } else {
                r.error_code()
            };
            (r.status, code)
        }));
    }
    let mut created = 0;
    for t in tasks {
        let (status, code) = t.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert_eq!(code, "stall_taken"),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(booking_count(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_attempts_for_one_vendor_in_one_session_give_exactly_one_booking() {
    let app = TestApp::new().await;
    let (admin, _, stall_ids, _, list) = setup(&app, 50).await;
    let v = vendor_rows(&app, 1, "服装百货").await[0];
    let mut tasks = Vec::new();
    for stall in stall_ids {
        let mut c = admin.clone();
        let body = booking(&list[0], stall, v);
        tasks.push(tokio::spawn(async move {
            let r = c.post_json("/api/v1/bookings", &body).await;
            let code = if r.status == StatusCode::CREATED {
                String::new()
            } else {
                r.error_code()
            };
            (r.status, code)
        }));
    }
    let mut created = 0;
    for t in tasks {
        let (status, code) = t.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert_eq!(code, "vendor_already_booked"),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(booking_count(&app).await, 1);
}

#[tokio::test]
async fn a_taken_stall_or_a_booked_vendor_is_a_clear_409_and_the_session_counts_it() {
    let app = TestApp::new().await;
    let (mut admin, _, stall_ids, m, list) = setup(&app, 3).await;
    let vs = vendor_rows(&app, 2, "服装百货").await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], stall_ids[0], vs[0]))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], stall_ids[0], vs[1]))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "stall_taken");
    admin
        .headers
        .insert("accept-language", "en".parse().unwrap());
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], stall_ids[1], vs[0]))
        .await;
    assert_eq!(r.error_code(), "vendor_already_booked");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already has a stall")
    );
    // The same stall in another session is free.
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[1], stall_ids[0], vs[1]))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let now = sessions(&mut admin, m, day(1), day(1)).await;
    assert_eq!(now[0]["stalls_booked"], 1);
    assert_eq!(now[0]["stalls_total"], 3);
    let listed = admin
        .get(&format!("/api/v1/sessions/{}/bookings", list[0]["id"]))
        .await
        .json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["stall_code"], "WCL-A-001");
}

#[tokio::test]
async fn bad_bookings_get_a_clear_4xx_and_nothing_is_written() {
    let app = TestApp::new().await;
    let (mut admin, s, stall_ids, _, list) = setup(&app, 2).await;
    let elsewhere = site(&app, "CFG").await;
    let other_stall = stalls(&app, elsewhere, "CFG", 1).await[0];
    let mut disabled = entity::stalls::Entity::find_by_id(stall_ids[1])
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    disabled.status = Set("disabled".parse().unwrap());
    disabled.update(app.conn()).await.unwrap();
    let v = vendor_rows(&app, 1, "服装百货").await[0];
    let (_, food) = vendor(&app, "小吃餐饮", Some(day(1))).await;
    // A market in the past.
    let old = market_begun(&app, &mut admin, &night_market(s, day(-3), day(-2))).await;
    let past = sessions(&mut admin, old, day(-3), day(-3)).await;
    let cases = [
        (
            json!({"session_id": 99999, "stall_id": stall_ids[0], "vendor_id": v}),
            422,
            "unknown_session",
        ),
        (
            json!({"session_id": list[0]["id"], "stall_id": 99999, "vendor_id": v}),
            422,
            "unknown_stall",
        ),
        (
            json!({"session_id": list[0]["id"], "stall_id": stall_ids[0], "vendor_id": 99999}),
            422,
            "unknown_vendor",
        ),
        (booking(&list[0], other_stall, v), 422, "stall_not_on_site"),
        (booking(&list[0], stall_ids[1], v), 422, "stall_disabled"),
        (booking(&past[0], stall_ids[0], v), 422, "session_past"),
        // The food vendor's certificate runs out after day 1: fine on day 1, not on day 2.
        (
            booking(&list[1], stall_ids[0], food),
            422,
            "health_cert_expired",
        ),
    ];
    for (body, status, code) in cases {
        let r = admin.post_json("/api/v1/bookings", &body).await;
        assert_eq!(r.status.as_u16(), status, "{body}: {}", r.text());
        assert_eq!(r.error_code(), code, "{body}");
    }
    assert_eq!(booking_count(&app).await, 0);
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], stall_ids[0], food))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn vendors_book_themselves_only_where_the_market_allows_and_only_for_themselves() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let st = stalls(&app, s, "WCL", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let closed = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let mut open = night_market(s, day(2), day(2));
    open["self_select"] = json!(true);
    let open = market(&mut admin, &open).await;
    let closed_s = sessions(&mut admin, closed, day(1), day(1)).await;
    let open_s = sessions(&mut admin, open, day(2), day(2)).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let (_, other) = vendor(&app, "服装百货", None).await;
    let r = v
        .post_json("/api/v1/bookings", &booking(&closed_s[0], st[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = v
        .post_json("/api/v1/bookings", &booking(&open_s[0], st[0], other))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a vendor cannot book for someone else"
    );
    let r = v
        .post_json("/api/v1/bookings", &booking(&open_s[0], st[0], vid))
        .await;
    assert_eq!(
        (r.status, r.error_code()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "session_not_applied".into()
        ),
        "choosing a stall needs an approved application first: {}",
        r.text()
    );
    assert_eq!(booking_count(&app).await, 0);
    approved_application(&mut admin, &mut v, open, day(2), day(2), "服装百货").await;
    let r = v
        .post_json("/api/v1/bookings", &booking(&open_s[0], st[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let mine = v
        .get(&format!("/api/v1/sessions/{}/bookings", open_s[0]["id"]))
        .await
        .json();
    assert_eq!(mine["total"], 1);
    // Another vendor sees none of it and cannot cancel it.
    let (mut stranger, _) = vendor(&app, "服装百货", None).await;
    let theirs = stranger
        .get(&format!("/api/v1/sessions/{}/bookings", open_s[0]["id"]))
        .await
        .json();
    assert_eq!(theirs["total"], 0);
    let r = stranger
        .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = v
        .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(booking_count(&app).await, 0);
}

#[tokio::test]
async fn a_manager_places_a_walk_up_vendor_while_the_session_runs_but_vendors_cannot() {
    let app = TestApp::new().await;
    let s = site(&app, "WCL").await;
    let st = stalls(&app, s, "WCL", 2).await;
    let mut manager = app.login_as(Role::Manager).await;
    let (m, running) = running_market(&mut manager, s).await;
    let _ = m;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let r = manager
        .post_json("/api/v1/bookings", &booking(&running, st[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    // The vendor can no longer cancel once it has started.
    let r = v
        .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "session_started");
    // Not checked in yet, after the start: a no-show until checked in.
    let listed = manager
        .get(&format!("/api/v1/sessions/{}/bookings", running["id"]))
        .await
        .json();
    assert_eq!(listed["items"][0]["no_show"], true);
    // The bureau's report counts the same night the same way (it had said 0 until tomorrow).
    let date = session_date(&running);
    let mut bureau = app.login_as(Role::Bureau).await;
    let report = bureau.get(&format!("/reports?from={date}&to={date}")).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text());
    let figures = report.select("dl.figures dt");
    let at = figures
        .iter()
        .position(|f| f.contains("未到场"))
        .expect("a no-show figure");
    assert_eq!(report.select("dl.figures dd")[at], "1");
    let r = manager
        .post_json(&format!("/api/v1/bookings/{id}/check-in"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["status"], "checked_in");
    assert_eq!(r.json()["no_show"], false);
}

#[tokio::test]
async fn check_in_before_the_business_date_is_too_early() {
    let app = TestApp::new().await;
    let (mut admin, _, st, _, list) = setup(&app, 1).await;
    let v = vendor_rows(&app, 1, "服装百货").await[0];
    let id = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], v))
        .await
        .json()["id"]
        .clone();
    let r = admin
        .call(Method::POST, &format!("/api/v1/bookings/{id}/check-in"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "too_early");
}

/// Just after midnight, this evening's night is dated today but is not the one running: its
/// doors open four hours before it starts for inspections and the permit; check-in, as the
/// API's contract says, opens on the business date (a clerk may check vendors in early).
#[tokio::test]
async fn a_night_dated_today_opens_to_inspections_four_hours_before_and_to_check_in_all_day() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let s = site(&app, "DOR").await;
    let st = stalls(&app, s, "DOR", 1).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let (_, session) = running_market(&mut admin, s).await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&session, st[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let session_id = session["id"].as_i64().unwrap() as i32;
    let conn = app.conn().clone();
    let move_to = |hours: i64| {
        let conn = conn.clone();
        async move {
            let row = entity::market_sessions::Entity::find_by_id(session_id)
                .one(&conn)
                .await
                .unwrap()
                .unwrap();
            let mut m = row.into_active_model();
            let start = chrono::Utc::now() + chrono::Duration::hours(hours);
            m.starts_at = Set(start);
            m.ends_at = Set(start + chrono::Duration::hours(2));
            m.update(&conn).await.unwrap();
        }
    };
    move_to(10).await;
    // Check-in: open on the business date, however early.
    let r = admin
        .call(Method::POST, &format!("/api/v1/bookings/{id}/check-in"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin
        .post_json(
            "/api/v1/inspections",
            &json!({"session_id": session_id, "stall_id": st[0], "items": [{"code": "noise"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "too_early");
    let permit = v.get(&format!("/permits/{id}")).await;
    let url = permit.attr("[data-permit-url]", "data-permit-url").unwrap();
    let path = &url[url.find("/permit/").unwrap()..];
    let check = app.client().get(path).await;
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("later")
    );
    // Three hours before it starts the vendors are setting up: open.
    move_to(3).await;
    let check = app.client().get(path).await;
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("true")
    );
    let r = admin
        .post_json(
            "/api/v1/inspections",
            &json!({"session_id": session_id, "stall_id": st[0], "items": [{"code": "noise"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn a_range_books_the_same_stall_wherever_it_is_free() {
    let app = TestApp::new().await;
    let (mut admin, _, st, _, list) = setup(&app, 1).await;
    let vs = vendor_rows(&app, 2, "服装百货").await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[1], st[0], vs[1]))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let mut body = booking(&list[0], st[0], vs[0]);
    body["until"] = json!(day(3).to_string());
    let r = admin.post_json("/api/v1/bookings", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let placed = r.json();
    assert_eq!(placed["range_ids"].as_array().unwrap().len(), 1);
    assert_eq!(placed["skipped"][0]["code"], "stall_taken");
    assert_eq!(placed["skipped"][0]["date"], day(2).to_string());
    assert_eq!(booking_count(&app).await, 3);
}

#[tokio::test]
async fn a_cancelled_booking_is_offered_to_the_waitlist_and_an_expired_offer_passes_on() {
    let app = TestApp::new().await;
    let (mut admin, _, st, m, list) = setup(&app, 1).await;
    let booked = vendor_rows(&app, 1, "服装百货").await[0];
    let (mut first, _) = vendor(&app, "服装百货", None).await;
    let (mut second, second_id) = vendor(&app, "服装百货", None).await;
    for c in [&mut first, &mut second] {
        let r = c
            .post_json(
                "/api/v1/applications",
                &json!({"market_id": m, "from": day(1).to_string(),
                "to": day(3).to_string(), "category": "服装百货"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let id = r.json()["id"].clone();
        let r = admin
            .post_json(
                &format!("/api/v1/applications/{id}/decision"),
                &json!({"decision": "waitlist"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let id = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], booked))
        .await
        .json()["id"]
        .clone();
    let r = admin
        .call(Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let offers = first.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 1, "{offers}");
    assert_eq!(offers["items"][0]["status"], "pending");
    assert_eq!(second.get("/api/v1/offers").await.json()["total"], 0);
    // The first vendor lets it lapse: it passes to the second.
    let offer = entity::offers::Entity::find()
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut lapsed = offer.into_active_model();
    lapsed.deadline = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    lapsed.update(app.conn()).await.unwrap();
    let mine = second.get("/api/v1/offers").await.json();
    assert_eq!(mine["total"], 1, "{mine}");
    let offer_id = mine["items"][0]["id"].clone();
    assert_eq!(
        first.get("/api/v1/offers").await.json()["items"][0]["status"],
        "expired"
    );
    let r = second
        .call(Method::POST, &format!("/api/v1/offers/{offer_id}/accept"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let listed = admin
        .get(&format!("/api/v1/sessions/{}/bookings", list[0]["id"]))
        .await
        .json();
    assert_eq!(listed["items"][0]["vendor_id"], second_id);
    let r = second
        .call(Method::POST, &format!("/api/v1/offers/{offer_id}/accept"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "offer_closed");
    let notices = second.get("/api/v1/notices").await.json();
    assert!(
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "offer")
    );
}

/// Bookings are checked before the write lock is taken; the insert re-checks the session and
/// the stall in the same statement, so a cancellation or a disabled stall in between wins.
#[tokio::test]
async fn a_session_cancelled_or_a_stall_disabled_after_the_checks_refuses_the_insert() {
    use nightmarket::bookings::place::{self, Booking, Placer};
    use sea_orm::ConnectionTrait;
    let app = TestApp::new().await;
    let (_admin, _, st, _, list) = setup(&app, 2).await;
    let vendors = vendor_rows(&app, 2, "服装百货").await;
    let db = app.conn();
    let load = |id: i64| async move {
        entity::market_sessions::Entity::find_by_id(i32::try_from(id).unwrap())
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    let first = load(list[0]["id"].as_i64().unwrap()).await;
    let second = load(list[1]["id"].as_i64().unwrap()).await;
    let stall = |id: i32| async move {
        entity::stalls::Entity::find_by_id(id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    let vendor = entity::vendors::Entity::find_by_id(i32::try_from(vendors[0]).unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (s0, s1) = (stall(st[0]).await, stall(st[1]).await);
    let checked = |session, stall| Booking {
        session,
        stall,
        vendor: &vendor,
        application: None,
        placer: Placer::Staff,
        actor: 1,
    };
    let in_cancelled = place::check(db, &checked(&first, &s0)).await.unwrap();
    let on_disabled = place::check(db, &checked(&second, &s1)).await.unwrap();
    db.execute_unprepared(&format!(
        "UPDATE market_sessions SET status = 'cancelled' WHERE id = {}",
        first.id
    ))
    .await
    .unwrap();
    db.execute_unprepared(&format!(
        "UPDATE stalls SET status = 'disabled' WHERE id = {}",
        s1.id
    ))
    .await
    .unwrap();
    let e = place::insert(db, &in_cancelled).await.unwrap_err();
    assert_eq!(e.code(), "session_cancelled");
    let e = place::insert(db, &on_disabled).await.unwrap_err();
    assert_eq!(e.code(), "stall_disabled");
    assert_eq!(booking_count(&app).await, 0, "nothing written");
}

/// The session page offers only what the server would do: no check-in before the business day
/// (it answered `too_early`, shown as a bare "422" in the status cell), and once the session
/// has ended no placing, cancelling or absence (each answered `session_past`); the candidates
/// page of an ended session says so instead of offering an assign button that fails.
#[tokio::test]
async fn the_session_page_offers_only_what_the_server_allows() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let s = site(&app, "OFR").await;
    let st = stalls(&app, s, "OFR", 2).await;
    let session = book_tomorrow(&app, &mut admin, s as i64, st[0] as i64).await;
    let forms = |page: &crate::support::client::Resp| -> Vec<String> {
        page.attrs("form[method=post]", "action")
    };
    let tomorrow = admin.get(&format!("/sessions/{session}")).await;
    assert_eq!(tomorrow.status, StatusCode::OK);
    let actions = forms(&tomorrow);
    assert!(
        !actions.iter().any(|a| a.ends_with("/check-in")),
        "{actions:?}"
    );
    assert!(
        actions.iter().any(|a| a.ends_with("/cancel")),
        "{actions:?}"
    );
    assert!(
        actions.iter().any(|a| a.ends_with("/absence")),
        "{actions:?}"
    );
    assert!(
        actions.iter().any(|a| a.ends_with("/bookings")),
        "{actions:?}"
    );
    let candidates = format!("/sessions/{session}/candidates?stall={}", st[1]);
    assert!(
        admin
            .get(&candidates)
            .await
            .select("p.error-message")
            .is_empty()
    );

    move_into_past(&app, session).await;
    let ended = admin.get(&format!("/sessions/{session}")).await;
    assert_eq!(ended.status, StatusCode::OK);
    let actions = forms(&ended);
    assert!(
        !actions
            .iter()
            .any(|a| a.ends_with("/cancel") || a.ends_with("/absence") || a.ends_with("/bookings")),
        "{actions:?}"
    );
    assert!(ended.select("#assign-plan").is_empty());
    let page = admin.get(&candidates).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.select("p.error-message"),
        vec!["⚠ 该场次已结束，不能再安排。"]
    );
    let assign = page.attrs("li.candidate form[method=post]", "action");
    assert!(assign.is_empty(), "{assign:?}");
}

#[tokio::test]
async fn a_vendor_holds_one_stall_at_a_time_across_sites() {
    let app = TestApp::new().await;
    let (a, b) = (site(&app, "WCL").await, site(&app, "CFP").await);
    let (sa, sb) = (
        stalls(&app, a, "WCL", 1).await,
        stalls(&app, b, "CFP", 1).await,
    );
    let mut admin = app.login_as(Role::Admin).await;
    let on_a = market(&mut admin, &night_market(a, day(1), day(2))).await;
    let mut later = night_market(b, day(1), day(2));
    later["segments"] = json!([{"name": "夜市", "start": "20:00", "end": "23:30"}]);
    let on_b = market(&mut admin, &later).await;
    let (sessions_a, sessions_b) = (
        sessions(&mut admin, on_a, day(1), day(2)).await,
        sessions(&mut admin, on_b, day(1), day(2)).await,
    );
    let (_, vid) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&sessions_a[0], sa[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // The same evening at the other site, 20:00–23:30 against 18:00–22:30.
    let r = admin
        .post_json("/api/v1/bookings", &booking(&sessions_b[0], sb[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "vendor_already_booked");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("另一个场次")
    );
    assert_eq!(booking_count(&app).await, 1, "nothing stored");
    // The next evening there is free.
    let r = admin
        .post_json("/api/v1/bookings", &booking(&sessions_b[1], sb[0], vid))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn the_session_page_returns_to_the_row_after_a_check_in_and_asks_twice_before_a_cancel() {
    let app = TestApp::new().await;
    let (session, booking, v) = booked_running_session(&app, "ROW").await;
    let mut admin = app.login_as(Role::Admin).await;
    let page_path = format!("/sessions/{session}");
    let page = admin.get(&page_path).await;
    // The row is there to come back to; the cancel button is behind a first tap.
    assert_eq!(page.select(&format!("tr#booking-{booking}")).len(), 1);
    // Every cancel form on the page (the table's, the plan list's) is behind a first tap.
    let cancels = page.select(&format!("form[action='/bookings/{booking}/cancel']"));
    assert!(!cancels.is_empty());
    assert_eq!(
        page.select(&format!(
            "details.confirm-cancel form[action='/bookings/{booking}/cancel']"
        ))
        .len(),
        cancels.len()
    );
    // Without JavaScript the check-in comes back to its row, not to the page's top.
    let r = admin
        .submit(&page_path, &format!("/bookings/{booking}/check-in"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), format!("{page_path}#booking-{booking}"));
    // The cancel says why, and the vendor reads it in the notice.
    let r = admin
        .submit(
            &page_path,
            &format!("/bookings/{booking}/cancel"),
            &[("reason", " 消防通道需要清空 ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let told = notice_texts(&app, v, "booking_cancelled").await;
    assert_eq!(told.len(), 1);
    let text = &told[0];
    assert!(text.ends_with("原因：消防通道需要清空"), "{text}");
}

#[tokio::test]
async fn on_a_night_the_list_comes_first_a_found_stall_leads_to_its_row_and_a_refusal_is_on_top() {
    let app = TestApp::new().await;
    let (session, booking, _) = booked_running_session(&app, "NGT").await;
    let mut admin = app.login_as(Role::Admin).await;
    let page_path = format!("/sessions/{session}");
    let page = admin.get(&format!("{page_path}?find=A-001")).await;
    let html = page.text();
    // The bookings (check in, absence) come before the plan and its free stalls.
    let list_at = html.find("id=\"bookings\"").expect("the list");
    let plan_at = html.find("id=\"assign-plan\"").expect("the plan section");
    assert!(list_at < plan_at, "the list comes first");
    assert_eq!(
        page.attr("p.find-booking a", "href").as_deref(),
        Some(format!("#booking-{booking}").as_str()),
        "the found stall's row"
    );
    // Recording an absence frees the stall and texts the vendor: behind a first tap.
    assert_eq!(
        page.select(&format!(
            "details.confirm-cancel form[action='/bookings/{booking}/absence']"
        ))
        .len(),
        1
    );
    // A refused placement says why at the top, and its address leads back to the form.
    let r = admin
        .submit(
            &page_path,
            &format!("/sessions/{session}/bookings"),
            &[("stall_id", "999999"), ("vendor_id", "13900000000")],
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    let first_alert = r.select("main [role=alert]");
    assert!(!first_alert.is_empty(), "{}", r.text());
    let top = r.text().find("error-message").unwrap();
    assert!(
        top < r.text().find("id=\"bookings\"").unwrap(),
        "the reason is on top"
    );
    let back = admin.get(&format!("/sessions/{session}/bookings")).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert_eq!(back.location(), format!("{page_path}#assign"));
}

#[tokio::test]
async fn a_walk_up_placed_while_the_night_runs_is_not_told_to_come_on_time() {
    let app = TestApp::new().await;
    let (_, _, vendor_id) = booked_running_session(&app, "WUP").await;
    let told = notice_texts(&app, vendor_id, "booking_assigned").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("市场已开市") && !told[0].contains("请按时到场"),
        "{told:?}"
    );
    // Placed ahead of a night, the vendor is still asked to come on time.
    let s = site(&app, "WUQ").await;
    let st = stalls(&app, s, "WUQ", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let tomorrow = book_tomorrow(&app, &mut admin, i64::from(s), i64::from(st[0])).await;
    let placed = admin
        .get(&format!("/api/v1/sessions/{tomorrow}/bookings"))
        .await
        .json();
    let vendor = placed["items"][0]["vendor_id"].as_i64().unwrap();
    let told = notice_texts(&app, vendor, "booking_assigned").await;
    assert!(told[0].contains("请按时到场"), "{told:?}");
}

#[tokio::test]
async fn the_home_page_leads_staff_to_todays_sessions_in_one_tap() {
    let app = TestApp::new().await;
    let (session, _, _) = booked_running_session(&app, "HOM").await;
    let mut admin = app.login_as(Role::Admin).await;
    let home = admin.get("/").await;
    assert_eq!(
        home.attrs("ul.today-sessions a", "href"),
        vec![format!("/sessions/{session}")],
        "{}",
        home.text()
    );
    // A manager of other markets sees none of it.
    let mut other = app.login_as(Role::Manager).await;
    let home = other.get("/").await;
    assert!(home.select("ul.today-sessions a").is_empty());
    assert!(home.text().contains("今天没有场次"), "{}", home.text());
}
