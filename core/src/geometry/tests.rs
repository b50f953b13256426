//! Parser and validation tests: every kind of bad input gets its own located error, and good
//! input of every accepted shape comes back oriented and measured.

use super::*;
use geo::{Area, Coord, GeodesicArea};
use proptest::prelude::*;
use serde_json::{Value, json};

const LON: f64 = 100.81;
const LAT: f64 = 38.43;

/// A rectangle `w`×`h` metres (roughly) at the test site, as GeoJSON positions.
fn rect(w: f64, h: f64) -> Vec<[f64; 2]> {
    let dy = h / 111_000.0;
    let dx = w / (111_000.0 * LAT.to_radians().cos());
    vec![
        [LON, LAT],
        [LON + dx, LAT],
        [LON + dx, LAT + dy],
        [LON, LAT + dy],
        [LON, LAT],
    ]
}

fn poly(rings: Vec<Vec<[f64; 2]>>) -> Value {
    json!({"type": "Polygon", "coordinates": rings})
}

fn err(v: Value) -> GeometryError {
    match parse_site_boundary(&v, Crs::Wgs84) {
        Ok(s) => panic!("expected an error, got a site of {} m²", s.area_m2),
        Err(e) => e,
    }
}

#[test]
fn a_plain_polygon_is_accepted_and_measured() {
    let site = parse_site_boundary(&poly(vec![rect(100.0, 50.0)]), Crs::Wgs84).unwrap();
    assert!((site.area_m2 - 5000.0).abs() < 100.0, "{}", site.area_m2);
    let geodesic = site.wgs84.geodesic_area_unsigned();
    assert!((site.area_m2 - geodesic).abs() / geodesic < 1e-6);
    assert!((site.local().unsigned_area() - site.area_m2).abs() < 1e-6);
    assert_eq!(site.vertex_count(), 5);
    assert!(site.bbox[0] <= site.centroid.x && site.centroid.x <= site.bbox[2]);
}

#[test]
fn clockwise_rings_are_reoriented_not_rejected() {
    let mut r = rect(40.0, 30.0);
    r.reverse();
    let site = parse_site_boundary(&poly(vec![r]), Crs::Wgs84).unwrap();
    assert!(site.local().signed_area() > 0.0);
}

#[test]
fn feature_and_single_feature_collection_are_accepted() {
    let f = json!({"type": "Feature", "properties": {}, "geometry": poly(vec![rect(20.0, 20.0)])});
    assert!(parse_site_boundary(&f, Crs::Wgs84).is_ok());
    let fc = json!({"type": "FeatureCollection", "features": [f.clone()]});
    assert!(parse_site_boundary(&fc, Crs::Wgs84).is_ok());
    let two = json!({"type": "FeatureCollection", "features": [f.clone(), f]});
    assert_eq!(err(two), GeometryError::FeatureCollectionSize { count: 2 });
}

#[test]
fn a_multipolygon_with_a_holed_member_is_accepted() {
    let a = rect(50.0, 50.0);
    let hole: Vec<[f64; 2]> = {
        let c = [LON + 0.0002, LAT + 0.0002];
        let d = 0.00005;
        vec![
            c,
            [c[0], c[1] + d],
            [c[0] + d, c[1] + d],
            [c[0] + d, c[1]],
            c,
        ]
    };
    let b: Vec<[f64; 2]> = rect(20.0, 20.0)
        .iter()
        .map(|p| [p[0] + 0.001, p[1]])
        .collect();
    let v = json!({"type": "MultiPolygon", "coordinates": [[a, hole], [b]]});
    let site = parse_site_boundary(&v, Crs::Wgs84).unwrap();
    assert_eq!(site.wgs84.0.len(), 2);
    assert!(
        site.area_m2 < 2900.0 && site.area_m2 > 2700.0,
        "{}",
        site.area_m2
    );
    let out = site.to_geojson_value();
    assert_eq!(out["type"], "MultiPolygon");
    let back = parse_site_boundary(&out, Crs::Wgs84).unwrap();
    assert!((back.area_m2 - site.area_m2).abs() < 1.0);
}

