//! Plaza mode: choose, for one orientation, the set of row bands (stall rows facing up or down,
//! each with its own aisle) that holds the most stalls, by dynamic programming over the row
//! offset; then pick the best orientation among the candidates.
//!
//! A fixed period (2d + a) wastes up to a whole period at the far edge; the DP lets each row
//! start anywhere on a fine grid, so leftover strips get a single-loaded row when one fits.

use super::bucket::ShapeSet;
use super::frame::{Frame, Intervals, Scratch, Shape, intersect, merge};
use super::intervals::subtract_from;
use super::intervals::{common, stalls_in};
use super::rows::Row;

/// Sizes in metres, already validated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dims {
    pub w: f64,
    pub d: f64,
    pub a: f64,
    pub c: f64,
}

impl From<&super::LayoutParams> for Dims {
    fn from(p: &super::LayoutParams) -> Self {
        Dims {
            w: p.stall_width_m,
            d: p.stall_depth_m,
            a: p.aisle_width_m,
            c: p.edge_clearance_m,
        }
    }
}

/// Stall intervals of a row band [y, y + d]: inside the region and at least `c` from its
/// boundary, clear of the `obstacles` (exclusion zones) by `c` too (both round clearances,
/// exact), and clear of `others` (stalls, aisles) with no clearance, since stalls may touch.
pub(crate) fn stall_intervals(
    region: &Shape,
    obstacles: &[Shape],
    others: &ShapeSet,
    y: f64,
    dims: &Dims,
    scratch: &mut Scratch,
) -> Intervals {
    let mut free = Intervals::new();
    stall_intervals_into(region, obstacles, others, y, dims, scratch, &mut free);
    free
}

/// [`stall_intervals`] into a buffer the caller keeps.
fn stall_intervals_into(
    region: &Shape,
    obstacles: &[Shape],
    others: &ShapeSet,
    y: f64,
    dims: &Dims,
    scratch: &mut Scratch,
    free: &mut Intervals,
) {
    let (y1, y2) = (y, y + dims.d);
    region.inside_clear_into(y1, y2, dims.c, scratch, free);
    if free.is_empty() || (obstacles.is_empty() && others.is_empty()) {
        return;
    }
    let (mut blocked, mut spare) = scratch.lend();
    if !obstacles.is_empty() {
        for o in obstacles {
            o.touched(y1, y2, scratch, &mut blocked);
            o.near_edges(y1, y2, dims.c, &mut blocked);
        }
        merge(&mut blocked);
        subtract_from(free, &blocked, &mut spare);
    }
    if !others.is_empty() && !free.is_empty() {
        blocked.clear();
        others.touched(y1, y2, scratch, &mut blocked);
        merge(&mut blocked);
        subtract_from(free, &blocked, &mut spare);
    }
    scratch.give_back(blocked, spare);
}

/// Where an aisle band [y1, y2] is walkable: inside the region, clear of `blockers` (stalls).
pub(crate) fn aisle_intervals(
    region: &Shape,
    blockers: &ShapeSet,
    y1: f64,
    y2: f64,
    scratch: &mut Scratch,
) -> Intervals {
    let mut inside = Intervals::new();
    aisle_intervals_into(region, blockers, y1, y2, scratch, &mut inside);
    inside
}

/// [`aisle_intervals`] into a buffer the caller keeps.
fn aisle_intervals_into(
    region: &Shape,
    blockers: &ShapeSet,
    y1: f64,
    y2: f64,
    scratch: &mut Scratch,
    inside: &mut Intervals,
) {
    region.inside_into(y1, y2, scratch, inside);
    if inside.is_empty() || blockers.is_empty() {
        return;
    }
    let (mut blocked, mut spare) = scratch.lend();
    blockers.touched(y1, y2, scratch, &mut blocked);
    merge(&mut blocked);
    subtract_from(inside, &blocked, &mut spare);
    scratch.give_back(blocked, spare);
}

/// A band's interval list in an [`Arena`].
#[derive(Debug, Clone, Copy)]
struct Span(u32, u32);

