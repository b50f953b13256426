//! Composing a layout from row searches: rows over the whole area at the best direction, or
//! zones with their own directions, each with rows along the boundary; then, for the variant
//! holding the most, a last pass filling leftover pockets at their own angle, and walkability
//! (stalls whose aisle no one can reach are dropped). Another variant gets those two passes
//! only while it holds more before them than the best does after them; a pass is kept only
//! if it adds stalls.

use super::cuts;
use super::frame::{Frame, Scratch};
use super::plaza::{Dims, Job};
use super::rows::Placed;
use super::search::{Found, MAIN, POCKET, Pin, QUICK, search};
use super::{LayoutMode, LayoutParams, locked, street, walk};
use geo::{
    Area, BooleanOps, BoundingRect, Coord, Intersects, LineString, MultiPolygon, Polygon, Rect,
};

/// Zone cuts tried per layout (each costs two quick searches and a walkability check).
const MAX_CUTS: usize = 1;
/// Pocket passes of a layout searched afresh, each only while the one before added stalls:
/// with a second, around what the first placed, the layout bench's 89 sites held 84 stalls
/// more (32 sites gained, none lost; p95 56 → 64 ms). A finer sweep (every 10°) in both
/// added 45 more but doubled a re-flow's time, and a re-flow must sweep as the fresh layout
/// did or a pocket's unlocked stalls move.
const POCKET_PASSES: usize = 2;

/// A layout before labels: rows of stalls, drawn aisles, the main direction.
#[derive(Clone)]
pub(crate) struct Candidate {
    pub rows: Vec<Vec<Placed>>,
    pub aisles: Vec<Polygon<f64>>,
    pub angle: f64,
    pub mode: LayoutMode,
    /// Directions the rows use (1 for parallel rows).
    pub zones: usize,
    /// What later passes go around: runs of stalls with their aisles, locked stalls first.
    pub obstacles: Vec<Placed>,
    /// What later passes keep clear of: exclusion zones and the main rows' cross aisles.
    pub keep_clear: Vec<Polygon<f64>>,
}

impl Candidate {
    pub(crate) fn count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    fn empty(mode: LayoutMode, ctx: &Ctx) -> Candidate {
        Candidate {
            rows: Vec::new(),
            aisles: Vec::new(),
            angle: 0.0,
            mode,
            zones: 0,
            obstacles: ctx.locked.to_vec(),
            keep_clear: ctx.exclusions.to_vec(),
        }
    }

    pub(crate) fn push_rows(&mut self, rows: Vec<Vec<Placed>>) {
        for r in rows {
            self.obstacles.extend(r.iter().cloned());
            self.rows.push(r);
        }
    }

    /// Adds a search's rows; rows that hold a locked stall line their stalls up with it.
    fn add_found(&mut self, f: &Found, ctx: &Ctx) {
        let (dims, region) = (&ctx.dims, ctx.region);
        let frame = Frame::new(f.angle);
        let lattice =
            (!ctx.exact.is_empty()).then(|| locked::Lattice::new(ctx.exact, &frame, f.angle));
        for r in &f.rows {
            let anchors = lattice.as_ref().map(|l| l.anchors(r.y)).unwrap_or_default();
            let (placed, strips) = r.place(&frame, f.angle, dims, &anchors);
            self.obstacles
                .extend(r.runs(&frame, f.angle, dims, &anchors));
            if !placed.is_empty() {
                self.rows.push(placed);
                self.aisles.extend(strips);
            }
        }
        for c in &f.crosses {
            let p = rect_back(&frame, c.min, c.max);
            self.aisles.extend(region.intersection(&p).0);
        }
    }
}

pub(super) fn rect_back(frame: &Frame, min: Coord<f64>, max: Coord<f64>) -> Polygon<f64> {
    Polygon::new(
        LineString(
            [
                (min.x, min.y),
                (max.x, min.y),
                (max.x, max.y),
                (min.x, max.y),
                (min.x, min.y),
            ]
            .iter()
            .map(|&(x, y)| frame.back(Coord { x, y }))
            .collect(),
        ),
        vec![],
    )
}

/// Cross aisles of a found layout, as exclusions for later passes.
fn cross_polygons(f: &Found) -> Vec<Polygon<f64>> {
    let frame = Frame::new(f.angle);
    f.crosses
        .iter()
        .map(|c| rect_back(&frame, c.min, c.max))
        .collect()
}

