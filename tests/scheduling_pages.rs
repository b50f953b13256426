//! The scheduling pages (issue 17) without JavaScript: the new-market form with more segments
//! and rows at one tap, its preview, the schedule editor and its forms, the site timeline.

use crate::market_fixtures::{day, sessions};
use crate::scheduling_fixtures::{footprint, manager_of, two_sites};
use crate::support::TestApp;
use http::StatusCode;

fn d(n: i64) -> String {
    day(n).to_string()
}

#[tokio::test]
async fn add_a_row_is_one_tap_and_the_preview_lists_sessions_before_anything_is_saved() {
    let app = TestApp::new().await;
    let (mut m, a, b, _, _) = two_sites(&app, "PGN").await;
    let page = m.get("/markets/new").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.select("fieldset.card > legend").len(),
        2,
        "one segment, one row"
    );
    let (a, b) = (a.to_string(), b.to_string());
    let (from, to) = (d(1), d(14));
    let mut pairs = vec![
        ("name", "流动夜市"),
        ("kind", "mobile"),
        ("seg0_name", "夜市"),
        ("seg0_start", "18:00"),
        ("seg0_end", "22:30"),
        ("row0_site", a.as_str()),
        ("row0_segment", "夜市"),
        ("row0_wd", "5"),
        ("row0_from", from.as_str()),
        ("row0_to", to.as_str()),
    ];
    let before = footprint(&app).await;
    let more = m
        .submit(
            "/markets/new",
            "/markets",
            &[pairs.clone(), vec![("action", "add_row")]].concat(),
        )
        .await;
    assert_eq!(more.status, StatusCode::OK);
    assert!(more.attr("#f-row1_site", "name").is_some(), "a second row");
    assert_eq!(
        more.attr("#f-row0_from", "value").as_deref(),
        Some(from.as_str()),
        "typed values kept"
    );
    pairs.extend([
        ("row1_site", b.as_str()),
        ("row1_segment", "夜市"),
        ("row1_wd", "6"),
        ("row1_from", from.as_str()),
        ("row1_to", to.as_str()),
    ]);
    let preview = m
        .submit(
            "/markets/new",
            "/markets",
            &[pairs.clone(), vec![("action", "preview")]].concat(),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview.text().contains("将创建 4 个场次"),
        "{}",
        preview.text()
    );
    assert_eq!(footprint(&app).await, before, "a preview saves nothing");
    let created = m
        .submit(
            "/markets/new",
            "/markets",
            &[pairs, vec![("action", "create")]].concat(),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let id: i64 = created
        .location()
        .trim_start_matches("/markets/")
        .parse()
        .unwrap();
    assert_eq!(sessions(&mut m, id, day(1), day(14)).await.len(), 4);
}