impl Span {
    const EMPTY: Span = Span(0, 0);
}

/// The interval lists of many bands in one buffer.
#[derive(Default)]
struct Arena(Intervals);

impl Arena {
    fn push(&mut self, v: &[(f64, f64)]) -> Span {
        let start = self.0.len() as u32;
        self.0.extend_from_slice(v);
        Span(start, self.0.len() as u32)
    }

    fn get(&self, s: Span) -> &[(f64, f64)] {
        &self.0[s.0 as usize..s.1 as usize]
    }
}

/// How the row search scores a row band's free intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// Whole stalls, as placed.
    Stalls,
    /// Thousandths of a stall, as if a row wasted nothing at its ends: for upper bounds.
    MilliStalls,
}

impl Measure {
    /// What the intersection of two interval lists holds.
    fn of_common(self, a: &[(f64, f64)], b: &[(f64, f64)], w: f64) -> usize {
        let pieces = common(a, b);
        match self {
            Measure::Stalls => pieces.map(|p| stalls_in(p, w)).sum(),
            Measure::MilliStalls => pieces
                .map(|(lo, hi)| ((hi - lo) / w * 1000.0).floor() as usize)
                .sum(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Step {
    None,
    Gap,
    Up(usize),
    Aisle,
    Down(usize),
}

/// Best rows for one frame: (stalls, rows with their final intervals).
#[allow(clippy::too_many_arguments)]
pub(crate) fn best_rows(
    region: &Shape,
    obstacles: &[Shape],
    placed: &Placed,
    dims: &Dims,
    grid: (f64, f64),
    limit: Option<&Shape>,
    measure: Measure,
    scratch: &mut Scratch,
) -> (usize, Vec<Row>) {
    let (delta, shift) = grid;
    let y0 = region.min.y + dims.c + shift;
    let top = region.max.y - dims.c - dims.d;
    if top < y0 {
        return (0, Vec::new());
    }
    let k = ((top - y0) / delta).floor() as usize;
    let ys: Vec<f64> = (0..=k).map(|i| y0 + i as f64 * delta).collect();
    let mut up = vec![0usize; k + 1];
    let mut down = vec![0usize; k + 1];
    // When the grid divides the depth and the aisle, the aisle band above the row at ys[i]
    // is the band below the row at ys[i + d/δ]: each aisle band is computed once, not twice.
    let whole = |len: f64| {
        let r = (len / delta).round();
        ((len / delta - r).abs() < 1e-6).then_some(r as usize)
    };
    let aligned = whole(dims.d).zip(whole(dims.a));
    // The aisle band a row at ys[i] faces: its cache slot and lower edge. The band starting
    // at ys[i] + m·δ has slot i + m + na (so m ≥ -na fits); none when the grid is not aligned.
    let aisle_band = |i: usize, facing_up: bool| {
        let lo = if facing_up {
            ys[i] + dims.d
        } else {
            ys[i] - dims.a
        };
        let slot = match aligned {
            Some((nd, na)) if facing_up => i + nd + na,
            Some(_) => i,
            None => usize::MAX,
        };
        (slot, lo)
    };
    // Every band's intervals live in one arena until the rows are chosen: a list per band
    // cost an allocation each, a fifth of the search.
    let mut arena = Arena::default();
    let mut aisle_at: Vec<Option<Span>> = match aligned {
        Some((nd, na)) => vec![None; k + 1 + nd + na],
        None => Vec::new(),
    };
    let mut abuf = Intervals::new();
    // What an aisle band at `lo` holds with the stall intervals `s` (cached in slot `j`).
    let mut with_aisle =
        |j: usize, lo: f64, s: &[(f64, f64)], arena: &mut Arena, scratch: &mut Scratch| {
            let cached = aisle_at.get_mut(j);
            if let Some(&mut Some(span)) = cached {
                return measure.of_common(s, arena.get(span), dims.w);
            }
            aisle_intervals_into(region, &placed.stalls, lo, lo + dims.a, scratch, &mut abuf);
            let n = measure.of_common(s, &abuf, dims.w);
            if let Some(slot) = cached {
                *slot = Some(arena.push(&abuf));
            }
            n
        };
    // Each band's stall intervals, kept for the rows the search picks (not computed twice).
    let mut stall_at: Vec<Span> = vec![Span::EMPTY; k + 1];
    let (mut sbuf, mut zbuf, mut tbuf) = (Intervals::new(), Intervals::new(), Intervals::new());
    for (i, &y) in ys.iter().enumerate() {
        // A zone's own band first: most bands of the whole region miss a zone, and cheaply.
        if let Some(l) = limit {
            l.inside_into(y, y + dims.d, scratch, &mut zbuf);
            if zbuf.is_empty() {
                continue;
            }
        }
        stall_intervals_into(region, obstacles, &placed.all, y, dims, scratch, &mut sbuf);
        if limit.is_some() && !sbuf.is_empty() {
            tbuf.clear();
            tbuf.extend(common(&sbuf, &zbuf));
            std::mem::swap(&mut sbuf, &mut tbuf);
        }
        if sbuf.is_empty() {
            continue;
        }
        let (slot, lo) = aisle_band(i, true);
        up[i] = with_aisle(slot, lo, &sbuf, &mut arena, scratch);
        let (slot, lo) = aisle_band(i, false);
        down[i] = with_aisle(slot, lo, &sbuf, &mut arena, scratch);
        stall_at[i] = arena.push(&sbuf);
    }
    // best[i][open]: most stalls strictly below ys[i]; open = a stall-free strip of at least
    // the aisle width lies directly below ys[i], so a downward-facing row may start there.
    let n = k + 2;
    let mut best = vec![[None::<usize>; 2]; n];
    let mut from = vec![[(0usize, 0usize, Step::None); 2]; n];
    best[0][0] = Some(0);
    let steps = |len: f64| ((len / delta) - 1e-9).ceil().max(1.0) as usize;
    let (s_up, s_aisle, s_down) = (steps(dims.d + dims.a), steps(dims.a), steps(dims.d));
    // An aisle may run along the wall itself (aisles need no clearance): the first
    // downward-facing row can then start one aisle width above the wall.
    let wall_aisle = (((dims.a - dims.c) / delta) - 1e-9).ceil().max(0.0) as usize;
    if wall_aisle < n {
        best[wall_aisle][1] = Some(0);
        from[wall_aisle][1] = (0, 0, Step::Aisle);
    }
    let relax = |best: &mut Vec<[Option<usize>; 2]>,
                 from: &mut Vec<[(usize, usize, Step); 2]>,
                 j: usize,
                 s: usize,
                 v: usize,
                 f: (usize, usize, Step)| {
        let j = j.min(n - 1);
        if best[j][s].is_none_or(|b| v > b) {
            best[j][s] = Some(v);
            from[j][s] = f;
        }
    };
    for i in 0..n - 1 {
        for s in 0..2 {
            let Some(v) = best[i][s] else { continue };
            relax(&mut best, &mut from, i + 1, s, v, (i, s, Step::Gap));
            if i <= k {
                if up[i] > 0 {
                    relax(
                        &mut best,
                        &mut from,
                        i + s_up,
                        1,
                        v + up[i],
                        (i, s, Step::Up(i)),
                    );
                }
                relax(&mut best, &mut from, i + s_aisle, 1, v, (i, s, Step::Aisle));
                if s == 1 && down[i] > 0 {
                    relax(
                        &mut best,
                        &mut from,
                        i + s_down,
                        0,
                        v + down[i],
                        (i, s, Step::Down(i)),
                    );
                }
            }
        }
    }
    let last = n - 1;
    let (total, mut s) = match (best[last][0], best[last][1]) {
        (Some(a), Some(b)) if b > a => (b, 1),
        (Some(a), _) => (a, 0),
        (None, Some(b)) => (b, 1),
        (None, None) => return (0, Vec::new()),
    };
    let mut picked = Vec::new();
    let mut j = last;
    while j > 0 {
        let (i, ps, step) = from[j][s];
        match step {
            Step::Up(r) => picked.push((r, true)),
            Step::Down(r) => picked.push((r, false)),
            Step::Gap | Step::Aisle => {}
            Step::None => break,
        }
        j = i;
        s = ps;
    }
    picked.reverse();
    let rows = picked
        .into_iter()
        .map(|(i, facing_up)| {
            let y = ys[i];
            let s = arena.get(stall_at[i]);
            let (slot, lo) = aisle_band(i, facing_up);
            let intervals = match aisle_at.get(slot).copied().flatten() {
                Some(a) => intersect(s, arena.get(a)),
                None => intersect(
                    s,
                    &aisle_intervals(region, &placed.stalls, lo, lo + dims.a, scratch),
                ),
            };
            Row {
                y,
                facing_up,
                intervals,
            }
        })
        .collect();
    (total, rows)
}

/// Frame-aligned cross aisles every `spacing` metres along the rows (fire lanes on plazas).
pub(crate) fn cross_aisles(region: &Shape, width: f64, spacing: f64) -> Vec<Shape> {
    let span = region.max.x - region.min.x;
    let n = (span / spacing).floor() as usize;
    (1..=n)
        .map(|k| {
            let x = region.min.x + k as f64 * span / (n + 1) as f64;
            Shape::rect(
                x - width / 2.0,
                region.min.y - 1.0,
                x + width / 2.0,
                region.max.y + 1.0,
            )
        })
        .collect()
}

/// Stalls already placed (by an earlier pass, or locked), in a frame: stalls and their aisle
/// strips block new stalls; stalls block new aisles.
#[derive(Debug, Default)]
pub(crate) struct Placed {
    pub(crate) all: ShapeSet,
    pub(crate) stalls: ShapeSet,
}

impl Placed {
    pub(crate) fn new(placed: &[super::rows::Placed], frame: &Frame) -> Placed {
        let stalls: Vec<Shape> = placed
            .iter()
            .map(|p| Shape::from_polygon(&p.stall, frame))
            .collect();
        let mut all = stalls.clone();
        all.extend(placed.iter().map(|p| Shape::from_polygon(&p.aisle, frame)));
        Placed {
            all: ShapeSet::new(all),
            stalls: ShapeSet::new(stalls),
        }
    }
}

/// What one row search works on: the region, what to keep clear of, stalls already placed, and
/// optionally a zone the new stalls must lie in (no clearance to a zone's cut lines).
#[derive(Clone, Copy)]
pub(crate) struct Job<'a> {
    pub region: &'a geo::MultiPolygon<f64>,
    pub exclusions: &'a [geo::Polygon<f64>],
    pub placed: &'a [super::rows::Placed],
    pub limit: Option<&'a geo::MultiPolygon<f64>>,
    pub dims: Dims,
    pub fire: Option<(f64, f64)>,
    /// Directions a searching (not pinned) search always takes to its fine pass.
    pub prefer: &'a [f64],
}

/// Evaluates one orientation with row offsets on the grid `shift + k·delta`.
pub(crate) fn evaluate(
    job: &Job,
    angle: f64,
    grid: (f64, f64),
    measure: Measure,
    scratch: &mut Scratch,
) -> (usize, Vec<Row>, Vec<Shape>) {
    let frame = Frame::new(angle);
    let region = Shape::from_multi_polygon(job.region, &frame);
    let mut obstacles: Vec<Shape> = job
        .exclusions
        .iter()
        .map(|p| Shape::from_polygon(p, &frame))
        .collect();
    let crosses = match job.fire {
        Some((width, spacing)) => cross_aisles(&region, width, spacing),
        None => Vec::new(),
    };
    obstacles.extend(crosses.iter().cloned());
    let placed = Placed::new(job.placed, &frame);
    let limit = job.limit.map(|l| Shape::from_multi_polygon(l, &frame));
    let (n, rows) = best_rows(
        &region,
        &obstacles,
        &placed,
        &job.dims,
        grid,
        limit.as_ref(),
        measure,
        scratch,
    );
    (n, rows, crosses)
}
