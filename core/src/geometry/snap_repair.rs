//! After rounding: where two stalls meet without sharing corners (rows at different angles, new
//! stalls against locked ones), rounding each corner to the nearest 1e-7° can carry it up to
//! ~7 mm into the neighbour: along a 2 m side that is a sliver of 100 cm² and more. Such a
//! corner is moved to a stored corner of a fixed stall nearby (sharing it) or to another grid
//! point around its true place, the first of those, nearest first, that leaves no overlap.
//! A shared corner is one point, so the stalls sharing it move together and still share it; the
//! stored corners of fixed stalls never move.

use super::projection::LocalProjection;
use super::stall_boxes::{Boxed, box_index, overlap, separated};
use geo::{Area, BooleanOps, BoundingRect, Coord, Distance, Euclidean, LineString, Point, Polygon};
use rstar::{AABB, RTree};

#[path = "snap_cost.rs"]
mod cost;
#[path = "snap_jointly.rs"]
mod jointly;
#[path = "snap_untangle.rs"]
mod untangle;

/// A corner this near a stall it is not a corner of is looked at, metres: rounding moves a
/// corner by at most ~8 mm, another grid point is at most ~2.5 cm from its true place.
const NEAR_M: f64 = 0.03;
/// Overlap below this is none (noise of the boolean operations), m²: 0.0001 cm².
const NOISE_M2: f64 = 1e-8;
/// The grid of the stored coordinates, degrees.
const STEP: f64 = 1e-7;
/// How many grid steps a corner may move from its nearest grid point: two reach past the
/// 1.5 cm by which new stalls may come into a locked one.
const REACH: i32 = 2;
/// The largest overlap the last resort cuts away, m² (20 cm²; what was left before it was
/// at most 10.91 cm² over the corpus at every density of locking).
const CLIP_MAX_M2: f64 = 0.002;
/// Passes over the corners at most.
const PASSES: usize = 8;

/// The rounded points of a site's stalls, and the stalls made of them.
pub(super) struct Rounded<'a> {
    /// Each merged point's true place, local metres.
    pub points: Vec<Coord<f64>>,
    /// Each merged point's rounded WGS-84 coordinates (what is stored).
    pub wgs: Vec<Coord<f64>>,
    /// Whether a point may move (corners of fixed stalls may not).
    pub movable: Vec<bool>,
    /// For each point, the stored corners of fixed stalls it may take, the nearest first.
    pub pins: Vec<Vec<Coord<f64>>>,
    /// The new stalls as rings of point ids.
    pub rings: Vec<Vec<usize>>,
    /// The new stalls as laid out, local metres.
    pub exact: &'a [Polygon<f64>],
    /// The fixed stalls as stored, local metres.
    pub fixed: &'a [Polygon<f64>],
}

/// The stalls near one another: new ones are `0..n`, fixed ones `n..`.
struct Near<'r, 'a> {
    r: &'r mut Rounded<'a>,
    proj: &'r LocalProjection,
    tree: RTree<Boxed>,
    /// The new stalls each point is a corner of.
    users: Vec<Vec<usize>>,
    /// The stalls next to each new stall.
    neighbours: Vec<Vec<usize>>,
    /// Overlapping pairs no move of two corners parted: not tried again.
    tried_jointly: std::collections::BTreeSet<(usize, usize)>,
    /// The fixed stalls' stored corners by cells of [`NEAR_M`] (their true places are where
    /// they are stored).
    stored: std::collections::HashMap<(i64, i64), Vec<usize>>,
    /// Each point's rounded place and that place in local metres: a try measures the same
    /// corners many times over, and projecting them back is trigonometry.
    local: std::cell::RefCell<Vec<(Coord<f64>, Coord<f64>)>>,
}

impl Near<'_, '_> {
    fn n(&self) -> usize {
        self.r.rings.len()
    }

    fn exact(&self, i: usize) -> &Polygon<f64> {
        if i < self.n() {
            &self.r.exact[i]
        } else {
            &self.r.fixed[i - self.n()]
        }
    }

