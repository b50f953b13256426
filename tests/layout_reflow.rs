//! Re-layout around locked stalls, the layout mode by site kind, and a locked stall left
//! outside a changed outline.

use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const LON: f64 = 100.8120;
const LAT: f64 = 38.4330;
const M_LON: f64 = 87_300.0;
const M_LAT: f64 = 110_990.0;

fn rect(w: f64, h: f64) -> Value {
    let (dx, dy) = (w / M_LON, h / M_LAT);
    json!({"type": "Polygon", "coordinates": [[
        [LON, LAT], [LON + dx, LAT], [LON + dx, LAT + dy], [LON, LAT + dy], [LON, LAT]
    ]]})
}

async fn create(c: &mut Client, code: &str, kind: &str, boundary: Value) -> i64 {
    let r = c
        .post_json(
            "/api/v1/sites",
            &json!({"code": code, "name": "测试场地", "kind": kind, "boundary": boundary}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

fn body() -> Value {
    json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "edge_clearance_m": 0.5})
}

async fn lay_out(c: &mut Client, id: i64) -> Value {
    let r = c
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

async fn lock(app: &TestApp, stall_id: i64) {
    let s = entity::stalls::Entity::find_by_id(stall_id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut a: entity::stalls::ActiveModel = s.into();
    a.locked = Set(true);
    a.update(app.conn()).await.unwrap();
}

fn by_id(layout: &Value) -> Vec<(i64, String, Value)> {
    layout["stalls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                s["code"].as_str().unwrap().to_owned(),
                s["polygon"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_relayout_keeps_locked_stalls_and_fills_around_them() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "LCK", "plaza", rect(50.0, 40.0)).await;
    let first = by_id(&lay_out(&mut m, id).await);
    assert!(first.len() > 40);
    let kept: Vec<_> = first.iter().step_by(5).cloned().collect();
    for (stall, _, _) in &kept {
        lock(&app, *stall).await;
    }
    // Wider aisles move every other stall; the locked ones stay as they were.
    let r = m
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{id}/layout"),
            &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 4.0, "edge_clearance_m": 0.5}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let second = r.json();
    assert_eq!(second["mode_used"], "plaza");
    let now = by_id(&second);
    for k in &kept {
        assert!(now.contains(k), "locked stall {} changed or went", k.1);
    }
    let new: Vec<_> = now.iter().filter(|s| !kept.contains(s)).collect();
    assert!(!new.is_empty(), "nothing laid out around the locked stalls");
    assert!(
        new.iter().all(|s| first.iter().all(|f| f.0 != s.0)),
        "new stalls get new ids"
    );
    let codes: BTreeSet<&str> = now.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(codes.len(), now.len(), "a code is used twice");
    assert_eq!(second["stall_count"].as_u64(), Some(now.len() as u64));
    // The stall list agrees, and says which are locked.
    let listed = app
        .client()
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    assert_eq!(listed["total"].as_u64(), Some(now.len() as u64));
}

#[tokio::test]
async fn a_locked_stall_outside_a_changed_outline_is_named_and_nothing_changes() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "CUT", "plaza", rect(50.0, 40.0)).await;
    let first = by_id(&lay_out(&mut m, id).await);
    // Lock the stall furthest east, then cut the site to its western half.
    let east = first
        .iter()
        .max_by(|a, b| {
            let x = |p: &Value| p["coordinates"][0][0][0].as_f64().unwrap();
            x(&a.2).total_cmp(&x(&b.2))
        })
        .unwrap()
        .clone();
    lock(&app, east.0).await;
    let r = m
        .json(
            Method::PATCH,
            &format!("/api/v1/sites/{id}"),
            &json!({"boundary": rect(25.0, 40.0)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The site's page says at once which stalls the new outline left outside (not only the
    // next layout): the locked one among them.
    let page = m.get(&format!("/sites/{id}")).await;
    let warning = page.select("p.error-message[role=alert]");
    assert_eq!(warning.len(), 1, "{}", page.text());
    assert!(
        warning[0].contains("在场地边界之外") && warning[0].contains(&east.1),
        "{}",
        warning[0]
    );
    assert!(
        app.client()
            .get(&format!("/sites/{id}"))
            .await
            .select("p.error-message")
            .is_empty()
    );
    let before = entity::stalls::Entity::find()
        .filter(entity::stalls::Column::SiteId.eq(id as i32))
        .count(app.conn())
        .await
        .unwrap();
    let r = m
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body())
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "invalid_geometry");
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains(&east.1), "{message}");
    assert!(message.contains("锁定"), "{message}");
    let after = entity::stalls::Entity::find()
        .filter(entity::stalls::Column::SiteId.eq(id as i32))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(
        before, after,
        "stalls changed although the layout was refused"
    );
    // In English too.
    m.headers.insert("accept-language", "en".parse().unwrap());
    let r = m
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body())
        .await;
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains(&east.1) && message.contains("locked"),
        "{message}"
    );
}

