//! The session digests behind the reports stay exact: after bookings placed singly and as a
//! range, check-ins, a cancelled booking, a cancelled session and direct edits of booking
//! rows, every digest equals one rebuilt from the raw bookings, and the report's totals equal
//! counts of the raw rows, also when the report was seen before the changes (its entries are
//! kept in memory per session and read again where the revision counters moved).

use crate::market_fixtures::*;
use crate::support::TestApp;
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Each session's digest entries, as stored, sorted.
async fn stored(app: &TestApp) -> BTreeMap<i32, Vec<String>> {
    let rows = app
        .conn()
        .query_all_raw(sea_orm::Statement::from_string(
            app.conn().get_database_backend(),
            "SELECT session_id, entries FROM session_digests",
        ))
        .await
        .unwrap();
    let mut out = BTreeMap::new();
    for r in rows {
        let session: i32 = r.try_get_by_index(0).unwrap();
        let entries: String = r.try_get_by_index(1).unwrap();
        let mut list: Vec<String> = entries
            .split(',')
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect();
        list.sort();
        if !list.is_empty() {
            out.insert(session, list);
        }
    }
    out
}

/// The same, rebuilt from the bookings rows.
async fn recounted(app: &TestApp) -> BTreeMap<i32, Vec<String>> {
    let mut out: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for b in entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
    {
        let application = b
            .application_id
            .map(|a| format!("/{a}"))
            .unwrap_or_default();
        let checked = if b.checked_in_at.is_some() { "+" } else { "" };
        out.entry(b.session_id)
            .or_default()
            .push(format!("{}{application}{checked}", b.vendor_id));
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

#[tokio::test]
async fn digests_equal_a_recount_after_a_mix_of_booking_changes() {
    let app = TestApp::new().await;
    let s = site(&app, "DGT").await;
    let st = stalls(&app, s, "DGT", 4).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, now) = running_market(&mut admin, s).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let later = sessions(&mut admin, m, day(1), day(3)).await;
    let vs = vendor_rows(&app, 4, "服装百货").await;
    let mut ids = Vec::new();
    for (i, v) in vs.iter().enumerate() {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": now["id"], "stall_id": st[i], "vendor_id": v}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        ids.push(r.json()["id"].clone());
    }
    // A range over the three later sessions, and a second vendor on the last one.
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": later[0]["id"], "stall_id": st[0], "vendor_id": vs[0],
                    "until": day(3).to_string()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": later[2]["id"], "stall_id": st[1], "vendor_id": vs[1]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    for id in &ids[..3] {
        let r = admin
            .call(Method::POST, &format!("/api/v1/bookings/{id}/check-in"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    assert_eq!(stored(&app).await, recounted(&app).await);
    // The report seen once now: the process keeps each session's entries, and must read
    // again exactly those the changes below touch.
    let mut bureau = app.login_as(Role::Bureau).await;
    let report = format!(
        "/api/v1/reports/occupancy?from={}&to={}&group_by=day",
        day(-1),
        day(3)
    );
    let r = bureau.get(&report).await;
    assert_eq!(
        r.json()["totals"]["booked"].as_u64(),
        Some(8),
        "{}",
        r.text()
    );
    assert_eq!(r.json()["totals"]["checked_in"].as_u64(), Some(3));

    let r = admin
        .call(Method::DELETE, &format!("/api/v1/bookings/{}", ids[3]))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let r = admin
        .post_json(
            &format!("/api/v1/sessions/{}/cancel", later[1]["id"]),
            &json!({"reason": "大风"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // Edits no handler makes today, straight in SQL: undo a check-in, move a booking to
    // another session.
    let first = entity::bookings::Entity::find()
        .order_by_asc(entity::bookings::Column::Id)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    for sql in [
        format!(
            "UPDATE bookings SET checked_in_at = NULL WHERE id = {}",
            first.id
        ),
        format!(
            "UPDATE bookings SET session_id = {}, stall_id = {} WHERE id = {}",
            later[2]["id"], st[3], ids[2]
        ),
    ] {
        app.conn().execute_unprepared(&sql).await.unwrap();
    }
    let stored_now = stored(&app).await;
    assert_eq!(stored_now, recounted(&app).await);
    assert!(!stored_now.is_empty());

    // The report over the whole period counts exactly the raw rows of scheduled sessions.
    let scheduled: HashMap<i32, bool> = entity::market_sessions::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.status.as_str() == "scheduled"))
        .collect();
    let live: Vec<_> = entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|b| scheduled.get(&b.session_id) == Some(&true))
        .collect();
    let checked = live.iter().filter(|b| b.checked_in_at.is_some()).count();
    let vendors: BTreeSet<i32> = live.iter().map(|b| b.vendor_id).collect();
    let r = bureau.get(&report).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let t = &r.json()["totals"];
    assert_eq!(t["booked"].as_u64(), Some(live.len() as u64), "{t}");
    assert_eq!(t["checked_in"].as_u64(), Some(checked as u64), "{t}");
    assert_eq!(t["vendors"].as_u64(), Some(vendors.len() as u64), "{t}");
}
