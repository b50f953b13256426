//! Clean stall GeoJSON: neighbouring stalls share exactly the same vertex coordinates.
//!
//! Rounding each stall's corners to 7 decimals on its own makes neighbours overlap by up to
//! ~1 cm along a shared edge. Here every corner of every stall of a site is first merged with the
//! corners within [`SNAP_TOLERANCE_M`] of it (equal local points → one point), a corner lying on a
//! neighbour's edge is added to that edge too (no T-junctions), and each merged point is turned
//! into lon/lat and rounded once. Shared edges are then the same segments in the output, so no
//! two stalls overlap after the GeoJSON is parsed back ([`super::max_overlap_cm2`] checks that).
//!
//! Stalls that stay as stored (locked ones, ones kept in place) are written against, never
//! changed: their corners are pinned to their stored coordinates. Where stalls meet without
//! sharing corners (rows at other angles, new stalls against stored ones), a rounded corner may
//! still land in a neighbour; [`super::snap_repair`] moves it out, and a corner that lands on a
//! neighbour's edge is added to it ([`super::snap_join`]).

use super::projection::LocalProjection;
use geo::{Area, Coord, LineString, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::collections::HashMap;

/// Corners of different stalls closer than this (metres) are one corner.
pub const SNAP_TOLERANCE_M: f64 = 1e-3;

/// A new corner this near a fixed stall's corner may take it, and a fixed corner this far
/// inside a new stall's edge is added to it, metres. New stalls keep off a locked one pulled in by 1.5 cm
/// (`layout::locked::INSET_M`, so that a stored stall, grown by rounding, still leaves room
/// for the stalls that fitted beside it): they meet it within this.
const FIXED_TOLERANCE_M: f64 = 0.02;

/// 1e-7 degrees is ~1 cm: what the stored GeoJSON keeps.
pub(super) fn round7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

pub(super) fn dist(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The corners of every stall merged within the tolerance: the index of each corner's point.
struct Merged {
    points: Vec<Coord<f64>>,
    /// The stored coordinates of a point that is a corner of a fixed stall (kept as they are).
    pinned: Vec<Option<Coord<f64>>>,
    grid: HashMap<(i64, i64), Vec<usize>>,
    /// The pinned points by cells of [`FIXED_TOLERANCE_M`].
    fixed_grid: HashMap<(i64, i64), Vec<usize>>,
}

impl Merged {
    fn key(p: Coord<f64>) -> (i64, i64) {
        (
            (p.x / SNAP_TOLERANCE_M).floor() as i64,
            (p.y / SNAP_TOLERANCE_M).floor() as i64,
        )
    }

    /// The pinned points within [`FIXED_TOLERANCE_M`] of `p`, the nearest first.
    fn fixed_near(&self, p: Coord<f64>) -> Vec<usize> {
        let (kx, ky) = Self::fixed_key(p);
        let mut near: Vec<(f64, usize)> = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (kx + dx, ky + dy)))
            .filter_map(|k| self.fixed_grid.get(&k))
            .flatten()
            .map(|&i| (dist(self.points[i], p), i))
            .filter(|&(d, _)| d <= FIXED_TOLERANCE_M)
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        near.into_iter().map(|(_, i)| i).collect()
    }

    fn fixed_key(p: Coord<f64>) -> (i64, i64) {
        (
            (p.x / FIXED_TOLERANCE_M).floor() as i64,
            (p.y / FIXED_TOLERANCE_M).floor() as i64,
        )
    }

    fn id(&mut self, p: Coord<f64>, pin: Option<Coord<f64>>) -> usize {
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
        self.pinned.push(pin);
        let id = self.points.len() - 1;
        self.grid.entry((kx, ky)).or_default().push(id);
        if pin.is_some() {
            self.fixed_grid
                .entry(Self::fixed_key(p))
                .or_default()
                .push(id);
        }
        id
    }

    /// A ring's corners as merged point ids, repeated points dropped, not closed.
    fn ring(
        &mut self,
        corners: impl Iterator<Item = (Coord<f64>, Option<Coord<f64>>)>,
    ) -> Vec<usize> {
        let mut ids: Vec<usize> = Vec::new();
        for (p, pin) in corners {
            let id = self.id(p, pin);
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        while ids.len() > 1 && ids.first() == ids.last() {
            ids.pop();
        }
        ids
    }
}

/// A polygon's exterior ring without its closing point.
pub(super) fn open_ring(p: &Polygon<f64>) -> &[Coord<f64>] {
    let pts = &p.exterior().0;
    if pts.len() > 1 && pts.first() == pts.last() {
        &pts[..pts.len() - 1]
    } else {
        &pts[..]
    }
}

/// Stall polygons (local metres of `proj`, exterior rings only) as WGS-84 polygons rounded to 7
/// decimals, neighbours sharing identical vertices. The order of `stalls` is kept.
pub fn snap_stalls_to_wgs84(stalls: &[Polygon<f64>], proj: &LocalProjection) -> Vec<Polygon<f64>> {
    snap_stalls_to_wgs84_around(stalls, &[], proj)
}

/// Like [`snap_stalls_to_wgs84`], around stalls that stay as they are stored (`fixed`, WGS-84:
/// the locked stalls of a re-layout). A new corner on a fixed corner takes its stored
/// coordinates, a fixed corner on a new stall's edge is added to that edge, and no rounded corner
/// is left inside a neighbour, fixed or new ([`super::snap_repair`]).
pub fn snap_stalls_to_wgs84_around(
    stalls: &[Polygon<f64>],
    fixed: &[Polygon<f64>],
    proj: &LocalProjection,
) -> Vec<Polygon<f64>> {
    let mut merged = Merged {
        points: Vec::new(),
        pinned: Vec::new(),
        grid: HashMap::new(),
        fixed_grid: HashMap::new(),
    };
    // Fixed corners first, so that a new corner within the tolerance takes the stored value.
    for f in fixed {
        merged.ring(open_ring(f).iter().map(|&c| (proj.to_local(c), Some(c))));
    }
    let corners: Vec<Vec<usize>> = stalls
        .iter()
        .map(|s| merged.ring(open_ring(s).iter().map(|&p| (p, None))))
        .collect();
    let tree = RTree::bulk_load(
        merged
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(Rectangle::from_corners([p.x, p.y], [p.x, p.y]), i))
            .collect(),
    );
    let mut wgs: Vec<Coord<f64>> = merged
        .points
        .iter()
        .zip(&merged.pinned)
        .map(|(&p, pin)| pin.unwrap_or_else(|| round7_coord(proj.to_wgs84(p))))
        .collect();
    // Each stall's ring with the points lying on its edges added (no T-junctions).
    let rings: Vec<Vec<usize>> = corners
        .iter()
        .zip(stalls)
        .map(|(ids, stall)| {
            let orientation = stall.exterior().signed_area().signum();
            let mut out: Vec<usize> = Vec::with_capacity(ids.len() * 2);
            for (k, &a) in ids.iter().enumerate() {
                let b = ids[(k + 1) % ids.len()];
                out.push(a);
                out.extend(on_edge(&tree, &merged, a, b, orientation));
            }
            out
        })
        .collect();
    // A new corner near fixed ones may take their stored coordinates, the nearest first (after
    // the edges were joined up on the true places: two new corners a few millimetres apart on
    // each other's edge stay joined even when they take fixed corners a centimetre apart).
    let movable: Vec<bool> = merged.pinned.iter().map(Option::is_none).collect();
    let pins: Vec<Vec<Coord<f64>>> = (0..merged.points.len())
        .map(|q| {
            if !movable[q] {
                return Vec::new();
            }
            let near: Vec<Coord<f64>> = merged
                .fixed_near(merged.points[q])
                .into_iter()
                .map(|f| wgs[f])
                .collect();
            if let Some(&first) = near.first() {
                wgs[q] = first;
            }
            near
        })
        .collect();
    let fixed_local: Vec<Polygon<f64>> = fixed.iter().map(|f| proj.polygon_to_local(f)).collect();
    let mut rounded = super::snap_repair::Rounded {
        points: merged.points,
        wgs,
        movable,
        pins,
        rings,
        exact: stalls,
        fixed: &fixed_local,
    };
    super::snap_repair::settle(&mut rounded, proj);
    let super::snap_repair::Rounded { wgs, mut rings, .. } = rounded;
    super::snap_join::join_rounded(&mut rings, &wgs, &fixed_local, proj);
    rings
        .iter()
        .map(|ids| {
            let mut out: Vec<Coord<f64>> = ids.iter().map(|&i| wgs[i]).collect();
            out.dedup();
            while out.len() > 1 && out.first() == out.last() {
                out.pop();
            }
            if let Some(&first) = out.first() {
                out.push(first);
            }
            Polygon::new(LineString(out), vec![])
        })
        .collect()
}