/// Unreached stalls worth a passage: clearing one takes a stall or two.
const PASSAGE_FROM: usize = 3;

/// Drops stalls whose aisle no walker reaches; empty rows go too. Where stalls wall off ground
/// that holds more stalls than the wall, a passage is cleared through the wall first (rows
/// across a courtyard between buildings would otherwise shut its far side off).
/// Locked stalls block walkers too but are never dropped.
pub(crate) fn make_walkable(
    c: &mut Candidate,
    region: &MultiPolygon<f64>,
    locked: &[Placed],
    dims: &Dims,
) {
    // Only the candidate's stalls can be dropped or cleared: with none there is nothing to
    // walk for (a re-layout that keeps every stall fills nothing).
    if c.rows.iter().all(Vec::is_empty) {
        return;
    }
    let fixed = locked.len();
    let (passage, unreached) = {
        let flat = pairs(c, locked);
        let seen = walk::walk(region, &flat, dims.a, PASSAGE_FROM, fixed);
        if seen.passage.is_empty() {
            (Vec::new(), seen.unreached)
        } else {
            // Checked again in full: the passages were judged on the raster alone.
            let trial: Vec<(&Polygon<f64>, &Polygon<f64>)> = flat
                .iter()
                .enumerate()
                .filter(|(k, _)| seen.passage.binary_search(k).is_err())
                .map(|(_, p)| *p)
                .collect();
            let still = walk::unreachable(region, &trial, dims.a);
            // Fewer locked stalls shut in first, then more stalls reached.
            let shut = |u: &[usize]| u.iter().take_while(|&&k| k < fixed).count();
            let before = (
                std::cmp::Reverse(shut(&seen.unreached)),
                flat.len() - seen.unreached.len(),
            );
            let after = (std::cmp::Reverse(shut(&still)), trial.len() - still.len());
            if after > before {
                // Counted in the trial's order: the candidate's once the passage is cleared.
                (seen.passage, still)
            } else {
                (Vec::new(), seen.unreached)
            }
        }
    };
    drop_stalls(c, &passage, fixed);
    drop_stalls(c, &unreached, fixed);
}

/// (stall, aisle strip) of the locked stalls, then of the candidate's rows.
fn pairs<'a>(c: &'a Candidate, locked: &'a [Placed]) -> Vec<(&'a Polygon<f64>, &'a Polygon<f64>)> {
    locked
        .iter()
        .chain(c.rows.iter().flatten())
        .map(|p| (&p.stall, &p.aisle))
        .collect()
}

/// Drops the stalls at `indexes` (sorted, counted over the locked stalls and then the rows).
fn drop_stalls(c: &mut Candidate, indexes: &[usize], locked: usize) {
    let bad: Vec<usize> = indexes
        .iter()
        .filter_map(|k| k.checked_sub(locked))
        .collect();
    if bad.is_empty() {
        return;
    }
    let mut k = 0;
    for row in &mut c.rows {
        let mut keep = Vec::with_capacity(row.len());
        for p in row.drain(..) {
            if bad.binary_search(&k).is_err() {
                keep.push(p);
            }
            k += 1;
        }
        *row = keep;
    }
    c.rows.retain(|r| !r.is_empty());
}

struct Ctx<'a> {
    region: &'a MultiPolygon<f64>,
    exclusions: &'a [Polygon<f64>],
    /// Locked stalls pulled in: what new stalls keep off.
    locked: &'a [Placed],
    /// Locked stalls as they are: what new rows line up with.
    exact: &'a [Placed],
    dims: Dims,
    fire: Option<(f64, f64)>,
    /// Row directions of locked stalls off the main rows: a re-flow's pockets try them.
    hints: Vec<f64>,
}

