//! Stored stalls are clean GeoJSON: after a layout, neighbouring stalls share exactly the same
//! vertex coordinates and no two stalls overlap by more than 1 cm² once the site's GeoJSON (and
//! the stall list) are parsed back.

use crate::support::TestApp;
use geo::{Coord, LineString, Polygon};
use http::{Method, StatusCode};
use nightmarket::geometry::{max_overlap_cm2, unshared_vertices};
use nightmarket::identity::Role;
use serde_json::{Value, json};
use std::collections::HashMap;

const LON: f64 = 100.8137;
const LAT: f64 = 38.4352;
const M_LON: f64 = 87_300.0;
const M_LAT: f64 = 110_990.0;

/// A ring given in metres east/north of the test point, as GeoJSON positions.
fn ring(points: &[(f64, f64)]) -> Vec<[f64; 2]> {
    let mut r: Vec<[f64; 2]> = points
        .iter()
        .map(|&(x, y)| [LON + x / M_LON, LAT + y / M_LAT])
        .collect();
    r.push(r[0]);
    r
}

fn turned(points: &[(f64, f64)], deg: f64) -> Vec<(f64, f64)> {
    let (s, c) = deg.to_radians().sin_cos();
    points
        .iter()
        .map(|&(x, y)| (x * c - y * s, x * s + y * c))
        .collect()
}

fn polygon(v: &Value) -> Polygon<f64> {
    let ring = v["coordinates"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| Coord {
            x: p[0].as_f64().unwrap(),
            y: p[1].as_f64().unwrap(),
        })
        .collect();
    Polygon::new(LineString(ring), vec![])
}

/// Corners that appear in more than one stall: the shared vertices.
fn shared_corners(stalls: &[Polygon<f64>]) -> usize {
    let mut seen: HashMap<(u64, u64), usize> = HashMap::new();
    for s in stalls {
        for c in s.exterior().0.iter().skip(1) {
            *seen.entry((c.x.to_bits(), c.y.to_bits())).or_default() += 1;
        }
    }
    seen.values().filter(|&&n| n > 1).count()
}

#[tokio::test]
async fn laid_out_stalls_share_vertices_and_do_not_overlap_after_the_round_trip() {
    let app = TestApp::new().await;
    let mut admin = app.login_as(Role::Admin).await;
    let street = turned(
        &[(0.0, 0.0), (150.0, 0.0), (150.0, 11.0), (0.0, 11.0)],
        31.0,
    );
    let plaza = ring(&[(0.0, 0.0), (70.0, 0.0), (70.0, 55.0), (0.0, 55.0)]);
    let holes = [
        ring(&[(15.0, 15.0), (15.0, 23.0), (25.0, 23.0), (25.0, 15.0)]),
        ring(&[(45.0, 30.0), (45.0, 36.0), (58.0, 36.0), (58.0, 30.0)]),
    ];
    let hexagon = ring(&turned(
        &[
            (0.0, 0.0),
            (50.0, -8.0),
            (80.0, 20.0),
            (65.0, 55.0),
            (20.0, 60.0),
            (-10.0, 30.0),
        ],
        12.0,
    ));
    let sites = [
        (
            "STR",
            "street",
            json!({"type": "Polygon", "coordinates": [ring(&street)]}),
        ),
        (
            "PLZ",
            "plaza",
            json!({"type": "Polygon", "coordinates": [plaza, holes[0].clone(), holes[1].clone()]}),
        ),
        (
            "HEX",
            "other",
            json!({"type": "Polygon", "coordinates": [hexagon]}),
        ),
    ];
    for (code, kind, boundary) in sites {
        let r = admin
            .post_json(
                "/api/v1/sites",
                &json!({"code": code, "name": code, "kind": kind, "boundary": boundary}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let id = r.json()["id"].as_i64().unwrap();
        let r = admin
            .json(
                Method::PUT,
                &format!("/api/v1/sites/{id}/layout"),
                &json!({"stall_width_m": 2.0, "stall_depth_m": 2.5, "aisle_width_m": 3.0, "edge_clearance_m": 0.5}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let count = r.json()["stall_count"].as_u64().unwrap() as usize;
        assert!(count > 20, "{code}: {count} stalls");

        let fc = app
            .client()
            .get(&format!("/api/v1/sites/{id}/geojson"))
            .await
            .json();
        let stalls: Vec<Polygon<f64>> = fc["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["properties"]["kind"] == "stall")
            .map(|f| polygon(&f["geometry"]))
            .collect();
        assert_eq!(stalls.len(), count, "{code}");
        let (max, pairs) = max_overlap_cm2(&stalls);
        assert!(max <= 1.0 && pairs == 0, "{code}: {max} cm², {pairs} pairs");
        assert_eq!(unshared_vertices(&stalls, 0.005), 0, "{code}");
        assert!(
            shared_corners(&stalls) > count / 2,
            "{code}: neighbours share corners"
        );

        let list = app
            .client()
            .get(&format!("/api/v1/sites/{id}/stalls?limit=1000"))
            .await
            .json();
        let listed: Vec<Polygon<f64>> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| polygon(&s["polygon"]))
            .collect();
        assert_eq!(listed.len(), count, "{code}");
        assert_eq!(max_overlap_cm2(&listed).1, 0, "{code}");
    }
}
