//! Stall layout: usable area (local metres) + parameters → stall rectangles, aisles and bounds.
//!
//! Pure and deterministic: no randomness, no hash-map iteration; the same input gives the same
//! stalls in the same order with the same codes.
//!
//! Guarantees (checked by property tests): every stall lies inside the usable area shrunk by the
//! edge clearance and clear of exclusion zones by the same clearance; stalls do not overlap; the
//! full-width strip in front of every stall (`PlacedStall::aisle`, stall frontage × aisle width)
//! lies inside the usable area and touches no stall. Exclusion zones are kept free of stalls but
//! are open ground, so an aisle strip may run across them.
//!
//! Walkable: a walker a metre wide reaches every stall's aisle from outside the site (`walk`).
//! Stalls that wall off ground holding more stalls than the wall get a passage cleared through
//! them (`passage`); what still no one reaches is dropped.
//!
//! Fire lanes drawn as zones arrive as exclusions. `fire_lane_width_m` additionally cuts cross
//! aisles of that width across the rows of a plaza every [`CROSS_AISLE_SPACING_M`] along the row
//! direction (none on sites shorter than that), evenly spaced, so long rows are broken up and
//! every stall is within about 25 m of a cross lane.

mod bucket;
mod compose;
mod curve;
mod cuts;
mod edge;
mod frame;
mod intervals;
mod locked;
mod params;
mod passage;
mod plaza;
mod reach;
mod relayout;
mod rows;
mod search;
mod sides;
mod street;
mod walk;

/// The scenario the integration tests share (lay out, lock some stalls, re-flow, write).
#[cfg(test)]
#[path = "../../tests/support/relock.rs"]
mod relock;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_corpus;
#[cfg(test)]
mod tests_mixed;
#[cfg(test)]
mod tests_relayout;
#[cfg(test)]
mod tests_sweep;

pub use params::{
    LayoutError, LayoutMode, LayoutParams, MAX_SIZE_M, MAX_STALLS, MIN_SIZE_M, ParamProblem,
};

pub use locked::LockedStall;
pub use relayout::{Relayout, relayout};
pub use walk::{WALKER_M, unreachable as unreachable_stalls};

use frame::Scratch;
use geo::orient::{Direction, Orient};
use geo::{Area, BooleanOps, CoordsIter, MultiPolygon, Polygon};
use plaza::{Dims, Measure::Stalls};
use search::{diagonal, fine_step};

/// Spacing of plaza cross aisles when `fire_lane_width_m` is set, metres.
pub const CROSS_AISLE_SPACING_M: f64 = 50.0;

/// One stall of a layout, in local metres.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedStall {
    /// 0-based row index (rows are numbered in layout order: plaza rows by offset, then rows
    /// along the boundary).
    pub row: usize,
    /// 1-based position within the row.
    pub position: usize,
    /// Four corners, counter-clockwise, closed; v0→v1 is the back, v2→v3 the front.
    pub polygon: Polygon<f64>,
    /// The walkable strip in front of the stall (frontage × aisle width).
    pub aisle: Polygon<f64>,
    /// Direction the front faces, degrees counter-clockwise from east, in [0, 360).
    pub facing_deg: f64,
    /// Row letters and 3-digit position, e.g. `A-012`; sites prefix their own code.
    pub label: String,
}

/// A computed layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub stalls: Vec<PlacedStall>,
    /// Aisle and cross-aisle rectangles for drawing (they may overlap one another).
    pub aisles: Vec<Polygon<f64>>,
    /// Direction of the main rows, degrees counter-clockwise from east, in [0, 180).
    pub orientation_deg: f64,
    pub mode_used: LayoutMode,
    /// Row directions used: 1 for parallel rows, more for zones and filled pockets.
    pub zones_used: usize,
    /// Usable area minus exclusion zones, m².
    pub usable_area_m2: f64,
    /// ⌊A / (w·d)⌋: no layout can beat it.
    pub area_bound: usize,
    /// ⌊A / (w·(d + a/2))⌋: stalls if every stall took half an aisle and nothing were wasted.
    pub pattern_bound: usize,
}

/// Row letters: A..Z, AA..AZ, BA.. (bijective base 26).
pub fn row_letters(mut row: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (row % 26) as u8);
        if row < 26 {
            break;
        }
        row = row / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// `A-012` style label.
pub fn stall_label(row: usize, position: usize) -> String {
    format!("{}-{:03}", row_letters(row), position)
}

