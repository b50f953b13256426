//! Residents' complaints: matched to the nearest booked stall within 15 m during the session,
//! routed to the market's managers, shown to the vendor without the contact, counted per
//! stall, closed with an outcome that may record an inspection; bad input and floods refused.

use crate::market_fixtures::*;
use crate::support::{Client, TestApp};
use chrono::Utc;
use http::StatusCode;
use nightmarket::config::LimitsMode;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{Value, json};

/// Metres east/north of the fixture site's south-west corner as (lon, lat).
fn at_m(x: f64, y: f64) -> (f64, f64) {
    (100.81 + x / 87_150.0, 38.43 + y / 110_990.0)
}

/// A 2 m × 2.5 m stall whose south-west corner is `x` m east and 10 m north of the corner.
async fn real_stall(app: &TestApp, site_id: i32, code: &str, x: f64) -> i32 {
    let c = |dx: f64, dy: f64| {
        let (lon, lat) = at_m(x + dx, 10.0 + dy);
        json!([lon, lat])
    };
    let poly = json!({"type": "Polygon", "coordinates": [[c(0.0, 0.0), c(2.0, 0.0), c(2.0, 2.5), c(0.0, 2.5), c(0.0, 0.0)]]});
    entity::stalls::ActiveModel {
        site_id: Set(site_id),
        code: Set(code.into()),
        row_index: Set(0),
        position: Set(1),
        polygon: Set(poly.to_string()),
        width_m: Set(2.0),
        depth_m: Set(2.5),
        facing_deg: Set(0.0),
        status: Set("active".parse().unwrap()),
        power: Set(false),
        premium: Set(false),
        zone: Set(None),
        locked: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .expect("stall")
    .id
}

fn complaint(x: f64, y: f64, text: &str) -> Value {
    let (lon, lat) = at_m(x, y);
    json!({"lon": lon, "lat": lat, "at": Utc::now().to_rfc3339(), "kind": "smoke", "text": text,
           "contact": "13912345678"})
}

async fn complaints(app: &TestApp) -> u64 {
    entity::complaints::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A running session on a site with stalls A (booked), B (booked), C (free): the admin, the
/// vendor of A, the stall ids, the market.
async fn night(app: &TestApp) -> (Client, Client, Vec<i32>, i64) {
    let s = site(app, "CMP").await;
    let a = real_stall(app, s, "CMP-A-001", 5.0).await;
    let b = real_stall(app, s, "CMP-A-002", 10.0).await;
    let c = real_stall(app, s, "CMP-A-003", 15.0).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (m, session) = running_market(&mut admin, s).await;
    let (va, va_id) = vendor(app, "服装百货", None).await;
    let vb = vendor_rows(app, 1, "服装百货").await[0];
    for (stall, v) in [(a, va_id), (b, vb)] {
        let r = admin
            .post_json(
                "/api/v1/bookings",
                &json!({"session_id": session["id"], "stall_id": stall, "vendor_id": v}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    (admin, va, vec![a, b, c], m)
}

#[tokio::test]
async fn a_complaint_is_matched_to_the_nearest_booked_stall_and_routed() {
    let app = TestApp::new().await;
    let (mut admin, mut va, st, m) = night(&app).await;
    let mut anon = app.client();
    // Inside stall A.
    let r = anon
        .post_json("/api/v1/complaints", &complaint(6.0, 11.0, "油烟太大"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["match"]["stall_id"], st[0], "{}", r.text());
    assert_eq!(r.json()["match"]["stall_code"], "CMP-A-001");
    // 8 m north of B: B (8 m) is nearer than A (8.9 m).
    let r = anon
        .post_json("/api/v1/complaints", &complaint(11.0, 20.5, "烟"))
        .await;
    assert_eq!(r.json()["match"]["stall_id"], st[1], "{}", r.text());
    // On the free stall C: the nearest booked one, B, 3 m away.
    let r = anon
        .post_json("/api/v1/complaints", &complaint(16.0, 11.0, "烟"))
        .await;
    assert_eq!(r.json()["match"]["stall_id"], st[1], "{}", r.text());
    // In a far corner of the site: nobody within 15 m.
    let r = anon
        .post_json("/api/v1/complaints", &complaint(40.0, 30.0, "吵"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(r.json()["match"].is_null(), "{}", r.text());
    // A day later, when no session runs there: unmatched.
    let mut late = complaint(6.0, 11.0, "昨晚的事");
    late["at"] = json!((Utc::now() - chrono::Duration::hours(30)).to_rfc3339());
    let r = anon.post_json("/api/v1/complaints", &late).await;
    assert!(r.json()["match"].is_null(), "{}", r.text());

    // The managers see them with the contact and the repeat count.
    let list = admin
        .get(&format!("/api/v1/complaints?market_id={m}&status=open"))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    let list = list.json();
    assert_eq!(list["total"], 4, "{list}");
    let on_b: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["match"]["stall_id"] == st[1])
        .collect();
    assert_eq!(on_b.len(), 2);
    assert_eq!(on_b[0]["stall_complaints"], 2);
    assert_eq!(on_b[0]["contact"], "13912345678");
    // The bureau reads them with the resident's number masked, on the API and the page.
    let mut bureau = app.login_as(Role::Bureau).await;
    let read = bureau
        .get(&format!("/api/v1/complaints?market_id={m}&status=open"))
        .await
        .json();
    assert!(
        read["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["contact"] == "139****5678"),
        "{read}"
    );
    let page = bureau.get("/complaints").await.text();
    assert!(!page.contains("13912345678") && page.contains("139****5678"));
    // The vendor of A sees theirs, without the contact, and was told.
    let mine = va.get("/api/v1/me/complaints").await.json();
    assert_eq!(mine["total"], 1, "{mine}");
    assert!(mine["items"][0].get("contact").is_none(), "{mine}");
    // Nor the resident's exact position: to about 100 m (three decimals); staff see it all.
    let coarse = |v: &Value| {
        let x = v.as_f64().unwrap();
        ((x * 1000.0).round() / 1000.0 - x).abs() < 1e-9
    };
    assert!(
        coarse(&mine["items"][0]["lon"]) && coarse(&mine["items"][0]["lat"]),
        "{mine}"
    );
    let exact = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| !coarse(&c["lon"]) || !coarse(&c["lat"]));
    assert!(exact, "staff keep the position as given: {list}");
    assert!(
        va.get("/api/v1/notices").await.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "complaint")
    );
    assert_eq!(
        va.get("/api/v1/complaints").await.status,
        StatusCode::FORBIDDEN
    );

    // Closed with an outcome that records an inspection item; once only.
    let id = list["items"][0]["id"].as_i64().unwrap();
    let r = admin
        .post_json(
            &format!("/api/v1/complaints/{id}/close"),
            &json!({"outcome": "已现场劝导并扣分", "inspection_items": [{"code": "smoke"}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.json()["inspection_id"].is_i64(), "{}", r.text());
    let va_id = va_vendor(&mut va).await;
    let d = va
        .get(&format!("/api/v1/vendors/{va_id}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 3, "{d}");
    let r = admin
        .post_json(
            &format!("/api/v1/complaints/{id}/close"),
            &json!({"outcome": "again"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "already_closed");
    let closed = admin.get("/api/v1/complaints?status=closed").await.json();
    assert_eq!(closed["total"], 1);
    assert_eq!(closed["items"][0]["outcome"], "已现场劝导并扣分");
}

async fn va_vendor(c: &mut Client) -> i64 {
    c.get("/api/v1/me").await.json()["vendor_id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn bad_complaints_get_a_clear_error_and_nothing_is_written() {
    let app = TestApp::new().await;
    let _ = night(&app).await;
    let mut anon = app.client();
    let mut future = complaint(6.0, 11.0, "吵");
    future["at"] = json!((Utc::now() + chrono::Duration::hours(2)).to_rfc3339());
    let mut kind = complaint(6.0, 11.0, "吵");
    kind["kind"] = json!("ghosts");
    let mut nowhere = complaint(6.0, 11.0, "吵");
    nowhere["lon"] = json!(0.0);
    nowhere["lat"] = json!(0.0);
    let mut time = complaint(6.0, 11.0, "吵");
    time["at"] = json!("yesterday");
    for (body, code, field) in [
        (nowhere, "outside_sites", "lon"),
        (future, "time_in_future", "at"),
        (complaint(6.0, 11.0, "   "), "text_required", "text"),
        (
            complaint(6.0, 11.0, "\u{0}\u{1}\u{202E}"),
            "text_required",
            "text",
        ),
        (kind, "invalid_kind", "kind"),
        (time, "invalid_time", "at"),
    ] {
        let r = anon.post_json("/api/v1/complaints", &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text()
        );
        assert_eq!(r.error_code(), code);
        assert_eq!(r.json()["error"]["field"], field);
    }
    assert_eq!(complaints(&app).await, 0);
    // The time error says "write it like 2026-07-03 20:30": an integrator who does so (a
    // Beijing time without a zone) is not refused again.
    let mut bad = complaint(6.0, 11.0, "吵");
    bad["at"] = json!("yesterday");
    let r = anon.post_json("/api/v1/complaints", &bad).await;
    let said = r.json()["error"]["message"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(said.contains("2026-07-03 20:30"), "{said}");
    let mut local = complaint(6.0, 11.0, "吵");
    let at =
        Utc::now().with_timezone(&nightmarket::clock::shanghai()) - chrono::Duration::minutes(10);
    local["at"] = json!(at.format("%Y-%m-%d %H:%M").to_string());
    let r = anon.post_json("/api/v1/complaints", &local).await;
    assert_eq!(r.status, StatusCode::CREATED, "{local}: {}", r.text());
}

#[tokio::test]
async fn complaints_from_one_address_are_throttled_unless_limits_are_relaxed() {
    let app = TestApp::with_config(|c| c.limits = LimitsMode::Normal).await;
    let _ = night(&app).await;
    let mut flood = app.client().at_address("198.51.100.9");
    for n in 0..5 {
        let r = flood
            .post_json("/api/v1/complaints", &complaint(6.0, 11.0, "吵"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "complaint {n}: {}", r.text());
    }
    let r = flood
        .post_json("/api/v1/complaints", &complaint(6.0, 11.0, "吵"))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(complaints(&app).await, 5);
    // Another address is not affected.
    let mut neighbour = app.client().at_address("198.51.100.10");
    let r = neighbour
        .post_json("/api/v1/complaints", &complaint(6.0, 11.0, "吵"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    // Relaxed (the test suites' and load tests' setting): no per-address limit.
    let relaxed = TestApp::new().await;
    let _ = night(&relaxed).await;
    let mut c = relaxed.client().at_address("198.51.100.9");
    for _ in 0..7 {
        let r = c
            .post_json("/api/v1/complaints", &complaint(6.0, 11.0, "吵"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
}

#[tokio::test]
async fn the_public_form_works_without_javascript_by_stall_code() {
    let app = TestApp::new().await;
    let (_, mut va, st, _) = night(&app).await;
    let mut anon = app.client();
    let page = anon.get("/complaint").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select("input[name=stall_code]").len(), 1);
    let now = Utc::now()
        .with_timezone(&nightmarket::clock::shanghai())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let r = anon
        .submit(
            "/complaint",
            "/complaint",
            &[
                // As typed on a phone: small letters, a full-width dash.
                ("stall_code", " cmp－a-001 "),
                ("lon", ""),
                ("lat", ""),
                ("at", &now),
                ("kind", "noise"),
                ("text", "音响太响"),
                ("contact", ""),
            ],
        )
        .await;
    // Post, redirect, get: refreshing the thanks does not file it again.
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let thanks = anon.get(&r.location()).await;
    assert_eq!(thanks.status, StatusCode::OK);
    assert!(thanks.select("p.flash")[0].starts_with("✓ 已收到您的投诉，编号 #"));
    assert_eq!(thanks.select("p code"), vec!["CMP-A-001"]);
    let mine = va.get("/api/v1/me/complaints").await.json();
    assert_eq!(mine["total"], 1, "{mine}");
    anon.get(&r.location()).await;
    let mine = va.get("/api/v1/me/complaints").await.json();
    assert_eq!(mine["total"], 1, "{mine}");
    assert_eq!(mine["items"][0]["match"]["stall_id"], st[0], "{mine}");
}

#[tokio::test]
async fn a_stall_moved_after_a_match_is_found_at_its_new_place_by_every_process() {
    let app = TestApp::new().await;
    let (_admin, _va, st, _) = night(&app).await;
    let other = app.another_process().await;
    let mut here = app.client();
    let mut there = here.on(other);
    // 25 m east of the last stall: nothing booked within 15 m (both processes keep the site).
    for c in [&mut here, &mut there] {
        let r = c
            .post_json("/api/v1/complaints", &complaint(40.0, 11.0, "吵"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert!(r.json()["match"].is_null(), "{}", r.text());
    }
    // A clerk moves stall A there by hand, outside the application.
    let c = |x: f64, y: f64| {
        let (lon, lat) = at_m(x, y);
        format!("[{lon},{lat}]")
    };
    let poly = format!(
        "{{\"type\":\"Polygon\",\"coordinates\":[[{},{},{},{},{}]]}}",
        c(38.0, 10.0),
        c(40.0, 10.0),
        c(40.0, 12.5),
        c(38.0, 12.5),
        c(38.0, 10.0)
    );
    use sea_orm::ConnectionTrait;
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE stalls SET polygon = '{poly}' WHERE id = {}",
            st[0]
        ))
        .await
        .unwrap();
    for c in [&mut here, &mut there] {
        let r = c
            .post_json("/api/v1/complaints", &complaint(40.0, 11.0, "吵"))
            .await;
        assert_eq!(r.json()["match"]["stall_id"], st[0], "{}", r.text());
        // Its old place is now empty.
        let r = c
            .post_json("/api/v1/complaints", &complaint(1.0, 11.0, "吵"))
            .await;
        assert_eq!(r.json()["match"]["stall_id"], st[1], "{}", r.text());
    }
}

/// A resident's complaint refused (an unknown stall code, an empty text) comes back as the form
/// with what they typed and why, never a bare error page; nothing is written. A manager's close
/// without an outcome comes back as the list with the message at that complaint, which stays
/// open; the list gives the time in Beijing time, as the resident gave it.
#[tokio::test]
async fn refused_complaint_forms_keep_what_was_typed_and_say_why() {
    let app = TestApp::new().await;
    let (_admin, _va, _st, _) = night(&app).await;
    let mut anon = app.client();
    let now = Utc::now().with_timezone(&nightmarket::clock::shanghai());
    let typed = now.format("%Y-%m-%dT%H:%M").to_string();
    let form = |code: &'static str, text: &'static str| {
        vec![
            ("stall_code", code),
            ("lon", ""),
            ("lat", ""),
            ("kind", "smoke"),
            ("text", text),
            ("contact", "13912345678"),
        ]
    };
    let mut unknown = form("CMP-Z-999", "烤串油烟很大，熏到三楼");
    unknown.push(("at", &typed));
    let r = anon.submit("/complaint", "/complaint", &unknown).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.select("p.error-message")
            .iter()
            .any(|m| m.contains("没有找到这个摊位编号")),
        "{:?}",
        r.select("p.error-message")
    );
    assert_eq!(
        r.attr("input[name=stall_code]", "value").as_deref(),
        Some("CMP-Z-999")
    );
    assert_eq!(
        r.select("textarea[name=text]"),
        vec!["烤串油烟很大，熏到三楼"]
    );
    assert_eq!(
        r.attr("option[selected]", "value").as_deref(),
        Some("smoke")
    );
    assert_eq!(r.attr("input[name=at]", "value"), Some(typed.clone()));
    assert_eq!(
        r.attr("input[name=contact]", "value").as_deref(),
        Some("13912345678")
    );
    // A position typed as words: the box it is in says what to type.
    let mut words = form("", "音响太响");
    words.retain(|(k, _)| *k != "lat");
    words.extend([("at", typed.as_str()), ("lat", "北纬38度")]);
    let r = anon.submit("/complaint", "/complaint", &words).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.select("#f-position-err"),
        vec!["⚠ 经度、纬度应填数字（例如 经度 100.81、纬度 38.43），也可以只填摊位编号。"]
    );
    let mut empty = form("CMP-A-001", "  ");
    empty.push(("at", &typed));
    let r = anon.submit("/complaint", "/complaint", &empty).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.select("#f-text-err"), vec!["⚠ 请写明发生了什么。"]);
    assert_eq!(complaints(&app).await, 0);

    let mut sent = Vec::new();
    for text in ["音响太响", "音响太响，还占了消防通道"] {
        let mut good = form("CMP-A-001", text);
        good.push(("at", &typed));
        let r = anon.submit("/complaint", "/complaint", &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        sent.push((good, r.location()));
    }
    // The same form sent again (Back, send): the first complaint's thanks, nothing new.
    let (again, first_thanks) = &sent[0];
    let r = anon.submit("/complaint", "/complaint", again).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(&r.location(), first_thanks);
    assert_eq!(complaints(&app).await, 2);
    let mut manager = app.login_as(Role::Admin).await;
    let list = manager.get("/complaints").await;
    // The contact as given, labelled without the form's "(optional)".
    assert!(
        list.text().contains("联系方式：13912345678"),
        "{}",
        list.text()
    );
    assert!(!list.text().contains("选填）："));
    // One close form per open complaint, each field with its own id.
    let mut ids = list.attrs("input[name=outcome]", "id");
    assert_eq!(ids.len(), 2);
    ids.dedup();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let heading = list.select("section.card h2").join(" ");
    assert!(
        heading.contains(&now.format("%Y-%m-%d %H:%M").to_string()) && !heading.contains("+00:00"),
        "{heading}"
    );
    let id = list
        .attr("section.card form", "action")
        .expect("a close form");
    let r = manager
        .submit("/complaints", &id, &[("outcome", "   "), ("code", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.select("section.card p.error"),
        vec!["⚠ 请写明处理结果。"],
        "{}",
        r.text()
    );
    let open = entity::complaints::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    assert_eq!(open[0].status, entity::complaints::ComplaintStatus::Open);
}

#[tokio::test]
async fn a_complaint_matched_to_no_market_reaches_the_managers_of_its_site() {
    let app = TestApp::new().await;
    let here = site(&app, "NOI").await;
    let elsewhere = site(&app, "ELS").await;
    let mut theirs = crate::scheduling_fixtures::manager_of(&app, "site-mgr", &[here]).await;
    let mut other = crate::scheduling_fixtures::manager_of(&app, "other-mgr", &[elsewhere]).await;
    // Noise after closing: no session runs there, so no market and no stall.
    let r = app
        .client()
        .post_json(
            "/api/v1/complaints",
            &complaint(6.0, 11.0, "收摊后还在大声喧哗"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(r.json()["match"].is_null(), "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let list = theirs.get("/api/v1/complaints").await.json();
    assert_eq!(list["total"], 1, "the site's manager sees it: {list}");
    assert_eq!(other.get("/api/v1/complaints").await.json()["total"], 0);
    let r = other
        .post_json(
            &format!("/api/v1/complaints/{id}/close"),
            &json!({"outcome": "不是我的场地"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    let r = theirs
        .post_json(
            &format!("/api/v1/complaints/{id}/close"),
            &json!({"outcome": "已联系城管劝离"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn a_position_typed_with_full_width_digits_is_read_as_digits() {
    let app = TestApp::new().await;
    let (_admin, _va, _st, _) = night(&app).await;
    let (lon, lat) = at_m(10.0, 3.0);
    let full_width = |v: f64| {
        format!("{v:.6}")
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
                '.' => '．',
                c => c,
            })
            .collect::<String>()
    };
    let (lon, lat) = (full_width(lon), full_width(lat));
    let now = Utc::now().with_timezone(&nightmarket::clock::shanghai());
    let typed = now.format("%Y-%m-%dT%H:%M").to_string();
    let before = complaints(&app).await;
    let r = app
        .client()
        .submit(
            "/complaint",
            "/complaint",
            &[
                ("stall_code", ""),
                ("lon", &lon),
                ("lat", &lat),
                ("kind", "noise"),
                ("text", "音响太响"),
                ("contact", ""),
                ("at", &typed),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{lon} {lat}: {}", r.text());
    assert_eq!(complaints(&app).await, before + 1);
}

#[tokio::test]
async fn a_resident_who_knows_no_stall_and_no_position_names_the_site() {
    let app = TestApp::new().await;
    let (mut admin, _va, _st, _) = night(&app).await;
    let sites = admin.get("/api/v1/sites").await.json();
    let site_id = sites["items"][0]["id"].to_string();
    let now = Utc::now().with_timezone(&nightmarket::clock::shanghai());
    // Typed where the time box is plain text: a space, not a "T".
    let typed = now.format("%Y-%m-%d %H:%M").to_string();
    let mut anon = app.client();
    let page = anon.get("/complaint").await;
    assert!(
        page.select("#f-site option")
            .iter()
            .any(|o| !o.is_empty() && !o.contains("不选")),
        "the sites are listed by name"
    );
    let fields = [
        ("stall_code", ""),
        ("lon", ""),
        ("lat", ""),
        ("site_id", site_id.as_str()),
        ("kind", "blocking"),
        ("text", "消防通道被三轮车堵住了"),
        ("contact", ""),
        ("at", typed.as_str()),
    ];
    let r = anon.submit("/complaint", "/complaint", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(!r.location().contains("stall="), "no stall is named");
    let listed = admin.get("/api/v1/complaints").await.json();
    assert_eq!(listed["items"][0]["stall_id"], Value::Null, "{listed}");
    let name = sites["items"][0]["name"].as_str().unwrap().to_owned();
    let page = admin.get("/complaints").await;
    assert!(
        page.select("p.where")
            .iter()
            .any(|p| p.contains(&format!("场地：{name}"))),
        "the manager sees where: {:?}",
        page.select("p.where")
    );

    // Nothing at all: the message names the three ways.
    let mut none = fields;
    none[3] = ("site_id", "");
    none[5] = ("text", "太吵了");
    let r = anon.submit("/complaint", "/complaint", &none).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("请选择是哪个场地"), "{}", r.text());

    // Half a position: the missing half is named.
    let mut half = none;
    half[1] = ("lon", "100.81");
    let r = anon.submit("/complaint", "/complaint", &half).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("请同时填写经度和纬度"), "{}", r.text());

    // A stall code typed on a Chinese keyboard, full width.
    let mut wide = none;
    wide[0] = ("stall_code", "ｃｍｐ－ａ－００２");
    let r = anon.submit("/complaint", "/complaint", &wide).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(r.location().contains("CMP%2DA%2D002"), "{}", r.location());

    // A contact that is too long is told its own limit.
    let long = "1".repeat(101);
    let mut too_long = wide;
    too_long[5] = ("text", "又吵了");
    too_long[6] = ("contact", long.as_str());
    let r = anon.submit("/complaint", "/complaint", &too_long).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("100 字以内"), "{}", r.text());
}

/// Two managers (or a double tap) closing one complaint with an inspection item at once: one
/// close, one inspection, the vendor's points counted once; the other is told it is closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn closes_sent_at_once_record_one_inspection() {
    let app = TestApp::new().await;
    let (mut admin, mut va, _, _) = night(&app).await;
    let r = app
        .client()
        .post_json("/api/v1/complaints", &complaint(6.0, 11.0, "油烟太大"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = admin.get("/api/v1/complaints").await.json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let mut c = admin.clone();
        tasks.push(tokio::spawn(async move {
            c.post_json(
                &format!("/api/v1/complaints/{id}/close"),
                &json!({"outcome": "已劝导", "inspection_items": [{"code": "smoke"}]}),
            )
            .await
            .status
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let inspections = entity::inspections::Entity::find()
        .all(app.conn())
        .await
        .unwrap();
    assert_eq!(inspections.len(), 1, "{inspections:?}");
    let va_id = va_vendor(&mut va).await;
    let d = va
        .get(&format!("/api/v1/vendors/{va_id}/demerits"))
        .await
        .json();
    assert_eq!(d["points"], 3, "{d}");
}