    /// Point `p` where it is rounded to now, in local metres.
    fn local_of(&self, p: usize) -> Coord<f64> {
        let at = self.r.wgs[p];
        let mut cache = self.local.borrow_mut();
        if cache.len() <= p {
            // Points added by the repair (a corner parted from a neighbour's) come last.
            let nowhere = Coord {
                x: f64::NAN,
                y: f64::NAN,
            };
            cache.resize(p + 1, (nowhere, nowhere));
        }
        let (was, local) = cache[p];
        if was == at {
            return local;
        }
        let local = self.proj.to_local(at);
        cache[p] = (at, local);
        local
    }

    /// Stall `i` as it will be stored, in local metres.
    fn rounded(&self, i: usize) -> Polygon<f64> {
        if i >= self.n() {
            return self.r.fixed[i - self.n()].clone();
        }
        let mut ring: Vec<Coord<f64>> = self.r.rings[i].iter().map(|&p| self.local_of(p)).collect();
        if let Some(&first) = ring.first() {
            ring.push(first);
        }
        Polygon::new(LineString(ring), vec![])
    }

    /// The pairs of stalls (the first a new one) that overlap once rounded.
    fn overlapping(&self) -> Vec<(usize, usize)> {
        let n = self.n();
        let rounded: Vec<Polygon<f64>> = (0..n).map(|i| self.rounded(i)).collect();
        let get = |i: usize| {
            if i < n {
                &rounded[i]
            } else {
                &self.r.fixed[i - n]
            }
        };
        let mut out = Vec::new();
        for a in 0..n {
            for &b in &self.neighbours[a] {
                if (b < n && b < a) || separated(get(a), get(b)) {
                    continue;
                }
                if overlap(get(a), get(b)) > NOISE_M2 {
                    out.push((a, b));
                }
            }
        }
        out
    }

