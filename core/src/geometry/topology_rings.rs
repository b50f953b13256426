//! The bookkeeping of [`super::topology`]: the points where rings touch (merged when closer
//! than the tolerance), the graph they form per polygon and its first cycle, and which side of a
//! ring a point lies on.

use super::topology::{RingId, dist};
use geo::Coord;
use std::collections::{HashMap, HashSet};

/// The points where two different rings touch.
pub(super) struct Nodes {
    eps: f64,
    cell: f64,
    /// One point per merged touching point.
    points: Vec<Coord<f64>>,
    grid: HashMap<(i64, i64), Vec<usize>>,
    /// (ring, point): the ring passes through the point; only pairs of rings of one polygon.
    edges: Vec<(RingId, usize)>,
    /// Every touching point of a ring, whichever ring it touches.
    touched: HashMap<RingId, Vec<Coord<f64>>>,
}

impl Nodes {
    pub(super) fn new(eps: f64) -> Self {
        Nodes {
            eps,
            cell: (2.0 * eps).max(f64::MIN_POSITIVE),
            points: Vec::new(),
            grid: HashMap::new(),
            edges: Vec::new(),
            touched: HashMap::new(),
        }
    }

    fn key(&self, p: Coord<f64>) -> (i64, i64) {
        (
            (p.x / self.cell).floor() as i64,
            (p.y / self.cell).floor() as i64,
        )
    }

    /// The merged point `p` belongs to, created if new.
    fn cluster(&mut self, p: Coord<f64>) -> usize {
        let (kx, ky) = self.key(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let k = (kx.saturating_add(dx), ky.saturating_add(dy));
                if let Some(found) = self.grid.get(&k).and_then(|ids| {
                    ids.iter()
                        .copied()
                        .find(|&i| dist(self.points[i], p) <= 2.0 * self.eps)
                }) {
                    return found;
                }
            }
        }
        self.points.push(p);
        let id = self.points.len() - 1;
        self.grid.entry((kx, ky)).or_default().push(id);
        id
    }

    /// Rings `a` and `b` (different rings) touch at `p`.
    pub(super) fn add(&mut self, a: RingId, b: RingId, p: Coord<f64>) {
        let c = self.cluster(p);
        self.touched.entry(a).or_default().push(p);
        self.touched.entry(b).or_default().push(p);
        if a.polygon == b.polygon {
            self.edges.push((a, c));
            self.edges.push((b, c));
        }
    }

    /// Where ring `id` touches other rings.
    pub(super) fn touching(&self, id: RingId) -> &[Coord<f64>] {
        self.touched.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A point of `ring` (closed) that touches no other ring: a corner if one is free, else the
    /// middle of an edge.
    pub(super) fn test_point(&self, ring: &[Coord<f64>], id: RingId) -> Coord<f64> {
        let touched = self.touching(id);
        let free = |p: &Coord<f64>| touched.iter().all(|&q| dist(*p, q) > 2.0 * self.eps);
        if let Some(p) = ring.iter().find(|p| free(p)) {
            return *p;
        }
        let mids = ring.windows(2).map(|w| Coord {
            x: (w[0].x + w[1].x) / 2.0,
            y: (w[0].y + w[1].y) / 2.0,
        });
        let mut first = None;
        for m in mids {
            if free(&m) {
                return m;
            }
            first.get_or_insert(m);
        }
        first.unwrap_or(ring[0])
    }

    /// The first polygon whose touching rings close a cycle (its interior falls apart), and
    /// the point that closes it.
    pub(super) fn first_cycle(&self) -> Option<(usize, Coord<f64>)> {
        let mut edges: Vec<(RingId, usize)> = self.edges.clone();
        edges.sort_by_key(|&(r, c)| (r.polygon, c, r.ring));
        let mut seen = HashSet::new();
        let mut parent: HashMap<Node, Node> = HashMap::new();
        for (ring, c) in edges {
            if !seen.insert((ring, c)) {
                continue;
            }
            let a = find(&mut parent, Node::Ring(ring));
            let b = find(&mut parent, Node::Point(ring.polygon, c));
            if a == b {
                return Some((ring.polygon, self.points[c]));
            }
            parent.insert(a, b);
        }
        None
    }
}

/// A node of the touching graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Node {
    Ring(RingId),
    Point(usize, usize),
}

fn find(parent: &mut HashMap<Node, Node>, n: Node) -> Node {
    let mut root = n;
    while let Some(&p) = parent.get(&root) {
        root = p;
    }
    let mut cur = n;
    while let Some(&p) = parent.get(&cur) {
        parent.insert(cur, root);
        cur = p;
    }
    root
}

/// Whether `p` (on no edge of it) lies inside the closed ring, by counting crossings.
pub(super) fn inside_ring(p: Coord<f64>, ring: &[Coord<f64>]) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.y > p.y) != (b.y > p.y) {
            let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
            if p.x < x {
                inside = !inside;
            }
        }
    }
    inside
}
