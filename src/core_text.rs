//! The pure core's errors in words: geometry, layout and allocation errors carry codes and data
//! only, and this one file turns them into Fluent messages (`locales/*/geometry.ftl` and the
//! `allocation-error-*` messages of `allocation.ftl`), formatted in the reader's language.
//!
//! The located geometry messages count the way a clerk does, from one: the first polygon, the
//! first coordinate (the file's index 0). Rings are named as the outline (the file's ring 0)
//! or the nth hole (ring n), which is already counting from one.

use crate::allocation::AllocationError;
use crate::geometry::{GeometryError, RingRef};
use crate::i18n::{Arg, Msg};
use crate::layout::{LayoutError, ParamProblem};

/// Where a ring is, as a message of its own.
fn ring(at: &RingRef) -> Arg {
    match at.polygon {
        Some(p) => Msg::with(
            "geometry-polygon-ring",
            [("polygon", nth(p)), ("ring", at.ring.into())],
        ),
        None => Msg::with("geometry-ring", [("ring", at.ring.into())]),
    }
    .into()
}

/// "longitude, latitude" to four decimals (about 10 m), enough to find the fault on a map.
fn near(lon: f64, lat: f64) -> Arg {
    format!("{lon:.4}, {lat:.4}").into()
}

/// A 0-based index of the file, counted from one for the reader.
fn nth(index: usize) -> Arg {
    (index + 1).into()
}

fn text(x: impl ToString) -> Arg {
    Arg::Text(x.to_string())
}

/// Why a drawn or uploaded geometry was refused, and where.
pub fn geometry_message(e: &GeometryError) -> Msg {
    use GeometryError as E;
    match e {
        E::NotAnObject => Msg::with("geometry-not-an-object", []),
        E::BadMember { member } => Msg::with("geometry-bad-member", [("member", text(member))]),
        E::UnknownType { found } => Msg::with("geometry-unknown-type", [("found", text(found))]),
        E::WrongGeometryType { found, expected } => Msg::with(
            "geometry-wrong-type",
            // "Polygon or MultiPolygon" is worded by each language (a Fluent selector).
            [
                ("found", text(found)),
                (
                    "expected",
                    text(if *expected == "Polygon or MultiPolygon" {
                        "polygonal"
                    } else {
                        expected
                    }),
                ),
            ],
        ),
        E::FeatureCollectionSize { count } => Msg::with(
            "geometry-feature-collection-size",
            [("count", (*count).into())],
        ),
        E::BadNesting { polygon, ring } => match (polygon, ring) {
            (Some(p), Some(r)) => Msg::with(
                "geometry-bad-nesting-polygon-ring",
                [("polygon", nth(*p)), ("ring", (*r).into())],
            ),
            (None, Some(r)) => Msg::with("geometry-bad-nesting-ring", [("ring", (*r).into())]),
            (Some(p), None) => Msg::with("geometry-bad-nesting-polygon", [("polygon", nth(*p))]),
            (None, None) => Msg::with("geometry-bad-nesting", []),
        },
        E::BadPosition { at, position, len } => Msg::with(
            "geometry-bad-position",
            [
                ("at", ring(at)),
                ("position", nth(*position)),
                ("len", (*len).into()),
            ],
        ),
        E::NotANumber { at, position } => Msg::with(
            "geometry-not-a-number",
            [("at", ring(at)), ("position", nth(*position))],
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
                ("position", nth(*position)),
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
                    rings.into_iter().chain([("polygon", nth(*p))]),
                ),
                None => Msg::with("geometry-rings-intersect", rings),
            }
        }
        E::PolygonsOverlap {
            polygon_a,
            polygon_b,
            lon,
            lat,
        } => Msg::with(
            "geometry-polygons-overlap",
            [
                ("first", nth(*polygon_a)),
                ("second", nth(*polygon_b)),
                ("near", near(*lon, *lat)),
            ],
        ),
        E::SelfTouch { at, lon, lat } => Msg::with(
            "geometry-self-touch",
            [("at", ring(at)), ("near", near(*lon, *lat))],
        ),
        E::NestedHoles {
            at,
            outer,
            lon,
            lat,
        } => {
            let args = [
                ("at", ring(at)),
                ("outer", (*outer).into()),
                ("near", near(*lon, *lat)),
            ];
            match at.polygon {
                Some(p) => Msg::with(
                    "geometry-polygon-nested-holes",
                    args.into_iter().chain([("polygon", nth(p))]),
                ),
                None => Msg::with("geometry-nested-holes", args),
            }
        }
        E::NestedShells {
            inner,
            outer,
            lon,
            lat,
        } => Msg::with(
            "geometry-nested-shells",
            [
                ("inner", nth(*inner)),
                ("outer", nth(*outer)),
                ("near", near(*lon, *lat)),
            ],
        ),
        E::DisconnectedInterior { polygon, lon, lat } => match polygon {
            Some(p) => Msg::with(
                "geometry-polygon-disconnected-interior",
                [("polygon", nth(*p)), ("near", near(*lon, *lat))],
            ),
            None => Msg::with(
                "geometry-disconnected-interior",
                [("near", near(*lon, *lat))],
            ),
        },
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

/// Why a layout cannot be run; a parameter at fault is named as the form labels it in Chinese
/// and by its field name in English (the API's language).
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
                ParamProblem::AngleOutOfRange { max } => Msg::with(
                    "geometry-layout-angle-out-of-range",
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

/// Why an allocation run was refused, for the refusals the person asking can fix (the seed and
/// the policy); `None` for input the server built itself, which is its fault and only logged.
pub fn allocation_message(e: &AllocationError) -> Option<Msg> {
    use AllocationError as E;
    Some(match e {
        E::EmptySeed => Msg::with("allocation-error-empty-seed", []),
        E::BadShare { knob, key, value } => Msg::with(
            "allocation-error-bad-share",
            [
                ("knob", text(knob)),
                ("key", text(key)),
                ("value", text(value)),
            ],
        ),
        E::SharesOverOne { knob, total } => Msg::with(
            "allocation-error-shares-over-one",
            [("knob", text(knob)), ("total", text(total))],
        ),
        E::PolicyUnknownCategory { knob, category } => Msg::with(
            "allocation-error-unknown-category",
            [("knob", text(knob)), ("category", text(category))],
        ),
        E::MinAboveMax { category } => Msg::with(
            "allocation-error-min-above-max",
            [("category", text(category))],
        ),
        E::WeeklyCapZero => Msg::with("allocation-error-weekly-cap-zero", []),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