    /// The movable corners of the new stalls among `pairs`.
    fn corners_of(&self, pairs: &[(usize, usize)]) -> Vec<usize> {
        let mut out: Vec<usize> = pairs
            .iter()
            .flat_map(|&(a, b)| [a, b])
            .filter(|&i| i < self.n())
            .flat_map(|i| self.r.rings[i].iter().copied())
            .filter(|&q| self.r.movable[q])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The last resort for a pair no move of shared corners parts (two fixed stalls a step
    /// apart, each pulling a corner the new stalls share its way): one of the new stalls gets
    /// a corner of its own, settled for it alone; whether one did.
    fn split(&mut self, pairs: &[(usize, usize)]) -> bool {
        let mut any = false;
        for &(a, b) in pairs {
            if self.pair_overlap(a, b) <= NOISE_M2 {
                continue;
            }
            let stalls: Vec<usize> = [a, b].into_iter().filter(|&i| i < self.n()).collect();
            'pair: for s in stalls {
                let ring = self.r.rings[s].clone();
                for q in ring {
                    if self.users[q].len() < 2 && self.r.movable[q] {
                        continue;
                    }
                    let own = self.r.points.len();
                    self.r.points.push(self.r.points[q]);
                    self.r.wgs.push(self.r.wgs[q]);
                    self.r.movable.push(true);
                    let mut pins = self.r.pins[q].clone();
                    if !self.r.movable[q] {
                        pins.insert(0, self.r.wgs[q]);
                    }
                    self.r.pins.push(pins);
                    self.users.push(vec![s]);
                    self.users[q].retain(|&u| u != s);
                    for p in self.r.rings[s].iter_mut().filter(|p| **p == q) {
                        *p = own;
                    }
                    self.settle_corner(own);
                    if self.cost(own) <= NOISE_M2 && self.cost(q) <= NOISE_M2 {
                        any = true;
                        break 'pair;
                    }
                    // No better alone: shared again.
                    for p in self.r.rings[s].iter_mut().filter(|p| **p == own) {
                        *p = q;
                    }
                    self.users[q].push(s);
                    self.users[q].sort_unstable();
                    self.users.pop();
                    self.r.pins.pop();
                    self.r.movable.pop();
                    self.r.wgs.pop();
                    self.r.points.pop();
                }
            }
        }
        any
    }

    /// The very last resort: new stall `a` loses what it shares with `b`, its new corners
    /// rounded to the nearest grid point outside `b`. Kept only if it then overlaps nothing,
    /// and only for a rounding's sliver: a stall drawn across its neighbour must stay so, for
    /// the editor to refuse it.
    fn clip(&mut self, a: usize, b: usize) {
        if self.pair_overlap(a, b) > CLIP_MAX_M2 {
            return;
        }
        let mine = self.rounded(a);
        let Some(rest) = mine
            .difference(&self.rounded(b))
            .0
            .into_iter()
            .max_by(|x, y| x.unsigned_area().total_cmp(&y.unsigned_area()))
        else {
            return;
        };
        let before = self.r.rings[a].clone();
        let (points, wgs, movable, pins) = (
            self.r.points.len(),
            self.r.wgs.len(),
            self.r.movable.len(),
            self.r.pins.len(),
        );
        let other = self.rounded(b);
        let inside = |c: Coord<f64>| {
            let p = Point(self.proj.to_local(c));
            geo::Contains::contains(&other, &p) && Euclidean.distance(&p, other.exterior()) > 1e-6
        };
        let mut ring = Vec::new();
        let ext = &rest.exterior().0;
        for v in &ext[..ext.len().saturating_sub(1)] {
            // A corner the stall had keeps its point; a cut corner is a new point.
            if let Some(&q) = before
                .iter()
                .find(|&&q| super::snap::dist(self.proj.to_local(self.r.wgs[q]), *v) < 1e-6)
            {
                ring.push(q);
                continue;
            }
            let truth = self.proj.to_wgs84(*v);
            let home = Coord {
                x: super::snap::round7(truth.x),
                y: super::snap::round7(truth.y),
            };
            let mut grid: Vec<Coord<f64>> = (-1..=1)
                .flat_map(|dx| (-1..=1).map(move |dy| (dx, dy)))
                .map(|(dx, dy)| Coord {
                    x: super::snap::round7(home.x + dx as f64 * STEP),
                    y: super::snap::round7(home.y + dy as f64 * STEP),
                })
                .collect();
            grid.sort_by(|p, q| {
                let d = |c: &Coord<f64>| (c.x - truth.x).hypot(c.y - truth.y);
                d(p).total_cmp(&d(q))
            });
            let Some(c) = grid.into_iter().find(|&c| !inside(c)) else {
                return;
            };
            ring.push(self.r.points.len());
            self.r.points.push(*v);
            self.r.wgs.push(c);
            self.r.movable.push(true);
            self.r.pins.push(Vec::new());
        }
        self.r.rings[a] = ring;
        if self.cost_of(&[a]) > NOISE_M2 {
            self.r.rings[a] = before;
            self.r.points.truncate(points);
            self.r.wgs.truncate(wgs);
            self.r.movable.truncate(movable);
            self.r.pins.truncate(pins);
        }
    }

    /// The fixed stalls' stored corners within `within` (at most [`NEAR_M`]) of `p`.
    fn stored_near(&self, p: Coord<f64>, within: f64) -> Vec<usize> {
        let (kx, ky) = cell(p);
        let mut out: Vec<usize> = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (kx + dx, ky + dy)))
            .filter_map(|k| self.stored.get(&k))
            .flatten()
            .copied()
            .filter(|&q| super::snap::dist(self.r.points[q], p) <= within)
            .collect();
        out.sort_unstable();
        out
    }

    fn pair_overlap(&self, a: usize, b: usize) -> f64 {
        overlap(&self.rounded(a), &self.rounded(b))
    }

    /// Whether corner `q` comes near a stall it is not a corner of: only there can rounding
    /// make an overlap.
    fn exposed(&self, q: usize) -> bool {
        let p = Point(self.r.points[q]);
        let envelope = AABB::from_corners(
            [p.x() - NEAR_M, p.y() - NEAR_M],
            [p.x() + NEAR_M, p.y() + NEAR_M],
        );
        self.tree
            .locate_in_envelope_intersecting(&envelope)
            .any(|g| {
                !self.users[q].contains(&g.data)
                    && Euclidean.distance(&p, self.exact(g.data)) <= NEAR_M
            })
    }

    /// Where corner `q` may go: the fixed corners it may share, then the grid points around
    /// its true place, each the nearest first.
    fn choices(&self, q: usize) -> Vec<Coord<f64>> {
        let truth = self.proj.to_wgs84(self.r.points[q]);
        let home = Coord {
            x: super::snap::round7(truth.x),
            y: super::snap::round7(truth.y),
        };
        let mut grid: Vec<(f64, Coord<f64>)> = (-REACH..=REACH)
            .flat_map(|dx| (-REACH..=REACH).map(move |dy| (dx, dy)))
            .map(|(dx, dy)| {
                let c = Coord {
                    x: super::snap::round7(home.x + dx as f64 * STEP),
                    y: super::snap::round7(home.y + dy as f64 * STEP),
                };
                ((c.x - truth.x).hypot(c.y - truth.y), c)
            })
            .collect();
        grid.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out = self.r.pins[q].clone();
        out.extend(grid.into_iter().map(|(_, c)| c));
        out
    }

    /// Moves corner `q` to its first choice that leaves no overlap, or else to the one leaving
    /// the least; whether it moved.
    fn settle_corner(&mut self, q: usize) -> bool {
        let now = self.r.wgs[q];
        let mut least = self.cost(q);
        if least <= NOISE_M2 {
            return false;
        }
        let mut best = now;
        for c in self.choices(q) {
            if c == now {
                continue;
            }
            self.r.wgs[q] = c;
            let with = |mine: &Polygon<f64>, b: usize| self.against(mine, b);
            let Some(cost) = self.try_cost(&self.users[q], least - NOISE_M2, with) else {
                continue;
            };
            if cost < least - NOISE_M2 {
                (least, best) = (cost, c);
                if least <= NOISE_M2 {
                    break;
                }
            }
        }
        self.r.wgs[q] = best;
        best != now
    }
}

