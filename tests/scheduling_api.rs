//! Scheduling through the API (issue 17): markets with several segments and a rota, the
//! preview, edits that respect bookings, closures, the next season, one timeline per pavement.

use crate::market_fixtures::{day, sessions};
use crate::scheduling_fixtures::{
    audited, book, footprint, market_body, notices_of_vendor, two_sites,
};
use crate::support::TestApp;
use chrono::Datelike;
use http::{Method, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

fn d(n: i64) -> String {
    day(n).to_string()
}

#[tokio::test]
async fn a_mobile_market_with_two_segments_runs_on_each_site_on_its_weekdays() {
    let app = TestApp::new().await;
    let (mut m, a, b, _, _) = two_sites(&app, "MOB").await;
    let body = market_body(
        "流动夜市",
        "mobile",
        json!([{"name": "早市", "start": "06:00", "end": "09:00"}, {"name": "夜市", "start": "18:00", "end": "22:30"}]),
        json!([
            {"site_id": a, "segment": "夜市", "weekdays": [5], "from": d(1), "to": d(28)},
            {"site_id": b, "segment": "夜市", "weekdays": [6], "from": d(1), "to": d(28)},
            {"site_id": a, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(7)},
        ]),
    );
    let r = m.post_json("/api/v1/markets/preview", &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let preview = r.json();
    assert_eq!(preview["sessions"], 4 + 4 + 7, "{preview}");
    assert!(preview["conflicts"].as_array().unwrap().is_empty());
    let r = m.post_json("/api/v1/markets", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let all = sessions(&mut m, id, day(1), day(28)).await;
    assert_eq!(all.len(), 15);
    for s in &all {
        let date =
            chrono::NaiveDate::parse_from_str(s["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        if s["segment"] == "夜市" && s["site_id"] == a {
            assert_eq!(date.weekday(), chrono::Weekday::Fri);
        }
        if s["site_id"] == b {
            assert_eq!(date.weekday(), chrono::Weekday::Sat);
        }
    }
    // The rota can be read back, with row ids.
    let rows = m
        .get(&format!("/api/v1/markets/{id}/schedule"))
        .await
        .json();
    assert_eq!(rows["total"], 3);
}

#[tokio::test]
async fn the_preview_names_every_conflict_and_writes_nothing_and_creating_anyway_is_a_named_409() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "PRV").await;
    let night = market_body(
        "财富广场夜市",
        "fixed",
        json!([{"name": "夜市", "start": "18:00", "end": "22:30"}]),
        json!([{"site_id": a, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(10)}]),
    );
    let r = m.post_json("/api/v1/markets", &night).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let late = market_body(
        "深夜集市",
        "fixed",
        json!([{"name": "深夜", "start": "22:00", "end": "01:00"}]),
        json!([{"site_id": a, "segment": "深夜", "weekdays": [6], "from": d(1), "to": d(10)}]),
    );
    let before = footprint(&app).await;
    let r = m.post_json("/api/v1/markets/preview", &late).await;
    assert_eq!(r.status, StatusCode::OK);
    let conflicts = r.json()["conflicts"].as_array().unwrap().clone();
    assert!(!conflicts.is_empty());
    assert!(
        conflicts
            .iter()
            .all(|c| c["other_market_name"] == "财富广场夜市" && c["other_segment"] == "夜市")
    );
    assert_eq!(footprint(&app).await, before, "a preview writes nothing");
    let r = m.post_json("/api/v1/markets", &late).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "session_overlap");
    let msg = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        msg.contains("财富广场夜市") && msg.contains("18:00–22:30"),
        "{msg}"
    );
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn a_market_is_renamed_its_categories_and_self_selection_changed_and_each_edit_audited() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "PAT").await;
    let id = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(3)),
    )
    .await;
    let r = m
        .json(
            Method::PATCH,
            &format!("/api/v1/markets/{id}"),
            &json!({"name": "文昌路冬季夜市", "self_select": true,
            "categories": [{"name": "小吃餐饮", "food": true}, {"name": "冬季用品"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let list = m.get("/api/v1/markets").await.json();
    let me = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(me["name"], "文昌路冬季夜市");
    assert_eq!(me["self_select"], true);
    let cats = nightmarket::markets::queries::categories_of(app.conn(), id as i32)
        .await
        .unwrap();
    assert_eq!(
        cats.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["小吃餐饮", "冬季用品"]
    );
    assert_eq!(audited(&app, id, "update").await, 1);
    let r = m
        .json(
            Method::PATCH,
            &format!("/api/v1/markets/{id}"),
            &json!({"name": "  "}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "name");
}

#[tokio::test]
async fn a_schedule_row_adds_sessions_and_one_that_overlaps_another_market_is_refused_naming_it() {
    let app = TestApp::new().await;
    let (mut m, a, b, _, _) = two_sites(&app, "ROW").await;
    let other = market_body(
        "财富广场早市",
        "fixed",
        json!([{"name": "早市", "start": "06:00", "end": "09:00"}]),
        json!([{"site_id": b, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(14)}]),
    );
    m.post_json("/api/v1/markets", &other).await;
    let mobile = market_body(
        "流动夜市",
        "mobile",
        json!([{"name": "夜市", "start": "18:00", "end": "22:30"}, {"name": "晨市", "start": "07:00", "end": "08:00"}]),
        json!([{"site_id": a, "segment": "夜市", "weekdays": [5], "from": d(1), "to": d(14)}]),
    );
    let id = crate::market_fixtures::market(&mut m, &mobile).await;
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/schedule"),
            &json!({"site_id": b, "segment": "夜市", "weekdays": [6], "from": d(1), "to": d(14)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["sessions_created"], 2);
    assert_eq!(audited(&app, id, "schedule_add").await, 1);
    let before = footprint(&app).await;
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/schedule"),
            &json!({"site_id": b, "segment": "晨市", "weekdays": [1], "from": d(1), "to": d(14)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "session_overlap");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("财富广场早市")
    );
    assert_eq!(footprint(&app).await, before);
}

#[tokio::test]
async fn winter_hours_from_a_date_need_confirmation_when_booked_then_move_future_sessions_and_tell_vendors()
 {
    let app = TestApp::new().await;
    let (mut m, a, _, sa, _) = two_sites(&app, "HRS").await;
    let id = crate::market_fixtures::market_begun(
        &app,
        &mut m,
        &crate::market_fixtures::night_market(a, day(-2), day(6)),
    )
    .await;
    let list = sessions(&mut m, id, day(-2), day(6)).await;
    let past = list[0].clone();
    let booked = list.iter().find(|s| s["date"] == d(4)).unwrap().clone();
    let vendors = book(&app, &mut m, booked["id"].as_i64().unwrap(), &sa, 2).await;
    let url = format!("/api/v1/markets/{id}/segments/夜市/hours");
    let change = json!({"start": "17:00", "end": "21:00", "from": d(3)});
    let r = m.post_json(&url, &change).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "confirmation_required");
    let e = r.json()["error"].clone();
    assert_eq!(
        (
            e["sessions_changed"].as_u64(),
            e["bookings_affected"].as_u64(),
            e["vendors_affected"].as_u64()
        ),
        (Some(4), Some(2), Some(2))
    );
    assert_eq!(
        sessions(&mut m, id, day(3), day(3)).await[0]["start"],
        "18:00",
        "nothing changed"
    );
    let mut confirmed = change.clone();
    confirmed["confirm"] = json!(true);
    let r = m.post_json(&url, &confirmed).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["sessions_changed"], 4);
    assert_eq!(r.json()["bookings_affected"], 2);
    let after = sessions(&mut m, id, day(-2), day(6)).await;
    for s in &after {
        let date = s["date"].as_str().unwrap().to_owned();
        let expect = if date >= d(3) {
            ("17:00", "21:00")
        } else {
            ("18:00", "22:30")
        };
        assert_eq!(
            (s["start"].as_str().unwrap(), s["end"].as_str().unwrap()),
            expect,
            "{date}"
        );
    }
    assert_eq!(after[0]["id"], past["id"]);
    assert_eq!(
        after.iter().find(|s| s["id"] == booked["id"]).unwrap()["stalls_booked"],
        2,
        "bookings stay"
    );
    for v in vendors {
        let n = notices_of_vendor(&app, v).await;
        assert!(
            n.iter().any(|x| x.kind == "hours_changed"),
            "vendor {v} was told"
        );
    }
    assert_eq!(audited(&app, id, "hours_change").await, 1);
    // The public list shows tonight's hours, and the new ones with the date they start.
    let page = app.client().get("/markets").await;
    let doc = page.html();
    let cards = scraper::Selector::parse("ul.cards li").unwrap();
    let card: String = doc
        .select(&cards)
        .find(|li| li.html().contains(&format!("href=\"/markets/{id}\"")))
        .map(|li| li.text().collect())
        .expect("the market's card");
    assert!(
        card.contains(&format!("夜市 18:00–22:30 ({} 起 17:00–21:00)", d(3))),
        "{card}"
    );
    // The first night of the new hours called off (rain): they still start on that date, as
    // the vendors were told, not on the next night held.
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/closures"),
            &json!({"from": d(3), "to": d(3), "reason": "降雨"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let page = app.client().get("/markets").await;
    assert!(
        page.text()
            .contains(&format!("夜市 18:00–22:30 ({} 起 17:00–21:00)", d(3))),
        "{}",
        page.text()
    );
}

#[tokio::test]
async fn new_hours_that_would_overlap_another_market_are_refused_naming_its_session() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "HOV").await;
    let night = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(5)),
    )
    .await;
    let morning = market_body(
        "财富广场早市",
        "fixed",
        json!([{"name": "早市", "start": "06:00", "end": "09:00"}]),
        json!([{"site_id": a, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(5)}]),
    );
    crate::market_fixtures::market(&mut m, &morning).await;
    let r = m
        .post_json(
            &format!("/api/v1/markets/{night}/segments/夜市/hours"),
            &json!({"start": "18:00", "end": "07:00", "from": d(2)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "session_overlap");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("财富广场早市")
    );
}

#[tokio::test]
async fn a_closure_cancels_its_sessions_tells_booked_vendors_and_shows_on_the_schedule_and_open_now()
 {
    let app = TestApp::new().await;
    let (mut m, a, b, sa, _) = two_sites(&app, "CLO").await;
    let body = market_body(
        "流动夜市",
        "mobile",
        json!([{"name": "早市", "start": "06:00", "end": "09:00"}, {"name": "夜市", "start": "18:00", "end": "23:00"}]),
        json!([{"site_id": a, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7], "from": d(0), "to": d(9)},
               {"site_id": a, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(9)},
               {"site_id": b, "segment": "夜市", "weekdays": [1,2,3,4,5,6,7], "from": d(10), "to": d(12)}]),
    );
    let id = crate::market_fixtures::market_begun(&app, &mut m, &body).await;
    let list = sessions(&mut m, id, day(0), day(9)).await;
    let target = list
        .iter()
        .find(|s| s["date"] == d(2) && s["segment"] == "夜市")
        .unwrap()
        .clone();
    let vendors = book(&app, &mut m, target["id"].as_i64().unwrap(), &sa, 2).await;
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/closures"),
            &json!({"from": d(1), "to": d(3), "reason": "大风天气", "segments": ["夜市"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["sessions_cancelled"], 3);
    assert_eq!(r.json()["vendors_notified"], 2);
    // Sent twice: the first closure stands, nothing is closed twice.
    let again = m
        .post_json(
            &format!("/api/v1/markets/{id}/closures"),
            &json!({"from": d(1), "to": d(3), "reason": "大风天气", "segments": ["夜市"]}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(again.json()["sessions_cancelled"], 0);
    let stored = entity::market_closures::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let after = sessions(&mut m, id, day(1), day(3)).await;
    for s in &after {
        let closed = s["segment"] == "夜市";
        assert_eq!(
            s["status"],
            if closed { "cancelled" } else { "scheduled" },
            "{s}"
        );
        if closed {
            assert_eq!(s["cancel_reason"], "大风天气");
            assert_eq!(s["stalls_booked"], 0);
        }
    }
    // The vendor is told which part closed: the morning market of those days still runs.
    let told = crate::market_fixtures::notice_texts(&app, vendors[0], "sessions_cancelled").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains(&format!("{} – {} 在夜市停市", d(1), d(3)))
            && told[0].contains("其他场地和时段照常"),
        "{told:?}"
    );
    for v in vendors {
        assert!(
            notices_of_vendor(&app, v)
                .await
                .iter()
                .any(|n| n.kind == "sessions_cancelled")
        );
    }
    assert_eq!(audited(&app, id, "close").await, 1);
    let page = app.client().get(&format!("/markets/{id}")).await;
    assert!(
        page.text().contains("大风天气"),
        "the public schedule shows the closure"
    );
    // A closure today shows on "open now".
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/closures"),
            &json!({"from": d(0), "to": d(0), "reason": "镇上活动"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let open = app.client().get("/open-now").await;
    assert!(open.text().contains("镇上活动") && open.text().contains("流动夜市"));
    // Every site of the market named: the whole market is closed, said as such.
    let later = list
        .iter()
        .find(|s| s["date"] == d(4) && s["segment"] == "夜市")
        .unwrap()
        .clone();
    let one = book(&app, &mut m, later["id"].as_i64().unwrap(), &sa, 1).await;
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/closures"),
            &json!({"from": d(4), "to": d(4), "reason": "演出", "site_ids": [a, b]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let told = crate::market_fixtures::notice_texts(&app, one[0], "sessions_cancelled").await;
    assert!(
        told[0].contains(&format!("{} 停市（演出）", d(4))) && !told[0].contains("照常"),
        "{told:?}"
    );
}

#[tokio::test]
async fn ending_a_row_early_asks_first_when_booked_and_extending_it_adds_sessions() {
    let app = TestApp::new().await;
    let (mut m, a, _, sa, _) = two_sites(&app, "END").await;
    let id = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(10)),
    )
    .await;
    let row = m
        .get(&format!("/api/v1/markets/{id}/schedule"))
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let list = sessions(&mut m, id, day(1), day(10)).await;
    let late = list.iter().find(|s| s["date"] == d(8)).unwrap()["id"]
        .as_i64()
        .unwrap();
    let vendors = book(&app, &mut m, late, &sa, 1).await;
    let url = format!("/api/v1/schedule-rows/{row}");
    let r = m.json(Method::PATCH, &url, &json!({"to": d(5)})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "confirmation_required");
    assert_eq!(r.json()["error"]["sessions_changed"], 5);
    assert_eq!(r.json()["error"]["bookings_affected"], 1);
    let r = m
        .json(Method::PATCH, &url, &json!({"to": d(5), "confirm": true}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["sessions_cancelled"], 5);
    let scheduled = sessions(&mut m, id, day(1), day(20))
        .await
        .into_iter()
        .filter(|s| s["status"] == "scheduled")
        .count();
    assert_eq!(scheduled, 5);
    assert!(
        notices_of_vendor(&app, vendors[0])
            .await
            .iter()
            .any(|n| n.kind == "sessions_cancelled")
    );
    let r = m.json(Method::PATCH, &url, &json!({"to": d(15)})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The five ended sessions come back (no second session on those dates) and five are new.
    assert_eq!(r.json()["sessions_created"], 10);
    let all = sessions(&mut m, id, day(1), day(20)).await;
    assert_eq!(all.len(), 15);
    assert!(all.iter().all(|s| s["status"] == "scheduled"));
    assert_eq!(audited(&app, id, "schedule_change").await, 2);
}

#[tokio::test]
async fn next_season_clones_the_rota_and_offers_last_seasons_vendors_their_stall() {
    let app = TestApp::new().await;
    let (mut m, a, _, sa, _) = two_sites(&app, "NXT").await;
    let id = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(7)),
    )
    .await;
    let list = sessions(&mut m, id, day(1), day(7)).await;
    let (mut vendor, vendor_id) = crate::market_fixtures::vendor(&app, "服装百货", None).await;
    // Last season the vendor traded on two weekdays of the seven.
    for night in [&list[0], &list[2]] {
        let r = m
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": night["id"], "stall_id": sa[1], "vendor_id": vendor_id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let weekday = |s: &serde_json::Value| {
        chrono::NaiveDate::parse_from_str(s["date"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap()
            .weekday()
    };
    let r = m
        .post_json(
            &format!("/api/v1/markets/{id}/clone"),
            &json!({"from": d(30), "to": d(36), "offer_same_stalls": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let new_id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["sessions_created"], 7);
    assert_eq!(r.json()["offers_made"], 1);
    assert_eq!(sessions(&mut m, new_id, day(30), day(36)).await.len(), 7);
    let offers = vendor.get("/api/v1/me/season-offers").await.json();
    assert_eq!(offers["total"], 1);
    assert_eq!(offers["items"][0]["stall_id"], sa[1]);
    let offer = offers["items"][0]["id"].as_i64().unwrap();
    let home = vendor.get("/").await;
    assert!(
        home.text()
            .contains(&format!("/season-offers/{offer}/accept"))
    );
    // Accepted from the home page's button: back home, told it is done.
    let r = vendor
        .submit("/", &format!("/season-offers/{offer}/accept"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let home = vendor.get("/").await;
    assert!(
        home.text().contains("下一季同一摊位已为您排好"),
        "{}",
        home.text()
    );
    let r = vendor.get("/api/v1/me/season-offers").await.json();
    assert_eq!(r["items"][0]["status"], "accepted", "{r}");
    // The same two weekdays of the new season, not every night of it.
    assert_eq!(r["items"][0]["sessions_booked"], 2, "{r}");
    // Placed under an approved application of the new market, as every vendor is.
    {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let new_sessions: Vec<i32> = sessions(&mut m, new_id, day(30), day(36))
            .await
            .iter()
            .map(|s| s["id"].as_i64().unwrap() as i32)
            .collect();
        let placed = entity::bookings::Entity::find()
            .filter(entity::bookings::Column::SessionId.is_in(new_sessions))
            .all(app.conn())
            .await
            .unwrap();
        assert_eq!(placed.len(), 2);
        let application = entity::applications::Entity::find_by_id(
            placed[0].application_id.expect("an application"),
        )
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
        assert_eq!(application.market_id as i64, new_id);
        assert_eq!(application.status.as_str(), "approved");
        assert!(
            placed
                .iter()
                .all(|b| b.application_id == Some(application.id))
        );
    }
    let booked: std::collections::BTreeSet<_> = sessions(&mut m, new_id, day(30), day(36))
        .await
        .iter()
        .filter(|s| s["stalls_booked"] == 1)
        .map(|s| weekday(s).number_from_monday())
        .collect();
    let held = [&list[0], &list[2]].map(|s| weekday(s).number_from_monday());
    assert_eq!(booked, held.into_iter().collect());
    let r = vendor
        .post_json(
            &format!("/api/v1/season-offers/{offer}/decline"),
            &json!({}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "an answered offer is closed"
    );
}

#[tokio::test]
async fn a_night_past_midnight_keeps_the_next_days_early_hours_on_the_timeline() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "TMN").await;
    let late = market_body(
        "文昌路深夜市",
        "fixed",
        json!([{"name": "深夜", "start": "20:00", "end": "02:00"}]),
        json!([{"site_id": a, "segment": "深夜", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(1)}]),
    );
    crate::market_fixtures::market(&mut m, &late).await;
    let page = app
        .client()
        .get(&format!("/sites/{a}/timeline?view=week&from={}", d(2)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let cards = page.select("ol.timeline li.card");
    let next = cards
        .iter()
        .find(|c| c.starts_with(&d(2)))
        .unwrap_or_else(|| panic!("no card for {}: {cards:?}", d(2)));
    // The week may start on the night's own day; the day after it is not free all day.
    assert!(
        next.contains("前一晚延续：") && next.contains("20:00–02:00"),
        "{next}"
    );
    assert!(!next.contains("全天空闲"), "{next}");
    let after = cards.iter().find(|c| c.starts_with(&d(3)));
    if let Some(after) = after {
        assert!(
            after.contains("全天空闲"),
            "two days on it is free: {after}"
        );
    }
}

#[tokio::test]
async fn the_site_timeline_shows_every_markets_sessions_by_date_and_start() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "TML").await;
    let morning = market_body(
        "财富广场早市",
        "fixed",
        json!([{"name": "早市", "start": "06:00", "end": "09:00"}]),
        json!([{"site_id": a, "segment": "早市", "weekdays": [1,2,3,4,5,6,7], "from": d(1), "to": d(3)}]),
    );
    crate::market_fixtures::market(&mut m, &morning).await;
    crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(3)),
    )
    .await;
    let r = app
        .client()
        .get(&format!(
            "/api/v1/sites/{a}/timeline?from={}&to={}",
            d(1),
            d(3)
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let items = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 6);
    let order: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["date"].as_str().unwrap().into(),
                i["market_name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(order[0], (d(1), "财富广场早市".into()));
    assert_eq!(order[1], (d(1), "文昌路夜市".into()));
    assert!(
        items
            .iter()
            .all(|i| i["session_id"].is_i64() && i["status"] == "scheduled")
    );
    let page = app
        .client()
        .get(&format!("/sites/{a}/timeline?view=month&from={}", d(1)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("财富广场早市") && page.text().contains("文昌路夜市"));
    assert_eq!(
        app.client()
            .get("/api/v1/sites/999999/timeline")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
