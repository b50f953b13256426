//! OGC simple-features validity of polygons as GEOS judges it, in one plane (local metres for a
//! site; the suites' own units in the tests).
//!
//! geo's `Validation` lets through what GEOS refuses (a hole touching the shell at two points,
//! holes that together cut the interior in two, a vertex lying on another edge of its own ring)
//! and is roughly quadratic. This check is O(n log n) in the vertices: every segment goes into an
//! R-tree, each pair of segments whose boxes meet is classified (crossing, running along,
//! touching at a point), and the touching points build the graph the interior-connectedness test
//! reads: rings and touching points are nodes, "ring passes through point" the edges; the
//! interior of a polygon falls apart exactly when that graph has a cycle. Points closer than
//! `tolerance` count as the same point, so a vertex drawn 1 µm from an edge touches it.

use super::topology_rings::{Nodes, inside_ring};
use geo::{Coord, MultiPolygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// One ring: `polygon` counts the members of a MultiPolygon (0 for a plain Polygon); `ring` 0 is
/// the shell, 1.. the holes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RingId {
    pub polygon: usize,
    pub ring: usize,
}

/// What is wrong, in GEOS's categories (see [`FaultKind::geos_reason`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// A coordinate is NaN or infinite.
    InvalidCoordinate { ring: RingId },
    /// Fewer than 3 distinct corners (4 positions with the closing one).
    TooFewPoints { ring: RingId, count: usize },
    /// The first and last positions differ.
    NotClosed { ring: RingId },
    /// The ring doubles back on itself at a corner (a zero-width spike).
    Spike { ring: RingId },
    /// The ring crosses itself or runs along itself.
    SelfCrossing { ring: RingId },
    /// The ring touches itself at a point (GEOS: "Ring Self-intersection").
    SelfTouch { ring: RingId },
    /// Two rings of one polygon cross or share a stretch of edge.
    RingsCross { a: RingId, b: RingId },
    /// Two members of a MultiPolygon cross or share a stretch of edge.
    PolygonsOverlap { a: usize, b: usize },
    /// A hole lies outside its shell.
    HoleOutsideShell { hole: RingId },
    /// A hole lies inside another hole.
    NestedHoles { inner: RingId, outer: RingId },
    /// A member of a MultiPolygon lies inside another member.
    NestedShells { inner: usize, outer: usize },
    /// Rings touching each other at points cut the polygon's interior in two.
    DisconnectedInterior { polygon: usize },
    /// All corners on one line.
    ZeroArea { ring: RingId },
}

impl FaultKind {
    /// GEOS's reason for the same fault (`explain_validity`), for comparing with the suites.
    pub fn geos_reason(&self) -> &'static str {
        match self {
            FaultKind::InvalidCoordinate { .. } => "Invalid Coordinate",
            FaultKind::TooFewPoints { .. } | FaultKind::NotClosed { .. } => {
                "Too few points in geometry component"
            }
            FaultKind::SelfTouch { .. } => "Ring Self-intersection",
            FaultKind::Spike { .. }
            | FaultKind::SelfCrossing { .. }
            | FaultKind::RingsCross { .. }
            | FaultKind::PolygonsOverlap { .. }
            | FaultKind::ZeroArea { .. } => "Self-intersection",
            FaultKind::HoleOutsideShell { .. } => "Hole lies outside shell",
            FaultKind::NestedHoles { .. } => "Holes are nested",
            FaultKind::NestedShells { .. } => "Nested shells",
            FaultKind::DisconnectedInterior { .. } => "Interior is disconnected",
        }
    }
}

/// A fault and where it is, in the plane's coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fault {
    pub kind: FaultKind,
    pub at: Coord<f64>,
}

/// A segment of a ring: `idx` counts segments after repeated positions are dropped.
#[derive(Debug, Clone, Copy)]
struct Seg {
    ring: RingId,
    idx: usize,
    a: Coord<f64>,
    b: Coord<f64>,
}

/// How two segments meet.
enum Meet {
    Touch(Coord<f64>),
    Overlap(Coord<f64>),
    Cross(Coord<f64>),
}

fn sub(a: Coord<f64>, b: Coord<f64>) -> Coord<f64> {
    Coord {
        x: a.x - b.x,
        y: a.y - b.y,
    }
}

