//! Topological checks in local metres (geo's validation plus what it lets through: spikes and
//! zero-area rings), each failure located in lon/lat so a manager can find it on the map.

use super::crs::Crs;
use super::error::{GeometryError, RingRef};
use super::projection::LocalProjection;
use super::site::SitePolygon;
use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole, Validation};
use geo::orient::{Direction, Orient};
use geo::{Area, BoundingRect, Centroid, Coord, LineString, MultiPolygon, Polygon};

fn sub(a: Coord<f64>, b: Coord<f64>) -> Coord<f64> {
    Coord {
        x: a.x - b.x,
        y: a.y - b.y,
    }
}

fn cross(a: Coord<f64>, b: Coord<f64>) -> f64 {
    a.x * b.y - a.y * b.x
}

/// Where two segments meet, if they do (a shared point, or the start of a collinear overlap).
fn segment_meet(
    p1: Coord<f64>,
    p2: Coord<f64>,
    q1: Coord<f64>,
    q2: Coord<f64>,
) -> Option<Coord<f64>> {
    let r = sub(p2, p1);
    let s = sub(q2, q1);
    let denom = cross(r, s);
    let qp = sub(q1, p1);
    if denom.abs() > 1e-18 {
        let t = cross(qp, s) / denom;
        let u = cross(qp, r) / denom;
        if (0.0..=1.0).contains(&t) && (0.0..=1.0).contains(&u) {
            return Some(Coord {
                x: p1.x + t * r.x,
                y: p1.y + t * r.y,
            });
        }
        return None;
    }
    if cross(qp, r).abs() > 1e-12 * (1.0 + r.x.abs() + r.y.abs()) {
        return None;
    }
    // Collinear: overlapping if any endpoint lies within the other segment.
    let on = |a: Coord<f64>, b: Coord<f64>, p: Coord<f64>| {
        p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y)
    };
    [q1, q2]
        .into_iter()
        .find(|&q| on(p1, p2, q))
        .or_else(|| [p1, p2].into_iter().find(|&p| on(q1, q2, p)))
}

/// First point where a ring meets itself away from its shared corners. Quadratic, but it only
/// runs after geo has already said the ring is not simple, and vertices are capped.
fn self_meeting_point(ring: &LineString<f64>) -> Option<Coord<f64>> {
    let pts = &ring.0;
    let n = pts.len().saturating_sub(1);
    for i in 0..n {
        for j in (i + 2)..n {
            if i == 0 && j == n - 1 {
                continue;
            }
            if let Some(p) = segment_meet(pts[i], pts[i + 1], pts[j], pts[j + 1]) {
                return Some(p);
            }
        }
    }
    None
}

fn rings_meeting_point(a: &LineString<f64>, b: &LineString<f64>) -> Option<Coord<f64>> {
    for s in a.lines() {
        for t in b.lines() {
            if let Some(p) = segment_meet(s.start, s.end, t.start, t.end) {
                return Some(p);
            }
        }
    }
    None
}

fn ring_of(p: &Polygon<f64>, role: RingRole) -> (usize, &LineString<f64>) {
    match role {
        RingRole::Exterior => (0, p.exterior()),
        RingRole::Interior(i) => (i + 1, p.interiors().get(i).unwrap_or(p.exterior())),
    }
}

fn spike(ring: &LineString<f64>, at: RingRef, proj: &LocalProjection) -> Result<(), GeometryError> {
    let pts = &ring.0;
    let n = pts.len().saturating_sub(1);
    for k in 0..n {
        let a = pts[(k + n - 1) % n];
        let b = pts[k];
        let c = pts[(k + 1) % n];
        let u = sub(b, a);
        let w = sub(c, b);
        let lu = u.x.hypot(u.y);
        let lw = w.x.hypot(w.y);
        if cross(u, w).abs() <= 1e-9 * lu * lw && u.x * w.x + u.y * w.y < 0.0 {
            let ll = proj.to_wgs84(b);
            return Err(GeometryError::Spike {
                at,
                lon: ll.x,
                lat: ll.y,
            });
        }
    }
    Ok(())
}

