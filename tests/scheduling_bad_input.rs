//! Bad scheduling input (issue 17): each a clear error in the reader's language naming the
//! field, and nothing written.

use crate::market_fixtures::{day, site};
use crate::scheduling_fixtures::{footprint, manager_of, market_body, two_sites};
use crate::support::TestApp;
use chrono::Datelike;
use http::{Method, StatusCode};
use serde_json::{Value, json};

fn d(n: i64) -> String {
    day(n).to_string()
}

fn night() -> Value {
    json!([{"name": "夜市", "start": "18:00", "end": "22:30"}])
}

fn row(site: i32, weekdays: Value, from: String, to: String) -> Value {
    json!([{"site_id": site, "segment": "夜市", "weekdays": weekdays, "from": from, "to": to}])
}

/// Sends `body` to `path`; expects `status` with `code` naming `field`, a message in Chinese
/// (and in English when asked), and nothing written.
#[expect(
    clippy::too_many_arguments,
    reason = "one refusal, spelled out at each call"
)]
async fn refused(
    app: &TestApp,
    c: &mut crate::support::Client,
    method: Method,
    path: &str,
    body: &Value,
    status: StatusCode,
    code: &str,
    field: Option<&str>,
) {
    let before = footprint(app).await;
    let r = c.json(method.clone(), path, body).await;
    assert_eq!(r.status, status, "{path} {body}: {}", r.text());
    assert_eq!(r.error_code(), code, "{}", r.text());
    let e = r.json()["error"].clone();
    if let Some(f) = field {
        assert_eq!(e["field"], f, "{e}");
    }
    let zh = e["message"].as_str().unwrap().to_owned();
    assert!(
        zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
        "Chinese first: {zh}"
    );
    assert_eq!(footprint(app).await, before, "nothing written for {body}");
}

#[tokio::test]
async fn bad_segments_and_rows_are_refused_naming_the_field() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "BAD").await;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    // Tomorrow alone, on another weekday than tomorrow's.
    let not_tomorrow = chrono::NaiveDate::parse_from_str(&d(1), "%Y-%m-%d")
        .unwrap()
        .weekday()
        .number_from_monday()
        % 7
        + 1;
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            market_body(
                "甲",
                "fixed",
                json!([{"name": "夜市", "start": "18:00", "end": "18:00"}]),
                row(a, json!([5]), d(1), d(5)),
            ),
            "invalid_time",
            "segments[0].end",
        ),
        // Weekdays that never fall in the dates: a row that would open nothing.
        (
            market_body(
                "甲",
                "fixed",
                json!([{"name": "夜市", "start": "18:00", "end": "22:00"}]),
                row(a, json!([not_tomorrow]), d(1), d(1)),
            ),
            "invalid_weekdays",
            "schedule[0].weekdays",
        ),
        // A bad end is named as the end, not the start.
        (
            market_body(
                "甲",
                "fixed",
                json!([{"name": "夜市", "start": "18:00", "end": "24:00"}]),
                row(a, json!([5]), d(1), d(5)),
            ),
            "invalid_time",
            "segments[0].end",
        ),
        // Start and end swapped: not a nineteen-and-a-half-hour night.
        (
            market_body(
                "甲",
                "fixed",
                json!([{"name": "夜市", "start": "22:30", "end": "18:00"}]),
                row(a, json!([5]), d(1), d(5)),
            ),
            "invalid_time",
            "segments[0].end",
        ),
        (
            market_body(
                "甲",
                "fixed",
                json!([{"name": "早市", "start": "06:00", "end": "10:00"}, {"name": "午市", "start": "09:00", "end": "12:00"}]),
                row(a, json!([5]), d(1), d(5)),
            ),
            "segment_overlap",
            "segments[1].start",
        ),
        (
            market_body(
                "甲",
                "fixed",
                json!([{"name": "夜市", "start": "18:00", "end": "02:00"}, {"name": "早市", "start": "01:00", "end": "05:00"}]),
                row(a, json!([5]), d(1), d(5)),
            ),
            "segment_overlap",
            "segments[1].start",
        ),
        (
            market_body("甲", "fixed", night(), row(a, json!([]), d(1), d(5))),
            "invalid_weekdays",
            "schedule[0].weekdays",
        ),
        (
            market_body("甲", "fixed", night(), row(a, json!([5]), d(5), d(1))),
            "invalid_range",
            "schedule[0].to",
        ),
        (
            market_body("甲", "fixed", night(), row(a, json!([5]), d(1), d(800))),
            "invalid_range",
            "schedule[0].to",
        ),
        // A season that began last week: nights never held would count in the figures.
        (
            market_body("甲", "fixed", night(), row(a, Value::Null, d(-7), d(7))),
            "date_past",
            "schedule[0].from",
        ),
        (
            market_body(
                "甲",
                "fixed",
                night(),
                row(a, Value::Null, "0000-01-01".into(), "0000-01-02".into()),
            ),
            "date_past",
            "schedule[0].from",
        ),
    ];
    // A morning segment of today already over, whatever the hour: not a night to create.
    let tz = nightmarket::clock::shanghai();
    let now = chrono::Utc::now().with_timezone(&tz);
    if now.time() > chrono::NaiveTime::from_hms_opt(0, 30, 0).unwrap() {
        let over = (now - chrono::Duration::minutes(1))
            .format("%H:%M")
            .to_string();
        let opened = (now - chrono::Duration::minutes(20))
            .max(
                now.date_naive()
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_local_timezone(tz)
                    .unwrap(),
            )
            .format("%H:%M")
            .to_string();
        if opened < over {
            let body = market_body(
                "甲",
                "fixed",
                json!([{"name": "早市", "start": opened, "end": over}]),
                json!([{"site_id": a, "segment": "早市", "from": d(0), "to": d(3)}]),
            );
            refused(
                &app,
                &mut m,
                Method::POST,
                "/api/v1/markets",
                &body,
                unprocessable,
                "date_past",
                Some("schedule[0].from"),
            )
            .await;
            // Nor as a row added to a market that has the segment.
            let mut later = body.clone();
            later["schedule"][0]["from"] = json!(d(1));
            let id = crate::market_fixtures::market(&mut m, &later).await;
            refused(
                &app,
                &mut m,
                Method::POST,
                &format!("/api/v1/markets/{id}/schedule"),
                &json!({"site_id": a, "segment": "早市", "from": d(0), "to": d(0)}),
                unprocessable,
                "date_past",
                Some("from"),
            )
            .await;
        }
    }
    for (body, code, field) in &cases {
        refused(
            &app,
            &mut m,
            Method::POST,
            "/api/v1/markets",
            body,
            unprocessable,
            code,
            Some(field),
        )
        .await;
        refused(
            &app,
            &mut m,
            Method::POST,
            "/api/v1/markets/preview",
            body,
            unprocessable,
            code,
            Some(field),
        )
        .await;
    }
    // The same refusals in English when the reader asks for it.
    m.get("/lang/en?next=/").await;
    let r = m.post_json("/api/v1/markets", &cases[6].0).await;
    assert_eq!(r.json()["error"]["message"], "Choose at least one weekday.");
}

