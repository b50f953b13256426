//! Rotated frames and exact slab queries: for a horizontal band of the rotated plane, which
//! x-intervals are entirely inside a polygon, and which an obstacle touches.
//!
//! Everything the packer decides rests on these two queries, so they are exact (edge clipping
//! plus one scanline), not sampled.

use super::bucket::Buckets;
#[cfg(test)]
use super::edge::capsule_extent;
use super::edge::{capsule_extent_with, normal, piece_in_band};
use geo::{Coord, MultiPolygon, Polygon};

/// Geometric tolerance (0.1 µm): far below the 1 mm the plan is checked to, far above rounding.
const EPS: f64 = 1e-7;

/// A rotation by `-angle`: rows of stalls run along the frame's x axis.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    cos: f64,
    sin: f64,
}

impl Frame {
    pub(crate) fn new(angle_rad: f64) -> Self {
        Frame {
            cos: angle_rad.cos(),
            sin: angle_rad.sin(),
        }
    }

    pub(crate) fn fwd(self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: c.x * self.cos + c.y * self.sin,
            y: -c.x * self.sin + c.y * self.cos,
        }
    }

    pub(crate) fn back(self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: c.x * self.cos - c.y * self.sin,
            y: c.x * self.sin + c.y * self.cos,
        }
    }
}

/// Shapes with more edges than this get a bucket index over their edges' heights.
const INDEX_EDGES: usize = 12;
/// Bucket height of the edge index, metres: about one band (a stall depth or an aisle).
const BUCKET_M: f64 = 2.0;

/// The edges of a region (all rings, even-odd), in some frame, with their bounding box.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    edges: Vec<(Coord<f64>, Coord<f64>)>,
    /// Which edges may meet a band (large shapes only; small ones are scanned whole).
    index: Option<Buckets>,
    /// One convex ring (stalls, aisle strips, runs): a band meets it in one interval.
    convex: bool,
    /// The clearance and each edge's normal of that length, once the clearance is asked.
    normals: std::cell::OnceCell<(f64, Vec<(f64, f64)>)>,
    pub(crate) min: Coord<f64>,
    pub(crate) max: Coord<f64>,
}

pub(crate) type Intervals = Vec<(f64, f64)>;

#[cfg(test)]
pub(crate) use super::intervals::subtract;
pub(crate) use super::intervals::{intersect, merge, pack_on};

