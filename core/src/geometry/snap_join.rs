//! The last step of writing stalls: a stored point that lies on a new stall's stored edge
//! becomes a vertex of that edge too. Corners of stalls laid out at another angle can be a
//! millimetre or two off a neighbour's edge before rounding (too far to be joined on their true
//! places) and land within a millimetre of it after: a GIS sees a T-junction there.

use super::projection::LocalProjection;
use super::snap::SNAP_TOLERANCE_M;
use super::stall_boxes::{Boxed, box_index};
use geo::{BoundingRect, Coord, LineString, Polygon};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

/// Overlap below this is none (noise of the boolean operations), m²: 0.0001 cm².
const NOISE_M2: f64 = 1e-8;

/// Adds to each new stall's edges (`rings`, ids into `wgs`) the stored points within
/// [`SNAP_TOLERANCE_M`] of them. Two stored points are never within a millimetre of each other
/// (the grid is ~9 mm), so an added point lies well inside the edge and bends it by less than
/// the tolerance; a bend outwards is kept only if it overlaps no other stall (new, or one of
/// the `fixed` ones, local metres), since along a neighbour's side a millimetre's bend is a
/// sliver of several cm².
pub(super) fn join_rounded(
    rings: &mut [Vec<usize>],
    wgs: &[Coord<f64>],
    fixed: &[Polygon<f64>],
    proj: &LocalProjection,
) {
    let local: Vec<Coord<f64>> = wgs.iter().map(|&c| proj.to_local(c)).collect();
    let polygon = |ring: &[usize]| {
        let mut pts: Vec<Coord<f64>> = ring.iter().map(|&q| local[q]).collect();
        if let Some(&first) = pts.first() {
            pts.push(first);
        }
        Polygon::new(LineString(pts), vec![])
    };
    let stalls: Vec<Polygon<f64>> = rings
        .iter()
        .map(|r| polygon(r))
        .chain(fixed.iter().cloned())
        .collect();
    let boxes = box_index(&stalls);
    let mut used = vec![false; wgs.len()];
    for &q in rings.iter().flatten() {
        used[q] = true;
    }
    let points = RTree::bulk_load(
        (0..wgs.len())
            .filter(|&q| used[q])
            .map(|q| GeomWithData::new([local[q].x, local[q].y], q))
            .collect(),
    );
    let t = SNAP_TOLERANCE_M;
    for (i, ring) in rings.iter_mut().enumerate() {
        if ring.len() < 3 {
            continue;
        }
        let orientation = geo::Area::signed_area(&stalls[i]).signum();
        let mut out = Vec::with_capacity(ring.len() + 2);
        for (k, &a) in ring.iter().enumerate() {
            let b = ring[(k + 1) % ring.len()];
            out.push(a);
            let (pa, pb) = (local[a], local[b]);
            let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
            let len2 = dx * dx + dy * dy;
            if len2 == 0.0 {
                continue;
            }
            let envelope = AABB::from_corners(
                [pa.x.min(pb.x) - t, pa.y.min(pb.y) - t],
                [pa.x.max(pb.x) + t, pa.y.max(pb.y) + t],
            );
            let mut on: Vec<(f64, usize)> = points
                .locate_in_envelope(&envelope)
                .map(|g| g.data)
                .filter(|&q| wgs[q] != wgs[a] && wgs[q] != wgs[b] && !ring.contains(&q))
                .filter_map(|q| {
                    let p = local[q];
                    let s = ((p.x - pa.x) * dx + (p.y - pa.y) * dy) / len2;
                    let foot = Coord {
                        x: pa.x + s * dx,
                        y: pa.y + s * dy,
                    };
                    let off = (p.x - foot.x).hypot(p.y - foot.y);
                    (s > 0.0 && s < 1.0 && off <= t).then_some((s, q))
                })
                .filter(|&(_, q)| {
                    let p = local[q];
                    // Outwards (a bulge) only where the sliver it adds touches no stall.
                    let outward = (dx * (p.y - pa.y) - dy * (p.x - pa.x)) * orientation < 0.0;
                    !outward || clear(&boxes, &stalls, i, [pa, p, pb])
                })
                .collect();
            on.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            out.extend(on.into_iter().map(|(_, q)| q));
        }
        *ring = out;
    }
}

/// Whether the triangle overlaps no stall but stall `own`.
fn clear(
    boxes: &RTree<Boxed>,
    stalls: &[Polygon<f64>],
    own: usize,
    [a, p, b]: [Coord<f64>; 3],
) -> bool {
    let sliver = Polygon::new(LineString(vec![a, p, b, a]), vec![]);
    let Some(bb) = sliver.bounding_rect() else {
        return true;
    };
    let envelope = AABB::from_corners([bb.min().x, bb.min().y], [bb.max().x, bb.max().y]);
    boxes
        .locate_in_envelope_intersecting(&envelope)
        .filter(|g| g.data != own)
        .all(|g| super::stall_boxes::overlap(&sliver, &stalls[g.data]) <= NOISE_M2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stall A, a 2 m square, and stall B whose corner lies half a millimetre above the middle
    /// of A's top side; B's ring after `b_rest` (local metres). Returns A's ring after the join.
    fn join_a_with(b_rest: &[(f64, f64)]) -> Vec<usize> {
        let proj = LocalProjection::new(Coord { x: 100.8, y: 38.4 });
        let mut local = vec![
            (0.0, 0.0),
            (2.0, 0.0),
            (2.0, 2.0),
            (0.0, 2.0),
            (1.0, 2.0005),
        ];
        local.extend_from_slice(b_rest);
        let wgs: Vec<Coord<f64>> = local
            .iter()
            .map(|&(x, y)| proj.to_wgs84(Coord { x, y }))
            .collect();
        let mut rings = vec![vec![0, 1, 2, 3], (4..local.len()).collect()];
        join_rounded(&mut rings, &wgs, &[], &proj);
        rings.swap_remove(0)
    }

    #[test]
    fn a_corner_on_a_neighbours_side_becomes_a_vertex_of_that_side() {
        // B stands on its corner above A, at 45°: a T-junction a GIS would flag.
        let a = join_a_with(&[(2.0, 3.0005), (1.0, 4.0005), (0.0, 3.0005)]);
        assert_eq!(a, vec![0, 1, 2, 4, 3]);
    }

    #[test]
    fn a_bend_that_would_cut_into_the_neighbour_is_left_out() {
        // B's lower side falls from its corner (4) to another corner (5) a tenth of a
        // millimetre above A's side, more steeply than A's side would bend up to 4: that bend
        // would take a sliver of B. The bend to 5 takes nothing and is made.
        let a = join_a_with(&[(1.5, 2.0001), (1.5, 3.0), (1.0, 3.0)]);
        assert_eq!(a, vec![0, 1, 2, 5, 3]);
    }
}