#[tokio::test]
async fn another_managers_site_is_a_404_and_nothing_is_written() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "OWN").await;
    let theirs = site(&app, "THEIRS").await;
    let _other = manager_of(&app, "mgr-theirs", &[theirs]).await;
    let body = market_body("甲", "fixed", night(), row(theirs, json!([5]), d(1), d(5)));
    let before = footprint(&app).await;
    assert_eq!(
        m.post_json("/api/v1/markets", &body).await.status,
        StatusCode::NOT_FOUND
    );
    let id = crate::market_fixtures::market(
        &mut m,
        &market_body("乙", "mobile", night(), row(a, json!([5]), d(1), d(5))),
    )
    .await;
    let r = m
        .post_json(&format!("/api/v1/markets/{id}/schedule"), &json!({"site_id": theirs, "segment": "夜市", "weekdays": [6], "from": d(1), "to": d(5)}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let after = footprint(&app).await;
    assert_eq!(
        after[1],
        before[1] + 1,
        "only the second market was written"
    );
}

#[tokio::test]
async fn past_dates_missing_reasons_and_overlapping_clones_are_refused() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "PST").await;
    let id = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(20)),
    )
    .await;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let hours = format!("/api/v1/markets/{id}/segments/夜市/hours");
    refused(
        &app,
        &mut m,
        Method::POST,
        &hours,
        &json!({"start": "17:00", "end": "21:00", "from": d(-1)}),
        unprocessable,
        "date_past",
        Some("from"),
    )
    .await;
    refused(
        &app,
        &mut m,
        Method::POST,
        &hours,
        &json!({"start": "17:00", "end": "17:00", "from": d(2)}),
        unprocessable,
        "invalid_time",
        Some("end"),
    )
    .await;
    let schedule = format!("/api/v1/markets/{id}/schedule");
    refused(
        &app,
        &mut m,
        Method::POST,
        &schedule,
        &json!({"site_id": a, "segment": "夜市", "weekdays": [1], "from": d(-3), "to": d(30)}),
        unprocessable,
        "date_past",
        Some("from"),
    )
    .await;
    refused(
        &app,
        &mut m,
        Method::POST,
        &schedule,
        &json!({"site_id": a, "segment": "夜市", "weekdays": [], "from": d(21), "to": d(30)}),
        unprocessable,
        "invalid_weekdays",
        Some("weekdays"),
    )
    .await;
    let closures = format!("/api/v1/markets/{id}/closures");
    refused(
        &app,
        &mut m,
        Method::POST,
        &closures,
        &json!({"from": d(2), "to": d(3)}),
        unprocessable,
        "invalid_reason",
        Some("reason"),
    )
    .await;
    refused(
        &app,
        &mut m,
        Method::POST,
        &closures,
        &json!({"from": d(2), "to": d(3), "reason": "   "}),
        unprocessable,
        "invalid_reason",
        Some("reason"),
    )
    .await;
    refused(
        &app,
        &mut m,
        Method::POST,
        &closures,
        &json!({"from": d(-2), "to": d(3), "reason": "春节"}),
        unprocessable,
        "date_past",
        Some("from"),
    )
    .await;
    let clone = format!("/api/v1/markets/{id}/clone");
    refused(
        &app,
        &mut m,
        Method::POST,
        &clone,
        &json!({"from": d(10), "to": d(40)}),
        unprocessable,
        "clone_overlap",
        Some("from"),
    )
    .await;
    refused(
        &app,
        &mut m,
        Method::POST,
        &clone,
        &json!({"from": d(60), "to": d(50)}),
        unprocessable,
        "invalid_range",
        Some("to"),
    )
    .await;
    let row = m
        .get(&format!("/api/v1/markets/{id}/schedule"))
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    refused(
        &app,
        &mut m,
        Method::PATCH,
        &format!("/api/v1/schedule-rows/{row}"),
        &json!({"to": d(-1)}),
        unprocessable,
        "date_past",
        Some("to"),
    )
    .await;
    assert_eq!(
        m.post_json(
            &format!("/api/v1/markets/{id}/segments/午市/hours"),
            &json!({"start": "12:00", "end": "13:00", "from": d(2)})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}
