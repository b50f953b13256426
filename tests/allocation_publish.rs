//! Publishing an allocation: every vendor is told what they won or their place on the
//! waitlist; a large run goes in with multi-row inserts, each booking audited; a booking the
//! database refuses in a later chunk undoes the whole publish with the usual 409.

use crate::allocation::{approved_application, fixture, live_bookings, run, stored};
use crate::market_fixtures::vendor;
use crate::support::TestApp;
use http::{HeaderValue, StatusCode, header};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

async fn notices_of(app: &TestApp, vendor: i64) -> Vec<entity::notices::Model> {
    let v = entity::vendors::Entity::find_by_id(vendor as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    entity::notices::Entity::find()
        .filter(entity::notices::Column::UserId.eq(v.user_id))
        .filter(entity::notices::Column::Kind.eq("allocation_result"))
        .all(app.conn())
        .await
        .unwrap()
}

/// Rows in one table.
macro_rules! count {
    ($app:expr, $table:ident) => {
        entity::$table::Entity::find()
            .count($app.conn())
            .await
            .unwrap()
    };
}

async fn audited_bookings(app: &TestApp) -> Vec<i32> {
    let mut ids: Vec<i32> = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("booking"))
        .filter(entity::audit_log::Column::Action.eq("create"))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| r.entity_id)
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn publishing_tells_each_vendor_what_they_won_or_their_place_on_the_waitlist() {
    let app = TestApp::new().await;
    // Two stalls, three nights, five vendors: some win, some wait.
    let mut f = fixture(&app, "ALN", 2, 4).await;
    let (mut own, me) = vendor(&app, "服装百货", None).await;
    approved_application(&app, me, f.market).await;
    let id = run(&mut f.admin, f.market, "notices-2026").await["id"]
        .as_i64()
        .unwrap();
    assert!(
        notices_of(&app, me).await.is_empty(),
        "a draft tells no one"
    );
    let r = f
        .admin
        .post_json(&format!("/api/v1/allocations/{id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());

    let result: Value = serde_json::from_str(&stored(&app, id).await.result).unwrap();
    let codes: Vec<String> = entity::stalls::Entity::find()
        .filter(entity::stalls::Column::Id.is_in(f.stalls.clone()))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.code)
        .collect();
    let mut vendors = f.vendors.clone();
    vendors.push(me);
    let mut waiting_someone = false;
    for v in vendors {
        let notices = notices_of(&app, v).await;
        assert_eq!(notices.len(), 1, "vendor {v}: exactly one notice");
        // Stored as a message; worded in the reader's language when read.
        let text = &nightmarket::notices::text(&notices[0], nightmarket::i18n::Lang::Zh);
        let won: Vec<&Value> = result["bookings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["vendor_id"] == v)
            .collect();
        if won.is_empty() {
            assert!(text.contains("本次未获安排摊位"), "{text}");
        } else {
            assert!(text.contains(&format!("您获得 {} 场", won.len())), "{text}");
            let named = codes.iter().filter(|c| text.contains(c.as_str())).count();
            assert!(named >= 1, "the stall codes are named: {text}");
        }
        if won.len() < 3 {
            waiting_someone = true;
            assert!(text.contains("候补名单"), "{text}");
            assert!(
                text.contains(" 第 1 位") || text.contains(" 第 2 位") || text.contains(" 第 3 位"),
                "{text}"
            );
        } else {
            assert!(!text.contains("候补"), "{text}");
        }
    }
    assert!(
        waiting_someone,
        "five vendors for two stalls: someone waits"
    );

    // The vendor reads it in the inbox, in the language asked for.
    let inbox = own.get("/api/v1/notices").await;
    assert_eq!(inbox.status, StatusCode::OK);
    let items = inbox.json()["items"].as_array().unwrap().clone();
    assert!(
        items.iter().any(|n| n["kind"] == "allocation_result"
            && n["text"].as_str().unwrap().contains("摊位分配"))
    );
    own.headers
        .insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("en"));
    let items = own.get("/api/v1/notices").await.json()["items"].clone();
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"].as_str().unwrap().contains("stall allocation")),
        "{items}"
    );
}

