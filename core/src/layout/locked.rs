//! Stalls that stay where they are through a re-layout (locked or drawn by hand): obstacles
//! for the new rows, with the aisle strip in front of each kept free.

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

pub(crate) fn placed(locked: &[LockedStall], aisle: f64) -> Vec<Placed> {
    locked
        .iter()
        .map(|l| Placed {
            stall: l.polygon.clone(),
            aisle: front_strip(l, aisle),
            facing_deg: l.facing_deg,
        })
        .collect()
}