#[test]
fn a_point_or_linestring_must_be_a_polygon() {
    let e = err(json!({"type": "Point", "coordinates": [LON, LAT]}));
    assert!(
        matches!(&e, GeometryError::WrongGeometryType { found, expected: "Polygon or MultiPolygon" } if found == "Point"),
        "{e}"
    );
    let e = err(json!({"type": "LineString", "coordinates": [[LON, LAT], [LON, 39.0]]}));
    assert!(matches!(e, GeometryError::WrongGeometryType { .. }));
    assert_eq!(e.code(), "invalid_geometry");
}

#[test]
fn a_position_with_one_number_is_an_error_not_a_panic() {
    let v = json!({"type": "Polygon", "coordinates": [[[5, 0], [10]]]});
    assert!(matches!(
        err(v),
        GeometryError::BadPosition {
            len: 1,
            position: 1,
            ..
        }
    ));
    let v = json!({"type": "Polygon", "coordinates": [[[5, 0, 1, 2]]]});
    assert!(matches!(err(v), GeometryError::BadPosition { len: 4, .. }));
    let v = json!({"type": "Polygon", "coordinates": [[5, 0]]});
    assert!(matches!(
        err(v),
        GeometryError::BadPosition { .. } | GeometryError::BadNesting { .. }
    ));
    let v = json!({"type": "Polygon", "coordinates": [[["a", 0], [1, 1], [0, 1], ["a", 0]]]});
    assert!(matches!(
        err(v),
        GeometryError::NotANumber { position: 0, .. }
    ));
}

#[test]
fn json_shape_errors_name_the_member() {
    assert_eq!(err(json!([1, 2])), GeometryError::NotAnObject);
    assert_eq!(
        err(json!({"coordinates": []})),
        GeometryError::BadMember { member: "type" }
    );
    assert_eq!(
        err(json!({"type": "Polygon"})),
        GeometryError::BadMember {
            member: "coordinates"
        }
    );
    assert!(matches!(
        err(json!({"type": "Blob"})),
        GeometryError::UnknownType { .. }
    ));
    assert_eq!(
        err(json!({"type": "Feature", "geometry": null})),
        GeometryError::BadMember { member: "geometry" }
    );
}

#[test]
fn out_of_range_coordinates_are_located() {
    let mut r = rect(10.0, 10.0);
    r[2] = [181.0, LAT];
    let e = err(poly(vec![r]));
    assert!(
        matches!(e, GeometryError::OutOfRange { position: 2, .. }),
        "{e:?}"
    );
}

#[test]
fn unclosed_and_short_rings_are_rejected() {
    let mut r = rect(10.0, 10.0);
    r.pop();
    assert!(matches!(
        err(poly(vec![r])),
        GeometryError::RingNotClosed { .. }
    ));
    let r = vec![[LON, LAT], [LON + 0.001, LAT], [LON, LAT]];
    assert!(matches!(
        err(poly(vec![r])),
        GeometryError::TooFewPositions { count: 3, .. }
    ));
}

#[test]
fn a_bow_tie_is_reported_where_it_crosses_itself() {
    let d = 0.001;
    let r = vec![
        [LON, LAT],
        [LON + d, LAT + d],
        [LON + d, LAT],
        [LON, LAT + d],
        [LON, LAT],
    ];
    let e = err(poly(vec![r]));
    match &e {
        GeometryError::SelfIntersection { at, lon, lat } => {
            assert_eq!(at.ring, 0);
            assert!((lon - (LON + d / 2.0)).abs() < 1e-6, "{lon}");
            assert!((lat - (LAT + d / 2.0)).abs() < 1e-6, "{lat}");
        }
        other => panic!("{other:?}"),
    }
    // The server's wording of it is tested with the wording (src/core_text).
}

#[test]
fn a_spike_is_rejected() {
    let d = 0.001;
    let r = vec![
        [LON, LAT],
        [LON + d, LAT],
        [LON + 2.0 * d, LAT],
        [LON + d, LAT],
        [LON + d, LAT + d],
        [LON, LAT],
    ];
    assert!(matches!(err(poly(vec![r])), GeometryError::Spike { .. }));
}

