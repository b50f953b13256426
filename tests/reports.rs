//! Occupancy reports: exact numbers on a small known dataset for every grouping, totals that
//! match the raw rows, who sees what, CSV and Excel downloads, bad input, the dashboard page.

use crate::market_fixtures::{site, stalls, vendor_rows};
use crate::support::{Client, TestApp};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use serde_json::Value;

/// What the dataset created.
struct Data {
    market_a: i32,
    market_b: i32,
    site1: i32,
    site2: i32,
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(date: &str, hour: u32) -> DateTime<Utc> {
    let d = d(date);
    Utc.from_utc_datetime(&d.and_hms_opt(hour, 0, 0).unwrap())
}

async fn insert_market(app: &TestApp, name: &str) -> i32 {
    entity::markets::ActiveModel {
        name: Set(name.into()),
        kind: Set("fixed".parse().unwrap()),
        self_select: Set(false),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id
}

async fn insert_session(
    app: &TestApp,
    market: i32,
    site: i32,
    date: &str,
    segment: &str,
    status: &str,
) -> i32 {
    let hour = if segment == "早市" { 0 } else { 10 };
    entity::market_sessions::ActiveModel {
        market_id: Set(market),
        site_id: Set(site),
        business_date: Set(d(date)),
        segment: Set(segment.into()),
        starts_at: Set(at(date, hour)),
        ends_at: Set(at(date, hour + 3)),
        status: Set(status.parse().unwrap()),
        cancel_reason: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id
}

async fn book(
    app: &TestApp,
    session: i32,
    stall: i32,
    vendor: i64,
    checked_in: bool,
    application: Option<i32>,
) {
    entity::bookings::ActiveModel {
        session_id: Set(session),
        stall_id: Set(stall),
        vendor_id: Set(vendor as i32),
        application_id: Set(application),
        status: Set(if checked_in { "checked_in" } else { "booked" }
            .parse()
            .unwrap()),
        checked_in_at: Set(checked_in.then(Utc::now)),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap();
}

/// Two sites (4 active + 1 disabled stalls; 2 stalls), two markets, five scheduled sessions
/// and a cancelled one, three vendors, eight bookings (four checked in), one cancelled booking.
async fn dataset(app: &TestApp) -> Data {
    let site1 = site(app, "RPA").await;
    let s1 = stalls(app, site1, "RPA", 5).await;
    entity::stalls::Entity::update_many()
        .col_expr(entity::stalls::Column::Status, "disabled".into())
        .filter(entity::stalls::Column::Id.eq(s1[4]))
        .exec(app.conn())
        .await
        .unwrap();
    let site2 = site(app, "RPB").await;
    let s2 = stalls(app, site2, "RPB", 2).await;
    let v1 = vendor_rows(app, 1, "小吃餐饮").await[0];
    let v2 = vendor_rows(app, 1, "服装百货").await[0];
    let v3 = vendor_rows(app, 1, "农副产品").await[0];
    app.conn()
        .execute_unprepared(&format!(
            "UPDATE vendors SET priority_groups = '[\"dibao\",\"local\"]' WHERE id = {v1}"
        ))
        .await
        .unwrap();
    let market_a = insert_market(app, "甲市场").await;
    let market_b = insert_market(app, "乙市场").await;
    let a1 = insert_session(app, market_a, site1, "2026-03-02", "早市", "scheduled").await;
    let a2 = insert_session(app, market_a, site1, "2026-03-02", "夜市", "scheduled").await;
    let a3 = insert_session(app, market_a, site1, "2026-03-10", "夜市", "scheduled").await;
    let a4 = insert_session(app, market_a, site1, "2026-03-11", "夜市", "cancelled").await;
    let b1 = insert_session(app, market_b, site2, "2026-03-02", "夜市", "scheduled").await;
    let b2 = insert_session(app, market_b, site2, "2026-04-01", "夜市", "scheduled").await;
    let application = entity::applications::ActiveModel {
        vendor_id: Set(v2 as i32),
        market_id: Set(market_a),
        date_from: Set(d("2026-03-01")),
        date_to: Set(d("2026-03-31")),
        weekdays: Set("[]".parse().unwrap()),
        segments: Set("[]".parse().unwrap()),
        category: Set("手工文创".parse().unwrap()),
        needs_power: Set(false),
        preferred_stalls: Set("[]".parse().unwrap()),
        status: Set("approved".parse().unwrap()),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id;
    book(app, a1, s1[0], v1, true, None).await;
    book(app, a1, s1[1], v2, false, None).await;
    book(app, a2, s1[0], v1, true, None).await;
    book(app, a2, s1[2], v3, true, None).await;
    book(app, a3, s1[0], v2, false, Some(application)).await;
    book(app, b1, s2[0], v3, true, None).await;
    book(app, b1, s2[1], v1, false, None).await;
    book(app, b2, s2[0], v2, false, None).await;
    entity::booking_history::ActiveModel {
        booking_id: Set(999_999),
        session_id: Set(a3),
        stall_id: Set(s1[1]),
        vendor_id: Set(v3 as i32),
        application_id: Set(None),
        checked_in_at: Set(None),
        booked_at: Set(Utc::now()),
        reason: Set("cancelled_by_vendor".parse().unwrap()),
        cancelled_by: Set(None),
        cancelled_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap();
    let _ = a4;
    Data {
        market_a,
        market_b,
        site1,
        site2,
    }
}

const PERIOD: &str = "from=2026-03-01&to=2026-04-30";

async fn report(c: &mut Client, query: &str) -> Value {
    let r = c
        .get(&format!("/api/v1/reports/occupancy?{PERIOD}&{query}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

/// `[key, sessions, stall_slots, booked, checked_in, vendors]` of each row, and the rates.
fn rows(v: &Value) -> Vec<(String, u64, u64, u64, u64, u64, f64)> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().to_owned(),
                r["sessions"].as_u64().unwrap(),
                r["stall_slots"].as_u64().unwrap(),
                r["booked"].as_u64().unwrap(),
                r["checked_in"].as_u64().unwrap(),
                r["vendors"].as_u64().unwrap(),
                r["occupancy_rate"].as_f64().unwrap(),
            )
        })
        .collect()
}

fn row(key: &str, n: [u64; 5]) -> (String, u64, u64, u64, u64, u64, f64) {
    let rate = if n[1] == 0 {
        0.0
    } else {
        n[2] as f64 / n[1] as f64
    };
    (key.to_owned(), n[0], n[1], n[2], n[3], n[4], rate)
}

fn assert_totals(v: &Value, sessions: u64, slots: u64, booked: u64, checked: u64, vendors: u64) {
    let t = &v["totals"];
    assert_eq!(
        [
            t["sessions"].as_u64(),
            t["stall_slots"].as_u64(),
            t["booked"].as_u64(),
            t["checked_in"].as_u64(),
            t["vendors"].as_u64()
        ],
        [
            Some(sessions),
            Some(slots),
            Some(booked),
            Some(checked),
            Some(vendors)
        ],
        "{t}"
    );
    let rate = t["occupancy_rate"].as_f64().unwrap();
    let expected = if slots == 0 {
        0.0
    } else {
        booked as f64 / slots as f64
    };
    assert!((rate - expected).abs() < 1e-12, "{rate} ≠ {expected}");
}

/// Additive columns of the rows sum to the totals.
fn assert_rows_add_up(v: &Value) {
    let rs = rows(v);
    let t = &v["totals"];
    for (i, name) in [
        (1, "sessions"),
        (2, "stall_slots"),
        (3, "booked"),
        (4, "checked_in"),
    ] {
        let sum: u64 = rs.iter().map(|r| [r.1, r.2, r.3, r.4][i - 1]).sum();
        assert_eq!(Some(sum), t[name].as_u64(), "{name}");
    }
}

#[tokio::test]
async fn every_grouping_gives_the_hand_counted_numbers() {
    let app = TestApp::new().await;
    let data = dataset(&app).await;
    let mut bureau = app.login_as(Role::Bureau).await;

    let by_site = report(&mut bureau, "group_by=site").await;
    let (s1, s2) = (data.site1.to_string(), data.site2.to_string());
    assert_eq!(
        rows(&by_site),
        vec![row(&s1, [3, 12, 5, 3, 3]), row(&s2, [2, 4, 3, 1, 3])]
    );
    assert_eq!(by_site["rows"][0]["label"], "RPA 场地 (RPA)");
    assert_totals(&by_site, 5, 16, 8, 4, 3);
    assert_rows_add_up(&by_site);

    let by_market = report(&mut bureau, "group_by=market").await;
    let (ma, mb) = (data.market_a.to_string(), data.market_b.to_string());
    assert_eq!(
        rows(&by_market),
        vec![row(&ma, [3, 12, 5, 3, 3]), row(&mb, [2, 4, 3, 1, 3])]
    );
    assert_eq!(by_market["rows"][1]["label"], "乙市场");

    let by_segment = report(&mut bureau, "group_by=segment").await;
    assert_eq!(
        rows(&by_segment),
        vec![row("夜市", [4, 12, 6, 3, 3]), row("早市", [1, 4, 2, 1, 2])]
    );
    assert_rows_add_up(&by_segment);

    let by_category = report(&mut bureau, "group_by=category").await;
    assert_eq!(
        rows(&by_category),
        // In the order the forms list the trades (小吃餐饮 first), not by code point.
        vec![
            row("小吃餐饮", [5, 16, 3, 2, 1]),
            row("农副产品", [5, 16, 2, 2, 1]),
            row("服装百货", [5, 16, 2, 0, 1]),
            row("手工文创", [5, 16, 1, 0, 1]),
        ]
    );
    assert_totals(&by_category, 5, 16, 8, 4, 3);

    let by_day = report(&mut bureau, "group_by=day").await;
    assert_eq!(
        rows(&by_day),
        vec![
            row("2026-03-02", [3, 10, 6, 4, 3]),
            row("2026-03-10", [1, 4, 1, 0, 1]),
            row("2026-04-01", [1, 2, 1, 0, 1]),
        ]
    );
    assert_rows_add_up(&by_day);

    let by_week = report(&mut bureau, "group_by=week").await;
    assert_eq!(
        rows(&by_week),
        vec![
            row("2026-W10", [3, 10, 6, 4, 3]),
            row("2026-W11", [1, 4, 1, 0, 1]),
            row("2026-W14", [1, 2, 1, 0, 1]),
        ]
    );

    let by_month = report(&mut bureau, "group_by=month").await;
    assert_eq!(
        rows(&by_month),
        vec![
            row("2026-03", [4, 14, 7, 4, 3]),
            row("2026-04", [1, 2, 1, 0, 1])
        ]
    );
    assert_totals(&by_month, 5, 16, 8, 4, 3);
    assert_rows_add_up(&by_month);
}

#[tokio::test]
async fn totals_equal_counts_of_the_raw_rows() {
    let app = TestApp::new().await;
    dataset(&app).await;
    let mut admin = app.login_as(Role::Admin).await;
    let v = report(&mut admin, "group_by=month").await;
    let booked = entity::bookings::Entity::find()
        .count(app.conn())
        .await
        .unwrap();
    let checked = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::CheckedInAt.is_not_null())
        .count(app.conn())
        .await
        .unwrap();
    assert_eq!(v["totals"]["booked"].as_u64(), Some(booked));
    assert_eq!(v["totals"]["checked_in"].as_u64(), Some(checked));
}

#[tokio::test]
async fn filters_narrow_bookings_and_sessions() {
    let app = TestApp::new().await;
    let data = dataset(&app).await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let food = report(&mut bureau, "group_by=site&category=小吃餐饮").await;
    assert_totals(&food, 5, 16, 3, 2, 1);
    let dibao = report(&mut bureau, "group_by=site&priority_group=dibao").await;
    assert_totals(&dibao, 5, 16, 3, 2, 1);
    let evening = report(&mut bureau, "group_by=site&segment=夜市").await;
    assert_totals(&evening, 4, 12, 6, 3, 3);
    let one_site = report(&mut bureau, &format!("group_by=day&site={}", data.site2)).await;
    assert_totals(&one_site, 2, 4, 3, 1, 3);
    let one_market = report(
        &mut bureau,
        &format!("group_by=day&market={}", data.market_a),
    )
    .await;
    assert_totals(&one_market, 3, 12, 5, 3, 3);
}

#[tokio::test]
async fn a_manager_sees_only_their_own_markets() {
    let app = TestApp::new().await;
    let data = dataset(&app).await;
    let manager = app.user("report-mgr", Role::Manager, "test-pass-123").await;
    entity::manager_markets::ActiveModel {
        user_id: Set(manager),
        market_id: Set(data.market_b),
    }
    .insert(app.conn())
    .await
    .unwrap();
    let mut c = app.client();
    c.login("report-mgr", "test-pass-123").await;
    let v = report(&mut c, "group_by=site").await;
    assert_eq!(
        rows(&v),
        vec![row(&data.site2.to_string(), [2, 4, 3, 1, 3])]
    );
    assert_totals(&v, 2, 4, 3, 1, 3);
    let r = c
        .get(&format!(
            "/api/v1/reports/occupancy?{PERIOD}&market={}",
            data.market_a
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "forbidden");

    let mut other = app.login_as(Role::Manager).await;
    let none = report(&mut other, "group_by=site").await;
    assert_totals(&none, 0, 0, 0, 0, 0);
}

#[tokio::test]
async fn vendors_are_refused_and_anonymous_callers_must_log_in() {
    let app = TestApp::new().await;
    let mut vendor = app.login_as(Role::Vendor).await;
    let r = vendor
        .get(&format!("/api/v1/reports/occupancy?{PERIOD}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .client()
        .get(&format!("/api/v1/reports/occupancy?{PERIOD}"))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "unauthorized");
}

#[tokio::test]
async fn bad_input_is_a_clear_client_error() {
    let app = TestApp::new().await;
    let mut bureau = app.login_as(Role::Bureau).await;
    for (query, status, code) in [
        ("from=2026-13-01&to=2026-12-31", 422, "invalid_date"),
        ("from=yesterday", 422, "invalid_date"),
        ("from=2026-05-01&to=2026-04-01", 422, "invalid_period"),
        ("from=2021-01-01&to=2026-01-01", 422, "period_too_long"),
        ("from=2023-01-01&to=2026-03-01", 422, "period_too_long"),
        ("group_by=year", 422, "invalid_group_by"),
        ("format=pdf", 422, "invalid_format"),
        ("site=abc", 422, "invalid_filter"),
        ("priority_group=nobody", 422, "invalid_filter"),
        ("from=2026-01-01&from=2026-01-02", 400, "malformed_query"),
        ("market=999", 422, "invalid_filter"),
        ("site=999", 422, "invalid_filter"),
        // The summary's names for the same filters are read the same, not ignored.
        ("market_id=999", 422, "invalid_filter"),
        ("site_id=999", 422, "invalid_filter"),
    ] {
        let r = bureau
            .get(&format!("/api/v1/reports/occupancy?{query}"))
            .await;
        assert_eq!(r.status.as_u16(), status, "{query}: {}", r.text());
        assert_eq!(r.error_code(), code, "{query}");
    }
    // A market that does not exist is said so, not summed to zeros.
    for query in ["market_id=999", "market=999"] {
        let r = bureau
            .get(&format!("/api/v1/reports/summary?{query}"))
            .await;
        assert_eq!(r.status.as_u16(), 422, "{}", r.text());
        assert!(r.text().contains("没有编号为 999 的市场"), "{}", r.text());
    }
}

#[tokio::test]
async fn csv_has_a_bom_a_header_and_a_line_per_row() {
    let app = TestApp::new().await;
    dataset(&app).await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let r = bureau
        .get(&format!(
            "/api/v1/reports/occupancy?{PERIOD}&group_by=month&format=csv"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM");
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let text = String::from_utf8(r.body[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("月份,编号,场次"), "{}", lines[0]);
    assert_eq!(lines.len(), 4, "{text}");
    // The month in words, as on the page; the key keeps the machine's form.
    assert_eq!(
        lines[1],
        "2026年3月,2026-03,4,14,7,4,50.00,3,0.00,0.00,0,3,0"
    );
    assert_eq!(lines[3], "合计,,5,16,8,4,50.00,3,0.00,0.00,0,3,0");
    assert!(!text.contains("1357777"), "no phone numbers");

    let mut english = app.login_as(Role::Bureau).await;
    let r = english
        .send(
            http::Request::get(format!(
                "/api/v1/reports/occupancy?{PERIOD}&group_by=site&format=csv"
            ))
            .header("accept-language", "en")
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    let text = String::from_utf8(r.body[3..].to_vec()).unwrap();
    assert!(text.starts_with("Site,Key,Sessions"), "{text}");
    // An English reader's download names the standard trades in English, as the page does.
    let r = english
        .send(
            http::Request::get(format!(
                "/api/v1/reports/occupancy?{PERIOD}&group_by=category&format=csv"
            ))
            .header("accept-language", "en")
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await;
    let text = String::from_utf8(r.body[3..].to_vec()).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(
        rows.iter()
            .any(|l| l.starts_with("Snacks and food,小吃餐饮,")),
        "{text}"
    );
}

#[tokio::test]
async fn xlsx_is_a_workbook() {
    let app = TestApp::new().await;
    dataset(&app).await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let r = bureau
        .get(&format!(
            "/api/v1/reports/occupancy?{PERIOD}&group_by=category&format=xlsx"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with(b"PK"), "a zip archive");
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".xlsx")
    );
}

#[tokio::test]
async fn the_dashboard_speaks_the_bureaus_words() {
    let app = TestApp::new().await;
    dataset(&app).await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let r = bureau.get(&format!("/reports?{PERIOD}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let sentence = r.select("#report-sentence").join("");
    assert_eq!(
        sentence,
        "本期共开设便民市场、夜市 2 个，设定摊位 6 个，入驻经营户 3 户，摊位平均使用率 50.0%。"
    );
    let figures = r.select("dl.figures dd");
    // markets, sites, stalls, stall-sessions, booked, checked in, occupancy, attendance,
    // vendors, new vendors, cancelled by vendor / manager, sessions cancelled, no-shows,
    // applications received / approved / waitlisted / rejected.
    assert_eq!(
        figures,
        vec![
            "2", "2", "6", "16", "8", "4", "50.0%", "50.0%", "3", "3", "1", "0", "1", "4", "1",
            "1", "0", "0"
        ]
    );
    assert_eq!(
        r.select("svg.chart").len(),
        4,
        "two charts of occupancy, two of sales (issue 19)"
    );
    assert!(r.text().contains("format=xlsx"));
    assert!(r.text().contains("format=csv"));
    // The segment is chosen from the markets' own, not typed.
    let segments = r.select("#f-segment option");
    assert!(
        segments.len() >= 2 && segments.contains(&"夜市".to_owned()),
        "{segments:?}"
    );

    let bad = bureau.get("/reports?from=2026-05-01&to=2026-04-01").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut vendor = app.login_as(Role::Vendor).await;
    assert_eq!(vendor.get("/reports").await.status, StatusCode::FORBIDDEN);
}

/// A month still to come: no night has opened, so attendance is "—", not 0 %.
#[tokio::test]
async fn attendance_of_a_period_with_no_night_opened_is_a_dash_not_zero() {
    let app = TestApp::new().await;
    let s = crate::market_fixtures::site(&app, "FUT").await;
    crate::market_fixtures::stalls(&app, s, "FUT", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (from, to) = (
        crate::market_fixtures::day(10),
        crate::market_fixtures::day(12),
    );
    crate::market_fixtures::market(
        &mut admin,
        &crate::market_fixtures::night_market(s, from, to),
    )
    .await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let page = bureau.get(&format!("/reports?from={from}&to={to}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let figures = page.select("dl.figures dt");
    let at = figures
        .iter()
        .position(|f| f.contains("到场率"))
        .expect("an attendance figure");
    assert_eq!(page.select("dl.figures dd")[at], "—");
}

/// The application figures follow the site and segment filters, as every other figure does.
#[tokio::test]
async fn application_figures_follow_the_site_and_segment_filters() {
    use sea_orm::IntoActiveModel;
    let app = TestApp::new().await;
    let (s1, s2) = (site(&app, "RF1").await, site(&app, "RF2").await);
    let mut admin = app.login_as(Role::Admin).await;
    let (from, to) = (
        crate::market_fixtures::day(1),
        crate::market_fixtures::day(3),
    );
    let m1 = crate::market_fixtures::market(
        &mut admin,
        &crate::market_fixtures::night_market(s1, from, to),
    )
    .await;
    let m2 = crate::market_fixtures::market(
        &mut admin,
        &crate::market_fixtures::night_market(s2, from, to),
    )
    .await;
    let vendors = vendor_rows(&app, 3, "服装百货").await;
    crate::allocation::approved_application(&app, vendors[0], m1).await;
    crate::allocation::approved_application(&app, vendors[1], m2).await;
    let morning = crate::allocation::approved_application(&app, vendors[2], m1).await;
    let row = entity::applications::Entity::find_by_id(morning)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let mut row = row.into_active_model();
    row.segments = Set(vec!["早市".to_owned()].into());
    row.update(app.conn()).await.unwrap();
    let mut bureau = app.login_as(Role::Bureau).await;
    let count = |page: &crate::support::client::Resp| {
        let figures = page.select("dl.figures dt");
        let at = figures
            .iter()
            .position(|f| f.contains("涉及本期的申请"))
            .expect("an applications figure");
        page.select("dl.figures dd")[at].clone()
    };
    let all = bureau.get(&format!("/reports?from={from}&to={to}")).await;
    assert_eq!(count(&all), "3");
    let on_site = bureau
        .get(&format!("/reports?from={from}&to={to}&site={s1}"))
        .await;
    assert_eq!(count(&on_site), "2");
    let evening = bureau
        .get(&format!(
            "/reports?from={from}&to={to}&site={s1}&segment=夜市"
        ))
        .await;
    assert_eq!(count(&evening), "1");
}
