//! A re-layout that leaves standing stalls where they are: the unlocked stalls of the layout
//! being replaced that still fit (same size, inside with clearance, aisle free and inside) are
//! kept and the rest of the ground is filled around them. Only when that holds fewer stalls
//! than the site had is everything laid out afresh around the locked stalls too, and the one
//! holding more is taken. Vendors then find their stall where it was, and locking a few stalls
//! never costs the site stalls it had.

use super::{
    Layout, LayoutError, LayoutMode, LayoutParams, LockedStall, PlacedStall, fill_around,
    generate_around, walk,
};
use crate::stall_rules::{self, Ground, StallRules};
use geo::{Coord, MultiPolygon, Polygon};

/// How far a standing stall's sides may differ from the layout's stall size and still count
/// as that size, metres (stored corners are rounded to about a centimetre).
const SAME_SIZE_M: f64 = 0.05;

/// A re-layout's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Relayout {
    /// The stalls laid out: first the kept ones (in the order of `kept`), then the new ones.
    pub layout: Layout,
    /// Indices into `standing` of the stalls kept where they stand.
    pub kept: Vec<usize>,
}

/// Lays out `usable` around the `locked` stalls, keeping those of `standing` (the unlocked
/// stalls of the layout being replaced, laid out with these same `params`: a caller whose
/// parameters changed passes none) that still fit and filling the ground around them.
/// When that holds fewer stalls than the site had (the ground shrank, the sizes changed), a
/// fresh layout around the locked stalls is laid out too and the one holding more is taken (the
/// kept stalls on a tie). `their_mode` is how the standing stalls were laid out: around
/// street sides only rows along the boundary are added, so the walking lane stays open. With a
/// manager's `orientation_deg` or fire lanes, nothing is filled around the stalls kept (the
/// fill would lay pockets at their own angle and across the cross aisles).
pub fn relayout(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    locked: &[LockedStall],
    standing: &[LockedStall],
    their_mode: LayoutMode,
    params: &LayoutParams,
) -> Result<Relayout, LayoutError> {
    let locked: &[LockedStall] = &locked.iter().map(LockedStall::tidied).collect::<Vec<_>>();
    let standing: &[LockedStall] = &standing.iter().map(LockedStall::tidied).collect::<Vec<_>>();
    let fresh = || -> Result<Relayout, LayoutError> {
        Ok(Relayout {
            layout: generate_around(usable, exclusions, locked, params)?,
            kept: Vec::new(),
        })
    };
    if standing.is_empty() {
        return fresh();
    }
    let fitting = still_fitting(usable, exclusions, locked, standing, params);
    if fitting.is_empty() {
        return fresh();
    }
    let filled = if params.orientation_deg.is_some() || params.fire_lane_width_m.is_some() {
        // The fill lays leftover pockets at their own angle and knows nothing of the fire
        // lanes' cross aisles: the stalls standing (laid out with these same parameters: the
        // caller passes none otherwise) stay as they stand with nothing filled in.
        super::no_stalls(usable, exclusions, params, their_mode)?
    } else {
        let mut around: Vec<LockedStall> = locked.to_vec();
        around.extend(fitting.iter().map(|&i| standing[i].clone()));
        fill_around(usable, exclusions, &around, params, their_mode)?
    };
    let kept = assemble(usable, locked, standing, &fitting, filled, params);
    // Keeping what stands is what a manager who locked a few stalls expects; a fresh layout
    // is only worth its time when keeping loses stalls.
    if kept.layout.stalls.len() >= standing.len() {
        return Ok(kept);
    }
    let fresh = fresh()?;
    Ok(if kept.layout.stalls.len() >= fresh.layout.stalls.len() {
        kept
    } else {
        fresh
    })
}

