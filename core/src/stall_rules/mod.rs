//! The rules every stall edit is checked against (the manager's stall editor, the API's
//! hand-drawn stalls): a stall is a convex quadrilateral that lies inside the site, clear of its
//! edges, holes and exclusion zones (keep-clear areas, fire lanes) by the edge clearance; it
//! overlaps no other stall; and the strip in front of it (frontage × aisle width, the same
//! strip the layout engine keeps free) holds no other stall, nor does it stand in another
//! stall's strip.
//!
//! Pure: local metres in, a fault naming the other stall (by its index) out. The stall's
//! front is the edge from its third to its fourth corner once the ring runs counter-clockwise —
//! the convention of [`crate::layout::PlacedStall`].

use crate::geometry::{clipped_area, cross};
use geo::{Contains, Coord, LineString, MultiPolygon, Point, Polygon};

/// Tolerance for touching: stalls sharing an edge, a stall on the clearance line, a stall at the
/// far side of another's aisle (metres). Stored stalls are lon/lat with 7 decimals (≤ 1.1 cm)
/// and neighbours share snapped corners, so a stall saved back unchanged may sit a centimetre
/// into its neighbour's edge or aisle; that is touching, not overlap.
pub const TOLERANCE_M: f64 = 0.02;
/// Overlaps smaller than this (m²) are rounding, not overlap (1 cm²).
pub const OVERLAP_M2: f64 = 1e-4;
/// The smallest stall side, metres.
pub const MIN_SIDE_M: f64 = 0.5;
/// The largest stall side, metres.
pub const MAX_SIDE_M: f64 = 50.0;

/// Clearances of a site (from its accepted layout, or the defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StallRules {
    /// Distance kept from the site's edges, holes and exclusion zones.
    pub edge_clearance_m: f64,
    /// Depth of the strip in front of every stall that must hold no stall.
    pub aisle_width_m: f64,
}

/// Where a stall may stand: the site and its exclusion zones, in local metres.
#[derive(Debug, Clone, Copy)]
pub struct Ground<'a> {
    /// The site (holes are not ground).
    pub site: &'a MultiPolygon<f64>,
    /// Keep-clear zones and fire lanes.
    pub exclusions: &'a [Polygon<f64>],
}

/// Why a stall is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StallFault {
    /// Not four distinct corners of a convex, non-crossing quadrilateral.
    NotAQuadrilateral,
    /// A side shorter than [`MIN_SIDE_M`] or longer than [`MAX_SIDE_M`].
    BadSize,
    /// Leaves the site, or stands in a hole or exclusion zone, or closer to them than the
    /// edge clearance.
    Outside,
    /// Overlaps the other stall with this index.
    Overlap { other: usize },
    /// The other stall stands in this stall's front aisle (`in_front_of_other: false`), or this
    /// stall stands in the other's (`true`).
    AisleBlocked {
        other: usize,
        in_front_of_other: bool,
    },
}

impl StallFault {
    /// The stable machine code of the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            StallFault::NotAQuadrilateral | StallFault::BadSize => "invalid_geometry",
            StallFault::Outside => "stall_outside",
            StallFault::Overlap { .. } => "stall_overlap",
            StallFault::AisleBlocked { .. } => "aisle_blocked",
        }
    }

    /// The other stall named by the fault, if any.
    pub fn other(&self) -> Option<usize> {
        match self {
            StallFault::Overlap { other } | StallFault::AisleBlocked { other, .. } => Some(*other),
            _ => None,
        }
    }
}

/// A stall's four corners counter-clockwise (the first corner kept), or the shape fault.
pub fn stall_corners(p: &Polygon<f64>) -> Result<[Coord<f64>; 4], StallFault> {
    let mut pts: Vec<Coord<f64>> = p.exterior().0.clone();
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    drop_points_on_edges(&mut pts);
    if pts.len() != 4
        || !p.interiors().is_empty()
        || pts.iter().any(|c| !c.x.is_finite() || !c.y.is_finite())
    {
        return Err(StallFault::NotAQuadrilateral);
    }
    if signed_area(&pts) < 0.0 {
        pts[1..].reverse();
    }
    // Convex and not crossing: every turn to the left.
    for i in 0..4 {
        if cross(pts[i], pts[(i + 1) % 4], pts[(i + 2) % 4]) <= 1e-9 {
            return Err(StallFault::NotAQuadrilateral);
        }
    }
    for i in 0..4 {
        let side = dist(pts[i], pts[(i + 1) % 4]);
        if !(MIN_SIDE_M - TOLERANCE_M..=MAX_SIDE_M + TOLERANCE_M).contains(&side) {
            return Err(StallFault::BadSize);
        }
    }
    Ok([pts[0], pts[1], pts[2], pts[3]])
}

