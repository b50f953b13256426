//! The manager's workbench (issue 16, points 1 and 3): a site outlined by a pasted coordinate
//! list or traced over an image (the map's clicking is in `browser::workbench`), a refused
//! outline marked at its place, and plans readable at any length: a long street in segments
//! with every code ≥ 11 px on a phone, and "find a stall" on every plan.

use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::Value;

async fn site_count(app: &TestApp) -> u64 {
    entity::sites::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A multipart body with text fields and one file, posted with the page's CSRF token.
async fn submit_with_file(
    c: &mut Client,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> crate::support::client::Resp {
    let token = c.csrf_from("/sites/new").await;
    let boundary = "----workbench-boundary";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"plan.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let uri = format!(
        "/sites/new?_csrf={}",
        token
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    );
    c.raw(
        Method::POST,
        &uri,
        &format!("multipart/form-data; boundary={boundary}"),
        &body,
    )
    .await
}

fn base<'a>(code: &'a str, crs: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("name", "坐标广场"),
        ("kind", "plaza"),
        ("crs", crs),
    ]
}

async fn boundary_of(c: &mut Client, location: &str) -> Value {
    let id = location.trim_start_matches("/sites/");
    c.get(&format!("/api/v1/sites/{id}")).await.json()
}

/// A 60 m × 40 m rectangle near Minle as Amap's picker (GCJ-02) gives it, one point a line.
const AMAP_POINTS: &str =
    "100.8171,38.4345\n100.8178,38.4345\n100.8178,38.43486\n100.8171,38.43486";

#[tokio::test]
async fn a_coordinate_list_from_a_picker_becomes_a_site_converted_to_wgs84() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let mut fields = base("AMAP", "gcj02");
    fields.push(("points", AMAP_POINTS));
    let ok = m
        .submit_multipart("/sites/new", "/sites/new", &fields)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let site = boundary_of(&mut m, &ok.location()).await;
    let first = &site["boundary"]["coordinates"][0][0];
    let lon = first[0].as_f64().unwrap();
    // GCJ-02 is several hundred metres off WGS-84 here: the stored point is not the typed one.
    assert!((lon - 100.8171).abs() > 0.001, "stored {lon} unconverted");
    let area = site["area_m2"].as_f64().unwrap();
    assert!((2_300.0..2_500.0).contains(&area), "area {area}");

    // Tencent's `lat,lng` order and `;` separators, Baidu's BD-09: accepted too.
    let mut fields = base("TXBD", "bd09");
    let semis = "38.4345,100.8171;38.4345,100.8178;38.43486,100.8178;38.43486,100.8171";
    fields.push(("points", semis));
    let ok = m
        .submit_multipart("/sites/new", "/sites/new", &fields)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
}

#[tokio::test]
async fn a_bad_coordinate_list_is_refused_at_the_list_in_words_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let cases = [
        ("wgs84", "100.81,38.43\n100.82,38.43", "3"),
        ("wgs84", "100.81,38.43\n100.82,北\n100.82,38.44", "北"),
        ("gcj02", "2.35,48.85\n2.36,48.85\n2.36,48.86", "GCJ-02"),
    ];
    for (crs, points, words) in cases {
        let mut fields = base("BAD", crs);
        fields.push(("points", points));
        let bad = m
            .submit_multipart("/sites/new", "/sites/new", &fields)
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{points}");
        let errors = bad.select("#f-points ~ p.error");
        assert_eq!(errors.len(), 1, "{points}: {}", bad.text());
        assert!(errors[0].contains(words), "{points}: {}", errors[0]);
        assert_eq!(
            bad.select("#f-points").first().map(|t| t.trim().to_owned()),
            Some(points.to_owned()),
            "what was pasted is kept"
        );
        assert!(
            bad.html()
                .select(&scraper::Selector::parse("details#way-points[open]").unwrap())
                .next()
                .is_some()
        );
    }
    assert_eq!(site_count(&app).await, 0);
}

const PNG_HEAD: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[tokio::test]
async fn an_outline_traced_over_an_image_is_placed_by_two_reference_points_or_by_scale_and_rotation()
 {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    // A 200 × 100 px plan at 0.4 m a pixel, north up: 80 m × 40 m.
    let trace = "0,0\n200,0\n200,100\n0,100";
    let mut two = base("IMGA", "wgs84");
    two.extend([
        ("trace_px", trace),
        ("ref_a_px", "0,100"),
        ("ref_a", "100.8100,38.4300"),
        ("ref_b_px", "200,100"),
        // 80 m east of A at 38.43°N.
        ("ref_b", "100.81091645,38.4300"),
    ]);
    let ok = submit_with_file(&mut m, &two, Some(("trace_image", PNG_HEAD))).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let area = boundary_of(&mut m, &ok.location()).await["area_m2"]
        .as_f64()
        .unwrap();
    assert!((3_150.0..3_250.0).contains(&area), "two points: {area} m²");

    let mut one = base("IMGB", "wgs84");
    one.extend([
        ("trace_px", trace),
        ("ref_a_px", "0,100"),
        ("ref_a", "100.8100,38.4300"),
        ("scale_m_per_px", "0.4"),
        ("rotation_deg", "30"),
    ]);
    let jpeg: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
    let ok = submit_with_file(&mut m, &one, Some(("trace_image", jpeg))).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let area = boundary_of(&mut m, &ok.location()).await["area_m2"]
        .as_f64()
        .unwrap();
    assert!(
        (3_150.0..3_250.0).contains(&area),
        "scale and rotation: {area} m²"
    );
}