fn finite_polygon(p: &Polygon<f64>) -> bool {
    p.coords_iter().all(|c| c.x.is_finite() && c.y.is_finite())
}

/// Finite, non-degenerate, consistently oriented copies of the inputs.
fn prepare(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
) -> (MultiPolygon<f64>, Vec<Polygon<f64>>) {
    let keep = |p: &&Polygon<f64>| finite_polygon(p) && p.unsigned_area() > 0.0;
    (
        MultiPolygon(
            usable
                .0
                .iter()
                .filter(keep)
                .map(|p| p.orient(Direction::Default))
                .collect(),
        ),
        exclusions
            .iter()
            .filter(keep)
            .map(|p| p.orient(Direction::Default))
            .collect(),
    )
}

/// What layouts of parallel rows in one direction can hold, to judge a layout against.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectionBounds {
    /// The most stalls any one direction of the sweep holds, as the row search places them.
    pub best: usize,
    /// The direction of `best`, degrees counter-clockwise from east, in [0, 180).
    pub best_deg: f64,
    /// The most stalls any direction could hold if no row wasted a fraction of a stall at its
    /// ends: no layout of parallel rows, however its stalls are slid along the rows, beats it.
    pub continuous: f64,
}

/// Sweeps row directions every `step_deg` and runs the row search alone (no boundary rows, no
/// cross aisles) on each, scoring whole stalls and, for the bound, fractions of stalls too.
/// An analysis for benchmarks: hundreds of searches, far slower than [`generate`].
pub fn direction_bounds(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    params: &LayoutParams,
    step_deg: f64,
) -> Result<DirectionBounds, LayoutError> {
    params.validate()?;
    let (region, exclusions) = prepare(usable, exclusions);
    let dims = Dims::from(params);
    let delta = fine_step(diagonal(&region), &dims);
    let mut scratch = Scratch::default();
    let mut out = DirectionBounds {
        best: 0,
        best_deg: 0.0,
        continuous: 0.0,
    };
    let step = step_deg.max(0.01);
    for k in 0..(180.0 / step).ceil() as usize {
        let deg = k as f64 * step;
        let angle = deg.to_radians();
        let job = plaza::Job {
            region: &region,
            exclusions: &exclusions,
            placed: &[],
            limit: None,
            dims,
            fire: None,
            prefer: &[],
        };
        let [whole, milli] = [Stalls, plaza::Measure::MilliStalls]
            .map(|measure| plaza::evaluate(&job, angle, (delta, 0.0), measure, &mut scratch).0);
        if whole > out.best {
            out.best = whole;
            out.best_deg = deg;
        }
        out.continuous = out.continuous.max(milli as f64 / 1000.0);
    }
    Ok(out)
}

/// Lays out stalls on `usable` (local metres; the site minus holes), keeping clear of
/// `exclusions` (keep-clear zones and fire lanes, local metres).
pub fn generate(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    params: &LayoutParams,
) -> Result<Layout, LayoutError> {
    generate_around(usable, exclusions, &[], params)
}

/// Like [`generate`], around stalls that stay where they are (`locked`): they and the aisle
/// strip in front of each are kept free, and they count towards the walkability check. The
/// returned stalls are the new ones only.
pub fn generate_around(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    locked: &[LockedStall],
    params: &LayoutParams,
) -> Result<Layout, LayoutError> {
    lay_out(usable, exclusions, locked, params, None)
}

/// Like [`generate_around`], but only fills the ground the stalls that stay leave, in the way
/// of the layout they come from: leftover pockets and rows along the boundary after rows over
/// the area, rows along the boundary alone after street sides (a re-layout keeping its
/// standing stalls).
pub(crate) fn fill_around(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    stay: &[LockedStall],
    params: &LayoutParams,
    their_mode: LayoutMode,
) -> Result<Layout, LayoutError> {
    lay_out(usable, exclusions, stay, params, Some(their_mode))
}

/// The ground of a layout: the region and exclusions tidied, and its measures.
struct Measured {
    region: MultiPolygon<f64>,
    exclusions: Vec<Polygon<f64>>,
    usable_area_m2: f64,
    area_bound: usize,
    pattern_bound: usize,
}

