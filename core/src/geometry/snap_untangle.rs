//! The repair's last steps before clipping, for a new stall still overlapping a stored one:
//! its ring can run round the wrong one of two stored corners a grid step apart (a stored ring
//! carries its old neighbours' rounded corners), or be tangled round them by corners moved for
//! other neighbours, or need a corner it shares with a neighbour moved onto the other stored
//! corner. Found on real outlines with locked stalls (a Berlin district's parks, pitches and
//! street areas: up to 71 cm², past what clipping may cut; Shanghai land-use areas with other
//! stall sizes: 6–23 cm²).

use super::{CLIP_MAX_M2, NEAR_M, NOISE_M2, Near};
use geo::{Area, Coord};

/// Stored corners this near each other may stand for each other in a new stall's ring, m.
const SWAP_M: f64 = 0.02;
/// The largest overlap untangled, m² (200 cm²; those found on real outlines were up to
/// 135 cm²): a stall drawn across its neighbour by hand must stay so, for the editor to
/// refuse it.
const UNTANGLE_MAX_M2: f64 = 0.02;
/// Rounds over a stall's ring when its points are dropped or swapped.
const UNTHREAD_PASSES: usize = 3;

/// A point of a ring, and where it is put.
type Placed = (usize, Coord<f64>);

impl Near<'_, '_> {
    /// A stored corner in new stall `a`'s ring can be the wrong one of two a grid step apart
    /// (a stored ring carries its old neighbours' rounded corners): the side from it to the
    /// next shared corner then runs around a sliver of the fixed stall, too large to clip,
    /// and corners moved for other neighbours can tangle the ring round it. Each point of `a`
    /// is dropped, or a stored one swapped for a stored corner within [`SWAP_M`] of it,
    /// whichever lessens `a`'s overlap most while changing `a` by no more than the overlap it
    /// gives up and a rounding's sliver; a few rounds over the ring.
    pub(super) fn unthread(&mut self, a: usize) {
        if self.cost_of(&[a]) > UNTANGLE_MAX_M2 {
            return;
        }
        let mut k = 0;
        while k < self.r.rings[a].len() * UNTHREAD_PASSES {
            let len = self.r.rings[a].len();
            let (q, cost) = (self.r.rings[a][k % len], self.cost_of(&[a]));
            k += 1;
            if cost <= NOISE_M2 {
                return;
            }
            let k = (k - 1) % len;
            let size = self.rounded(a).unsigned_area();
            let before = self.r.rings[a].clone();
            let swaps = if self.r.movable[q] {
                Vec::new()
            } else {
                self.stored_near(self.r.points[q], SWAP_M)
            };
            let swaps = swaps.into_iter().filter(|&o| o != q);
            let mut best: Option<(f64, Vec<usize>)> = None;
            for with in std::iter::once(None).chain(swaps.map(Some)) {
                let mut ring = before.clone();
                match with {
                    Some(o) => ring[k] = o,
                    None if ring.len() > 4 => _ = ring.remove(k),
                    None => continue,
                }
                self.r.rings[a] = ring;
                let c = self.cost_of(&[a]);
                if c < best.as_ref().map_or(cost, |b| b.0)
                    && (self.rounded(a).unsigned_area() - size).abs() <= cost - c + CLIP_MAX_M2
                {
                    best = Some((c, self.r.rings[a].clone()));
                }
            }
            self.r.rings[a] = best.map_or(before, |b| b.1);
        }
    }

