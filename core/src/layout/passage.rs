//! Passages: where a layout's own stalls wall off ground that holds more stalls than the wall
//! (rows across a courtyard between buildings), the cheapest way through the wall, found on
//! the walkability raster, so the stalls behind it are kept rather than dropped.

use super::walk::Raster;
use geo::{BoundingRect, Coord, Polygon, Rect};

/// Walled-off pockets judged per layout at most, those holding the most stalls first.
const MAX_POCKETS: usize = 32;

/// A way in to a pocket: its cost in blocked cells, the blocked cells it crosses and the
/// other pockets it passes through.
struct Way {
    cost: u32,
    pocket: usize,
    blocked: Vec<usize>,
    through: Vec<usize>,
}

/// Stalls to clear, sorted. For every pocket of open ground that holds an unreached stall's
/// aisle, a search from the pocket finds the way to reached ground (or out of the site) that
/// crosses the fewest blocked cells; way by way, cheapest first, a way is kept when the
/// pockets it opens hold more unreached aisles than it clears stalls that were reached, or
/// the aisle of a locked stall. The first `fixed` stalls (locked ones) are never cleared.
pub(super) fn passages(
    raster: &mut Raster,
    stalls: &[(&Polygon<f64>, &Polygon<f64>)],
    unreached: &[usize],
    fixed: usize,
) -> Vec<usize> {
    // Pockets: connected open ground no walker reaches, found from the unreached aisles.
    // Pocket ids plus one by cell (0: none); zeroed vectors cost only the pages they touch.
    let mut label = vec![0u32; raster.cells.len()];
    let mut pockets: Vec<Vec<usize>> = Vec::new();
    let mut holds: Vec<Vec<usize>> = Vec::new();
    for (i, &s) in unreached.iter().enumerate() {
        for k in raster.aisle_cells(stalls[s].1) {
            if raster.cells[k] != 1 {
                continue;
            }
            let id = match label[k] {
                0 => {
                    let id = pockets.len();
                    pockets.push(flood_pocket(raster, k, id, &mut label));
                    holds.push(Vec::new());
                    id
                }
                id => id as usize - 1,
            };
            if holds[id].last() != Some(&i) {
                holds[id].push(i);
            }
        }
    }
    let mut order: Vec<usize> = (0..pockets.len()).collect();
    order.sort_by_key(|&p| std::cmp::Reverse(holds[p].len()));
    let mut search = Search::new(raster.cells.len());
    let mut ways: Vec<Way> = order
        .into_iter()
        .take(MAX_POCKETS)
        .filter_map(|p| way_out(raster, &mut search, &pockets[p], p, &label))
        .collect();
    ways.sort_by_key(|w| (w.cost, w.pocket));
    let mut was_unreached = vec![false; stalls.len()];
    for &s in unreached {
        was_unreached[s] = true;
    }
    let boxes: Vec<Option<Rect<f64>>> = stalls.iter().map(|(s, _)| s.bounding_rect()).collect();
    let mut cleared = vec![false; stalls.len()];
    let mut opened = vec![false; pockets.len()];
    let mut gained = vec![false; unreached.len()];
    for way in ways {
        let mut through = way.through;
        through.push(way.pocket);
        through.retain(|&q| !opened[q]);
        if through.is_empty() {
            continue;
        }
        let wall = blocking(raster, stalls, &boxes, &way.blocked, &cleared);
        let cost = wall.iter().filter(|&&s| !was_unreached[s]).count();
        let mut gain: Vec<usize> = through
            .iter()
            .flat_map(|&q| holds[q].iter().copied())
            .filter(|&i| !gained[i])
            .collect();
        gain.sort_unstable();
        gain.dedup();
        // A locked stall no walker reaches outweighs any number of new ones in the way.
        let worth: usize = gain
            .iter()
            .map(|&i| {
                if unreached[i] < fixed {
                    stalls.len()
                } else {
                    1
                }
            })
            .sum();
        if wall.iter().any(|&s| s < fixed) || worth <= cost {
            continue;
        }
        for s in wall {
            cleared[s] = true;
        }
        for q in through {
            opened[q] = true;
        }
        for i in gain {
            gained[i] = true;
        }
    }
    (0..stalls.len()).filter(|&s| cleared[s]).collect()
}

