//! Stalls by hand (add, move, turn, renumber, lock, delete — through the API and the editor
//! page) with every edit checked against the site and the other stalls and refused at the
//! stall; and assigning from the plan (the candidates list, its page and the session page's
//! links).

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use entity::{audit_log, stalls};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

/// Metres per degree of longitude and latitude at the fixture site (38.43° N).
const M_PER_LON: f64 = 87_220.0;
const M_PER_LAT: f64 = 110_990.0;
/// The fixture site's centre.
const CENTRE: (f64, f64) = (100.81025, 38.43015);

/// A `w × d` stall centred `(x, y)` metres east/north of the fixture site's centre, its front
/// (third → fourth corner) facing south.
fn rect(x: f64, y: f64, w: f64, d: f64) -> Value {
    let p = |dx: f64, dy: f64| {
        json!([
            CENTRE.0 + (x + dx) / M_PER_LON,
            CENTRE.1 + (y + dy) / M_PER_LAT
        ])
    };
    let (hw, hd) = (w / 2.0, d / 2.0);
    json!({"type": "Polygon", "coordinates": [[p(hw, hd), p(-hw, hd), p(-hw, -hd), p(hw, -hd), p(hw, hd)]]})
}

/// The centre of a stored stall polygon in metres from the fixture site's centre.
fn centre_of(polygon: &Value) -> (f64, f64) {
    let ring = polygon["coordinates"][0].as_array().unwrap();
    let pts = &ring[..ring.len() - 1];
    let n = pts.len() as f64;
    let lon = pts.iter().map(|p| p[0].as_f64().unwrap()).sum::<f64>() / n;
    let lat = pts.iter().map(|p| p[1].as_f64().unwrap()).sum::<f64>() / n;
    ((lon - CENTRE.0) * M_PER_LON, (lat - CENTRE.1) * M_PER_LAT)
}

async fn stall_count(app: &TestApp, site: i32) -> u64 {
    stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site))
        .count(app.conn())
        .await
        .unwrap()
}

async fn add(c: &mut Client, site: i32, body: Value) -> crate::support::client::Resp {
    c.post_json(&format!("/api/v1/sites/{site}/stalls"), &body)
        .await
}