impl<'a> Ctx<'a> {
    /// The context of a layout around `kept` stalls; `others` are the directions of locked
    /// stalls off the main rows (and how many share each), which pockets try.
    fn new(
        region: &'a MultiPolygon<f64>,
        exclusions: &'a [Polygon<f64>],
        kept: &'a locked::Kept,
        dims: &Dims,
        fire: Option<(f64, f64)>,
        others: &[(f64, usize)],
    ) -> Ctx<'a> {
        Ctx {
            region,
            exclusions,
            locked: &kept.obstacles,
            exact: &kept.exact,
            dims: *dims,
            fire,
            hints: others.iter().map(|o| o.0).collect(),
        }
    }

    fn job<'b>(
        &'b self,
        exclusions: &'b [Polygon<f64>],
        placed: &'b [Placed],
        limit: Option<&'b MultiPolygon<f64>>,
        fire: bool,
    ) -> Job<'b> {
        Job {
            region: self.region,
            exclusions,
            placed,
            limit,
            dims: self.dims,
            fire: if fire { self.fire } else { None },
            prefer: &self.hints,
        }
    }

    /// Single rows along the boundary where they fit.
    fn edges(&self, c: &mut Candidate) {
        let (extra, strips) = street::fill_edges(
            self.region,
            &c.keep_clear,
            &c.obstacles,
            self.exact,
            &self.dims,
        );
        c.push_rows(extra);
        c.aisles.extend(strips);
    }

    /// Last passes filling leftover pockets at their own angle: up to `passes` of them, each
    /// around what the one before placed (pockets along edges of two directions get both),
    /// and only while the one before added stalls.
    fn pockets(&self, c: &mut Candidate, passes: usize, scratch: &mut Scratch) {
        for _ in 0..passes {
            let job = self.job(&c.keep_clear, &c.obstacles, None, false);
            let Some(f) = search(&job, None, POCKET, scratch).filter(|f| f.n > 0) else {
                break;
            };
            c.add_found(&f, self);
            c.zones += 1;
        }
    }
}

/// Variant A: rows over the whole area at the best direction (or the pinned one), then rows
/// along the boundary.
fn whole_area(ctx: &Ctx, pin: Option<Pin>, scratch: &mut Scratch) -> Option<Candidate> {
    let job = ctx.job(ctx.exclusions, ctx.locked, None, true);
    let f = search(&job, pin, MAIN, scratch)?;
    let mut c = Candidate::empty(LayoutMode::Plaza, ctx);
    c.angle = f.angle;
    c.zones = 1;
    c.add_found(&f, ctx);
    c.keep_clear.extend(cross_polygons(&f));
    ctx.edges(&mut c);
    Some(c)
}

/// Variant B: zones. The area is cut in two by a line through a vertex (a reflex corner, a
/// slanted edge's end, a hole's tangent), across or along the main rows; the larger zone gets
/// its best direction, the other zone its own, laid out around the first.
fn zoned(ctx: &Ctx, main: f64, scratch: &mut Scratch) -> Vec<Candidate> {
    let frame = Frame::new(main);
    let Some(cuts) = cuts::Cuts::new(ctx.region, &frame, &ctx.dims, MAX_CUTS) else {
        return Vec::new();
    };
    let total = ctx.region.unsigned_area();
    let mut out = Vec::new();
    for &(across, v) in &cuts.lines {
        let (a, b) = cuts.halves(&frame, across, v);
        let za = ctx.region.intersection(&a);
        let zb = ctx.region.intersection(&b);
        let (first, second) = if za.unsigned_area() >= zb.unsigned_area() {
            (za, zb)
        } else {
            (zb, za)
        };
        if second.unsigned_area() < 0.05 * total {
            continue;
        }
        let job = ctx.job(ctx.exclusions, ctx.locked, Some(&first), false);
        let Some(f1) = search(&job, None, QUICK, scratch) else {
            continue;
        };
        let mut c = Candidate::empty(LayoutMode::Plaza, ctx);
        c.angle = f1.angle;
        c.zones = 1;
        c.add_found(&f1, ctx);
        // Only what lies within a stall and an aisle of the second zone can stand in its way.
        let reach = ctx.dims.d + ctx.dims.a + ctx.dims.w;
        let near = second.bounding_rect().map(|r| {
            Rect::new(
                r.min() - Coord { x: reach, y: reach },
                r.max() + Coord { x: reach, y: reach },
            )
        });
        let placed: Vec<Placed> = c
            .obstacles
            .iter()
            .filter(|p| near.is_some_and(|n| p.stall.intersects(&n) || p.aisle.intersects(&n)))
            .cloned()
            .collect();
        let job = ctx.job(ctx.exclusions, &placed, Some(&second), false);
        if let Some(f2) = search(&job, None, QUICK, scratch) {
            c.add_found(&f2, ctx);
            c.zones += 1;
        }
        ctx.edges(&mut c);
        out.push(c);
    }
    out
}

