//! OGC validity as GEOS judges it, on every Polygon and MultiPolygon case of the public suites
//! (GEOS and JTS TestValid*.xml, JTS TestInvalidA.xml, boost.geometry is_valid.cpp, Turf's
//! boolean-valid fixtures; see core/tests/suites/validity/README.md). Prints the table:
//! `cargo test -p nightmarket-core --test validity_suite -- --nocapture`.

#[path = "support/validity_cases.rs"]
mod validity_cases;

use geo::Coord;
use nightmarket_core::geometry::{
    Crs, Fault, FaultKind, GeometryError, RingId, check_ogc_validity, parse_site_boundary,
};
use std::time::Instant;
use validity_cases::{Case, load};

/// The plane check with the tolerance scaled to the case (the suites use any units).
/// An unclosed ring cannot be held by geo-types (it closes rings silently): such a case is
/// judged "not closed" here, as the GeoJSON parser does.
fn plane_verdict(case: &Case) -> Result<(), Fault> {
    if !case.closed() {
        return Err(Fault {
            kind: FaultKind::NotClosed {
                ring: RingId {
                    polygon: 0,
                    ring: 0,
                },
            },
            at: case.polygons[0][0][0],
        });
    }
    check_ogc_validity(&case.multi_polygon(), case.extent().max(1.0) * 1e-9)
}

fn within_case(case: &Case, at: Coord<f64>) -> bool {
    let slack = case.extent() * 1e-6;
    let finite = case
        .polygons
        .iter()
        .flatten()
        .flatten()
        .filter(|c| c.x.is_finite() && c.y.is_finite());
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for c in finite {
        lo = [lo[0].min(c.x), lo[1].min(c.y)];
        hi = [hi[0].max(c.x), hi[1].max(c.y)];
    }
    at.x >= lo[0] - slack && at.x <= hi[0] + slack && at.y >= lo[1] - slack && at.y <= hi[1] + slack
}

#[test]
fn every_case_of_the_suites_is_judged_as_geos_judges_it() {
    let cases = load();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let invalid = cases.iter().filter(|c| !c.valid).count();
    assert!(invalid >= 30, "{invalid} invalid cases");
    let mut disagree = Vec::new();
    let mut same_reason = 0;
    println!(
        "{:<34} {:<7} {:<40} {:<40} where, time",
        "case", "GEOS", "GEOS's reason", "ours"
    );
    for case in &cases {
        let t = Instant::now();
        let ours = plane_verdict(case);
        let us = t.elapsed().as_micros();
        let (verdict, reason, at) = match &ours {
            Ok(()) => ("valid", "Valid Geometry".to_owned(), String::new()),
            Err(f) => (
                "invalid",
                format!("{:?}", f.kind)
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                format!("({:.6}, {:.6})", f.at.x, f.at.y),
            ),
        };
        if let Err(f) = &ours {
            if f.kind.geos_reason() == case.geos {
                same_reason += 1;
            }
            if f.at.x.is_finite() && f.at.y.is_finite() {
                assert!(within_case(case, f.at), "{}: fault at {:?}", case.id, f.at);
            }
        }
        println!(
            "{:<34} {:<7} {:<40} {:<7} {:<32} {} {}µs",
            case.id,
            if case.valid { "valid" } else { "invalid" },
            case.geos,
            verdict,
            reason,
            at,
            us
        );
        if ours.is_ok() != case.valid {
            disagree.push(format!(
                "{} [{}] {}: {}",
                case.id, case.geos, case.desc, case.wkt
            ));
        }
    }
    println!(
        "{} cases ({} invalid, {} valid); verdicts equal to GEOS's: {}; invalid cases with GEOS's own reason: {}/{}",
        cases.len(),
        invalid,
        cases.len() - invalid,
        cases.len() - disagree.len(),
        same_reason,
        invalid
    );
    assert!(
        disagree.is_empty(),
        "verdicts unlike GEOS's:\n{}",
        disagree.join("\n")
    );
}