#[tokio::test]
async fn a_file_that_is_not_an_image_or_coinciding_reference_points_are_refused_where_they_are() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    let mut fields = base("IMGX", "wgs84");
    fields.extend([
        ("trace_px", "0,0\n200,0\n200,100"),
        ("ref_a_px", "0,100"),
        ("ref_a", "100.8100,38.4300"),
        ("ref_b_px", "200,100"),
        ("ref_b", "100.8109,38.4300"),
    ]);
    let text = b"<svg xmlns='http://www.w3.org/2000/svg'/>";
    let bad = submit_with_file(&mut m, &fields, Some(("trace_image", text))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let err = bad.select("#f-trace_image-err");
    assert_eq!(err.len(), 1, "{}", bad.text());
    assert!(err[0].contains("PNG"), "{}", err[0]);

    let mut same = fields.clone();
    same.retain(|(k, _)| *k != "ref_b_px");
    same.push(("ref_b_px", "0,100"));
    let bad = submit_with_file(&mut m, &same, Some(("trace_image", PNG_HEAD))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.attr("#f-ref_b_px", "aria-invalid").as_deref(),
        Some("true"),
        "{}",
        bad.text()
    );
    assert!(bad.select("#f-ref_b_px ~ p.error")[0].contains("重合"));

    let mut same_place = fields.clone();
    same_place.retain(|(k, _)| *k != "ref_b");
    same_place.push(("ref_b", "100.8100,38.4300"));
    let bad = submit_with_file(&mut m, &same_place, Some(("trace_image", PNG_HEAD))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.attr("#f-ref_b", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(site_count(&app).await, 0);
}

#[tokio::test]
async fn a_refused_outline_is_marked_on_the_map_where_the_fault_is() {
    let app = TestApp::new().await;
    let mut m = app.login_as(Role::Manager).await;
    // A bow tie: the two edges cross at its middle, (100.8105, 38.4305).
    let mut fields = base("BOW", "wgs84");
    fields.push((
        "points",
        "100.810,38.430\n100.811,38.431\n100.811,38.430\n100.810,38.431",
    ));
    let bad = m
        .submit_multipart("/sites/new", "/sites/new", &fields)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fault = bad.attr("#site-map", "data-fault").expect("a fault marker");
    let at: Vec<f64> = fault.split(',').map(|v| v.parse().unwrap()).collect();
    assert!(
        (at[0] - 100.8105).abs() < 1e-4 && (at[1] - 38.4305).abs() < 1e-4,
        "{fault}"
    );
    let words = bad.attr("#site-map", "data-fault-text").unwrap();
    assert!(!words.is_empty());
    assert_eq!(site_count(&app).await, 0);
}

#[tokio::test]
async fn the_map_uses_the_configured_tiles_and_the_page_allows_exactly_their_host() {
    let app = TestApp::with_config(|c| {
        c.map_tiles_url = Some(
            "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY"
                .into(),
        );
    })
    .await;
    let mut m = app.login_as(Role::Manager).await;
    let page = m.get("/sites/new").await;
    assert!(
        page.attr("#site-map", "data-tiles")
            .unwrap()
            .contains("tianditu")
    );
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("img-src 'self' data: blob: https://*.tianditu.gov.cn;"),
        "{csp}"
    );
    assert!(!csp.contains("script-src 'self' http"), "{csp}");

    let plain = TestApp::new().await;
    let mut m = plain.login_as(Role::Manager).await;
    let page = m.get("/sites/new").await;
    assert_eq!(
        page.attr("#site-map", "data-tiles"),
        None,
        "no tiles: the grid"
    );
    let lib = m.get("/assets/leaflet-1.9.4.js").await;
    assert_eq!(lib.status, StatusCode::OK);
    let cache = lib
        .headers
        .get("cache-control")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cache.contains("max-age=31536000"), "{cache}");
    assert_eq!(
        m.get("/assets/leaflet-1.9.4.LICENSE.txt").await.status,
        StatusCode::OK
    );
}

