//! The booked stall nearest to a reported position (a resident's complaint): distances in
//! local metres around the position, 0 inside a stall.

use super::projection::LocalProjection;
use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use serde_json::Value;

/// A GeoJSON Polygon (WGS-84 text, as stored) as a polygon; `None` when it is not one with
/// finite positions of two numbers each.
pub fn parse_polygon(text: &str) -> Option<Polygon<f64>> {
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("type")?.as_str()? != "Polygon" {
        return None;
    }
    let rings = v.get("coordinates")?.as_array()?;
    let mut out: Vec<LineString<f64>> = Vec::with_capacity(rings.len());
    for ring in rings {
        let mut pts = Vec::new();
        for p in ring.as_array()? {
            let p = p.as_array()?;
            if p.len() < 2 {
                return None;
            }
            let (x, y) = (p[0].as_f64()?, p[1].as_f64()?);
            if !x.is_finite() || !y.is_finite() {
                return None;
            }
            pts.push(Coord { x, y });
        }
        if pts.len() < 4 {
            return None;
        }
        out.push(LineString::new(pts));
    }
    let mut it = out.into_iter();
    let exterior = it.next()?;
    Some(Polygon::new(exterior, it.collect()))
}

/// The first position of a stored GeoJSON polygon, read without parsing the whole text: a
/// cheap filter before [`parse_polygon`] when thousands of stalls are looked at.
pub fn first_position(text: &str) -> Option<Coord<f64>> {
    let start = text.find("[[[")? + 3;
    let rest = &text[start..];
    let end = rest.find(']')?;
    let mut it = rest[..end].split(',').map(|n| n.trim().parse::<f64>().ok());
    let (x, y) = (it.next()??, it.next()??);
    (x.is_finite() && y.is_finite()).then_some(Coord { x, y })
}

/// Whether `at` (lon/lat) lies in `area` (WGS-84).
pub fn contains(area: &MultiPolygon<f64>, at: Coord<f64>) -> bool {
    area.contains(&Point::from(at))
}

/// Distance in metres from the origin (0, 0) to the segment a–b.
fn to_segment(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (-(a.x * dx + a.y * dy) / len2).clamp(0.0, 1.0)
    };
    let (px, py) = (a.x + t * dx, a.y + t * dy);
    (px * px + py * py).sqrt()
}

/// Distance in metres from `at` to `stall` (both WGS-84): 0 inside.
pub fn distance_m(at: Coord<f64>, stall: &Polygon<f64>) -> f64 {
    let proj = LocalProjection::new(at);
    let local = proj.polygon_to_local(stall);
    if local.contains(&Point::new(0.0, 0.0)) {
        return 0.0;
    }
    std::iter::once(local.exterior())
        .chain(local.interiors())
        .flat_map(|ring| ring.lines())
        .map(|l| to_segment(l.start, l.end))
        .fold(f64::INFINITY, f64::min)
}

/// Half the sides, in degrees, of a box around `at` that holds every point within `radius_m`
/// metres, generously (a degree of longitude is shortest near the poles).
fn degrees_around(at: Coord<f64>, radius_m: f64) -> (f64, f64) {
    let dlat = radius_m / 110_000.0 * 1.5;
    let dlon = dlat / at.y.to_radians().cos().abs().max(0.05);
    (dlon, dlat)
}

/// The stalls of one site in an R-tree of their bounding boxes (lon/lat): built once for a
/// version of the site's stalls, then asked for the few stalls near a point without looking
/// at the thousands that are not.
#[derive(Debug, Default)]
pub struct StallIndex {
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    stalls: Vec<(i64, Polygon<f64>)>,
}

