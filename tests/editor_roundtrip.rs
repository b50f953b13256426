//! What the layout engine placed, the stall editor accepts: every stall of an automatic
//! layout, saved unchanged from the plan (its stored polygon sent back as it is), is accepted.
//! A manager who opens a stall and presses "save" must never be told it overlaps its
//! neighbour or blocks an aisle because of the stored coordinates' rounding.

use crate::support::TestApp;
use http::{Method, StatusCode};
use nightmarket::identity::Role;
use serde_json::{Value, json};

/// A `w × h` metre plaza near Minle, laid out with `params`; returns (site, stalls).
async fn laid_out(
    admin: &mut crate::support::Client,
    code: &str,
    ring: Value,
    params: Value,
) -> (i64, Vec<Value>) {
    let r = admin
        .post_json(
            "/api/v1/sites",
            &json!({"code": code, "name": code, "kind": "plaza",
                    "boundary": {"type": "Polygon", "coordinates": ring}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let site = r.json()["id"].as_i64().unwrap();
    let r = admin
        .json(
            Method::PUT,
            &format!("/api/v1/sites/{site}/layout"),
            &params,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    (site, r.json()["stalls"].as_array().unwrap().clone())
}

/// Saves every stall with its own polygon; returns the refusals (code, answer).
async fn refusals(admin: &mut crate::support::Client, stalls: &[Value]) -> Vec<String> {
    let mut refused = Vec::new();
    for s in stalls {
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/stalls/{}", s["id"]),
                &json!({"polygon": s["polygon"]}),
            )
            .await;
        if r.status != StatusCode::OK {
            refused.push(format!(
                "{}: {} {} {}",
                s["code"],
                r.status,
                r.text(),
                s["polygon"]
            ));
        }
    }
    refused
}

#[tokio::test]
async fn every_stall_of_an_automatic_layout_can_be_saved_unchanged() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let (x, y) = (100.82, 38.44);
    // A slanted quadrilateral (rows at an angle, stalls along its slanted edges) and a
    // rectangle with deep stalls and wide aisles, as the editor benchmark lays out.
    let slanted = json!([[
        [x, y],
        [x + 0.0009, y + 0.0001],
        [x + 0.0008, y + 0.0006],
        [x - 0.0001, y + 0.0005],
        [x, y]
    ]]);
    let rectangle = json!([[
        [x + 0.002, y],
        [x + 0.0029, y],
        [x + 0.0029, y + 0.0005],
        [x + 0.002, y + 0.0005],
        [x + 0.002, y]
    ]]);
    let mut all = Vec::new();
    for (code, ring, params) in [
        (
            "RTA",
            slanted,
            json!({"stall_width_m": 3.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0}),
        ),
        (
            "RTB",
            rectangle,
            json!({"stall_width_m": 3.0, "stall_depth_m": 3.0, "aisle_width_m": 4.0}),
        ),
    ] {
        let (_, stalls) = laid_out(&mut admin, code, ring, params).await;
        assert!(stalls.len() > 100, "{code}: {} stalls", stalls.len());
        all.extend(refusals(&mut admin, &stalls).await);
    }
    assert!(all.is_empty(), "{} refused: {all:#?}", all.len());
}
