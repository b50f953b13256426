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
//! Fire lanes drawn as zones arrive as exclusions. `fire_lane_width_m` additionally cuts cross
//! aisles of that width across the rows of a plaza every [`CROSS_AISLE_SPACING_M`] along the row
//! direction (none on sites shorter than that), evenly spaced, so long rows are broken up and
//! every stall is within about 25 m of a cross lane.

mod frame;
mod params;
mod plaza;
mod rows;
mod street;

#[cfg(test)]
mod tests;

pub use params::{
    LayoutError, LayoutMode, LayoutParams, MAX_SIZE_M, MAX_STALLS, MIN_SIZE_M, ParamProblem,
};

use frame::{Frame, Scratch, Shape};
use geo::orient::{Direction, Orient};
use geo::{
    Area, BooleanOps, BoundingRect, Coord, CoordsIter, LineString, MinimumRotatedRect,
    MultiPolygon, Polygon,
};
use plaza::{Dims, Measure::Stalls};
use rows::Placed;

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

struct Candidate {
    rows: Vec<Vec<Placed>>,
    aisles: Vec<Polygon<f64>>,
    angle: f64,
    mode: LayoutMode,
}

impl Candidate {
    fn count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }
}

fn finite_polygon(p: &Polygon<f64>) -> bool {
    p.coords_iter().all(|c| c.x.is_finite() && c.y.is_finite())
}

fn longest_edge_angles(region: &MultiPolygon<f64>, n: usize) -> Vec<f64> {
    let mut edges: Vec<(f64, usize, f64)> = Vec::new();
    for p in &region.0 {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            for w in r.0.windows(2) {
                let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
                edges.push((dx.hypot(dy), edges.len(), dy.atan2(dx)));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    edges.into_iter().take(n).map(|e| e.2).collect()
}

fn mrr_angle(region: &MultiPolygon<f64>) -> Option<f64> {
    let rect = region.minimum_rotated_rect()?;
    let pts = &rect.exterior().0;
    let (a, b, c) = (pts.first()?, pts.get(1)?, pts.get(2)?);
    // The longer side of the rectangle: rows along it waste the least at the ends.
    let (l1, l2) = ((b.x - a.x).hypot(b.y - a.y), (c.x - b.x).hypot(c.y - b.y));
    Some(if l1 >= l2 {
        (b.y - a.y).atan2(b.x - a.x)
    } else {
        (c.y - b.y).atan2(c.x - b.x)
    })
}

/// Rows of one frame turned into stalls (rows with no stall dropped) and aisle strips.
fn place_rows(
    rows: &[rows::Row],
    angle: f64,
    dims: &Dims,
) -> (Vec<Vec<Placed>>, Vec<Polygon<f64>>) {
    let frame = Frame::new(angle);
    let mut out_rows = Vec::new();
    let mut aisles = Vec::new();
    for r in rows {
        let (placed, strips) = r.place(&frame, angle, dims);
        if !placed.is_empty() {
            out_rows.push(placed);
            aisles.extend(strips);
        }
    }
    (out_rows, aisles)
}

fn diagonal(region: &MultiPolygon<f64>) -> f64 {
    region
        .bounding_rect()
        .map(|r| r.width().hypot(r.height()))
        .unwrap_or(0.0)
}

/// The row-offset grid that settles a layout: fine enough that a finer one finds no more.
fn fine_step(diagonal: f64) -> f64 {
    (diagonal / 1500.0).clamp(0.05, 0.25)
}

/// Best orientation for double-loaded rows given already `placed` stalls: a coarse pass ranks
/// all candidates, a fine pass settles the best few plus the geometric ones (minimum rectangle,
/// longest edges), which a coarse grid can misjudge by one row.
#[allow(clippy::too_many_arguments)]
fn best_plaza_rows(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    placed: &[Placed],
    angles: &[f64],
    geometric: usize,
    dims: &Dims,
    fire: Option<(f64, f64)>,
    scratch: &mut Scratch,
) -> Option<(usize, f64, Vec<rows::Row>, Vec<Shape>)> {
    let diag = diagonal(region);
    let coarse = (diag / 150.0).clamp(0.1, 1.0);
    let fine = fine_step(diag);
    let mut ranked: Vec<(usize, usize)> = angles
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            (
                plaza::evaluate(
                    region, exclusions, placed, a, dims, fire, coarse, Stalls, scratch,
                )
                .0,
                i,
            )
        })
        .collect();
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut finalists: Vec<usize> = ranked.iter().take(4).map(|r| r.1).collect();
    for i in 0..geometric.min(angles.len()) {
        if !finalists.contains(&i) {
            finalists.push(i);
        }
    }
    finalists.sort_unstable();
    let mut best: Option<(usize, f64, Vec<rows::Row>, Vec<Shape>)> = None;
    for i in finalists {
        let (n, rows, crosses) = plaza::evaluate(
            region, exclusions, placed, angles[i], dims, fire, fine, Stalls, scratch,
        );
        if best.as_ref().is_none_or(|b| n > b.0) {
            best = Some((n, angles[i], rows, crosses));
        }
    }
    best
}

