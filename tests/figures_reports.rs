//! Sales, vouchers, reports filed and jobs in the occupancy report (every grouping, JSON, CSV,
//! Excel, the dashboard), totals equal to a recount from the raw rows on either backend, and
//! the period summary in the bureau's words.

use crate::figures_sales::{book, market_with_session};
use crate::market_fixtures::vendor_rows;
use crate::support::TestApp;
use chrono::Duration;
use http::StatusCode;
use nightmarket::identity::Role;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

/// Three past nights on two sites with reports of odd amounts (to the fen), helpers, and a
/// booking without a report; returns the period's first and last dates.
async fn dataset(app: &TestApp) -> (String, String) {
    let vs = vendor_rows(app, 4, "小吃餐饮").await;
    let mut admin = app.login_as(Role::Admin).await;
    let figures = [
        // (site code, days ago, vendor index, sales, vouchers, helpers)
        ("FRA", 3, 0, "1234.56", "100.01", 2),
        ("FRA", 3, 1, "0.07", "0", 0),
        ("FRB", 2, 0, "999999.99", "12.34", 1),
        ("FRB", 2, 2, "88.8", "0.5", 3),
        ("FRC", 1, 1, "300", "0", 1),
    ];
    let mut sessions = std::collections::HashMap::new();
    for (code, days, v, sales, vouchers, helpers) in figures {
        let (session, st) = match sessions.get(code) {
            Some(x) => x,
            None => {
                let (_, session, _, st) = market_with_session(app, code, days).await;
                sessions.insert(code, (session, st));
                &sessions[code]
            }
        };
        let stall = st[v % st.len()];
        let b = book(app, *session, stall, vs[v]).await;
        let r = admin
            .post_json("/api/v1/sales-reports", &json!({"booking_id": b, "sales_yuan": sales, "voucher_yuan": vouchers, "helpers": helpers}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    // A booked vendor who reports nothing still counts as a job.
    let (session, st) = &sessions["FRC"];
    book(app, *session, st[3], vs[3]).await;
    let today = nightmarket::clock::today();
    (
        (today - Duration::days(3)).to_string(),
        (today - Duration::days(1)).to_string(),
    )
}

/// The exact sums from the raw rows, cast back to a 64-bit integer on either backend.
async fn recount(app: &TestApp) -> (i64, i64, i64) {
    let db = app.conn();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(COALESCE(SUM(r.sales_fen), 0) AS BIGINT), \
             CAST(COALESCE(SUM(r.voucher_fen), 0) AS BIGINT), COUNT(*) \
             FROM sales_reports r JOIN market_sessions s ON s.id = r.session_id \
             WHERE s.status = 'scheduled'",
        ))
        .await
        .unwrap()
        .unwrap();
    (
        row.try_get_by_index(0).unwrap(),
        row.try_get_by_index(1).unwrap(),
        row.try_get_by_index(2).unwrap(),
    )
}

fn fen(yuan: &Value) -> i64 {
    let s = yuan.as_str().expect("an amount string");
    let (whole, frac) = s.split_once('.').expect("two decimals");
    assert_eq!(frac.len(), 2, "{s}");
    whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

#[tokio::test]
async fn every_grouping_carries_exact_sales_that_equal_a_recount_of_the_raw_rows() {
    let app = TestApp::new().await;
    let (from, to) = dataset(&app).await;
    let (sales, vouchers, filed) = recount(&app).await;
    assert_eq!((sales, vouchers, filed), (100_162_342, 11_285, 5));
    let mut bureau = app.login_as(Role::Bureau).await;
    for group in [
        "site", "market", "segment", "category", "day", "week", "month",
    ] {
        let r = bureau
            .get(&format!(
                "/api/v1/reports/occupancy?from={from}&to={to}&group_by={group}"
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let body = r.json();
        let t = &body["totals"];
        assert_eq!(fen(&t["sales_yuan"]), sales, "{group}");
        assert_eq!(fen(&t["voucher_yuan"]), vouchers, "{group}");
        assert_eq!(t["reports_filed"].as_i64(), Some(filed), "{group}");
        // Four vendors booked; the most helpers each reported: 2 + 1 + 3 + 0.
        assert_eq!(t["jobs"], 10, "{group}");
        let rows = body["rows"].as_array().unwrap();
        let row_sales: i64 = rows.iter().map(|r| fen(&r["sales_yuan"])).sum();
        assert_eq!(row_sales, sales, "{group}: rows add up to the total");
        let row_filed: i64 = rows
            .iter()
            .map(|r| r["reports_filed"].as_i64().unwrap())
            .sum();
        assert_eq!(row_filed, filed, "{group}");
    }
    let by_site = bureau
        .get(&format!(
            "/api/v1/reports/occupancy?from={from}&to={to}&group_by=site"
        ))
        .await
        .json();
    let rows = by_site["rows"].as_array().unwrap();
    assert_eq!(rows[0]["sales_yuan"], "1234.63");
    assert_eq!(rows[0]["voucher_yuan"], "100.01");
    assert_eq!(rows[0]["jobs"], 4, "two vendors and their 2 + 0 helpers");
    assert_eq!(rows[1]["sales_yuan"], "1000088.79");

    let csv = bureau
        .get(&format!(
            "/api/v1/reports/occupancy?from={from}&to={to}&group_by=site&format=csv"
        ))
        .await
        .text();
    let head = csv.lines().next().unwrap();
    assert!(
        head.contains("销售额（元）") && head.contains("带动就业") && head.ends_with("待核对"),
        "{head}"
    );
    // The nights to check are in the file too, as on the page.
    let total_line = csv.lines().last().unwrap();
    assert!(
        total_line.ends_with(&format!(",{}", by_site["totals"]["flagged"])),
        "{total_line}"
    );
    assert!(csv.contains(",1001623.42,112.85,5,10"), "{csv}");
    let xlsx = bureau
        .get(&format!(
            "/api/v1/reports/occupancy?from={from}&to={to}&format=xlsx"
        ))
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);

    let page = bureau.get(&format!("/reports?from={from}&to={to}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("¥1,001,623.42") && html.contains("chart-sales-period"),
        "the dashboard shows sales, thousands grouped, with a chart"
    );
    assert!(
        !html.contains("1001623.42"),
        "no ungrouped amount on the page"
    );
    // Weeks read as weeks with their dates, not as ISO keys.
    let page = bureau
        .get(&format!("/reports?from={from}&to={to}&group_by=week"))
        .await;
    let week = page.select("#h-period ~ div.table-wrap tbody th");
    assert!(!week.is_empty(), "{}", page.text());
    assert!(
        week.iter()
            .all(|w| w.contains("年第") && w.contains("周（")),
        "{week:?}"
    );
}

#[tokio::test]
async fn the_summary_speaks_the_bureaus_words_and_compares_with_the_previous_period() {
    let app = TestApp::new().await;
    let (from, to) = dataset(&app).await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let r = bureau
        .get(&format!("/api/v1/reports/summary?from={from}&to={to}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let s = r.json();
    assert_eq!(s["markets"], 3);
    assert_eq!(s["sites"], 3);
    assert_eq!(s["stalls"], 12);
    assert_eq!(s["vendors_settled"], 4);
    assert_eq!(s["new_vendors"], 4);
    assert_eq!(s["jobs"], 10);
    assert_eq!(s["sales_yuan"], "1001623.42");
    assert_eq!(s["voucher_yuan"], "112.85");
    assert_eq!(s["previous"]["sales_yuan"], "0.00");
    let zh = s["text_zh"].as_str().unwrap();
    assert!(
        zh.starts_with("本期共开设便民市场、夜市 3 个（场地 3 处），设定摊位 12 个，入驻经营户 4 户（其中新入驻 4 户），带动就业 10 人，实现销售额 100.2 万元，核销消费券 113 元"),
        "{zh}"
    );
    assert!(zh.ends_with("上期无可比数据。"), "{zh}");
    assert!(
        s["text_en"].as_str().unwrap().contains("¥1,001,623"),
        "{}",
        s["text_en"]
    );

    // The next three days, not over: never read as a fall against days already held.
    let today = nightmarket::clock::today();
    let next = bureau
        .get(&format!(
            "/api/v1/reports/summary?from={}&to={}",
            today + Duration::days(1),
            today + Duration::days(3)
        ))
        .await
        .json();
    assert_eq!(next["text_zh"], "本期尚未开始。", "{next}");
    assert_eq!(
        next["text_en"], "This period has not started yet.",
        "{next}"
    );
    assert!(next["as_of"].is_string(), "{next}");
    // The previous period is whole and well formed (amounts, not empty strings).
    assert!(
        next["previous"]["from"].as_str() < next["previous"]["to"].as_str(),
        "{next}"
    );
    assert!(
        next["previous"]["sales_yuan"]
            .as_str()
            .unwrap()
            .contains('.'),
        "{next}"
    );

    let page = bureau
        .get(&format!("/reports/summary?from={from}&to={to}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("本期共开设便民市场、夜市 3 个"));
    // The table writes amounts and counts with their thousands grouped, as the paragraph does.
    for cell in page.select("table.summary-figures td") {
        let whole = cell.split('.').next().unwrap_or("");
        let longest = whole
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        assert!(longest <= 3, "ungrouped: {cell}");
    }
    let doc = bureau
        .get(&format!("/reports/summary.doc?from={from}&to={to}"))
        .await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.text().contains("设定摊位 12 个"));

    // Bad input: reversed period → 422; a vendor → 403.
    let r = bureau
        .get(&format!("/api/v1/reports/summary?from={to}&to={from}"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (mut v, _) = crate::market_fixtures::vendor(&app, "农副产品", None).await;
    assert_eq!(
        v.get("/api/v1/reports/summary").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_demo_county_has_sales_vouchers_and_helpers_on_first_run() {
    let (app, _) = TestApp::with_demo().await;
    let mut bureau = app.login_as(Role::Bureau).await;
    let today = nightmarket::clock::today();
    let s = bureau
        .get(&format!(
            "/api/v1/reports/summary?from={}&to={today}",
            today - Duration::days(14)
        ))
        .await
        .json();
    assert!(fen(&s["sales_yuan"]) > 0, "{s}");
    assert!(fen(&s["voucher_yuan"]) > 0, "{s}");
    assert!(
        s["jobs"].as_u64().unwrap() > s["vendors_settled"].as_u64().unwrap(),
        "helpers add jobs: {s}"
    );
    assert!(s["text_zh"].as_str().unwrap().contains("万元"));
    // Deterministic: a second demo county has the same figures.
    let (again, _) = TestApp::with_demo().await;
    let t = again
        .login_as(Role::Bureau)
        .await
        .get(&format!(
            "/api/v1/reports/summary?from={}&to={today}",
            today - Duration::days(14)
        ))
        .await
        .json();
    assert_eq!(s["sales_yuan"], t["sales_yuan"]);
}

/// The bureau's pages have one heading each (the page frame's), in either language, and the
/// summary's copy boxes say which language each holds (a screen reader reads them right).
#[tokio::test]
async fn the_report_pages_have_one_heading_and_the_copy_boxes_their_language() {
    let app = crate::support::TestApp::new().await;
    let mut bureau = app.login_as(nightmarket::identity::Role::Bureau).await;
    for path in [
        "/reports",
        "/reports?from=2026-05-01&to=2026-04-01",
        "/reports/summary",
        "/open-data",
    ] {
        for lang in ["zh-CN", "en"] {
            bureau
                .headers
                .insert("accept-language", lang.parse().unwrap());
            let page = bureau.get(path).await;
            assert_eq!(page.select("h1").len(), 1, "{path} ({lang})");
        }
    }
    let summary = bureau.get("/reports/summary").await;
    // Markets and sites chosen by name, as on the reports page, not typed as numbers.
    assert_eq!(summary.select("select#f-market").len(), 1);
    assert_eq!(summary.select("select#f-site").len(), 1);
    assert!(
        summary
            .select("input[name=market_id], input[name=site_id]")
            .is_empty()
    );
    assert_eq!(
        summary.attr("textarea#copy-en", "lang").as_deref(),
        Some("en")
    );
    assert_eq!(
        summary.attr("textarea#copy-zh", "lang").as_deref(),
        Some("zh-CN")
    );
}
