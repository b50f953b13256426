//! Rows that follow a winding boundary: stalls set one after another along each run of the
//! site's rings (from one corner to the next, longest runs first), each stall's back on the
//! chord of the ring ahead of it (the clearance inside), its front facing inward, so the row
//! turns with every bend of a riverside path or a round plaza. The straight rows of
//! [`super::street::fill_edges`] run along one edge each and stop at its ends: on an outline
//! drawn with many short edges they leave the bends empty.
//!
//! Each stall is checked as a hand-drawn one would be ([`crate::stall_rules`]): on the ground
//! with the clearance, clear of the zones to keep clear; and as the engine keeps every stall:
//! over no stall or aisle already placed, no stall in its own aisle, that aisle on the site.

use super::plaza::Dims;
use super::rows::Placed;
use crate::geometry::clipped_area;
use crate::stall_rules::{self, Ground, StallRules, TOLERANCE_M, dist, quad_polygon};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use std::collections::HashMap;

/// How far the walker moves along the ring when the ground refuses a stall there, metres.
const STEP_M: f64 = 0.25;
/// When a stall or aisle is in the way the walker moves past how far it reaches (past a
/// neighbour's front corner on an outward bend: a few centimetres), plus this, metres.
const PAST_M: f64 = 0.005;
/// Shapes that share an edge touch; the overlap tests look at them pulled in by this much
/// (metres). The engine's own stalls meet exactly, unlike stored ones (stall_rules' 2 cm).
const TOUCH_M: f64 = 1e-4;
/// An overlap of more than this (m²) of the pulled-in shapes is an overlap.
const OVERLAP_M2: f64 = 1e-9;
/// What a stall keeps from the ground's edges beyond the clearance, metres (see `rules`).
const SLACK_M: f64 = 0.001;
/// A ring turning by more than this at a vertex has a corner there: rows run between
/// corners, not round them (degrees).
const CORNER_DEG: f64 = 35.0;
/// A chord must be found within this many stall widths of ring: farther, the ring has doubled
/// back (a hairpin), and no stall stands across it.
const MAX_ARC_WIDTHS: f64 = 3.0;

/// Stalls and aisles already on the ground, filed in square cells for the overlap tests.
struct Placement {
    cell: f64,
    cells: HashMap<(i64, i64), Vec<usize>>,
    items: Vec<Item>,
}

/// A placed stall and its aisle strip (rings without the closing point), and the box of both.
struct Item {
    stall: Vec<Coord<f64>>,
    aisle: Vec<Coord<f64>>,
    lo: Coord<f64>,
    hi: Coord<f64>,
}

fn ring_of(p: &Polygon<f64>) -> Vec<Coord<f64>> {
    let mut v = p.exterior().0.clone();
    if v.len() > 1 && v.first() == v.last() {
        v.pop();
    }
    v
}

/// The corners of the box around `points` (at least one).
fn span(points: &[Coord<f64>]) -> (Coord<f64>, Coord<f64>) {
    let (mut lo, mut hi) = (points[0], points[0]);
    for c in &points[1..] {
        (lo.x, lo.y) = (lo.x.min(c.x), lo.y.min(c.y));
        (hi.x, hi.y) = (hi.x.max(c.x), hi.y.max(c.y));
    }
    (lo, hi)
}

impl Placement {
    fn new(cell: f64) -> Placement {
        Placement {
            cell,
            cells: HashMap::new(),
            items: Vec::new(),
        }
    }

    fn keys(&self, points: &[Coord<f64>]) -> impl Iterator<Item = (i64, i64)> + use<> {
        let (lo, hi) = span(points);
        let k = |v: f64| (v / self.cell).floor() as i64;
        let (x0, x1, y0, y1) = (k(lo.x), k(hi.x), k(lo.y), k(hi.y));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, stall: Vec<Coord<f64>>, aisle: Vec<Coord<f64>>) {
        let id = self.items.len();
        let both: Vec<Coord<f64>> = stall.iter().chain(&aisle).copied().collect();
        if both.is_empty() {
            return;
        }
        // A shape too large to file (a run along a whole row) goes under each of its cells.
        for key in self.keys(&both).collect::<Vec<_>>() {
            self.cells.entry(key).or_default().push(id);
        }
        let (lo, hi) = span(&both);
        self.items.push(Item {
            stall,
            aisle,
            lo,
            hi,
        });
    }