fn cross(a: Coord<f64>, b: Coord<f64>) -> f64 {
    a.x * b.y - a.y * b.x
}

pub(super) fn dist(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// Distance from `p` to the segment `a`–`b`.
pub(super) fn dist_to_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let d = sub(b, a);
    let len2 = d.x * d.x + d.y * d.y;
    if len2 == 0.0 {
        return dist(p, a);
    }
    let t = (((p.x - a.x) * d.x + (p.y - a.y) * d.y) / len2).clamp(0.0, 1.0);
    dist(
        p,
        Coord {
            x: a.x + t * d.x,
            y: a.y + t * d.y,
        },
    )
}

fn classify(s: &Seg, t: &Seg, eps: f64) -> Option<Meet> {
    // The ends of either segment lying on the other, distinct points only (no allocation: this
    // runs for every pair of neighbouring segments).
    let mut on = [Coord::zero(); 4];
    let mut count = 0;
    for (p, a, b) in [
        (s.a, t.a, t.b),
        (s.b, t.a, t.b),
        (t.a, s.a, s.b),
        (t.b, s.a, s.b),
    ] {
        if dist_to_segment(p, a, b) <= eps && !on[..count].iter().any(|&q| dist(p, q) <= eps) {
            on[count] = p;
            count += 1;
        }
    }
    match count {
        0 => {}
        1 => return Some(Meet::Touch(on[0])),
        _ => return Some(Meet::Overlap(on[0])),
    }
    let r = sub(s.b, s.a);
    let q = sub(t.b, t.a);
    let o1 = cross(r, sub(t.a, s.a));
    let o2 = cross(r, sub(t.b, s.a));
    let o3 = cross(q, sub(s.a, t.a));
    let o4 = cross(q, sub(s.b, t.a));
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        let k = o3 / (o3 - o4);
        return Some(Meet::Cross(Coord {
            x: s.a.x + k * r.x,
            y: s.a.y + k * r.y,
        }));
    }
    None
}

/// The rings of every polygon with repeated positions dropped, closed; or the first fault of
/// coordinates, closure or size.
fn clean_rings(mp: &MultiPolygon<f64>) -> Result<Vec<Vec<Vec<Coord<f64>>>>, Fault> {
    let mut out = Vec::with_capacity(mp.0.len());
    for (pi, p) in mp.0.iter().enumerate() {
        let mut rings = Vec::new();
        for (ri, r) in std::iter::once(p.exterior())
            .chain(p.interiors())
            .enumerate()
        {
            let ring = RingId {
                polygon: pi,
                ring: ri,
            };
            let first = r.0.first().copied().unwrap_or_default();
            if let Some(bad) = r.0.iter().find(|c| !c.x.is_finite() || !c.y.is_finite()) {
                let at = if bad.x.is_finite() && bad.y.is_finite() {
                    *bad
                } else {
                    first
                };
                return Err(Fault {
                    kind: FaultKind::InvalidCoordinate { ring },
                    at,
                });
            }
            let mut pts: Vec<Coord<f64>> = Vec::with_capacity(r.0.len());
            for &c in &r.0 {
                if pts.last() != Some(&c) {
                    pts.push(c);
                }
            }
            if pts.len() >= 2 && pts.first() != pts.last() {
                return Err(Fault {
                    kind: FaultKind::NotClosed { ring },
                    at: first,
                });
            }
            if pts.len() < 4 {
                return Err(Fault {
                    kind: FaultKind::TooFewPoints {
                        ring,
                        count: pts.len(),
                    },
                    at: first,
                });
            }
            rings.push(pts);
        }
        out.push(rings);
    }
    Ok(out)
}

/// A corner where the ring folds back onto the edge it came along.
fn spike(pts: &[Coord<f64>], ring: RingId, eps: f64) -> Result<(), Fault> {
    let n = pts.len() - 1;
    for k in 0..n {
        let u = pts[(k + n - 1) % n];
        let v = pts[k];
        let w = pts[(k + 1) % n];
        let folds = (dist(w, v) > eps && dist_to_segment(w, u, v) <= eps)
            || (dist(u, v) > eps && dist_to_segment(u, v, w) <= eps);
        if folds {
            return Err(Fault {
                kind: FaultKind::Spike { ring },
                at: v,
            });
        }
    }
    Ok(())
}

