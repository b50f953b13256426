//! The repair's joint moves: two corners of an overlapping pair moved at once, for an
//! overlap no single move removes (a corner shared with a stall that pulls the other way).

use super::super::stall_boxes::overlap;
use super::{NOISE_M2, Near};
use geo::{Coord, Polygon};

impl Near<'_, '_> {
    /// Moves two corners of an overlapping pair at once, for an overlap no single move removes
    /// (a corner shared with a stall that pulls the other way); whether any moved.
    pub(super) fn settle_jointly(&mut self, pairs: &[(usize, usize)]) -> bool {
        // Pair by pair: two corners of stalls far apart cannot part each other's neighbours,
        // and trying every two corners of the whole site took seconds where hundreds of
        // locked stalls met new ones.
        let mut any = false;
        for &pair in pairs {
            if self.tried_jointly.contains(&pair) || self.pair_overlap(pair.0, pair.1) <= NOISE_M2 {
                continue;
            }
            if self.settle_two(&self.corners_of(&[pair])) {
                any = true;
            } else {
                self.tried_jointly.insert(pair);
            }
        }
        any
    }

    /// [`Self::settle_jointly`] for the corners of one overlapping pair.
    fn settle_two(&mut self, corners: &[usize]) -> bool {
        /// Choices per corner tried: the fixed corners near and the grid points next to home.
        const FIRST: usize = 12;
        let mut stalls: Vec<usize> = corners
            .iter()
            .flat_map(|&q| self.users[q].iter().copied())
            .collect();
        stalls.sort_unstable();
        stalls.dedup();
        let total = self.cost_of(&stalls);
        let (mut best, mut gained) = (None, 0.0);
        'search: for (k, &q1) in corners.iter().enumerate() {
            for &q2 in &corners[k + 1..] {
                // Only the stalls of these two corners change: their overlaps are what a try
                // gains or loses, against their neighbours rounded once.
                let mut movers: Vec<usize> = self.users[q1]
                    .iter()
                    .chain(&self.users[q2])
                    .copied()
                    .collect();
                movers.sort_unstable();
                movers.dedup();
                let around: std::collections::BTreeMap<usize, Polygon<f64>> = movers
                    .iter()
                    .flat_map(|&a| self.neighbours[a].iter().copied())
                    .filter(|b| movers.binary_search(b).is_err())
                    .map(|b| (b, self.rounded(b)))
                    .collect();
                let with = |near: &Self, mine: &Polygon<f64>, b: usize| match around.get(&b) {
                    Some(other) => overlap(mine, other),
                    None => near.against(mine, b),
                };
                // Where they are now, tangled or not: what a try must gain on.
                let base = self.summed(&self.rings_of(&movers), &movers, f64::INFINITY, |m, b| {
                    with(self, m, b)
                });
                let (now1, now2) = (self.r.wgs[q1], self.r.wgs[q2]);
                let seconds: Vec<Coord<f64>> = self.choices(q2).into_iter().take(FIRST).collect();
                for c1 in self.choices(q1).into_iter().take(FIRST) {
                    for &c2 in &seconds {
                        self.r.wgs[q1] = c1;
                        self.r.wgs[q2] = c2;
                        let limit = base - gained - NOISE_M2;
                        let Some(now) = self.try_cost(&movers, limit, |m, b| with(self, m, b))
                        else {
                            continue;
                        };
                        let gain = base - now;
                        if gain > gained + NOISE_M2 {
                            gained = gain;
                            best = Some((q1, c1, q2, c2));
                        }
                    }
                }
                self.r.wgs[q1] = now1;
                self.r.wgs[q2] = now2;
                if total - gained <= NOISE_M2 {
                    break 'search;
                }
            }
        }
        let Some((q1, c1, q2, c2)) = best else {
            return false;
        };
        self.r.wgs[q1] = c1;
        self.r.wgs[q2] = c2;
        true
    }
}