    /// What the new stall or its aisle meets of what is placed (a stall over a stall or in an
    /// aisle, or a stall in the new aisle; aisles may share ground): how far along `u` from
    /// `from` the first such shape reaches, so the walker can step past it at once.
    fn blocker(
        &self,
        stall: &[Coord<f64>; 4],
        aisle: &[Coord<f64>; 4],
        from: Coord<f64>,
        u: Coord<f64>,
    ) -> Option<f64> {
        let (core, walk) = (
            stall_rules::inset(stall, TOUCH_M),
            stall_rules::inset(aisle, TOUCH_M),
        );
        let both = [stall[0], stall[1], stall[2], stall[3], aisle[2], aisle[3]];
        let (lo, hi) = span(&both);
        let mut seen: Vec<usize> = self
            .keys(&both)
            .flat_map(|k| self.cells.get(&k))
            .flatten()
            .copied()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let reach = |ring: &[Coord<f64>]| {
            ring.iter()
                .map(|c| (c.x - from.x) * u.x + (c.y - from.y) * u.y)
                .fold(f64::NEG_INFINITY, f64::max)
        };
        seen.into_iter().find_map(|i| {
            let item = &self.items[i];
            if item.lo.x > hi.x || item.lo.y > hi.y || item.hi.x < lo.x || item.hi.y < lo.y {
                return None;
            }
            let (s, a) = (&item.stall, &item.aisle);
            if clipped_area(s, &core) > OVERLAP_M2 || clipped_area(s, &walk) > OVERLAP_M2 {
                Some(reach(s))
            } else if clipped_area(a, &core) > OVERLAP_M2 {
                Some(reach(a))
            } else {
                None
            }
        })
    }
}

/// A closed ring walked by arc length.
struct Walk<'a> {
    pts: &'a [Coord<f64>],
    /// Arc length at each point.
    at: Vec<f64>,
    length: f64,
}