impl Shape {
    pub(crate) fn from_rings<'a>(
        rings: impl IntoIterator<Item = &'a [Coord<f64>]>,
        frame: &Frame,
    ) -> Shape {
        let mut edges = Vec::new();
        let mut rings_seen = 0;
        let mut min = Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for ring in rings {
            rings_seen += 1;
            // Turned point by point, without a list of its own: every searched direction
            // builds a shape of each placed stall.
            let mut first: Option<Coord<f64>> = None;
            let mut prev: Option<Coord<f64>> = None;
            for &c in ring {
                let p = frame.fwd(c);
                min.x = min.x.min(p.x);
                min.y = min.y.min(p.y);
                max.x = max.x.max(p.x);
                max.y = max.y.max(p.y);
                if let Some(q) = prev
                    && q != p
                {
                    edges.push((q, p));
                }
                first.get_or_insert(p);
                prev = Some(p);
            }
            // Rings are closed in geo, but tolerate an open one rather than leak area.
            if let (Some(f), Some(l)) = (first, prev)
                && f != l
            {
                edges.push((l, f));
            }
        }
        let index = (edges.len() > INDEX_EDGES).then(|| {
            let spans: Vec<(f64, f64)> = edges
                .iter()
                .map(|(p, q)| (p.y.min(q.y), p.y.max(q.y)))
                .collect();
            Buckets::new(&spans, BUCKET_M)
        });
        let convex = rings_seen == 1 && edges.len() <= 8 && is_convex(&edges);
        Shape {
            edges,
            index,
            convex,
            normals: Default::default(),
            min,
            max,
        }
    }

    /// Calls `f` with every edge whose height range may meet [y1, y2], each once.
    fn edges_near(&self, y1: f64, y2: f64, mut f: impl FnMut(Coord<f64>, Coord<f64>)) {
        match &self.index {
            Some(b) => b.visit(y1, y2, |i| {
                let (p, q) = self.edges[i];
                f(p, q)
            }),
            None => {
                for &(p, q) in &self.edges {
                    f(p, q)
                }
            }
        }
    }

    pub(crate) fn from_polygon(p: &Polygon<f64>, frame: &Frame) -> Shape {
        Shape::from_rings(
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(|r| r.0.as_slice()),
            frame,
        )
    }

    pub(crate) fn from_multi_polygon(mp: &MultiPolygon<f64>, frame: &Frame) -> Shape {
        Shape::from_rings(
            mp.0.iter().flat_map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|r| r.0.as_slice())
            }),
            frame,
        )
    }

    /// An axis-aligned rectangle of the frame.
    pub(crate) fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Shape {
        let c = |x, y| Coord { x, y };
        let pts = [c(x0, y0), c(x1, y0), c(x1, y1), c(x0, y1)];
        Shape {
            edges: (0..4).map(|i| (pts[i], pts[(i + 1) % 4])).collect(),
            index: None,
            convex: true,
            normals: Default::default(),
            min: c(x0.min(x1), y0.min(y1)),
            max: c(x0.max(x1), y0.max(y1)),
        }
    }

    pub(crate) fn overlaps_band(&self, y1: f64, y2: f64) -> bool {
        self.max.y > y1 && self.min.y < y2
    }

    /// X-projections of the boundary inside the open band (y1, y2), shrunk by [`EPS`] so an
    /// edge the band rests on, tilted by rounding of the rotation, does not block the band.
    fn boundary_in_band(&self, y1: f64, y2: f64, out: &mut Intervals) {
        let (y1, y2) = (y1 + EPS, y2 - EPS);
        self.edges_near(y1, y2, |p, q| {
            if let Some(piece) = piece_in_band(p, q, y1, y2) {
                out.push(piece);
            }
        });
    }

    /// The hull of [`Shape::boundary_in_band`]'s pieces, without listing them: what a convex
    /// shape (a placed stall, an aisle strip) blocks of a band, asked thousands of times a
    /// search.
    fn boundary_span(&self, y1: f64, y2: f64) -> Option<(f64, f64)> {
        let (y1, y2) = (y1 + EPS, y2 - EPS);
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &(p, q) in &self.edges {
            if let Some((a, b)) = piece_in_band(p, q, y1, y2) {
                lo = lo.min(a);
                hi = hi.max(b);
            }
        }
        (lo <= hi).then_some((lo, hi))
    }

    /// Sorted x where the boundary crosses the horizontal line y (half-open rule on vertices).
    fn crossings(&self, y: f64, out: &mut Vec<f64>) {
        out.clear();
        let mut cross = |p: Coord<f64>, q: Coord<f64>| {
            if (p.y > y) != (q.y > y) {
                out.push(p.x + (y - p.y) * (q.x - p.x) / (q.y - p.y));
            }
        };
        match &self.index {
            Some(b) => b.at(y, |i| cross(self.edges[i].0, self.edges[i].1)),
            None => {
                for &(p, q) in &self.edges {
                    cross(p, q)
                }
            }
        }
        out.sort_unstable_by(f64::total_cmp);
    }

    /// X-intervals where the vertical segment x × [y1, y2] lies inside the region.
    #[cfg(test)]
    pub(crate) fn inside(&self, y1: f64, y2: f64, scratch: &mut Scratch) -> Intervals {
        let mut out = Vec::new();
        self.inside_into(y1, y2, scratch, &mut out);
        out
    }

    /// [`Shape::inside`] into `out` (cleared first).
    pub(crate) fn inside_into(&self, y1: f64, y2: f64, scratch: &mut Scratch, out: &mut Intervals) {
        out.clear();
        if !self.spans(y1, y2) {
            return;
        }
        let (mut blocked, spare) = scratch.lend();
        self.boundary_in_band(y1, y2, &mut blocked);
        merge(&mut blocked);
        self.inside_between(y1, y2, &blocked, scratch, out);
        scratch.give_back(blocked, spare);
    }

    /// X-intervals where the vertical segment x × [y1, y2] lies inside the region and at least
    /// `c` from its boundary: one pass over the edges instead of [`Shape::inside`] minus
    /// [`Shape::near_edges`] (the clearance pieces cover every piece of boundary in the band,
    /// so what lies between them is wholly in or out).
    #[cfg(test)]
    pub(crate) fn inside_clear(
        &self,
        y1: f64,
        y2: f64,
        c: f64,
        scratch: &mut Scratch,
    ) -> Intervals {
        let mut out = Vec::new();
        self.inside_clear_into(y1, y2, c, scratch, &mut out);
        out
    }

    /// [`Shape::inside_clear`] into `out` (cleared first).
    pub(crate) fn inside_clear_into(
        &self,
        y1: f64,
        y2: f64,
        c: f64,
        scratch: &mut Scratch,
        out: &mut Intervals,
    ) {
        out.clear();
        if !self.spans(y1, y2) {
            return;
        }
        let (mut blocked, spare) = scratch.lend();
        self.near_edges(y1, y2, c, &mut blocked);
        if c <= 2.0 * EPS {
            // A capsule of radius 0 has no height: a horizontal edge in the band needs this.
            self.boundary_in_band(y1, y2, &mut blocked);
        }
        merge(&mut blocked);
        self.inside_between(y1, y2, &blocked, scratch, out);
        scratch.give_back(blocked, spare);
    }

    /// Whether the band [y1, y2] lies within the region's height (else nothing is inside).
    fn spans(&self, y1: f64, y2: f64) -> bool {
        y1 >= self.min.y && y2 <= self.max.y && y1 < y2
    }

    /// The gaps between `blocked` (sorted, merged, covering every piece of boundary in the
    /// band) that lie inside the region, judged by the crossings of the band's middle line.
    fn inside_between(
        &self,
        y1: f64,
        y2: f64,
        blocked: &Intervals,
        scratch: &mut Scratch,
        out: &mut Intervals,
    ) {
        let ym = 0.5 * (y1 + y2);
        self.crossings(ym, &mut scratch.xs);
        let mut prev = f64::NEG_INFINITY;
        let mut push_gap = |lo: f64, hi: f64, xs: &[f64]| {
            if hi > lo && lo.is_finite() && hi.is_finite() {
                let xm = 0.5 * (lo + hi);
                let n = xs.partition_point(|&x| x < xm);
                if n % 2 == 1 {
                    out.push((lo, hi));
                }
            }
        };
        for &(lo, hi) in blocked.iter() {
            push_gap(prev, lo, &scratch.xs);
            prev = prev.max(hi);
        }
        // Between the last blocked piece and +∞ the band leaves the region, unless no boundary
        // crosses the band at all, in which case the crossings at ym give the inside directly.
        if blocked.is_empty() {
            for pair in scratch.xs.chunks(2) {
                if let [a, b] = pair {
                    out.push((*a, *b));
                }
            }
        }
    }

    /// X-extents, within the open band (y1, y2), of the points nearer than `c` to an edge: a
    /// rectangle spanning the band keeps at least `c` from every edge exactly when its x-range
    /// misses all of them. (Growing the band by `c` and shrinking the result by `c` instead
    /// keeps a square clearance, which wastes up to 0.4 m at every slanted row end.)
    pub(crate) fn near_edges(&self, y1: f64, y2: f64, c: f64, out: &mut Intervals) {
        let (y1, y2) = (y1 + EPS, y2 - EPS);
        let r = (c - EPS).max(0.0);
        if !(self.max.y + r > y1 && self.min.y - r < y2) {
            return;
        }
        let normals = self.normals(r);
        let visit = |i: usize| {
            let (p, q) = self.edges[i];
            let n = normals.map_or_else(|| normal(p, q, r), |n| n[i]);
            if let Some(extent) = capsule_extent_with(p, q, n, r, y1, y2) {
                out.push(extent);
            }
        };
        match &self.index {
            Some(b) => b.visit(y1 - r, y2 + r, visit),
            None => (0..self.edges.len()).for_each(visit),
        }
    }

    /// Each edge's normal of length `r`, computed once per shape: a search asks for the
    /// clearance of the same edge in dozens of bands. Only the first clearance asked is kept
    /// (a layout has one); `None` for another.
    fn normals(&self, r: f64) -> Option<&[(f64, f64)]> {
        let (cached_r, normals) = self.normals.get_or_init(|| {
            let list = self.edges.iter().map(|&(p, q)| normal(p, q, r)).collect();
            (r, list)
        });
        (*cached_r == r).then_some(normals.as_slice())
    }

    /// X-intervals where the region meets the open band (y1, y2).
    pub(crate) fn touched(&self, y1: f64, y2: f64, scratch: &mut Scratch, out: &mut Intervals) {
        if !self.overlaps_band(y1, y2) {
            return;
        }
        if self.convex {
            // A convex shape meets the band in one interval, spanned by its boundary pieces
            // (or, when no edge enters the band, by the crossings of its middle line).
            if let Some(span) = self.boundary_span(y1, y2) {
                out.push(span);
                return;
            }
        } else {
            self.boundary_in_band(y1, y2, out);
        }
        self.crossings(0.5 * (y1 + y2), &mut scratch.xs);
        for pair in scratch.xs.chunks(2) {
            if let [a, b] = pair {
                out.push((*a, *b));
            }
        }
    }
}

