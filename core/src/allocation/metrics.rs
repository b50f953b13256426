//! Run metrics: how full, how much demand met, and how evenly it was shared.

use std::collections::BTreeMap;

use super::engine::Run;
use super::index::Index;
use super::output::{Explanation, GroupShare, Metrics};

fn ratio(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// Gini coefficient of non-negative values; 0 when all are equal or all zero.
pub fn gini(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len() as f64;
    let sum: f64 = v.iter().sum();
    if v.is_empty() || sum <= 0.0 {
        return 0.0;
    }
    let weighted: f64 = v
        .iter()
        .enumerate()
        .map(|(i, x)| (2.0 * (i as f64 + 1.0) - n - 1.0) * x)
        .sum();
    weighted / (n * sum)
}

/// Nearest-rank percentile of sorted values, `q` in (0, 1].
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub(super) fn compute(ix: &Index<'_>, run: &Run, explanations: &[Explanation]) -> Metrics {
    let input = ix.input;
    let requested: u64 = explanations
        .iter()
        .map(|e| u64::from(e.sessions_requested))
        .sum();
    let placed = run.placements.len() as u64;
    let mut shares: Vec<f64> = explanations
        .iter()
        .filter(|e| e.sessions_requested > 0)
        .map(|e| f64::from(e.sessions_won) / f64::from(e.sessions_requested))
        .collect();
    shares.sort_by(f64::total_cmp);
    let mean_share = if shares.is_empty() {
        0.0
    } else {
        shares.iter().sum::<f64>() / shares.len() as f64
    };

    let mut per_vendor: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    for e in explanations {
        let v = per_vendor.entry(e.vendor_id).or_default();
        v.0 += u64::from(e.sessions_requested);
        v.1 += u64::from(e.sessions_won);
    }
    let vendors_with_zero = per_vendor.values().filter(|v| v.0 > 0 && v.1 == 0).count();

    let mut groups: BTreeMap<String, (GroupShare, f64, u32)> = BTreeMap::new();
    for (a, e) in input.applications.iter().zip(explanations) {
        let names: Vec<&str> = if a.priority_groups.is_empty() {
            vec![""]
        } else {
            a.priority_groups.iter().map(String::as_str).collect()
        };
        for g in names {
            let (gs, share_sum, counted) = groups.entry(g.to_owned()).or_default();
            gs.applications += 1;
            gs.requested += u64::from(e.sessions_requested);
            gs.won += u64::from(e.sessions_won);
            if e.sessions_requested > 0 {
                *share_sum += f64::from(e.sessions_won) / f64::from(e.sessions_requested);
                *counted += 1;
            }
        }
    }
    let share_by_group = groups
        .into_iter()
        .map(|(g, (mut gs, sum, n))| {
            gs.mean_share = if n == 0 { 0.0 } else { sum / f64::from(n) };
            (g, gs)
        })
        .collect();

    let with_pref: u64 = run
        .placements
        .iter()
        .filter(|p| !input.applications[p.2].preferred_stalls.is_empty())
        .count() as u64;
    let hits: u64 = run.first_choice.iter().map(|&h| u64::from(h)).sum();
    let mut premium_vendors: Vec<usize> = run
        .placements
        .iter()
        .filter(|p| ix.premium[p.1])
        .map(|p| ix.app_vendor[p.2])
        .collect();
    premium_vendors.sort_unstable();
    premium_vendors.dedup();

    Metrics {
        stall_sessions_offered: run.free_offered,
        requested,
        placed,
        fill_rate: ratio(placed, run.free_offered),
        demand_met: ratio(placed, requested),
        mean_share,
        p10_share: percentile(&shares, 0.1),
        min_share: shares.first().copied().unwrap_or(0.0),
        gini_share: gini(&shares),
        applications: u32::try_from(input.applications.len()).unwrap_or(u32::MAX),
        vendors: u32::try_from(per_vendor.len()).unwrap_or(u32::MAX),
        vendors_with_zero: u32::try_from(vendors_with_zero).unwrap_or(u32::MAX),
        share_by_group,
        first_choice_rate: ratio(hits, with_pref),
        adjacent_same_category_pairs: run.adjacent_pairs,
        stall_stability: (run.stability.1 > 0).then(|| ratio(run.stability.0, run.stability.1)),
        premium_vendors: u32::try_from(premium_vendors.len()).unwrap_or(u32::MAX),
    }
}