/// Removes the points that are not corners: a neighbour's corner on this stall's edge (stored
/// stalls share snapped vertices, so a stall's ring may carry them) or a point within
/// [`TOLERANCE_M`] of the line through its two neighbours. The point nearest its line goes
/// first; the first point is kept while another can go, so the front (third → fourth corner)
/// keeps its place.
fn drop_points_on_edges(pts: &mut Vec<Coord<f64>>) {
    while pts.len() > 4 {
        let n = pts.len();
        let off_line = |i: usize| {
            let (a, p, b) = (pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]);
            if dist(a, b) <= f64::EPSILON {
                return dist(a, p);
            }
            cross(a, b, p).abs() / dist(a, b)
        };
        let nearest = (1..n)
            .map(|i| (i, off_line(i)))
            .min_by(|x, y| x.1.total_cmp(&y.1));
        match nearest {
            Some((i, d)) if d <= TOLERANCE_M => pts.remove(i),
            _ if off_line(0) <= TOLERANCE_M => pts.remove(0),
            _ => return,
        };
    }
}

/// The closed polygon of four counter-clockwise corners.
pub fn quad_polygon(c: &[Coord<f64>; 4]) -> Polygon<f64> {
    Polygon::new(LineString::from(vec![c[0], c[1], c[2], c[3], c[0]]), vec![])
}

/// The strip in front of a stall: its front edge (third → fourth corner) pushed out by
/// `aisle_width_m`, counter-clockwise.
pub fn front_aisle(c: &[Coord<f64>; 4], aisle_width_m: f64) -> [Coord<f64>; 4] {
    let (a, b) = (c[2], c[3]);
    let len = dist(a, b).max(f64::MIN_POSITIVE);
    // Outward normal of a counter-clockwise ring: to the right of the edge's direction.
    let n = Coord {
        x: (b.y - a.y) / len * aisle_width_m,
        y: -(b.x - a.x) / len * aisle_width_m,
    };
    [b, a, a + n, b + n]
}

/// A stall moved by `(dx, dy)` metres.
pub fn translate(c: &[Coord<f64>; 4], dx: f64, dy: f64) -> [Coord<f64>; 4] {
    c.map(|p| Coord {
        x: p.x + dx,
        y: p.y + dy,
    })
}

/// A stall turned by `degrees` (counter-clockwise) about its centre.
pub fn rotate(c: &[Coord<f64>; 4], degrees: f64) -> [Coord<f64>; 4] {
    let m = centre(c);
    let (s, k) = degrees.to_radians().sin_cos();
    c.map(|p| Coord {
        x: m.x + (p.x - m.x) * k - (p.y - m.y) * s,
        y: m.y + (p.x - m.x) * s + (p.y - m.y) * k,
    })
}

/// A `width × depth` stall centred on `at`, its front facing south (toward −y).
pub fn stall_at(at: Coord<f64>, width_m: f64, depth_m: f64) -> [Coord<f64>; 4] {
    let (w, d) = (width_m / 2.0, depth_m / 2.0);
    // Back (north) edge runs east→west … front (south) edge west→east would be clockwise; keep
    // the counter-clockwise order with the front as third → fourth corner.
    [
        Coord {
            x: at.x + w,
            y: at.y + d,
        },
        Coord {
            x: at.x - w,
            y: at.y + d,
        },
        Coord {
            x: at.x - w,
            y: at.y - d,
        },
        Coord {
            x: at.x + w,
            y: at.y - d,
        },
    ]
}

/// The mean of the corners.
pub fn centre(c: &[Coord<f64>; 4]) -> Coord<f64> {
    Coord {
        x: c.iter().map(|p| p.x).sum::<f64>() / 4.0,
        y: c.iter().map(|p| p.y).sum::<f64>() / 4.0,
    }
}