/// A small square hole (0.6 m a side) centred on the middle of the stall's first edge:
/// neither its corners nor its centre are on it.
fn hole_on_edge(stall: &Value) -> Vec<Value> {
    let ring = stall["coordinates"][0].as_array().unwrap();
    let at = |k: usize, i: usize| ring[k][i].as_f64().unwrap();
    let (x, y) = ((at(0, 0) + at(1, 0)) / 2.0, (at(0, 1) + at(1, 1)) / 2.0);
    let (hx, hy) = (0.3 / M_LON, 0.3 / M_LAT);
    [(-hx, -hy), (-hx, hy), (hx, hy), (hx, -hy), (-hx, -hy)]
        .iter()
        .map(|(dx, dy)| json!([x + dx, y + dy]))
        .collect()
}

#[tokio::test]
async fn holes_drawn_through_locked_stalls_are_refused_naming_every_stall() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "PIT", "plaza", rect(50.0, 40.0)).await;
    let first = by_id(&lay_out(&mut m, id).await);
    let (a, b) = (first[0].clone(), first[first.len() - 1].clone());
    lock(&app, a.0).await;
    lock(&app, b.0).await;
    // Two tree pits drawn into the outline, each through the middle of a locked stall's
    // edge (a corner test alone let them pass).
    let outer = rect(50.0, 40.0)["coordinates"][0].clone();
    let boundary = json!({"type": "Polygon",
        "coordinates": [outer, hole_on_edge(&a.2), hole_on_edge(&b.2)]});
    let r = m
        .json(
            Method::PATCH,
            &format!("/api/v1/sites/{id}"),
            &json!({ "boundary": boundary }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let stalls_now = || async {
        entity::stalls::Entity::find()
            .filter(entity::stalls::Column::SiteId.eq(id as i32))
            .all(app.conn())
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.id, s.polygon))
            .collect::<Vec<_>>()
    };
    let before = stalls_now().await;
    let r = m
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body())
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "invalid_geometry");
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains(&a.1) && message.contains(&b.1) && message.contains("2 个"),
        "{message}"
    );
    assert_eq!(
        before,
        stalls_now().await,
        "stalls changed on a refused layout"
    );
}

#[tokio::test]
async fn a_plaza_is_laid_out_as_rows_and_a_street_along_its_sides() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    // A 60 × 40 m plaza: rows over the area.
    let plaza = create(&mut m, "PLZ", "plaza", rect(60.0, 40.0)).await;
    let l = lay_out(&mut m, plaza).await;
    assert_eq!(l["mode_used"], "plaza");
    // A 200 × 12 m street: street sides, unless rows over the area place more.
    let street = create(&mut m, "STR", "street", rect(200.0, 12.0)).await;
    let auto = lay_out(&mut m, street).await;
    let r = m
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{street}/layout"),
            &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "mode": "street"}),
        )
        .await;
    let sides = r.json();
    assert_eq!(sides["mode_used"], "street");
    let (a, s) = (
        auto["stall_count"].as_u64().unwrap(),
        sides["stall_count"].as_u64().unwrap(),
    );
    assert!(a >= s, "auto {a} < street sides {s}");
    assert!(
        auto["mode_used"] == "street" || a > s,
        "a street laid out as {} with no more stalls",
        auto["mode_used"]
    );
    // `mode` still overrides.
    let r = m
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{plaza}/layout"),
            &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "mode": "street"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["mode_used"], "street");
}

/// Stored stalls come back a centimetre off (corners kept to 7 decimals of a degree): a
/// re-flow with the same sizes around every fourth stall still gets its stalls back, the
/// gaps between locked stalls holding as many as they did.
#[tokio::test]
async fn a_reflow_with_the_same_sizes_gets_back_the_stalls_it_had() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let ring: Vec<Value> = [
        (0.0, 0.0),
        (70.0, 12.0),
        (64.0, 60.0),
        (-6.0, 48.0),
        (0.0, 0.0),
    ]
    .iter()
    .map(|(x, y)| json!([LON + x / M_LON, LAT + y / M_LAT]))
    .collect();
    let boundary = json!({"type": "Polygon", "coordinates": [ring]});
    let id = create(&mut m, "RFL", "plaza", boundary).await;
    let first = by_id(&lay_out(&mut m, id).await);
    let kept: Vec<_> = first.iter().step_by(4).cloned().collect();
    for (stall, _, _) in &kept {
        lock(&app, *stall).await;
    }
    let again = by_id(&lay_out(&mut m, id).await);
    for k in &kept {
        assert!(again.contains(k), "locked stall {} changed or went", k.1);
    }
    assert!(
        again.len() + 1 >= first.len(),
        "{} stalls after the re-flow, {} before",
        again.len(),
        first.len()
    );
}