impl<'a> Walk<'a> {
    fn new(ring: &'a LineString<f64>) -> Walk<'a> {
        let pts = &ring.0[..];
        let mut at = Vec::with_capacity(pts.len());
        let mut s = 0.0;
        for (k, p) in pts.iter().enumerate() {
            if k > 0 {
                s += dist(pts[k - 1], *p);
            }
            at.push(s);
        }
        Walk { pts, at, length: s }
    }

    /// The segment holding arc length `s` (taken modulo the length).
    fn segment(&self, s: f64) -> usize {
        let s = s.rem_euclid(self.length);
        let k = self.at.partition_point(|&v| v <= s);
        k.saturating_sub(1).min(self.pts.len() - 2)
    }

    fn point(&self, s: f64) -> Coord<f64> {
        let s = s.rem_euclid(self.length);
        let k = self.segment(s);
        let (a, b) = (self.pts[k], self.pts[k + 1]);
        let len = self.at[k + 1] - self.at[k];
        if len <= 0.0 {
            return a;
        }
        a + (b - a) * ((s - self.at[k]) / len)
    }

    /// The first point ahead of arc length `s` at distance `w` from the point at `s`, with its
    /// arc length (not reduced), and the vertices passed on the way (which may bulge inside
    /// the chord). None where the ring doubles back before it gets that far.
    fn chord(&self, s: f64, w: f64) -> Option<(Coord<f64>, f64, Vec<Coord<f64>>)> {
        let p = self.point(s);
        let n = self.pts.len() - 1;
        let mut k = self.segment(s);
        let mut base = s - s.rem_euclid(self.length);
        let mut passed = Vec::new();
        let mut from = p;
        let mut from_at = s;
        loop {
            let b = self.pts[k + 1];
            let b_at = base + self.at[k + 1];
            if from_at - s > MAX_ARC_WIDTHS * w {
                return None;
            }
            if dist(b, p) >= w {
                let (d, e) = (b - from, from - p);
                let dd = d.x * d.x + d.y * d.y;
                let de = d.x * e.x + d.y * e.y;
                let ee = e.x * e.x + e.y * e.y;
                let disc = de * de - dd * (ee - w * w);
                if dd <= 0.0 || disc < 0.0 {
                    return None;
                }
                let t = ((-de + disc.sqrt()) / dd).clamp(0.0, 1.0);
                return Some((from + d * t, from_at + (b_at - from_at) * t, passed));
            }
            passed.push(b);
            from = b;
            from_at = b_at;
            k += 1;
            if k == n {
                k = 0;
                base += self.length;
            }
        }
    }

    /// The ring's runs, as arc lengths (start, end; the end past the length where a run goes
    /// round the ring's start): the stretches between its corners, where it turns by more
    /// than [`CORNER_DEG`] at one vertex. A ring with no corner is one run from where it turns
    /// most, round the whole ring.
    fn runs(&self) -> Vec<(f64, f64)> {
        let n = self.pts.len() - 1;
        let turns: Vec<f64> = (0..n)
            .map(|k| {
                let (a, b, c) = (self.pts[(k + n - 1) % n], self.pts[k], self.pts[k + 1]);
                let (u, v) = (b - a, c - b);
                (u.x * v.y - u.y * v.x).atan2(u.x * v.x + u.y * v.y).abs()
            })
            .collect();
        let corners: Vec<usize> = (0..n)
            .filter(|&k| turns[k] > CORNER_DEG.to_radians())
            .collect();
        if corners.is_empty() {
            let k = (0..n)
                .max_by(|&i, &j| turns[i].total_cmp(&turns[j]))
                .unwrap_or(0);
            return vec![(self.at[k], self.at[k] + self.length)];
        }
        (0..corners.len())
            .map(|i| {
                let (from, to) = (
                    self.at[corners[i]],
                    self.at[corners[(i + 1) % corners.len()]],
                );
                (from, if to > from { to } else { to + self.length })
            })
            .collect()
    }
}

/// A stall that fits where the walker stands: it and its aisle, where along
/// the ring it ends, and the way it faces.
struct Fit {
    stall: [Coord<f64>; 4],
    aisle: [Coord<f64>; 4],
    end_at: f64,
    facing: Coord<f64>,
}

/// What a new stall is checked against: the ground with the clearance, and the site for its
/// aisle.
struct Rules<'a> {
    on_site: Ground<'a>,
    stall: StallRules,
    walkway: Ground<'a>,
    aisle: StallRules,
}

impl<'a> Rules<'a> {
    fn new(region: &'a MultiPolygon<f64>, keep_clear: &'a [Polygon<f64>], dims: &Dims) -> Self {
        // The rules forgive stored stalls 2 cm (their rounding); the engine's own keep the
        // full clearance: asked for that much more, the rules hold a stall to the clearance
        // plus `SLACK_M`, and the stalls stand twice that farther in.
        Rules {
            on_site: Ground {
                site: region,
                exclusions: keep_clear,
            },
            stall: StallRules {
                edge_clearance_m: dims.c + TOLERANCE_M + SLACK_M,
                aisle_width_m: dims.a,
            },
            walkway: Ground {
                site: region,
                exclusions: &[],
            },
            aisle: StallRules {
                edge_clearance_m: TOLERANCE_M + SLACK_M,
                aisle_width_m: dims.a,
            },
        }
    }

