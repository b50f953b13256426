//! Stalls that stay where they are through a re-layout (locked or drawn by hand): obstacles
//! for the new rows, with the aisle strip in front of each kept free.

use super::compose::rect_back;
use super::frame::Frame;
use super::rows::Placed;
use geo::{Coord, LineString, Polygon};

/// A stall kept through a re-layout, in local metres.
#[derive(Debug, Clone, PartialEq)]
pub struct LockedStall {
    pub polygon: Polygon<f64>,
    /// The direction its front faces (degrees counter-clockwise from east); the strip of one
    /// aisle width in front of the edge facing most that way is kept free.
    pub facing_deg: f64,
}

impl From<&super::PlacedStall> for LockedStall {
    /// A stall of a layout, kept where it was laid out.
    fn from(s: &super::PlacedStall) -> Self {
        LockedStall {
            polygon: s.polygon.clone(),
            facing_deg: s.facing_deg,
        }
    }
}

/// The front strip of a locked stall: the edge whose outward normal points most nearly along
/// `facing_deg`, pushed out by `aisle` metres.
pub(crate) fn front_strip(stall: &LockedStall, aisle: f64) -> Polygon<f64> {
    let ring = &stall.polygon.exterior().0;
    let f = stall.facing_deg.to_radians();
    let (fx, fy) = (f.cos(), f.sin());
    // Orientation of the ring decides which side of an edge is outside.
    let signed: f64 = ring
        .windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum();
    let ccw = signed > 0.0;
    let mut best: Option<(f64, Coord<f64>, Coord<f64>)> = None;
    for w in ring.windows(2) {
        let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
        let len = dx.hypot(dy);
        if len <= 0.0 {
            continue;
        }
        let (nx, ny) = if ccw {
            (dy / len, -dx / len)
        } else {
            (-dy / len, dx / len)
        };
        let score = nx * fx + ny * fy;
        if best.is_none_or(|b| score > b.0) {
            best = Some((score, w[0], w[1]));
        }
    }
    let Some((_, p, q)) = best else {
        return Polygon::new(LineString(vec![]), vec![]);
    };
    let o = Coord {
        x: fx * aisle,
        y: fy * aisle,
    };
    Polygon::new(LineString(vec![p, q, q + o, p + o, p]), vec![])
}

/// How far a locked stall and its front strip are pulled in before new stalls keep off them,
/// metres. A stored stall comes back from 7-decimal degrees up to about a centimetre larger
/// than it was laid out; without this a gap of three stalls between two locked ones held two
/// (a re-flow lost a quarter of its stalls). New stalls may therefore touch a locked one by up
/// to this much, which the stall editor reads as touching (`stall_rules::TOLERANCE_M`, 2 cm).
pub(crate) const INSET_M: f64 = 0.015;

/// Locked stalls as a re-flow sees them.
pub(crate) struct Kept {
    /// What new stalls keep off: each locked stall and its front strip, pulled in.
    pub obstacles: Vec<Placed>,
    /// The stalls and strips as they are, for walkability (a walker squeezes past nothing).
    pub exact: Vec<Placed>,
}

pub(crate) fn kept(locked: &[LockedStall], aisle: f64) -> Kept {
    let exact: Vec<Placed> = locked
        .iter()
        .map(|l| Placed {
            stall: l.polygon.clone(),
            aisle: front_strip(l, aisle),
            facing_deg: l.facing_deg,
        })
        .collect();
    let obstacles = runs(&exact, aisle)
        .iter()
        .map(|p| Placed {
            stall: inset(&p.stall, INSET_M),
            aisle: inset(&p.aisle, INSET_M),
            facing_deg: p.facing_deg,
        })
        .collect();
    Kept { obstacles, exact }
}

