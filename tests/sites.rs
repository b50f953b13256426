//! Sites as polygons divided into stalls: GeoJSON in and out, layout, zones, plan, bad input.

use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

const LON: f64 = 100.8120;
const LAT: f64 = 38.4330;
/// Metres per degree near 38.43°N (for building test shapes; the server measures properly).
const M_LON: f64 = 87_300.0;
const M_LAT: f64 = 110_990.0;

fn ring(w: f64, h: f64) -> Vec<[f64; 2]> {
    let (dx, dy) = (w / M_LON, h / M_LAT);
    vec![
        [LON, LAT],
        [LON + dx, LAT],
        [LON + dx, LAT + dy],
        [LON, LAT + dy],
        [LON, LAT],
    ]
}

fn rect(w: f64, h: f64) -> Value {
    json!({"type": "Polygon", "coordinates": [ring(w, h)]})
}

fn site(code: &str, boundary: Value) -> Value {
    json!({"code": code, "name": "测试广场", "kind": "plaza", "boundary": boundary})
}

async fn counts(app: &TestApp) -> (u64, u64) {
    (
        entity::sites::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        entity::stalls::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
    )
}

async fn create(c: &mut Client, code: &str, boundary: Value) -> i64 {
    let r = c.post_json("/api/v1/sites", &site(code, boundary)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

/// Locks a stall (kept as it stands by every re-layout).
async fn lock_stall(c: &mut Client, stall: i64) {
    let r = c
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{stall}"),
            &json!({"locked": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

/// The stall codes a plan page draws, sorted.
fn plan_codes(r: &crate::support::client::Resp) -> Vec<String> {
    let mut v = r.select("svg.plan g.stall title");
    v.sort();
    v
}

async fn lay_out(c: &mut Client, id: i64) -> Value {
    let r = c
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{id}/layout"),
            &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "edge_clearance_m": 0.5}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

#[tokio::test]
async fn a_manager_draws_a_plaza_lays_it_out_and_everyone_sees_the_stalls() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let id = create(&mut m, "SMK", rect(40.0, 30.0)).await;
    let detail = m.get(&format!("/api/v1/sites/{id}")).await.json();
    let area = detail["area_m2"].as_f64().unwrap();
    assert!(
        (area - 1200.0).abs() < 12.0,
        "40 m × 30 m measured as {area} m²"
    );
    assert_eq!(detail["source_crs"], "wgs84");

    let layout = lay_out(&mut m, id).await;
    let count = layout["stall_count"].as_u64().unwrap();
    let bound = layout["pattern_bound"].as_u64().unwrap();
    assert!(count > 0 && count <= bound && bound <= layout["area_bound"].as_u64().unwrap());
    assert_eq!(layout["stalls"].as_array().unwrap().len() as u64, count);
    assert_eq!(layout["stalls"][0]["code"], "SMK-A-001");

    let mut anyone = app.client();
    let stalls = anyone
        .get(&format!("/api/v1/sites/{id}/stalls"))
        .await
        .json();
    assert_eq!(stalls["total"].as_u64(), Some(count));
    assert_eq!(stalls["items"][0]["status"], "active");
    let list = anyone.get("/api/v1/sites").await.json();
    assert_eq!(list["items"][0]["stall_count"].as_u64(), Some(count));

    let fc = anyone
        .get(&format!("/api/v1/sites/{id}/geojson"))
        .await
        .json();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len() as u64, count + 1);
    assert_eq!(features[0]["properties"]["kind"], "site");
    assert_eq!(features[1]["properties"]["kind"], "stall");
    assert_eq!(features[1]["geometry"]["type"], "Polygon");
}

#[tokio::test]
async fn the_same_layout_twice_gives_the_same_stalls_and_codes() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "DET", rect(60.0, 45.0)).await;
    let first = lay_out(&mut admin, id).await;
    let second = lay_out(&mut admin, id).await;
    let shape = |v: &Value| -> Vec<(Value, Value)> {
        v["stalls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["code"].clone(), s["polygon"].clone()))
            .collect()
    };
    assert_eq!(shape(&first), shape(&second));
}

#[tokio::test]
async fn bad_geometry_is_refused_with_the_fault_named_and_nothing_stored() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let bow_tie = json!({"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.0005, LAT + 0.0003], [LON + 0.0005, LAT], [LON, LAT + 0.0003], [LON, LAT]]]});
    let mut unclosed = ring(40.0, 30.0);
    unclosed.pop();
    let hole_outside = json!({"type": "Polygon", "coordinates": [ring(40.0, 30.0), [[LON + 0.01, LAT + 0.01], [LON + 0.0101, LAT + 0.01], [LON + 0.0101, LAT + 0.0101], [LON + 0.01, LAT + 0.01]]]});
    let tiny = json!({"type": "Polygon", "coordinates": [ring(0.5, 0.5)]});
    let huge = json!({"type": "Polygon", "coordinates": [ring(3000.0, 2000.0)]});
    let cases: Vec<(&str, Value)> = vec![
        ("self-intersecting", bow_tie),
        (
            "unclosed",
            json!({"type": "Polygon", "coordinates": [unclosed]}),
        ),
        (
            "three positions",
            json!({"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.001, LAT], [LON, LAT]]]}),
        ),
        (
            "NaN",
            json!({"type": "Polygon", "coordinates": [[[LON, LAT], ["NaN", LAT], [LON, LAT + 0.001], [LON, LAT]]]}),
        ),
        (
            "one number",
            json!({"type": "Polygon", "coordinates": [[[5, 0], [10], [5, 5], [5, 0]]]}),
        ),
        (
            "latitude out of range",
            json!({"type": "Polygon", "coordinates": [[[LON, 95.0], [LON + 0.001, 95.0], [LON, 95.001], [LON, 95.0]]]}),
        ),
        ("hole outside shell", hole_outside),
        ("point", json!({"type": "Point", "coordinates": [LON, LAT]})),
        (
            "line",
            json!({"type": "LineString", "coordinates": [[LON, LAT], [LON + 0.001, LAT]]}),
        ),
        ("under 1 m²", tiny),
        ("over 5 km²", huge),
        ("not GeoJSON", json!("a string")),
    ];
    let before = counts(&app).await;
    for (i, (name, boundary)) in cases.into_iter().enumerate() {
        let r = admin
            .post_json("/api/v1/sites", &site(&format!("BAD{i}"), boundary))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), "invalid_geometry", "{name}");
        assert_eq!(r.json()["error"]["field"], "boundary", "{name}");
    }
    // The message names where: "the outer ring crosses itself near 100.8…, 38.43…".
    let mut en = admin.clone();
    en.headers
        .insert(http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let bow = json!({"type": "Polygon", "coordinates": [[[LON, LAT], [LON + 0.0005, LAT + 0.0003], [LON + 0.0005, LAT], [LON, LAT + 0.0003], [LON, LAT]]]});
    let msg = en
        .post_json("/api/v1/sites", &site("BOW", bow))
        .await
        .json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        msg.contains("the outer ring") && msg.contains("100.81"),
        "{msg}"
    );
    assert_eq!(counts(&app).await, before, "nothing stored");
}

#[tokio::test]
async fn oversized_input_is_refused_and_the_server_stays_up() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let many: Vec<[f64; 2]> = (0..100_000)
        .map(|i| {
            let a = f64::from(i) / 100_000.0 * std::f64::consts::TAU;
            [LON + 0.001 * a.cos(), LAT + 0.001 * a.sin()]
        })
        .chain(std::iter::once([LON + 0.001, LAT]))
        .collect();
    let r = admin
        .post_json(
            "/api/v1/sites",
            &site("MANY", json!({"type": "Polygon", "coordinates": [many]})),
        )
        .await;
    assert!(
        r.status == StatusCode::PAYLOAD_TOO_LARGE || r.status == StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        r.status
    );
    let twenty_mb = vec![b' '; 20 * 1024 * 1024];
    let r = admin
        .raw(
            Method::POST,
            "/api/v1/sites",
            "application/json",
            &twenty_mb,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.error_code(), "payload_too_large");
    assert_eq!(admin.get("/healthz").await.status, StatusCode::OK);
}

#[tokio::test]
async fn absurd_layout_sizes_are_refused_naming_the_field() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "SZ", rect(40.0, 30.0)).await;
    lay_out(&mut admin, id).await;
    let before = counts(&app).await;
    for (field, value) in [
        ("stall_width_m", 0.0),
        ("stall_depth_m", -2.0),
        ("aisle_width_m", 51.0),
        ("stall_width_m", 500.0),
        ("orientation_deg", 1e308),
    ] {
        let mut body = json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0});
        body[field] = json!(value);
        let r = admin
            .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body)
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert_eq!(r.error_code(), "invalid_layout");
        assert_eq!(r.json()["error"]["field"], field);
    }
    let r = admin
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "orientation_deg": 400}))
        .await;
    assert!(r.text().contains("排列方向 400° 超出范围"), "{}", r.text());
    let r = admin
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "mode": "spiral"}))
        .await;
    assert_eq!(r.json()["error"]["field"], "mode");
    assert_eq!(counts(&app).await, before, "the old stalls are untouched");
}

