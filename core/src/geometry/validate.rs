//! Topological checks in local metres (OGC validity as GEOS judges it, see `topology`, plus
//! zero-area rings), each failure located in lon/lat so a manager can find it on the map.

use super::crs::Crs;
use super::error::{GeometryError, RingRef};
use super::projection::LocalProjection;
use super::site::SitePolygon;
use super::topology::{Fault, FaultKind, RingId, check_ogc_validity};
use geo::orient::{Direction, Orient};
use geo::{Area, BoundingRect, Centroid, LineString, MultiPolygon, Polygon};

/// Distance under which two points of a site are one point (metres): a vertex drawn within 1 µm
/// of an edge touches it. Far above the rounding of lon/lat (~1e-9 m), far below anything drawn.
pub const TOUCH_TOLERANCE_M: f64 = 1e-6;

fn flat(ring: &LineString<f64>, at: RingRef) -> Result<(), GeometryError> {
    if Polygon::new(ring.clone(), vec![]).unsigned_area() < 1e-6 {
        return Err(GeometryError::ZeroArea { at });
    }
    Ok(())
}

/// The position of the first non-finite coordinate of a ring (0 if none).
fn bad_position(local: &MultiPolygon<f64>, r: RingId) -> usize {
    local
        .0
        .get(r.polygon)
        .and_then(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .nth(r.ring)
        })
        .and_then(|ring| {
            ring.0
                .iter()
                .position(|c| !c.x.is_finite() || !c.y.is_finite())
        })
        .unwrap_or(0)
}

/// The fault of the OGC check as the located error the server words.
fn located_error(
    local: &MultiPolygon<f64>,
    fault: Fault,
    multi: bool,
    proj: &LocalProjection,
) -> GeometryError {
    let ll = proj.to_wgs84(fault.at);
    let (lon, lat) = (ll.x, ll.y);
    let at = |r: RingId| RingRef {
        polygon: multi.then_some(r.polygon),
        ring: r.ring,
    };
    let polygon = |p: usize| multi.then_some(p);
    match fault.kind {
        FaultKind::InvalidCoordinate { ring } => GeometryError::NotANumber {
            at: at(ring),
            position: bad_position(local, ring),
        },
        FaultKind::TooFewPoints { ring, count } => GeometryError::TooFewPositions {
            at: at(ring),
            count,
        },
        FaultKind::NotClosed { ring } => GeometryError::RingNotClosed {
            at: at(ring),
            lon,
            lat,
        },
        FaultKind::Spike { ring } => GeometryError::Spike {
            at: at(ring),
            lon,
            lat,
        },
        FaultKind::SelfCrossing { ring } => GeometryError::SelfIntersection {
            at: at(ring),
            lon,
            lat,
        },
        FaultKind::SelfTouch { ring } => GeometryError::SelfTouch {
            at: at(ring),
            lon,
            lat,
        },
        FaultKind::RingsCross { a, b } => GeometryError::RingsIntersect {
            polygon: polygon(a.polygon),
            ring_a: a.ring.min(b.ring),
            ring_b: a.ring.max(b.ring),
            lon,
            lat,
        },
        FaultKind::PolygonsOverlap { a, b } => GeometryError::PolygonsOverlap {
            polygon_a: a.min(b),
            polygon_b: a.max(b),
            lon,
            lat,
        },
        FaultKind::HoleOutsideShell { hole } => GeometryError::HoleOutsideShell {
            at: at(hole),
            lon,
            lat,
        },
        FaultKind::NestedHoles { inner, outer } => GeometryError::NestedHoles {
            at: at(inner),
            outer: outer.ring,
            lon,
            lat,
        },
        FaultKind::NestedShells { inner, outer } => GeometryError::NestedShells {
            inner,
            outer,
            lon,
            lat,
        },
        FaultKind::DisconnectedInterior { polygon: p } => GeometryError::DisconnectedInterior {
            polygon: polygon(p),
            lon,
            lat,
        },
        FaultKind::ZeroArea { ring } => GeometryError::ZeroArea { at: at(ring) },
    }
}

/// Checks every ring and polygon of `local` (metres) for OGC validity as GEOS judges it; `multi`
/// says whether the input was a MultiPolygon (for how errors name the location).
pub(crate) fn check_rings_local(
    local: &MultiPolygon<f64>,
    multi: bool,
    proj: &LocalProjection,
) -> Result<(), GeometryError> {
    check_ogc_validity(local, TOUCH_TOLERANCE_M)
        .map_err(|f| located_error(local, f, multi, proj))?;
    for (pi, p) in local.0.iter().enumerate() {
        let polygon = multi.then_some(pi);
        let rings = std::iter::once(p.exterior()).chain(p.interiors());
        for (ring, r) in rings.enumerate() {
            flat(r, RingRef { polygon, ring })?;
        }
    }
    Ok(())
}

/// Orients, measures and packages validated WGS-84 polygons.
pub(crate) fn finish_site(
    wgs: MultiPolygon<f64>,
    crs: Crs,
    min_m2: f64,
    max_m2: f64,
) -> Result<SitePolygon, GeometryError> {
    let wgs = wgs.orient(Direction::Default);
    let rect = wgs.bounding_rect().ok_or(GeometryError::Empty)?;
    let bbox = [rect.min().x, rect.min().y, rect.max().x, rect.max().y];
    let first = LocalProjection::new(rect.center());
    let local = first.multi_polygon_to_local(&wgs);
    let centroid = local
        .centroid()
        .map(|c| first.to_wgs84(c.0))
        .unwrap_or(rect.center());
    let proj = LocalProjection::new(centroid);
    let area_m2 = proj.multi_polygon_to_local(&wgs).unsigned_area();
    if !area_m2.is_finite() || area_m2 < min_m2 {
        return Err(GeometryError::AreaTooSmall {
            area_m2: if area_m2.is_finite() { area_m2 } else { 0.0 },
            min_m2,
        });
    }
    if area_m2 > max_m2 {
        return Err(GeometryError::AreaTooLarge { area_m2, max_m2 });
    }
    Ok(SitePolygon {
        wgs84: wgs,
        source_crs: crs,
        area_m2,
        bbox,
        centroid,
    })
}
