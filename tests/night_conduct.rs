//! Inspections and demerits: the published catalogue, points over 12 months, warning at 6,
//! suspension at 12 (applications, bookings and allocation refuse the vendor), one appeal
//! within 14 days, a cancelled appeal removes the points; bad input changes nothing.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use serde_json::{Value, json};

async fn inspections(app: &TestApp) -> u64 {
    entity::inspections::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A session running now on a new site with `vendor_id` booked on its first stall:
/// (session, stall ids).
async fn booked_tonight(
    app: &TestApp,
    admin: &mut Client,
    code: &str,
    vendor_id: i64,
) -> (Value, Vec<i32>) {
    let s = site(app, code).await;
    let st = stalls(app, s, code, 2).await;
    let (_, session) = running_market(admin, s).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session["id"], "stall_id": st[0], "vendor_id": vendor_id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    (session, st)
}

async fn inspect(
    c: &mut Client,
    session: &Value,
    stall: i32,
    items: Value,
) -> crate::support::client::Resp {
    c.post_json(
        "/api/v1/inspections",
        &json!({"session_id": session["id"], "stall_id": stall, "items": items}),
    )
    .await
}

/// Twelve points at once on `stall` tonight (gas 6, smoke 3, encroachment 3): suspended.
async fn twelve_points(admin: &mut Client, tonight: &Value, stall: i32) {
    let r = inspect(
        admin,
        tonight,
        stall,
        json!([{"code": "gas"}, {"code": "smoke"}, {"code": "encroachment", "points": 3}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn the_catalogue_is_public_in_both_languages_with_its_points() {
    let app = TestApp::new().await;
    let r = app.client().get("/api/v1/inspection-codes").await;
    assert_eq!(r.status, StatusCode::OK);
    let body = r.json();
    let items = body["items"].as_array().unwrap();
    assert!(items.len() >= 7);
    for code in [
        "smoke",
        "noise",
        "hygiene",
        "encroachment",
        "price_display",
        "gas",
        "unlicensed_helper",
    ] {
        let item = items.iter().find(|i| i["code"] == code).expect(code);
        assert!(item["points"].as_i64().unwrap() > 0);
    }
    let smoke = items.iter().find(|i| i["code"] == "smoke").unwrap();
    assert_eq!(smoke["name"], "油烟扰民");
    let page = app.client().get("/conduct").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("满 12 分暂停经营"));
    assert_eq!(page.select("tbody tr").len(), items.len());
    assert!(
        !page.text().contains(">smoke<"),
        "items in words, not API codes"
    );
}

/// Runs an allocation of `market`'s nights 1–3 with `seed`; the explanation of `application`.
async fn explanation(admin: &mut Client, market: i64, seed: &str, application: i64) -> Value {
    let r = admin
        .post_json(
            &format!("/api/v1/markets/{market}/allocations"),
            &json!({"from": day(1).to_string(), "to": day(3).to_string(), "seed": seed, "policy": {}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let run = admin
        .get(&format!("/api/v1/allocations/{}", r.json()["id"]))
        .await
        .json();
    run["explanations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["application_id"] == application)
        .cloned()
        .expect("an explanation for the application")
}

#[tokio::test]
async fn twelve_points_suspend_the_vendor_everywhere_until_an_appeal_cancels_some() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    // An approved application for next week's market, made before any points.
    let s = site(&app, "NXT").await;
    stalls(&app, s, "NXT", 2).await;
    let next = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let application =
        approved_application(&mut admin, &mut v, next, day(1), day(3), "服装百货").await;

    // Six points: a warning, and the vendor is told.
    let (tonight, st) = booked_tonight(&app, &mut admin, "IN1", vid).await;
    let r = inspect(
        &mut admin,
        &tonight,
        st[0],
        json!([{"code": "gas", "note": "气瓶未固定"}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let first = r.json();
    assert_eq!(first["vendor_id"], vid);
    assert_eq!(first["points"], 6);
    let d = v
        .get(&format!("/api/v1/vendors/{vid}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 6, "{d}");
    assert_eq!(d["level"], "warning");
    assert_eq!(d["entries"][0]["code"], "gas");
    assert!(
        v.get("/api/v1/notices").await.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "inspection")
    );
    let warnings = |notices: Value| {
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "demerit_warning")
            .count()
    };
    assert_eq!(
        warnings(v.get("/api/v1/notices").await.json()),
        1,
        "warned at 6 points"
    );
    // Twelve, at a later round of the same night (one vendor holds one stall at a time):
    // suspended for the market's period (30 days by default).
    let (tonight2, st2) = (tonight.clone(), st.clone());
    let r = inspect(
        &mut admin,
        &tonight2,
        st2[0],
        json!([{"code": "smoke"}, {"code": "encroachment", "points": 3}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let second = r.json()["id"].as_i64().unwrap();
    let d = v
        .get(&format!("/api/v1/vendors/{vid}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 12, "{d}");
    assert_eq!(d["level"], "suspended");
    assert_eq!(
        warnings(v.get("/api/v1/notices").await.json()),
        1,
        "the warning is said once, the suspension on its own"
    );
    assert_eq!(
        d["suspended_until"],
        (session_date(&tonight2) + chrono::Duration::days(29)).to_string(),
        "thirty days from the night of the twelfth point"
    );
    // The permit of tonight's booking, made before, no longer reads as leave to trade.
    let booking = entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .find(|b| i64::from(b.vendor_id) == vid)
        .unwrap();
    let permit = v.get(&format!("/permits/{}", booking.id)).await;
    let url = permit.attr("[data-permit-url]", "data-permit-url").unwrap();
    let check = app
        .client()
        .get(&url[url.find("/permit/").unwrap()..])
        .await;
    assert_eq!(
        check.attr(".verdict", "data-valid").as_deref(),
        Some("false")
    );
    assert!(check.text().contains("暂停经营"), "{}", check.text());
    // Another item while suspended: its notice, not the suspension said again.
    let r = inspect(&mut admin, &tonight2, st2[0], json!([{"code": "noise"}])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let notices = v.get("/api/v1/notices").await.json();
    let kinds: Vec<&str> = notices["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "suspension").count(),
        1,
        "{kinds:?}"
    );
    // New applications, bookings and the allocation run refuse them.
    let r = v
        .post_json("/api/v1/applications", &json!({"market_id": next, "from": day(2).to_string(), "to": day(3).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "vendor_suspended");
    let list = sessions(&mut admin, next, day(1), day(3)).await;
    let free = entity::stalls::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    let free = free.iter().find(|x| x.site_id == s).unwrap().id;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": list[0]["id"], "stall_id": free, "vendor_id": vid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "vendor_suspended");
    let e = explanation(&mut admin, next, "night", application).await;
    assert_eq!(e["sessions_won"], 0, "{e}");
    assert_eq!(e["reasons"], json!(["vendor_suspended"]));
    // No night of this market was due yet: no attendance figure (not a made-up 100 %).
    assert!(e["attendance"].is_null(), "{e}");
    // A suspension that ends within the run bars its own nights only: with a two-day period
    // it ends tomorrow, and the two nights after are drawn as any other.
    let suspending = tonight2["market_id"].as_i64().unwrap() as i32;
    let row = entity::markets::Entity::find_by_id(suspending)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut m = row.into_active_model();
    m.suspension_days = Set(2);
    m.update(app.conn()).await.unwrap();
    let until = session_date(&tonight2) + chrono::Duration::days(1);
    let e = explanation(&mut admin, next, "later", application).await;
    let nights_after = (1..=3).filter(|n| day(*n) > until).count();
    assert_eq!(e["sessions_won"], nights_after, "{e}");
    assert_eq!(e["reasons"], json!(["vendor_suspended"]), "{e}");
    let row = entity::markets::Entity::find_by_id(suspending)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut m = row.into_active_model();
    m.suspension_days = Set(30);
    m.update(app.conn()).await.unwrap();

    // One appeal; a manager cancels it and its 6 points go.
    let path = format!("/api/v1/inspections/{second}/appeal");
    let r = v
        .post_json(&path, &json!({"text": "当晚是隔壁摊位的油烟"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"inspection_id": second, "appeal_status": "pending"})
    );
    // The manager decides knowing whose it was, where, what was recorded and what is at stake.
    let appeals = admin.get("/inspections").await;
    let card = appeals.select("section.card").join(" ");
    for shown in ["临时市场", "IN1-A-001", "油烟扰民", "6 分", "暂停经营至"] {
        assert!(card.contains(shown), "{shown} in {card}");
    }
    assert_eq!(
        appeals.attrs("input[name=reason]", "id"),
        vec![format!("f-reason-{second}")]
    );
    let r = v.post_json(&path, &json!({"text": "再申诉一次"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "already_appealed");
    let r = admin
        .post_json(
            &format!("/api/v1/inspections/{second}/appeal/decision"),
            &json!({"decision": "cancel", "reason": "核实为邻摊"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["appeal_status"], "cancelled");
    let d = v
        .get(&format!("/api/v1/vendors/{vid}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 8, "the first 6 and the noise's 2 stay: {d}");
    assert_eq!(d["level"], "warning");
    assert!(d.get("suspended_until").is_none());
    // The vendor is told the outcome and that the suspension is over (the last word they had
    // was "suspended until …").
    let notices = v.get("/api/v1/notices").await.json();
    let kinds: Vec<&str> = notices["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[..2], ["suspension", "appeal_cancelled"], "{notices}");
    // Which inspection: the vendor had two that night.
    let decided = notices["items"][1]["text"].as_str().unwrap();
    assert!(
        decided.contains("IN1-A-001") && decided.contains("油烟扰民"),
        "{decided}"
    );
    assert!(
        notices["items"][0]["text"]
            .as_str()
            .unwrap()
            .contains("暂停经营已解除"),
        "{notices}"
    );
    let r = v
        .post_json("/api/v1/applications", &json!({"market_id": next, "from": day(2).to_string(), "to": day(3).to_string(), "category": "服装百货"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // Every step is in the audit log.
    let audited = entity::audit_log::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    for action in ["create", "appeal", "appeal_decision"] {
        assert!(
            audited
                .iter()
                .any(|a| a.entity == "inspection" && a.action == action),
            "no audit row for inspection {action}"
        );
    }
    // The vendor's page shows the points and the rule.
    let page = v.get("/me/conduct").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("6 分"), "{}", page.text());
}

/// Two managers walking the market, or one tapping twice: the vendor's one fault of a night is
/// counted once. Another item that night is recorded; the vendor's notice names the stall and
/// what was found.
#[tokio::test]
async fn an_item_counts_once_a_night_on_a_stall_and_the_notice_names_it() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let (tonight, st) = booked_tonight(&app, &mut admin, "ONC", vid).await;
    let r = inspect(&mut admin, &tonight, st[0], json!([{"code": "noise"}])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let notices = v.get("/api/v1/notices").await.json();
    let text = notices["items"][0]["text"].as_str().unwrap().to_owned();
    assert!(
        text.contains("ONC-A-001") && text.contains("噪音扰民"),
        "{text}"
    );

    let mut second = app.login_as(Role::Admin).await;
    let r = inspect(
        &mut second,
        &tonight,
        st[0],
        json!([{"code": "smoke"}, {"code": "noise"}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "already_recorded");
    assert_eq!(inspections(&app).await, 1, "nothing written");
    let d = v
        .get(&format!("/api/v1/vendors/{vid}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 2, "{d}");
    // Another item the same night is recorded.
    let r = inspect(&mut second, &tonight, st[0], json!([{"code": "smoke"}])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(inspections(&app).await, 2);
}

#[tokio::test]
async fn bad_inspections_and_appeals_get_a_clear_error_and_nothing_is_written() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    let (tonight, st) = booked_tonight(&app, &mut admin, "BAD", vid).await;
    for (items, stall, code, status) in [
        (json!([{"code": "juggling"}]), st[0], "unknown_code", 422),
        (
            json!([{"code": "gas", "points": 2}]),
            st[0],
            "points_not_in_catalogue",
            422,
        ),
        (json!([]), st[0], "items_required", 422),
        (json!([{"code": "noise"}]), st[1], "stall_not_booked", 422),
    ] {
        let r = inspect(&mut admin, &tonight, stall, items.clone()).await;
        assert_eq!(r.status.as_u16(), status, "{items}: {}", r.text());
        assert_eq!(r.error_code(), code, "{items}");
        let msg = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(!msg.is_empty() && !msg.starts_with("night-"), "{msg}");
    }
    // In English too.
    let req = http::Request::builder()
        .method("POST")
        .uri("/api/v1/inspections")
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(axum::body::Body::from(
            json!({"session_id": tonight["id"], "stall_id": st[1], "items": [{"code": "noise"}]})
                .to_string(),
        ))
        .unwrap();
    let r = admin.send(req).await;
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not booked"),
        "{}",
        r.text()
    );
    // A vendor or the bureau may not inspect.
    assert_eq!(
        inspect(&mut v, &tonight, st[0], json!([{"code": "noise"}]))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(inspections(&app).await, 0);

    let id = inspect(&mut admin, &tonight, st[0], json!([{"code": "noise"}]))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    // Someone else's inspection does not exist for another vendor.
    let path = format!("/api/v1/inspections/{id}/appeal");
    assert_eq!(
        other.post_json(&path, &json!({"text": "x"})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        v.post_json(&path, &json!({"text": "  "}))
            .await
            .error_code(),
        "text_required"
    );
    // After 14 days the appeal is closed.
    let row = entity::inspections::Entity::find_by_id(id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut old = row.into_active_model();
    old.created_at = Set(chrono::Utc::now() - chrono::Duration::days(15));
    old.update(app.conn()).await.unwrap();
    let r = v.post_json(&path, &json!({"text": "太晚了"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "appeal_closed");
    let row = entity::inspections::Entity::find_by_id(id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert!(row.appeal_status.is_none() && row.appeal_text.is_none());
    // No appeal: nothing to decide.
    let r = admin
        .post_json(
            &format!("/api/v1/inspections/{id}/appeal/decision"),
            &json!({"decision": "uphold", "reason": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
}

#[tokio::test]
async fn attendance_counts_no_shows_and_warns_before_the_vendor_falls_below_the_rule() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let (tonight, _) = booked_tonight(&app, &mut admin, "ATT", vid).await;
    // The session ends in the past: a no-show.
    let session =
        entity::market_sessions::Entity::find_by_id(tonight["id"].as_i64().unwrap() as i32)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap();
    let market_id = session.market_id;
    let mut s = session.into_active_model();
    s.ends_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    s.update(app.conn()).await.unwrap();
    let c = v
        .get(&format!(
            "/api/v1/vendors/{vid}/attendance?market_id={market_id}"
        ))
        .await
        .json();
    assert_eq!(c["no_shows"], 1, "{c}");
    assert_eq!(c["attendance_rate"], 0.0);
    assert_eq!(c["at_risk"], true);
    let home = v.get("/").await;
    // At 0 % they are below the rule already: told so, not "one more miss takes you below".
    assert!(
        home.text().contains("出勤率已低于本市场要求") && !home.text().contains("再缺席一次"),
        "the vendor is warned on their page, truly: {}",
        home.text()
    );
    // Their conduct page names the night and the stall, so they can say they were there.
    let page = v.get("/me/conduct").await;
    let missed = page.select("details.missed li");
    assert_eq!(missed.len(), 1, "{}", page.text());
    let date = tonight["date"].as_str().unwrap();
    assert!(
        missed[0].contains(date) && missed[0].contains("ATT-A-001"),
        "{missed:?}"
    );
    assert!(page.text().contains("补签到"));
    // Bad dates: a clear 422.
    let r = v
        .get(&format!("/api/v1/vendors/{vid}/attendance?from=2026-13-01"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another vendor's counters are none of theirs.
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    assert_eq!(
        other
            .get(&format!("/api/v1/vendors/{vid}/attendance"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The market's rule is set on its page: 90 % over 30 days.
    let r = admin
        .submit(
            &format!("/markets/{market_id}"),
            &format!("/markets/{market_id}/conduct-rule"),
            &[
                ("min_rate_pct", "90"),
                ("window_days", "30"),
                ("suspension_days", "14"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let c = v
        .get(&format!(
            "/api/v1/vendors/{vid}/attendance?market_id={market_id}"
        ))
        .await
        .json();
    assert_eq!(c["rule"], json!({"min_rate": 0.9, "window_days": 30}));
    let r = admin
        .submit(
            &format!("/markets/{market_id}"),
            &format!("/markets/{market_id}/conduct-rule"),
            &[
                ("min_rate_pct", "150"),
                ("window_days", "30"),
                ("suspension_days", "14"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_suspended_vendor_registering_again_under_a_new_number_is_still_suspended() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let s = site(&app, "NXT").await;
    stalls(&app, s, "NXT", 2).await;
    let next = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let (_, vid) = vendor(&app, "服装百货", None).await;
    let (mut other, other_id) = vendor(&app, "服装百货", None).await;
    let (tonight, st) = booked_tonight(&app, &mut admin, "IN1", vid).await;
    twelve_points(&mut admin, &tonight, st[0]).await;

    // The same person (the same ID number) registers with another mobile number.
    let id_number = entity::vendors::Entity::find_by_id(vid as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .id_number;
    let mut again = app.client();
    let r = again
        .post_json(
            "/api/v1/vendors",
            &json!({"name": "换号摊主", "phone": "13699990001", "password": "vendor-pass-1",
                    "id_number": id_number, "category": "服装百货"}),
        )
        .await;
    // Refused: one person, one vendor account, and told the way back to the first.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "id_number_taken");
    assert_eq!(r.json()["error"]["field"], "id_number");
    assert!(
        entity::users::Entity::find()
            .all(app.conn())
            .await
            .unwrap()
            .iter()
            .all(|u| u.login != "13699990001"),
        "nothing written"
    );
    // Two profiles of one person already in the register (made before that rule) share
    // the person's points.
    let user_id = app.user("13699990001", Role::Vendor, "vendor-pass-1").await;
    let new_id = i64::from(
        entity::vendors::ActiveModel {
            user_id: Set(user_id),
            name: Set("换号摊主".into()),
            phone: Set("13699990001".into()),
            id_number: Set(id_number),
            category: Set("服装百货".into()),
            individual_business: Set(false),
            priority_groups: Set("[]".into()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(app.conn())
        .await
        .unwrap()
        .id,
    );
    again.login("13699990001", "vendor-pass-1").await;
    let d = again
        .get(&format!("/api/v1/vendors/{new_id}/demerits"))
        .await
        .json();
    assert_eq!(
        d["points"], 12,
        "the person's points, not the profile's: {d}"
    );
    assert_eq!(d["level"], "suspended");
    assert_eq!(d["entries"].as_array().unwrap().len(), 3, "{d}");
    assert!(
        d["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["appealable"] == false),
        "appealed only from the profile that was inspected"
    );
    let apply = json!({"market_id": next, "from": day(2).to_string(), "to": day(3).to_string(),
                       "category": "服装百货"});
    let r = again.post_json("/api/v1/applications", &apply).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "vendor_suspended");
    let list = sessions(&mut admin, next, day(1), day(3)).await;
    let stall = entity::stalls::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.site_id == s)
        .unwrap()
        .id;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": list[0]["id"], "stall_id": stall, "vendor_id": new_id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "vendor_suspended");

    // Someone else is untouched.
    let d = other
        .get(&format!("/api/v1/vendors/{other_id}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 0, "{d}");
    let r = other.post_json("/api/v1/applications", &apply).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// The vendor's appeal form refused (no reason given; appealed already): said at the form on
/// the vendor's own page, the words typed kept, never a bare error page with no way back.
#[tokio::test]
async fn a_refused_appeal_form_is_shown_again_with_its_message_and_the_words_typed() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let (tonight, st) = booked_tonight(&app, &mut admin, "APF", vid).await;
    let r = inspect(&mut admin, &tonight, st[0], json!([{"code": "noise"}])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let action = format!("/inspections/{id}/appeal");

    let r = v.submit("/me/conduct", &action, &[("text", "   ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(
        r.select("h1"),
        vec!["我的出勤与扣分".to_owned()],
        "{}",
        r.text()
    );
    assert!(r.text().contains("请写明申诉理由"), "{}", r.text());
    assert_eq!(
        r.select(&format!("form[action='{action}']")).len(),
        1,
        "the form is there to try again"
    );

    let r = v
        .submit("/me/conduct", &action, &[("text", "当晚是隔壁摊位")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // A second tap from another tab: said on the page, not a bare 409.
    let r = v
        .submit("/me/conduct", &action, &[("text", "再说一次")])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert!(
        r.select("p.error").iter().any(|e| e.contains("申诉")),
        "{}",
        r.text()
    );
    assert_eq!(r.select("h1"), vec!["我的出勤与扣分".to_owned()]);
}

/// Suspended: the vendor's stalls of coming nights inside the suspension are released — the
/// vendor told once, naming them, the stall offered to the first in line — and tonight's,
/// already running, stays (the sweep the server runs every minute).
#[tokio::test]
async fn a_suspension_releases_the_vendors_coming_nights_and_offers_the_stalls() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    let s = site(&app, "SRL").await;
    let st = stalls(&app, s, "SRL", 1).await;
    let coming = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let nights = sessions(&mut admin, coming, day(1), day(2)).await;
    let (mut waiting, _) = vendor(&app, "服装百货", None).await;
    decided_application(
        &mut admin,
        &mut waiting,
        (coming, day(1), day(2), "服装百货"),
        "waitlist",
    )
    .await;
    for night in &nights {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": night["id"], "stall_id": st[0], "vendor_id": vid}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let (tonight, here) = booked_tonight(&app, &mut admin, "SRT", vid).await;
    twelve_points(&mut admin, &tonight, here[0]).await;

    let out = nightmarket::bookings::suspended::release(app.conn())
        .await
        .unwrap();
    assert!(!out.is_empty());
    let left: Vec<i32> = entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|b| b.vendor_id == vid as i32)
        .map(|b| b.session_id)
        .collect();
    assert_eq!(
        left,
        vec![tonight["id"].as_i64().unwrap() as i32],
        "only tonight's, already running, stays"
    );
    let notices = v.get("/api/v1/notices").await.json();
    let told: Vec<&Value> = notices["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "suspension_bookings")
        .collect();
    assert_eq!(told.len(), 1, "{notices}");
    assert!(
        told[0]["text"].as_str().unwrap().contains("SRL-A-001"),
        "{notices}"
    );
    // Each released night's stall is offered to the one waiting.
    assert_eq!(waiting.get("/api/v1/offers").await.json()["total"], 2);
    // A second sweep finds nothing to do.
    assert!(
        nightmarket::bookings::suspended::release(app.conn())
            .await
            .unwrap()
            .is_empty()
    );
}