fn flat(ring: &LineString<f64>, at: RingRef) -> Result<(), GeometryError> {
    if Polygon::new(ring.clone(), vec![]).unsigned_area() < 1e-6 {
        return Err(GeometryError::ZeroArea { at });
    }
    Ok(())
}

fn located(proj: &LocalProjection, p: Option<Coord<f64>>, fallback: Coord<f64>) -> (f64, f64) {
    let ll = proj.to_wgs84(p.unwrap_or(fallback));
    (ll.x, ll.y)
}

fn polygon_error(
    p: &Polygon<f64>,
    polygon: Option<usize>,
    err: InvalidPolygon,
    proj: &LocalProjection,
) -> GeometryError {
    let first = |r: &LineString<f64>| r.0.first().copied().unwrap_or_default();
    match err {
        InvalidPolygon::TooFewPointsInRing(role) => {
            let (ring, r) = ring_of(p, role);
            GeometryError::TooFewPositions {
                at: RingRef { polygon, ring },
                count: r.0.len(),
            }
        }
        InvalidPolygon::SelfIntersection(role) => {
            let (ring, r) = ring_of(p, role);
            let (lon, lat) = located(proj, self_meeting_point(r), first(r));
            GeometryError::SelfIntersection {
                at: RingRef { polygon, ring },
                lon,
                lat,
            }
        }
        InvalidPolygon::NonFiniteCoord(role, idx) => {
            let (ring, _) = ring_of(p, role);
            GeometryError::NotANumber {
                at: RingRef { polygon, ring },
                position: idx.0,
            }
        }
        InvalidPolygon::InteriorRingNotContainedInExteriorRing(role) => {
            let (ring, r) = ring_of(p, role);
            let (lon, lat) = located(proj, None, first(r));
            GeometryError::HoleOutsideShell {
                at: RingRef { polygon, ring },
                lon,
                lat,
            }
        }
        InvalidPolygon::IntersectingRingsOnALine(a, b)
        | InvalidPolygon::IntersectingRingsOnAnArea(a, b) => {
            let (ring_a, ra) = ring_of(p, a);
            let (ring_b, rb) = ring_of(p, b);
            let (lon, lat) = located(proj, rings_meeting_point(ra, rb), first(rb));
            GeometryError::RingsIntersect {
                polygon,
                ring_a,
                ring_b,
                lon,
                lat,
            }
        }
    }
}

/// Checks every ring and polygon of `local` (metres); `multi` says whether the input was a
/// MultiPolygon (for how errors name the location).
pub(crate) fn check_rings_local(
    local: &MultiPolygon<f64>,
    multi: bool,
    proj: &LocalProjection,
) -> Result<(), GeometryError> {
    for (pi, p) in local.0.iter().enumerate() {
        let polygon = multi.then_some(pi);
        let rings = std::iter::once(p.exterior()).chain(p.interiors());
        for (ring, r) in rings.enumerate() {
            spike(r, RingRef { polygon, ring }, proj)?;
        }
        if let Err(e) = p.check_validation() {
            return Err(polygon_error(p, polygon, e, proj));
        }
        // After validation: a bow tie also has zero signed area but is better named a crossing.
        let rings = std::iter::once(p.exterior()).chain(p.interiors());
        for (ring, r) in rings.enumerate() {
            flat(r, RingRef { polygon, ring })?;
        }
    }
    if local.0.len() > 1
        && let Err(e) = local.check_validation()
    {
        return Err(match e {
            InvalidMultiPolygon::InvalidPolygon(idx, inner) => {
                let p = local
                    .0
                    .get(idx.0)
                    .cloned()
                    .unwrap_or_else(|| Polygon::new(LineString(vec![]), vec![]));
                polygon_error(&p, Some(idx.0), inner, proj)
            }
            InvalidMultiPolygon::ElementsOverlaps(a, b)
            | InvalidMultiPolygon::ElementsTouchOnALine(a, b) => GeometryError::PolygonsOverlap {
                polygon_a: a.0,
                polygon_b: b.0,
            },
        });
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