/// Rows over the area (the plaza layout): the best of the whole-area rows and the zoned
/// variants, each made walkable first.
pub(crate) fn plaza(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    kept: &locked::Kept,
    params: &LayoutParams,
    dims: &Dims,
) -> Candidate {
    let mut scratch = Scratch::default();
    // The manager's direction, else the locked stalls' rows: a re-flow lines up with them.
    let pin = match params.orientation_deg {
        Some(d) => Some(Pin {
            angle: d.to_radians().rem_euclid(std::f64::consts::PI),
            through: None,
        }),
        None => locked::row_direction(&kept.exact).map(|(angle, y)| Pin {
            angle,
            through: Some(y),
        }),
    };
    let others = locked::other_directions(&kept.exact, pin.map(|p| p.angle));
    let fire = params
        .fire_lane_width_m
        .map(|w| (w, super::CROSS_AISLE_SPACING_M));
    let ctx = Ctx::new(region, exclusions, kept, dims, fire, &others);
    let Some(whole) = whole_area(&ctx, pin, &mut scratch) else {
        return Candidate::empty(LayoutMode::Plaza, &ctx);
    };
    // A direction the manager set holds for every row: no zones, no pockets at their own
    // angle. Zones also break the cross aisles' spacing. A re-flow's pockets are filled.
    let manager_set = pin.is_some_and(|p| p.through.is_none());
    let mut variants = vec![whole];
    if pin.is_none() && ctx.fire.is_none() {
        let main = variants[0].angle;
        variants.extend(zoned(&ctx, main, &mut scratch));
    }
    // Many locked stalls in another direction come from a layout with zones: rows lined up
    // with the main group alone would take over the other zones' ground, so a re-flow also
    // searches freely (zones cut across the found, the locked and the other zone's rows)
    // around them and keeps whichever holds more.
    let reflow = pin.is_some_and(|p| p.through.is_some());
    // Directions that a tenth of the locked stalls share: a zone of their own.
    let zone_dirs: Vec<f64> = others
        .iter()
        .filter(|o| o.1 >= (kept.exact.len() / 10).max(locked::MIN_GROUP))
        .map(|o| o.0)
        .collect();
    if reflow
        && !zone_dirs.is_empty()
        && ctx.fire.is_none()
        && let Some(free) = whole_area(&ctx, None, &mut scratch)
    {
        let mut mains = vec![free.angle];
        mains.extend(pin.map(|p| p.angle));
        mains.extend(zone_dirs);
        variants.push(free);
        for main in mains {
            variants.extend(zoned(&ctx, main, &mut scratch));
        }
    }
    // Pockets and walkability cost as much as the rows themselves, so they go to the variant
    // with the most stalls first (the whole-area rows on a tie), and to another only while it
    // holds more before them than the best one does after them.
    // (A stable sort: the pinned rows come first on a tie.)
    variants.sort_by_key(|c| std::cmp::Reverse(c.count()));
    let mut best: Option<Candidate> = None;
    for mut c in variants {
        if best.as_ref().is_some_and(|b| c.count() <= b.count()) {
            continue;
        }
        if !manager_set {
            // A re-flow's one pass tries the locked stalls' other directions (the fresh
            // layout's zones and pockets) and answers at once (≤ 50 ms on 5,000 m²); with two
            // it took 36 ms instead of 20 for one stall more.
            let passes = if reflow { 1 } else { POCKET_PASSES };
            ctx.pockets(&mut c, passes, &mut scratch);
        }
        make_walkable(&mut c, region, &kept.exact, dims);
        if best.as_ref().is_none_or(|b| c.count() > b.count()) {
            best = Some(c);
        }
    }
    best.unwrap_or_else(|| Candidate::empty(LayoutMode::Plaza, &ctx))
}

/// Fills the ground left around stalls that stay (locked ones and the standing stalls a
/// re-layout keeps): rows in the leftover pockets at their own angle, rows along the boundary,
/// then walkability. Far cheaper than [`plaza`], which searches the whole area again.
pub(crate) fn fill(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    kept: &locked::Kept,
    dims: &Dims,
) -> Candidate {
    let mut scratch = Scratch::default();
    let others = locked::other_directions(&kept.exact, None);
    let ctx = Ctx::new(region, exclusions, kept, dims, None, &others);
    let mut c = Candidate::empty(LayoutMode::Plaza, &ctx);
    ctx.pockets(&mut c, POCKET_PASSES, &mut scratch);
    ctx.edges(&mut c);
    make_walkable(&mut c, region, &kept.exact, dims);
    c
}