/// The two neighbours of point `p` along the ring of `s`: the segment's ends when `p` lies inside
/// it, or the corners before and after when `p` is one of its ends.
fn neighbours(
    rings: &[Vec<Vec<Coord<f64>>>],
    s: &Seg,
    p: Coord<f64>,
    eps: f64,
) -> (Coord<f64>, Coord<f64>) {
    let pts = &rings[s.ring.polygon][s.ring.ring];
    let n = pts.len() - 1;
    if dist(p, s.a) <= eps {
        (pts[(s.idx + n - 1) % n], s.b)
    } else if dist(p, s.b) <= eps {
        (s.a, pts[(s.idx + 2) % n])
    } else {
        (s.a, s.b)
    }
}

/// Whether ring B passes from one side of ring A to the other at `p` (A's edges from `p` go to
/// `a0`, `a1`; B's to `b0`, `b1`).
fn crosses_at(p: Coord<f64>, a: (Coord<f64>, Coord<f64>), b: (Coord<f64>, Coord<f64>)) -> bool {
    let angle = |q: Coord<f64>| (q.y - p.y).atan2(q.x - p.x);
    let tau = std::f64::consts::TAU;
    let from = angle(a.0);
    let span = (angle(a.1) - from).rem_euclid(tau);
    let side = |q: Coord<f64>| {
        let d = (angle(q) - from).rem_euclid(tau);
        d > 0.0 && d < span
    };
    side(b.0) != side(b.1)
}

/// Checks OGC validity of `mp` in its own plane; `tolerance` is the distance under which two
/// points are one (1 µm for a site in metres).
pub fn check_ogc_validity(mp: &MultiPolygon<f64>, tolerance: f64) -> Result<(), Fault> {
    let eps = tolerance.max(0.0);
    let rings = clean_rings(mp)?;
    for (pi, poly) in rings.iter().enumerate() {
        for (ri, pts) in poly.iter().enumerate() {
            spike(
                pts,
                RingId {
                    polygon: pi,
                    ring: ri,
                },
                eps,
            )?;
        }
    }
    let mut segs = Vec::new();
    for (pi, poly) in rings.iter().enumerate() {
        for (ri, pts) in poly.iter().enumerate() {
            for (idx, w) in pts.windows(2).enumerate() {
                segs.push(Seg {
                    ring: RingId {
                        polygon: pi,
                        ring: ri,
                    },
                    idx,
                    a: w[0],
                    b: w[1],
                });
            }
        }
    }
    let boxes: Vec<GeomWithData<Rectangle<[f64; 2]>, usize>> = segs
        .iter()
        .enumerate()
        .map(|(i, s)| GeomWithData::new(Rectangle::from_corners([s.a.x, s.a.y], [s.b.x, s.b.y]), i))
        .collect();
    let tree = RTree::bulk_load(boxes);
    // Faults found among pairs: (priority, ring ids, segment, fault); the smallest wins, so the
    // answer does not depend on the tree's order.
    let mut found: Option<((u8, RingId, usize), Fault)> = None;
    let mut keep = |key: (u8, RingId, usize), fault: Fault| {
        if found.as_ref().is_none_or(|(k, _)| key < *k) {
            found = Some((key, fault));
        }
    };
    let mut nodes = Nodes::new(eps);
    for (i, s) in segs.iter().enumerate() {
        let lo = [s.a.x.min(s.b.x) - eps, s.a.y.min(s.b.y) - eps];
        let hi = [s.a.x.max(s.b.x) + eps, s.a.y.max(s.b.y) + eps];
        for cand in tree.locate_in_envelope_intersecting(&AABB::from_corners(lo, hi)) {
            let j = cand.data;
            if j <= i {
                continue;
            }
            let t = &segs[j];
            let same_ring = s.ring == t.ring;
            if same_ring {
                let n = rings[s.ring.polygon][s.ring.ring].len() - 1;
                if (s.idx + 1) % n == t.idx || (t.idx + 1) % n == s.idx {
                    continue; // neighbours along the ring: folds were checked as spikes
                }
            }
            let Some(meet) = classify(s, t, eps) else {
                continue;
            };
            let key = |p: u8| (p, s.ring.min(t.ring), s.idx.min(t.idx));
            let pair_kind = if same_ring {
                FaultKind::SelfCrossing { ring: s.ring }
            } else if s.ring.polygon == t.ring.polygon {
                FaultKind::RingsCross {
                    a: s.ring,
                    b: t.ring,
                }
            } else {
                FaultKind::PolygonsOverlap {
                    a: s.ring.polygon,
                    b: t.ring.polygon,
                }
            };
            match meet {
                Meet::Cross(at) | Meet::Overlap(at) => keep(
                    key(0),
                    Fault {
                        kind: pair_kind,
                        at,
                    },
                ),
                Meet::Touch(at) if same_ring => keep(
                    key(2),
                    Fault {
                        kind: FaultKind::SelfTouch { ring: s.ring },
                        at,
                    },
                ),
                Meet::Touch(at) => {
                    let na = neighbours(&rings, s, at, eps);
                    let nb = neighbours(&rings, t, at, eps);
                    if crosses_at(at, na, nb) {
                        keep(
                            key(1),
                            Fault {
                                kind: pair_kind,
                                at,
                            },
                        );
                    }
                    nodes.add(s.ring, t.ring, at);
                }
            }
        }
    }
    if let Some((_, fault)) = found {
        return Err(fault);
    }
    check_containment(&rings, &nodes)?;
    if let Some((polygon, at)) = nodes.first_cycle() {
        return Err(Fault {
            kind: FaultKind::DisconnectedInterior { polygon },
            at,
        });
    }
    Ok(())
}

