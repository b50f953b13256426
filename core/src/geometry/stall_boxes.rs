//! Stalls near one another, for writing them clean: an index of their bounding boxes, and
//! the area two of them share (with a cheap test for the common case that a line parts them).

use super::snap::open_ring;
use geo::{Area, BooleanOps, BoundingRect, Coord, Polygon};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

/// A polygon's bounding box, with the polygon's index.
pub(super) type Boxed = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// An index of the polygons' bounding boxes, each with the polygon's position in `polygons`.
pub(super) fn box_index<'p>(polygons: impl IntoIterator<Item = &'p Polygon<f64>>) -> RTree<Boxed> {
    RTree::bulk_load(
        polygons
            .into_iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let b = p.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]),
                    i,
                ))
            })
            .collect(),
    )
}

/// The area two stalls share, m² (none without the boolean operation when a line parts them;
/// clipped by hand when neither crosses itself, in one pass when one is convex, as stalls
/// almost always are, else triangle by triangle: the repair asks this thousands of times per
/// stall it moves; a tangled ring, or one with holes, goes to the boolean operation).
pub(super) fn overlap(a: &Polygon<f64>, b: &Polygon<f64>) -> f64 {
    if separated(a, b) {
        0.0
    } else if let Some(clip) = convex_ring(b).filter(|_| uncrossed(open_ring(a))) {
        clipped_area(open_ring(a), &clip)
    } else if let Some(clip) = convex_ring(a).filter(|_| uncrossed(open_ring(b))) {
        clipped_area(open_ring(b), &clip)
    } else if a.interiors().is_empty()
        && b.interiors().is_empty()
        && uncrossed(open_ring(a))
        && uncrossed(open_ring(b))
    {
        fan_clipped_area(open_ring(a), open_ring(b))
    } else {
        a.intersection(b).unsigned_area()
    }
}

/// The area of `subject` inside `other`, two rings that do not cross themselves, neither
/// need be convex (a stall's ring bent a few millimetres inward by rounding is not). The
/// fan of triangles from `other`'s first corner covers its inside once and its outside not
/// at all when each triangle counts with its sign, so the area is the signed sum of the
/// subject clipped by each triangle (convex, as Sutherland–Hodgman needs).
fn fan_clipped_area(subject: &[Coord<f64>], other: &[Coord<f64>]) -> f64 {
    let n = other.len();
    if n < 3 {
        return 0.0;
    }
    let o = other[0];
    let mut sum = 0.0;
    for i in 1..n - 1 {
        let (p, q) = (other[i], other[i + 1]);
        let turn = cross(o, p, q);
        if turn > 0.0 {
            sum += clipped_area(subject, &[o, p, q]);
        } else if turn < 0.0 {
            sum -= clipped_area(subject, &[o, q, p]);
        }
    }
    sum.abs()
}

/// Twice the signed area of the triangle o, a, b: positive when o → a → b turns left.
pub fn cross(o: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Whether no two sides of the ring cross (they may touch: a ring pinched at a point still
/// sums to its area; a crossed one sums its loops against each other).
pub(super) fn uncrossed(ring: &[Coord<f64>]) -> bool {
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        for j in i + 2..n {
            if i == 0 && j == n - 1 {
                continue;
            }
            let (c, d) = (ring[j], ring[(j + 1) % n]);
            let (d1, d2) = (cross(a, b, c), cross(a, b, d));
            let (d3, d4) = (cross(c, d, a), cross(c, d, b));
            if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
                return false;
            }
        }
    }
    true
}

/// The polygon's ring counter-clockwise, repeated points dropped, if it has no holes and
/// turns one way only (straight runs allowed).
fn convex_ring(p: &Polygon<f64>) -> Option<Vec<Coord<f64>>> {
    if !p.interiors().is_empty() {
        return None;
    }
    let mut ring: Vec<Coord<f64>> = open_ring(p).to_vec();
    ring.dedup();
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() < 3 {
        return None;
    }
    if p.exterior().signed_area() < 0.0 {
        ring.reverse();
    }
    let n = ring.len();
    // Every turn to the left or straight on (a turn back, a spike of no area, is not), and all
    // of them one whole turn (a ring winding twice is not convex either). A turn the other way
    // of less than this (radians) is a straight run bent by rounding.
    const STRAIGHT: f64 = 1e-9;
    let mut total = 0.0;
    for i in 0..n {
        let (a, b, c) = (ring[i], ring[(i + 1) % n], ring[(i + 2) % n]);
        let (u, v) = (b - a, c - b);
        let turn = (u.x * v.y - u.y * v.x).atan2(u.x * v.x + u.y * v.y);
        if !(-STRAIGHT..std::f64::consts::PI - STRAIGHT).contains(&turn) {
            return None;
        }
        total += turn;
    }
    ((total - std::f64::consts::TAU).abs() < 1e-6).then_some(ring)
}

/// The area of `subject` (a ring that does not cross itself) inside the convex
/// counter-clockwise `clip` (Sutherland–Hodgman: for a convex clip the pieces of a concave
/// subject come out joined by seams of no area, and the shoelace sum is still the area).
pub fn clipped_area(subject: &[Coord<f64>], clip: &[Coord<f64>]) -> f64 {
    let mut out: Vec<Coord<f64>> = subject.to_vec();
    for i in 0..clip.len() {
        let (e0, e1) = (clip[i], clip[(i + 1) % clip.len()]);
        let input = std::mem::take(&mut out);
        if input.is_empty() {
            return 0.0;
        }
        for j in 0..input.len() {
            let (p, q) = (input[j], input[(j + 1) % input.len()]);
            let (sp, sq) = (cross(e0, e1, p), cross(e0, e1, q));
            if sp >= 0.0 {
                out.push(p);
            }
            if (sp >= 0.0) != (sq >= 0.0) {
                let t = sp / (sp - sq);
                out.push(Coord {
                    x: p.x + (q.x - p.x) * t,
                    y: p.y + (q.y - p.y) * t,
                });
            }
        }
    }
    let n = out.len();
    (0..n)
        .map(|i| out[i].x * out[(i + 1) % n].y - out[(i + 1) % n].x * out[i].y)
        .sum::<f64>()
        .abs()
        / 2.0
}

