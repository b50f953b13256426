//! Street mode and boundary fill: single rows whose backs follow boundary edges (clearance
//! away) and whose fronts face inward. On a street that is a row on each side of the central
//! lane following every bend; after a plaza layout it adds rows in leftover strips.
//!
//! Rows are placed longest edge first; every placed stall and its aisle strip become obstacles
//! for later rows, so rows meeting at a bend never overlap and never block each other's aisle.

use super::bucket::ShapeSet;
use super::frame::{Frame, Scratch, Shape, intersect};
use super::locked::Lattice;
use super::plaza::{Dims, aisle_intervals, stall_intervals};
use super::rows::{Placed, Row};
use geo::{Coord, MultiPolygon, Polygon};

/// At most this many edges get a row: enough for any drawn site, bounded for pathological ones.
const MAX_FILL_EDGES: usize = 64;

struct Obstacle {
    centre: Coord<f64>,
    radius: f64,
    polygon: Polygon<f64>,
}

fn obstacle(p: &Polygon<f64>) -> Obstacle {
    let pts = &p.exterior().0;
    let (mut min, mut max) = (
        Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        },
        Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        },
    );
    for c in pts {
        min.x = min.x.min(c.x);
        min.y = min.y.min(c.y);
        max.x = max.x.max(c.x);
        max.y = max.y.max(c.y);
    }
    let centre = Coord {
        x: (min.x + max.x) / 2.0,
        y: (min.y + max.y) / 2.0,
    };
    Obstacle {
        centre,
        radius: 0.5 * (max.x - min.x).hypot(max.y - min.y),
        polygon: p.clone(),
    }
}

/// Obstacles near the band [y1, y2] of `frame`, converted into the frame.
fn near(list: &[Obstacle], frame: &Frame, y1: f64, y2: f64) -> Vec<Shape> {
    list.iter()
        .filter(|o| {
            let v = frame.fwd(o.centre).y;
            v + o.radius > y1 && v - o.radius < y2
        })
        .map(|o| Shape::from_polygon(&o.polygon, frame))
        .collect()
}

/// Boundary edges of the (oriented) region, longest first: (start, end, ring order index).
fn edges_by_length(region: &MultiPolygon<f64>, min_len: f64) -> Vec<(Coord<f64>, Coord<f64>)> {
    let mut edges: Vec<(f64, usize, Coord<f64>, Coord<f64>)> = Vec::new();
    for p in &region.0 {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            for w in r.0.windows(2) {
                let len = (w[1].x - w[0].x).hypot(w[1].y - w[0].y);
                if len >= min_len {
                    edges.push((len, edges.len(), w[0], w[1]));
                }
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    edges.truncate(MAX_FILL_EDGES);
    edges.into_iter().map(|(_, _, p, q)| (p, q)).collect()
}

/// Adds rows along the boundary edges, avoiding `exclusions`, the `placed` stalls and their
/// aisles. Returns the new rows (each a list of stalls along the edge) and their aisle strips.
/// A row along an edge that holds `locked` stalls lines its stalls up with them.
pub(crate) fn fill_edges(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    placed: &[Placed],
    locked: &[Placed],
    dims: &Dims,
) -> (Vec<Vec<Placed>>, Vec<Polygon<f64>>) {
    let mut scratch = Scratch::default();
    let fixed: Vec<Obstacle> = exclusions.iter().map(obstacle).collect();
    let mut stalls: Vec<Obstacle> = placed.iter().map(|p| obstacle(&p.stall)).collect();
    let mut aisles: Vec<Obstacle> = placed.iter().map(|p| obstacle(&p.aisle)).collect();
    let mut rows = Vec::new();
    let mut aisle_out = Vec::new();
    for (p, q) in edges_by_length(region, dims.w) {
        let angle = (q.y - p.y).atan2(q.x - p.x);
        let frame = Frame::new(angle);
        let shape = Shape::from_multi_polygon(region, &frame);
        let y = frame.fwd(p).y.max(frame.fwd(q).y) + dims.c;
        let (s1, s2) = (y - dims.c, y + dims.d + dims.c);
        let block = near(&fixed, &frame, s1, s2);
        let mut others = near(&stalls, &frame, s1, s2);
        others.extend(near(&aisles, &frame, s1, s2));
        let free = stall_intervals(
            &shape,
            &block,
            &ShapeSet::new(others),
            y,
            dims,
            &mut scratch,
        );
        if free.is_empty() {
            continue;
        }
        let (a1, a2) = (y + dims.d, y + dims.d + dims.a);
        let stall_shapes = near(&stalls, &frame, a1, a2);
        let walk = aisle_intervals(&shape, &ShapeSet::new(stall_shapes), a1, a2, &mut scratch);
        let anchors = if locked.is_empty() {
            Vec::new()
        } else {
            Lattice::new(locked, &frame, angle).anchors(y)
        };
        let row = Row {
            y,
            facing_up: true,
            intervals: intersect(&free, &walk),
        };
        let (new, strips) = row.place(&frame, angle, dims, &anchors);
        if new.is_empty() {
            continue;
        }
        for s in &new {
            stalls.push(obstacle(&s.stall));
            aisles.push(obstacle(&s.aisle));
        }
        aisle_out.extend(strips);
        rows.push(new);
    }
    (rows, aisle_out)
}