#[tokio::test]
async fn a_large_publish_inserts_in_chunks_and_a_refused_row_in_a_late_chunk_undoes_it_all() {
    let app = TestApp::new().await;
    // 360 stalls × 3 nights: 1,080 bookings, more than one chunk of 1,000.
    let mut f = fixture(&app, "ALK", 360, 365).await;
    let id = run(&mut f.admin, f.market, "county-fair").await["id"]
        .as_i64()
        .unwrap();
    let original = stored(&app, id).await;
    let mut result: Value = serde_json::from_str(&original.result).unwrap();
    let bookings = result["bookings"].as_array().unwrap().clone();
    assert_eq!(bookings.len(), 1080, "every stall every night");

    // A row at the very end, in the second chunk, wants a stall someone already has. The
    // database refuses it only after the first 1,000 rows went in.
    let first = &bookings[0];
    let other = bookings
        .iter()
        .find(|b| b["session_id"] != first["session_id"])
        .unwrap();
    result["bookings"].as_array_mut().unwrap().push(json!({
        "session_id": first["session_id"], "stall_id": first["stall_id"],
        "vendor_id": other["vendor_id"], "application_id": other["application_id"],
    }));
    let mut tampered: entity::allocation_runs::ActiveModel = original.clone().into();
    tampered.result = Set(result.to_string());
    tampered.update(app.conn()).await.unwrap();
    let audit_before = count!(app, audit_log);

    let path = format!("/api/v1/allocations/{id}/publish");
    let r = f.admin.post_json(&path, &json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "stall_taken");
    assert_eq!(
        r.json()["error"]["message"],
        "该摊位在本场次已被安排给其他摊主。"
    );
    assert_eq!(
        live_bookings(&app).await,
        0,
        "the first chunk is undone too"
    );
    assert_eq!(count!(app, allocation_waitlist), 0);
    assert_eq!(count!(app, notices), 0);
    assert_eq!(count!(app, audit_log), audit_before);
    assert_eq!(stored(&app, id).await.status.as_str(), "draft");

    // The true result publishes whole: every booking, each with its audit row, a chain that
    // still verifies, the five left over queued, every vendor told.
    let mut restored: entity::allocation_runs::ActiveModel = stored(&app, id).await.into();
    restored.result = Set(original.result.clone());
    restored.update(app.conn()).await.unwrap();
    let r = f.admin.post_json(&path, &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["bookings"], 1080);
    assert_eq!(live_bookings(&app).await, 1080);
    let mut ids: Vec<i32> = entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.id)
        .collect();
    ids.sort_unstable();
    assert_eq!(
        audited_bookings(&app).await,
        ids,
        "one audit row per booking"
    );
    assert_eq!(
        nightmarket::audit::verify(app.conn()).await.unwrap(),
        None,
        "the audit chain holds"
    );
    assert_eq!(count!(app, allocation_waitlist), 15);
    assert_eq!(count!(app, notices), 365);
    assert_eq!(f.applications.len(), 365);
}

/// The vendors' sessions in the database, as (vendor, session) pairs.
async fn booked_pairs(app: &TestApp) -> Vec<(i32, i32)> {
    let mut pairs: Vec<(i32, i32)> = entity::bookings::Entity::find()
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|b| (b.vendor_id, b.session_id))
        .collect();
    pairs.sort_unstable();
    pairs
}

