//! Walkability: every stall's aisle must be reachable from the outer edge of the site by a
//! person, without passing through a stall. Checked on a raster of the site: a cell is open
//! when its centre lies inside the site and at least half a walker's width from every stall;
//! the open cells next to the ground outside the site (not a hole) are the ways in.

use super::reach::{seg_dist2, within_reach};
use geo::{BoundingRect, Coord, MultiPolygon, Polygon};

/// Width of the person who must get through, metres (capped by the aisle width).
pub const WALKER_M: f64 = 1.0;
/// Most raster cells one check uses; the cell grows on larger sites.
const MAX_CELLS: f64 = 4.0e6;

struct Grid {
    x0: f64,
    y0: f64,
    h: f64,
    nx: usize,
    ny: usize,
}

impl Grid {
    fn centre(&self, i: usize, j: usize) -> Coord<f64> {
        Coord {
            x: self.x0 + (i as f64 + 0.5) * self.h,
            y: self.y0 + (j as f64 + 0.5) * self.h,
        }
    }
    fn cell(&self, c: Coord<f64>) -> Option<(usize, usize)> {
        let i = ((c.x - self.x0) / self.h).floor();
        let j = ((c.y - self.y0) / self.h).floor();
        (i >= 0.0 && j >= 0.0 && (i as usize) < self.nx && (j as usize) < self.ny)
            .then_some((i as usize, j as usize))
    }
}