fn round7_coord(c: Coord<f64>) -> Coord<f64> {
    Coord {
        x: round7(c.x),
        y: round7(c.y),
    }
}

/// Merged points strictly inside the edge `a`–`b` (within the tolerance: [`FIXED_TOLERANCE_M`]
/// for a fixed stall's corner on the stall's side), in order from `a`. `orientation` is 1 when
/// the stall's ring runs anticlockwise, -1 when clockwise.
fn on_edge(
    tree: &RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    merged: &Merged,
    a: usize,
    b: usize,
    orientation: f64,
) -> Vec<usize> {
    let points = &merged.points;
    let (pa, pb) = (points[a], points[b]);
    let d = Coord {
        x: pb.x - pa.x,
        y: pb.y - pa.y,
    };
    let len2 = d.x * d.x + d.y * d.y;
    if len2 == 0.0 {
        return Vec::new();
    }
    let reach = if merged.fixed_grid.is_empty() {
        SNAP_TOLERANCE_M
    } else {
        FIXED_TOLERANCE_M
    };
    let envelope = AABB::from_corners(
        [pa.x.min(pb.x) - reach, pa.y.min(pb.y) - reach],
        [pa.x.max(pb.x) + reach, pa.y.max(pb.y) + reach],
    );
    let mut found: Vec<(f64, usize)> = tree
        .locate_in_envelope_intersecting(&envelope)
        .filter(|g| g.data != a && g.data != b)
        .filter_map(|g| {
            let p = points[g.data];
            // A fixed corner that pokes into the new stall is taken up to the ends of the edge:
            // a stored ring carries rounded corners of its old neighbours, up to a centimetre
            // off its straight side, and a new stall along that side must go around them.
            let inward = (d.x * (p.y - pa.y) - d.y * (p.x - pa.x)) * orientation > 0.0;
            let t = if merged.pinned[g.data].is_some() && inward {
                FIXED_TOLERANCE_M
            } else {
                SNAP_TOLERANCE_M
            };
            let s = ((p.x - pa.x) * d.x + (p.y - pa.y) * d.y) / len2;
            let foot = Coord {
                x: pa.x + s * d.x,
                y: pa.y + s * d.y,
            };
            let len = len2.sqrt();
            let ends = SNAP_TOLERANCE_M;
            (s * len > ends && (1.0 - s) * len > ends && dist(p, foot) <= t).then_some((s, g.data))
        })
        .collect();
    found.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    found.into_iter().map(|(_, i)| i).collect()
}
