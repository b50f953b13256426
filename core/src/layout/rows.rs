//! Turning a row band of a rotated frame into stall and aisle rectangles in local metres.

use super::frame::{Frame, Intervals, pack_on};
use super::plaza::Dims;
use geo::{Coord, LineString, Polygon};

/// One row of stalls in a frame: stalls occupy [y, y + d]; the aisle is above when
/// `facing_up`, else below. `intervals` are where stalls (with their aisle) fit.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub y: f64,
    pub facing_up: bool,
    pub intervals: Intervals,
}

/// A stall in local metres with the strip in front of it that must stay walkable.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub stall: Polygon<f64>,
    pub aisle: Polygon<f64>,
    pub facing_deg: f64,
}

fn ring(frame: &Frame, pts: [(f64, f64); 4]) -> Polygon<f64> {
    let mut v: Vec<Coord<f64>> = pts
        .iter()
        .map(|&(x, y)| frame.back(Coord { x, y }))
        .collect();
    v.push(v[0]);
    Polygon::new(LineString(v), vec![])
}

/// Stall rectangle, counter-clockwise, starting with the back edge (v0→v1); v2→v3 is the front.
fn stall_polygon(frame: &Frame, x: f64, y: f64, dims: &Dims, facing_up: bool) -> Polygon<f64> {
    let (x0, x1, y0, y1) = (x, x + dims.w, y, y + dims.d);
    if facing_up {
        ring(frame, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    } else {
        ring(frame, [(x1, y1), (x0, y1), (x0, y0), (x1, y0)])
    }
}

fn band_rect(frame: &Frame, x0: f64, x1: f64, y0: f64, y1: f64) -> Polygon<f64> {
    ring(frame, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
}

impl Row {
    fn aisle_band(&self, dims: &Dims) -> (f64, f64) {
        if self.facing_up {
            (self.y + dims.d, self.y + dims.d + dims.a)
        } else {
            (self.y - dims.a, self.y)
        }
    }

    /// The row's stalls (ordered along the frame's x) and one aisle rectangle per run.
    /// `anchors`: where the locked stalls of this row start (frame x, sorted); new stalls next
    /// to one snap to its lattice when that fits as many, so they sit flush with it.
    pub(crate) fn place(
        &self,
        frame: &Frame,
        angle: f64,
        dims: &Dims,
        anchors: &[f64],
    ) -> (Vec<Placed>, Vec<Polygon<f64>>) {
        let (a0, a1) = self.aisle_band(dims);
        let facing = if self.facing_up {
            angle + std::f64::consts::FRAC_PI_2
        } else {
            angle - std::f64::consts::FRAC_PI_2
        };
        let facing_deg = facing.to_degrees().rem_euclid(360.0);
        let mut stalls = Vec::new();
        let mut aisles = Vec::new();
        pack_on(&self.intervals, dims.w, anchors, |start, n| {
            for k in 0..n {
                let x = start + k as f64 * dims.w;
                stalls.push(Placed {
                    stall: stall_polygon(frame, x, self.y, dims, self.facing_up),
                    aisle: band_rect(frame, x, x + dims.w, a0, a1),
                    facing_deg,
                });
            }
            aisles.push(band_rect(frame, start, start + n as f64 * dims.w, a0, a1));
        });
        (stalls, aisles)
    }
}

impl Row {
    /// The row as obstacles for later passes: one rectangle per run of stalls and the aisle
    /// strip in front of it (the same ground as the stalls, far fewer shapes).
    /// `anchors` as for [`Row::place`], so the runs are where its stalls are.
    pub(crate) fn runs(
        &self,
        frame: &Frame,
        angle: f64,
        dims: &Dims,
        anchors: &[f64],
    ) -> Vec<Placed> {
        let (a0, a1) = self.aisle_band(dims);
        let facing_deg = angle.to_degrees();
        let mut out = Vec::new();
        pack_on(&self.intervals, dims.w, anchors, |start, n| {
            let end = start + n as f64 * dims.w;
            out.push(Placed {
                stall: band_rect(frame, start, end, self.y, self.y + dims.d),
                aisle: band_rect(frame, start, end, a0, a1),
                facing_deg,
            });
        });
        out
    }
}
