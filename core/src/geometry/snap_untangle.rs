//! The repair's last steps before clipping, for a new stall still overlapping a stored one:
//! its ring can run round the wrong one of two stored corners a grid step apart (a stored ring
//! carries its old neighbours' rounded corners), or be tangled round them by corners moved for
//! other neighbours. Found on real outlines with locked stalls (a Berlin district's parks,
//! pitches and street areas: up to 71 cm², past what clipping may cut).

use super::{CLIP_MAX_M2, NEAR_M, NOISE_M2, Near};
use geo::Area;

/// Stored corners this near each other may stand for each other in a new stall's ring, m.
const SWAP_M: f64 = 0.02;
/// The largest overlap untangled, m² (200 cm²; those found on real outlines were up to
/// 135 cm²): a stall drawn across its neighbour by hand must stay so, for the editor to
/// refuse it.
const UNTANGLE_MAX_M2: f64 = 0.02;
/// Rounds over a stall's ring when its points are dropped or swapped.
const UNTHREAD_PASSES: usize = 3;

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
            let swaps = (0..self.r.points.len()).filter(|&o| {
                o != q
                    && !self.r.movable[q]
                    && !self.r.movable[o]
                    && super::super::snap::dist(self.r.points[o], self.r.points[q]) <= SWAP_M
            });
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
    /// of the points it has and the stored corners within [`NEAR_M`] of that corner (five
    /// nearest each), the choice that overlaps least, if it overlaps less than the ring has.
    pub(super) fn rebuild(&mut self, a: usize) {
        let cost = self.cost_of(&[a]);
        if cost <= NOISE_M2 || cost > UNTANGLE_MAX_M2 {
            return;
        }
        let size = self.rounded(a).unsigned_area();
        let before = self.r.rings[a].clone();
        let exact = self.r.exact[a].exterior().0.clone();
        let corners = &exact[..exact.len().saturating_sub(1)];
        let options: Vec<Vec<usize>> = corners
            .iter()
            .map(|&c| {
                let mut near: Vec<(f64, usize)> = (0..self.r.points.len())
                    .filter(|&o| !self.r.movable[o] || before.contains(&o))
                    .map(|o| {
                        (
                            super::super::snap::dist(self.proj.to_local(self.r.wgs[o]), c),
                            o,
                        )
                    })
                    .filter(|&(d, _)| d <= NEAR_M)
                    .collect();
                near.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
                near.into_iter().take(5).map(|(_, o)| o).collect()
            })
            .collect();
        if corners.len() < 3 || options.iter().any(Vec::is_empty) {
            return;
        }
        let mut best: Option<(f64, Vec<usize>)> = None;
        let mut pick = vec![0usize; options.len()];
        loop {
            let ring: Vec<usize> = pick.iter().zip(&options).map(|(&i, o)| o[i]).collect();
            self.r.rings[a] = ring;
            let c = self.cost_of(&[a]);
            if c < best.as_ref().map_or(cost, |b| b.0)
                && (self.rounded(a).unsigned_area() - size).abs() <= cost - c + CLIP_MAX_M2
            {
                best = Some((c, self.r.rings[a].clone()));
            }
            // The next choice, like an odometer.
            let Some(k) = (0..pick.len()).find(|&k| pick[k] + 1 < options[k].len()) else {
                break;
            };
            pick[k] += 1;
            pick[..k].iter_mut().for_each(|p| *p = 0);
        }
        self.r.rings[a] = best.map_or(before, |b| b.1);
    }
}
