//! The words for geometry and layout errors: each fault's code and data become a Fluent
//! message (`locales/*/geometry.ftl`), formatted in the reader's language when shown.

use crate::geometry::{GeometryError, RingRef};
use crate::i18n::{Arg, Msg};
use crate::layout::{LayoutError, ParamProblem};

/// Where a ring is, as a message of its own.
fn ring(at: &RingRef) -> Arg {
    match at.polygon {
        Some(p) => Msg::with(
            "geometry-polygon-ring",
            [("polygon", p.into()), ("ring", at.ring.into())],
        ),
        None => Msg::with("geometry-ring", [("ring", at.ring.into())]),
    }
    .into()
}

/// "longitude, latitude" to four decimals (about 10 m), enough to find the fault on a map.
fn near(lon: f64, lat: f64) -> Arg {
    format!("{lon:.4}, {lat:.4}").into()
}

fn text(x: impl ToString) -> Arg {
    Arg::Text(x.to_string())
}

/// The message for a refused geometry.
pub fn geometry_message(e: &GeometryError) -> Msg {
    use GeometryError as E;
    match e {
        E::NotAnObject => Msg::with("geometry-not-an-object", []),
        E::BadMember { member } => Msg::with("geometry-bad-member", [("member", text(member))]),
        E::UnknownType { found } => Msg::with("geometry-unknown-type", [("found", text(found))]),
        E::WrongGeometryType { found, expected } => Msg::with(
            "geometry-wrong-type",
            [("found", text(found)), ("expected", text(expected))],
        ),
        E::FeatureCollectionSize { count } => Msg::with(
            "geometry-feature-collection-size",
            [("count", (*count).into())],
        ),
        E::BadNesting { polygon, ring } => match (polygon, ring) {
            (Some(p), Some(r)) => Msg::with(
                "geometry-bad-nesting-polygon-ring",
                [("polygon", (*p).into()), ("ring", (*r).into())],
            ),
            (None, Some(r)) => Msg::with("geometry-bad-nesting-ring", [("ring", (*r).into())]),
            (Some(p), None) => {
                Msg::with("geometry-bad-nesting-polygon", [("polygon", (*p).into())])
            }
            (None, None) => Msg::with("geometry-bad-nesting", []),
        },
        E::BadPosition { at, position, len } => Msg::with(
            "geometry-bad-position",
            [
                ("at", ring(at)),
                ("position", (*position).into()),
                ("len", (*len).into()),
            ],
        ),
        E::NotANumber { at, position } => Msg::with(
            "geometry-not-a-number",
            [("at", ring(at)), ("position", (*position).into())],
        ),
        E::TooManyVertices { max } => {
            Msg::with("geometry-too-many-vertices", [("max", (*max).into())])
        }
        E::OutOfRange {
            at,
            position,
            lon,
            lat,
        } => Msg::with(
            "geometry-out-of-range",
            [
                ("at", ring(at)),
                ("position", (*position).into()),
                ("lon", text(lon)),
                ("lat", text(lat)),
            ],
        ),
        E::RingNotClosed { at, lon, lat } => Msg::with(
            "geometry-ring-not-closed",
            [("at", ring(at)), ("near", near(*lon, *lat))],
        ),
        E::TooFewPositions { at, count } => Msg::with(
            "geometry-too-few-positions",
            [("at", ring(at)), ("count", (*count).into())],
        ),
        E::SelfIntersection { at, lon, lat } => Msg::with(
            "geometry-self-intersection",
            [("at", ring(at)), ("near", near(*lon, *lat))],
        ),
        E::Spike { at, lon, lat } => Msg::with(
            "geometry-spike",
            [("at", ring(at)), ("near", near(*lon, *lat))],
        ),
        E::ZeroArea { at } => Msg::with("geometry-zero-area", [("at", ring(at))]),
        E::HoleOutsideShell { at, lon, lat } => Msg::with(
            "geometry-hole-outside-shell",
            [("at", ring(at)), ("near", near(*lon, *lat))],
        ),
        E::RingsIntersect {
            polygon,
            ring_a,
            ring_b,
            lon,
            lat,
        } => {
            let rings = [
                ("first", (*ring_a).into()),
                ("second", (*ring_b).into()),
                ("near", near(*lon, *lat)),
            ];
            match polygon {
                Some(p) => Msg::with(
                    "geometry-polygon-rings-intersect",
                    rings.into_iter().chain([("polygon", (*p).into())]),
                ),
                None => Msg::with("geometry-rings-intersect", rings),
            }
        }
        E::PolygonsOverlap {
            polygon_a,
            polygon_b,
        } => Msg::with(
            "geometry-polygons-overlap",
            [
                ("first", (*polygon_a).into()),
                ("second", (*polygon_b).into()),
            ],
        ),
        E::Empty => Msg::with("geometry-empty", []),
        E::AreaTooSmall { area_m2, min_m2 } => Msg::with(
            "geometry-area-too-small",
            [
                ("area", text(format!("{area_m2:.2}"))),
                ("min", text(min_m2)),
            ],
        ),
        E::AreaTooLarge { area_m2, max_m2 } => Msg::with(
            "geometry-area-too-large",
            [
                ("area", text(format!("{:.3}", area_m2 / 1e6))),
                ("max", text(max_m2 / 1e6)),
            ],
        ),
        E::InvalidWidth { value } => match value {
            Some(v) => Msg::with("geometry-invalid-width", [("value", text(v))]),
            None => Msg::with("geometry-missing-width", []),
        },
    }
}