fn cell(p: Coord<f64>) -> (i64, i64) {
    ((p.x / NEAR_M).floor() as i64, (p.y / NEAR_M).floor() as i64)
}

fn stored_cells(r: &Rounded<'_>) -> std::collections::HashMap<(i64, i64), Vec<usize>> {
    let mut cells: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    for (q, &p) in r.points.iter().enumerate() {
        if !r.movable[q] {
            cells.entry(cell(p)).or_default().push(q);
        }
    }
    cells
}

/// Moves rounded corners that overlap a neighbour (see the module's note).
pub(super) fn settle(r: &mut Rounded<'_>, proj: &LocalProjection) {
    let n = r.rings.len();
    let tree = box_index(r.exact.iter().chain(r.fixed.iter()));
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); r.wgs.len()];
    for (i, ring) in r.rings.iter().enumerate().take(n) {
        for &q in ring {
            if users[q].last() != Some(&i) {
                users[q].push(i);
            }
        }
    }
    let neighbours = r
        .exact
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let Some(b) = p.bounding_rect() else {
                return Vec::new();
            };
            let envelope = AABB::from_corners(
                [b.min().x - NEAR_M, b.min().y - NEAR_M],
                [b.max().x + NEAR_M, b.max().y + NEAR_M],
            );
            tree.locate_in_envelope_intersecting(&envelope)
                .map(|g| g.data)
                .filter(|&j| j != i)
                .collect()
        })
        .collect();
    let stored = stored_cells(r);
    let mut near = Near {
        r,
        proj,
        tree,
        users,
        neighbours,
        tried_jointly: Default::default(),
        stored,
        local: Default::default(),
    };
    let mut corners: Vec<usize> = (0..near.r.points.len())
        .filter(|&q| near.r.movable[q] && !near.users[q].is_empty() && near.exposed(q))
        .collect();
    for _ in 0..PASSES {
        let mut moved = false;
        for &q in &corners {
            moved |= near.settle_corner(q);
        }
        // A corner far from the stall it overlaps (a long side swung across a neighbour's
        // corner) is found from the overlap itself.
        let pairs = near.overlapping();
        if pairs.is_empty() {
            return;
        }
        let left = near.corners_of(&pairs);
        if !moved
            && left.iter().all(|q| corners.contains(q))
            && !near.settle_jointly(&pairs)
            && !near.split(&pairs)
        {
            break;
        }
        corners.extend(left);
        corners.sort_unstable();
        corners.dedup();
    }
    for (a, _) in near.overlapping() {
        near.unthread(a);
        near.rebuild(a);
    }
    for (a, b) in near.overlapping() {
        near.clip(a, b);
    }
}
