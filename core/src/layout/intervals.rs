//! Interval arithmetic on sorted lists of x-intervals of one band: merge, subtract,
//! intersect, and packing stalls of a given width into them.

use super::frame::Intervals;

/// Sorts and merges overlapping or touching intervals in place.
pub(crate) fn merge(v: &mut Intervals) {
    // By start alone: pieces that start together merge whatever their order.
    v.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut w = 0;
    for i in 0..v.len() {
        if w > 0 && v[i].0 <= v[w - 1].1 {
            v[w - 1].1 = v[w - 1].1.max(v[i].1);
        } else {
            v[w] = v[i];
            w += 1;
        }
    }
    v.truncate(w);
}

/// `a` minus `b`; both sorted and disjoint.
#[cfg(test)]
pub(crate) fn subtract(a: &[(f64, f64)], b: &[(f64, f64)]) -> Intervals {
    let mut out = Vec::new();
    subtract_into(a, b, &mut out);
    out
}

/// `a` minus `b` in place, `spare` a buffer lent for the work: the row search subtracts for
/// every band, and a fresh list each time made the allocator a fifth of its cost.
pub(crate) fn subtract_from(a: &mut Intervals, b: &[(f64, f64)], spare: &mut Intervals) {
    if b.is_empty() || a.is_empty() {
        return;
    }
    spare.clear();
    subtract_into(a, b, spare);
    std::mem::swap(a, spare);
}

fn subtract_into(a: &[(f64, f64)], b: &[(f64, f64)], out: &mut Intervals) {
    let mut j = 0;
    for &(lo, hi) in a {
        let mut cur = lo;
        while j < b.len() && b[j].1 <= cur {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 < hi {
            if b[k].0 > cur {
                out.push((cur, b[k].0));
            }
            cur = cur.max(b[k].1);
            k += 1;
        }
        if cur < hi {
            out.push((cur, hi));
        }
    }
}

/// Intersection of two sorted, disjoint interval lists.
pub(crate) fn intersect(a: &[(f64, f64)], b: &[(f64, f64)]) -> Intervals {
    common(a, b).collect()
}

/// The pieces of the intersection of two sorted, disjoint interval lists, in order, without
/// collecting them (the row search only counts the stalls they hold).
pub(crate) fn common<'a>(
    a: &'a [(f64, f64)],
    b: &'a [(f64, f64)],
) -> impl Iterator<Item = (f64, f64)> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            let lo = a[i].0.max(b[j].0);
            let hi = a[i].1.min(b[j].1);
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
            if lo < hi {
                return Some((lo, hi));
            }
        }
        None
    })
}

/// Whole stalls of frontage `w` in a piece, as [`pack_on`] counts them.
pub(crate) fn stalls_in(piece: (f64, f64), w: f64) -> usize {
    // 1 µm of slack: a run computed as 98.99999999 m still holds 33 stalls of 3 m.
    // `as` truncates toward zero and saturates below at 0: the floor, without a libm call
    // (the row search counts millions of pieces).
    ((piece.1 - piece.0 + 1e-6) / w) as usize
}

/// Stalls of frontage `w` that fit in the intervals, and where each run starts: centred, but
/// a run next to a locked stall of the row (`anchors`: where locked stalls start, sorted)
/// starts on that stall's lattice (its start plus whole stall widths) when that holds as
/// many stalls as centring does, so new stalls sit flush with it.
pub(crate) fn pack_on(
    v: &[(f64, f64)],
    w: f64,
    anchors: &[f64],
    mut each: impl FnMut(f64, usize),
) -> usize {
    let mut total = 0;
    for &(lo, hi) in v {
        let n = stalls_in((lo, hi), w) as f64;
        if n < 1.0 {
            continue;
        }
        let centred = lo + 0.5 * ((hi - lo) - n * w).max(0.0);
        // A locked stall ending at `lo` or starting at `hi` (or inside the run).
        let k = anchors.partition_point(|&x| x < lo - w - 1e-6);
        let start = match anchors.get(k).filter(|&&x| x <= hi + 1e-6) {
            Some(&x) => {
                let mut first = lo + (x - lo).rem_euclid(w);
                if first - lo > w - 1e-6 {
                    first = lo;
                }
                if ((hi - first + 1e-6) / w).floor() >= n {
                    first
                } else {
                    centred
                }
            }
            None => centred,
        };
        each(start, n as usize);
        total += n as usize;
    }
    total
}