/// Holes inside their shell and not inside each other; members of a MultiPolygon not inside
/// one another. Runs once no two rings cross, so one point of a ring off every other ring tells
/// on which side of another ring it lies.
fn check_containment(rings: &[Vec<Vec<Coord<f64>>>], nodes: &Nodes) -> Result<(), Fault> {
    for (pi, poly) in rings.iter().enumerate() {
        let shell = &poly[0];
        for (ri, hole) in poly.iter().enumerate().skip(1) {
            let id = RingId {
                polygon: pi,
                ring: ri,
            };
            let p = nodes.test_point(hole, id);
            if !inside_ring(p, shell) {
                return Err(Fault {
                    kind: FaultKind::HoleOutsideShell { hole: id },
                    at: p,
                });
            }
        }
        for (ri, hole) in poly.iter().enumerate().skip(1) {
            let id = RingId {
                polygon: pi,
                ring: ri,
            };
            let p = nodes.test_point(hole, id);
            for (rj, other) in poly.iter().enumerate().skip(1) {
                if rj != ri && bbox_within(hole, other) && inside_ring(p, other) {
                    return Err(Fault {
                        kind: FaultKind::NestedHoles {
                            inner: id,
                            outer: RingId {
                                polygon: pi,
                                ring: rj,
                            },
                        },
                        at: p,
                    });
                }
            }
        }
    }
    for (pi, poly) in rings.iter().enumerate() {
        let id = RingId {
            polygon: pi,
            ring: 0,
        };
        let p = nodes.test_point(&poly[0], id);
        for (pj, other) in rings.iter().enumerate() {
            if pj == pi || !bbox_within(&poly[0], &other[0]) || !inside_ring(p, &other[0]) {
                continue;
            }
            if !other[1..].iter().any(|h| inside_ring(p, h)) {
                return Err(Fault {
                    kind: FaultKind::NestedShells {
                        inner: pi,
                        outer: pj,
                    },
                    at: p,
                });
            }
        }
    }
    Ok(())
}

fn bbox_within(inner: &[Coord<f64>], outer: &[Coord<f64>]) -> bool {
    let b = |r: &[Coord<f64>]| {
        r.iter().fold(
            [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
            |m, c| [m[0].min(c.x), m[1].min(c.y), m[2].max(c.x), m[3].max(c.y)],
        )
    };
    let (i, o) = (b(inner), b(outer));
    i[0] >= o[0] && i[1] >= o[1] && i[2] <= o[2] && i[3] <= o[3]
}
