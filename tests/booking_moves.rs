//! Moving a booking to another stall of its session: the database decides who gets a stall,
//! also when several managers move vendors onto it at once; audited, the vendor told.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use entity::{audit_log, bookings, notices};
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

/// A site with `n` stalls, a market tomorrow, `booked` vendors booked on the first stalls.
async fn setup(app: &TestApp, n: i32, booked: usize) -> (Client, Vec<i32>, Value, Vec<i64>) {
    let s = site(app, "MOV").await;
    let stall_ids = stalls(app, s, "MOV", n).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0].clone();
    let vendors = vendor_rows(app, booked as u32, "服装百货").await;
    let mut ids = Vec::new();
    for (v, stall) in vendors.iter().zip(&stall_ids) {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": session["id"], "stall_id": stall, "vendor_id": v}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    (admin, stall_ids, session, ids)
}

fn to(stall: i32) -> Value {
    json!({"stall_id": stall})
}

#[tokio::test]
async fn a_manager_moves_a_booking_to_a_free_stall_and_the_vendor_is_told() {
    let app = TestApp::new().await;
    let (mut admin, stalls, _, ids) = setup(&app, 4, 2).await;
    let r = admin
        .post_json(&format!("/api/v1/bookings/{}/move", ids[0]), &to(stalls[3]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["stall_id"], stalls[3]);
    assert_eq!(r.json()["stall_code"], "MOV-A-004");
    assert_eq!(stall_of(&app, ids[0]).await, stalls[3]);
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("move"))
        .all(app.conn())
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    let before: Value = serde_json::from_str(audit[0].before.as_deref().unwrap()).unwrap();
    let after: Value = serde_json::from_str(audit[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(
        (before["stall_id"].as_i64(), after["stall_id"].as_i64()),
        (Some(stalls[0] as i64), Some(stalls[3] as i64))
    );
    let told = notices::Entity::find()
        .filter(notices::Column::Kind.eq("booking_moved"))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let text = nightmarket::notices::text(&told, nightmarket::i18n::Lang::Zh);
    assert!(
        text.contains("MOV-A-001") && text.contains("MOV-A-004"),
        "{text}"
    );
}

#[tokio::test]
async fn a_move_onto_a_taken_same_or_disabled_stall_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let (mut admin, stalls, _, ids) = setup(&app, 4, 2).await;
    let path = format!("/api/v1/bookings/{}/move", ids[0]);
    let r = admin.post_json(&path, &to(stalls[1])).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "stall_taken");
    assert_eq!(
        admin.post_json(&path, &to(stalls[0])).await.error_code(),
        "same_stall"
    );
    assert_eq!(
        admin.post_json(&path, &to(999_999)).await.error_code(),
        "unknown_stall"
    );
    let mut stall: entity::stalls::ActiveModel = entity::stalls::Entity::find_by_id(stalls[2])
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .into();
    stall.status = Set("disabled".parse().unwrap());
    stall.update(app.conn()).await.unwrap();
    assert_eq!(
        admin.post_json(&path, &to(stalls[2])).await.error_code(),
        "stall_disabled"
    );
    assert_eq!(stall_of(&app, ids[0]).await, stalls[0]);
    // Vendors learn nothing; the bureau writes nothing; another market's manager may not.
    let mut vendor = app.login_as(Role::Vendor).await;
    assert_eq!(
        vendor.post_json(&path, &to(stalls[3])).await.status,
        StatusCode::NOT_FOUND
    );
    let mut bureau = app.login_as(Role::Bureau).await;
    assert_eq!(
        bureau.post_json(&path, &to(stalls[3])).await.status,
        StatusCode::FORBIDDEN
    );
    let mut manager = app.login_as(Role::Manager).await;
    assert_eq!(
        manager.post_json(&path, &to(stalls[3])).await.status,
        StatusCode::NOT_FOUND
    );
    let moves = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("move"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(moves, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_moves_of_ten_bookings_onto_one_stall_leave_exactly_one_there() {
    let app = TestApp::new().await;
    let (admin, stalls, session, ids) = setup(&app, 11, 10).await;
    let target = stalls[10];
    let mut tasks = Vec::new();
    for id in ids {
        let mut c = admin.clone();
        tasks.push(tokio::spawn(async move {
            let r = c
                .post_json(&format!("/api/v1/bookings/{id}/move"), &to(target))
                .await;
            let code = if r.status == StatusCode::OK {
                String::new()
            } else {
                r.error_code()
            };
            (r.status, code)
        }));
    }
    let mut moved = 0;
    for t in tasks {
        match t.await.unwrap() {
            (StatusCode::OK, _) => moved += 1,
            (StatusCode::CONFLICT, code) => assert_eq!(code, "stall_taken"),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(moved, 1);
    let on_target = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(session["id"].as_i64().unwrap() as i32))
        .filter(bookings::Column::StallId.eq(target))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(on_target, 1);
    let total = bookings::Entity::find().count(app.conn()).await.unwrap();
    assert_eq!(total, 10, "a refused move loses no booking");
}

#[tokio::test]
async fn the_session_page_moves_a_booking_and_shows_categories_in_the_legend() {
    let app = TestApp::new().await;
    let (mut admin, stalls, session, ids) = setup(&app, 3, 1).await;
    let page_path = format!("/sessions/{}", session["id"]);
    let page = admin.get(&page_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select("form.move-booking").len(), 1);
    assert_eq!(page.select("ul.legend.categories li").len(), 1);
    assert!(page.select("ul.legend.categories li")[0].contains("服装百货"));
    // The same form twice: the first moves the booking; the second (a stale page sending it
    // onto the stall it is now on) is refused at the move form with the reason, not on a bare
    // error page, and nothing moves.
    let (booking, target) = (ids[0].to_string(), stalls[2].to_string());
    let form = [
        ("booking_id", booking.as_str()),
        ("stall_id", target.as_str()),
    ];
    let r = admin.submit(&page_path, "/bookings/move", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), page_path);
    assert_eq!(stall_of(&app, ids[0]).await, stalls[2]);
    let r = admin.submit(&page_path, "/bookings/move", &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(
        r.select("form#move p.error-message").len(),
        1,
        "{}",
        r.text()
    );
    assert_eq!(r.select("h1").len(), 1);
    assert_eq!(stall_of(&app, ids[0]).await, stalls[2]);
    // Cancelling without a reason: the reason box says what is missing; nothing cancelled.
    let bookings_path = format!("/api/v1/sessions/{}/bookings", session["id"]);
    let before = admin.get(&bookings_path).await.json()["total"].clone();
    let r = admin
        .submit(
            &page_path,
            &format!("{page_path}/cancel"),
            &[("reason", "  ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.select("form#cancel .error").len(), 1, "{}", r.text());
    assert_eq!(admin.get(&bookings_path).await.json()["total"], before);
}

/// The stall booking `id` is on now.
async fn stall_of(app: &TestApp, id: i64) -> i32 {
    bookings::Entity::find_by_id(id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .stall_id
}

/// The stalls the role table's move rows use: (free stall to move `booking2` to by the API,
/// its own stall to move it back to by the page form).
static ROLE_MOVE: std::sync::OnceLock<(i32, i32)> = std::sync::OnceLock::new();

/// Notes the stalls of the role fixture's two bookings (the first is cancelled by an earlier
/// row, which frees its stall for the move row).
pub async fn role_moves(app: &TestApp, ids: &crate::market_fixtures::RoleIds) {
    let _ = ROLE_MOVE.set((
        stall_of(app, ids.booking).await,
        stall_of(app, ids.booking2).await,
    ));
}

/// Body of the role table's API move row.
pub fn role_move_body(_: u32) -> Value {
    json!({"stall_id": ROLE_MOVE.get().map_or(0, |m| m.0)})
}

/// Body of the role table's page move row (moves `booking2` back).
pub fn role_move_form(_: u32) -> Vec<(String, String)> {
    let ids = crate::market_fixtures::role_ids();
    vec![
        ("booking_id".into(), ids.booking2.to_string()),
        (
            "stall_id".into(),
            ROLE_MOVE.get().map_or(0, |m| m.1).to_string(),
        ),
    ]
}

#[tokio::test]
async fn a_stall_vendors_hold_for_a_coming_night_is_not_taken_out_of_use_until_they_are_moved() {
    let app = TestApp::new().await;
    let (mut admin, stalls, _, ids) = setup(&app, 3, 1).await;
    let path = format!("/api/v1/stalls/{}", stalls[0]);
    let r = admin
        .json(http::Method::PATCH, &path, &json!({"status": "disabled"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "stall_in_use");
    assert!(r.text().contains("MOV-A-001"), "{}", r.text());
    let stall = entity::stalls::Entity::find_by_id(stalls[0])
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stall.status.to_string(), "active", "nothing changed");
    // A free stall goes out of use at once; the held one once its vendor has moved.
    let r = admin
        .json(
            http::Method::PATCH,
            &format!("/api/v1/stalls/{}", stalls[2]),
            &json!({"status": "disabled"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin
        .post_json(&format!("/api/v1/bookings/{}/move", ids[0]), &to(stalls[1]))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin
        .json(http::Method::PATCH, &path, &json!({"status": "disabled"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["status"], "disabled");
}