    /// The stall whose back starts at arc length `s` of `walk` and ends by `end`, or why not:
    /// how far along the ring the shape in its way reaches (None: the ground refuses it).
    fn try_at(
        &self,
        walk: &Walk,
        s: f64,
        end: f64,
        index: &Placement,
        dims: &Dims,
    ) -> Result<Fit, Option<f64>> {
        let (q, end_at, passed) = walk.chord(s, dims.w).ok_or(None)?;
        if end_at > end + 1e-9 {
            return Err(None);
        }
        let p = walk.point(s);
        let u = (q - p) / dims.w;
        let n = Coord { x: -u.y, y: u.x };
        // Vertices passed that bulge inward push the row in, to keep the clearance.
        let bulge = passed
            .iter()
            .map(|v| (v.x - p.x) * n.x + (v.y - p.y) * n.y)
            .fold(0.0f64, f64::max);
        let back = dims.c + 2.0 * SLACK_M + bulge;
        let (front, far) = (back + dims.d, back + dims.d + dims.a);
        let stall = [p + n * back, q + n * back, q + n * front, p + n * front];
        let aisle = [p + n * front, q + n * front, q + n * far, p + n * far];
        if let Some(reach) = index.blocker(&stall, &aisle, p, u) {
            return Err(Some(reach));
        }
        let fits = stall_rules::check_stall(&stall, self.on_site, self.stall, &[]).is_ok()
            && stall_rules::check_stall(&aisle, self.walkway, self.aisle, &[]).is_ok();
        if !fits {
            return Err(None);
        }
        Ok(Fit {
            stall,
            aisle,
            end_at,
            facing: n,
        })
    }
}

/// Adds rows that follow the boundary rings of `region` (oriented: the interior on the left of
/// each ring), around `placed` stalls and aisles and off the `keep_clear` zones. Returns the
/// new rows (stalls set one after another without a gap) and their aisle strips.
pub(crate) fn follow_rings(
    region: &MultiPolygon<f64>,
    keep_clear: &[Polygon<f64>],
    placed: &[Placed],
    dims: &Dims,
) -> (Vec<Vec<Placed>>, Vec<Polygon<f64>>) {
    let mut index = Placement::new(dims.w + dims.d + dims.a);
    for p in placed {
        index.add(ring_of(&p.stall), ring_of(&p.aisle));
    }
    let rules = Rules::new(region, keep_clear, dims);
    let (mut rows, mut strips) = (Vec::new(), Vec::new());
    let rings = region
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    let walks: Vec<Walk> = rings
        .filter(|r| r.0.len() >= 4)
        .map(Walk::new)
        .filter(|w| w.length >= dims.w)
        .collect();
    // The longest runs first, as the straight rows take the longest edges first: a street's
    // two sides before the stubs across its ends, which then only fill what the sides leave.
    let mut runs: Vec<(usize, f64, f64)> = walks
        .iter()
        .enumerate()
        .flat_map(|(i, w)| w.runs().into_iter().map(move |(a, b)| (i, a, b)))
        .collect();
    runs.sort_by(|x, y| (y.2 - y.1).total_cmp(&(x.2 - x.1)));
    for (i, start, end) in runs {
        let walk = &walks[i];
        let mut s = start;
        let mut row: Vec<Placed> = Vec::new();
        let mut row_end = start;
        while s < end {
            match rules.try_at(walk, s, end, &index, dims) {
                Ok(fit) => {
                    // A row runs on over the wedges an outward bend opens between its stalls;
                    // a gap a stall wide ends it.
                    if s - row_end > dims.w && !row.is_empty() {
                        rows.push(std::mem::take(&mut row));
                    }
                    row_end = fit.end_at;
                    index.add(fit.stall.to_vec(), fit.aisle.to_vec());
                    strips.push(quad_polygon(&fit.aisle));
                    row.push(Placed {
                        stall: quad_polygon(&fit.stall),
                        aisle: quad_polygon(&fit.aisle),
                        facing_deg: fit
                            .facing
                            .y
                            .atan2(fit.facing.x)
                            .to_degrees()
                            .rem_euclid(360.0),
                    });
                    s = fit.end_at;
                }
                Err(reach) => {
                    // Moving on by an arc length moves the stall at most as far along `u`: a
                    // stall that starts before the blocker's far end still meets it (on a
                    // straight edge; on a bend the step may pass a place that would have fit).
                    // A shape beside the stall rather than ahead (reaching no farther than
                    // its start) and refusing ground move it on by a step.
                    s += match reach {
                        Some(reach) if reach > 0.0 => reach + PAST_M,
                        _ => STEP_M,
                    };
                }
            }
        }
        if !row.is_empty() {
            rows.push(row);
        }
    }
    (rows, strips)
}