/// The open unreached ground connected to cell `k`, labelled `id`.
fn flood_pocket(raster: &Raster, k: usize, id: usize, label: &mut [u32]) -> Vec<usize> {
    let mut cells = vec![k];
    label[k] = id as u32 + 1;
    let mut at = 0;
    while at < cells.len() {
        for m in raster.neighbours(cells[at]) {
            if m != usize::MAX && raster.cells[m] == 1 && label[m] == 0 {
                label[m] = id as u32 + 1;
                cells.push(m);
            }
        }
        at += 1;
    }
    cells
}

/// The state of one pocket's search by cell, reused from pocket to pocket: a cell counts as
/// seen in this search only when its round is this search's.
struct Search {
    round: u32,
    seen_in: Vec<u32>,
    dist: Vec<u32>,
    from: Vec<u32>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            round: 0,
            seen_in: vec![0; n],
            dist: vec![0; n],
            from: vec![0; n],
        }
    }

    fn dist(&self, k: usize) -> Option<u32> {
        (self.seen_in[k] == self.round).then(|| self.dist[k])
    }

    fn set(&mut self, k: usize, d: u32, from: usize) {
        self.seen_in[k] = self.round;
        self.dist[k] = d;
        self.from[k] = from as u32;
    }
}

/// 0-1 breadth-first search from a pocket over the site's ground (a blocked cell costs one,
/// open ground nothing) to the nearest reached ground or blocked cell on the site's outer
/// edge: the way in, or none when the pocket is shut in by holes and locked stalls.
fn way_out(
    raster: &Raster,
    search: &mut Search,
    cells: &[usize],
    pocket: usize,
    label: &[u32],
) -> Option<Way> {
    search.round += 1;
    let mut queue = std::collections::VecDeque::new();
    for &k in cells {
        search.set(k, 0, k);
        queue.push_back(k);
    }
    let mut exit = None;
    while let Some(k) = queue.pop_front() {
        let here = raster.cells[k];
        if here == 4 || (here == 2 && raster.touches_outside(k)) {
            exit = Some(k);
            break;
        }
        let d = search.dist[k];
        for m in raster.neighbours(k) {
            if m == usize::MAX || !matches!(raster.cells[m], 1 | 2 | 4) {
                continue;
            }
            let step = u32::from(raster.cells[m] == 2);
            if search.dist(m).is_none_or(|old| d + step < old) {
                search.set(m, d + step, k);
                if step == 0 {
                    queue.push_front(m);
                } else {
                    queue.push_back(m);
                }
            }
        }
    }
    let mut at = exit?;
    let cost = search.dist[at];
    let (mut blocked, mut through) = (Vec::new(), Vec::new());
    loop {
        match raster.cells[at] {
            2 => blocked.push(at),
            1 if label[at] != 0 && label[at] as usize - 1 != pocket => {
                through.push(label[at] as usize - 1);
            }
            _ => {}
        }
        // A pocket's own cells are their own origin.
        let prev = search.from[at] as usize;
        if prev == at {
            break;
        }
        at = prev;
    }
    through.sort_unstable();
    through.dedup();
    Some(Way {
        cost,
        pocket,
        blocked,
        through,
    })
}

/// The stalls, not yet cleared, that block any of the `cells`.
fn blocking(
    raster: &mut Raster,
    stalls: &[(&Polygon<f64>, &Polygon<f64>)],
    boxes: &[Option<Rect<f64>>],
    cells: &[usize],
    cleared: &[bool],
) -> Vec<usize> {
    if cells.is_empty() {
        return Vec::new();
    }
    let centres: Vec<Coord<f64>> = cells.iter().map(|&k| raster.centre_of(k)).collect();
    let reach = raster.reach();
    let (mut lo, mut hi) = (centres[0], centres[0]);
    for c in &centres {
        lo = Coord {
            x: lo.x.min(c.x),
            y: lo.y.min(c.y),
        };
        hi = Coord {
            x: hi.x.max(c.x),
            y: hi.y.max(c.y),
        };
    }
    let mut on = cells.to_vec();
    on.sort_unstable();
    (0..stalls.len())
        .filter(|&s| !cleared[s])
        .filter(|&s| {
            boxes[s].is_some_and(|b| {
                b.min().x - reach <= hi.x
                    && b.max().x + reach >= lo.x
                    && b.min().y - reach <= hi.y
                    && b.max().y + reach >= lo.y
            })
        })
        .filter(|&s| {
            let mut hit = false;
            raster.each_near(stalls[s].0, |k, _| hit |= on.binary_search(&k).is_ok());
            hit
        })
        .collect()
}