/// Frontage (front edge), depth (side) and the direction the front faces (degrees
/// counter-clockwise from east, in [0, 360)).
pub fn dimensions(c: &[Coord<f64>; 4]) -> (f64, f64, f64) {
    let a = front_aisle(c, 1.0);
    let facing = (a[2].y - c[2].y)
        .atan2(a[2].x - c[2].x)
        .to_degrees()
        .rem_euclid(360.0);
    (dist(c[2], c[3]), dist(c[1], c[2]), facing)
}

/// Checks one stall against the ground and the other stalls; `others` are the other stalls'
/// corners (counter-clockwise, as [`stall_corners`] gives them). The first fault found is
/// returned: the shape, then the ground, then overlaps, then aisles.
pub fn check_stall(
    stall: &[Coord<f64>; 4],
    ground: Ground<'_>,
    rules: StallRules,
    others: &[[Coord<f64>; 4]],
) -> Result<(), StallFault> {
    if !on_ground(stall, ground, rules.edge_clearance_m) {
        return Err(StallFault::Outside);
    }
    // Overlaps are measured on the stall and aisles pulled in by the tolerance: a stall that
    // only touches within it (shared edges, the far side of an aisle) passes.
    let bbox = bounds(stall);
    let core = inset(stall, TOLERANCE_M);
    for (i, other) in others.iter().enumerate() {
        if bounds(other).overlaps(&bbox, 0.0) && clipped_area(&core, other) > OVERLAP_M2 {
            return Err(StallFault::Overlap { other: i });
        }
    }
    let aisle = front_aisle(stall, rules.aisle_width_m);
    let aisle_box = bounds(&aisle);
    let aisle_core = inset(&aisle, TOLERANCE_M);
    let reach = bbox.grown(rules.aisle_width_m);
    for (i, other) in others.iter().enumerate() {
        let other_box = bounds(other);
        if other_box.overlaps(&aisle_box, 0.0) && clipped_area(&aisle_core, other) > OVERLAP_M2 {
            return Err(StallFault::AisleBlocked {
                other: i,
                in_front_of_other: false,
            });
        }
        if other_box.overlaps(&reach, 0.0) {
            let theirs = inset(&front_aisle(other, rules.aisle_width_m), TOLERANCE_M);
            if clipped_area(&theirs, stall) > OVERLAP_M2 {
                return Err(StallFault::AisleBlocked {
                    other: i,
                    in_front_of_other: true,
                });
            }
        }
    }
    Ok(())
}

/// A convex counter-clockwise quadrilateral with every side moved inward by `by` (itself when
/// a side is too short for that, e.g. an aisle of no width).
pub(crate) fn inset(q: &[Coord<f64>; 4], by: f64) -> [Coord<f64>; 4] {
    if (0..4).any(|i| dist(q[i], q[(i + 1) % 4]) <= 2.0 * by) {
        return *q;
    }
    // Each side's line moved left (inward for a counter-clockwise ring) by `by`.
    let moved: Vec<(Coord<f64>, Coord<f64>)> = (0..4)
        .map(|i| {
            let (a, b) = (q[i], q[(i + 1) % 4]);
            let len = dist(a, b);
            let n = Coord {
                x: -(b.y - a.y) / len * by,
                y: (b.x - a.x) / len * by,
            };
            (a + n, b + n)
        })
        .collect();
    let mut out = *q;
    for (i, corner) in out.iter_mut().enumerate() {
        // Corner i is where side i-1 meets side i.
        let (p1, p2) = moved[(i + 3) % 4];
        let (p3, p4) = moved[i];
        let (d1, d2) = (p2 - p1, p4 - p3);
        let den = d1.x * d2.y - d1.y * d2.x;
        if den.abs() > f64::EPSILON {
            let t = ((p3.x - p1.x) * d2.y - (p3.y - p1.y) * d2.x) / den;
            *corner = p1 + d1 * t;
        }
    }
    out
}

