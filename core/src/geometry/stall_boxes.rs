//! Stalls near one another, for writing them clean: an index of their bounding boxes, and
//! the area two of them share (with a cheap test for the common case that a line parts them).

use geo::{Area, BooleanOps, BoundingRect, Coord, Polygon};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

/// A polygon's bounding box, with the polygon's index.
pub(super) type Boxed = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// An index of the polygons' bounding boxes, each with the polygon's position in `polygons`.
pub(super) fn box_index<'p>(polygons: impl IntoIterator<Item = &'p Polygon<f64>>) -> RTree<Boxed> {
    RTree::bulk_load(
        polygons
            .into_iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let b = p.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]),
                    i,
                ))
            })
            .collect(),
    )
}

/// The area two stalls share, m² (none without the boolean operation when a line parts them).
pub(super) fn overlap(a: &Polygon<f64>, b: &Polygon<f64>) -> f64 {
    if separated(a, b) {
        0.0
    } else {
        a.intersection(b).unsigned_area()
    }
}

/// Whether a line parallel to an edge of `a` or `b` separates them (they may touch): then they
/// do not overlap. Cheap, and the answer for almost every pair of neighbours; for convex rings
/// it is exact, for others it may miss a separation, never invent one.
pub(super) fn separated(a: &Polygon<f64>, b: &Polygon<f64>) -> bool {
    /// Slack for the noise of the projection, metres.
    const TOUCH_M: f64 = 1e-7;
    let (pa, pb) = (&a.exterior().0, &b.exterior().0);
    pa.windows(2).chain(pb.windows(2)).any(|w| {
        let (nx, ny) = (w[0].y - w[1].y, w[1].x - w[0].x);
        let len = nx.hypot(ny);
        if len == 0.0 {
            return false;
        }
        let span = |ring: &[Coord<f64>]| {
            ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
                let t = (c.x * nx + c.y * ny) / len;
                (lo.min(t), hi.max(t))
            })
        };
        let ((alo, ahi), (blo, bhi)) = (span(pa), span(pb));
        ahi <= blo + TOUCH_M || bhi <= alo + TOUCH_M
    })
}
