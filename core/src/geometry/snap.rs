//! Clean stall GeoJSON: neighbouring stalls share exactly the same vertex coordinates.
//!
//! Rounding each stall's corners to 7 decimals on its own makes neighbours overlap by up to
//! ~1 cm along a shared edge. Here every corner of every stall of a site is first merged with the
//! corners within [`SNAP_TOLERANCE_M`] of it (equal local points → one point), a corner lying on a
//! neighbour's edge is added to that edge too (no T-junctions), and each merged point is turned
//! into lon/lat and rounded once. Shared edges are then the same segments in the output, so no
//! two stalls overlap after the GeoJSON is parsed back ([`max_overlap_cm2`] checks that).

use super::projection::LocalProjection;
use geo::{Area, BooleanOps, BoundingRect, Coord, LineString, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::collections::HashMap;

/// Corners of different stalls closer than this (metres) are one corner.
pub const SNAP_TOLERANCE_M: f64 = 1e-3;

/// 1e-7 degrees is ~1 cm: what the stored GeoJSON keeps.
fn round7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

fn dist(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The corners of every stall merged within the tolerance: the index of each corner's point.
struct Merged {
    points: Vec<Coord<f64>>,
    grid: HashMap<(i64, i64), Vec<usize>>,
}

impl Merged {
    fn key(p: Coord<f64>) -> (i64, i64) {
        (
            (p.x / SNAP_TOLERANCE_M).floor() as i64,
            (p.y / SNAP_TOLERANCE_M).floor() as i64,
        )
    }

    fn id(&mut self, p: Coord<f64>) -> usize {
        let (kx, ky) = Self::key(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(ids) = self.grid.get(&(kx + dx, ky + dy))
                    && let Some(&i) = ids
                        .iter()
                        .find(|&&i| dist(self.points[i], p) <= SNAP_TOLERANCE_M)
                {
                    return i;
                }
            }
        }
        self.points.push(p);
        let id = self.points.len() - 1;
        self.grid.entry((kx, ky)).or_default().push(id);
        id
    }
}

/// Stall polygons (local metres of `proj`, exterior rings only) as WGS-84 polygons rounded to 7
/// decimals, neighbours sharing identical vertices. The order of `stalls` is kept.
pub fn snap_stalls_to_wgs84(stalls: &[Polygon<f64>], proj: &LocalProjection) -> Vec<Polygon<f64>> {
    let mut merged = Merged {
        points: Vec::new(),
        grid: HashMap::new(),
    };
    // Each stall as a ring of merged point ids, repeated points dropped, not closed.
    let rings: Vec<Vec<usize>> = stalls
        .iter()
        .map(|s| {
            let pts = &s.exterior().0;
            let open = if pts.len() > 1 && pts.first() == pts.last() {
                &pts[..pts.len() - 1]
            } else {
                &pts[..]
            };
            let mut ids: Vec<usize> = Vec::with_capacity(open.len());
            for &p in open {
                let id = merged.id(p);
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
            while ids.len() > 1 && ids.first() == ids.last() {
                ids.pop();
            }
            ids
        })
        .collect();
    let tree = RTree::bulk_load(
        merged
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(Rectangle::from_corners([p.x, p.y], [p.x, p.y]), i))
            .collect(),
    );
    let wgs: Vec<Coord<f64>> = merged
        .points
        .iter()
        .map(|&p| {
            let c = proj.to_wgs84(p);
            Coord {
                x: round7(c.x),
                y: round7(c.y),
            }
        })
        .collect();
    rings
        .iter()
        .map(|ids| {
            let mut out: Vec<Coord<f64>> = Vec::with_capacity(ids.len() * 2 + 1);
            for (k, &a) in ids.iter().enumerate() {
                let b = ids[(k + 1) % ids.len()];
                out.push(wgs[a]);
                for m in on_edge(&tree, &merged.points, a, b) {
                    out.push(wgs[m]);
                }
            }
            out.dedup();
            if let Some(&first) = out.first() {
                out.push(first);
            }
            Polygon::new(LineString(out), vec![])
        })
        .collect()
}

/// Merged points strictly inside the edge `a`–`b` (within the tolerance), in order from `a`.
fn on_edge(
    tree: &RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    points: &[Coord<f64>],
    a: usize,
    b: usize,
) -> Vec<usize> {
    let (pa, pb) = (points[a], points[b]);
    let d = Coord {
        x: pb.x - pa.x,
        y: pb.y - pa.y,
    };
    let len2 = d.x * d.x + d.y * d.y;
    if len2 == 0.0 {
        return Vec::new();
    }
    let t = SNAP_TOLERANCE_M;
    let envelope = AABB::from_corners(
        [pa.x.min(pb.x) - t, pa.y.min(pb.y) - t],
        [pa.x.max(pb.x) + t, pa.y.max(pb.y) + t],
    );
    let mut found: Vec<(f64, usize)> = tree
        .locate_in_envelope_intersecting(&envelope)
        .filter(|g| g.data != a && g.data != b)
        .filter_map(|g| {
            let p = points[g.data];
            let s = ((p.x - pa.x) * d.x + (p.y - pa.y) * d.y) / len2;
            let foot = Coord {
                x: pa.x + s * d.x,
                y: pa.y + s * d.y,
            };
            let len = len2.sqrt();
            (s * len > t && (1.0 - s) * len > t && dist(p, foot) <= t).then_some((s, g.data))
        })
        .collect();
    found.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    found.into_iter().map(|(_, i)| i).collect()
}

/// The largest area (cm²) by which two of the given WGS-84 polygons overlap, measured in metres
/// of a projection at their centre, and how many pairs overlap by more than 1 cm².
pub fn max_overlap_cm2(polygons: &[Polygon<f64>]) -> (f64, usize) {
    let Some(centre) = geo::MultiPolygon(polygons.to_vec())
        .bounding_rect()
        .map(|r| r.center())
    else {
        return (0.0, 0);
    };
    let proj = LocalProjection::new(centre);
    let local: Vec<Polygon<f64>> = polygons.iter().map(|p| proj.polygon_to_local(p)).collect();
    let tree = RTree::bulk_load(
        local
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let r = p.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i,
                ))
            })
            .collect(),
    );
    let (mut max, mut over) = (0.0f64, 0);
    for (i, p) in local.iter().enumerate() {
        let Some(r) = p.bounding_rect() else {
            continue;
        };
        let envelope = AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]);
        for other in tree.locate_in_envelope_intersecting(&envelope) {
            if other.data <= i {
                continue;
            }
            let cm2 = p.intersection(&local[other.data]).unsigned_area() * 1e4;
            max = max.max(cm2);
            if cm2 > 1.0 {
                over += 1;
            }
        }
    }
    (max, over)
}

