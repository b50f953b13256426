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

impl LockedStall {
    /// The stall with its ring reduced to its four corners. A stored stall carries its
    /// neighbours' snapped corners on its sides (clean GeoJSON shares every vertex), and as such
    /// an odd shape to the engine: it ran with no row (a re-layout keeping a 4,000-stall park
    /// spent 200 ms more filling around them) and its front strip could cover part of its
    /// front only. A ring that is no quadrilateral stays as it is.
    pub(crate) fn tidied(&self) -> LockedStall {
        let polygon = crate::stall_rules::stall_corners(&self.polygon)
            .map(|c| crate::stall_rules::quad_polygon(&c))
            .unwrap_or_else(|_| self.polygon.clone());
        LockedStall {
            polygon,
            facing_deg: self.facing_deg,
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
        .map(LockedStall::tidied)
        .map(|l| Placed {
            stall: l.polygon.clone(),
            aisle: front_strip(&l, aisle),
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
    // Rows first (facing, then back line), then along each row. Stalls read back from the
    // database carry centimetre noise in their back lines, so a row is the stalls whose back
    // line lies within SAME_ROW_M of its first one, sorted along the row only then: sorting
    // by back line and position at once scattered a row's stalls and broke it into single
    // stalls (a re-layout of a 4,000-stall park spent 300 ms around them instead of 50).
    spans.sort_by(|a, b| {
        (a.0.facing, a.0.v.0)
            .partial_cmp(&(b.0.facing, b.0.v.0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut i = 0;
    while i < spans.len() {
        let first = (spans[i].0.facing, spans[i].0.v.0);
        let mut end = i + 1;
        while end < spans.len()
            && (spans[end].0.facing - first.0).abs() <= 1.0e-6
            && close(spans[end].0.v.0, first.1)
        {
            end += 1;
        }
        let row = &mut spans[i..end];
        row.sort_by(|a, b| a.0.u.0.total_cmp(&b.0.u.0));
        let mut k = 0;
        while k < row.len() {
            let head = &row[k].0;
            let (mut u, mut v) = (head.u, head.v);
            let mut j = k + 1;
            while j < row.len() && {
                let s = &row[j].0;
                close(s.v.1, head.v.1) && s.u.0 >= u.1 - SAME_ROW_M && s.u.0 <= u.1 + SAME_ROW_M
            } {
                let s = &row[j].0;
                u.1 = u.1.max(s.u.1);
                v = (v.0.min(s.v.0), v.1.max(s.v.1));
                j += 1;
            }
            if j == k + 1 {
                out.push(exact[row[k].1].clone());
            } else {
                let frame = row_frame(head.facing);
                let rect = |u0: f64, u1: f64, v0: f64, v1: f64| {
                    rect_back(&frame, Coord { x: u0, y: v0 }, Coord { x: u1, y: v1 })
                };
                out.push(Placed {
                    stall: rect(u.0, u.1, v.0, v.1),
                    aisle: rect(u.0, u.1, v.1, v.1 + aisle),
                    facing_deg: head.facing,
                });
            }
            k = j;
        }
        i = end;
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

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{BoundingRect, polygon};

    /// A 2 × 2.5 m stall at `x` facing north (90°) or south (270°), its back line `dy` off.
    fn stall(x: f64, north: bool, dy: f64) -> Placed {
        let (y0, y1) = if north {
            (dy, 2.5 + dy)
        } else {
            (-2.5 + dy, dy)
        };
        Placed {
            stall: polygon![(x: x, y: y0), (x: x + 2.0, y: y0), (x: x + 2.0, y: y1), (x: x, y: y1), (x: x, y: y0)],
            aisle: polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)],
            facing_deg: if north { 90.0 } else { 270.0 },
        }
    }

    #[test]
    fn stalls_read_back_with_centimetre_noise_still_merge_into_one_run_per_row() {
        // Back-to-back rows of ten; every back line off by up to 8 mm, as 7-decimal degrees
        // give them back; listed out of order, as a database may.
        let noise = [
            0.004, -0.008, 0.0, 0.007, -0.003, 0.008, -0.006, 0.002, -0.001, 0.005,
        ];
        let mut stalls: Vec<Placed> = Vec::new();
        for k in [3, 7, 0, 9, 1, 5, 8, 2, 6, 4] {
            stalls.push(stall(2.0 * k as f64, true, noise[k]));
            stalls.push(stall(2.0 * k as f64, false, -noise[9 - k]));
        }
        let runs = runs(&stalls, 3.0);
        assert_eq!(runs.len(), 2, "one run per row");
        for r in &runs {
            let b = r.stall.bounding_rect().unwrap();
            assert!((b.min().x - 0.0).abs() < 1e-9 && (b.max().x - 20.0).abs() < 1e-9);
            // The run covers every stall of its row, noise included.
            assert!(b.height() >= 2.5 && b.height() <= 2.5 + 0.016 + 1e-9);
        }
    }

    /// `stall(x, true, 0.0)` as the database gives it back: a neighbour's corner on its back
    /// side at `x + back` and another on its front side at `x + front`.
    fn stored(x: f64, back: f64, front: f64) -> LockedStall {
        LockedStall {
            polygon: polygon![
                (x: x, y: 0.0), (x: x + back, y: 0.0), (x: x + 2.0, y: 0.0),
                (x: x + 2.0, y: 2.5), (x: x + front, y: 2.5), (x: x, y: 2.5), (x: x, y: 0.0)
            ],
            facing_deg: 90.0,
        }
    }

    #[test]
    fn a_stored_stall_with_its_neighbours_corners_on_its_sides_keeps_its_whole_front_clear() {
        let s = stored(0.0, 1.2, 0.7);
        // As the ring came, the strip covered the longer piece of the front only.
        assert!(geo::Area::unsigned_area(&front_strip(&s, 3.0)) < 6.0 - 1.0);
        let tidy = s.tidied();
        assert_eq!(tidy.polygon.exterior().0.len(), 5, "four corners");
        let strip = front_strip(&tidy, 3.0);
        let b = strip.bounding_rect().unwrap();
        assert!((geo::Area::unsigned_area(&strip) - 6.0).abs() < 1e-9);
        assert_eq!(
            (b.min().x, b.max().x, b.min().y, b.max().y),
            (0.0, 2.0, 2.5, 5.5)
        );
        // And what new stalls keep off is that whole strip (pulled in by INSET_M).
        let k = kept(&[s], 3.0);
        let a = k.obstacles[0].aisle.bounding_rect().unwrap();
        assert!(a.width() > 2.0 - 2.0 * INSET_M - 1e-9 && a.height() > 3.0 - 2.0 * INSET_M - 1e-9);
    }

    #[test]
    fn stored_stalls_of_a_row_are_one_obstacle_for_the_new_rows() {
        let row: Vec<LockedStall> = (0..12)
            .map(|k| stored(2.0 * k as f64, 0.3 + 0.1 * k as f64, 1.9 - 0.1 * k as f64))
            .collect();
        assert_eq!(kept(&row, 3.0).obstacles.len(), 1);
    }

    #[test]
    fn a_gap_in_a_row_splits_its_run() {
        let stalls: Vec<Placed> = [0.0, 2.0, 6.0, 8.0, 10.0]
            .iter()
            .map(|&x| stall(x, true, 0.0))
            .collect();
        let mut spans: Vec<(f64, f64)> = runs(&stalls, 3.0)
            .iter()
            .map(|r| {
                let b = r.stall.bounding_rect().unwrap();
                (b.min().x, b.max().x)
            })
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(spans, vec![(0.0, 4.0), (6.0, 12.0)]);
    }
}
