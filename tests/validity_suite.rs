//! Every case of the public validity suites (core/tests/suites/validity) through the API: each
//! invalid polygon is refused with 422 `invalid_geometry` naming the fault and where, whether it
//! creates a site or replaces a site's outline; nothing is stored; every valid one is accepted.

#[path = "../core/tests/support/validity_cases.rs"]
mod validity_cases;

use crate::support::{Client, TestApp};
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use validity_cases::load;

fn site(code: &str, boundary: Value) -> Value {
    json!({"code": code, "name": "校验广场", "kind": "plaza", "boundary": boundary})
}

async fn sites_and_audit(app: &TestApp) -> (u64, u64) {
    (
        entity::sites::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
        entity::audit_log::Entity::find()
            .count(app.conn())
            .await
            .unwrap(),
    )
}

fn english(c: &Client) -> Client {
    let mut en = c.clone();
    en.headers
        .insert(http::header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    en
}

#[tokio::test]
async fn every_invalid_case_of_the_suites_is_refused_on_create_and_on_edit() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let good = load()
        .into_iter()
        .find(|c| c.id == "nightmarket:hole-touches-shell-once")
        .unwrap();
    let r = admin
        .post_json("/api/v1/sites", &site("GOOD", good.on_the_ground()))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let boundary = admin.get(&format!("/api/v1/sites/{id}")).await.json()["boundary"].clone();
    let before = sites_and_audit(&app).await;
    let invalid: Vec<_> = load().into_iter().filter(|c| !c.valid).collect();
    assert!(invalid.len() >= 30);
    for (i, case) in invalid.iter().enumerate() {
        let r = admin
            .post_json(
                "/api/v1/sites",
                &site(&format!("BAD{i}"), case.on_the_ground()),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}: {}",
            case.id,
            r.text()
        );
        assert_eq!(r.error_code(), "invalid_geometry", "{}", case.id);
        let error = &r.json()["error"];
        assert_eq!(error["field"], "boundary", "{}", case.id);
        assert!(
            !error["message"].as_str().unwrap_or_default().is_empty(),
            "{}",
            case.id
        );
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/sites/{id}"),
                &json!({"boundary": case.on_the_ground()}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}: {}",
            case.id,
            r.text()
        );
        assert_eq!(r.error_code(), "invalid_geometry", "{}", case.id);
    }
    assert_eq!(sites_and_audit(&app).await, before, "nothing stored");
    let after = admin.get(&format!("/api/v1/sites/{id}")).await;
    assert_eq!(after.status, StatusCode::OK, "the server is still up");
    assert_eq!(
        after.json()["boundary"],
        boundary,
        "the outline is unchanged"
    );
}

#[tokio::test]
async fn every_valid_case_of_the_suites_is_accepted() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    // Slivers (a 10-unit-wide triangle a million units long) are valid but under 1 m² once
    // drawn 50–100 m long: refused as too small, which the core's suite test checks.
    let valid: Vec<_> = load()
        .into_iter()
        .filter(|c| c.valid && !c.sliver())
        .collect();
    assert!(valid.len() >= 300);
    for (i, case) in valid.iter().enumerate() {
        let r = admin
            .post_json(
                "/api/v1/sites",
                &site(&format!("OK{i}"), case.on_the_ground()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}: {}", case.id, r.text());
    }
    let total = admin.get("/api/v1/sites?limit=1").await.json()["total"].clone();
    assert_eq!(total, json!(valid.len()));
}

/// What a manager reads: the fault in words and the place on the map, in their language.
#[tokio::test]
async fn the_faults_the_suites_found_accepted_are_named_and_located() {
    let app = TestApp::new().await;
    let admin = app.login_as(Role::Admin).await;
    let mut en = english(&admin);
    let mut zh = admin.clone();
    let cases = load();
    let named = [
        (
            "nightmarket:hole-touches-shell-twice",
            "cutting the site into pieces",
            "互不相连",
        ),
        (
            "nightmarket:five-holes-cut-the-interior",
            "cutting the site into pieces",
            "互不相连",
        ),
        ("geos2:case22", "touches itself", "与自身相碰"),
        (
            "nightmarket:nested-shell-in-interior",
            "lies inside polygon 1",
            "位于第 1 个多边形之内",
        ),
        (
            "nightmarket:hole-crosses-hole-at-vertex",
            "hole 1 and hole 2",
            "第 1 个内洞和第 2 个内洞",
        ),
    ];
    for (id, english_words, chinese_words) in named {
        let case = cases.iter().find(|c| c.id == id).unwrap();
        let body = site("NAMED", case.on_the_ground());
        let r = en.post_json("/api/v1/sites", &body).await;
        assert_eq!(r.error_code(), "invalid_geometry", "{id}");
        let msg = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(msg.contains(english_words), "{id}: {msg}");
        // Located: the place is given as "lon, lat" at the test site (100.75…, 38.37…).
        assert!(
            msg.contains("100.75") && msg.contains("38.37"),
            "{id}: {msg}"
        );
        let r = zh.post_json("/api/v1/sites", &body).await;
        let msg = r.json()["error"]["message"].as_str().unwrap().to_owned();
        assert!(msg.contains(chinese_words), "{id}: {msg}");
    }
}