/// Inside the site, out of holes and exclusions, and at least `clearance` from all of them
/// (within [`TOLERANCE_M`]).
fn on_ground(stall: &[Coord<f64>; 4], ground: Ground<'_>, clearance: f64) -> bool {
    let m = centre(stall);
    // Corners pulled in by the tolerance: a stall on the line still counts as inside.
    let pulled = stall.map(|p| {
        let d = dist(p, m).max(f64::MIN_POSITIVE);
        p + (m - p) * (TOLERANCE_M / d).min(1.0)
    });
    if !pulled
        .iter()
        .chain(std::iter::once(&m))
        .all(|p| ground.site.contains(&Point(*p)))
    {
        return false;
    }
    let site_rings = ground
        .site
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    let exclusion_rings = ground.exclusions.iter().map(Polygon::exterior);
    for ring in site_rings.chain(exclusion_rings) {
        if ring_too_close(stall, ring, clearance) {
            return false;
        }
    }
    !ground.exclusions.iter().any(|z| {
        pulled
            .iter()
            .chain(std::iter::once(&m))
            .any(|p| z.contains(&Point(*p)))
    })
}

/// Whether a ring comes within `clearance` of the stall, or has a corner inside it.
fn ring_too_close(stall: &[Coord<f64>; 4], ring: &LineString<f64>, clearance: f64) -> bool {
    let reach = bounds(stall).grown(clearance);
    for w in ring.0.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg = Bounds::of(&[a, b]);
        if !seg.overlaps(&reach, 0.0) {
            continue;
        }
        if inside_by(stall, a, TOLERANCE_M) {
            return true;
        }
        for i in 0..4 {
            if seg_dist(a, b, stall[i], stall[(i + 1) % 4]) < clearance - TOLERANCE_M {
                return true;
            }
        }
        // A segment crossing the stall with both ends outside it, more than the tolerance in
        // (a stall stored on the edge pokes a few millimetres past it at a corner).
        if clearance <= TOLERANCE_M {
            let core = inset(stall, TOLERANCE_M);
            for i in 0..4 {
                if proper_cross(a, b, core[i], core[(i + 1) % 4]) {
                    return true;
                }
            }
        }
    }
    false
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    min: Coord<f64>,
    max: Coord<f64>,
}

impl Bounds {
    fn of(pts: &[Coord<f64>]) -> Bounds {
        let mut b = Bounds {
            min: pts[0],
            max: pts[0],
        };
        for p in pts {
            b.min.x = b.min.x.min(p.x);
            b.min.y = b.min.y.min(p.y);
            b.max.x = b.max.x.max(p.x);
            b.max.y = b.max.y.max(p.y);
        }
        b
    }

    fn grown(self, by: f64) -> Bounds {
        Bounds {
            min: Coord {
                x: self.min.x - by,
                y: self.min.y - by,
            },
            max: Coord {
                x: self.max.x + by,
                y: self.max.y + by,
            },
        }
    }

    fn overlaps(&self, o: &Bounds, slack: f64) -> bool {
        self.min.x <= o.max.x + slack
            && o.min.x <= self.max.x + slack
            && self.min.y <= o.max.y + slack
            && o.min.y <= self.max.y + slack
    }
}

fn bounds(c: &[Coord<f64>; 4]) -> Bounds {
    Bounds::of(c)
}

pub(crate) fn dist(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

fn signed_area(pts: &[Coord<f64>]) -> f64 {
    let n = pts.len();
    (0..n)
        .map(|i| pts[i].x * pts[(i + 1) % n].y - pts[(i + 1) % n].x * pts[i].y)
        .sum::<f64>()
        / 2.0
}

/// Whether `p` lies inside the counter-clockwise quad by more than `margin`.
fn inside_by(q: &[Coord<f64>; 4], p: Coord<f64>, margin: f64) -> bool {
    (0..4).all(|i| {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        cross(a, b, p) / dist(a, b).max(f64::MIN_POSITIVE) > margin
    })
}

fn point_seg_dist(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let ab = b - a;
    let len2 = ab.x * ab.x + ab.y * ab.y;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist(p, a + ab * t)
}

fn proper_cross(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

fn seg_dist(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> f64 {
    if proper_cross(a, b, c, d) {
        return 0.0;
    }
    point_seg_dist(a, c, d)
        .min(point_seg_dist(b, c, d))
        .min(point_seg_dist(c, a, b))
        .min(point_seg_dist(d, a, b))
}

#[cfg(test)]
mod tests;
