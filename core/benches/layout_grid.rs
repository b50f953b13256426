//! The yardstick: a fixed grid of double rows stamped at one whole-degree angle, written
//! independently of the engine (no code shared with `nightmarket::layout`).
//!
//! At each angle the site is turned so rows run along x. From the bounding box's lowest edge the
//! pattern repeats every 2d + a: an aisle, a row facing down onto it, a row facing up onto the
//! next aisle. Along each row stalls are stamped every w from the bounding box's left edge. A
//! stall counts when the stall grown by the clearance (a square margin) and its aisle strip both
//! lie inside the site. "Inside" for a band [y1, y2] is exact: the x where the vertical segment
//! x × [y1, y2] lies in the site are the intersection of the inside intervals of the scanlines
//! at y1, y2 and every vertex height between (between those heights every edge is a straight
//! line, so the extremes sit at the ends).
//!
//! The phased grid is the stronger yardstick: at each angle it also shifts the rows across
//! their period and the stalls along the rows, in small steps, and keeps the best phase; its
//! clearance is round, as the engine's is (a stall stands inside the site less a round buffer
//! of `c`, `geo::Buffer`). On the 1,315 m² Shanghai square (the "1,315 m² square" held
//! "the grid 138") the anchored grid holds 122, the phased one 139.

use geo::MultiPolygon;

type Iv = Vec<(f64, f64)>;

struct Turned {
    edges: Vec<((f64, f64), (f64, f64))>,
    ys: Vec<f64>,
    lo: (f64, f64),
    hi: (f64, f64),
}

fn turn(region: &MultiPolygon<f64>, deg: f64) -> Turned {
    let (s, c) = deg.to_radians().sin_cos();
    let mut edges = Vec::new();
    let mut ys = Vec::new();
    let (mut lo, mut hi) = (
        (f64::INFINITY, f64::INFINITY),
        (f64::NEG_INFINITY, f64::NEG_INFINITY),
    );
    for p in &region.0 {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            let pts: Vec<(f64, f64)> =
                r.0.iter()
                    .map(|q| (q.x * c + q.y * s, -q.x * s + q.y * c))
                    .collect();
            for w in pts.windows(2) {
                edges.push((w[0], w[1]));
            }
            for &(x, y) in &pts {
                ys.push(y);
                lo = (lo.0.min(x), lo.1.min(y));
                hi = (hi.0.max(x), hi.1.max(y));
            }
        }
    }
    ys.sort_by(f64::total_cmp);
    Turned { edges, ys, lo, hi }
}

fn scan(t: &Turned, y: f64) -> Iv {
    let mut xs: Vec<f64> = t
        .edges
        .iter()
        .filter(|(a, b)| (a.1 > y) != (b.1 > y))
        .map(|(a, b)| a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1))
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.chunks(2)
        .filter(|p| p.len() == 2)
        .map(|p| (p[0], p[1]))
        .collect()
}

fn meet(a: &Iv, b: &Iv) -> Iv {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (l, h) = (a0.max(b0), a1.min(b1));
            if l < h {
                out.push((l, h));
            }
        }
    }
    out
}

/// X-intervals where x × [y1, y2] is inside (scanlines nudged 1 nm off vertex heights).
fn band(t: &Turned, y1: f64, y2: f64) -> Iv {
    let eps = 1e-9;
    let mut v = meet(&scan(t, y1 + eps), &scan(t, y2 - eps));
    let from = t.ys.partition_point(|&y| y <= y1);
    for &y in &t.ys[from..] {
        if y >= y2 {
            break;
        }
        v = meet(&v, &meet(&scan(t, y - eps), &scan(t, y + eps)));
    }
    v
}

fn holds(v: &Iv, x1: f64, x2: f64) -> bool {
    v.iter().any(|&(l, h)| l <= x1 + 1e-9 && x2 <= h + 1e-9)
}

/// Stalls of the grid at `deg`.
pub fn grid_at(region: &MultiPolygon<f64>, deg: f64, w: f64, d: f64, a: f64, c: f64) -> usize {
    let t = turn(region, deg);
    let mut n = 0;
    let mut v0 = t.lo.1;
    while v0 < t.hi.1 {
        for (y0, ay0) in [(v0 + a, v0), (v0 + a + d, v0 + a + 2.0 * d)] {
            let grown = band(&t, y0 - c, y0 + d + c);
            if grown.is_empty() {
                continue;
            }
            let walk = band(&t, ay0, ay0 + a);
            let mut u = t.lo.0;
            while u + w <= t.hi.0 {
                if holds(&grown, u - c, u + w + c) && holds(&walk, u, u + w) {
                    n += 1;
                }
                u += w;
            }
        }
        v0 += 2.0 * d + a;
    }
    n
}

/// The best grid over the whole degrees 0..179: (stalls, angle).
pub fn best_grid(region: &MultiPolygon<f64>, w: f64, d: f64, a: f64, c: f64) -> (usize, f64) {
    let mut best = (0, 0.0);
    for deg in 0..180 {
        let n = grid_at(region, deg as f64, w, d, a, c);
        if n > best.0 {
            best = (n, deg as f64);
        }
    }
    best
}

