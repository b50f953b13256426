//! Declared absence (请假): the stall-session is freed and offered to the waitlist at once, the
//! absence counts as such (not a no-show); too late, someone else's booking, or twice → a
//! clear refusal and nothing changes.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

async fn live_bookings(app: &TestApp) -> u64 {
    entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A vendor who applies for the market and is waitlisted by the admin.
async fn waitlisted(app: &TestApp, admin: &mut Client, market: i64) -> (Client, i64) {
    let (mut c, id) = vendor(app, "服装百货", None).await;
    let applied = (market, day(1), day(3), "服装百货");
    decided_application(admin, &mut c, applied, "waitlist").await;
    (c, id)
}

fn booking(session: &Value, stall: i32, vendor: i64) -> Value {
    json!({"session_id": session["id"], "stall_id": stall, "vendor_id": vendor})
}

/// A site `code` with `n` stalls and a night market over days 1–3 on it: (admin, market, its
/// sessions, stalls).
async fn three_nights(app: &TestApp, code: &str, n: i32) -> (Client, i64, Vec<Value>, Vec<i32>) {
    let s = site(app, code).await;
    let st = stalls(app, s, code, n).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    (admin, m, list, st)
}

/// `vendor` placed on `stall` in `session` by the admin: the booking's id.
async fn placed(admin: &mut Client, session: &Value, stall: i32, vendor: i64) -> i64 {
    let r = admin
        .post_json("/api/v1/bookings", &booking(session, stall, vendor))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_declared_absence_frees_the_stall_and_offers_it_in_waitlist_order_at_once() {
    let app = TestApp::new().await;
    let (mut admin, m, list, st) = three_nights(&app, "ABS", 1).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let (mut first, _) = waitlisted(&app, &mut admin, m).await;
    let (mut second, _) = waitlisted(&app, &mut admin, m).await;
    let id = placed(&mut admin, &list[0], st[0], owner_id).await;

    let permit = owner.get(&format!("/permits/{id}")).await;
    let url = permit.attr("[data-permit-url]", "data-permit-url").unwrap();
    let permit_path = url[url.find("/permit/").unwrap()..].to_owned();
    let r = owner
        .post_json(
            &format!("/api/v1/bookings/{id}/absence"),
            &json!({"reason": "家里有事"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json(), json!({"booking_id": id, "status": "absent"}));
    // Its permit no longer holds, and says why: leave, not a cancellation.
    let check = app.client().get(&permit_path).await;
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("false")
    );
    assert!(
        check.select(".verdict")[0].contains("请假"),
        "{:?}",
        check.select(".verdict")
    );
    // The stall-session is free and offered to the first in line only.
    let listed = admin
        .get(&format!("/api/v1/sessions/{}/bookings", list[0]["id"]))
        .await
        .json();
    assert_eq!(listed["total"], 0, "{listed}");
    let offers = first.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 1, "{offers}");
    assert_eq!(offers["items"][0]["status"], "pending");
    assert_eq!(offers["items"][0]["stall_id"], st[0]);
    assert_eq!(second.get("/api/v1/offers").await.json()["total"], 0);
    let notices = first.get("/api/v1/notices").await.json();
    assert!(
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "offer"),
        "{notices}"
    );
    // Twice: 409, and the offer is not made again.
    let r = owner
        .post_json(&format!("/api/v1/bookings/{id}/absence"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "already_absent");
    assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    assert_eq!(first.get("/api/v1/offers").await.json()["total"], 1);
    // Checking in a vendor on leave says so (not "not found").
    let r = admin
        .post_json(&format!("/api/v1/bookings/{id}/check-in"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "already_absent");
    // Counted as a declared absence, not a no-show.
    let c = owner
        .get(&format!(
            "/api/v1/vendors/{owner_id}/attendance?market_id={m}&from={}&to={}",
            day(1),
            day(3)
        ))
        .await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.text());
    let c = c.json();
    assert_eq!(c["declared_absences"], 1, "{c}");
    assert_eq!(c["no_shows"], 0);
    assert_eq!(c["booked"], 1);
    assert_eq!(c["attendance_rate"], 1.0);
    assert_eq!(c["rule"], json!({"min_rate": 0.8, "window_days": 90}));
    // The vendor's home page no longer shows the booking with the "I can't come" form.
    let home = owner.get("/").await;
    assert!(home.select("form[action$=\"/absence\"]").is_empty());
    // The manager's session page counts it apart from no-shows.
    let page = admin.get(&format!("/sessions/{}", list[0]["id"])).await;
    let facts = page.select("dl.profile div");
    assert!(
        facts
            .iter()
            .any(|f| f.contains("已请假") && f.ends_with('1')),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|f| f.contains("未到场数") && f.ends_with('0')),
        "{facts:?}"
    );
}

#[tokio::test]
async fn an_absence_too_late_for_another_vendor_or_by_the_bureau_is_refused_and_nothing_changes() {
    let app = TestApp::new().await;
    let s = site(&app, "ABT").await;
    let st = stalls(&app, s, "ABT", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, running) = running_market(&mut admin, s).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&running, st[0], owner_id))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/bookings/{id}/absence");

    // The session has started: the vendor can no longer declare it.
    let r = owner.post_json(&path, &json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "session_started");
    // Another vendor's booking does not exist for them.
    let r = other.post_json(&path, &json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    let mut bureau = app.login_as(Role::Bureau).await;
    assert_eq!(
        bureau.post_json(&path, &json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    // A reason over 500 characters: the manager learns why, nothing is written.
    let r = admin
        .post_json(&path, &json!({"reason": "长".repeat(501)}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(live_bookings(&app).await, 1);
    assert_eq!(
        entity::booking_history::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        0
    );
    // The manager may still record it while the session runs; the vendor is told.
    let r = admin.post_json(&path, &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(live_bookings(&app).await, 0);
    let notices = owner.get("/api/v1/notices").await.json();
    assert!(
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "absence"),
        "{notices}"
    );
}

#[tokio::test]
async fn the_vendor_taps_i_cant_come_on_their_home_page() {
    let app = TestApp::new().await;
    let s = site(&app, "ABP").await;
    let st = stalls(&app, s, "ABP", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let list = sessions(&mut admin, m, day(1), day(1)).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let id = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], owner_id))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let home = owner.get("/").await;
    let action = format!("/bookings/{id}/absence");
    assert_eq!(
        home.select(&format!("form[action=\"{action}\"] button"))
            .len(),
        1,
        "{}",
        home.text()
    );
    let r = owner.submit("/", &action, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(live_bookings(&app).await, 0);
}

#[tokio::test]
async fn a_vendor_who_said_no_for_a_night_is_not_offered_another_of_its_stalls() {
    let app = TestApp::new().await;
    let (mut admin, m, list, st) = three_nights(&app, "ABN", 3).await;
    // First in line, and also placed tonight as a walk-up: then declares absence.
    let (mut away, away_id) = waitlisted(&app, &mut admin, m).await;
    let (mut decliner, _) = waitlisted(&app, &mut admin, m).await;
    let (mut last, _) = waitlisted(&app, &mut admin, m).await;
    let mut ids = Vec::new();
    for (i, stall) in st.iter().enumerate() {
        let (_, owner) = vendor(&app, "服装百货", None).await;
        let who = if i == 0 { away_id } else { owner };
        let r = admin
            .post_json("/api/v1/bookings", &booking(&list[0], *stall, who))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    let r = away
        .post_json(&format!("/api/v1/bookings/{}/absence", ids[0]), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The stall the absent vendor freed goes past them to the next in line, who declines.
    let offered = decliner.get("/api/v1/offers").await.json();
    assert_eq!(offered["total"], 1, "{offered}");
    let offer = offered["items"][0]["id"].as_i64().unwrap();
    let r = decliner
        .post_json(&format!("/api/v1/offers/{offer}/decline"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(last.get("/api/v1/offers").await.json()["total"], 1);
    // Another stall of the same night frees up: neither is asked again, the last has one already.
    let r = admin
        .call(
            http::Method::DELETE,
            &format!("/api/v1/bookings/{}", ids[1]),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(away.get("/api/v1/offers").await.json()["total"], 0);
    let offered = decliner.get("/api/v1/offers").await.json();
    assert_eq!(offered["total"], 1, "only the declined one: {offered}");
    assert_eq!(last.get("/api/v1/offers").await.json()["total"], 1);
}

#[tokio::test]
async fn a_stall_on_offer_placed_by_a_manager_withdraws_the_offer_and_a_chooser_cannot_take_it() {
    let app = TestApp::new().await;
    let s = site(&app, "ABW").await;
    let st = stalls(&app, s, "ABW", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let mut body = night_market(s, day(1), day(3));
    body["self_select"] = json!(true);
    let m = market(&mut admin, &body).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    let (_, owner) = vendor(&app, "服装百货", None).await;
    let (mut first, _) = waitlisted(&app, &mut admin, m).await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], owner))
        .await;
    let id = r.json()["id"].as_i64().unwrap();
    let r = admin
        .call(http::Method::DELETE, &format!("/api/v1/bookings/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let offer = first.get("/api/v1/offers").await.json()["items"][0].clone();
    assert_eq!(offer["status"], "pending", "{offer}");

    // A vendor choosing for themselves cannot take the stall from under the offer.
    let (mut chooser, chooser_id) = vendor(&app, "服装百货", None).await;
    approved_application(&mut admin, &mut chooser, m, day(1), day(3), "服装百货").await;
    let r = chooser
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], chooser_id))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "stall_taken");
    assert!(
        r.text().contains("候补"),
        "held for the waiting list, not booked: {}",
        r.text()
    );
    // Nor is it offered on their choosing page.
    let choose = chooser
        .get(&format!("/sessions/{}/choose", list[0]["id"]))
        .await;
    assert_eq!(choose.status, StatusCode::OK, "{}", choose.text());
    let offered_code = format!("ABW-A-{:03}", 1);
    assert!(
        !choose
            .select("ul.free-stalls li")
            .iter()
            .any(|li| li.contains(&offered_code)),
        "{:?}",
        choose.select("ul.free-stalls li")
    );
    assert!(
        choose
            .select("ul.free-stalls li")
            .iter()
            .any(|li| li.contains("ABW-A-002")),
        "the other stall is still free to choose"
    );

    // The manager sees it held, not simply free, on the session page and on its candidates.
    let session_id = &list[0]["id"];
    let page = admin.get(&format!("/sessions/{session_id}")).await;
    let held: Vec<String> = page
        .select("#assign-plan ul.stall-links li")
        .into_iter()
        .filter(|li| li.contains(&offered_code))
        .collect();
    assert!(
        held.len() == 1 && held[0].contains("为候补经营户保留至"),
        "{held:?}"
    );
    assert!(
        page.select("#f-stall option")
            .iter()
            .any(|o| o.contains(&offered_code) && o.contains("保留至")),
        "{:?}",
        page.select("#f-stall option")
    );
    let other = page
        .select("#assign-plan ul.stall-links li")
        .into_iter()
        .find(|li| li.contains("ABW-A-002"))
        .unwrap();
    assert!(!other.contains("保留"), "{other}");
    let candidates = admin
        .get(&format!(
            "/sessions/{session_id}/candidates?stall={}",
            st[0]
        ))
        .await;
    assert!(
        candidates.select("p.notice")[0].contains("撤回这次递补"),
        "{}",
        candidates.text()
    );

    // A manager can: the offer lapses and its vendor is told, so no "accept" is left showing.
    let (_, walk_up) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], walk_up))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let after = first.get("/api/v1/offers").await.json()["items"][0].clone();
    assert_eq!(after["status"], "expired", "{after}");
    let r = first
        .post_json(
            &format!("/api/v1/offers/{}/accept", offer["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    let notices = first.get("/api/v1/notices").await.json();
    assert!(
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "offer_withdrawn"
                && n["text"].as_str().is_some_and(|t| t.contains("ABW-"))),
        "{notices}"
    );
    assert!(
        first
            .get("/")
            .await
            .select("form[action$='/accept']")
            .is_empty()
    );
}

#[tokio::test]
async fn placing_the_waiting_vendor_on_their_offered_stall_closes_their_offer() {
    let app = TestApp::new().await;
    let (mut admin, m, list, st) = three_nights(&app, "OWN", 1).await;
    let (_, owner) = vendor(&app, "服装百货", None).await;
    let (mut first, first_id) = waitlisted(&app, &mut admin, m).await;
    let (mut second, _) = waitlisted(&app, &mut admin, m).await;
    let cancel = |admin: &mut Client, id: i64| {
        let mut admin = admin.clone();
        async move {
            let r = admin
                .call(http::Method::DELETE, &format!("/api/v1/bookings/{id}"))
                .await;
            assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        }
    };
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], owner))
        .await;
    cancel(&mut admin, r.json()["id"].as_i64().unwrap()).await;
    let offer = first.get("/api/v1/offers").await.json()["items"][0].clone();
    assert_eq!(offer["status"], "pending", "{offer}");

    // The manager puts the waiting vendor there straight away: the offer is theirs, fulfilled.
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], first_id))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let offer = first.get("/api/v1/offers").await.json()["items"][0].clone();
    assert_eq!(offer["status"], "accepted", "{offer}");

    // Freed again, the stall goes to the next in line, and only one offer is open for it.
    cancel(&mut admin, r.json()["id"].as_i64().unwrap()).await;
    let firsts = first.get("/api/v1/offers").await.json()["items"].clone();
    let seconds = second.get("/api/v1/offers").await.json()["items"].clone();
    let pending = |items: &Value| {
        items
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["status"] == "pending")
            .count()
    };
    assert_eq!(
        pending(&firsts) + pending(&seconds),
        1,
        "{firsts} {seconds}"
    );
}