/// Checks the parameters and measures the ground; refuses ground with no usable area or room
/// for more stalls than one layout may hold.
fn measure(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    params: &LayoutParams,
) -> Result<Measured, LayoutError> {
    params.validate()?;
    let (region, exclusions) = prepare(usable, exclusions);
    let gross = region.unsigned_area();
    let excluded = if exclusions.is_empty() || region.0.is_empty() {
        0.0
    } else {
        let all = geo::unary_union(exclusions.iter());
        region.intersection(&all).unsigned_area()
    };
    let usable_area_m2 = (gross - excluded).max(0.0);
    if region.0.is_empty() || usable_area_m2 <= 0.0 {
        return Err(LayoutError::EmptyArea);
    }
    let (w, d, a) = (
        params.stall_width_m,
        params.stall_depth_m,
        params.aisle_width_m,
    );
    let area_bound = (usable_area_m2 / (w * d)).floor() as usize;
    let pattern_bound = (usable_area_m2 / (w * (d + a / 2.0))).floor() as usize;
    if area_bound > MAX_STALLS {
        return Err(LayoutError::TooManyStalls {
            bound: area_bound,
            max: MAX_STALLS,
        });
    }
    Ok(Measured {
        region,
        exclusions,
        usable_area_m2,
        area_bound,
        pattern_bound,
    })
}

/// A layout of no stalls on this ground, with its measures: what a re-layout that keeps its
/// standing stalls and fills nothing in adds them to.
pub(crate) fn no_stalls(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    params: &LayoutParams,
    mode: LayoutMode,
) -> Result<Layout, LayoutError> {
    let m = measure(usable, exclusions, params)?;
    Ok(Layout {
        stalls: Vec::new(),
        aisles: Vec::new(),
        orientation_deg: params.orientation_deg.unwrap_or(0.0).rem_euclid(180.0),
        mode_used: mode,
        zones_used: 0,
        usable_area_m2: m.usable_area_m2,
        area_bound: m.area_bound,
        pattern_bound: m.pattern_bound,
    })
}

fn lay_out(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    locked: &[LockedStall],
    params: &LayoutParams,
    fill_only: Option<LayoutMode>,
) -> Result<Layout, LayoutError> {
    let Measured {
        region,
        exclusions,
        usable_area_m2,
        area_bound,
        pattern_bound,
    } = measure(usable, exclusions, params)?;
    let dims = Dims::from(params);
    let fixed = locked::kept(locked, dims.a);
    // API.md: in auto mode a street gets street sides and any other site rows over its area,
    // unless the other arrangement places more stalls (a tie keeps the kind's own). A manager
    // who wants the kerbside rows and the walking lane on a wide street asks for `street`.
    let chosen = match params.mode {
        _ if fill_only == Some(LayoutMode::Street) => {
            sides::street_sides(&region, &exclusions, &fixed, &dims, None)
        }
        _ if fill_only.is_some() => compose::fill(&region, &exclusions, &fixed, &dims),
        LayoutMode::Street => sides::street_sides(&region, &exclusions, &fixed, &dims, None),
        LayoutMode::Plaza => compose::plaza(&region, &exclusions, &fixed, params, &dims),
        LayoutMode::Auto => {
            let plaza = compose::plaza(&region, &exclusions, &fixed, params, &dims);
            // Walkability only drops stalls, so street sides that hold no more before the
            // check than they need to win cannot win; they are not checked.
            let need = plaza.count() + usize::from(!params.street_site);
            let street = sides::street_sides(&region, &exclusions, &fixed, &dims, Some(need));
            let street_wins = if params.street_site {
                street.count() >= plaza.count()
            } else {
                street.count() > plaza.count()
            };
            if street_wins { street } else { plaza }
        }
    };
    let zones_used = chosen.zones;
    let mut stalls = Vec::with_capacity(chosen.count());
    for (row, placed) in chosen.rows.into_iter().enumerate() {
        for (k, p) in placed.into_iter().enumerate() {
            stalls.push(PlacedStall {
                row,
                position: k + 1,
                label: stall_label(row, k + 1),
                polygon: p.stall,
                aisle: p.aisle,
                facing_deg: p.facing_deg,
            });
        }
    }
    Ok(Layout {
        stalls,
        aisles: chosen.aisles,
        orientation_deg: chosen.angle.to_degrees().rem_euclid(180.0),
        mode_used: chosen.mode,
        zones_used,
        usable_area_m2,
        area_bound,
        pattern_bound,
    })
}
#[cfg(test)]
mod tests_grid;