/// Indices of the standing stalls that are still a stall of this layout's size, on the ground
/// with its clearance, clear of the locked stalls, the earlier kept ones and their aisles.
fn still_fitting(
    usable: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    locked: &[LockedStall],
    standing: &[LockedStall],
    params: &LayoutParams,
) -> Vec<usize> {
    let ground = Ground {
        site: usable,
        exclusions,
    };
    let rules = StallRules {
        edge_clearance_m: params.edge_clearance_m,
        aisle_width_m: params.aisle_width_m,
    };
    let reach = params.aisle_width_m + params.stall_width_m.max(params.stall_depth_m);
    let mut near = Near::new(2.0 * reach);
    for l in locked {
        if let Ok(c) = stall_rules::stall_corners(&l.polygon) {
            near.add(c);
        }
    }
    let mut out = Vec::new();
    for (i, s) in standing.iter().enumerate() {
        let Ok(c) = stall_rules::stall_corners(&s.polygon) else {
            continue;
        };
        let (front, depth, _) = stall_rules::dimensions(&c);
        if (front - params.stall_width_m).abs() > SAME_SIZE_M
            || (depth - params.stall_depth_m).abs() > SAME_SIZE_M
        {
            continue;
        }
        let others = near.around(&c, reach);
        if aisle_on_ground(&c, usable, params.aisle_width_m)
            && stall_rules::check_stall(&c, ground, rules, &others).is_ok()
        {
            near.add(c);
            out.push(i);
        }
    }
    out
}

/// Whether the strip in front of a stall lies inside the site (exclusion zones are open
/// ground for walkers): the stall rules' ground test with no clearance, on the strip less the
/// stall rules' tolerance at its far side (a stored strip that ends on the site's edge comes
/// back a centimetre past it).
fn aisle_on_ground(stall: &[Coord<f64>; 4], usable: &MultiPolygon<f64>, aisle: f64) -> bool {
    let strip = stall_rules::front_aisle(stall, (aisle - stall_rules::TOLERANCE_M).max(0.0));
    let open = Ground {
        site: usable,
        exclusions: &[],
    };
    let rules = StallRules {
        edge_clearance_m: 0.0,
        aisle_width_m: 0.0,
    };
    stall_rules::check_stall(&strip, open, rules, &[]).is_ok()
}

/// The kept stalls and the stalls filled around them as one layout; any stall (kept or new)
/// whose aisle no walker reaches any more is left out (a changed outline may close a pocket).
fn assemble(
    usable: &MultiPolygon<f64>,
    locked: &[LockedStall],
    standing: &[LockedStall],
    fitting: &[usize],
    filled: Layout,
    params: &LayoutParams,
) -> Relayout {
    let a = params.aisle_width_m;
    let rows = filled.stalls.iter().map(|s| s.row + 1).max().unwrap_or(0);
    let kept_stalls: Vec<PlacedStall> = fitting
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let s = &standing[i];
            PlacedStall {
                row: rows,
                position: k + 1,
                label: super::stall_label(rows, k + 1),
                polygon: s.polygon.clone(),
                aisle: super::locked::front_strip(s, a),
                facing_deg: s.facing_deg,
            }
        })
        .collect();
    let strips: Vec<Polygon<f64>> = locked
        .iter()
        .map(|l| super::locked::front_strip(l, a))
        .collect();
    let base: Vec<(&Polygon<f64>, &Polygon<f64>)> = locked
        .iter()
        .zip(&strips)
        .map(|(l, s)| (&l.polygon, s))
        .chain(kept_stalls.iter().map(|s| (&s.polygon, &s.aisle)))
        .collect();
    // Indices (among kept, then new stalls) of the stalls no walker reaches with `new` added.
    let unreachable = |new: &[&PlacedStall]| -> Vec<usize> {
        let mut all = base.clone();
        all.extend(new.iter().map(|s| (&s.polygon, &s.aisle)));
        walk::unreachable(usable, &all, a)
            .into_iter()
            .filter_map(|k| k.checked_sub(locked.len()))
            .collect()
    };
    let n_kept = kept_stalls.len();
    let boxed_by_ground: Vec<usize> = unreachable(&[]);
    let victims = |bad: &[usize]| {
        bad.iter()
            .any(|&k| k < n_kept && boxed_by_ground.binary_search(&k).is_err())
    };
    let all_new: Vec<&PlacedStall> = filled.stalls.iter().collect();
    // Nothing new stands in anyone's way when nothing was filled in.
    let mut bad = if all_new.is_empty() {
        boxed_by_ground.clone()
    } else {
        unreachable(&all_new)
    };
    // New rows must not close the way to a kept stall: if they do, rows are added one at a
    // time and a row that boxes a kept stall in is left out (rare: a pocket row across the
    // only way to a kept stall).
    let mut taken: Vec<&PlacedStall> = all_new.clone();
    if victims(&bad) {
        taken.clear();
        let rows: std::collections::BTreeSet<usize> = filled.stalls.iter().map(|s| s.row).collect();
        for row in rows {
            let mut trial = taken.clone();
            trial.extend(filled.stalls.iter().filter(|s| s.row == row));
            let b = unreachable(&trial);
            if !victims(&b) {
                taken = trial;
                bad = b;
            }
        }
        if taken.is_empty() {
            bad = boxed_by_ground.clone();
        }
    }
    let mut kept = Vec::with_capacity(fitting.len());
    let mut stalls = Vec::with_capacity(n_kept + taken.len());
    let candidates = kept_stalls.iter().chain(taken.iter().copied());
    for (k, s) in candidates.enumerate() {
        if bad.binary_search(&k).is_err() {
            if k < n_kept {
                kept.push(fitting[k]);
            }
            stalls.push(s.clone());
        }
    }
    let mut aisles: Vec<Polygon<f64>> = stalls[..kept.len()]
        .iter()
        .map(|s| s.aisle.clone())
        .collect();
    aisles.extend(filled.aisles);
    let (orientation_deg, zones_used) = directions(&stalls);
    Relayout {
        layout: Layout {
            stalls,
            aisles,
            orientation_deg,
            zones_used,
            ..filled
        },
        kept,
    }
}

