//! Measures of clean stall GeoJSON, used by the tests and the benchmarks: the largest overlap
//! between two stalls after rounding, and corners lying on a neighbour's edge unshared.

use super::projection::LocalProjection;
use geo::{Area, BooleanOps, BoundingRect, Coord, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

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
    let tree = super::stall_boxes::box_index(&local);
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