#[tokio::test]
async fn a_freed_stall_is_not_offered_to_a_waiting_vendor_trading_elsewhere_at_those_hours() {
    let app = TestApp::new().await;
    let s = site(&app, "ABE").await;
    let st = stalls(&app, s, "ABE", 1).await;
    let other = site(&app, "ABF").await;
    let st_other = stalls(&app, other, "ABF", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    // First in line, but placed the same evening in another market across town.
    let (mut busy, busy_id) = waitlisted(&app, &mut admin, m).await;
    let (mut next, _) = waitlisted(&app, &mut admin, m).await;
    let m2 = market(&mut admin, &night_market(other, day(1), day(1))).await;
    let elsewhere = sessions(&mut admin, m2, day(1), day(1)).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &booking(&elsewhere[0], st_other[0], busy_id),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let (_, owner) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], owner))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let freed = r.json()["id"].as_i64().unwrap();
    let r = admin
        .call(http::Method::DELETE, &format!("/api/v1/bookings/{freed}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(busy.get("/api/v1/offers").await.json()["total"], 0);
    assert_eq!(next.get("/api/v1/offers").await.json()["total"], 1);
}

/// A vendor suspended for demerits is passed over by the waitlist: the stall goes to the next
/// in line, not held for 24 hours by an offer its vendor may not take.
#[tokio::test]
async fn a_suspended_vendor_first_in_line_is_passed_over_for_the_offer() {
    let app = TestApp::new().await;
    let (mut admin, m, list, st) = three_nights(&app, "SUS", 1).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let (_, first_id) = waitlisted(&app, &mut admin, m).await;
    let (mut second, _) = waitlisted(&app, &mut admin, m).await;
    // Tonight, elsewhere, the first in line earns twelve points.
    let other = site(&app, "SUX").await;
    let other_stall = stalls(&app, other, "SUX", 1).await[0];
    let (_, tonight) = running_market(&mut admin, other).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &booking(&tonight, other_stall, first_id),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = admin
        .post_json(
            "/api/v1/inspections",
            &json!({"session_id": tonight["id"], "stall_id": other_stall,
                    "items": [{"code": "gas"}, {"code": "smoke"}, {"code": "encroachment", "points": 3}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let standing = admin
        .get(&format!("/api/v1/vendors/{first_id}/demerits"))
        .await
        .json();
    assert_eq!(standing["level"], "suspended", "{standing}");
    let r = admin
        .post_json("/api/v1/bookings", &booking(&list[0], st[0], owner_id))
        .await;
    let id = r.json()["id"].as_i64().unwrap();
    let r = owner
        .post_json(
            &format!("/api/v1/bookings/{id}/absence"),
            &json!({"reason": "家里有事"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let offers = second.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 1, "the next in line is asked: {offers}");
    let pending = entity::offers::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    assert!(
        pending.iter().all(|o| i64::from(o.vendor_id) != first_id),
        "{pending:?}"
    );
}

/// A night cancelled while one of its stalls is on offer: the offer lapses and its vendor is
/// told (else they would wait to accept, or come on the night).
#[tokio::test]
async fn an_offer_of_a_night_then_cancelled_lapses_and_its_vendor_is_told() {
    let app = TestApp::new().await;
    let (mut admin, m, list, st) = three_nights(&app, "OVC", 1).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let (mut waiting, _) = waitlisted(&app, &mut admin, m).await;
    let id = placed(&mut admin, &list[0], st[0], owner_id).await;
    let r = owner
        .post_json(&format!("/api/v1/bookings/{id}/absence"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(waiting.get("/api/v1/offers").await.json()["total"], 1);

    let r = admin
        .post_json(
            &format!("/api/v1/sessions/{}/cancel", list[0]["id"]),
            &json!({"reason": "大风预警"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let offers = waiting.get("/api/v1/offers").await.json();
    assert_eq!(offers["items"][0]["status"], "expired", "{offers}");
    let notices = waiting.get("/api/v1/notices").await.json();
    let told = notices["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "offer_withdrawn")
        .cloned()
        .unwrap_or_default();
    let text = told["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("大风预警") && text.contains("OVC"),
        "{notices}"
    );
}

/// A manager moves a vendor to another stall: the stall left behind is free and offered to the
/// first in line, as any freed stall is.
#[tokio::test]
async fn the_stall_left_by_a_move_is_offered_to_the_waitlist() {
    let app = TestApp::new().await;
    let (mut admin, m, list, st) = three_nights(&app, "MOV", 2).await;
    let (_, owner_id) = vendor(&app, "服装百货", None).await;
    let (mut waiting, _) = waitlisted(&app, &mut admin, m).await;
    let id = placed(&mut admin, &list[0], st[0], owner_id).await;
    let r = admin
        .post_json(
            &format!("/api/v1/bookings/{id}/move"),
            &json!({"stall_id": st[1]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let offers = waiting.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 1, "{offers}");
    assert_eq!(offers["items"][0]["stall_id"], st[0]);
}

#[tokio::test]
async fn a_stall_freed_while_the_night_runs_is_offered_for_the_rest_of_it() {
    use chrono::{Duration, Utc};
    let app = TestApp::new().await;
    let s = site(&app, "ABR").await;
    let st = stalls(&app, s, "ABR", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    // Opened half an hour ago, three hours to go.
    let (m, tonight) =
        market_running(&mut admin, s, Duration::minutes(30), Duration::minutes(210)).await;
    let date = session_date(&tonight);
    let (_, owner) = vendor(&app, "服装百货", None).await;
    let (mut waiting, _) = vendor(&app, "服装百货", None).await;
    decided_application(
        &mut admin,
        &mut waiting,
        (m, date, date, "服装百货"),
        "waitlist",
    )
    .await;
    let id = placed(&mut admin, &tonight, st[0], owner).await;
    // The owner did not come: the manager records the absence at the stall.
    let r = admin
        .post_json(&format!("/api/v1/bookings/{id}/absence"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let offers = waiting.get("/api/v1/offers").await.json();
    assert_eq!(
        offers["total"], 1,
        "the next in line is asked at once: {offers}"
    );
    let offer = offers["items"][0].clone();
    let deadline: chrono::DateTime<Utc> = offer["deadline"].as_str().unwrap().parse().unwrap();
    assert!(
        deadline <= Utc::now() + Duration::minutes(31),
        "half an hour to answer while the night runs: {offer}"
    );
    let r = waiting
        .post_json(
            &format!("/api/v1/offers/{}/accept", offer["id"]),
            &json!({}),
        )
        .await;
    assert!(
        r.status.is_success(),
        "accepted during the night: {}",
        r.text()
    );
    let listed = admin
        .get(&format!("/api/v1/sessions/{}/bookings", tonight["id"]))
        .await
        .json();
    assert_eq!(listed["total"], 1, "{listed}");
}

#[tokio::test]
async fn during_the_night_a_freed_stall_passes_down_the_line_and_a_late_taker_is_no_no_show() {
    use chrono::Duration;
    let app = TestApp::new().await;
    let s = site(&app, "ABL").await;
    let st = stalls(&app, s, "ABL", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (m, tonight) =
        market_running(&mut admin, s, Duration::minutes(30), Duration::minutes(210)).await;
    let date = session_date(&tonight);
    let (_, owner) = vendor(&app, "服装百货", None).await;
    let mut line = Vec::new();
    for _ in 0..3 {
        let (mut c, id) = vendor(&app, "服装百货", None).await;
        decided_application(&mut admin, &mut c, (m, date, date, "服装百货"), "waitlist").await;
        line.push((c, id));
    }
    let booking = placed(&mut admin, &tonight, st[0], owner).await;
    let r = admin
        .post_json(&format!("/api/v1/bookings/{booking}/absence"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let pending = |c: &Client| {
        let mut c = c.clone();
        async move {
            let all = c.get("/api/v1/offers").await.json();
            all["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["status"] == "pending")
                .cloned()
                .collect::<Vec<Value>>()
        }
    };
    assert_eq!(
        pending(&line[0].0).await.len(),
        1,
        "the first in line is asked"
    );
    // The manager places the first in line on the other stall: the stall they were offered
    // goes to the next, not to nobody.
    let walk_up = placed(&mut admin, &tonight, st[1], line[0].1).await;
    let second = pending(&line[1].0).await;
    assert_eq!(second.len(), 1, "passed down the line");
    assert_eq!(second[0]["stall_id"], st[0]);
    // The second takes it during the night: on the way, not a no-show.
    let r = line[1]
        .0
        .clone()
        .post_json(
            &format!("/api/v1/offers/{}/accept", second[0]["id"]),
            &json!({}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    let standing = line[1]
        .0
        .clone()
        .get(&format!(
            "/api/v1/vendors/{}/attendance?market_id={m}",
            line[1].1
        ))
        .await
        .json();
    assert_eq!(standing["no_shows"], 0, "{standing}");
    assert_eq!(standing["at_risk"], false, "{standing}");
    // A booking the manager cancels while the night runs: the third in line is asked.
    let r = admin
        .json(
            http::Method::DELETE,
            &format!("/api/v1/bookings/{walk_up}"),
            &json!({}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    let third = pending(&line[2].0).await;
    assert_eq!(third.len(), 1, "the cancelled stall is offered");
    assert_eq!(third[0]["stall_id"], st[1]);
}