/// The row direction most stalls share (degrees, [0, 180)) and how many directions the rows
/// use, to the whole degree: what a layout reports, read off its stalls.
fn directions(stalls: &[PlacedStall]) -> (f64, usize) {
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for s in stalls {
        let row = (s.facing_deg - 90.0).rem_euclid(180.0);
        *counts.entry((row.round() as i64) % 180).or_default() += 1;
    }
    let main = counts
        .iter()
        .max_by_key(|(deg, n)| (**n, std::cmp::Reverse(**deg)))
        .map_or(0.0, |(deg, _)| *deg as f64);
    (main, counts.len())
}

/// Stalls by the cells of a square grid their bounding boxes touch: the stalls near a stall.
struct Near {
    cell: f64,
    stalls: Vec<[Coord<f64>; 4]>,
    cells: std::collections::BTreeMap<(i64, i64), Vec<usize>>,
}

impl Near {
    fn new(cell: f64) -> Near {
        Near {
            cell,
            stalls: Vec::new(),
            cells: std::collections::BTreeMap::new(),
        }
    }

    fn span(&self, c: &[Coord<f64>; 4], grow: f64) -> (i64, i64, i64, i64) {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in c {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        let k = |v: f64| (v / self.cell).floor() as i64;
        (k(x0 - grow), k(y0 - grow), k(x1 + grow), k(y1 + grow))
    }

    fn add(&mut self, c: [Coord<f64>; 4]) {
        let (x0, y0, x1, y1) = self.span(&c, 0.0);
        let id = self.stalls.len();
        self.stalls.push(c);
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(id);
            }
        }
    }

    /// The stalls whose cells lie within `grow` metres of `c`'s bounding box, each once.
    fn around(&self, c: &[Coord<f64>; 4], grow: f64) -> Vec<[Coord<f64>; 4]> {
        let (x0, y0, x1, y1) = self.span(c, grow);
        let mut ids: Vec<usize> = Vec::new();
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(v) = self.cells.get(&(x, y)) {
                    ids.extend(v);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| self.stalls[i]).collect()
    }
}
