//! One edge against a horizontal band of the frame: the piece of the edge inside it, and the
//! part of the band within a clearance of the edge (the edge grown into a capsule).

use geo::Coord;

/// X-extent of the part of edge pq inside the open band (y1, y2), if any.
#[inline]
pub(super) fn piece_in_band(p: Coord<f64>, q: Coord<f64>, y1: f64, y2: f64) -> Option<(f64, f64)> {
    let (lo, hi) = if p.y < q.y { (p.y, q.y) } else { (q.y, p.y) };
    if hi <= y1 || lo >= y2 {
        return None;
    }
    if p.y == q.y {
        return Some((p.x.min(q.x), p.x.max(q.x)));
    }
    let inv = 1.0 / (q.y - p.y);
    let ta = (y1 - p.y) * inv;
    let tb = (y2 - p.y) * inv;
    let t0 = ta.min(tb).max(0.0);
    let t1 = ta.max(tb).min(1.0);
    let xa = p.x + t0 * (q.x - p.x);
    let xb = p.x + t1 * (q.x - p.x);
    Some((xa.min(xb), xa.max(xb)))
}

/// The normal of length `r` to the edge pq.
pub(super) fn normal(p: Coord<f64>, q: Coord<f64>, r: f64) -> (f64, f64) {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    // Local metres: no overflow to guard against, and `hypot` cost a tenth of the search.
    let len = (dx * dx + dy * dy).sqrt();
    (-dy / len * r, dx / len * r)
}

/// X-projection of the part of the capsule (segment pq grown by r) inside the band (y1, y2).
#[cfg(test)]
pub(super) fn capsule_extent(
    p: Coord<f64>,
    q: Coord<f64>,
    r: f64,
    y1: f64,
    y2: f64,
) -> Option<(f64, f64)> {
    capsule_extent_with(p, q, normal(p, q, r), r, y1, y2)
}

/// [`capsule_extent`] with the edge's normal of length `r` given.
pub(super) fn capsule_extent_with(
    p: Coord<f64>,
    q: Coord<f64>,
    (nx, ny): (f64, f64),
    r: f64,
    y1: f64,
    y2: f64,
) -> Option<(f64, f64)> {
    let (a, b) = (y1.max(p.y.min(q.y) - r), y2.min(p.y.max(q.y) + r));
    if a >= b {
        return None;
    }
    let offsets = [
        (
            Coord {
                x: p.x + nx,
                y: p.y + ny,
            },
            Coord {
                x: q.x + nx,
                y: q.y + ny,
            },
        ),
        (
            Coord {
                x: p.x - nx,
                y: p.y - ny,
            },
            Coord {
                x: q.x - nx,
                y: q.y - ny,
            },
        ),
    ];
    // The capsule's horizontal slice at y: its boundary is two offset segments and two arcs of
    // the end discs, so the slice spans the extremes of those that reach height y.
    let slice = |y: f64| {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for e in [p, q] {
            let dy = y - e.y;
            if dy.abs() <= r {
                let h = (r * r - dy * dy).sqrt();
                lo = lo.min(e.x - h);
                hi = hi.max(e.x + h);
            }
        }
        for (s, t) in offsets {
            if (s.y - y) * (t.y - y) <= 0.0 {
                let (xa, xb) = if s.y == t.y {
                    (s.x, t.x)
                } else {
                    let x = s.x + (y - s.y) * (t.x - s.x) / (t.y - s.y);
                    (x, x)
                };
                lo = lo.min(xa.min(xb));
                hi = hi.max(xa.max(xb));
            }
        }
        (lo, hi)
    };
    // The slice's ends are convex (left) and concave (right) in y, extreme at the level of the
    // leftmost and rightmost end point, so clamping that level into the band finds each.
    let level = |e: Coord<f64>, other: Coord<f64>| {
        let y = if e.x == other.x {
            (0.5 * (a + b)).clamp(e.y.min(other.y), e.y.max(other.y))
        } else {
            e.y
        };
        y.clamp(a, b)
    };
    let (left, right) = if p.x <= q.x { (p, q) } else { (q, p) };
    let lo = slice(level(left, right)).0;
    let hi = slice(level(right, left)).1;
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}