#[tokio::test]
async fn keep_clear_zones_stay_empty_and_food_zones_tag_their_stalls() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "ZN", rect(60.0, 40.0)).await;
    let plain = lay_out(&mut admin, id).await["stall_count"]
        .as_u64()
        .unwrap();

    let half = json!({"type": "Polygon", "coordinates": [[[LON - 0.0001, LAT - 0.0001], [LON + 30.0 / M_LON, LAT - 0.0001],
        [LON + 30.0 / M_LON, LAT + 41.0 / M_LAT], [LON - 0.0001, LAT + 41.0 / M_LAT], [LON - 0.0001, LAT - 0.0001]]]});
    let r = admin
        .post_json(
            &format!("/api/v1/sites/{id}/zones"),
            &json!({"name": "小吃区", "kind": "food", "boundary": half}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let lane = json!({"type": "LineString", "coordinates": [[LON + 45.0 / M_LON, LAT - 0.0001], [LON + 45.0 / M_LON, LAT + 41.0 / M_LAT]]});
    let r = admin
        .post_json(
            &format!("/api/v1/sites/{id}/zones"),
            &json!({"name": "消防通道", "kind": "fire_lane", "boundary": lane, "width_m": 4.0}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let zones = admin.get(&format!("/api/v1/sites/{id}/zones")).await.json();
    assert_eq!(zones["total"], 2);

    let zoned = lay_out(&mut admin, id).await["stall_count"]
        .as_u64()
        .unwrap();
    assert!(
        zoned < plain,
        "the fire lane takes stalls away ({zoned} vs {plain})"
    );
    let stalls = admin
        .get(&format!("/api/v1/sites/{id}/stalls"))
        .await
        .json();
    let items = stalls["items"].as_array().unwrap();
    let food = items.iter().filter(|s| s["zone"] == "food").count();
    assert!(
        food > 0 && food < items.len(),
        "{food} of {} stalls in the food zone",
        items.len()
    );

    let r = admin
        .post_json(
            &format!("/api/v1/sites/{id}/zones"),
            &json!({"name": "x", "kind": "lava", "boundary": half}),
        )
        .await;
    assert_eq!(r.json()["error"]["field"], "kind");
    let r = admin
        .post_json(
            &format!("/api/v1/sites/{id}/zones"),
            &json!({"name": "x", "kind": "fire_lane", "boundary": lane}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a line needs a width"
    );
}

#[tokio::test]
async fn a_site_drawn_on_amap_in_gcj02_is_stored_in_wgs84() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = admin
        .post_json(
            "/api/v1/sites",
            &json!({"code": "GCJ", "name": "高德取点", "kind": "plaza", "crs": "gcj02", "boundary": rect(40.0, 30.0)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let body = r.json();
    assert_eq!(body["source_crs"], "gcj02");
    // GCJ-02 is offset by a few hundred metres in China: the stored centroid moved west/south.
    let centroid = body["centroid"].as_array().unwrap();
    let (clon, clat) = (centroid[0].as_f64().unwrap(), centroid[1].as_f64().unwrap());
    let shift_m =
        (((LON + 20.0 / M_LON) - clon) * M_LON).hypot(((LAT + 15.0 / M_LAT) - clat) * M_LAT);
    assert!((100.0..1000.0).contains(&shift_m), "shifted {shift_m} m");
    let r = admin
        .post_json("/api/v1/sites", &json!({"code": "X1", "name": "x", "kind": "plaza", "crs": "mercator", "boundary": rect(40.0, 30.0)}))
        .await;
    assert_eq!(r.json()["error"]["field"], "crs");
}

#[tokio::test]
async fn codes_are_unique_and_managers_change_only_their_own_sites() {
    let app = TestApp::new().await;
    let mut owner = app.login_as(Role::Manager).await;
    let id = create(&mut owner, "OWN", rect(40.0, 30.0)).await;
    let r = owner
        .post_json("/api/v1/sites", &site("own", rect(40.0, 30.0)))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "code_taken");

    let mut other = app.login_as(Role::Manager).await;
    let r = other
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{id}/layout"),
            &json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other
        .json(
            Method::PATCH,
            &format!("/api/v1/sites/{id}"),
            &json!({"name": "抢来的"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.get("/api/v1/sites/999999").await.status,
        StatusCode::NOT_FOUND
    );

    let r = owner
        .json(
            Method::PATCH,
            &format!("/api/v1/sites/{id}"),
            &json!({"name": "东广场", "kind": "other"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["name"], "东广场");
}

#[tokio::test]
async fn a_disabled_stall_shows_as_disabled_in_words_on_the_plan() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "PLN", rect(40.0, 30.0)).await;
    let layout = lay_out(&mut admin, id).await;
    let stall_id = layout["stalls"][0]["id"].as_i64().unwrap();
    let code = layout["stalls"][0]["code"].as_str().unwrap().to_owned();
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{stall_id}"),
            &json!({"status": "disabled", "power": true, "premium": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "disabled");
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{stall_id}"),
            &json!({"status": "broken"}),
        )
        .await;
    assert_eq!(r.json()["error"]["field"], "status");

    let mut visitor = app.client();
    let page = visitor.get(&format!("/sites/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let drawn = page.select("svg.plan g.stall");
    assert_eq!(drawn.len() as u64, layout["stall_count"].as_u64().unwrap());
    assert_eq!(page.select("svg.plan g.st-disabled").len(), 1);
    assert!(page.select("svg.plan g.st-disabled text")[0].ends_with('×'));
    assert_eq!(page.select("svg.plan .north text"), vec!["北"]);
    assert!(page.select("svg.plan .scale text")[0].ends_with(" m"));
    let row = page.select(&format!("tr[id='stall-{code}'] td"));
    assert_eq!(row[1], "停用");
    assert_eq!(row[2], "是");
    assert!(
        page.select("form.stall-edit").is_empty(),
        "visitors get no edit forms"
    );
}

#[tokio::test]
async fn the_layout_is_previewed_before_it_replaces_the_stalls() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "PRV", rect(50.0, 30.0)).await;
    let params = [
        ("stall_width_m", "3"),
        ("stall_depth_m", "2.5"),
        ("aisle_width_m", "3"),
        ("edge_clearance_m", "0.5"),
        ("mode", "auto"),
    ];
    let page = format!("/sites/{id}");
    let preview = admin
        .submit(&page, &format!("/sites/{id}/layout/preview"), &params)
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    let previewed = preview.select("svg.plan g.stall").len();
    assert!(previewed > 0);
    assert_eq!(counts(&app).await.1, 0, "a preview saves nothing");

    let accept = admin
        .submit(&page, &format!("/sites/{id}/layout"), &params)
        .await;
    assert_eq!(accept.status, StatusCode::SEE_OTHER);
    assert_eq!(
        counts(&app).await.1 as usize,
        previewed,
        "accepting saves what was previewed"
    );

    // Laid out again with the same sizes, every stall stays where it stands: the preview says
    // so and draws them under their saved codes.
    let again = admin
        .submit(&page, &format!("/sites/{id}/layout/preview"), &params)
        .await;
    assert_eq!(again.status, StatusCode::OK);
    let note = again.select("section.preview p.note").join(" ");
    assert!(
        note.contains("保持原位") && note.contains(&previewed.to_string()),
        "{note} ({previewed} stalls)"
    );
    let saved = admin.get(&page).await;
    assert_eq!(
        plan_codes(&again),
        plan_codes(&saved),
        "the preview draws other stalls than those saved"
    );

    let bad = admin
        .submit(
            &page,
            &format!("/sites/{id}/layout/preview"),
            &[
                ("stall_width_m", "abc"),
                ("stall_depth_m", "2.5"),
                ("aisle_width_m", "3"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.attr("#f-stall_width_m", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        (
            bad.attr("#f-stall_width_m", "value").as_deref(),
            bad.attr("#f-stall_depth_m", "value").as_deref()
        ),
        (Some("abc"), Some("2.5")),
        "what was typed comes back"
    );
    // Three faults at once: each field says its own, not one per attempt.
    let bad = admin
        .submit(
            &page,
            &format!("/sites/{id}/layout/preview"),
            &[
                ("stall_width_m", "abc"),
                ("stall_depth_m", "0"),
                ("aisle_width_m", "3"),
                ("orientation_deg", "720"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["stall_width_m", "stall_depth_m", "orientation_deg"] {
        assert_eq!(
            bad.attr(&format!("#f-{field}"), "aria-invalid").as_deref(),
            Some("true"),
            "{field}"
        );
    }
    assert_eq!(bad.attr("#f-aisle_width_m", "aria-invalid"), None);
    // Full-width digits, as a Chinese input method types them.
    let wide = admin
        .submit(
            &page,
            &format!("/sites/{id}/layout/preview"),
            &[
                ("stall_width_m", "３"),
                ("stall_depth_m", "２.５"),
                ("aisle_width_m", "3"),
            ],
        )
        .await;
    assert_eq!(wide.status, StatusCode::OK, "{}", wide.text());
}

#[tokio::test]
async fn a_site_is_created_by_pasting_geojson_into_the_form() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let feature =
        json!({"type": "Feature", "properties": {}, "geometry": rect(40.0, 30.0)}).to_string();
    let ok = m
        .submit_multipart(
            "/sites/new",
            "/sites/new",
            &[
                ("code", "frm"),
                ("name", "表单广场"),
                ("kind", "plaza"),
                ("crs", "wgs84"),
                ("boundary", &feature),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let plan = m.get(&ok.location()).await;
    assert_eq!(plan.select("h1"), vec!["表单广场"]);
    assert!(
        !plan.select("form#layout").is_empty(),
        "the creator may lay it out"
    );

    let bad = m
        .submit_multipart(
            "/sites/new",
            "/sites/new",
            &[
                ("code", "FRM2"),
                ("name", "x"),
                ("kind", "plaza"),
                ("crs", "wgs84"),
                ("boundary", "{not json"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.select("#f-boundary ~ p.error").len(), 1);
    assert_eq!(
        bad.attr("#f-code", "value").as_deref(),
        Some("FRM2"),
        "what was typed is kept"
    );
}

#[tokio::test]
async fn an_empty_site_form_names_every_missing_field_at_once() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let empty = m
        .submit_multipart(
            "/sites/new",
            "/sites/new",
            &[
                ("code", ""),
                ("name", " "),
                ("kind", "plaza"),
                ("crs", "wgs84"),
                ("boundary", ""),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["code", "name"] {
        assert_eq!(
            empty
                .attr(&format!("#f-{field}"), "aria-invalid")
                .as_deref(),
            Some("true"),
            "{field} is marked"
        );
    }
    let outline = empty.select("#f-boundary ~ p.error");
    assert_eq!(outline.len(), 1);
    assert!(
        outline[0].contains("请给出场地边界") && !outline[0].contains("不是有效的"),
        "an empty outline is missing, not bad JSON: {outline:?}"
    );
    let summary = empty.select("p.error-message");
    assert!(
        summary.len() == 1 && summary[0].contains("有 3 处需要修改"),
        "{summary:?}"
    );
    let after = m.get("/api/v1/sites").await.json();
    assert_eq!(
        after["items"].as_array().unwrap().len(),
        0,
        "nothing stored"
    );
}

#[tokio::test]
async fn the_demo_sites_get_their_stalls_from_the_engine() {
    let (app, _) = TestApp::with_demo().await;
    let mut c = app.client();
    let sites = c.get("/api/v1/sites").await.json();
    let items = sites["items"].as_array().unwrap();
    assert_eq!(items[0]["code"], "WCL");
    assert_eq!(items[1]["code"], "CFP");
    let street = items[0]["stall_count"].as_u64().unwrap();
    // 400 m of street, 3 m frontage, both sides of a central lane: close to 2·⌊400/3⌋.
    assert!(
        (250..=266).contains(&street),
        "Wenchang Road has {street} stalls"
    );
    let plaza = items[1]["stall_count"].as_u64().unwrap();
    assert!(plaza > 250, "Fortune Plaza has {plaza} stalls");
    let detail = c
        .get(&format!("/api/v1/sites/{}", items[1]["id"]))
        .await
        .json();
    assert!(detail["note"].as_str().unwrap().contains("非测绘数据"));
    // The county's own words only: no English in a Chinese page's data.
    assert!(!detail["note"].as_str().unwrap().contains("surveyed"));
    assert_eq!(detail["boundary"]["type"], "Polygon");
    assert_eq!(
        detail["boundary"]["coordinates"].as_array().unwrap().len(),
        2,
        "the fountain is a hole"
    );
}

#[tokio::test]
async fn a_booked_layout_cannot_be_replaced_and_past_bookings_keep_their_stalls() {
    use crate::market_fixtures::{book_tomorrow, move_into_past};
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "USE", rect(40.0, 30.0)).await;
    let first = lay_out(&mut admin, id).await;
    let stall = first["stalls"][0]["id"].as_i64().unwrap();
    let session = book_tomorrow(&app, &mut admin, id, stall).await;

    let body = json!({"stall_width_m": 2.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0});
    let r = admin
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "layout_in_use");
    let code = first["stalls"][0]["code"].as_str().unwrap();
    let told = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        told.contains(code) && told.contains("锁定"),
        "the manager is told which stall is booked and that locking it is a way out: {told}"
    );

    // The market night is over: the booking is history now, and the site may be laid out anew.
    move_into_past(&app, session).await;
    let r = admin
        .json(Method::PUT, &format!("/api/v1/sites/{id}/layout"), &body)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let count = r.json()["stall_count"].as_u64().unwrap();

    let kept = entity::stalls::Entity::find_by_id(stall as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.status.as_str(), "retired");
    let bookings = entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(bookings, 1, "the past booking survives the new layout");
    let listed = admin
        .get(&format!("/api/v1/sites/{id}/stalls"))
        .await
        .json();
    assert_eq!(
        listed["total"].as_u64(),
        Some(count),
        "retired stalls are not offered"
    );
    assert_eq!(listed["items"][0]["code"], "USE-A-001");
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/stalls/{stall}"),
            &json!({"status": "active"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_manager_locks_the_booked_stalls_named_and_lays_the_site_out_around_them() {
    use crate::market_fixtures::{book_tomorrow, vendor};
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    admin
        .headers
        .insert("accept-language", "en".parse().unwrap());
    let id = create(&mut admin, "LCK", rect(40.0, 30.0)).await;
    let first = lay_out(&mut admin, id).await;
    let booked: Vec<(i64, String)> = [0, 5]
        .iter()
        .map(|&k| {
            let s = &first["stalls"][k];
            (
                s["id"].as_i64().unwrap(),
                s["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let session = book_tomorrow(&app, &mut admin, id, booked[0].0).await;
    let (_, vendor) = vendor(&app, "手工文创", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session, "stall_id": booked[1].0, "vendor_id": vendor}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let narrower = json!({"stall_width_m": 2.5, "stall_depth_m": 2.5, "aisle_width_m": 3.0});
    let put = format!("/api/v1/sites/{id}/layout");
    let r = admin.json(Method::PUT, &put, &narrower).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let told = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        told.starts_with("2 stalls are booked") && told.contains("Lock the booked stalls"),
        "{told}"
    );
    for (_, code) in &booked {
        assert!(told.contains(code.as_str()), "{code} named in: {told}");
    }

    // One of them locked: the other still stands in the way, and is the only one named.
    let lock = |stall: i64| format!("/api/v1/stalls/{stall}");
    let r = admin
        .json(Method::PATCH, &lock(booked[0].0), &json!({"locked": true}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin.json(Method::PUT, &put, &narrower).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let told = r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        told.starts_with(&format!("Stall {} is booked", booked[1].1)),
        "{told}"
    );
    assert!(!told.contains(booked[0].1.as_str()), "{told}");

    // Both locked: the site is laid out around them, and they keep their ids and codes.
    let r = admin
        .json(Method::PATCH, &lock(booked[1].0), &json!({"locked": true}))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin.json(Method::PUT, &put, &narrower).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let stalls = r.json()["stalls"].as_array().unwrap().clone();
    for (stall, code) in &booked {
        assert!(
            stalls
                .iter()
                .any(|s| s["id"] == *stall && s["code"] == code.as_str()),
            "the booked stall {code} stays"
        );
    }
    let bookings = entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(bookings, 2, "both bookings still hold");
}

#[tokio::test]
async fn a_layout_refused_for_bookings_names_the_booked_stalls_and_leads_to_them_in_the_editor() {
    use crate::market_fixtures::book_tomorrow;
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "BKD", rect(40.0, 30.0)).await;
    let first = lay_out(&mut admin, id).await;
    let (stall, code) = (
        first["stalls"][3]["id"].as_i64().unwrap(),
        first["stalls"][3]["code"].as_str().unwrap().to_owned(),
    );
    book_tomorrow(&app, &mut admin, id, stall).await;
    let params = [
        ("stall_width_m", "2.5"),
        ("stall_depth_m", "2.5"),
        ("aisle_width_m", "3"),
        ("mode", "auto"),
    ];
    let page = format!("/sites/{id}");
    let link = format!("/sites/{id}/editor?sel=booked#editor-plan");
    // The preview is drawn, but names the booked stall where its accept button would be.
    let preview = admin
        .submit(&page, &format!("/sites/{id}/layout/preview"), &params)
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(!preview.select("svg.plan g.stall").is_empty());
    let told = preview.select("section.preview p.error-message").join(" ");
    assert!(told.contains(&code) && told.contains("锁定"), "{told}");
    assert!(
        preview.select("section.preview form button").is_empty(),
        "nothing to accept"
    );
    assert_eq!(
        preview.attr("section.preview a", "href").as_deref(),
        Some(link.as_str())
    );
    assert!(
        preview.select("form#layout p.error-message").is_empty(),
        "said once"
    );
    // Accepted all the same (the parameters sent by hand): refused at the layout form.
    let accept = admin
        .submit(&page, &format!("/sites/{id}/layout"), &params)
        .await;
    assert_eq!(accept.status, StatusCode::CONFLICT);
    let told = accept.select("form#layout p.error-message").join(" ");
    assert!(told.contains(&code), "{told}");
    assert_eq!(
        accept.attr("form#layout a", "href").as_deref(),
        Some(link.as_str())
    );
    let editor = admin.get(&format!("/sites/{id}/editor?sel=booked")).await;
    assert_eq!(editor.status, StatusCode::OK);
    let ticked = editor.select("input[name=ids][checked]");
    assert_eq!(ticked.len(), 1, "only the booked stall is selected");
    assert_eq!(
        editor.attr("input[name=ids][checked]", "value").as_deref(),
        Some(stall.to_string().as_str())
    );
    assert_eq!(
        counts(&app).await.1 as usize,
        first["stall_count"].as_u64().unwrap() as usize
    );
}

/// A food zone drawn over stalls a manager locked: a re-layout keeps them as they stand, and
/// they carry the zone like every other stall inside it (they had kept none).
#[tokio::test]
async fn locked_stalls_inside_a_new_food_zone_carry_it_after_a_relayout() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "ZL", rect(60.0, 40.0)).await;
    lay_out(&mut admin, id).await;
    let stalls = admin
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    let left: Vec<i64> = stalls["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["polygon"]["coordinates"][0]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p[0].as_f64().unwrap() < LON + 20.0 / M_LON)
        })
        .map(|s| s["id"].as_i64().unwrap())
        .take(3)
        .collect();
    assert_eq!(left.len(), 3, "stalls in the left third");
    for stall in &left {
        lock_stall(&mut admin, *stall).await;
    }
    let half = json!({"type": "Polygon", "coordinates": [[[LON - 0.0001, LAT - 0.0001], [LON + 30.0 / M_LON, LAT - 0.0001],
        [LON + 30.0 / M_LON, LAT + 41.0 / M_LAT], [LON - 0.0001, LAT + 41.0 / M_LAT], [LON - 0.0001, LAT - 0.0001]]]});
    let r = admin
        .post_json(
            &format!("/api/v1/sites/{id}/zones"),
            &json!({"name": "小吃区", "kind": "food", "boundary": half}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    lay_out(&mut admin, id).await;
    let after = admin
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    for stall in &left {
        let s = after["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == *stall)
            .expect("the locked stall stands");
        assert_eq!(s["locked"], true);
        assert_eq!(s["zone"], "food", "{s}");
    }
}

/// A preview around locked stalls shows what accepting will save: the locked stalls drawn and
/// counted with the new ones, and every new stall under the code it will be given.
#[tokio::test]
async fn the_preview_around_locked_stalls_shows_the_count_and_codes_that_will_be_saved() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "PLK", rect(60.0, 40.0)).await;
    lay_out(&mut admin, id).await;
    let stalls = admin
        .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
        .await
        .json();
    for s in stalls["items"].as_array().unwrap().iter().step_by(4) {
        lock_stall(&mut admin, s["id"].as_i64().unwrap()).await;
    }
    // Other sizes: the rest is laid out anew around the locked stalls.
    let params = [
        ("stall_width_m", "2.5"),
        ("stall_depth_m", "2"),
        ("aisle_width_m", "3"),
        ("edge_clearance_m", "0.5"),
        ("mode", "auto"),
    ];
    let page = format!("/sites/{id}");
    let preview = admin
        .submit(&page, &format!("/sites/{id}/layout/preview"), &params)
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    let previewed = plan_codes(&preview);
    let placed: usize = preview.select("section.preview dl.figures dd")[0]
        .parse()
        .unwrap();
    assert_eq!(placed, previewed.len(), "the figure counts what is drawn");
    let accept = admin
        .submit(&page, &format!("/sites/{id}/layout"), &params)
        .await;
    assert_eq!(accept.status, StatusCode::SEE_OTHER, "{}", accept.text());
    let saved = admin.get(&page).await;
    assert_eq!(
        previewed,
        plan_codes(&saved),
        "the codes announced are the codes saved"
    );
}

/// An outline drawn smaller leaves stalls outside until the site is laid out again: the plan
/// warns the manager, and the open data does not publish them to residents meanwhile.
#[tokio::test]
async fn stalls_left_outside_a_smaller_outline_are_not_published() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let id = create(&mut admin, "OUT", rect(60.0, 40.0)).await;
    let laid = lay_out(&mut admin, id).await;
    let all = laid["stall_count"].as_u64().unwrap() as usize;
    let date = chrono::Utc::now()
        .with_timezone(&nightmarket::clock::shanghai())
        .date_naive();
    // Served once before the change: what is kept must not outlive it.
    let before = app
        .client()
        .get(&format!("/api/v1/open/stalls.geojson?date={date}"))
        .await
        .json();
    assert_eq!(before["features"].as_array().unwrap().len(), all);
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/sites/{id}"),
            &json!({"boundary": rect(30.0, 40.0)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let open = app
        .client()
        .get(&format!("/api/v1/open/stalls.geojson?date={date}"))
        .await
        .json();
    let features = open["features"].as_array().unwrap();
    assert!(
        !features.is_empty() && features.len() < all,
        "{} of {all}",
        features.len()
    );
    for f in features {
        let ring = f["geometry"]["coordinates"][0].as_array().unwrap();
        let west = ring
            .iter()
            .map(|p| p[0].as_f64().unwrap())
            .fold(f64::MAX, f64::min);
        assert!(west < LON + 30.0 / M_LON, "{f}");
    }
    let page = admin.get(&format!("/sites/{id}")).await;
    assert!(
        !page.select("p.error-message[role=alert]").is_empty(),
        "the manager is warned"
    );
}