    /// When dropping and swapping points leaves new stall `a` overlapping (its ring tangled
    /// round two stored corners), its ring is made again of one point per corner as laid out:
    /// of the points it has near that corner and the stored corners within [`NEAR_M`] of it
    /// (five nearest each), a shared point possibly moved onto one of the stored corners it may
    /// take (with every stall sharing it), the choice that overlaps least, if it overlaps less
    /// than now and leaves `a` within a rounding's sliver of its size as laid out. (Its size
    /// now is no measure: a tangled ring's area is not the stall's.)
    pub(super) fn rebuild(&mut self, a: usize) {
        let cost = self.cost_of(&[a]);
        if cost <= NOISE_M2 || cost > UNTANGLE_MAX_M2 {
            return;
        }
        let before = self.r.rings[a].clone();
        let exact = self.r.exact[a].exterior().0.clone();
        let corners = &exact[..exact.len().saturating_sub(1)];
        let nearest_corner = |p: Coord<f64>| {
            (0..corners.len()).min_by(|&i, &j| {
                super::super::snap::dist(corners[i], p)
                    .total_cmp(&super::super::snap::dist(corners[j], p))
            })
        };
        let options: Vec<Vec<Placed>> = (0..corners.len())
            .map(|k| {
                let c = corners[k];
                let mut near: Vec<(f64, usize, Coord<f64>)> = self
                    .stored_near(c, NEAR_M)
                    .into_iter()
                    .map(|o| {
                        (
                            super::super::snap::dist(self.r.points[o], c),
                            o,
                            self.r.wgs[o],
                        )
                    })
                    .collect();
                // A point of the ring stands for the corner it was laid out at, where it is now
                // or at a stored corner it may take (a fixed one is among the stored above).
                for &o in &before {
                    if !self.r.movable[o] || nearest_corner(self.r.points[o]) != Some(k) {
                        continue;
                    }
                    let now = self.r.wgs[o];
                    for at in std::iter::once(now).chain(self.r.pins[o].iter().copied()) {
                        near.push((super::super::snap::dist(self.proj.to_local(at), c), o, at));
                    }
                }
                near.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
                near.dedup_by(|x, y| x.1 == y.1 && x.2 == y.2);
                near.into_iter().take(5).map(|(_, o, at)| (o, at)).collect()
            })
            .collect();
        if corners.len() < 3 || options.iter().any(Vec::is_empty) {
            return;
        }
        // Every stall a choice may change: `a` and the stalls sharing a point of it.
        let mut stalls: Vec<usize> = before
            .iter()
            .flat_map(|&q| self.users[q].iter().copied())
            .chain(std::iter::once(a))
            .collect();
        stalls.sort_unstable();
        stalls.dedup();
        let total = self.cost_of(&stalls);
        // The least overlap and the choice (point, where) for each corner giving it.
        let mut best: Option<(f64, Vec<Placed>)> = None;
        let mut pick = vec![0usize; options.len()];
        loop {
            let chosen: Vec<Placed> = pick.iter().zip(&options).map(|(&i, o)| o[i]).collect();
            let ring: Vec<usize> = chosen.iter().map(|&(q, _)| q).collect();
            let mut distinct = ring.clone();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() == ring.len() {
                // The shared points moved, with where they were.
                let mut moved: Vec<Placed> = Vec::new();
                for &(q, at) in &chosen {
                    if self.r.wgs[q] != at {
                        moved.push((q, std::mem::replace(&mut self.r.wgs[q], at)));
                    }
                }
                self.r.rings[a] = ring;
                // Over `a` and every stall sharing a point with it: a shared point moved for
                // `a` must not cost its other stalls more than `a` gains.
                if self.like_laid_out(a) {
                    let c = self.cost_of(&stalls);
                    if c < best.as_ref().map_or(total, |b| b.0) - NOISE_M2 {
                        best = Some((c, chosen.clone()));
                    }
                }
                for (q, was) in moved {
                    self.r.wgs[q] = was;
                }
            }
            // The next choice, like an odometer.
            let Some(k) = (0..pick.len()).find(|&k| pick[k] + 1 < options[k].len()) else {
                break;
            };
            pick[k] += 1;
            pick[..k].iter_mut().for_each(|p| *p = 0);
        }
        self.r.rings[a] = before;
        if let Some((_, chosen)) = best {
            self.r.rings[a] = chosen.iter().map(|&(q, _)| q).collect();
            for (q, at) in chosen {
                self.r.wgs[q] = at;
            }
        }
    }

    /// Whether new stall `a`, rounded, is still the stall laid out: a simple ring without
    /// repeated points, its area off by no more than its sides moved by [`SWAP_M`].
    fn like_laid_out(&self, a: usize) -> bool {
        use geo::{Euclidean, Length, Validation};
        let mine = self.rounded(a);
        let mut seen: Vec<Coord<f64>> = self.r.rings[a].iter().map(|&q| self.r.wgs[q]).collect();
        seen.sort_by(|p, q| p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y)));
        seen.dedup();
        let exact = &self.r.exact[a];
        seen.len() == self.r.rings[a].len()
            && mine.is_valid()
            && (mine.unsigned_area() - exact.unsigned_area()).abs()
                <= Euclidean.length(exact.exterior()) * SWAP_M
    }
}