impl StallIndex {
    /// Indexes `stalls` (id, WGS-84 polygon); an empty polygon is left out.
    pub fn new(stalls: Vec<(i64, Polygon<f64>)>) -> StallIndex {
        let stalls: Vec<(i64, Polygon<f64>)> = stalls
            .into_iter()
            .filter(|(_, p)| p.bounding_rect().is_some())
            .collect();
        let boxes = stalls
            .iter()
            .enumerate()
            .filter_map(|(i, (_, p))| {
                let r = p.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i,
                ))
            })
            .collect();
        StallIndex {
            tree: RTree::bulk_load(boxes),
            stalls,
        }
    }

    /// How many stalls are indexed.
    pub fn len(&self) -> usize {
        self.stalls.len()
    }

    /// Whether no stall is indexed.
    pub fn is_empty(&self) -> bool {
        self.stalls.is_empty()
    }

    /// Every stall within `radius_m` metres of `at` as (id, distance), nearest first; equal
    /// distances by id.
    pub fn within(&self, at: Coord<f64>, radius_m: f64) -> Vec<(i64, f64)> {
        let (dlon, dlat) = degrees_around(at, radius_m);
        let envelope = AABB::from_corners([at.x - dlon, at.y - dlat], [at.x + dlon, at.y + dlat]);
        let mut out: Vec<(i64, f64)> = self
            .tree
            .locate_in_envelope_intersecting(&envelope)
            .filter_map(|hit| {
                let (id, poly) = &self.stalls[hit.data];
                let d = distance_m(at, poly);
                (d <= radius_m).then_some((*id, d))
            })
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// The id and distance of the stall nearest to `at` within `radius_m` metres, if any; ties
/// go to the smaller id. Stalls whose bounding box is clearly farther are skipped unprojected.
pub fn nearest_within(
    at: Coord<f64>,
    stalls: &[(i64, Polygon<f64>)],
    radius_m: f64,
) -> Option<(i64, f64)> {
    let (dlon, dlat) = degrees_around(at, radius_m);
    let mut best: Option<(i64, f64)> = None;
    for (id, poly) in stalls {
        let near = poly
            .exterior()
            .coords()
            .any(|c| (c.x - at.x).abs() <= dlon + 0.001 && (c.y - at.y).abs() <= dlat + 0.001);
        if !near {
            continue;
        }
        let d = distance_m(at, poly);
        if d <= radius_m && best.is_none_or(|(bid, bd)| d < bd || (d == bd && *id < bid)) {
            best = Some((*id, d));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2 m × 2 m square whose south-west corner is `x` m east of (100.81, 38.43).
    fn square(x: f64) -> Polygon<f64> {
        let proj = LocalProjection::new(Coord {
            x: 100.81,
            y: 38.43,
        });
        let c = |x: f64, y: f64| proj.to_wgs84(Coord { x, y });
        Polygon::new(
            LineString::new(vec![
                c(x, 0.0),
                c(x + 2.0, 0.0),
                c(x + 2.0, 2.0),
                c(x, 2.0),
                c(x, 0.0),
            ]),
            vec![],
        )
    }

    #[test]
    fn inside_a_stall_is_zero_and_the_nearest_within_the_radius_wins() {
        let at = Coord {
            x: 100.81,
            y: 38.43,
        };
        let proj = LocalProjection::new(at);
        let inside = proj.to_wgs84(Coord { x: 11.0, y: 1.0 });
        let stalls = vec![(1, square(10.0)), (2, square(20.0)), (3, square(100.0))];
        assert_eq!(nearest_within(inside, &stalls, 15.0).map(|b| b.0), Some(1));
        assert!(distance_m(inside, &stalls[0].1) < 1e-9);
        // 5 m west of stall 1: it is 5 m away; stall 2 is 15 m away.
        let west = proj.to_wgs84(Coord { x: 5.0, y: 1.0 });
        let (id, d) = nearest_within(west, &stalls, 15.0).unwrap();
        assert_eq!(id, 1);
        assert!((d - 5.0).abs() < 0.01, "{d}");
        // 60 m east of stall 2, 38 m from stall 3: nothing within 15 m.
        let far = proj.to_wgs84(Coord { x: 60.0, y: 1.0 });
        assert_eq!(nearest_within(far, &stalls, 15.0), None);
    }

    #[test]
    fn the_index_finds_what_the_full_scan_finds_nearest_first() {
        let origin = Coord {
            x: 100.81,
            y: 38.43,
        };
        let proj = LocalProjection::new(origin);
        // A 30 × 20 grid of 2 m × 2.5 m stalls, 3 m and 4 m apart.
        let mut stalls = Vec::new();
        for r in 0..20 {
            for c in 0..30 {
                let (x, y) = (3.0 * f64::from(c), 4.0 * f64::from(r));
                let p = |dx: f64, dy: f64| {
                    proj.to_wgs84(Coord {
                        x: x + dx,
                        y: y + dy,
                    })
                };
                let ring = vec![
                    p(0.0, 0.0),
                    p(2.0, 0.0),
                    p(2.0, 2.5),
                    p(0.0, 2.5),
                    p(0.0, 0.0),
                ];
                stalls.push((
                    i64::from(r * 30 + c),
                    Polygon::new(LineString::new(ring), vec![]),
                ));
            }
        }
        let index = StallIndex::new(stalls.clone());
        assert_eq!(index.len(), 600);
        for i in 0..200 {
            // Points over the grid and past its edges, spread without a random generator.
            let x = -20.0 + f64::from(i * 37 % 130);
            let y = -20.0 + f64::from(i * 53 % 120) + 0.3;
            let at = proj.to_wgs84(Coord { x, y });
            let found = index.within(at, 15.0);
            assert_eq!(
                found.first().copied(),
                nearest_within(at, &stalls, 15.0),
                "{x} {y}"
            );
            let all = stalls
                .iter()
                .filter(|(_, p)| distance_m(at, p) <= 15.0)
                .count();
            assert_eq!(found.len(), all, "{x} {y}");
            assert!(found.windows(2).all(|w| w[0].1 <= w[1].1));
        }
        assert!(StallIndex::new(Vec::new()).within(origin, 15.0).is_empty());
    }

    #[test]
    fn a_polygon_is_parsed_from_its_stored_text_and_junk_is_refused() {
        let text = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#;
        assert!(parse_polygon(text).is_some());
        assert!(parse_polygon("{}").is_none());
        assert_eq!(first_position(text), Some(Coord { x: 0.0, y: 0.0 }));
        assert_eq!(first_position("{}"), None);
        assert!(parse_polygon(r#"{"type":"Polygon","coordinates":[[[0,0],[1]]]}"#).is_none());
    }
}