#[tokio::test]
async fn a_bad_row_on_the_form_shows_its_error_beside_it() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "PGE").await;
    let a = a.to_string();
    let (from, to) = (d(1), d(5));
    let r = m
        .submit(
            "/markets/new",
            "/markets",
            &[
                ("name", "甲"),
                ("kind", "fixed"),
                ("seg0_name", "夜市"),
                ("seg0_start", "18:00"),
                ("seg0_end", "22:30"),
                ("row0_site", &a),
                ("row0_segment", "夜市"),
                ("row0_from", &from),
                ("row0_to", &to),
                ("action", "create"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.select("fieldset.field p.error")
            .iter()
            .any(|e| e.contains("至少选择一个营业日")),
        "{}",
        r.text()
    );
}

#[tokio::test]
async fn the_editor_closes_a_market_from_a_form_and_asks_before_moving_booked_sessions() {
    let app = TestApp::new().await;
    let (mut m, a, _, sa, _) = two_sites(&app, "PGC").await;
    let id = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(6)),
    )
    .await;
    let edit = format!("/markets/{id}/edit");
    let page = m.get(&edit).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    for action in [
        format!("/markets/{id}/closures"),
        format!("/markets/{id}/hours"),
        format!("/markets/{id}/clone"),
        format!("/markets/{id}/schedule"),
    ] {
        assert!(
            page.text().contains(&format!("action=\"{action}\"")),
            "{action}"
        );
    }
    let (from, to) = (d(2), d(3));
    let r = m
        .submit(
            &edit,
            &format!("/markets/{id}/closures"),
            &[("from", &from), ("to", &to), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The message in words (not the field's name), and the dates as they were typed.
    assert_eq!(
        r.select("section p.error-message"),
        vec!["⚠ 请填写取消原因（最多 200 个字）。"]
    );
    // The form is far down the page: the reason is also the first thing on it, with a link.
    assert_eq!(r.select("[role=alert]").len(), 1);
    assert_eq!(
        r.attr("p.error-message[role=alert] a", "href").as_deref(),
        Some("#s-closure")
    );
    let closure = format!("form[action=\"/markets/{id}/closures\"]");
    for (name, typed) in [("from", &from), ("to", &to)] {
        assert_eq!(
            r.attr(&format!("{closure} input[name={name}]"), "value")
                .as_ref(),
            Some(typed),
            "{name}"
        );
    }
    let r = m
        .submit(
            &edit,
            &format!("/markets/{id}/closures"),
            &[("from", &from), ("to", &to), ("reason", "春节")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(m.get(&r.location()).await.text().contains("取消 2 个场次"));
    // New hours over a booked session: a confirmation page first, with the counts.
    let list = sessions(&mut m, id, day(5), day(5)).await;
    crate::scheduling_fixtures::book(&app, &mut m, list[0]["id"].as_i64().unwrap(), &sa, 1).await;
    let from = d(4);
    let r = m
        .submit(
            &edit,
            &format!("/markets/{id}/hours"),
            &[
                ("segment", "夜市"),
                ("start", "17:00"),
                ("end", "21:00"),
                ("from", &from),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.text().contains("1 位摊主"), "{}", r.text());
    assert_eq!(
        sessions(&mut m, id, day(5), day(5)).await[0]["start"],
        "18:00"
    );
    let r = m
        .submit(
            &edit,
            &format!("/markets/{id}/hours"),
            &[
                ("segment", "夜市"),
                ("start", "17:00"),
                ("end", "21:00"),
                ("from", &from),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        sessions(&mut m, id, day(5), day(5)).await[0]["start"],
        "17:00"
    );
    // Another manager cannot open the editor.
    let mut other = manager_of(&app, "mgr-pgc-other", &[]).await;
    assert_eq!(other.get(&edit).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_timeline_page_has_week_and_month_views_in_both_languages() {
    let app = TestApp::new().await;
    let (mut m, a, _, _, _) = two_sites(&app, "PGT").await;
    crate::market_fixtures::market_begun(
        &app,
        &mut m,
        &crate::market_fixtures::night_market(a, day(0), day(40)),
    )
    .await;
    let mut c = app.client();
    let week = c.get(&format!("/sites/{a}/timeline")).await;
    assert_eq!(week.status, StatusCode::OK);
    assert_eq!(week.select("ol.timeline > li").len(), 7);
    assert_eq!(week.select("svg.timeline-bar").len(), 7);
    let month = c.get(&format!("/sites/{a}/timeline?view=month")).await;
    assert!(month.select("ol.timeline > li").len() >= 28);
    c.get("/lang/en?next=/").await;
    let en = c.get(&format!("/sites/{a}/timeline")).await;
    assert!(en.text().contains("Site timeline"));
}

/// A row the editor refuses (its last day before its first) comes back with the site, segment,
/// weekdays and dates as they were chosen: the manager mends one date, not the whole row.
#[tokio::test]
async fn the_editors_refused_row_keeps_what_was_chosen() {
    let app = TestApp::new().await;
    let (mut m, a, b, _, _) = two_sites(&app, "PGK").await;
    let id = crate::market_fixtures::market(
        &mut m,
        &crate::market_fixtures::night_market(a, day(1), day(6)),
    )
    .await;
    let edit = format!("/markets/{id}/edit");
    let (from, to) = (d(9), d(8));
    let b = b.to_string();
    let r = m
        .submit(
            &edit,
            &format!("/markets/{id}/schedule"),
            &[
                ("site_id", &b),
                ("segment", "夜市"),
                ("weekdays", "2"),
                ("weekdays", "6"),
                ("from", &from),
                ("to", &to),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.select("section p.error-message").len(), 1);
    let row = format!("form[action=\"/markets/{id}/schedule\"]");
    assert_eq!(
        r.attr(
            &format!("{row} select[name=site_id] option[selected]"),
            "value"
        ),
        Some(b)
    );
    assert_eq!(
        r.attrs(&format!("{row} input[name=weekdays][checked]"), "value"),
        vec!["2", "6"]
    );
    assert_eq!(
        r.attr(&format!("{row} input[name=from]"), "value"),
        Some(from)
    );
    assert_eq!(r.attr(&format!("{row} input[name=to]"), "value"), Some(to));
}
