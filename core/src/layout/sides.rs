//! Street mode: single rows along the boundary, their backs to it (the clearance inside),
//! facing inward. Straight rows along the edges ([`super::street::fill_edges`]) and rows that
//! follow the bends ([`super::curve::follow_rings`]), in the order that holds more.

use super::compose::{Candidate, make_walkable};
use super::plaza::Dims;
use super::{LayoutMode, curve, locked, street};
use geo::{MultiPolygon, Polygon};

/// Street sides: single rows along the boundary, facing inward. Rows that follow the bends
/// first and straight rows along the edges in what they leave, or the other way round:
/// whichever holds more (straight rows first on a tie: a straight street's layout, and the
/// stalls its manager has placed by hand from it, stay as they were). Made walkable only when they hold at least `need` stalls (what it takes to beat
/// the plaza layout).
pub(crate) fn street_sides(
    region: &MultiPolygon<f64>,
    exclusions: &[Polygon<f64>],
    kept: &locked::Kept,
    dims: &Dims,
    need: Option<usize>,
) -> Candidate {
    let empty = Candidate {
        rows: Vec::new(),
        aisles: Vec::new(),
        angle: longest_edge(region),
        mode: LayoutMode::Street,
        zones: 1,
        obstacles: kept.obstacles.clone(),
        keep_clear: exclusions.to_vec(),
    };
    let edges = |c: &mut Candidate| {
        let (rows, strips) =
            street::fill_edges(region, exclusions, &c.obstacles, &kept.exact, dims);
        c.push_rows(rows);
        c.aisles.extend(strips);
    };
    let mut edges_first = empty.clone();
    edges(&mut edges_first);
    curves(&mut edges_first, region, dims);
    // Bends first held at most 22 % more than edges first on the 79 real outlines of the
    // layout bench laid out as streets: where half as many again would still be short of what
    // it takes to beat the plaza layout, it is not tried.
    let hopeless = need.is_some_and(|n| 3 * edges_first.count() < 2 * n);
    let mut c = edges_first;
    if !hopeless {
        let mut bends_first = empty;
        curves(&mut bends_first, region, dims);
        edges(&mut bends_first);
        if bends_first.count() > c.count() {
            // Rows are lettered in order: the longest first, as the rows along the longest
            // edges come first the other way (a street's two sides are its rows A and B,
            // not the stub across its end where the walk began).
            bends_first.rows.sort_by_key(|r| std::cmp::Reverse(r.len()));
            c = bends_first;
        }
    }
    if need.is_none_or(|n| c.count() >= n) {
        make_walkable(&mut c, region, &kept.exact, dims);
    }
    c
}

/// Rows that follow the boundary's bends where the straight rows along its edges left room.
fn curves(c: &mut Candidate, region: &MultiPolygon<f64>, dims: &Dims) {
    let (rows, strips) = curve::follow_rings(region, &c.keep_clear, &c.obstacles, dims);
    c.push_rows(rows);
    c.aisles.extend(strips);
}

fn longest_edge(region: &MultiPolygon<f64>) -> f64 {
    let mut best = (0.0f64, 0.0f64);
    for p in &region.0 {
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            for w in r.0.windows(2) {
                let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
                if dx.hypot(dy) > best.0 {
                    best = (dx.hypot(dy), dy.atan2(dx));
                }
            }
        }
    }
    best.1
}