/// The stall-code fonts of a page's plan, in CSS px at the width a 390 px phone gives it.
fn phone_fonts(page: &crate::support::client::Resp) -> (usize, f64, Vec<String>) {
    let html = page.html();
    let svg = html
        .select(&scraper::Selector::parse("svg.plan").unwrap())
        .next()
        .expect("a plan");
    let vw: f64 = svg
        .value()
        .attr("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let segments: usize = svg.value().attr("data-segments").unwrap().parse().unwrap();
    let stall = scraper::Selector::parse("g.stall").unwrap();
    let text = scraper::Selector::parse("text").unwrap();
    let mut smallest = f64::MAX;
    let mut codes = Vec::new();
    for g in svg.select(&stall) {
        assert!(
            g.value().attr("data-stall-id").is_some(),
            "every stall carries its id"
        );
        codes.push(g.value().attr("data-code").unwrap().to_owned());
        let t = g.select(&text).next().expect("every stall shows its code");
        let size: f64 = t.value().attr("font-size").unwrap().parse().unwrap();
        smallest = smallest.min(size * nightmarket::views::plan_frame::PHONE_PLAN_PX / vw);
    }
    (segments, smallest, codes)
}

#[tokio::test]
async fn the_400_m_street_is_drawn_in_segments_with_every_code_at_least_11_px_on_a_phone() {
    let (app, _) = TestApp::with_demo().await;
    let mut c = app.client();
    let page = c.get("/sites/1").await;
    let (segments, smallest, codes) = phone_fonts(&page);
    assert!(
        (7..=10).contains(&segments),
        "about 400 m in segments of 40–60 m: {segments}"
    );
    assert!(smallest >= 11.0, "smallest code {smallest:.1} px");
    let stalls = c.get("/api/v1/sites/1/stalls").await.json();
    assert_eq!(
        codes.len() as u64,
        stalls["total"].as_u64().unwrap(),
        "every stall drawn"
    );
    let marks = page.select("svg.plan .distance text");
    assert_eq!(marks.len(), segments);
    // Each mark reads "from–to 米", consecutive, 40–60 m apart.
    let mut previous_end = 0.0;
    for mark in &marks {
        let numbers: Vec<f64> = mark
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(numbers[0], previous_end, "{marks:?}");
        assert!((40.0..=60.0).contains(&(numbers[1] - numbers[0])), "{mark}");
        previous_end = numbers[1];
    }
    assert!(previous_end > 380.0, "{marks:?}");
    // The plaza stays whole, north up.
    let plaza = c.get("/sites/2").await;
    assert_eq!(
        plaza.attr("svg.plan", "data-segments").as_deref(),
        Some("1")
    );
}

#[tokio::test]
async fn find_marks_the_stall_on_the_site_plan_without_javascript() {
    let (app, _) = TestApp::with_demo().await;
    let mut c = app.client();
    let page = c.get("/sites/1?find=wcl-a-032").await;
    assert_eq!(
        page.attr("#found-stall", "data-code").as_deref(),
        Some("WCL-A-032")
    );
    assert_eq!(page.select("g.stall.found").len(), 1);
    let said = page.select("p.find-result");
    assert!(said[0].contains("WCL-A-032"), "{said:?}");
    assert_eq!(
        page.attr("form.find-stall input[name=find]", "value")
            .as_deref(),
        Some("WCL-A-032")
    );
    // The short code finds it too; a code not on the plan is said so.
    let short = c.get("/sites/1?find=A-032").await;
    assert_eq!(
        short.attr("#found-stall", "data-code").as_deref(),
        Some("WCL-A-032")
    );
    let none = c.get("/sites/1?find=WCL-Z-999").await;
    assert!(none.select("g.stall.found").is_empty());
    assert!(none.select("p.find-result")[0].contains("WCL-Z-999"));
}

/// A Wenchang Road session of the demo's night market, and the market's id.
async fn wenchang_session(c: &mut Client) -> i64 {
    let markets = c.get("/api/v1/markets").await.json();
    for m in markets["items"].as_array().unwrap() {
        let id = m["id"].as_i64().unwrap();
        let sessions = c
            .get(&format!("/api/v1/markets/{id}/sessions"))
            .await
            .json();
        if let Some(s) = sessions["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["site_id"] == 1 && s["status"] == "scheduled")
        {
            return s["id"].as_i64().unwrap();
        }
    }
    panic!("no Wenchang Road session")
}

#[tokio::test]
async fn find_and_segments_work_on_the_public_and_the_managers_session_plans() {
    let (app, _) = TestApp::with_demo().await;
    let mut c = app.client();
    let session = wenchang_session(&mut c).await;
    let public = c
        .get(&format!("/sessions/{session}/plan?find=WCL-B-010"))
        .await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        public.attr("#found-stall", "data-code").as_deref(),
        Some("WCL-B-010")
    );
    let (segments, smallest, _) = phone_fonts(&public);
    assert!(segments > 1, "the public plan is in segments too");
    assert!(smallest >= 11.0, "public plan: {smallest:.1} px");
    // The cached plain page does not keep the mark.
    let plain = c.get(&format!("/sessions/{session}/plan")).await;
    assert!(plain.select("g.stall.found").is_empty());

    let mut m = app.login_as(Role::Manager).await;
    let _ = &mut m;
    let mut admin = app.login_as(Role::Admin).await;
    // The plain page first, so its figure is kept: a search must still mark the stall.
    let plain = admin.get(&format!("/sessions/{session}")).await;
    assert!(plain.select("#found-stall").is_empty());
    let page = admin
        .get(&format!("/sessions/{session}?find=WCL-A-005"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert_eq!(
        page.attr("#found-stall", "data-code").as_deref(),
        Some("WCL-A-005")
    );
    let (_, smallest, _) = phone_fonts(&page);
    assert!(smallest >= 11.0, "manager's plan: {smallest:.1} px");
}
