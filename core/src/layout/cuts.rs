//! Where the area is cut into two zones: lines through telling vertices (reflex corners of
//! the outline, the extremes of holes, then the other corners), across or along the main rows.

use super::compose::rect_back;
use super::frame::Frame;
use super::plaza::Dims;
use geo::{Coord, MultiPolygon, Polygon};

/// Cut lines in the frame of the main rows, with the frame's extent of the vertices.
pub(super) struct Cuts {
    /// `(across, v)`: a line x = v across the rows, or y = v along them.
    pub lines: Vec<(bool, f64)>,
    lo: Coord<f64>,
    hi: Coord<f64>,
}

impl Cuts {
    /// At most `max` lines, most telling vertex first, each well inside the area (a stall or a
    /// row pair from its extremes) and that far from a line of the same kind.
    pub(super) fn new(
        region: &MultiPolygon<f64>,
        frame: &Frame,
        dims: &Dims,
        max: usize,
    ) -> Option<Cuts> {
        let mut ranked: Vec<(u8, Coord<f64>)> = Vec::new();
        for p in &region.0 {
            let ring: Vec<Coord<f64>> = p.exterior().0.iter().map(|&c| frame.fwd(c)).collect();
            let n = ring.len().saturating_sub(1);
            for i in 0..n {
                let (a, b, c) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
                let turn = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
                ranked.push((if turn < 0.0 { 0 } else { 2 }, b));
            }
            for h in p.interiors() {
                let pts: Vec<Coord<f64>> = h.0.iter().map(|&c| frame.fwd(c)).collect();
                let pick = |f: &dyn Fn(&Coord<f64>) -> f64| {
                    pts.iter().copied().min_by(|x, y| f(x).total_cmp(&f(y)))
                };
                for e in [
                    pick(&|c| c.x),
                    pick(&|c| -c.x),
                    pick(&|c| c.y),
                    pick(&|c| -c.y),
                ]
                .into_iter()
                .flatten()
                {
                    ranked.push((1, e));
                }
            }
        }
        let first = ranked.first()?.1;
        ranked.sort_by_key(|x| x.0);
        let (mut lo, mut hi) = (first, first);
        for (_, p) in &ranked {
            lo.x = lo.x.min(p.x);
            lo.y = lo.y.min(p.y);
            hi.x = hi.x.max(p.x);
            hi.y = hi.y.max(p.y);
        }
        let span = dims.w.max(2.0 * dims.d + dims.a);
        let mut lines: Vec<(bool, f64)> = Vec::new();
        for (_, p) in &ranked {
            for (across, v, a, b) in [(true, p.x, lo.x, hi.x), (false, p.y, lo.y, hi.y)] {
                if v - a > span
                    && b - v > span
                    && !lines
                        .iter()
                        .any(|c| c.0 == across && (c.1 - v).abs() < span)
                {
                    lines.push((across, v));
                }
            }
        }
        lines.truncate(max);
        Some(Cuts { lines, lo, hi })
    }

    /// The two half-planes of a line (as rectangles far larger than the area).
    pub(super) fn halves(
        &self,
        frame: &Frame,
        across: bool,
        v: f64,
    ) -> (Polygon<f64>, Polygon<f64>) {
        let big = 1.0e6;
        let (lo, hi) = (self.lo, self.hi);
        let far_lo = Coord {
            x: lo.x - big,
            y: lo.y - big,
        };
        let far_hi = Coord {
            x: hi.x + big,
            y: hi.y + big,
        };
        if across {
            (
                rect_back(frame, far_lo, Coord { x: v, y: far_hi.y }),
                rect_back(frame, Coord { x: v, y: far_lo.y }, far_hi),
            )
        } else {
            (
                rect_back(frame, far_lo, Coord { x: far_hi.x, y: v }),
                rect_back(frame, Coord { x: far_lo.x, y: v }, far_hi),
            )
        }
    }
}