#[test]
fn every_case_placed_on_the_ground_is_refused_or_accepted_as_geos_says() {
    let mut wrong = Vec::new();
    for case in load() {
        let geojson = case.on_the_ground();
        match (parse_site_boundary(&geojson, Crs::Wgs84), case.valid) {
            (Err(GeometryError::AreaTooSmall { .. }), true) if case.sliver() => {}
            (_, true) if case.sliver() => {
                wrong.push(format!("{} sliver not refused as too small", case.id))
            }
            (Ok(_), true) => {}
            (Err(e), false) => {
                assert_eq!(e.code(), "invalid_geometry", "{}: {e:?}", case.id);
            }
            (Ok(_), false) => wrong.push(format!("{} accepted: {}", case.id, case.wkt)),
            (Err(e), true) => wrong.push(format!("{} refused ({e:?}): {}", case.id, case.wkt)),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The faults the issue names, each refused with its own kind and place.
#[test]
fn the_named_faults_are_named() {
    let cases = load();
    let find = |id: &str| {
        cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no case {id}"))
    };
    let e = parse_site_boundary(&find("geos2:case22").on_the_ground(), Crs::Wgs84).unwrap_err();
    assert!(matches!(e, GeometryError::SelfTouch { .. }), "{e:?}");
    for case in cases
        .iter()
        .filter(|c| c.geos == "Interior is disconnected")
    {
        let e = parse_site_boundary(&case.on_the_ground(), Crs::Wgs84).unwrap_err();
        assert!(
            matches!(e, GeometryError::DisconnectedInterior { .. }),
            "{}: {e:?}",
            case.id
        );
    }
    for case in cases.iter().filter(|c| c.geos == "Nested shells") {
        let e = parse_site_boundary(&case.on_the_ground(), Crs::Wgs84).unwrap_err();
        assert!(
            matches!(e, GeometryError::NestedShells { .. }),
            "{}: {e:?}",
            case.id
        );
    }
    for case in cases.iter().filter(|c| c.geos == "Holes are nested") {
        let e = parse_site_boundary(&case.on_the_ground(), Crs::Wgs84).unwrap_err();
        assert!(
            matches!(e, GeometryError::NestedHoles { .. }),
            "{}: {e:?}",
            case.id
        );
    }
}

/// Faults made on 40 real outlines of the layout sweep (a bow tie, a spike, holes touching the
/// shell at one vertex, along an edge, from vertex to vertex, outside it, overlapping; shells
/// nested, overlapping, touching) and their valid look-alikes, in lon/lat as a clerk would paste
/// them, judged by GEOS (`suites/validity/make_real_faults.py`): the parser refuses exactly
/// what GEOS refuses.
#[test]
fn faults_made_on_real_outlines_are_judged_as_geos_judges_them() {
    let text = include_str!("suites/validity/real_faults.jsonl");
    let (mut wrong, mut cases, mut invalid) = (Vec::new(), 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let geojson = serde_json::json!({"type": v["type"], "coordinates": v["coordinates"]});
        let valid = v["valid"].as_bool().expect("a verdict");
        cases += 1;
        invalid += usize::from(!valid);
        let got = parse_site_boundary(&geojson, Crs::Wgs84);
        // The faults the issue names keep their own names on real ground too.
        let named = match (&got, v["geos"].as_str().unwrap_or_default()) {
            (Err(e), "Interior is disconnected") => {
                matches!(e, GeometryError::DisconnectedInterior { .. })
            }
            (Err(e), "Nested shells") => matches!(e, GeometryError::NestedShells { .. }),
            _ => true,
        };
        match (got, valid) {
            (Ok(_), true) => {}
            (Err(e), false) if e.code() == "invalid_geometry" && named => {}
            (got, _) => wrong.push(format!(
                "{} (GEOS: {}): {:?}",
                v["id"],
                v["geos"],
                got.err()
            )),
        }
    }
    println!(
        "{cases} faults made on real outlines ({invalid} invalid by GEOS): {} judged otherwise",
        wrong.len()
    );
    assert!(
        cases >= 500 && invalid >= 250,
        "{cases} cases, {invalid} invalid"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
