//! Withdrawing an application releases what it holds: its bookings in sessions not yet started
//! (offered to the waiting list at once), its open waitlist offers (passed to the next in line);
//! a night already held stays in the record.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use entity::booking_history::CancelReason;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

async fn waitlisted(app: &TestApp, admin: &mut Client, market: i64) -> (Client, i64, i64) {
    let (mut c, id) = vendor(app, "服装百货", None).await;
    let application = decided_application(
        admin,
        &mut c,
        (market, day(1), day(3), "服装百货"),
        "waitlist",
    )
    .await;
    (c, id, application)
}

async fn book(admin: &mut Client, session: &Value, stall: i32, vendor: i64) -> i64 {
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session["id"], "stall_id": stall, "vendor_id": vendor}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

async fn live_booking_ids(app: &TestApp) -> Vec<i64> {
    let mut ids: Vec<i64> = entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|b| i64::from(b.id))
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn withdrawing_an_approved_application_releases_its_coming_nights_to_the_waiting_list() {
    let app = TestApp::new().await;
    let s = site(&app, "WDR").await;
    let st = stalls(&app, s, "WDR", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let application =
        approved_application(&mut admin, &mut owner, m, day(1), day(3), "服装百货").await;
    let held: Vec<i64> = {
        let mut v = Vec::new();
        for session in &list {
            v.push(book(&mut admin, session, st[0], owner_id).await);
        }
        v
    };
    // The first night is over: it stays in the record whatever happens next.
    move_into_past(&app, list[0]["id"].as_i64().unwrap()).await;
    let (mut next, _, _) = waitlisted(&app, &mut admin, m).await;

    let r = owner
        .call(
            http::Method::DELETE,
            &format!("/api/v1/applications/{application}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());

    assert_eq!(live_booking_ids(&app).await, vec![held[0]]);
    let history = entity::booking_history::Entity::find()
        .filter(entity::booking_history::Column::ApplicationId.eq(application as i32))
        .all(app.conn())
        .await
        .unwrap();
    let mut released: Vec<i64> = history.iter().map(|h| i64::from(h.booking_id)).collect();
    released.sort();
    assert_eq!(released, held[1..].to_vec());
    assert!(history.iter().all(|h| h.reason == CancelReason::ByVendor));
    // Each freed night is offered to the first in line at once.
    let offers = next.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 2, "{offers}");
    let mut offered: Vec<i64> = offers["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["session_id"].as_i64().unwrap())
        .collect();
    offered.sort();
    let coming: Vec<i64> = list[1..]
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(offered, coming);
    // Withdrawing twice changes nothing more.
    let r = owner
        .call(
            http::Method::DELETE,
            &format!("/api/v1/applications/{application}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(live_booking_ids(&app).await, vec![held[0]]);
}

#[tokio::test]
async fn a_withdrawn_waitlisted_application_passes_its_open_offer_to_the_next_in_line() {
    let app = TestApp::new().await;
    let s = site(&app, "WDO").await;
    let st = stalls(&app, s, "WDO", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let list = sessions(&mut admin, m, day(1), day(3)).await;
    let (_, owner_id) = vendor(&app, "服装百货", None).await;
    let booking = book(&mut admin, &list[0], st[0], owner_id).await;
    let (mut first, _, first_application) = waitlisted(&app, &mut admin, m).await;
    let (mut second, _, _) = waitlisted(&app, &mut admin, m).await;
    let r = admin
        .call(http::Method::DELETE, &format!("/api/v1/bookings/{booking}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let offered = first.get("/api/v1/offers").await.json();
    assert_eq!(offered["items"][0]["status"], "pending", "{offered}");

    // Through the page, as a vendor on a phone would.
    let page = format!("/applications/{first_application}");
    let r = first.submit(&page, &format!("{page}/withdraw"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let shown = first.get(&page).await;
    assert_eq!(shown.select("p.flash"), vec!["✓ 申请已撤回。"]);
    // A second tap: the same answer, not an error page.
    let r = first.submit(&page, &format!("{page}/withdraw"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), page);

    let offered = first.get("/api/v1/offers").await.json();
    assert_eq!(offered["items"][0]["status"], "declined", "{offered}");
    let passed = second.get("/api/v1/offers").await.json();
    assert_eq!(passed["total"], 1, "{passed}");
    assert_eq!(passed["items"][0]["status"], "pending");
    assert_eq!(passed["items"][0]["stall_id"], st[0]);
}

#[tokio::test]
async fn the_withdraw_button_of_an_approved_application_says_its_stalls_go_and_then_that_they_went()
{
    let app = TestApp::new().await;
    let s = site(&app, "WDP").await;
    let st = stalls(&app, s, "WDP", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let list = sessions(&mut admin, m, day(1), day(2)).await;
    let (mut owner, owner_id) = vendor(&app, "服装百货", None).await;
    let application =
        approved_application(&mut admin, &mut owner, m, day(1), day(2), "服装百货").await;
    book(&mut admin, &list[0], st[0], owner_id).await;
    let page = format!("/applications/{application}");
    let shown = owner.get(&page).await;
    assert_eq!(
        shown.select("form[action$='/withdraw'] p.hint"),
        vec!["撤回后，尚未开始的场次中为本申请分配的摊位将被释放，转给候补摊主。"]
    );
    // Two steps: the button is inside a fold that names what withdrawing does.
    assert_eq!(shown.select("details.withdraw summary"), vec!["撤回申请"]);
    assert_eq!(
        shown.select("details.withdraw form[action$='/withdraw'] button"),
        vec!["确认撤回"]
    );
    let r = owner.submit(&page, &format!("{page}/withdraw"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let shown = owner.get(&page).await;
    assert_eq!(
        shown.select("p.flash"),
        vec!["✓ 申请已撤回，尚未开始的场次中为您分配的摊位已释放。"]
    );
    assert!(live_booking_ids(&app).await.is_empty());
}

#[tokio::test]
async fn a_standard_category_reads_in_the_pages_language_and_a_markets_own_as_written() {
    let app = TestApp::new().await;
    let s = site(&app, "CAT").await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let (mut owner, _) = vendor(&app, "服装百货", None).await;
    let application =
        approved_application(&mut admin, &mut owner, m, day(1), day(2), "服装百货").await;
    let page = format!("/applications/{application}");
    assert!(owner.get(&page).await.text().contains("服装百货"));
    owner
        .headers
        .insert(http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    for path in [page.as_str(), "/applications", "/me/profile", "/"] {
        let text = owner.get(path).await.text();
        assert!(text.contains("Clothing and goods"), "{path}: {text}");
        assert!(!text.contains("服装百货"), "{path}: {text}");
    }
}