#[tokio::test]
async fn a_run_never_puts_a_vendor_in_two_places_at_the_same_hours() {
    use crate::market_fixtures::{day, market, sessions, site, stalls};
    let app = TestApp::new().await;
    // Market 1 holds three vendors 18:00–22:30 on days 1–3, published.
    let mut f = fixture(&app, "MOA", 4, 3).await;
    let first = run(&mut f.admin, f.market, "one").await;
    let r = f
        .admin
        .post_json(
            &format!("/api/v1/allocations/{}/publish", first["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let before = booked_pairs(&app).await;
    assert_eq!(before.len(), 9);

    // A mobile market visits two other sites at overlapping hours every evening; the same
    // three vendors and a fourth applied to it.
    let (b, c) = (site(&app, "MOB").await, site(&app, "MOC").await);
    stalls(&app, b, "MOB", 4).await;
    stalls(&app, c, "MOC", 4).await;
    let mobile = market(
        &mut f.admin,
        &json!({
            "name": "流动夜市", "kind": "mobile",
            "segments": [{"name": "晚", "start": "19:00", "end": "21:00"}],
            "schedule": [
                {"site_id": b, "segment": "晚", "weekdays": [1,2,3,4,5,6,7],
                 "from": day(1).to_string(), "to": day(3).to_string()},
                {"site_id": c, "segment": "晚", "weekdays": [1,2,3,4,5,6,7],
                 "from": day(1).to_string(), "to": day(3).to_string()}],
        }),
    )
    .await;
    let fourth = crate::market_fixtures::vendor_rows(&app, 1, "服装百货").await[0];
    for v in f.vendors.iter().chain([&fourth]) {
        approved_application(&app, *v, mobile).await;
    }
    let draft = run(&mut f.admin, mobile, "two").await;
    let view = f
        .admin
        .get(&format!("/api/v1/allocations/{}", draft["id"]))
        .await
        .json();
    // The three are busy at market 1 every evening; the fourth is placed once a night.
    let placed: Vec<&Value> = view["bookings"].as_array().unwrap().iter().collect();
    assert_eq!(placed.len(), 3, "{view}");
    assert!(placed.iter().all(|p| p["vendor_id"] == fourth), "{view}");
    let mine = sessions(&mut f.admin, mobile, day(1), day(3)).await;
    let date_of = |id: &Value| {
        mine.iter()
            .find(|s| &s["id"] == id)
            .map(|s| s["date"].clone())
    };
    let mut dates: Vec<_> = placed.iter().map(|p| date_of(&p["session_id"])).collect();
    dates.dedup();
    assert_eq!(dates.len(), 3, "one evening each: {view}");
    for e in view["explanations"].as_array().unwrap() {
        if e["vendor_id"] != fourth {
            assert_eq!(e["reasons"], json!(["busy_elsewhere"]), "{e}");
        }
    }
    let page = f
        .admin
        .get(&format!("/allocations/{}", draft["id"]))
        .await
        .text();
    assert!(page.contains("同一时间已在别处有摊位"), "{page}");

    let r = f
        .admin
        .post_json(
            &format!("/api/v1/allocations/{}/publish", draft["id"]),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(booked_pairs(&app).await.len(), 12);
    let waiting = entity::allocation_waitlist::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(
        waiting, 0,
        "no place in a queue for an evening spent elsewhere"
    );
}

/// The trade mix the run set holds for the stalls freed later: a waiting vendor of a trade at
/// its maximum share is not offered a freed stall (accepting would take the trade past it);
/// once that trade frees a stall of its own, they are.
#[tokio::test]
async fn a_freed_stall_is_not_offered_to_a_trade_already_at_its_maximum_share() {
    use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor_rows};
    let app = TestApp::new().await;
    let s = site(&app, "MIX").await;
    stalls(&app, s, "MIX", 4).await;
    let mut admin = app.login_as(nightmarket::identity::Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let night = sessions(&mut admin, m, day(1), day(1)).await[0]["id"]
        .as_i64()
        .unwrap();
    let clothing = vendor_rows(&app, 4, "服装百货").await;
    let farm = vendor_rows(&app, 2, "农副产品").await;
    for v in &clothing {
        approved_application(&app, *v, m).await;
    }
    for v in &farm {
        let id = approved_application(&app, *v, m).await;
        let row = entity::applications::Entity::find_by_id(id)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap();
        let mut row: entity::applications::ActiveModel = row.into();
        row.category = Set("农副产品".into());
        row.update(app.conn()).await.unwrap();
    }
    // Clothing may hold half the four stalls.
    let r = admin
        .post_json(
            &format!("/api/v1/markets/{m}/allocations"),
            &json!({"from": day(1).to_string(), "to": day(1).to_string(), "seed": "mix",
                    "policy": {"category_max_share": {"服装百货": 0.5}}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let run_id = r.json()["id"].as_i64().unwrap();
    let r = admin
        .post_json(&format!("/api/v1/allocations/{run_id}/publish"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let booked = admin
        .get(&format!("/api/v1/sessions/{night}/bookings"))
        .await
        .json();
    let items = booked["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 4, "{booked}");
    let waiting: Vec<i64> = clothing
        .iter()
        .copied()
        .filter(|c| !items.iter().any(|b| b["vendor_id"] == *c))
        .collect();
    assert_eq!(waiting.len(), 2, "two clothing vendors wait");
    let offers_to = |vendors: Vec<i64>| {
        let db = app.conn().clone();
        async move {
            entity::offers::Entity::find()
                .filter(
                    entity::offers::Column::VendorId
                        .is_in(vendors.iter().map(|v| *v as i32).collect::<Vec<_>>()),
                )
                .count(&db)
                .await
                .unwrap()
        }
    };
    let cancel = |trade: &[i64], nth: usize| {
        items
            .iter()
            .filter(|b| trade.contains(&b["vendor_id"].as_i64().unwrap()))
            .nth(nth)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let r = admin
        .call(
            http::Method::DELETE,
            &format!("/api/v1/bookings/{}", cancel(&farm, 0)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(
        offers_to(waiting.clone()).await,
        0,
        "clothing is at its half"
    );
    let r = admin
        .call(
            http::Method::DELETE,
            &format!("/api/v1/bookings/{}", cancel(&clothing, 0)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(
        offers_to(waiting.clone()).await,
        1,
        "room for one clothing vendor again"
    );
    // One clothing stall booked and one on offer make the half: the next farm stall freed
    // is not offered to the second clothing vendor waiting.
    let r = admin
        .call(
            http::Method::DELETE,
            &format!("/api/v1/bookings/{}", cancel(&farm, 1)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(offers_to(waiting).await, 1, "a stall on offer counts");
}