/// Locking a few stalls and laying the site out again with the same sizes leaves every other
/// stall where it stands, under its code, with its power, premium and circuit; shrinking the
/// site then keeps those still inside and drops the rest.
#[tokio::test]
async fn a_relayout_with_the_same_sizes_leaves_standing_stalls_where_they_are() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "STD", "plaza", rect(50.0, 40.0)).await;
    let first = by_id(&lay_out(&mut m, id).await);
    for (stall, _, _) in first.iter().step_by(4) {
        lock(&app, *stall).await;
    }
    // A stall that is not locked has power, is premium and hangs on a circuit.
    let (wired, wired_code, _) = first[1].clone();
    let r = m
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{id}/circuits"),
            &json!({"circuits": [{"name": "A路", "capacity_w": 3000}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = m
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{wired}"),
            &json!({"circuit": "A路"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let s = entity::stalls::Entity::find_by_id(wired as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut a: entity::stalls::ActiveModel = s.into();
    a.power = Set(true);
    a.premium = Set(true);
    a.update(app.conn()).await.unwrap();

    let again = by_id(&lay_out(&mut m, id).await);
    assert_eq!(
        again.len(),
        first.len(),
        "the re-layout lost or added stalls"
    );
    let place = |v: &[(i64, String, Value)]| -> BTreeSet<(String, String)> {
        v.iter().map(|s| (s.1.clone(), s.2.to_string())).collect()
    };
    assert_eq!(
        place(&again),
        place(&first),
        "a stall moved or changed its code"
    );
    let now = entity::stalls::Entity::find()
        .filter(entity::stalls::Column::SiteId.eq(id as i32))
        .filter(entity::stalls::Column::Code.eq(wired_code.clone()))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert!(now.power && now.premium, "power and premium were lost");
    let listed = app
        .client()
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    let item = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == wired_code.as_str())
        .unwrap()
        .clone();
    assert_eq!(item["circuit"], "A路", "the circuit was lost: {item}");

    // Unlocked, then the site grows eastwards by 6 m and later shrinks to 45 m: what stands
    // stays where it fits and the rest is filled; on these sites that also holds no fewer
    // stalls than a fresh layout of the same ground (172 against 169 when it grew).
    entity::stalls::Entity::update_many()
        .col_expr(
            entity::stalls::Column::Locked,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(entity::stalls::Column::SiteId.eq(id as i32))
        .exec(app.conn())
        .await
        .unwrap();
    let mut before = place(&first);
    for (k, width) in [56.0, 45.0].into_iter().enumerate() {
        let r = m
            .json(
                Method::PATCH,
                &format!("/api/v1/sites/{id}"),
                &json!({"boundary": rect(width, 40.0)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let now = by_id(&lay_out(&mut m, id).await);
        let fresh_id = create(&mut m, &format!("FR{k}"), "plaza", rect(width, 40.0)).await;
        let fresh = by_id(&lay_out(&mut m, fresh_id).await);
        assert!(
            now.len() >= fresh.len(),
            "{width} m: {} < {}",
            now.len(),
            fresh.len()
        );
        let east_edge = LON + width / M_LON + 1e-7;
        for (_, code, polygon) in &now {
            let ring = polygon["coordinates"][0].as_array().unwrap();
            assert!(
                ring.iter().all(|c| c[0].as_f64().unwrap() <= east_edge),
                "{code} lies outside the {width} m site"
            );
        }
        let inside = |p: &(String, String)| {
            let v: Value = serde_json::from_str(&p.1).unwrap();
            v["coordinates"][0]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c[0].as_f64().unwrap() <= LON + (width - 3.5) / M_LON)
        };
        let stood: BTreeSet<_> = before.iter().filter(|p| inside(p)).cloned().collect();
        let now_places = place(&now);
        assert!(
            stood.is_subset(&now_places),
            "{width} m: {} of {} stalls well inside moved",
            stood.difference(&now_places).count(),
            stood.len()
        );
        before = now_places;
    }
}

/// A re-layout with the same sizes keeps the stalls that still stand as the very same stalls:
/// their ids (past bookings, the nights' records and circuits name them) stay, a stall with a
/// past booking stays active under its code, and no retired copy is left behind.
#[tokio::test]
async fn stalls_kept_in_place_stay_the_same_stalls_with_their_history() {
    use crate::market_fixtures::{book_tomorrow, move_into_past};
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "SAME", "plaza", rect(40.0, 30.0)).await;
    let first = by_id(&lay_out(&mut admin, id).await);
    let (booked, booked_code, _) = first[0].clone();
    let session = book_tomorrow(&app, &mut admin, id, booked).await;
    // The night is over: the booking is history.
    move_into_past(&app, session).await;

    let again = by_id(&lay_out(&mut admin, id).await);
    assert_eq!(again, first, "a stall changed its id, code or place");
    let stall = entity::stalls::Entity::find_by_id(booked as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stall.status.as_str(), "active");
    assert_eq!(stall.code, booked_code);
    let rows = entity::stalls::Entity::find()
        .filter(entity::stalls::Column::SiteId.eq(id as i32))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(rows as usize, first.len(), "a retired copy was left behind");
}

/// A layout is worked out before it is written: when another manager locks or moves a stall
/// in between, the layout (made around the stalls as they were) is refused with 409
/// `conflict`, and their change and every stall stay as they are; laid out again, it goes
/// around the locked stall.
#[tokio::test]
async fn a_layout_worked_out_before_a_stall_changed_is_not_written_over_it() {
    use nightmarket::sites::layout_run;
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "RACE", "plaza", rect(40.0, 30.0)).await;
    let first = by_id(&lay_out(&mut m, id).await);
    let site = entity::sites::Entity::find_by_id(id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let params = nightmarket::layout::LayoutParams {
        stall_width_m: 3.0,
        stall_depth_m: 2.5,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        ..Default::default()
    };
    let computed = layout_run::compute(app.conn(), &site, params)
        .await
        .unwrap();
    // Meanwhile a stall is locked.
    let (locked, _, _) = first[3].clone();
    lock(&app, locked).await;
    let txn = sea_orm::TransactionTrait::begin(app.conn()).await.unwrap();
    let refused = layout_run::apply(&txn, None, &site, &computed).await;
    drop(txn);
    let error = match refused {
        Ok(stalls) => panic!("written over the change: {} stalls", stalls.len()),
        Err(e) => e,
    };
    assert!(format!("{error:?}").contains("\"conflict\""), "{error:?}");
    let listed = m
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    let now: Vec<(i64, bool)> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_i64().unwrap(), s["locked"] == true))
        .collect();
    assert_eq!(now.len(), first.len());
    assert!(now.contains(&(locked, true)), "the lock was lost");
    // Worked out again, it is written, around the locked stall.
    let again = by_id(&lay_out(&mut m, id).await);
    assert!(again.iter().any(|s| s.0 == locked && s.2 == first[3].2));
}

/// A food zone drawn over part of a laid-out site tags the stalls a re-layout keeps in place
/// whose centre lies in it, and only those.
#[tokio::test]
async fn stalls_kept_in_place_take_up_a_zone_drawn_since() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "ZKEEP", "plaza", rect(40.0, 30.0)).await;
    let first = by_id(&lay_out(&mut m, id).await);
    let west = json!({"type": "Polygon", "coordinates": [[
        [LON - 0.0001, LAT - 0.0001], [LON + 21.5 / M_LON, LAT - 0.0001],
        [LON + 21.5 / M_LON, LAT + 31.0 / M_LAT], [LON - 0.0001, LAT + 31.0 / M_LAT],
        [LON - 0.0001, LAT - 0.0001]]]});
    let r = m
        .post_json(
            &format!("/api/v1/sites/{id}/zones"),
            &json!({"name": "小吃区", "kind": "food", "boundary": west}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let again = by_id(&lay_out(&mut m, id).await);
    assert_eq!(again, first, "the stalls did not stay");
    let listed = m
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    let items = listed["items"].as_array().unwrap();
    let mut food = 0;
    for s in items {
        let ring = s["polygon"]["coordinates"][0].as_array().unwrap();
        // A stall carries the zone its centre lies in.
        let xs = ring.iter().map(|c| c[0].as_f64().unwrap());
        let (west_x, east_x) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        let inside = (west_x + east_x) / 2.0 < LON + 21.5 / M_LON;
        assert_eq!(s["zone"] == "food", inside, "{}: {}", s["code"], s["zone"]);
        food += usize::from(inside);
    }
    assert!(food > 0 && food < items.len(), "{food} of {}", items.len());
}
