//! Which points lie within a walker's reach of a stall: the walkability raster's test for
//! every cell near every stall, so it takes the cheap way where it can (a stall is a
//! rectangle, give or take the rounding of its stored corners).

use geo::Coord;

/// The test for one stall, and whether the ground it takes is convex (then each raster row
/// holds one run of it).
pub(super) struct Reach<'a> {
    pub test: Box<dyn Fn(Coord<f64>) -> bool + 'a>,
    pub convex: bool,
}

/// Squared distance from `p` to the segment ab.
pub(super) fn seg_dist2(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let l2 = dx * dx + dy * dy;
    let t = if l2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / l2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (p.x - a.x - t * dx, p.y - a.y - t * dy);
    ex * ex + ey * ey
}

/// A stall as the rectangle it is: a corner and two perpendicular sides, so the distance from
/// a point is two projections (the general ring test costs five segment distances a cell).
struct Rectangle {
    o: Coord<f64>,
    /// Unit vectors along the two sides, and the sides' lengths.
    u: Coord<f64>,
    v: Coord<f64>,
    lu: f64,
    lv: f64,
}

/// How far a stall's corners may lie from the rectangle drawn on its first corner and sides
/// for the rectangle to stand in for it, metres. A stored stall comes back with its corners
/// rounded to about a centimetre, so it is never an exact rectangle; cells that close to the
/// walker's reach are judged by the ring itself.
const RECTANGLE_SLACK_M: f64 = 0.05;

impl Rectangle {
    /// The rectangle on the first corner of a closed ring of four corners, along its first
    /// side and as deep as its last, with the farthest any corner of the ring lies from the
    /// rectangle's (the slack); none when that is more than [`RECTANGLE_SLACK_M`].
    fn of(ring: &[Coord<f64>]) -> Option<(Rectangle, f64)> {
        let [a, b, c, d, e] = ring else { return None };
        if a != e {
            return None;
        }
        let (ux, uy) = (b.x - a.x, b.y - a.y);
        let lu = ux.hypot(uy);
        if lu <= 0.0 {
            return None;
        }
        let u = Coord {
            x: ux / lu,
            y: uy / lu,
        };
        // The side perpendicular to u on the side where the ring's last corner lies.
        let turn = u.x * (d.y - a.y) - u.y * (d.x - a.x);
        let v = if turn >= 0.0 {
            Coord { x: -u.y, y: u.x }
        } else {
            Coord { x: u.y, y: -u.x }
        };
        let lv = (d.x - a.x) * v.x + (d.y - a.y) * v.y;
        if lv <= 0.0 {
            return None;
        }
        let at = |s: f64, t: f64| Coord {
            x: a.x + s * u.x + t * v.x,
            y: a.y + s * u.y + t * v.y,
        };
        let slack = [(b, at(lu, 0.0)), (c, at(lu, lv)), (d, at(0.0, lv))]
            .iter()
            .map(|(p, q)| (p.x - q.x).hypot(p.y - q.y))
            .fold(0.0, f64::max);
        (slack <= RECTANGLE_SLACK_M).then_some((
            Rectangle {
                o: *a,
                u,
                v,
                lu,
                lv,
            },
            slack,
        ))
    }

    /// Squared distance from `p` to the rectangle (0 inside).
    fn dist2(&self, p: Coord<f64>) -> f64 {
        let (px, py) = (p.x - self.o.x, p.y - self.o.y);
        let s = px * self.u.x + py * self.u.y;
        let t = px * self.v.x + py * self.v.y;
        let ds = (-s).max(s - self.lu).max(0.0);
        let dt = (-t).max(t - self.lv).max(0.0);
        ds * ds + dt * dt
    }
}

fn inside_ring(p: Coord<f64>, ring: &[Coord<f64>]) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) {
            inside = !inside;
        }
    }
    inside
}

/// Whether a point lies within `r` of the ring's stall (inside it or nearer than `r` to a side).
pub(super) fn within_reach(ring: &[Coord<f64>], r: f64) -> Reach<'_> {
    let by_ring =
        move |p| inside_ring(p, ring) || ring.windows(2).any(|w| seg_dist2(p, w[0], w[1]) < r * r);
    match Rectangle::of(ring) {
        // Each corner lies within the slack of the rectangle's, so the ring's distance from a
        // point is the rectangle's give or take the slack: only points within the slack of
        // the reach need the ring.
        Some((rect, slack)) => {
            let (sure, never) = ((r - slack).powi(2), (r + slack).powi(2));
            Reach {
                test: Box::new(move |p| {
                    let d2 = rect.dist2(p);
                    d2 < sure || (d2 < never && by_ring(p))
                }),
                // A ring close to a rectangle is convex, and so is the ground within reach.
                convex: true,
            }
        }
        None => Reach {
            test: Box::new(by_ring),
            convex: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rectangle shortcut must judge every cell as the general ring test does: inside,
    /// within the walker's half width, or clear, for stalls at any angle, exact or with their
    /// corners rounded as a stored stall's are.
    #[test]
    fn a_rectangle_judges_points_as_the_ring_test_does() {
        let r = 0.45;
        for deg in [0.0f64, 17.0, 45.0, 90.0, 133.0] {
            for rounding in [0.0, 0.013] {
                let (s, c) = deg.to_radians().sin_cos();
                let at = |x: f64, y: f64| Coord {
                    x: 3.0 + x * c - y * s,
                    y: -2.0 + x * s + y * c,
                };
                // Corners off by up to `rounding` each way, as rounding to a grid leaves them.
                let off = |p: Coord<f64>, k: f64| Coord {
                    x: p.x + rounding * (k * 1.7).sin(),
                    y: p.y - rounding * (k * 2.3).cos(),
                };
                let first = off(at(0.0, 0.0), 0.0);
                let ring = [
                    first,
                    off(at(2.0, 0.0), 1.0),
                    off(at(2.0, 2.5), 2.0),
                    off(at(0.0, 2.5), 3.0),
                    first,
                ];
                let (_, slack) = Rectangle::of(&ring).expect("a rectangle");
                assert!(slack <= 3.0 * rounding + 1e-9, "{slack}");
                let near = within_reach(&ring, r).test;
                let mut count = 0;
                for i in -40..=40 {
                    for j in -40..=40 {
                        let p = at(1.0 + i as f64 * 0.061, 1.25 + j as f64 * 0.057);
                        let ring_says = inside_ring(p, &ring)
                            || ring.windows(2).any(|w| seg_dist2(p, w[0], w[1]) < r * r);
                        assert_eq!(near(p), ring_says, "{deg}° {rounding} at {p:?}");
                        count += usize::from(ring_says);
                    }
                }
                // Both answers occur: the grid reaches well beyond the grown stall.
                assert!(count > 1000 && count < 81 * 81, "{count}");
            }
        }
        let skewed = [
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 2.0, y: 0.0 },
            Coord { x: 2.5, y: 2.5 },
            Coord { x: 0.0, y: 2.5 },
            Coord { x: 0.0, y: 0.0 },
        ];
        assert!(Rectangle::of(&skewed).is_none());
    }
}