async fn stall_json(c: &mut Client, site: i32, id: i64) -> Value {
    let r = c.get(&format!("/api/v1/sites/{site}/stalls")).await;
    r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_hand_drawn_stall_is_added_locked_with_a_generated_code_and_audited() {
    let app = TestApp::new().await;
    let s = site(&app, "EDA").await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = add(&mut admin, s, json!({"polygon": rect(0.0, 0.0, 3.0, 2.5)})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let made = r.json();
    assert_eq!(made["code"], "EDA-HD-001");
    assert_eq!(made["locked"], true);
    assert!((made["width_m"].as_f64().unwrap() - 3.0).abs() < 0.02);
    assert!((made["depth_m"].as_f64().unwrap() - 2.5).abs() < 0.02);
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(6.0, 0.0, 3.0, 2.5), "code": "B-007", "locked": false}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["code"], "EDA-B-007");
    assert_eq!(r.json()["locked"], false);
    let listed = admin.get(&format!("/api/v1/sites/{s}/stalls")).await.json();
    assert_eq!(listed["total"], 2);
    let created = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("stall"))
        .filter(audit_log::Column::Action.eq("create"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(created, 2);
}

#[tokio::test]
async fn edits_that_leave_the_site_overlap_or_block_an_aisle_are_refused_naming_the_stalls() {
    let app = TestApp::new().await;
    let s = site(&app, "EDB").await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(0.0, 0.0, 3.0, 2.5), "code": "A-001"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let before = stall_count(&app, s).await;

    // Over the east edge (the site is about 43.6 m wide).
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(21.0, 0.0, 3.0, 2.5), "code": "A-002"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "stall_outside");
    let m = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(m.contains("EDB-A-002") && m.contains("超出"), "{m}");

    // A metre east of the first: overlaps it.
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(1.0, 0.0, 3.0, 2.5), "code": "A-002"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "stall_overlap");
    let m = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        m.contains("EDB-A-002") && m.contains("EDB-A-001") && m.contains("重叠"),
        "{m}"
    );

    // Right in front of it (its front faces south): in its aisle.
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(0.0, -3.0, 3.0, 2.5), "code": "A-002"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "aisle_blocked");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("EDB-A-001")
    );

    // Behind it, facing it: the first stall stands in the new one's aisle.
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(0.0, 3.0, 3.0, 2.5), "code": "A-002"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "aisle_blocked");

    // In English too.
    admin
        .headers
        .insert(http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(1.0, 0.0, 3.0, 2.5), "code": "A-002"}),
    )
    .await;
    let m = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(m.contains("overlaps stall EDB-A-001"), "{m}");

    assert_eq!(stall_count(&app, s).await, before, "nothing stored");

    // Side by side, sharing an edge: fine.
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(3.0, 0.0, 3.0, 2.5), "code": "A-002"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn bad_polygons_and_codes_get_a_clear_error_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let s = site(&app, "EDC").await;
    let mut admin = app.login_as(Role::Admin).await;
    let bad = [
        json!({"type": "Point", "coordinates": [100.81, 38.43]}),
        json!({"type": "Polygon", "coordinates": [[[100.8101, 38.4301], [100.8102, 38.4301], [100.8101, 38.4302], [100.8101, 38.4301]]]}),
        json!({"type": "Polygon", "coordinates": [[[100.8101, 38.4301], [100.8102, 38.4302], [100.8102, 38.4301], [100.8101, 38.4302], [100.8101, 38.4301]]]}),
        json!({"type": "Polygon", "coordinates": [[[100.8101], [100.8102, 38.4302], [100.8102, 38.4301], [100.8101, 38.4301]]]}),
        json!({"type": "Polygon", "coordinates": [[[200.0, 38.43], [100.8102, 38.4302], [100.8102, 38.4301], [200.0, 38.43]]]}),
        json!("not a polygon"),
    ];
    for polygon in bad {
        let r = add(&mut admin, s, json!({"polygon": polygon})).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{polygon}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), "invalid_geometry");
        assert_eq!(r.json()["error"]["field"], "polygon");
    }
    let r = add(
        &mut admin,
        s,
        json!({"polygon": rect(0.0, 0.0, 3.0, 2.5), "code": "A 1!"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "invalid_code");
    assert_eq!(stall_count(&app, s).await, 0);
}

#[tokio::test]
async fn patch_moves_renumbers_and_locks_a_stall_with_the_same_checks() {
    let app = TestApp::new().await;
    let s = site(&app, "EDD").await;
    let mut admin = app.login_as(Role::Admin).await;
    let a = add(
        &mut admin,
        s,
        json!({"polygon": rect(0.0, 0.0, 3.0, 2.5), "code": "A-001", "locked": false}),
    )
    .await
    .json();
    let b = add(
        &mut admin,
        s,
        json!({"polygon": rect(8.0, 0.0, 3.0, 2.5), "code": "A-002", "locked": false}),
    )
    .await
    .json();
    let (a_id, b_id) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());

    // A move onto the neighbour: refused, nothing changed.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{a_id}"),
            &json!({"polygon": rect(7.0, 0.0, 3.0, 2.5)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "stall_overlap");
    assert_eq!(
        stall_json(&mut admin, s, a_id).await["polygon"],
        a["polygon"]
    );

    // Moved 2 m north: stored, and locked by the move.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{a_id}"),
            &json!({"polygon": rect(0.0, 2.0, 3.0, 2.5)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (x, y) = centre_of(&r.json()["polygon"]);
    assert!(x.abs() < 0.05 && (y - 2.0).abs() < 0.05, "({x}, {y})");
    assert_eq!(r.json()["locked"], true);

    // A taken code: 409, the code unchanged.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{b_id}"),
            &json!({"code": "EDD-A-001"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "code_taken");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("EDD-A-001")
    );
    assert_eq!(stall_json(&mut admin, s, b_id).await["code"], "EDD-A-002");
    // The same code in small letters is the same code; and a prefix typed in small letters
    // is the site's, not doubled.
    for typed in ["edd-a-001", "a-001"] {
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/stalls/{b_id}"),
                &json!({"code": typed}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{typed}: {}", r.text());
        assert_eq!(r.error_code(), "code_taken");
    }

    // Renumbered and unlocked.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{b_id}"),
            &json!({"code": "B-001", "locked": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["code"], "EDD-B-001");
    assert_eq!(r.json()["locked"], true);
    let edits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("edit"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(edits, 2, "two edits stored, two audited");
}

#[tokio::test]
async fn a_stall_with_future_bookings_cannot_be_deleted_until_they_are_gone() {
    let app = TestApp::new().await;
    let s = site(&app, "EDE").await;
    let mut admin = app.login_as(Role::Admin).await;
    let a = add(&mut admin, s, json!({"polygon": rect(0.0, 0.0, 3.0, 2.5)}))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let b = add(&mut admin, s, json!({"polygon": rect(3.0, 0.0, 3.0, 2.5)}))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let m = market(&mut admin, &night_market(s, day(1), day(1))).await;
    let session = sessions(&mut admin, m, day(1), day(1)).await[0].clone();
    let v = vendor_rows(&app, 1, "服装百货").await[0];
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session["id"], "stall_id": a, "vendor_id": v}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let booking = r.json()["id"].as_i64().unwrap();

    let r = admin
        .call(Method::DELETE, &format!("/api/v1/stalls/{a}"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "stall_in_use");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("EDE-HD-001")
    );
    assert_eq!(stall_count(&app, s).await, 2);

    let r = admin
        .call(Method::DELETE, &format!("/api/v1/stalls/{b}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(stall_json(&mut admin, s, b).await, Value::Null);

    let r = admin
        .call(Method::DELETE, &format!("/api/v1/bookings/{booking}"))
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    let r = admin
        .call(Method::DELETE, &format!("/api/v1/stalls/{a}"))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let deletes = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("delete"))
        .filter(audit_log::Column::Entity.eq("stall"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(deletes, 2);
}

/// Submits the editor form of site `s` with `pairs`.
async fn editor(c: &mut Client, s: i32, pairs: &[(&str, &str)]) -> crate::support::client::Resp {
    let page = format!("/sites/{s}/editor");
    c.submit(&page, &page, pairs).await
}

#[tokio::test]
async fn the_editor_page_moves_turns_adds_and_deletes_and_shows_a_refusal_at_the_stall() {
    let app = TestApp::new().await;
    let s = site(&app, "EDF").await;
    let mut admin = app.login_as(Role::Admin).await;
    let a = add(&mut admin, s, json!({"polygon": rect(0.0, 0.0, 3.0, 2.5)}))
        .await
        .json();
    let b = add(&mut admin, s, json!({"polygon": rect(3.0, 0.0, 3.0, 2.5)}))
        .await
        .json();
    let (a_id, b_id) = (a["id"].to_string(), b["id"].to_string());

    let page = admin.get(&format!("/sites/{s}/editor")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select("input[name=ids]").len(), 2);
    assert!(page.text().contains("/assets/editor.js"));

    // One metre west: saved, the selection kept.
    let r = editor(
        &mut admin,
        s,
        &[("ids", &a_id), ("step", "1"), ("action", "move-w")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(
        r.location().contains(&format!("sel={a_id}")),
        "{}",
        r.location()
    );
    let moved = stall_json(&mut admin, s, a["id"].as_i64().unwrap()).await;
    let (x, y) = centre_of(&moved["polygon"]);
    assert!((x + 1.0).abs() < 0.05 && y.abs() < 0.05, "({x}, {y})");

    // Two metres east runs into the neighbour: the page again, the refusal at the stall.
    let r = editor(
        &mut admin,
        s,
        &[("ids", &a_id), ("step", "2"), ("action", "move-e")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let row = r.select(&format!("tr#row-{a_id}.refused .error-message"));
    assert_eq!(row.len(), 1, "{}", r.text());
    assert!(
        row[0].contains("EDF-HD-002") && row[0].contains("重叠"),
        "{}",
        row[0]
    );
    assert_eq!(
        r.attr("#editor-plan", "data-refused").as_deref(),
        Some(a_id.as_str())
    );
    assert_eq!(
        stall_json(&mut admin, s, a["id"].as_i64().unwrap()).await["polygon"],
        moved["polygon"]
    );

    // A quarter turn: the front now faces east.
    let r = editor(&mut admin, s, &[("ids", &b_id), ("action", "rot-l90")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let turned = stalls::Entity::find_by_id(b["id"].as_i64().unwrap() as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert!(
        turned.facing_deg.abs() < 0.5 || (turned.facing_deg - 360.0).abs() < 0.5,
        "{}",
        turned.facing_deg
    );

    // Turned back by its handle (the script posts the degrees it read off the drag).
    let r = editor(
        &mut admin,
        s,
        &[("ids", &b_id), ("action", "turn"), ("degrees", "-90")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let back = stalls::Entity::find_by_id(b["id"].as_i64().unwrap() as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let quarter = (back.facing_deg - turned.facing_deg).rem_euclid(360.0);
    assert!((quarter - 270.0).abs() < 0.5, "{quarter}");
    let r = editor(
        &mut admin,
        s,
        &[("ids", &b_id), ("action", "turn"), ("degrees", "inf")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A point off the site: refused, and the typed point is still there to correct.
    let r = editor(
        &mut admin,
        s,
        &[("action", "add"), ("x", "0"), ("y", "900")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.attr("#f-y", "value").as_deref(), Some("900"));
    assert_eq!(stall_count(&app, s).await, 2);
    // Added at a point 10 m north, the layout's default size.
    let r = editor(&mut admin, s, &[("action", "add"), ("x", "0"), ("y", "10")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(stall_count(&app, s).await, 3);
    // Nothing selected, a bad step: clear refusals.
    let r = editor(&mut admin, s, &[("action", "delete")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("请先选择至少一个摊位"));
    let r = editor(
        &mut admin,
        s,
        &[("ids", &a_id), ("step", "NaN"), ("action", "move-e")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Deleted, then renumbering the other to a free code.
    let r = editor(&mut admin, s, &[("ids", &a_id), ("action", "delete")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(stall_count(&app, s).await, 2);
    let r = editor(
        &mut admin,
        s,
        &[("ids", &b_id), ("code", "Q-9"), ("action", "renumber")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        stall_json(&mut admin, s, b["id"].as_i64().unwrap()).await["code"],
        "EDF-Q-9"
    );
    // Spaces typed between the parts are dashes.
    let r = editor(
        &mut admin,
        s,
        &[("ids", &b_id), ("code", "edf q 10"), ("action", "renumber")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        stall_json(&mut admin, s, b["id"].as_i64().unwrap()).await["code"],
        "EDF-Q-10"
    );
    // Another site's code in front (typed with dashes or spaces): refused.
    site(&app, "EDX").await;
    for copied in ["EDX-A-001", "edx 12"] {
        let r = editor(
            &mut admin,
            s,
            &[("ids", &b_id), ("code", copied), ("action", "renumber")],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert!(r.text().contains("不是本场地的编号"), "{}", r.text());
    }
    assert_eq!(
        stall_json(&mut admin, s, b["id"].as_i64().unwrap()).await["code"],
        "EDF-Q-10"
    );
    // A word that is no site's code is a row name like any other.
    let r = editor(
        &mut admin,
        s,
        &[
            ("ids", &b_id),
            ("code", "north a 1"),
            ("action", "renumber"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        stall_json(&mut admin, s, b["id"].as_i64().unwrap()).await["code"],
        "EDF-NORTH-A-1"
    );
}

/// A 早市 + 夜市 market tomorrow on a fixture site with two stalls.
async fn candidates_setup(app: &TestApp) -> (Client, i64, Value, Vec<i32>) {
    let s = site(app, "EDG").await;
    let st = stalls(app, s, "EDG", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let body = json!({
        "name": "财富广场早晚市", "kind": "fixed",
        "segments": [{"name": "早市", "start": "06:00", "end": "09:00"},
                     {"name": "夜市", "start": "18:00", "end": "22:30"}],
        "schedule": [
            {"site_id": s, "segment": "早市", "from": day(1).to_string(), "to": day(3).to_string()},
            {"site_id": s, "segment": "夜市", "from": day(1).to_string(), "to": day(3).to_string()}],
    });
    let m = market(&mut admin, &body).await;
    let night = sessions(&mut admin, m, day(1), day(1))
        .await
        .into_iter()
        .find(|x| x["segment"] == "夜市")
        .unwrap();
    (admin, m, night, st)
}

/// A vendor applying for `segments` of market `m`, approved; returns (vendor id, name, phone).
async fn approved(
    app: &TestApp,
    admin: &mut Client,
    m: i64,
    segments: &[&str],
    category: &str,
) -> (i64, String) {
    let (mut v, vid) = vendor(app, category, Some(day(300))).await;
    let me = v.get("/api/v1/me").await.json();
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(),
                    "segments": segments, "category": category}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].clone();
    let r = admin
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    (vid, me["name"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn candidates_are_approved_vendors_marked_eligible_or_with_their_reasons() {
    let app = TestApp::new().await;
    let (mut admin, m, night, st) = candidates_setup(&app).await;
    let (ok, ok_name) = approved(&app, &mut admin, m, &["夜市"], "服装百货").await;
    let (morning, _) = approved(&app, &mut admin, m, &["早市"], "服装百货").await;
    let (booked, _) = approved(&app, &mut admin, m, &[], "服装百货").await;
    let (cook, _) = approved(&app, &mut admin, m, &["夜市"], "小吃餐饮").await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": night["id"], "stall_id": st[0], "vendor_id": booked}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // The cook's certificate has lapsed since.
    let mut row: entity::vendors::ActiveModel = entity::vendors::Entity::find_by_id(cook as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .into();
    row.health_cert_expires = Set(Some(day(-5)));
    row.update(app.conn()).await.unwrap();
    // A gas cylinder whose inspection lapses the day before the session.
    let (gas, _) = approved(&app, &mut admin, m, &["夜市"], "服装百货").await;
    entity::gas_cylinders::ActiveModel {
        vendor_id: Set(gas as i32),
        serial: Set("GS-001".into()),
        inspected_until: Set(day(0)),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap();

    let path = format!("/api/v1/sessions/{}/candidates", night["id"]);
    let r = admin.get(&path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let body = r.json();
    assert_eq!(body["total"], 5);
    let items = body["items"].as_array().unwrap();
    let of = |v: i64| items.iter().find(|c| c["vendor_id"] == v).unwrap().clone();
    assert_eq!(items[0]["vendor_id"], ok, "eligible first");
    assert_eq!(of(ok)["eligible"], true);
    assert_eq!(of(ok)["reasons"], json!([]));
    assert!(of(ok)["phone_masked"].as_str().unwrap().contains("****"));
    assert_eq!(of(morning)["reasons"], json!(["segment_not_applied"]));
    assert_eq!(of(booked)["reasons"], json!(["already_booked"]));
    assert_eq!(of(cook)["reasons"], json!(["health_cert_expired"]));
    assert_eq!(of(cook)["eligible"], false);
    assert_eq!(of(gas)["reasons"], json!(["gas_inspection_expired"]));
    assert_eq!(of(gas)["eligible"], false);

    // By name, by phone digits, paged.
    let r = admin
        .get(&format!("{path}?q={}", urlencoding(&ok_name)))
        .await
        .json();
    assert_eq!(r["total"], 1);
    assert_eq!(r["items"][0]["vendor_id"], ok);
    let phone = entity::vendors::Entity::find_by_id(morning as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .phone;
    let r = admin
        .get(&format!("{path}?q={}", &phone[phone.len() - 6..]))
        .await
        .json();
    assert_eq!(r["items"][0]["vendor_id"], morning);
    let r = admin.get(&format!("{path}?limit=1&offset=1")).await.json();
    assert_eq!(r["total"], 5);
    assert_eq!(r["items"].as_array().unwrap().len(), 1);

    // Who may ask.
    let mut bureau = app.login_as(Role::Bureau).await;
    assert_eq!(bureau.get(&path).await.status, StatusCode::FORBIDDEN);
    let mut other = app.login_as(Role::Manager).await;
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.client().get(&path).await.status,
        StatusCode::UNAUTHORIZED
    );
}

fn urlencoding(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn a_manager_assigns_a_vendor_found_by_name_from_the_plan() {
    let app = TestApp::new().await;
    let (mut admin, m, night, st) = candidates_setup(&app).await;
    let (ok, ok_name) = approved(&app, &mut admin, m, &["夜市"], "服装百货").await;
    let (morning, _) = approved(&app, &mut admin, m, &["早市"], "服装百货").await;
    let sid = night["id"].as_i64().unwrap();

    // The session page links every free stall to its candidates.
    let page = admin.get(&format!("/sessions/{sid}")).await;
    let link = page
        .attr(&format!("a.free-stall[data-stall-id='{}']", st[1]), "href")
        .unwrap();
    assert_eq!(link, format!("/sessions/{sid}/candidates?stall={}", st[1]));
    // Every link of the page leads somewhere: the assign form's "find by application" goes to
    // the plan above, and the candidates address without a stall comes back to it.
    for href in page.attrs("a", "href") {
        if href.starts_with("/sessions/") {
            let r = admin.get(&href).await;
            assert!(
                r.status.is_success() || r.status.is_redirection(),
                "{href}: {}",
                r.status
            );
        }
    }
    assert_eq!(page.attrs("form#assign a", "href"), vec!["#assign-plan"]);
    let bare = admin.get(&format!("/sessions/{sid}/candidates")).await;
    assert_eq!(bare.status, StatusCode::SEE_OTHER);
    assert_eq!(bare.location(), format!("/sessions/{sid}#assign-plan"));

    let list = admin.get(&link).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    let greyed = list.select(&format!(
        "li.candidate.ineligible[data-vendor='{morning}'] .reasons"
    ));
    assert_eq!(greyed.len(), 1);
    assert!(greyed[0].contains("未申请这个时段"), "{}", greyed[0]);
    assert!(
        list.select(&format!("li[data-vendor='{morning}'] button"))
            .is_empty()
    );

    let found = admin
        .get(&format!("{link}&q={}", urlencoding(&ok_name)))
        .await;
    assert_eq!(found.select("li.candidate").len(), 1);
    let r = admin
        .submit(
            &format!("{link}&q={}", urlencoding(&ok_name)),
            &format!("/sessions/{sid}/bookings"),
            &[
                ("stall_id", &st[1].to_string()),
                ("vendor_id", &ok.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let booked = admin
        .get(&format!("/api/v1/sessions/{sid}/bookings"))
        .await
        .json();
    assert_eq!(booked["items"][0]["vendor_id"], ok);
    assert_eq!(booked["items"][0]["stall_id"], st[1]);

    // Now the stall is taken: its page says so and offers no button.
    let again = admin.get(&link).await;
    assert!(again.text().contains("这个摊位本场次已有人"));
    assert!(again.select("li.candidate button").is_empty());
    // The session page offers the booked stall's cancel button at the stall.
    let page = admin.get(&format!("/sessions/{sid}")).await;
    assert_eq!(
        page.select(&format!(
            "li.booked-stall[data-stall-id='{}'] button",
            st[1]
        ))
        .len(),
        1
    );
}

#[tokio::test]
async fn the_editor_page_reflows_the_rest_around_a_stall_moved_and_locked_by_hand() {
    let app = TestApp::new().await;
    let s = site(&app, "EDR").await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = admin
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{s}/layout"),
            &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "edge_clearance_m": 0.5}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let listed = admin
        .get(&format!("/api/v1/sites/{s}/stalls?limit=1000"))
        .await
        .json();
    let items = listed["items"].as_array().unwrap().clone();
    let laid = items.len();
    assert!(laid > 20, "{laid}");
    // X and its nearest neighbour Y: Y goes, X moves a metre into Y's place and is locked.
    let x = &items[0];
    let xc = centre_of(&x["polygon"]);
    let y = items[1..]
        .iter()
        .min_by(|a, b| {
            let d = |v: &Value| {
                let c = centre_of(&v["polygon"]);
                (c.0 - xc.0).hypot(c.1 - xc.1)
            };
            d(a).total_cmp(&d(b))
        })
        .unwrap();
    let yc = centre_of(&y["polygon"]);
    let len = (yc.0 - xc.0).hypot(yc.1 - xc.1);
    let (dx, dy) = ((yc.0 - xc.0) / len, (yc.1 - xc.1) / len);
    let (x_id, y_id) = (x["id"].to_string(), y["id"].to_string());
    let r = editor(&mut admin, s, &[("ids", &y_id), ("action", "delete")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let (sdx, sdy) = (format!("{dx:.3}"), format!("{dy:.3}"));
    let r = editor(
        &mut admin,
        s,
        &[
            ("ids", &x_id),
            ("action", "drag"),
            ("dx", &sdx),
            ("dy", &sdy),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = editor(&mut admin, s, &[("ids", &x_id), ("action", "lock")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let placed = stall_json(&mut admin, s, x["id"].as_i64().unwrap()).await;
    let pc = centre_of(&placed["polygon"]);
    assert!(
        ((pc.0 - xc.0) - dx).abs() < 0.05 && ((pc.1 - xc.1) - dy).abs() < 0.05,
        "moved by ({}, {})",
        pc.0 - xc.0,
        pc.1 - xc.1
    );

    // Re-flow the rest: X stays as placed, the others stay where they stand or are laid out
    // anew around it.
    let r = editor(&mut admin, s, &[("action", "reflow")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let after = admin
        .get(&format!("/api/v1/sites/{s}/stalls?limit=1000"))
        .await
        .json();
    let now = after["items"].as_array().unwrap();
    let kept = now.iter().find(|v| v["id"] == x["id"]).expect("X kept");
    assert_eq!(kept["polygon"], placed["polygon"]);
    assert_eq!(kept["locked"], true);
    assert!(
        now.len() + 2 >= laid,
        "{} of {laid} after the re-flow",
        now.len()
    );
    // The stalls that still fit stay the very same stalls, where they stood: an id that
    // survives the re-flow keeps its polygon.
    let mut stayed = 0;
    for v in now.iter().filter(|v| v["id"] != x["id"]) {
        if let Some(o) = items.iter().find(|o| o["id"] == v["id"]) {
            assert_eq!(o["polygon"], v["polygon"], "{} moved", v["code"]);
            stayed += 1;
        }
    }
    assert!(stayed + 3 >= laid, "{stayed} of {laid} stalls stayed");
    let codes: std::collections::BTreeSet<&str> =
        now.iter().filter_map(|v| v["code"].as_str()).collect();
    assert_eq!(codes.len(), now.len(), "a code is used twice");
}

/// Fields that hold a comma (`经度,纬度`, `x,y`), a minus sign or a new line get the phone's
/// full keyboard: a decimal pad has none of them, so these could not be typed on a phone.
#[tokio::test]
async fn fields_that_take_commas_or_minus_signs_do_not_ask_for_a_decimal_pad() {
    let app = TestApp::new().await;
    let s = site(&app, "KBD").await;
    let mut admin = app.login_as(Role::Admin).await;
    let new = admin.get("/sites/new").await;
    let plan = admin.get(&format!("/sites/{s}")).await;
    let edit = admin.get(&format!("/sites/{s}/editor")).await;
    for (page, css) in [
        (&new, "textarea[name=points]"),
        (&new, "input[name=ref_a]"),
        (&new, "input[name=ref_a_px]"),
        (&new, "input[name=rotation_deg]"),
        (&plan, "input[name=orientation_deg]"),
        (&edit, "input[name=x]"),
        (&edit, "input[name=y]"),
    ] {
        assert_eq!(page.select(css).len(), 1, "{css} is on the page");
        assert_eq!(page.attr(css, "inputmode"), None, "{css}");
    }
    // Plain positive sizes keep the decimal pad.
    assert_eq!(
        plan.attr("input[name=aisle_width_m]", "inputmode")
            .as_deref(),
        Some("decimal")
    );
}

/// A code typed on a phone — small letters, a full-width dash, full-width digits from a Chinese
/// input method — is stored as the site's code would print it.
#[tokio::test]
async fn a_stall_code_typed_in_small_letters_or_full_width_dashes_is_stored_upper_case() {
    let app = TestApp::new().await;
    let s = site(&app, "EDC").await;
    let mut admin = app.login_as(Role::Admin).await;
    let a = add(&mut admin, s, json!({"polygon": rect(0.0, 0.0, 3.0, 2.5)}))
        .await
        .json();
    let path = format!("/api/v1/stalls/{}", a["id"]);
    let r = admin
        .json(Method::PATCH, &path, &json!({"code": "edc－b－009"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["code"], "EDC-B-009");
    let r = admin
        .json(Method::PATCH, &path, &json!({"code": "b-０１"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        stall_json(&mut admin, s, a["id"].as_i64().unwrap()).await["code"],
        "EDC-B-01"
    );
}

#[tokio::test]
async fn a_booked_vendor_is_told_when_their_stall_is_renumbered_or_moved() {
    let app = TestApp::new().await;
    let s = site(&app, "EDN").await;
    let mut admin = app.login_as(Role::Admin).await;
    let a = add(
        &mut admin,
        s,
        json!({"polygon": rect(0.0, 0.0, 3.0, 2.5), "code": "A-001"}),
    )
    .await
    .json();
    let stall = a["id"].as_i64().unwrap();
    let session = book_tomorrow(&app, &mut admin, i64::from(s), stall).await;
    let vendor = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::SessionId.eq(session as i32))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .vendor_id;
    let told = |app: &TestApp| {
        let conn = app.conn().clone();
        async move {
            let v = entity::vendors::Entity::find_by_id(vendor)
                .one(&conn)
                .await
                .unwrap()
                .unwrap();
            entity::notices::Entity::find()
                .filter(entity::notices::Column::UserId.eq(v.user_id))
                .filter(entity::notices::Column::Kind.eq("stall_changed"))
                .all(&conn)
                .await
                .unwrap()
        }
    };
    let path = format!("/api/v1/stalls/{stall}");
    // Locking it changes nothing the vendor sees: no notice.
    let r = admin
        .json(Method::PATCH, &path, &json!({"locked": true}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(told(&app).await.is_empty());
    let r = admin
        .json(Method::PATCH, &path, &json!({"code": "B-007"}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let notices = told(&app).await;
    assert_eq!(notices.len(), 1);
    let text = nightmarket::notices::text(&notices[0], nightmarket::i18n::Lang::Zh);
    assert!(
        text.contains("EDN-A-001") && text.contains("EDN-B-007"),
        "{text}"
    );
    let r = admin
        .json(
            Method::PATCH,
            &path,
            &json!({"polygon": rect(0.0, 2.0, 3.0, 2.5)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(told(&app).await.len(), 2);
}

/// A clerk gives a whole row electricity at once from the editor (one by one on 364 rows was
/// the only way), and takes it away again; each change is audited as a stall update.
#[tokio::test]
async fn the_editor_powers_the_selected_stalls_at_once() {
    let app = TestApp::new().await;
    let s = site(&app, "EDP").await;
    let mut admin = app.login_as(Role::Admin).await;
    let a = add(&mut admin, s, json!({"polygon": rect(0.0, 0.0, 3.0, 2.5)}))
        .await
        .json();
    let b = add(&mut admin, s, json!({"polygon": rect(3.0, 0.0, 3.0, 2.5)}))
        .await
        .json();
    let (a_id, b_id) = (a["id"].to_string(), b["id"].to_string());
    let r = editor(
        &mut admin,
        s,
        &[("ids", &a_id), ("ids", &b_id), ("action", "power-on")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    for id in [&a, &b] {
        let now = stall_json(&mut admin, s, id["id"].as_i64().unwrap()).await;
        assert_eq!(now["power"], true, "{now}");
    }
    let r = editor(&mut admin, s, &[("ids", &b_id), ("action", "power-off")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        stall_json(&mut admin, s, b["id"].as_i64().unwrap()).await["power"],
        false
    );
    assert_eq!(
        stall_json(&mut admin, s, a["id"].as_i64().unwrap()).await["power"],
        true
    );
    // Nothing selected: a clear refusal.
    let r = editor(&mut admin, s, &[("action", "power-on")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
}