/// Whether a closed chain of edges turns one way only (collinear steps allowed).
fn is_convex(edges: &[(Coord<f64>, Coord<f64>)]) -> bool {
    let n = edges.len();
    if n < 3 {
        return false;
    }
    let (mut pos, mut neg) = (false, false);
    for i in 0..n {
        let (a, b) = edges[i];
        let (_, c) = edges[(i + 1) % n];
        if b != edges[(i + 1) % n].0 {
            return false;
        }
        let turn = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        pos |= turn > 1e-12;
        neg |= turn < -1e-12;
    }
    !(pos && neg)
}

/// Reused buffers so the inner loops do not allocate.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    xs: Vec<f64>,
    /// Lent out by [`Scratch::lend`] (what blocks a band, and a spare for subtracting).
    blocked: Intervals,
    spare: Intervals,
}

impl Scratch {
    /// Two empty interval buffers for a caller that also passes `self` on; returned with
    /// [`Scratch::give_back`] so their capacity serves the next band.
    pub(crate) fn lend(&mut self) -> (Intervals, Intervals) {
        let mut blocked = std::mem::take(&mut self.blocked);
        blocked.clear();
        (blocked, std::mem::take(&mut self.spare))
    }

    pub(crate) fn give_back(&mut self, blocked: Intervals, spare: Intervals) {
        self.blocked = blocked;
        self.spare = spare;
    }
}

#[cfg(test)]
#[path = "tests_frame.rs"]
mod tests;