fn plaza_candidate(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    params: &LayoutParams,
    dims: &Dims,
) -> Candidate {
    let mut scratch = Scratch::default();
    let fire = params.fire_lane_width_m.map(|w| (w, CROSS_AISLE_SPACING_M));
    let (angles, geometric) = match params.orientation_deg {
        Some(deg) => (vec![deg.to_radians().rem_euclid(std::f64::consts::PI)], 1),
        None => {
            let edges = longest_edge_angles(region, 6);
            let mrr = mrr_angle(region);
            let geometric = 2 * (edges.len().min(2) + usize::from(mrr.is_some()));
            (plaza::candidate_angles(mrr, &edges, 5.0), geometric)
        }
    };
    // Variant A: rows over the whole site, then single rows along leftover boundary.
    let Some((_, angle, rows, crosses)) = best_plaza_rows(
        region,
        exclusions,
        &[],
        &angles,
        geometric,
        dims,
        fire,
        &mut scratch,
    ) else {
        return Candidate {
            rows: Vec::new(),
            aisles: Vec::new(),
            angle: 0.0,
            mode: LayoutMode::Plaza,
        };
    };
    let frame = Frame::new(angle);
    let (mut out_rows, mut aisles) = place_rows(&rows, angle, dims);
    // Cross aisles become exclusions for the boundary fill and drawn aisles (clipped to site).
    let mut excl = exclusions.to_vec();
    for c in &crosses {
        let p = Polygon::new(
            LineString(
                [
                    (c.min.x, c.min.y),
                    (c.max.x, c.min.y),
                    (c.max.x, c.max.y),
                    (c.min.x, c.max.y),
                    (c.min.x, c.min.y),
                ]
                .iter()
                .map(|&(x, y)| frame.back(Coord { x, y }))
                .collect(),
            ),
            vec![],
        );
        aisles.extend(region.intersection(&p).0);
        excl.push(p);
    }
    let placed: Vec<Placed> = out_rows.iter().flatten().cloned().collect();
    let (extra, strips) = street::fill_edges(region, &excl, &placed, dims);
    out_rows.extend(extra);
    aisles.extend(strips);
    Candidate {
        rows: out_rows,
        aisles,
        angle,
        mode: LayoutMode::Plaza,
    }
}

fn street_candidate(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    dims: &Dims,
) -> Candidate {
    let (rows, aisles) = street::fill_edges(region, exclusions, &[], dims);
    let angle = longest_edge_angles(region, 1)
        .first()
        .copied()
        .unwrap_or(0.0);
    Candidate {
        rows,
        aisles,
        angle,
        mode: LayoutMode::Street,
    }
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
    let delta = fine_step(diagonal(&region));
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
        let [whole, milli] = [Stalls, plaza::Measure::MilliStalls].map(|measure| {
            plaza::evaluate(
                &region,
                &exclusions,
                &[],
                angle,
                &dims,
                None,
                delta,
                measure,
                &mut scratch,
            )
            .0
        });
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
    let dims = Dims::from(params);
    // A street needs a through lane more than a few extra stalls: rows across a narrow site
    // would cut it into dead-end aisles. "Narrow" means the mean width 2A/P cannot hold two
    // double-loaded row pairs.
    let perimeter: f64 = region
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|r| r.lines())
        .map(|l| (l.end.x - l.start.x).hypot(l.end.y - l.start.y))
        .sum();
    let mean_width = if perimeter > 0.0 {
        2.0 * gross / perimeter
    } else {
        0.0
    };
    let street_like = mean_width < 2.0 * (2.0 * d + a) + 2.0 * dims.c;
    let use_plaza = match params.mode {
        LayoutMode::Plaza => true,
        LayoutMode::Street => false,
        LayoutMode::Auto => !street_like,
    };
    let plaza = use_plaza.then(|| plaza_candidate(&region, &exclusions, params, &dims));
    let street =
        (params.mode != LayoutMode::Plaza).then(|| street_candidate(&region, &exclusions, &dims));
    let chosen = match (plaza, street) {
        (Some(p), Some(s)) => {
            if s.count() > p.count() {
                s
            } else {
                p
            }
        }
        (Some(p), None) => p,
        (None, Some(s)) => s,
        (None, None) => return Err(LayoutError::EmptyArea),
    };
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
        usable_area_m2,
        area_bound,
        pattern_bound,
    })
}