/// Rectangular stalls side by side in one row (the same facing, back and front lines,
/// touching) as one stall and one strip: the row search then goes around one rectangle per
/// run instead of one per stall (a re-layout keeping thousands of stalls spent most of its
/// time on them). Other stalls stay as they are.
fn runs(exact: &[Placed], aisle: f64) -> Vec<Placed> {
    // Each stall in its own row frame: u along the row, v the way it faces.
    struct Span {
        facing: f64,
        u: (f64, f64),
        v: (f64, f64),
    }
    let mut spans: Vec<(Span, usize)> = Vec::with_capacity(exact.len());
    let mut out = Vec::new();
    // The frame of a stall's row: x along the row, y the way the stall faces.
    let row_frame = |facing_deg: f64| Frame::new((facing_deg - 90.0).to_radians());
    for (k, p) in exact.iter().enumerate() {
        let frame = row_frame(p.facing_deg);
        let ring = &p.stall.exterior().0;
        let (mut u, mut v) = ((f64::MAX, f64::MIN), (f64::MAX, f64::MIN));
        for &c in ring {
            let q = frame.fwd(c);
            u = (u.0.min(q.x), u.1.max(q.x));
            v = (v.0.min(q.y), v.1.max(q.y));
        }
        let boxed = (u.1 - u.0) * (v.1 - v.0);
        let area = geo::Area::unsigned_area(&p.stall);
        if ring.len() == 5 && boxed > 0.0 && (boxed - area).abs() <= 0.01 * area {
            let facing = p.facing_deg.rem_euclid(360.0);
            spans.push((Span { facing, u, v }, k));
        } else {
            out.push(p.clone());
        }
    }
    let close = |a: f64, b: f64| (a - b).abs() <= SAME_ROW_M;
    spans.sort_by(|a, b| {
        (a.0.facing, a.0.v.0, a.0.u.0)
            .partial_cmp(&(b.0.facing, b.0.v.0, b.0.u.0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut i = 0;
    while i < spans.len() {
        let first = &spans[i].0;
        let (mut u, mut v) = (first.u, first.v);
        let mut j = i + 1;
        while j < spans.len() && {
            let s = &spans[j].0;
            (s.facing - first.facing).abs() <= 1.0e-6
                && close(s.v.0, first.v.0)
                && close(s.v.1, first.v.1)
                && s.u.0 >= u.1 - SAME_ROW_M
                && s.u.0 <= u.1 + SAME_ROW_M
        } {
            let s = &spans[j].0;
            u.1 = u.1.max(s.u.1);
            v = (v.0.min(s.v.0), v.1.max(s.v.1));
            j += 1;
        }
        if j == i + 1 {
            out.push(exact[spans[i].1].clone());
        } else {
            let frame = row_frame(first.facing);
            let rect = |u0: f64, u1: f64, v0: f64, v1: f64| {
                rect_back(&frame, Coord { x: u0, y: v0 }, Coord { x: u1, y: v1 })
            };
            out.push(Placed {
                stall: rect(u.0, u.1, v.0, v.1),
                aisle: rect(u.0, u.1, v.1, v.1 + aisle),
                facing_deg: first.facing,
            });
        }
        i = j;
    }
    out
}

/// `p` with every edge moved inward by `t` (convex rings: stalls and strips); a ring too small
/// for that is returned as it is.
fn inset(p: &Polygon<f64>, t: f64) -> Polygon<f64> {
    let mut ring: Vec<Coord<f64>> = p.exterior().0.clone();
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    let n = ring.len();
    if n < 3 {
        return p.clone();
    }
    let signed: f64 = (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum();
    let side = if signed > 0.0 { 1.0 } else { -1.0 };
    // Inward unit normal of edge i (from ring[i] to ring[i + 1]).
    let normal = |i: usize| {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len > 0.0 {
            Coord {
                x: -dy / len * side,
                y: dx / len * side,
            }
        } else {
            Coord { x: 0.0, y: 0.0 }
        }
    };
    let mut out = Vec::with_capacity(n + 1);
    for (i, corner) in ring.iter().enumerate() {
        let (n1, n2) = (normal((i + n - 1) % n), normal(i));
        let k = 1.0 + n1.x * n2.x + n1.y * n2.y;
        if k < 0.1 {
            return p.clone();
        }
        out.push(Coord {
            x: corner.x + t * (n1.x + n2.x) / k,
            y: corner.y + t * (n1.y + n2.y) / k,
        });
    }
    out.push(out[0]);
    Polygon::new(LineString(out), vec![])
}

/// Fewest locked stalls sharing a direction that say how rows there should run.
pub(crate) const MIN_GROUP: usize = 4;

/// Locked stalls sharing a row direction within this (radians) count as one group.
const SAME_DIRECTION_RAD: f64 = 1.0e-3;

/// The direction of the row a stall stands in (radians, [0, π)): across the way it faces.
fn row_angle(p: &Placed) -> f64 {
    let pi = std::f64::consts::PI;
    (p.facing_deg.to_radians() - pi / 2.0).rem_euclid(pi)
}

/// Where a re-flow's rows should run when stalls are locked: the row direction most locked
/// stalls share (radians, [0, π)) and, in the frame of that direction, the lower edge of one
/// of them, which the new rows' offset grid passes through. A re-flow then lines the new rows
/// up with the old ones, as a manager who locked part of a layout expects, and costs one row
/// search instead of a direction sweep. `None` when fewer than `MIN_GROUP` stalls share a
/// direction (a few hand-drawn stalls say nothing about how the rest should run).
pub(crate) fn row_direction(locked: &[Placed]) -> Option<(f64, f64)> {
    let pi = std::f64::consts::PI;
    let mut dirs: Vec<(f64, usize)> = locked
        .iter()
        .enumerate()
        .map(|(k, p)| (row_angle(p), k))
        .filter(|d| d.0.is_finite())
        .collect();
    dirs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // The largest window of directions within the tolerance (two pointers; 0 and π are the
    // same direction, so the window wraps around once).
    let n = dirs.len();
    let mut best: Option<(usize, usize)> = None;
    let mut j = 0;
    for i in 0..n {
        j = j.max(i);
        while j + 1 < i + n && {
            let next = dirs[(j + 1) % n].0 + if j + 1 >= n { pi } else { 0.0 };
            next - dirs[i].0 <= SAME_DIRECTION_RAD
        } {
            j += 1;
        }
        if best.is_none_or(|b| j + 1 - i > b.1) {
            best = Some((i, j + 1 - i));
        }
    }
    let (first, size) = best?;
    if size < MIN_GROUP {
        return None;
    }
    let (angle, k) = dirs[first];
    let frame = Frame::new(angle);
    let low = locked[k]
        .stall
        .exterior()
        .0
        .iter()
        .map(|&c| frame.fwd(c).y)
        .fold(f64::INFINITY, f64::min);
    low.is_finite().then_some((angle, low))
}

/// The row directions of locked stalls other than `main` (radians, [0, π)) with how many
/// stalls share each, most first, at most `MAX_OTHER`: where a layout had pockets or zones at
/// their own angle, a re-flow tries those angles again rather than hoping a sweep finds them.
pub(crate) fn other_directions(locked: &[Placed], main: Option<f64>) -> Vec<(f64, usize)> {
    const MAX_OTHER: usize = 2;
    let pi = std::f64::consts::PI;
    let same = |a: f64, b: f64| {
        let d = (a - b).abs();
        d.min(pi - d) <= SAME_DIRECTION_RAD
    };
    let mut groups: Vec<(f64, usize)> = Vec::new();
    for a in locked.iter().map(row_angle).filter(|a| a.is_finite()) {
        if main.is_some_and(|m| same(a, m)) {
            continue;
        }
        match groups.iter_mut().find(|g| same(g.0, a)) {
            Some(g) => g.1 += 1,
            None => groups.push((a, 1)),
        }
    }
    groups.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.total_cmp(&y.0)));
    groups.truncate(MAX_OTHER);
    groups
}

/// The locked stalls as seen from the frame of a row direction: for each one lying along that
/// direction, its lower edge y and its start x, sorted by y.
pub(crate) struct Lattice(Vec<(f64, f64)>);

/// Rows of a frame lie within this of a locked stall's lower edge to line up with it, metres
/// (stored stalls come back from 7-decimal degrees up to about a centimetre off).
const SAME_ROW_M: f64 = 0.02;

impl Lattice {
    pub(crate) fn new(locked: &[Placed], frame: &Frame, angle: f64) -> Lattice {
        let pi = std::f64::consts::PI;
        let mut v: Vec<(f64, f64)> = locked
            .iter()
            .filter(|p| {
                let d = (row_angle(p) - angle).rem_euclid(pi);
                d.min(pi - d) < SAME_DIRECTION_RAD
            })
            .map(|p| {
                p.stall
                    .exterior()
                    .0
                    .iter()
                    .fold((f64::INFINITY, f64::INFINITY), |(y, x), &c| {
                        let f = frame.fwd(c);
                        (y.min(f.y), x.min(f.x))
                    })
            })
            .filter(|c| c.0.is_finite() && c.1.is_finite())
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        Lattice(v)
    }

    /// Where the locked stalls of the row at `y` start, sorted.
    pub(crate) fn anchors(&self, y: f64) -> Vec<f64> {
        let k = self.0.partition_point(|c| c.0 < y - SAME_ROW_M);
        let mut v: Vec<f64> = self.0[k..]
            .iter()
            .take_while(|c| c.0 <= y + SAME_ROW_M)
            .map(|c| c.1)
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }
}