/// Whether a line parallel to an edge of `a` or `b` separates them (they may touch): then they
/// do not overlap. Cheap, and the answer for almost every pair of neighbours; for convex rings
/// it is exact, for others it may miss a separation, never invent one.
pub(super) fn separated(a: &Polygon<f64>, b: &Polygon<f64>) -> bool {
    /// Slack for the noise of the projection, metres.
    const TOUCH_M: f64 = 1e-7;
    let (pa, pb) = (&a.exterior().0, &b.exterior().0);
    pa.windows(2).chain(pb.windows(2)).any(|w| {
        let (nx, ny) = (w[0].y - w[1].y, w[1].x - w[0].x);
        let len = nx.hypot(ny);
        if len == 0.0 {
            return false;
        }
        let span = |ring: &[Coord<f64>]| {
            ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
                let t = (c.x * nx + c.y * ny) / len;
                (lo.min(t), hi.max(t))
            })
        };
        let ((alo, ahi), (blo, bhi)) = (span(pa), span(pb));
        ahi <= blo + TOUCH_M || bhi <= alo + TOUCH_M
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Rotate, Translate};

    fn poly(pts: &[(f64, f64)]) -> Polygon<f64> {
        let mut ring: Vec<Coord<f64>> = pts.iter().map(|&(x, y)| Coord { x, y }).collect();
        ring.push(ring[0]);
        Polygon::new(LineString(ring), vec![])
    }

    /// The boolean operation rounds to a fixed-point grid: 0.0001 cm² (what the repair counts
    /// as no overlap), and a hundred-millionth of a larger overlap.
    const CLOSE_M2: f64 = 1e-8;

    fn by_boolean_operation(a: &Polygon<f64>, b: &Polygon<f64>) -> f64 {
        a.intersection(b).unsigned_area()
    }

    /// Stalls turned and moved every way, an L-shaped ring, one clockwise, one pinched and a
    /// crossed one: the area clipped by hand is the boolean operation's.
    #[test]
    fn the_overlap_clipped_by_hand_is_the_boolean_operations() {
        let stall = poly(&[(0.0, 0.0), (2.0, 0.0), (2.0, 2.5), (0.0, 2.5)]);
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..300 {
            let other = stall
                .rotate_around_point(next() * 360.0, geo::Point::new(1.0, 1.25))
                .translate(next() * 3.0 - 1.5, next() * 3.0 - 1.5);
            let (fast, slow) = (
                overlap(&stall, &other),
                by_boolean_operation(&stall, &other),
            );
            assert!(
                (fast - slow).abs() < CLOSE_M2 * (1.0 + slow),
                "{fast} against {slow}"
            );
        }
        let l_shape = poly(&[
            (-1.0, -1.0),
            (1.0, -1.0),
            (1.0, 1.0),
            (0.5, 1.0),
            (0.5, 0.0),
            (-1.0, 0.0),
        ]);
        let clockwise = poly(&[(1.5, -0.5), (1.5, 3.0), (2.5, 3.0), (2.5, -0.5)]);
        let pinched = poly(&[
            (1.0, 1.0),
            (3.0, 1.0),
            (2.0, 2.0),
            (3.0, 3.0),
            (1.0, 3.0),
            (2.0, 2.0),
        ]);
        let crossed = poly(&[(-1.0, -1.0), (3.0, 3.0), (3.0, -1.0), (-1.0, 3.0)]);
        // A stored ring with a spike of no area: out a centimetre and back along one side.
        let spiked = poly(&[
            (1.0, -1.0),
            (3.0, -1.0),
            (3.0, 1.0),
            (3.0, 1.01),
            (3.0, 1.0),
            (3.0, 2.0),
            (1.0, 2.0),
        ]);
        // A stall whose long sides are bent inward by rounding: convex no longer.
        let bent = poly(&[
            (0.5, 0.5),
            (1.5, 0.5),
            (2.5, 0.503),
            (2.5, 3.0),
            (1.5, 2.997),
            (0.5, 3.0),
        ]);
        let rings = [l_shape, clockwise, pinched, crossed, spiked, bent];
        for other in &rings {
            for (a, b) in [(&stall, other), (other, &stall)] {
                let (fast, slow) = (overlap(a, b), by_boolean_operation(a, b));
                assert!(
                    (fast - slow).abs() < CLOSE_M2 * (1.0 + slow),
                    "{fast} against {slow}: {b:?}"
                );
            }
        }
        // Neither convex: every pair of them, and the bent stall moved about over the others.
        for a in &rings {
            for b in &rings {
                for _ in 0..20 {
                    let b = b.translate(next() * 2.0 - 1.0, next() * 2.0 - 1.0);
                    let (fast, slow) = (overlap(a, &b), by_boolean_operation(a, &b));
                    assert!(
                        (fast - slow).abs() < CLOSE_M2 * (1.0 + slow),
                        "{fast} against {slow}: {a:?} {b:?}"
                    );
                }
            }
        }
    }
}
