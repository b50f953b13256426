//! What Chinese input methods type: full-width letters and digits, the name dot in any of its
//! forms, invisible marks, dates written the Chinese way. Read as the person meant them.

use crate::market_fixtures::{day, market, night_market, site, stalls, unique_id_number, vendor};
use crate::support::TestApp;
use http::StatusCode;
use nightmarket::identity::Role;
use serde_json::json;

/// A farm-produce vendor's registration as typed; `n` picks their own ID number.
fn registration(name: &str, phone: &str, password: &str, n: u32) -> serde_json::Value {
    json!({"name": name, "phone": phone, "password": password,
           "id_number": unique_id_number(n), "category": "农副产品"})
}

#[tokio::test]
async fn names_and_passwords_are_read_as_the_person_meant_them() {
    let app = TestApp::new().await;
    let mut v = app.client();
    // The name dot typed as a bullet, the password's letters in full-width mode.
    let r = v
        .post_json(
            "/api/v1/vendors",
            &registration(
                "阿卜杜•热合曼",
                "13677770001",
                "ｙｅｍａｏ2026ｎｉｇｈｔ",
                9001,
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(v.get("/api/v1/me").await.json()["name"], "阿卜杜·热合曼");
    // Logging in on another phone, the input method in half-width mode.
    app.client().login("13677770001", "yemao2026night").await;
    // "Changing" it to itself in the other width changes nothing and is said so.
    let r = v
        .post_json(
            "/api/v1/me/password",
            &json!({"current_password": "ｙｅｍａｏ2026ｎｉｇｈｔ",
                    "new_password": "yemao2026night"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.error_code(), "same_password");
    // A name of nothing but invisible marks is refused in words, and no account is made.
    let r = app
        .client()
        .post_json(
            "/api/v1/vendors",
            &registration("\u{200B}\u{202E}", "13677770002", "vendor-pass-1", 9002),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.json()["error"]["field"], "name");
    assert!(r.text().contains("无法显示"), "{}", r.text());
    let r = app
        .client()
        .post_json(
            "/api/v1/session",
            &json!({"login": "13677770002", "password": "vendor-pass-1"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_manager_finds_a_vendor_however_the_name_or_number_was_typed() {
    let app = TestApp::new().await;
    let s = site(&app, "FND").await;
    stalls(&app, s, "FND", 2).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(3))).await;
    let mut v = app.client();
    let r = v
        .post_json(
            "/api/v1/vendors",
            &registration("阿卜杜·热合曼", "13909360012", "vendor-pass-1", 9003),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let vendor_id = r.json()["vendor_id"].clone();
    let r = v
        .post_json(
            "/api/v1/applications",
            &json!({"market_id": m, "from": day(1).to_string(), "to": day(3).to_string(),
                    "category": "农副产品"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let application = r.json()["id"].clone();
    let r = admin
        .post_json(
            &format!("/api/v1/applications/{application}/decision"),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let sessions = admin
        .get(&format!("/api/v1/markets/{m}/sessions"))
        .await
        .json();
    let session = sessions["items"][0]["id"].clone();
    for typed in [
        "阿卜杜•热合曼",
        "阿卜杜．热合曼",
        "阿卜杜 · 热合曼",
        "０９３６００１２",
        "+86 139 0936 0012",
        "139-0936-0012",
    ] {
        let q = serde_urlencoded::to_string([("q", typed)]).unwrap();
        let r = admin
            .get(&format!("/api/v1/sessions/{session}/candidates?{q}"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let found = r.json();
        assert_eq!(found["total"], 1, "{typed}: {found}");
        assert_eq!(found["items"][0]["vendor_id"], vendor_id, "{typed}");
    }
    // Someone else's number finds no one.
    let r = admin
        .get(&format!(
            "/api/v1/sessions/{session}/candidates?q=13800000000"
        ))
        .await;
    assert_eq!(r.json()["total"], 0);
}

#[tokio::test]
async fn dates_and_numbers_typed_the_chinese_way_are_read_on_the_forms() {
    let app = TestApp::new().await;
    let s = site(&app, "DTS").await;
    stalls(&app, s, "DTS", 3).await;
    let mut admin = app.login_as(Role::Admin).await;
    let m = market(&mut admin, &night_market(s, day(1), day(20))).await;
    let (mut v, _) = vendor(&app, "农副产品", None).await;
    let link = format!("/applications?market_id={m}");
    let (from, to) = (day(2), day(4));
    let from_typed = from.format("%Y年%-m月%-d日").to_string();
    let to_typed: String = to
        .format("%Y/%m/%d")
        .to_string()
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect();
    let market_id = m.to_string();
    let r = v
        .submit(
            &link,
            "/applications",
            &[
                ("market_id", market_id.as_str()),
                ("from", from_typed.as_str()),
                ("to", to_typed.as_str()),
                ("category", "农副产品"),
                ("preferred_stalls", "DTS-A-002"),
                ("rank.DTS-A-002", "１"),
            ],
        )
        .await;
    assert!(r.status.is_redirection(), "{}: {}", r.status, r.text());
    let mine = v.get("/api/v1/applications").await.json();
    assert_eq!(mine["items"][0]["from"], from.to_string(), "{mine}");
    assert_eq!(mine["items"][0]["to"], to.to_string());
    // Sent again at once after the manager refused it: that application again, and its page
    // does not say "submitted".
    let id = mine["items"][0]["id"].clone();
    let r = admin
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &json!({"decision": "reject", "reason": "摊位已满"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let again = [
        ("market_id", market_id.as_str()),
        ("from", from_typed.as_str()),
        ("to", to_typed.as_str()),
        ("category", "农副产品"),
        ("preferred_stalls", "DTS-A-002"),
        ("rank.DTS-A-002", "１"),
    ];
    let r = v.submit(&link, "/applications", &again).await;
    assert_eq!(r.location(), format!("/applications/{id}"));
    let page = v.get(&r.location()).await;
    assert!(
        page.select("p.flash").iter().all(|f| !f.contains("已提交")),
        "{:?}",
        page.select("p.flash")
    );
    // A date that is no date is refused by name and shown back as typed, in a box that can
    // show it (a date box would show it empty).
    let r = v
        .submit(
            &link,
            "/applications",
            &[
                ("market_id", market_id.as_str()),
                ("from", "下周一"),
                ("to", to_typed.as_str()),
                ("category", "农副产品"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.attr("#f-from", "value").as_deref(), Some("下周一"));
    assert_eq!(r.attr("#f-from", "type").as_deref(), Some("text"));
    assert_eq!(r.attr("#f-from", "aria-invalid").as_deref(), Some("true"));
}