/// An edge of polygon `.0` from `.1` to `.2` (lon/lat), boxed in local metres.
type Edge = GeomWithData<Rectangle<[f64; 2]>, (usize, Coord<f64>, Coord<f64>)>;

/// Corners of one polygon that lie within `tolerance_m` of another polygon's edge without being
/// exactly one of its vertices: each is a place where neighbours do not share coordinates.
pub fn unshared_vertices(polygons: &[Polygon<f64>], tolerance_m: f64) -> usize {
    let Some(centre) = geo::MultiPolygon(polygons.to_vec())
        .bounding_rect()
        .map(|r| r.center())
    else {
        return 0;
    };
    let proj = LocalProjection::new(centre);
    let segs: Vec<Edge> = polygons
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.exterior()
                .0
                .windows(2)
                .map(move |w| (i, w[0], w[1]))
                .collect::<Vec<_>>()
        })
        .map(|(i, a, b)| {
            let (la, lb) = (proj.to_local(a), proj.to_local(b));
            GeomWithData::new(
                Rectangle::from_corners([la.x, la.y], [lb.x, lb.y]),
                (i, a, b),
            )
        })
        .collect();
    let tree = RTree::bulk_load(segs);
    let mut count = 0;
    for (i, p) in polygons.iter().enumerate() {
        for &v in p.exterior().0.iter().skip(1) {
            let lv = proj.to_local(v);
            let t = tolerance_m;
            let envelope = AABB::from_corners([lv.x - t, lv.y - t], [lv.x + t, lv.y + t]);
            let bad = tree.locate_in_envelope_intersecting(&envelope).any(|s| {
                let (j, a, b) = s.data;
                if j == i || v == a || v == b {
                    return false;
                }
                let (la, lb) = (proj.to_local(a), proj.to_local(b));
                super::topology::dist_to_segment(lv, la, lb) <= t
            });
            if bad {
                count += 1;
            }
        }
    }
    count
}
