//! What the repair weighs a move by: the overlaps of the moved stalls with their neighbours,
//! summed once and for every kind of try (one corner, two corners, a ring rebuilt).

use super::super::snap::open_ring;
use super::super::stall_boxes::{overlap, uncrossed};
use super::Near;
use geo::Polygon;

impl Near<'_, '_> {
    /// The overlap of the given new stalls with their neighbours, m².
    pub(super) fn cost_of(&self, stalls: &[usize]) -> f64 {
        self.summed(&self.rings_of(stalls), stalls, f64::INFINITY, |mine, b| {
            self.against(mine, b)
        })
    }

    /// The overlap of the stalls point `q` is a corner of with their neighbours, m².
    pub(super) fn cost(&self, q: usize) -> f64 {
        self.cost_of(&self.users[q])
    }

    /// The overlap of `mine` with stall `b` as it will be stored.
    pub(super) fn against(&self, mine: &Polygon<f64>, b: usize) -> f64 {
        overlap(mine, &self.rounded(b))
    }

    /// The cost of a try: [`Self::summed`] over the stalls as they are now, or None if the try
    /// tangles one of their rings, which is no repair (and measuring it would take the slow
    /// boolean operation).
    pub(super) fn try_cost(
        &self,
        stalls: &[usize],
        limit: f64,
        with: impl Fn(&Polygon<f64>, usize) -> f64,
    ) -> Option<f64> {
        let rings = self.rings_of(stalls);
        if rings.iter().any(|p| !uncrossed(open_ring(p))) {
            return None;
        }
        Some(self.summed(&rings, stalls, limit, with))
    }

    /// The overlaps of `rings` (those of `stalls`) with each stall's neighbours, measured by
    /// `with`, summed until they reach `limit` (a try that far is no better: overlaps are
    /// never negative, so the rest need not be measured).
    pub(super) fn summed(
        &self,
        rings: &[Polygon<f64>],
        stalls: &[usize],
        limit: f64,
        with: impl Fn(&Polygon<f64>, usize) -> f64,
    ) -> f64 {
        let mut sum = 0.0;
        for (mine, &a) in rings.iter().zip(stalls) {
            for &b in &self.neighbours[a] {
                sum += with(mine, b);
                if sum >= limit {
                    return sum;
                }
            }
        }
        sum
    }

    pub(super) fn rings_of(&self, stalls: &[usize]) -> Vec<Polygon<f64>> {
        stalls.iter().map(|&a| self.rounded(a)).collect()
    }
}
