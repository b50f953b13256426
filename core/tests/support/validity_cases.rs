//! The cases of the public validity suites (`core/tests/suites/validity/cases.jsonl`, see the README
//! there) and how a test places one on the ground as a site outline. Shared by the core's suite
//! test and the API's (`tests/validity_suite.rs` includes this file by path).

#![allow(dead_code, reason = "shared by two test crates; each uses part of it")]

use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde_json::{Value, json};

/// One case: a Polygon or MultiPolygon and GEOS's verdict on it.
#[derive(Debug, Clone)]
pub struct Case {
    /// `suite:case`, e.g. `geos2:case22` (the 22nd case of GEOS's TestValid2.xml).
    pub id: String,
    /// The suite's own description.
    pub desc: String,
    /// GEOS's verdict.
    pub valid: bool,
    /// GEOS's reason (`explain_validity` without the location).
    pub geos: String,
    /// `Polygon` or `MultiPolygon`.
    pub kind: String,
    /// The case as WKT.
    pub wkt: String,
    /// Polygons → rings → positions; NaN where the JSON has null.
    pub polygons: Vec<Vec<Vec<Coord<f64>>>>,
}

/// Every case, in file order.
pub fn load() -> Vec<Case> {
    include_str!("../suites/validity/cases.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            let kind = v["type"].as_str().unwrap_or_default().to_owned();
            let coords = &v["coordinates"];
            let polys: Vec<&Value> = if kind == "MultiPolygon" {
                coords
                    .as_array()
                    .map(|a| a.iter().collect())
                    .unwrap_or_default()
            } else {
                vec![coords]
            };
            let num = |x: &Value| x.as_f64().unwrap_or(f64::NAN);
            let polygons = polys
                .iter()
                .map(|p| {
                    p.as_array()
                        .into_iter()
                        .flatten()
                        .map(|r| {
                            r.as_array()
                                .into_iter()
                                .flatten()
                                .map(|c| Coord {
                                    x: num(&c[0]),
                                    y: num(&c[1]),
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect();
            let text = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            Case {
                id: text("id"),
                desc: text("desc"),
                valid: v["valid"].as_bool().expect("a verdict"),
                geos: text("geos"),
                kind,
                wkt: text("wkt"),
                polygons,
            }
        })
        .collect()
}

impl Case {
    /// The case in its own plane.
    pub fn multi_polygon(&self) -> MultiPolygon<f64> {
        MultiPolygon(
            self.polygons
                .iter()
                .map(|rings| {
                    let mut it = rings.iter().map(|r| LineString(r.clone()));
                    let shell = it.next().unwrap_or_else(|| LineString(vec![]));
                    Polygon::new(shell, it.collect())
                })
                .collect(),
        )
    }

    /// Width or height of the case, whichever is larger (finite coordinates only).
    pub fn extent(&self) -> f64 {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for c in self.polygons.iter().flatten().flatten() {
            if c.x.is_finite() && c.y.is_finite() {
                lo = [lo[0].min(c.x), lo[1].min(c.y)];
                hi = [hi[0].max(c.x), hi[1].max(c.y)];
            }
        }
        (hi[0] - lo[0]).max(hi[1] - lo[1]).max(0.0)
    }

    /// Whether every ring is closed as given (geo-types closes rings silently, GEOS refuses).
    pub fn closed(&self) -> bool {
        self.polygons
            .iter()
            .flatten()
            .all(|r| r.len() < 2 || r.first() == r.last())
    }

    /// A valid sliver too thin to make a site of at least 1 m² once drawn 50–100 m wide (area
    /// under a thousandth of the extent squared): refused as too small, not as invalid.
    pub fn sliver(&self) -> bool {
        use geo::Area;
        let e = self.extent();
        self.valid && e > 0.0 && self.multi_polygon().unsigned_area() < 1e-3 * e * e
    }

    /// The case drawn as a site in Minle County: shifted by whole units and scaled by a power of
    /// two so that it spans 50–100 m, which keeps every coordinate of an integer case exact (a
    /// corner on another edge stays on it). NaN is sent as the string "NaN".
    pub fn on_the_ground(&self) -> Value {
        let (lon0, lat0) = (100.75, 38.375);
        let mut lo = [f64::INFINITY; 2];
        for c in self.polygons.iter().flatten().flatten() {
            if c.x.is_finite() && c.y.is_finite() {
                lo = [lo[0].min(c.x.floor()), lo[1].min(c.y.floor())];
            }
        }
        let extent = self.extent().max(1e-9);
        // 1° of latitude is ~111 km; aim for 50–100 m.
        let scale = 2f64.powi((100.0 / 111_000.0 / extent).log2().floor() as i32);
        let pos = |c: &Coord<f64>| {
            if c.x.is_finite() && c.y.is_finite() {
                json!([lon0 + (c.x - lo[0]) * scale, lat0 + (c.y - lo[1]) * scale])
            } else {
                json!(["NaN", "NaN"])
            }
        };
        let poly = |rings: &Vec<Vec<Coord<f64>>>| -> Value {
            Value::Array(
                rings
                    .iter()
                    .map(|r| Value::Array(r.iter().map(pos).collect()))
                    .collect(),
            )
        };
        if self.kind == "MultiPolygon" {
            json!({"type": "MultiPolygon", "coordinates": self.polygons.iter().map(poly).collect::<Vec<_>>()})
        } else {
            json!({"type": "Polygon", "coordinates": poly(&self.polygons[0])})
        }
    }
}
