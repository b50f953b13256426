//! The gas and power register (issue 18, point 5): vendors declare cylinders and watts, sites
//! declare circuits, stalls join a circuit, and a booking that would overload a circuit or
//! comes from a vendor whose cylinder inspection has lapsed is refused — on every path, also
//! when two managers race for the last watts.

use crate::market_fixtures::{day, market, night_market, sessions, site, stalls, vendor};
use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

async fn put(c: &mut Client, path: &str, body: Value) -> crate::support::client::Resp {
    c.json(Method::PUT, path, &body).await
}

async fn equipment(
    c: &mut Client,
    vendor: i64,
    watts: i64,
    cylinders: Value,
) -> crate::support::client::Resp {
    put(
        c,
        &format!("/api/v1/vendors/{vendor}/equipment"),
        json!({"gas_cylinders": cylinders, "appliances_w": watts}),
    )
    .await
}

/// What the register holds for a vendor, straight from the database.
async fn stored(app: &TestApp, vendor: i64) -> (Option<i64>, u64) {
    let id = i32::try_from(vendor).unwrap();
    let watts = entity::vendor_equipment::Entity::find_by_id(id)
        .one(app.conn())
        .await
        .unwrap()
        .map(|e| e.appliances_w);
    let cylinders = entity::gas_cylinders::Entity::find()
        .filter(entity::gas_cylinders::Column::VendorId.eq(id))
        .count(app.conn())
        .await
        .unwrap();
    (watts, cylinders)
}

#[tokio::test]
async fn a_vendor_declares_cylinders_and_watts_and_every_bad_input_is_refused_with_nothing_written()
{
    let app = TestApp::new().await;
    let (mut v, vid) = vendor(&app, "小吃餐饮", Some(day(300))).await;
    let r = equipment(
        &mut v,
        vid,
        2050,
        json!([{"serial": "LPG-001", "inspected_until": day(90).to_string()}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["appliances_w"], 2050);
    assert_eq!(r.json()["gas_cylinders"][0]["serial"], "LPG-001");
    assert_eq!(stored(&app, vid).await, (Some(2050), 1));

    let bad = [
        (
            json!([{"serial": "LPG-002", "inspected_until": day(-1).to_string()}]),
            100,
            "inspection_expired",
            "gas_cylinders[0].inspected_until",
            "过期",
        ),
        (json!([]), -5, "invalid_watts", "appliances_w", "功率"),
        (
            json!([{"serial": "  ", "inspected_until": day(30).to_string()}]),
            100,
            "invalid_serial",
            "gas_cylinders[0].serial",
            "编号",
        ),
        (
            json!([{"serial": "A", "inspected_until": day(30).to_string()}, {"serial": "A", "inspected_until": day(40).to_string()}]),
            100,
            "duplicate_serial",
            "gas_cylinders[1].serial",
            "两次",
        ),
        (
            json!([{"serial": "B", "inspected_until": "31/12/2027"}]),
            100,
            "invalid_date",
            "gas_cylinders[0].inspected_until",
            "年-月-日",
        ),
    ];
    for (cylinders, watts, code, field, words) in bad {
        let r = equipment(&mut v, vid, watts, cylinders).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code);
        assert_eq!(r.json()["error"]["field"], field);
        let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains(words), "{code}: {message}");
        assert_eq!(
            stored(&app, vid).await,
            (Some(2050), 1),
            "{code} wrote something"
        );
    }

    // Another vendor and a manager of no market of theirs may not touch it; the bureau reads
    // only; an admin may record it (a manager of their market too: tests/object_access.rs).
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    assert_eq!(
        equipment(&mut other, vid, 0, json!([])).await.status,
        StatusCode::NOT_FOUND
    );
    let mut bureau = app.login_as(Role::Bureau).await;
    assert_eq!(
        equipment(&mut bureau, vid, 0, json!([])).await.status,
        StatusCode::FORBIDDEN
    );
    let mut stranger = app.login_as(Role::Manager).await;
    assert_eq!(
        equipment(&mut stranger, vid, 0, json!([])).await.status,
        StatusCode::NOT_FOUND
    );
    let mut admin = app.login_as(Role::Admin).await;
    let r = equipment(&mut admin, vid, 0, json!([])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(stored(&app, vid).await, (Some(0), 0));
    let audited = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("vendor_equipment"))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(
        audited, 2,
        "each accepted declaration is audited, no refused one"
    );
}

