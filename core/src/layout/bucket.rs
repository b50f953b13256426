//! A one-dimensional bucket index over y-spans: which items (edges, shapes) may meet a band.
//!
//! The row search asks thousands of band queries per direction; scanning every edge of a
//! 300-vertex outline (or every placed stall) for each made the search quadratic. Each item is
//! filed under every bucket its span touches, and a query visits each item exactly once (from
//! the first bucket both share), so callers need no de-duplication.

/// Most buckets one index holds; the bucket height grows on larger extents.
const MAX_BUCKETS: f64 = 4096.0;

#[derive(Debug, Clone, Default)]
pub(crate) struct Buckets {
    y0: f64,
    inv_h: f64,
    /// Bucket k's entries are `items[starts[k]..starts[k + 1]]`: one list for all buckets
    /// (a list per bucket cost an allocation each, for every shape of every direction).
    starts: Vec<u32>,
    /// (item, the first bucket the item is filed under), by bucket, items in order.
    items: Vec<(u32, u32)>,
}

impl Buckets {
    /// Files `spans` (ymin, ymax) in buckets about `height` tall.
    pub(crate) fn new(spans: &[(f64, f64)], height: f64) -> Buckets {
        let finite = |s: &(f64, f64)| s.0.is_finite() && s.1.is_finite();
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &(a, b) in spans.iter().filter(|s| finite(s)) {
            lo = lo.min(a);
            hi = hi.max(b);
        }
        if lo > hi {
            return Buckets::default();
        }
        let h = height.max((hi - lo) / MAX_BUCKETS).max(1e-6);
        let n = (((hi - lo) / h).floor() as usize) + 1;
        let mut b = Buckets {
            y0: lo,
            inv_h: 1.0 / h,
            starts: vec![0; n + 1],
            items: Vec::new(),
        };
        // Count, place the starts, then fill: items keep their order within each bucket.
        let slots: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| {
                if finite(s) {
                    (b.slot(s.0), b.slot(s.1) + 1)
                } else {
                    (0, 0)
                }
            })
            .collect();
        for &(first, end) in &slots {
            for k in first..end {
                b.starts[k + 1] += 1;
            }
        }
        for k in 0..n {
            b.starts[k + 1] += b.starts[k];
        }
        let mut next: Vec<u32> = b.starts[..n].to_vec();
        b.items = vec![(0, 0); b.starts[n] as usize];
        for (i, &(first, end)) in slots.iter().enumerate() {
            for slot in &mut next[first..end] {
                b.items[*slot as usize] = (i as u32, first as u32);
                *slot += 1;
            }
        }
        b
    }

    fn slot(&self, y: f64) -> usize {
        // Truncation is the floor here (k > 0), and cheaper than `f64::floor`.
        let k = (y - self.y0) * self.inv_h;
        if k <= 0.0 {
            0
        } else {
            (k as usize).min(self.buckets() - 1)
        }
    }

    fn buckets(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn list(&self, k: usize) -> &[(u32, u32)] {
        &self.items[self.starts[k] as usize..self.starts[k + 1] as usize]
    }

    /// Calls `f` once for every item whose span may meet [y1, y2].
    pub(crate) fn visit(&self, y1: f64, y2: f64, mut f: impl FnMut(usize)) {
        if self.buckets() == 0 || y2 < y1 {
            return;
        }
        let (first, last) = (self.slot(y1), self.slot(y2));
        for k in first..=last {
            for &(item, from) in self.list(k) {
                if from as usize == k || k == first {
                    f(item as usize);
                }
            }
        }
    }

    /// Calls `f` for every item whose span contains y (each once: one bucket).
    pub(crate) fn at(&self, y: f64, mut f: impl FnMut(usize)) {
        if self.buckets() == 0 {
            return;
        }
        for &(item, _) in self.list(self.slot(y)) {
            f(item as usize);
        }
    }
}

use super::frame::{Intervals, Scratch, Shape};

/// Many small shapes of one frame (placed stalls, their aisle strips) with a bucket index, so a
/// band query looks only at the shapes near it.
#[derive(Debug, Default)]
pub(crate) struct ShapeSet {
    shapes: Vec<Shape>,
    index: Buckets,
}

impl ShapeSet {
    pub(crate) fn new(shapes: Vec<Shape>) -> ShapeSet {
        let spans: Vec<(f64, f64)> = shapes.iter().map(|s| (s.min.y, s.max.y)).collect();
        ShapeSet {
            index: Buckets::new(&spans, 2.0),
            shapes,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// X-intervals where some shape meets the open band (y1, y2).
    pub(crate) fn touched(&self, y1: f64, y2: f64, scratch: &mut Scratch, out: &mut Intervals) {
        self.index.visit(y1, y2, |i| {
            self.shapes[i].touched(y1, y2, scratch, out);
        });
    }
}
