//! The scheduling pages (issue 17) as a manager on a phone: a two-row market made and previewed
//! from pages that carry no script, then every scheduling page again in English.

use super::Browser;
use serde_json::json;

/// Runs as the logged-in manager of `site` and `market`; returns every problem found.
pub(super) async fn without_script_and_in_english(
    b: &mut Browser,
    origin: &str,
    site: i32,
    market: i64,
) -> Vec<String> {
    let mut problems = Vec::new();
    // No JavaScript: these pages carry no script at all, so every step below is a plain form
    // submission, as on a phone with scripts off.
    b.go(&format!("{origin}/markets/new")).await;
    assert_eq!(scripts(b).await, 0, "the new-market page carries no script");
    // A morning slot far ahead, so no other market's session is in the way.
    let from = (chrono::Local::now().date_naive() + chrono::Days::new(400)).to_string();
    let to = (chrono::Local::now().date_naive() + chrono::Days::new(413)).to_string();
    let site = site.to_string();
    b.fill(&[
        ("name", "无脚本流动早市"),
        ("kind", "mobile"),
        ("seg0_name", "早市"),
        ("seg0_start", "10:00"),
        ("seg0_end", "11:00"),
        ("row0_site", &site),
        ("row0_segment", "早市"),
        ("row0_from", &from),
        ("row0_to", &to),
    ])
    .await;
    b.click("input[name='row0_wd'][value='5']").await;
    // Adding a row is one tap, and what was typed stays.
    b.click("button[name='action'][value='add_row']").await;
    b.find("#f-row1_site").await;
    assert_eq!(b.attr("#f-row0_from", "value").await, from);
    b.fill(&[
        ("row1_site", &site),
        ("row1_segment", "早市"),
        ("row1_from", &from),
        ("row1_to", &to),
    ])
    .await;
    b.click("input[name='row1_wd'][value='6']").await;
    problems.extend(b.audit("manager-noscript-market-two-rows").await);
    b.click("button[name='action'][value='preview']").await;
    let preview = b.text("#preview-h + p").await;
    assert!(preview.contains("将创建 4 个场次"), "{preview}");
    problems.extend(b.audit("manager-noscript-preview").await);
    b.click("button[name='action'][value='create']").await;
    let made = b.wait_url("/markets/").await;
    let made: i64 = made
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("created: {made}"));
    b.go(&format!("{origin}/markets/{made}/edit")).await;
    b.find("main h1").await;
    problems.extend(b.audit("manager-noscript-market-edit").await);
    assert_eq!(scripts(b).await, 0, "the schedule editor carries no script");

    // The same pages in English.
    b.go(&format!("{origin}/lang/en?next=/")).await;
    b.find("main").await;
    problems.extend(
        b.visit(
            origin,
            "manager-en",
            &[
                ("market-new", "/markets/new".into()),
                ("market-edit", format!("/markets/{market}/edit")),
                ("market", format!("/markets/{made}")),
                ("timeline-week", format!("/sites/{site}/timeline")),
                (
                    "timeline-month",
                    format!("/sites/{site}/timeline?view=month"),
                ),
            ],
        )
        .await,
    );
    let timeline = b.text("main").await;
    assert!(timeline.contains("Site timeline"), "{timeline}");
    assert_eq!(scripts(b).await, 0, "the timeline carries no script");
    b.go(&format!("{origin}/lang/zh-CN?next=/")).await;
    problems
}

/// How many script elements the current page has.
async fn scripts(b: &Browser) -> u64 {
    b.exec("return document.scripts.length;", json!([]))
        .await
        .as_u64()
        .unwrap_or(u64::MAX)
}