/// Where stalls of a row may start: the stall inside `inside` (already kept `c` from the
/// boundary) and its aisle strip inside `walk`.
fn starts(inside: &Iv, walk: &Iv, w: f64) -> Iv {
    let mut out = Vec::new();
    for &(a0, a1) in inside {
        for &(b0, b1) in walk {
            let (l, h) = (a0.max(b0), a1.min(b1) - w);
            if l <= h + 1e-9 {
                out.push((l, h));
            }
        }
    }
    out
}

/// A turned outline cut into horizontal slabs `step` high: a band whose edges lie on the slab
/// lattice is the meet of its slabs, so each scanline is taken once per angle, not per phase.
struct Slabs {
    t: Turned,
    slabs: Vec<Iv>,
    base: f64,
    step: f64,
}

impl Slabs {
    fn new(region: &MultiPolygon<f64>, deg: f64, base: f64, top: f64, step: f64) -> Slabs {
        let t = turn(region, deg);
        let n = ((top - base) / step).ceil().max(0.0) as usize + 2;
        let slabs = (0..n)
            .map(|j| {
                let y = base + j as f64 * step;
                band(&t, y, y + step)
            })
            .collect();
        Slabs {
            t,
            slabs,
            base,
            step,
        }
    }

    fn band(&self, y1: f64, y2: f64) -> Iv {
        let j1 = ((y1 - self.base) / self.step).round();
        let j2 = ((y2 - self.base) / self.step).round();
        let on_lattice = (self.base + j1 * self.step - y1).abs() < 1e-9
            && (self.base + j2 * self.step - y2).abs() < 1e-9;
        if !on_lattice || j1 < 0.0 || j2 as usize > self.slabs.len() {
            return band(&self.t, y1, y2);
        }
        let (j1, j2) = (j1 as usize, j2 as usize);
        let mut v = self.slabs[j1].clone();
        for s in &self.slabs[j1 + 1..j2] {
            if v.is_empty() {
                break;
            }
            v = meet(&v, s);
        }
        v
    }
}

/// The site less a round clearance `c` along its boundary: where a stall may stand.
pub fn inset(region: &MultiPolygon<f64>, c: f64) -> MultiPolygon<f64> {
    use geo::Buffer;
    region.buffer(-c)
}

/// The grid at its best phase for one angle, with a round clearance (a stall stands inside
/// `inset`, its aisle strip inside the site): the rows shifted across their period and the
/// stalls along theirs, every `step` metres. (stalls, row phase, stall phase)
pub fn phased_grid_at(
    region: &MultiPolygon<f64>,
    inset: &MultiPolygon<f64>,
    deg: f64,
    (w, d, a): (f64, f64, f64),
    step: f64,
) -> (usize, f64, f64) {
    let period = 2.0 * d + a;
    let phases = (period / step).round().max(1.0) as usize;
    let shifts = (w / step).round().max(1.0) as usize;
    let site = turn(region, deg);
    let (lo, hi) = (site.lo, site.hi);
    let base = lo.1 - period;
    let walk = Slabs::new(region, deg, base, hi.1 + period, step);
    let stand = Slabs::new(inset, deg, base, hi.1 + period, step);
    let mut best = (0, 0.0, 0.0);
    for k in 0..phases {
        let mut counts = vec![0usize; shifts];
        let mut v0 = base + k as f64 * step;
        while v0 < hi.1 {
            for (y0, ay0) in [(v0 + a, v0), (v0 + a + d, v0 + a + 2.0 * d)] {
                let inside = stand.band(y0, y0 + d);
                if inside.is_empty() {
                    continue;
                }
                for (l, h) in starts(&inside, &walk.band(ay0, ay0 + a), w) {
                    for (i, n) in counts.iter_mut().enumerate() {
                        let x0 = lo.0 + i as f64 * step;
                        let first = ((l - x0) / w - 1e-9).ceil();
                        let last = ((h - x0) / w + 1e-9).floor();
                        if last >= first {
                            *n += (last - first) as usize + 1;
                        }
                    }
                }
            }
            v0 += period;
        }
        for (i, &n) in counts.iter().enumerate() {
            if n > best.0 {
                best = (n, k as f64 * step, i as f64 * step);
            }
        }
    }
    best
}

/// The best phased grid with a round clearance over the whole degrees 0..179: (stalls, angle).
pub fn best_phased_grid(
    region: &MultiPolygon<f64>,
    (w, d, a, c): (f64, f64, f64, f64),
    step: f64,
) -> (usize, f64) {
    let inset = inset(region, c);
    let mut best = (0, 0.0);
    for deg in 0..180 {
        let (n, _, _) = phased_grid_at(region, &inset, deg as f64, (w, d, a), step);
        if n > best.0 {
            best = (n, deg as f64);
        }
    }
    best
}
