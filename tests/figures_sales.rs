//! Nightly sales reports: one tap after the session starts, one report per booking,
//! corrections within 7 days, a manager's entries audited, every bad amount refused with
//! nothing written, outliers flagged and still counted, the morning reminder once per booking,
//! and the vendor's page.

use crate::market_fixtures::{site, stalls, vendor};
use crate::support::{Client, TestApp};
use chrono::{Duration, TimeZone, Utc};
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

/// A market (created by nobody, so only admins manage it) with one session that opened
/// `days_ago` days ago at 10:00 UTC (or in `days_ago` days when negative).
pub async fn market_with_session(
    app: &TestApp,
    code: &str,
    days_ago: i64,
) -> (i32, i32, i32, Vec<i32>) {
    let s = site(app, code).await;
    let st = stalls(app, s, code, 4).await;
    let market = entity::markets::ActiveModel {
        name: Set(format!("{code} 夜市")),
        kind: Set("fixed".parse().unwrap()),
        self_select: Set(false),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id;
    let date = nightmarket::clock::today() - Duration::days(days_ago);
    // 18:00 in Minle on that date; today's opened two hours ago.
    let opens = if days_ago == 0 {
        Utc::now() - Duration::hours(2)
    } else {
        Utc.from_utc_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
    };
    let session = insert_session(app, (market, s), date, opens).await;
    (market, session, s, st)
}

/// A four-hour night market session of `market` on `site`, inserted directly: its id.
pub async fn insert_session(
    app: &TestApp,
    (market, site): (i32, i32),
    date: chrono::NaiveDate,
    opens: chrono::DateTime<Utc>,
) -> i32 {
    entity::market_sessions::ActiveModel {
        market_id: Set(market),
        site_id: Set(site),
        business_date: Set(date),
        segment: Set("夜市".into()),
        starts_at: Set(opens),
        ends_at: Set(opens + Duration::hours(4)),
        status: Set("scheduled".parse().unwrap()),
        cancel_reason: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id
}

/// A booking inserted directly.
pub async fn book(app: &TestApp, session: i32, stall: i32, vendor: i64) -> i32 {
    entity::bookings::ActiveModel {
        session_id: Set(session),
        stall_id: Set(stall),
        vendor_id: Set(vendor as i32),
        application_id: Set(None),
        status: Set("checked_in".parse().unwrap()),
        checked_in_at: Set(Some(Utc::now())),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id
}

/// A report inserted directly for a booking (whatever its session's time); returns its id.
pub async fn insert_report(app: &TestApp, booking: i64, sales_fen: i64) -> i32 {
    let b = entity::bookings::Entity::find_by_id(booking as i32)
        .one(app.conn())
        .await
        .unwrap()
        .expect("booking");
    entity::sales_reports::ActiveModel {
        booking_id: Set(b.id),
        session_id: Set(b.session_id),
        vendor_id: Set(b.vendor_id),
        application_id: Set(b.application_id),
        sales_fen: Set(sales_fen),
        voucher_fen: Set(0),
        helpers: Set(0),
        flagged: Set(false),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        updated_by: Set(None),
        updated_at: Set(None),
        ..Default::default()
    }
    .insert(app.conn())
    .await
    .unwrap()
    .id
}

/// The role table's `POST /api/v1/sales-reports` body: its second (future) booking, which
/// no row deletes.
pub fn role_sales_body(_: u32) -> Value {
    json!({"booking_id": crate::market_fixtures::role_ids().booking2, "sales_yuan": "100"})
}

/// The role table's sales form.
pub fn role_sales_form(_: u32) -> Vec<(String, String)> {
    vec![("sales_yuan".into(), "100".into())]
}

/// A report on a started session of a market only admins manage, for the role table.
pub async fn role_sales_report(app: &TestApp) -> i32 {
    let (_, session, _, st) = market_with_session(app, "RSR", 1).await;
    let v = crate::market_fixtures::vendor_rows(app, 1, "小吃餐饮").await;
    let b = book(app, session, st[0], v[0]).await;
    insert_report(app, i64::from(b), 10_000).await
}

async fn report_count(app: &TestApp) -> u64 {
    entity::sales_reports::Entity::find()
        .count(app.conn())
        .await
        .unwrap()
}

/// A vendor with a booking in a session that started two hours ago.
async fn started(app: &TestApp, code: &str) -> (Client, i64, i32, i32) {
    let (market, session, _, st) = market_with_session(app, code, 0).await;
    let (c, vendor_id) = vendor(app, "农副产品", None).await;
    let b = book(app, session, st[0], vendor_id).await;
    let _ = market;
    (c, vendor_id, b, session)
}

#[tokio::test]
async fn a_vendor_reports_once_and_corrects_within_seven_days() {
    let app = TestApp::new().await;
    let (mut v, vendor_id, booking, session) = started(&app, "SLA").await;
    let r = v
        .post_json("/api/v1/sales-reports", &json!({"booking_id": booking, "sales_yuan": "1280.5", "voucher_yuan": 120, "helpers": 2}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let body = r.json();
    assert_eq!(body["sales_yuan"], "1280.50");
    assert_eq!(body["voucher_yuan"], "120.00");
    assert_eq!(body["helpers"], 2);
    assert_eq!(body["vendor_id"].as_i64(), Some(vendor_id));
    assert_eq!(body["session_id"].as_i64(), Some(i64::from(session)));
    let id = body["id"].as_i64().unwrap();

    let again = v
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": booking, "sales_yuan": "1"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error_code(), "already_reported");
    assert_eq!(report_count(&app).await, 1);

    let fixed = v
        .json(
            http::Method::PUT,
            &format!("/api/v1/sales-reports/{id}"),
            &json!({"sales_yuan": 1300.2, "helpers": "1"}),
        )
        .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text());
    assert_eq!(fixed.json()["sales_yuan"], "1300.20");
    assert_eq!(fixed.json()["voucher_yuan"], "0.00");

    // Eight days later the report is closed: nothing changes.
    entity::sales_reports::Entity::update_many()
        .col_expr(
            entity::sales_reports::Column::CreatedAt,
            (Utc::now() - Duration::days(8)).into(),
        )
        .exec(app.conn())
        .await
        .unwrap();
    let late = v
        .json(
            http::Method::PUT,
            &format!("/api/v1/sales-reports/{id}"),
            &json!({"sales_yuan": "1"}),
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(late.error_code(), "correction_closed");
    let stored = entity::sales_reports::Entity::find_by_id(id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.sales_fen, 130_020);
}

#[tokio::test]
async fn bad_amounts_and_helpers_are_refused_in_the_readers_language_and_nothing_is_written() {
    let app = TestApp::new().await;
    let (mut v, _, booking, _) = started(&app, "SLB").await;
    let cases = [
        (
            json!({"booking_id": booking, "sales_yuan": "-5"}),
            "invalid_amount",
            "sales_yuan",
            "负数",
        ),
        (
            json!({"booking_id": booking, "sales_yuan": "五百"}),
            "invalid_amount",
            "sales_yuan",
            "数字",
        ),
        (
            json!({"booking_id": booking, "sales_yuan": "1000000.01"}),
            "invalid_amount",
            "sales_yuan",
            "100 万元",
        ),
        (
            json!({"booking_id": booking, "sales_yuan": 12.345}),
            "invalid_amount",
            "sales_yuan",
            "两位小数",
        ),
        (
            json!({"booking_id": booking, "sales_yuan": "100", "voucher_yuan": -1}),
            "invalid_amount",
            "voucher_yuan",
            "负数",
        ),
        (
            json!({"booking_id": booking, "sales_yuan": "100", "helpers": 21}),
            "invalid_helpers",
            "helpers",
            "0 到 20",
        ),
        (
            json!({"booking_id": booking}),
            "invalid_amount",
            "sales_yuan",
            "营业额",
        ),
    ];
    for (body, code, field, words) in cases {
        let r = v.post_json("/api/v1/sales-reports", &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.text()
        );
        let e = r.json()["error"].clone();
        assert_eq!(e["code"], code, "{body}");
        assert_eq!(e["field"], field, "{body}");
        assert!(
            e["message"].as_str().unwrap().contains(words),
            "{body}: {e}"
        );
    }
    assert_eq!(report_count(&app).await, 0);
}

#[tokio::test]
async fn another_vendors_booking_and_a_session_not_started_are_refused() {
    let app = TestApp::new().await;
    let (_, _, booking, _) = started(&app, "SLC").await;
    let (mut other, _) = vendor(&app, "服装百货", None).await;
    let r = other
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": booking, "sales_yuan": "10"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let (_, future, _, st) = market_with_session(&app, "SLD", -2).await;
    let (mut v, vendor_id) = vendor(&app, "农副产品", None).await;
    let b = book(&app, future, st[0], vendor_id).await;
    let r = v
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": b, "sales_yuan": "10"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "session_not_started");
    assert_eq!(report_count(&app).await, 0);
}

#[tokio::test]
async fn a_managers_entry_and_correction_are_audited() {
    let app = TestApp::new().await;
    let (mut v, _, booking, _) = started(&app, "SLE").await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = admin
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": booking, "sales_yuan": "300"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let r = admin
        .json(
            http::Method::PUT,
            &format!("/api/v1/sales-reports/{id}"),
            &json!({"sales_yuan": "320", "booking_id": booking}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let actions: Vec<String> = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("sales_report"))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, vec!["create".to_owned(), "correct".to_owned()]);
    // The vendor writing over the office's checked figures (as the contract lets them within
    // 7 days) is audited too, before and after: their edits of their own figures alone are not.
    let r = v
        .json(
            http::Method::PUT,
            &format!("/api/v1/sales-reports/{id}"),
            &json!({"sales_yuan": "3200", "booking_id": booking}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let corrections: Vec<entity::audit_log::Model> = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Entity.eq("sales_report"))
        .filter(entity::audit_log::Column::Action.eq("correct"))
        .all(app.conn())
        .await
        .unwrap();
    assert_eq!(corrections.len(), 2);
    let last = corrections.last().unwrap();
    assert!(
        last.before.as_deref().unwrap_or("").contains("32000")
            && last.after.as_deref().unwrap_or("").contains("320000"),
        "{last:?}"
    );
}

#[tokio::test]
async fn a_night_far_above_the_usual_is_flagged_and_still_counted() {
    let app = TestApp::new().await;
    let (_, vendor_id) = vendor(&app, "农副产品", None).await;
    let (mut admin, mut sessions) = (app.login_as(Role::Admin).await, Vec::new());
    for (i, code) in ["SF1", "SF2", "SF3", "SF4", "SF5", "SF6"]
        .iter()
        .enumerate()
    {
        let (_, session, _, st) = market_with_session(&app, code, i as i64 + 1).await;
        sessions.push(book(&app, session, st[0], vendor_id).await);
    }
    for b in &sessions[1..] {
        let r = admin
            .post_json(
                "/api/v1/sales-reports",
                &json!({"booking_id": b, "sales_yuan": "500"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json()["flagged"], false);
    }
    let r = admin
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": sessions[0], "sales_yuan": "9000"}),
        )
        .await;
    assert_eq!(r.json()["flagged"], true, "{}", r.text());
    let from = nightmarket::clock::today() - Duration::days(10);
    let report = admin
        .get(&format!(
            "/api/v1/reports/occupancy?from={from}&group_by=market"
        ))
        .await
        .json();
    assert_eq!(report["totals"]["sales_yuan"], "11500.00");
    assert_eq!(report["totals"]["flagged"], 1);
    assert_eq!(report["totals"]["reports_filed"], 6);
    // The manager's page lists it.
    let page = admin.get("/sales").await;
    assert!(
        page.text().contains("9,000.00"),
        "the flagged night is listed"
    );
}

#[tokio::test]
async fn a_new_vendors_first_night_far_above_the_markets_stalls_is_flagged() {
    let app = TestApp::new().await;
    let (market, tonight, site_id, st) = market_with_session(&app, "SNV", 1).await;
    let eve = entity::market_sessions::Entity::find_by_id(tonight)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    let earlier = insert_session(
        &app,
        (market, site_id),
        eve.business_date - Duration::days(1),
        eve.starts_at - Duration::days(1),
    )
    .await;
    let vs = crate::market_fixtures::vendor_rows(&app, 7, "小吃餐饮").await;
    // Five nights of the market's other stalls, ¥300 to ¥900.
    for (k, fen) in [30_000, 50_000, 60_000, 90_000].iter().enumerate() {
        let b = book(&app, earlier, st[k], vs[k]).await;
        insert_report(&app, i64::from(b), *fen).await;
    }
    let b = book(&app, tonight, st[0], vs[4]).await;
    insert_report(&app, i64::from(b), 40_000).await;
    let mut admin = app.login_as(Role::Admin).await;
    let slip = book(&app, tonight, st[1], vs[5]).await;
    let r = admin
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": slip, "sales_yuan": "90000"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["flagged"], true, "¥90,000 where stalls take ¥500");
    let good = book(&app, tonight, st[2], vs[6]).await;
    let r = admin
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": good, "sales_yuan": "1800"}),
        )
        .await;
    assert_eq!(
        r.json()["flagged"],
        false,
        "a good night is no slip: {}",
        r.text()
    );
    let page = admin.get("/sales").await;
    let rows = page.select("#h-flagged ~ div table tbody tr");
    let slip_row = rows
        .iter()
        .find(|r| r.contains("90,000.00"))
        .unwrap_or_else(|| panic!("the slip is listed: {rows:?}"));
    assert!(
        slip_row.contains("上报不足 5 次"),
        "no usual night yet: {slip_row}"
    );
}

#[tokio::test]
async fn a_report_filed_weeks_after_its_night_is_listed_for_checking() {
    let app = TestApp::new().await;
    let (_, old_night, _, st) = market_with_session(&app, "SLT", 40).await;
    let (mut v, vendor_id) = vendor(&app, "农副产品", None).await;
    let b = book(&app, old_night, st[0], vendor_id).await;
    let r = v
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": b, "sales_yuan": "480"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(
        r.json()["flagged"],
        true,
        "it changes a closed month: {}",
        r.text()
    );
    let date = nightmarket::clock::today() - Duration::days(40);
    let mut admin = app.login_as(Role::Admin).await;
    let page = admin.get("/sales").await;
    let rows = page.select("#h-flagged ~ div table tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains(&date.to_string()) && r.contains("480.00")),
        "the late report of a night 40 days ago is listed: {rows:?}"
    );
}

#[tokio::test]
async fn the_morning_reminder_goes_once_per_booking_without_a_report() {
    let app = TestApp::new().await;
    let (market, session, _, st) = market_with_session(&app, "SRM", 1).await;
    let vs = crate::market_fixtures::vendor_rows(&app, 3, "小吃餐饮").await;
    let missing = book(&app, session, st[0], vs[0]).await;
    let reported = book(&app, session, st[1], vs[1]).await;
    insert_report(&app, i64::from(reported), 1000).await;
    // An optional market reminds nobody.
    let (_, optional_session, _, st2) = market_with_session(&app, "SRO", 1).await;
    book(&app, optional_session, st2[0], vs[2]).await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = admin
        .json(
            http::Method::PUT,
            &format!("/api/v1/markets/{market}/sales-reporting"),
            &json!({"reporting": "required"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = admin
        .json(
            http::Method::PUT,
            &format!("/api/v1/markets/{market}/sales-reporting"),
            &json!({"reporting": "sometimes"}),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_reporting");

    // 09:00 in Minle, the morning after.
    let morning = Utc::now()
        .with_timezone(&nightmarket::clock::shanghai())
        .date_naive();
    let at = Utc.from_utc_datetime(&morning.and_hms_opt(1, 0, 0).unwrap());
    // Two runs at once (as two processes would): one reminder in all.
    let (a, b) = tokio::join!(
        nightmarket::sales::reminders::send_due(app.conn(), at),
        nightmarket::sales::reminders::send_due(app.conn(), at)
    );
    let sent: Vec<_> = a.unwrap().into_iter().chain(b.unwrap()).collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].kind, "sales_reminder");
    let again = nightmarket::sales::reminders::send_due(app.conn(), at)
        .await
        .unwrap();
    assert!(again.is_empty());
    let reminded: Vec<i32> = entity::notices::Entity::find()
        .filter(entity::notices::Column::Kind.eq("sales_reminder"))
        .all(app.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.user_id)
        .collect();
    assert_eq!(reminded.len(), 1);
    let _ = missing;
    // Before 08:00 nothing of yesterday is due yet.
    let early = Utc.from_utc_datetime(&morning.and_hms_opt(0, 0, 0).unwrap()) - Duration::hours(1);
    assert!(
        nightmarket::sales::reminders::send_due(app.conn(), early)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_vendor_reports_with_one_tap_on_their_page() {
    let app = TestApp::new().await;
    let (mut v, _, booking, _) = started(&app, "SLP").await;
    let page = v.get("/sales").await;
    assert_eq!(page.select("h1").len(), 1, "one heading");
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.attr(
            &format!("form[action='/sales/bookings/{booking}'] input[name='sales_yuan']"),
            "inputmode"
        )
        .as_deref(),
        Some("decimal")
    );
    let r = v
        .submit(
            "/sales",
            &format!("/sales/bookings/{booking}"),
            &[
                ("sales_yuan", "888.8.8"),
                ("voucher_yuan", "20"),
                ("helpers", "3"),
                ("back", "/sales"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The message at the top names the night and leads to it; in the night's own card it is
    // shown again beside the figures as they were typed, to mend one.
    let top = r.select("p.error-message[role=alert]");
    assert_eq!(top.len(), 1);
    assert!(top[0].contains("金额请填数字"), "{top:?}");
    assert_eq!(
        r.attr("p.error-message[role=alert] a", "href"),
        Some(format!("#night-{booking}"))
    );
    let card = format!("#night-{booking}");
    assert_eq!(
        r.select(&format!("{card} p.error-message")),
        vec![
            "⚠ 金额请填数字，小数用点号，例如 1280.50（逗号只能用于千位分隔，如 1,280.50）。"
                .to_owned()
        ]
    );
    for (name, typed) in [
        ("sales_yuan", "888.8.8"),
        ("voucher_yuan", "20"),
        ("helpers", "3"),
    ] {
        assert_eq!(
            r.attr(&format!("{card} input[name={name}]"), "value")
                .as_deref(),
            Some(typed),
            "{name}"
        );
    }
    assert_eq!(report_count(&app).await, 0);
    let r = v
        .submit(
            "/sales",
            &format!("/sales/bookings/{booking}"),
            &[
                ("sales_yuan", "１２８０"),
                ("voucher_yuan", "20"),
                ("helpers", "1"),
                ("back", "/sales"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = v.get(&r.location()).await;
    assert!(
        page.text().contains("1280.00"),
        "the report shows on the page"
    );
    assert_eq!(report_count(&app).await, 1);
}

#[tokio::test]
async fn a_night_never_checked_in_and_more_vouchers_than_sales_are_put_before_the_manager() {
    let app = TestApp::new().await;
    let (_, vendor_id) = vendor(&app, "农副产品", None).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, s1, _, st1) = market_with_session(&app, "NC1", 1).await;
    let (_, s2, _, st2) = market_with_session(&app, "NC2", 2).await;
    let absent = book(&app, s1, st1[0], vendor_id).await;
    {
        use sea_orm::{ActiveModelTrait, IntoActiveModel};
        let row = entity::bookings::Entity::find_by_id(absent)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap();
        let mut row = row.into_active_model();
        row.status = Set("booked".parse().unwrap());
        row.checked_in_at = Set(None);
        row.update(app.conn()).await.unwrap();
    }
    let r = admin
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": absent, "sales_yuan": "300"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["flagged"], true, "no check-in that night");
    let present = book(&app, s2, st2[0], vendor_id).await;
    let r = admin
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": present, "sales_yuan": "100", "voucher_yuan": "200"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["flagged"], true, "more vouchers than sales");
    // Kept and counted all the same: a report is the vendor's word.
    assert_eq!(report_count(&app).await, 2);
    // A booking cancelled since its report: the report can still be corrected.
    let report_id = r.json()["id"].as_i64().unwrap();
    entity::bookings::Entity::delete_by_id(present)
        .exec(app.conn())
        .await
        .unwrap();
    let r = admin
        .json(
            http::Method::PUT,
            &format!("/api/v1/sales-reports/{report_id}"),
            &json!({"sales_yuan": "250", "voucher_yuan": "50"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["flagged"], true, "no check-in left to show");
}
