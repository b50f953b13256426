//! Paging on every list of the API, found in the OpenAPI document (so a new list is covered
//! the day it is added): out-of-range `limit`/`offset` is a 400 envelope, never a 500, and
//! ordinary paging works.

use crate::support::{Client, TestApp};
use http::StatusCode;
use nightmarket::identity::Role;
use serde_json::Value;

/// Follows a `$ref` inside the document.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => doc
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("dangling {r}")),
        None => schema,
    }
}

/// The GET operations whose 200 answer is a list (`{items, total}`).
fn list_paths(doc: &Value) -> Vec<String> {
    let mut lists = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let Some(get) = item.get("get") else { continue };
        let schema = &get["responses"]["200"]["content"]["application/json"]["schema"];
        let schema = resolve(doc, schema);
        let props = &schema["properties"];
        if props.get("items").is_some() && props.get("total").is_some() {
            let params: Vec<&str> = get["parameters"]
                .as_array()
                .map(|ps| ps.iter().filter_map(|p| p["name"].as_str()).collect())
                .unwrap_or_default();
            assert!(
                params.contains(&"limit") && params.contains(&"offset"),
                "{path} is a list but does not take the Paging extractor: {params:?}"
            );
            lists.push(path.clone());
        }
    }
    lists
}

/// Real ids from the demo county, by the collection the `{id}` belongs to.
async fn demo_id(admin: &mut Client, collection: &str) -> i64 {
    let first = |v: Value, key: &str| v["items"][0][key].as_i64().expect(key);
    match collection {
        "markets" => first(admin.get("/api/v1/markets").await.json(), "id"),
        "sites" => first(admin.get("/api/v1/sites").await.json(), "id"),
        "vendors" => first(admin.get("/api/v1/applications").await.json(), "vendor_id"),
        "sessions" => {
            let market = first(admin.get("/api/v1/markets").await.json(), "id");
            let sessions = admin
                .get(&format!("/api/v1/markets/{market}/sessions"))
                .await
                .json();
            first(sessions, "id")
        }
        other => panic!("tests/paging.rs needs a demo id for /{other}/{{id}}"),
    }
}

#[tokio::test]
async fn every_list_refuses_paging_out_of_bounds_and_pages_normally() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(Role::Admin).await;
    // The vendor's own lists (`/api/v1/me/…`) are read by the demo vendor.
    let (mut vendor, _) = crate::market_fixtures::vendor(&app, "便民服务", None).await;
    let doc = admin.get("/api/v1/openapi.json").await.json();
    let lists = list_paths(&doc);
    assert!(lists.len() >= 10, "lists found: {lists:?}");
    for template in &lists {
        let mut path = template.clone();
        if let Some(at) = template.find("/{id}") {
            let collection = template[..at].rsplit('/').next().unwrap_or_default();
            let id = demo_id(&mut admin, collection).await;
            path = template.replace("{id}", &id.to_string());
        }
        let admin = if template.starts_with("/api/v1/me/") {
            &mut vendor
        } else {
            &mut admin
        };
        for bad in [
            "offset=9223372036854775808",
            "offset=18446744073709551616",
            "offset=-1",
            "limit=0",
            "limit=5001",
            "limit=-1",
            "limit=abc",
        ] {
            let r = admin.get(&format!("{path}?{bad}")).await;
            assert_eq!(
                r.status,
                StatusCode::BAD_REQUEST,
                "{path}?{bad}: {}",
                r.text()
            );
            assert_eq!(r.error_code(), "malformed_query", "{path}?{bad}");
        }

        let all = admin.get(&path).await;
        assert_eq!(all.status, StatusCode::OK, "{path}: {}", all.text());
        let total = all.json()["total"].as_u64().expect("total");
        let first = admin.get(&format!("{path}?limit=1&offset=0")).await.json();
        assert_eq!(first["total"].as_u64(), Some(total), "{path}");
        assert_eq!(
            first["items"].as_array().map(Vec::len),
            Some(total.min(1) as usize),
            "{path}"
        );
        if total >= 2 {
            let second = admin.get(&format!("{path}?limit=1&offset=1")).await.json();
            assert_eq!(second["items"][0], all.json()["items"][1], "{path}");
        }
        let far = admin
            .get(&format!("{path}?limit=5000&offset=9223372036854775807"))
            .await;
        assert_eq!(far.status, StatusCode::OK, "{path}");
        assert_eq!(far.json()["items"].as_array().map(Vec::len), Some(0));
    }
}

#[tokio::test]
async fn an_id_in_the_path_that_names_nothing_is_not_found_and_a_word_is_malformed() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(Role::Admin).await;
    for id in ["0", "-1", "2147483648", "99999999999999999999"] {
        for path in [
            format!("/api/v1/sites/{id}"),
            format!("/api/v1/markets/{id}/sessions"),
            format!("/api/v1/applications/{id}"),
            format!("/sites/{id}"),
        ] {
            let r = admin.get(&path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
    for id in ["abc", "1.5", "1e3"] {
        let r = admin.get(&format!("/api/v1/sites/{id}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{id}");
        assert_eq!(r.error_code(), "bad_request");
        let page = admin.get(&format!("/sites/{id}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{id}");
    }
}

#[tokio::test]
async fn a_date_parameter_is_a_padded_year_month_day_or_a_422_naming_it() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(Role::Admin).await;
    let market = admin.get("/api/v1/markets").await.json()["items"][0]["id"]
        .as_i64()
        .unwrap();
    for (query, field) in [
        ("from=%2B275760-01-01", "from"),
        ("from=2026-1-5", "from"),
        ("to=2026-02-30", "to"),
    ] {
        let r = admin
            .get(&format!("/api/v1/markets/{market}/sessions?{query}"))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(r.error_code(), "invalid_date", "{query}");
        assert_eq!(r.json()["error"]["field"], field, "{query}");
        let r = admin
            .get(&format!("/api/v1/reports/occupancy?{query}"))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(r.error_code(), "invalid_date", "{query}");
    }
    let r = admin
        .get(&format!(
            "/api/v1/markets/{market}/sessions?from=9999-12-20"
        ))
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "the last years chrono can count still work"
    );
}