#[tokio::test]
async fn circuits_are_declared_per_site_and_stalls_join_them_by_name_or_id() {
    let app = TestApp::new().await;
    let s = site(&app, "PWR").await;
    let st = stalls(&app, s, "PWR", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let path = format!("/api/v1/sites/{s}/circuits");
    let r = put(&mut admin, &path, json!({"circuits": [{"name": "A路", "capacity_w": 3000}, {"name": "B路", "capacity_w": 5000}]})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let circuits = r.json()["circuits"].as_array().unwrap().clone();
    assert_eq!(circuits.len(), 2);
    let b_id = circuits.iter().find(|c| c["name"] == "B路").unwrap()["id"].clone();

    for (body, code, field) in [
        (
            json!({"circuits": [{"name": "A路", "capacity_w": 3000}, {"name": "A路", "capacity_w": 1}]}),
            "duplicate_circuit",
            "circuits[1].name",
        ),
        (
            json!({"circuits": [{"name": "C路", "capacity_w": -1}]}),
            "invalid_watts",
            "circuits[0].capacity_w",
        ),
        (
            json!({"circuits": [{"name": "", "capacity_w": 10}]}),
            "invalid_circuit_name",
            "circuits[0].name",
        ),
    ] {
        let r = put(&mut admin, &path, body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code);
        assert_eq!(r.json()["error"]["field"], field);
    }
    let count = entity::circuits::Entity::find()
        .filter(entity::circuits::Column::SiteId.eq(s))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(count, 2, "a refused declaration changes nothing");

    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[0]),
            &json!({"circuit": "A路"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["circuit"], "A路");
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[1]),
            &json!({"circuit": b_id}),
        )
        .await;
    assert_eq!(r.json()["circuit"], "B路", "{}", r.text());
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[2]),
            &json!({"circuit": "Z路"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "unknown_circuit");

    let list = app
        .client()
        .get(&format!("/api/v1/sites/{s}/stalls"))
        .await
        .json();
    let by_id = |id: i32| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id(st[0])["circuit"], "A路");
    assert_eq!(by_id(st[1])["circuit"], "B路");
    assert!(by_id(st[2]).get("circuit").is_none());

    // Untie with null; a circuit that disappears from the declaration takes its ties with it.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[0]),
            &json!({"circuit": null}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json().get("circuit").is_none(), "{}", r.text());
    let r = put(
        &mut admin,
        &path,
        json!({"circuits": [{"name": "A路", "capacity_w": 3500}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let list = app
        .client()
        .get(&format!("/api/v1/sites/{s}/stalls"))
        .await
        .json();
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x.get("circuit").is_none())
    );

    // A vendor, the bureau and a manager of another site may not declare circuits.
    let (mut v, _) = vendor(&app, "服装百货", None).await;
    assert_eq!(
        put(&mut v, &path, json!({"circuits": []})).await.status,
        StatusCode::FORBIDDEN
    );
    let mut other_manager = app.login_as(Role::Manager).await;
    assert_eq!(
        put(&mut other_manager, &path, json!({"circuits": []}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// A site with a 3,000 W circuit feeding stalls 0 and 1 (stall 2 on no circuit), a market with
/// sessions tomorrow and the day after; returns (admin, site, stalls, session ids).
async fn powered_market(app: &TestApp) -> (Client, i32, Vec<i32>, Vec<i64>) {
    let s = site(app, "ELC").await;
    let st = stalls(app, s, "ELC", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = put(
        &mut admin,
        &format!("/api/v1/sites/{s}/circuits"),
        json!({"circuits": [{"name": "东1路", "capacity_w": 3000}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    for stall in &st[..2] {
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/stalls/{stall}"),
                &json!({"circuit": "东1路"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let m = market(&mut admin, &night_market(s, day(1), day(2))).await;
    let list = sessions(&mut admin, m, day(1), day(2)).await;
    let ids = list.iter().map(|x| x["id"].as_i64().unwrap()).collect();
    (admin, s, st, ids)
}

/// New vendors who declared these appliance watts (no cylinders); their ids.
async fn drawing<const N: usize>(app: &TestApp, watts: [i64; N]) -> [i64; N] {
    let mut ids = [0; N];
    for (id, w) in ids.iter_mut().zip(watts) {
        let (mut c, v) = vendor(app, "服装百货", None).await;
        assert_eq!(
            equipment(&mut c, v, w, json!([])).await.status,
            StatusCode::OK
        );
        *id = v;
    }
    ids
}

async fn book(
    c: &mut Client,
    session: i64,
    stall: i32,
    vendor: i64,
) -> crate::support::client::Resp {
    c.post_json(
        "/api/v1/bookings",
        &json!({"session_id": session, "stall_id": stall, "vendor_id": vendor}),
    )
    .await
}

#[tokio::test]
async fn a_booking_that_would_overload_the_circuit_is_409_and_the_session_page_shows_each_load() {
    let app = TestApp::new().await;
    let (mut admin, _, st, sessions) = powered_market(&app).await;
    let [va, vb, vc] = drawing(&app, [2000, 1500, 1000]).await;

    assert_eq!(
        book(&mut admin, sessions[0], st[0], va).await.status,
        StatusCode::CREATED
    );
    let r = book(&mut admin, sessions[0], st[1], vb).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "circuit_overloaded");
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("东1路") && message.contains("3000"),
        "{message}"
    );
    // The same vendor on a stall of no circuit, or on another night, is fine.
    assert_eq!(
        book(&mut admin, sessions[1], st[1], vb).await.status,
        StatusCode::CREATED
    );
    // 2000 + 1000 is exactly the capacity: allowed.
    assert_eq!(
        book(&mut admin, sessions[0], st[1], vc).await.status,
        StatusCode::CREATED
    );
    let booked = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::SessionId.eq(i32::try_from(sessions[0]).unwrap()))
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(booked, 2, "the refused booking wrote nothing");

    let page = admin.get(&format!("/sessions/{}", sessions[0])).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = page.select("table.circuit-loads tbody tr");
    assert_eq!(row.len(), 1, "{}", page.text());
    assert!(
        row[0].contains("东1路") && row[0].contains("3000 W / 3000 W") && row[0].contains("已满"),
        "{}",
        row[0]
    );
    let page = admin.get(&format!("/sessions/{}", sessions[1])).await;
    let row = page.select("table.circuit-loads tbody tr");
    assert!(
        row[0].contains("1500 W / 3000 W") && !row[0].contains("已满"),
        "{}",
        row[0]
    );
}

#[tokio::test]
async fn moving_a_booking_onto_a_full_circuit_is_409_and_moving_within_it_is_fine() {
    let app = TestApp::new().await;
    let (mut admin, _, st, sessions) = powered_market(&app).await;
    let [va, vb] = drawing(&app, [2000, 2000]).await;
    assert_eq!(
        book(&mut admin, sessions[0], st[0], va).await.status,
        StatusCode::CREATED
    );
    // B waits on a stall of no circuit, then is moved next to A: 4000 W on a 3000 W circuit.
    let r = book(&mut admin, sessions[0], st[2], vb).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let moved = r.json()["id"].as_i64().unwrap();
    let r = admin
        .post_json(
            &format!("/api/v1/bookings/{moved}/move"),
            &json!({"stall_id": st[1]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "circuit_overloaded");
    let stall_of = |id: i64| {
        let db = app.conn().clone();
        async move {
            entity::bookings::Entity::find_by_id(id as i32)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .stall_id
        }
    };
    assert_eq!(
        stall_of(moved).await,
        st[2],
        "the refused move changed nothing"
    );
    // A alone moves along the circuit: their own 2000 W are not counted twice.
    let first = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::VendorId.eq(va as i32))
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let r = admin
        .post_json(
            &format!("/api/v1/bookings/{}/move", first.id),
            &json!({"stall_id": st[1]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn a_vendor_whose_cylinder_inspection_lapses_by_the_session_date_is_refused_422() {
    let app = TestApp::new().await;
    let (mut admin, _, st, sessions) = powered_market(&app).await;
    let (mut v, vid) = vendor(&app, "服装百货", None).await;
    // Valid through tomorrow: fine tomorrow, lapsed the day after.
    let r = equipment(
        &mut v,
        vid,
        0,
        json!([{"serial": "GB-7", "inspected_until": day(1).to_string()}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = book(&mut admin, sessions[1], st[2], vid).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "gas_inspection_expired");
    assert_eq!(r.json()["error"]["field"], "vendor_id");
    assert_eq!(
        book(&mut admin, sessions[0], st[2], vid).await.status,
        StatusCode::CREATED
    );
    // The hook the candidates list uses says the same.
    let db = app.conn();
    let vid = i32::try_from(vid).unwrap();
    assert!(
        !nightmarket::vendors::equipment::gas_inspection_lapsed(db, vid, day(1))
            .await
            .unwrap()
    );
    assert!(
        nightmarket::vendors::equipment::gas_inspection_lapsed(db, vid, day(2))
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn two_bookings_racing_onto_the_last_watts_of_a_circuit_do_not_both_succeed() {
    let app = TestApp::new().await;
    let (admin, _, st, sessions) = powered_market(&app).await;
    let [va, vb] = drawing(&app, [2000, 2000]).await;
    for (round, &session) in sessions.iter().take(2).enumerate() {
        let (mut m1, mut m2) = (admin.clone(), admin.clone());
        let (r1, r2) = tokio::join!(
            book(&mut m1, session, st[0], va),
            book(&mut m2, session, st[1], vb)
        );
        let mut statuses = [r1.status.as_u16(), r2.status.as_u16()];
        statuses.sort_unstable();
        assert_eq!(
            statuses,
            [201, 409],
            "round {round}: {} / {}",
            r1.text(),
            r2.text()
        );
        let loser = if r1.status == StatusCode::CONFLICT {
            &r1
        } else {
            &r2
        };
        assert_eq!(loser.error_code(), "circuit_overloaded");
    }
}

#[tokio::test]
async fn the_register_and_circuit_pages_work_without_javascript() {
    let app = TestApp::new().await;
    let (mut v, vid) = vendor(&app, "小吃餐饮", Some(day(300))).await;
    let page = v.get(&format!("/vendors/{vid}/equipment")).await;
    assert_eq!(page.status, StatusCode::OK);
    let until = day(60).to_string();
    let r = v
        .submit(
            &format!("/vendors/{vid}/equipment"),
            &format!("/vendors/{vid}/equipment"),
            &[
                ("appliances_w", "1800"),
                ("serial_0", "MQ-1"),
                ("until_0", &until),
                ("serial_1", ""),
                ("until_1", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(stored(&app, vid).await, (Some(1800), 1));
    let page = v.get(&format!("/vendors/{vid}/equipment")).await;
    assert_eq!(page.attr("#f-serial-0", "value").as_deref(), Some("MQ-1"));
    let past = day(-3).to_string();
    let r = v
        .submit(
            &format!("/vendors/{vid}/equipment"),
            &format!("/vendors/{vid}/equipment"),
            &[
                ("appliances_w", "1800"),
                ("serial_0", "MQ-1"),
                ("until_0", &past),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.select("[role=alert]")[0].contains("过期"), "{}", r.text());
    assert_eq!(stored(&app, vid).await, (Some(1800), 1));

    let s = site(&app, "PGE").await;
    let st = stalls(&app, s, "PGE", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let path = format!("/sites/{s}/circuits");
    assert_eq!(admin.get(&path).await.status, StatusCode::OK);
    let r = admin
        .submit(
            &path,
            &path,
            &[
                ("name_0", "北路"),
                ("capacity_0", "4000"),
                ("name_1", "北路"),
                ("capacity_1", "10"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.select("[role=alert]")[0].contains("同名"), "{}", r.text());
    let r = admin
        .submit(&path, &path, &[("name_0", "北路"), ("capacity_0", "4000")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = admin.get(&path).await;
    let circuit = page.attr("#f-circuit option", "value").unwrap();
    let r = admin
        .submit(
            &path,
            &format!("{path}/stalls"),
            &[("circuit", &circuit), ("codes", "PGE-A-001, PGE-A-002")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let list = app
        .client()
        .get(&format!("/api/v1/sites/{s}/stalls"))
        .await
        .json();
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["circuit"] == "北路"),
        "{list}"
    );
    assert_eq!(st.len(), 2);
    // The bureau may not open either form.
    let mut bureau = app.login_as(Role::Bureau).await;
    assert_eq!(bureau.get(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        bureau
            .get(&format!("/vendors/{vid}/equipment"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// An allocation follows the same two rules: a vendor whose cylinder has lapsed by a night is
/// not placed that night, and a publish that would take a circuit past its capacity is 409
/// `circuit_overloaded` naming the circuit and the night, with nothing written — after the
/// capacity is raised, the same draft publishes.
#[tokio::test]
async fn an_allocation_skips_lapsed_gas_and_its_publish_never_overloads_a_circuit() {
    use crate::allocation::{approved_application, run};
    let app = TestApp::new().await;
    let (mut admin, s, st, sessions) = powered_market(&app).await;
    // All three stalls on the one 3,000 W circuit.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[2]),
            &json!({"circuit": "东1路"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (mut a, va) = vendor(&app, "服装百货", None).await;
    let (mut b, vb) = vendor(&app, "服装百货", None).await;
    let (mut c, vc) = vendor(&app, "服装百货", None).await;
    assert_eq!(
        equipment(&mut a, va, 2000, json!([])).await.status,
        StatusCode::OK
    );
    assert_eq!(
        equipment(&mut b, vb, 2000, json!([])).await.status,
        StatusCode::OK
    );
    let r = equipment(
        &mut c,
        vc,
        0,
        json!([{"serial": "GB-9", "inspected_until": day(1).to_string()}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let market = entity::market_sessions::Entity::find_by_id(i32::try_from(sessions[0]).unwrap())
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .market_id;
    for v in [va, vb, vc] {
        approved_application(&app, v, i64::from(market)).await;
    }
    let draft = run(&mut admin, i64::from(market), "power-2026").await;
    let id = draft["id"].as_i64().unwrap();
    let view = admin.get(&format!("/api/v1/allocations/{id}")).await.json();
    let placed = |vendor: i64, session: i64| {
        view["bookings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["vendor_id"] == vendor && p["session_id"] == session)
    };
    assert!(
        placed(vc, sessions[0]),
        "valid through day 1: placed: {view}"
    );
    assert!(
        !placed(vc, sessions[1]),
        "lapsed on day 2: not placed: {view}"
    );
    assert!(placed(va, sessions[0]) && placed(vb, sessions[0]), "{view}");
    // ...and the run says why, as a hand booking would (one explanation per application).
    let explained = view["explanations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["vendor_id"] == vc)
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        explained["reasons"],
        json!(["gas_inspection_expired"]),
        "{view}"
    );
    let page = admin.get(&format!("/allocations/{id}")).await;
    assert!(
        page.text().contains("燃气安全检查已过期")
            || page.text().contains("Gas safety inspection expired"),
        "the draft page words the reason"
    );

    // A and B together draw 4,000 W on a 3,000 W circuit.
    let publish = format!("/api/v1/allocations/{id}/publish");
    let r = admin.post_json(&publish, &json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "circuit_overloaded");
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("东1路")
            && message.contains(&day(1).to_string())
            && message.contains("4000"),
        "{message}"
    );
    let booked = entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(booked, 0, "nothing published");

    let r = put(
        &mut admin,
        &format!("/api/v1/sites/{s}/circuits"),
        json!({"circuits": [{"name": "东1路", "capacity_w": 5000}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin.post_json(&publish, &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let booked = entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(booked, 5, "3 on day 1, 2 on day 2 (C's gas lapsed)");
}

/// A vendor waitlisted for the market of `session` (applied for its two days).
async fn waitlisted_for(app: &TestApp, admin: &mut Client, session: i64) -> (Client, i64) {
    let market = entity::market_sessions::Entity::find_by_id(i32::try_from(session).unwrap())
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .market_id;
    let (mut c, id) = vendor(app, "服装百货", None).await;
    let applied = (i64::from(market), day(1), day(2), "服装百货");
    crate::market_fixtures::decided_application(admin, &mut c, applied, "waitlist").await;
    (c, id)
}

#[tokio::test]
async fn a_freed_stall_is_offered_only_to_a_waiting_vendor_whose_gas_and_watts_it_can_take() {
    let app = TestApp::new().await;
    let (mut admin, _, st, sessions) = powered_market(&app).await;
    // Stall 0 draws 2,000 W of the circuit's 3,000; stall 1, on the same circuit, is freed.
    let [big] = drawing(&app, [2000]).await;
    assert_eq!(
        book(&mut admin, sessions[0], st[0], big).await.status,
        StatusCode::CREATED
    );
    let (mut leaving, leaving_id) = vendor(&app, "服装百货", None).await;
    let r = book(&mut admin, sessions[0], st[1], leaving_id).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let freed = r.json()["id"].as_i64().unwrap();
    // In line: a 2,500 W grill (the circuit cannot take it), a cylinder whose inspection
    // lapses before the night, then a 500 W lamp.
    let (mut heavy, heavy_id) = waitlisted_for(&app, &mut admin, sessions[0]).await;
    assert_eq!(
        equipment(&mut heavy, heavy_id, 2500, json!([]))
            .await
            .status,
        StatusCode::OK
    );
    let (mut lapsed, lapsed_id) = waitlisted_for(&app, &mut admin, sessions[0]).await;
    let r = equipment(
        &mut lapsed,
        lapsed_id,
        0,
        json!([{"serial": "GB-9", "inspected_until": day(0).to_string()}]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (mut light, light_id) = waitlisted_for(&app, &mut admin, sessions[0]).await;
    assert_eq!(
        equipment(&mut light, light_id, 500, json!([])).await.status,
        StatusCode::OK
    );

    let r = leaving
        .post_json(
            &format!("/api/v1/bookings/{freed}/absence"),
            &json!({"reason": "家里有事"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // Neither the grill nor the lapsed cylinder is asked (accepting could only be refused);
    // the lamp is, and accepting books it.
    assert_eq!(heavy.get("/api/v1/offers").await.json()["total"], 0);
    assert_eq!(lapsed.get("/api/v1/offers").await.json()["total"], 0);
    let offers = light.get("/api/v1/offers").await.json();
    assert_eq!(offers["total"], 1, "{offers}");
    assert_eq!(offers["items"][0]["stall_id"], st[1]);
    let offer = offers["items"][0]["id"].as_i64().unwrap();
    let r = light
        .post_json(&format!("/api/v1/offers/{offer}/accept"), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// The circuit list cannot make a coming night unsafe: a capacity lowered under the watts
/// booked, a circuit removed while it feeds booked stalls, or a booked stall joined to a
/// circuit that cannot carry it are refused, with nothing changed.
#[tokio::test]
async fn circuit_changes_that_would_overload_a_coming_night_are_refused() {
    let app = TestApp::new().await;
    let (mut admin, s, st, sessions) = powered_market(&app).await;
    let [big, lamp] = drawing(&app, [2000, 1500]).await;
    assert_eq!(
        book(&mut admin, sessions[0], st[0], big).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        book(&mut admin, sessions[0], st[2], lamp).await.status,
        StatusCode::CREATED
    );
    let circuits = format!("/api/v1/sites/{s}/circuits");
    let r = put(
        &mut admin,
        &circuits,
        json!({"circuits": [{"name": "东1路", "capacity_w": 1000}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "circuit_overloaded");
    assert!(r.text().contains("2000"), "{}", r.text());
    let r = put(
        &mut admin,
        &circuits,
        json!({"circuits": [{"name": "主回路", "capacity_w": 3000}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.error_code(), "circuit_in_use");
    // Stall 2's 1,500 W on top of 2,000 W: over the 3,000 W circuit.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{}", st[2]),
            &json!({"circuit": "东1路"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    let kept = entity::circuits::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    assert_eq!(
        kept.iter()
            .map(|c| (c.name.as_str(), c.capacity_w))
            .collect::<Vec<_>>(),
        [("东1路", 3000)]
    );
    let joined = entity::stall_circuits::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(joined, 2, "stalls 0 and 1, not 2");
    // Raising the capacity is always fine.
    let r = put(
        &mut admin,
        &circuits,
        json!({"circuits": [{"name": "东1路", "capacity_w": 5000}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}
