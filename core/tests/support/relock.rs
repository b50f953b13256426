//! One scenario shared by the clean-GeoJSON tests, their benchmark, the writing-time example and
//! the layout sweep: a layout written as the API writes it, some of its stalls locked as
//! stored, the rest laid out afresh around them and written against them. (The sweep, inside
//! the crate, reaches this through `extern crate self as nightmarket_core`.)

#![allow(dead_code)] // each user reads part of what a re-flow gives

use geo::Polygon;
use nightmarket_core::geometry::{
    LocalProjection, snap_stalls_to_wgs84, snap_stalls_to_wgs84_around,
};
use nightmarket_core::layout::{Layout, LayoutError, LayoutParams, LockedStall, generate_around};
use std::time::Instant;

/// The issue's stalls: 2 × 2.5 m, 3 m aisles, 0.5 m clearance.
pub fn issue_stalls() -> LayoutParams {
    LayoutParams {
        stall_width_m: 2.0,
        stall_depth_m: 2.5,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        ..LayoutParams::default()
    }
}

/// A layout with some stalls locked and the rest laid out and written again around them.
pub struct Relocked {
    /// Every stall of the first layout as stored (WGS-84), in its order.
    pub first_written: Vec<Polygon<f64>>,
    /// Indices of the stalls locked, into the first layout.
    pub locked_at: Vec<usize>,
    /// The locked stalls as stored, read back into local metres.
    pub locked: Vec<LockedStall>,
    /// The locked stalls as stored (WGS-84).
    pub locked_wgs: Vec<Polygon<f64>>,
    /// The layout around them.
    pub again: Layout,
    /// The new stalls written against the locked ones, then the locked ones: the site's
    /// stalls as stored after the re-flow.
    pub all_written: Vec<Polygon<f64>>,
    /// How long writing the new stalls took, ms.
    pub write_ms: f64,
    /// How long laying them out took, ms.
    pub reflow_ms: f64,
}

/// Writes `layout` (of the site whose local metres `proj` gives), locks every `every`th stall
/// from the `skip`th as stored, lays out `region` afresh around them with `params` and the
/// keep-clear `zones`, and writes the new stalls against the locked ones.
pub fn lock_and_reflow(
    region: &geo::MultiPolygon<f64>,
    zones: &[Polygon<f64>],
    proj: &LocalProjection,
    layout: &Layout,
    params: &LayoutParams,
    every: usize,
    skip: usize,
) -> Result<Relocked, LayoutError> {
    let local: Vec<Polygon<f64>> = layout.stalls.iter().map(|s| s.polygon.clone()).collect();
    let first_written = snap_stalls_to_wgs84(&local, proj);
    let (mut locked_at, mut locked, mut locked_wgs) = (Vec::new(), Vec::new(), Vec::new());
    for i in (skip..layout.stalls.len()).step_by(every.max(1)) {
        locked_at.push(i);
        locked_wgs.push(first_written[i].clone());
        locked.push(LockedStall {
            polygon: proj.polygon_to_local(&first_written[i]),
            facing_deg: layout.stalls[i].facing_deg,
        });
    }
    let started = Instant::now();
    let again = generate_around(region, zones, &locked, params)?;
    let reflow_ms = started.elapsed().as_secs_f64() * 1e3;
    let new: Vec<Polygon<f64>> = again.stalls.iter().map(|s| s.polygon.clone()).collect();
    let started = Instant::now();
    let mut all_written = snap_stalls_to_wgs84_around(&new, &locked_wgs, proj);
    let write_ms = started.elapsed().as_secs_f64() * 1e3;
    all_written.extend(locked_wgs.iter().cloned());
    Ok(Relocked {
        first_written,
        locked_at,
        locked,
        locked_wgs,
        again,
        all_written,
        write_ms,
        reflow_ms,
    })
}