#[test]
fn a_hole_outside_its_shell_is_rejected() {
    let shell = rect(50.0, 50.0);
    let hole: Vec<[f64; 2]> = rect(5.0, 5.0)
        .iter()
        .map(|p| [p[0] + 0.01, p[1]])
        .rev()
        .collect();
    let e = err(poly(vec![shell, hole]));
    assert!(
        matches!(
            e,
            GeometryError::HoleOutsideShell {
                at: RingRef { ring: 1, .. },
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn area_limits_apply() {
    assert!(matches!(
        err(poly(vec![rect(0.5, 0.5)])),
        GeometryError::AreaTooSmall { .. }
    ));
    assert!(matches!(
        err(poly(vec![rect(3000.0, 3000.0)])),
        GeometryError::AreaTooLarge { .. }
    ));
}

#[test]
fn a_hundred_thousand_vertices_are_refused_as_too_large() {
    let n = 100_000;
    let mut ring: Vec<[f64; 2]> = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            [LON + 0.001 * a.cos(), LAT + 0.001 * a.sin()]
        })
        .collect();
    ring.push(ring[0]);
    let e = err(poly(vec![ring]));
    assert_eq!(e, GeometryError::TooManyVertices { max: MAX_VERTICES });
    assert_eq!(e.code(), "geometry_too_large");
}

#[test]
fn gcj02_input_is_converted_to_wgs84() {
    let wgs = rect(30.0, 30.0);
    let gcj: Vec<[f64; 2]> = wgs
        .iter()
        .map(|p| {
            let c = wgs84_to_gcj02(Coord { x: p[0], y: p[1] });
            [c.x, c.y]
        })
        .collect();
    let site = parse_site_boundary(&poly(vec![gcj]), Crs::Gcj02).unwrap();
    assert_eq!(site.source_crs, Crs::Gcj02);
    let first = site.wgs84.0[0].exterior().0[0];
    let dist = (first.x - LON).abs().max((first.y - LAT).abs());
    assert!(dist < 1e-7, "{first:?}");
}

#[test]
fn a_fire_lane_line_is_buffered_to_its_width() {
    let line = json!({"type": "LineString", "coordinates": [[LON, LAT], [LON + 0.001, LAT], [LON + 0.001, LAT + 0.001]]});
    let z = parse_zone_shape(&line, Crs::Wgs84, Some(4.0)).unwrap();
    assert!(z.centerline.is_some());
    assert!(z.area_m2 > 4.0 * 190.0);
    assert!(matches!(
        parse_zone_shape(&line, Crs::Wgs84, None),
        Err(GeometryError::InvalidWidth { value: None })
    ));
    assert!(matches!(
        parse_zone_shape(&line, Crs::Wgs84, Some(f64::NAN)),
        Err(GeometryError::InvalidWidth { .. })
    ));
    let area = parse_zone_shape(&poly(vec![rect(10.0, 10.0)]), Crs::Wgs84, None).unwrap();
    assert!((area.area_m2 - 100.0).abs() < 3.0);
}

#[test]
fn geojson_output_is_a_closed_polygon() {
    let site = parse_site_boundary(&poly(vec![rect(30.0, 20.0)]), Crs::Wgs84).unwrap();
    let g = site.to_geojson_geometry();
    let v = serde_json::to_value(&g).unwrap();
    assert_eq!(v["type"], "Polygon");
    let ring = v["coordinates"][0].as_array().unwrap();
    assert_eq!(ring.first(), ring.last());
}

/// Random JSON values that look like GeoJSON polygons, to check nothing panics.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<f64>().prop_map(|f| json!(f)),
        (-200.0f64..200.0).prop_map(|f| json!(f)),
        "[a-zA-Z]{0,8}".prop_map(Value::String),
    ];
    let nested = leaf.prop_recursive(5, 64, 6, |inner| {
        proptest::collection::vec(inner, 0..6).prop_map(Value::Array)
    });
    let ty = prop_oneof![
        Just("Polygon"),
        Just("MultiPolygon"),
        Just("Feature"),
        Just("FeatureCollection"),
        Just("LineString"),
    ];
    (ty, nested).prop_map(|(t, c)| json!({"type": t, "coordinates": c, "geometry": {"type": "Polygon", "coordinates": c}, "features": [c]}))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_json_never_panics(v in arb_json(), crs in 0usize..3) {
        let crs = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09][crs];
        let _ = parse_site_boundary(&v, crs);
        let _ = parse_zone_shape(&v, crs, Some(3.0));
    }
}