/// The message for a refused layout request.
pub fn layout_message(e: &LayoutError) -> Msg {
    match e {
        LayoutError::InvalidParam {
            field,
            value,
            problem,
        } => {
            let name: Arg = Msg::with("geometry-layout-param", [("field", text(field))]).into();
            let value = text(value);
            match problem {
                ParamProblem::NotFinite => {
                    Msg::with("geometry-layout-not-finite", [("name", name)])
                }
                ParamProblem::NotPositive => Msg::with(
                    "geometry-layout-not-positive",
                    [("name", name), ("value", value)],
                ),
                ParamProblem::Negative => Msg::with(
                    "geometry-layout-negative",
                    [("name", name), ("value", value)],
                ),
                ParamProblem::TooSmall { min } => Msg::with(
                    "geometry-layout-too-small",
                    [("name", name), ("value", value), ("min", text(min))],
                ),
                ParamProblem::TooLarge { max } => Msg::with(
                    "geometry-layout-too-large",
                    [("name", name), ("value", value), ("max", text(max))],
                ),
            }
        }
        LayoutError::EmptyArea => Msg::with("geometry-layout-empty-area", []),
        LayoutError::TooManyStalls { bound, max } => Msg::with(
            "geometry-layout-too-many-stalls",
            [("bound", (*bound).into()), ("max", (*max).into())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every fault the core can report, for the test that words match the core's own.
    fn every_geometry_error() -> Vec<GeometryError> {
        use GeometryError as E;
        let at = RingRef {
            polygon: None,
            ring: 0,
        };
        let in_multi = RingRef {
            polygon: Some(1),
            ring: 2,
        };
        vec![
            E::NotAnObject,
            E::BadMember { member: "type" },
            E::UnknownType {
                found: "Circle".into(),
            },
            E::WrongGeometryType {
                found: "Point".into(),
                expected: "Polygon",
            },
            E::FeatureCollectionSize { count: 3 },
            E::BadNesting {
                polygon: Some(1),
                ring: Some(2),
            },
            E::BadNesting {
                polygon: None,
                ring: Some(2),
            },
            E::BadNesting {
                polygon: Some(1),
                ring: None,
            },
            E::BadNesting {
                polygon: None,
                ring: None,
            },
            E::BadPosition {
                at,
                position: 2,
                len: 1,
            },
            E::NotANumber {
                at: in_multi,
                position: 2,
            },
            E::TooManyVertices { max: 10_000 },
            E::OutOfRange {
                at,
                position: 1,
                lon: 190.5,
                lat: 38.0,
            },
            E::RingNotClosed {
                at,
                lon: 100.81,
                lat: 38.43,
            },
            E::TooFewPositions { at, count: 3 },
            E::SelfIntersection {
                at,
                lon: 100.810_52,
                lat: 38.430_51,
            },
            E::Spike {
                at: in_multi,
                lon: 100.81,
                lat: 38.43,
            },
            E::ZeroArea { at },
            E::HoleOutsideShell {
                at: in_multi,
                lon: 100.81,
                lat: 38.43,
            },
            E::RingsIntersect {
                polygon: Some(1),
                ring_a: 0,
                ring_b: 1,
                lon: 100.81,
                lat: 38.43,
            },
            E::RingsIntersect {
                polygon: None,
                ring_a: 0,
                ring_b: 1,
                lon: 100.81,
                lat: 38.43,
            },
            E::PolygonsOverlap {
                polygon_a: 0,
                polygon_b: 1,
            },
            E::Empty,
            E::AreaTooSmall {
                area_m2: 0.123,
                min_m2: 1.0,
            },
            E::AreaTooLarge {
                area_m2: 12_345_678.0,
                max_m2: 10_000_000.0,
            },
            E::InvalidWidth { value: Some(-1.5) },
            E::InvalidWidth { value: None },
        ]
    }

    #[test]
    fn geometry_faults_read_as_they_did_in_both_languages() {
        for e in every_geometry_error() {
            let m = geometry_message(&e);
            assert_eq!(m.get(Lang::Zh), e.message(true), "{e:?}");
            assert_eq!(m.get(Lang::En), e.message(false), "{e:?}");
        }
    }

    #[test]
    fn layout_faults_read_as_they_did_in_both_languages() {
        let bad = |field, value, problem| LayoutError::InvalidParam {
            field,
            value,
            problem,
        };
        for e in [
            bad("stall_width_m", f64::NAN, ParamProblem::NotFinite),
            bad("stall_depth_m", 0.0, ParamProblem::NotPositive),
            bad("edge_clearance_m", -1.0, ParamProblem::Negative),
            bad("aisle_width_m", 0.5, ParamProblem::TooSmall { min: 1.0 }),
            bad(
                "fire_lane_width_m",
                80.0,
                ParamProblem::TooLarge { max: 50.0 },
            ),
            bad("orientation_deg", 0.5, ParamProblem::TooSmall { min: 1.0 }),
            bad("something_else", 0.5, ParamProblem::TooSmall { min: 1.0 }),
            LayoutError::EmptyArea,
            LayoutError::TooManyStalls {
                bound: 12_000,
                max: 5_000,
            },
        ] {
            let m = layout_message(&e);
            assert_eq!(m.get(Lang::Zh), e.message(true), "{e:?}");
            assert_eq!(m.get(Lang::En), e.message(false), "{e:?}");
        }
    }
}