/// Sets to `value` the cells whose centre lies inside `edges` (even-odd, by scanline).
fn fill_scanline(g: &Grid, edges: &[(Coord<f64>, Coord<f64>)], value: u8, cells: &mut [u8]) {
    let h = g.h;
    let mut xs = Vec::new();
    for j in 0..g.ny {
        let y = g.centre(0, j).y;
        xs.clear();
        for &(a, b) in edges {
            if (a.y > y) != (b.y > y) {
                xs.push(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks(2) {
            if let [lo, hi] = pair {
                let i0 = ((lo - g.x0) / h - 0.5).ceil().max(0.0) as usize;
                let i1 = (((hi - g.x0) / h - 0.5).floor() as usize).min(g.nx - 1);
                for i in i0..=i1.max(i0).min(g.nx - 1) {
                    if g.centre(i, j).x > *lo && g.centre(i, j).x < *hi {
                        cells[j * g.nx + i] = value;
                    }
                }
            }
        }
    }
}

/// Marks 4 every open cell (1) connected to a seed through open cells, a run of a row at a
/// time: a cell-by-cell queue cost a tenth of a large site's layout.
fn flood(g: &Grid, cells: &mut [u8], seeds: Vec<usize>) {
    let mut stack = seeds;
    while let Some(k) = stack.pop() {
        if cells[k] != 1 {
            continue;
        }
        let (row, j) = (k - k % g.nx, k / g.nx);
        let (mut lo, mut hi) = (k, k);
        while lo > row && cells[lo - 1] == 1 {
            lo -= 1;
        }
        while hi + 1 < row + g.nx && cells[hi + 1] == 1 {
            hi += 1;
        }
        cells[lo..=hi].fill(4);
        // One seed per run of open cells in the rows above and below.
        for next in [j.checked_sub(1), Some(j + 1).filter(|&n| n < g.ny)]
            .into_iter()
            .flatten()
        {
            let shift = next * g.nx;
            let mut open = false;
            for i in lo - row..=hi - row {
                let n = shift + i;
                let now = cells[n] == 1;
                if now && !open {
                    stack.push(n);
                }
                open = now;
            }
        }
    }
}

/// The site as a walker sees it, flooded from outside: cells 0 outside every outer ring, 5 in
/// a hole, 1 open ground no walker reaches, 2 blocked by a stall (grown by half a walker), 3
/// blocked by a locked stall (no passage clears it), 4 open ground reached from outside, 7
/// within half a walker of a hole's edge.
pub(super) struct Raster {
    g: Grid,
    pub(super) cells: Vec<u8>,
    /// Half a walker's width (capped by the aisle): how far a stall blocks.
    r: f64,
}

impl Raster {
    fn new(
        region: &MultiPolygon<f64>,
        stalls: &[(&Polygon<f64>, &Polygon<f64>)],
        aisle_width: f64,
        fixed: usize,
    ) -> Option<Raster> {
        let bb = region.bounding_rect()?;
        let r = 0.45 * WALKER_M.min(aisle_width);
        let mut h = 0.25f64;
        while (bb.width() / h + 3.0) * (bb.height() / h + 3.0) > MAX_CELLS {
            h *= 1.5;
        }
        let g = Grid {
            x0: bb.min().x - h,
            y0: bb.min().y - h,
            h,
            nx: (bb.width() / h).ceil() as usize + 3,
            ny: (bb.height() / h).ceil() as usize + 3,
        };
        // 0 outside every outer ring, 5 inside an outer ring (a hole's ground, until the
        // site's own scanline marks it), 1 inside the site (even-odd over all rings).
        let mut cells = vec![0u8; g.nx * g.ny];
        let ring_edges =
            |r: &geo::LineString<f64>| r.0.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>();
        for p in &region.0 {
            fill_scanline(&g, &ring_edges(p.exterior()), 5, &mut cells);
        }
        let edges: Vec<(Coord<f64>, Coord<f64>)> = region
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(ring_edges)
            .collect();
        fill_scanline(&g, &edges, 1, &mut cells);
        let mut raster = Raster { g, cells, r };
        // A walker keeps half its width from a hole's edge too: no way between two buildings
        // a hand's width apart. (The outer edge is where walkers come in, so it is not grown.)
        for p in &region.0 {
            for h in p.interiors() {
                for w in h.0.windows(2) {
                    raster.near_segment(w[0], w[1], |k, cells| {
                        if cells[k] == 1 {
                            cells[k] = 7;
                        }
                    });
                }
            }
        }
        for (n, (stall, _)) in stalls.iter().enumerate() {
            let mark = if n < fixed { 3 } else { 2 };
            raster.each_near(stall, |k, cells| {
                if cells[k] == 1 {
                    cells[k] = mark;
                }
            });
        }
        // The raster has a free border, so the ground beyond the outer rings touches the site
        // wherever the site is open.
        let ways_in: Vec<usize> = (0..raster.cells.len())
            .filter(|&k| raster.cells[k] == 1 && raster.touches_outside(k))
            .collect();
        flood(&raster.g, &mut raster.cells, ways_in);
        Some(raster)
    }

    /// Calls `f` on every cell whose centre lies within half a walker of `stall`.
    pub(super) fn each_near(&mut self, stall: &Polygon<f64>, f: impl FnMut(usize, &mut [u8])) {
        let Some(sb) = stall.bounding_rect() else {
            return;
        };
        let reach = within_reach(&stall.exterior().0, self.r);
        self.each_in(sb.min(), sb.max(), reach.test, reach.convex, f);
    }

    /// Calls `f` on every cell whose centre lies within half a walker of the segment ab.
    fn near_segment(&mut self, a: Coord<f64>, b: Coord<f64>, f: impl FnMut(usize, &mut [u8])) {
        let r = self.r;
        let lo = Coord {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
        };
        let hi = Coord {
            x: a.x.max(b.x),
            y: a.y.max(b.y),
        };
        self.each_in(lo, hi, |p| seg_dist2(p, a, b) < r * r, true, f);
    }

    /// Calls `f` on every cell of the box [lo, hi] grown by half a walker whose centre is
    /// `near`. When the cells `near` takes are `convex` ground, each row of the box holds one
    /// run of them, found from its two ends (a stall takes about half its box).
    fn each_in(
        &mut self,
        lo: Coord<f64>,
        hi: Coord<f64>,
        near: impl Fn(Coord<f64>) -> bool,
        convex: bool,
        mut f: impl FnMut(usize, &mut [u8]),
    ) {
        let (g, r) = (&self.g, self.r);
        let (Some((i0, j0)), Some((i1, j1))) = (
            g.cell(Coord {
                x: lo.x - r,
                y: lo.y - r,
            }),
            g.cell(Coord {
                x: hi.x + r,
                y: hi.y + r,
            }),
        ) else {
            return;
        };
        for j in j0..=j1 {
            if !convex {
                for i in (i0..=i1).filter(|&i| near(g.centre(i, j))) {
                    f(j * g.nx + i, &mut self.cells);
                }
                continue;
            }
            let Some(first) = (i0..=i1).find(|&i| near(g.centre(i, j))) else {
                continue;
            };
            let last = (first..=i1)
                .rev()
                .find(|&i| near(g.centre(i, j)))
                .unwrap_or(first);
            for i in first..=last {
                f(j * g.nx + i, &mut self.cells);
            }
        }
    }

    /// The centre of cell `k`.
    pub(super) fn centre_of(&self, k: usize) -> Coord<f64> {
        self.g.centre(k % self.g.nx, k / self.g.nx)
    }

    /// How far a stall blocks cells (half a walker).
    pub(super) fn reach(&self) -> f64 {
        self.r
    }

    pub(super) fn neighbours(&self, k: usize) -> [usize; 4] {
        let g = &self.g;
        let (i, j) = (k % g.nx, k / g.nx);
        let mut n = [usize::MAX; 4];
        if i > 0 {
            n[0] = k - 1;
        }
        if i + 1 < g.nx {
            n[1] = k + 1;
        }
        if j > 0 {
            n[2] = k - g.nx;
        }
        if j + 1 < g.ny {
            n[3] = k + g.nx;
        }
        n
    }

    pub(super) fn touches_outside(&self, k: usize) -> bool {
        self.neighbours(k)
            .iter()
            .any(|&n| n != usize::MAX && self.cells[n] == 0)
    }

    /// Cells sampled along the middle line of an aisle strip (a rectangle).
    pub(super) fn aisle_cells(&self, aisle: &Polygon<f64>) -> Vec<usize> {
        let pts = &aisle.exterior().0;
        if pts.len() < 4 {
            return Vec::new();
        }
        let m1 = Coord {
            x: 0.5 * (pts[0].x + pts[3].x),
            y: 0.5 * (pts[0].y + pts[3].y),
        };
        let m2 = Coord {
            x: 0.5 * (pts[1].x + pts[2].x),
            y: 0.5 * (pts[1].y + pts[2].y),
        };
        (0..=8)
            .filter_map(|s| {
                let t = s as f64 / 8.0;
                let p = Coord {
                    x: m1.x + t * (m2.x - m1.x),
                    y: m1.y + t * (m2.y - m1.y),
                };
                self.g.cell(p).map(|(i, j)| j * self.g.nx + i)
            })
            .collect()
    }

    /// A stall is reached when some open cell of its aisle strip's middle line is reached.
    fn reached(&self, aisle: &Polygon<f64>) -> bool {
        aisle.exterior().0.len() < 4 || self.aisle_cells(aisle).iter().any(|&k| self.cells[k] == 4)
    }
}

/// Indexes of the stalls whose aisle strip no walker can reach from the site's outer edge.
/// `stalls` are (stall, aisle strip) pairs in local metres.
pub fn unreachable(
    region: &MultiPolygon<f64>,
    stalls: &[(&Polygon<f64>, &Polygon<f64>)],
    aisle_width: f64,
) -> Vec<usize> {
    walk(region, stalls, aisle_width, usize::MAX, 0).unreached
}

/// What a walker finds: the stalls whose aisle no one reaches, and ways in for them.
pub struct Walk {
    /// Indexes of the stalls whose aisle strip no walker reaches, sorted.
    pub unreached: Vec<usize>,
    /// Stalls to clear so that more stalls are reached than cleared (see
    /// [`super::passage::passages`]), sorted; empty when not asked for or there is none.
    pub passage: Vec<usize>,
}

/// [`unreachable`], and stalls to clear for passages when at least `passage_from` stalls are
/// unreached or a locked one is (one raster for both); the first `fixed` stalls, the locked
/// ones, are never cleared.
pub fn walk(
    region: &MultiPolygon<f64>,
    stalls: &[(&Polygon<f64>, &Polygon<f64>)],
    aisle_width: f64,
    passage_from: usize,
    fixed: usize,
) -> Walk {
    let Some(mut raster) = Raster::new(region, stalls, aisle_width, fixed) else {
        return Walk {
            unreached: Vec::new(),
            passage: Vec::new(),
        };
    };
    let unreached: Vec<usize> = stalls
        .iter()
        .enumerate()
        .filter(|(_, (_, aisle))| !raster.reached(aisle))
        .map(|(k, _)| k)
        .collect();
    let locked_unreached = unreached.first().is_some_and(|&k| k < fixed);
    let passage = if unreached.len() >= passage_from.max(1) || locked_unreached {
        super::passage::passages(&mut raster, stalls, &unreached, fixed)
    } else {
        Vec::new()
    };
    Walk { unreached, passage }
}
