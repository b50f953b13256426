//! The core's errors read as a manager expects, in both languages, naming where the fault is.

use super::*;
use crate::geometry::{Crs, parse_site_boundary};
use crate::i18n::Lang;
use crate::layout::{LayoutParams, generate};
use geo::{MultiPolygon, polygon};
use serde_json::json;

const LON: f64 = 100.81;
const LAT: f64 = 38.43;

fn geometry_refusal(v: serde_json::Value) -> Msg {
    geometry_message(&parse_site_boundary(&v, Crs::Wgs84).unwrap_err())
}

#[test]
fn a_bow_tie_is_worded_with_the_ring_and_the_place_where_it_crosses() {
    let d = 0.001;
    let bow = json!({"type": "Polygon", "coordinates": [[
        [LON, LAT], [LON + d, LAT + d], [LON + d, LAT], [LON, LAT + d], [LON, LAT]
    ]]});
    let m = geometry_refusal(bow);
    assert_eq!(
        m.get(Lang::En),
        "the outer ring crosses itself near 100.8105, 38.4305"
    );
    assert_eq!(m.get(Lang::Zh), "外环在 100.8105, 38.4305 附近自相交");
}

/// Counted from one, as a clerk counts: the file's position 2 is the third coordinate.
#[test]
fn an_out_of_range_vertex_is_named_by_its_position() {
    let ring = json!([
        [LON, LAT],
        [LON + 0.001, LAT],
        [181.0, LAT],
        [LON, LAT + 0.001],
        [LON, LAT]
    ]);
    let m = geometry_refusal(json!({"type": "Polygon", "coordinates": [ring]}));
    assert!(
        m.get(Lang::En)
            .starts_with("the outer ring position 3 is out of range")
    );
    assert!(m.get(Lang::Zh).starts_with("外环的第 3 个坐标超出范围"));
}

#[test]
fn a_ring_of_a_multipolygon_is_named_with_its_polygon() {
    let e = GeometryError::ZeroArea {
        at: RingRef {
            polygon: Some(1),
            ring: 2,
        },
    };
    let m = geometry_message(&e);
    assert_eq!(m.get(Lang::En), "polygon 2, hole 2 encloses no area");
    assert_eq!(m.get(Lang::Zh), "第 2 个多边形的第 2 个内洞的面积为零");
}

#[test]
fn a_point_is_told_it_must_be_a_polygon() {
    let m = geometry_refusal(json!({"type": "Point", "coordinates": [LON, LAT]}));
    assert_eq!(
        m.get(Lang::En),
        "geometry must be a Polygon or MultiPolygon, got a Point"
    );
    assert_eq!(
        m.get(Lang::Zh),
        "几何类型必须是 Polygon 或 MultiPolygon，收到的是 Point"
    );
}

#[test]
fn a_bad_layout_parameter_is_named_in_chinese_by_its_label_and_in_english_by_its_field() {
    let square = MultiPolygon(vec![polygon![
        (x: 0.0, y: 0.0), (x: 20.0, y: 0.0), (x: 20.0, y: 20.0), (x: 0.0, y: 20.0)
    ]]);
    let params = LayoutParams {
        stall_width_m: 0.0,
        ..LayoutParams::default()
    };
    let m = layout_message(&generate(&square, &[], &params).unwrap_err());
    assert_eq!(m.get(Lang::Zh), "摊位宽度（面宽）必须大于 0（收到 0）");
    assert_eq!(
        m.get(Lang::En),
        "stall_width_m must be greater than 0 (got 0)"
    );
}

#[test]
fn a_refused_policy_is_worded_but_input_the_server_built_is_not() {
    let m = allocation_message(&AllocationError::SharesOverOne {
        knob: "reserved_share",
        total: 1.5,
    })
    .unwrap();
    assert_eq!(m.get(Lang::Zh), "reserved_share 合计 1.5，超过 100%。");
    assert_eq!(
        m.get(Lang::En),
        "reserved_share adds up to 1.5, more than 100 %"
    );
    let server_fault = AllocationError::DuplicateId {
        kind: "stall",
        id: 7,
    };
    assert!(allocation_message(&server_fault).is_none());
}
