//! Vendor self-registration through the API: real validation, and nothing written on failure.

use crate::support::TestApp;
use http::StatusCode;
use nightmarket::vendors::id_number::complete;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

fn registration(phone: &str, seq: u32) -> Value {
    json!({
        "name": "李建国",
        "phone": phone,
        "password": "jianguo-2026",
        "id_number": complete(&format!("62072219750612{seq:03}")).unwrap(),
        "category": "农副产品",
        "products": "民乐大蒜",
        "priority_groups": ["returnee"]
    })
}

async fn counts(app: &TestApp) -> (u64, u64, u64) {
    (
        entity::users::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        entity::vendors::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        entity::audit_log::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn a_vendor_registers_is_logged_in_and_logs_in_later_with_the_phone_number() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let r = c
        .post_json("/api/v1/vendors", &registration("+86 139-0936-0002", 1))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let vendor_id = r.json()["vendor_id"].as_i64().unwrap();
    let me = c.get("/api/v1/me").await.json();
    assert_eq!(me["role"], "vendor");
    assert_eq!(me["vendor_id"], vendor_id);
    assert_eq!(me["login"], "13909360002");

    let mut later = app.client();
    later.login("139 0936 0002", "jianguo-2026").await;
    let stored = entity::vendors::Entity::find_by_id(vendor_id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.priority_groups, r#"["returnee"]"#);
    assert_eq!(
        counts(&app).await.2,
        2,
        "the account and the vendor profile are audited"
    );
}

#[tokio::test]
async fn each_invalid_field_is_named_and_nothing_is_written() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let good = registration("13909360003", 2);
    let before = counts(&app).await;
    let id: String = good["id_number"].as_str().unwrap().to_owned();
    let wrong_check = if id.ends_with('0') {
        format!("{}1", &id[..17])
    } else {
        format!("{}0", &id[..17])
    };
    let cases = [
        ("id_number", json!(wrong_check), "invalid_id_number"),
        (
            "id_number",
            json!("62072219900230123X"),
            "invalid_id_number",
        ),
        ("id_number", json!("6207221990"), "invalid_id_number"),
        ("phone", json!("12345678901"), "invalid_phone"),
        ("phone", json!("138001380"), "invalid_phone"),
        ("password", json!("short"), "weak_password"),
        ("category", json!("赌博"), "invalid_category"),
        ("uscc", json!("91350100M000100Y44"), "invalid_uscc"),
        ("priority_groups", json!(["vip"]), "invalid_priority_group"),
    ];
    for (field, value, code) in cases {
        let mut body = good.clone();
        body[field] = value.clone();
        let r = c.post_json("/api/v1/vendors", &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        assert_eq!(r.error_code(), code, "{field}={value}");
        assert_eq!(r.json()["error"]["field"], field);
    }
    assert_eq!(counts(&app).await, before);
    assert!(!c.cookies.contains_key("nm_session"));
    // A market's own trade at registration: told which to choose, not "choose a category".
    let mut body = good.clone();
    body["category"] = json!("烧烤");
    let r = c.post_json("/api/v1/vendors", &body).await;
    let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
    for standard in ["小吃餐饮", "农副产品", "服装百货", "手工文创", "便民服务"]
    {
        assert!(message.contains(standard), "{message}");
    }
    body["category"] = json!(" ");
    let r = c.post_json("/api/v1/vendors", &body).await;
    assert_eq!(r.json()["error"]["message"], "请选择经营类别。");
}

#[tokio::test]
async fn a_food_vendor_needs_an_unexpired_health_certificate() {
    let app = TestApp::new().await;
    let mut c = app.client();
    let mut body = registration("13909360004", 3);
    body["category"] = json!("小吃餐饮");
    let r = c.post_json("/api/v1/vendors", &body).await;
    assert_eq!(r.error_code(), "health_cert_required");
    body["health_cert_expires"] = json!("2020-01-01");
    let r = c.post_json("/api/v1/vendors", &body).await;
    assert_eq!(r.error_code(), "health_cert_expired");
    assert_eq!(r.json()["error"]["field"], "health_cert_expires");
    body["health_cert_expires"] = json!("2099-12-31");
    assert_eq!(
        c.post_json("/api/v1/vendors", &body).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_phone_number_registers_only_once() {
    let app = TestApp::new().await;
    let mut c = app.client();
    assert_eq!(
        c.post_json("/api/v1/vendors", &registration("13909360005", 4))
            .await
            .status,
        StatusCode::CREATED
    );
    let before = counts(&app).await;
    let mut other = app.client();
    let r = other
        .post_json("/api/v1/vendors", &registration("0086 139 0936 0005", 5))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "phone_taken");
    assert_eq!(r.json()["error"]["field"], "phone");
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn a_list_of_users_never_shows_a_vendors_full_phone_number() {
    let app = TestApp::new().await;
    let mut v = app.client();
    v.post_json("/api/v1/vendors", &registration("13909360006", 6))
        .await;
    let mut admin = app.login_as(nightmarket::identity::Role::Admin).await;
    let page = admin.get("/admin/users").await;
    assert!(page.text().contains("139****0006"));
    assert!(!page.text().contains("13909360006"));
}
