//! Fair, reproducible stall allocation: applications + stalls + sessions + policy + seed →
//! bookings, one explanation per application, and metrics.
//!
//! Pure and deterministic: no I/O, no clock, no hash-map iteration reaching the output. The
//! input is put in canonical order first, so the same rows in any order, the same policy and
//! the same seed give a byte-identical [`Allocation`]; its `input_hash` lets anyone check they
//! re-ran the same thing, and [`draw`] documents the lottery so it can be re-implemented.
//!
//! Method: sessions are allocated one at a time in date order. In each, the candidates are
//! ranked — by rotation (lowest share of their requested sessions won so far first, the
//! lottery breaking ties) or by the lottery alone (serial dictatorship, the usual government
//! method, kept for comparison). Priority groups then take their reserved share in that order,
//! categories below their minimum share are topped up, and everyone else follows. Each takes
//! the first stall that keeps every hard constraint: last night's stall, then their ranked
//! preferences, then any stall, sparing stalls (power, food or smoky zones) that people still
//! waiting need more. Under rotation, a repair pass after each week fills stalls that this
//! night-by-night order left empty: a vendor the weekly cap turned away moves to that night
//! from an earlier one of the week, whose stall goes to someone turned away there, and a
//! request blocked by the adjacency rule gets a free stall once its neighbour swaps with
//! someone of another category; nobody loses a session. [`check`] re-verifies the hard
//! constraints independently.

mod check;
pub mod draw;
mod engine;
mod error;
mod index;
mod metrics;
mod model;
mod output;
mod policy;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use check::{Violation, ViolationKind, check};
pub use error::AllocationError;
pub use metrics::gini;
pub use model::{
    AllocationInput, Application, Attendance, Category, ExistingBooking, Session, Stall, ZoneKind,
};
pub use output::{Allocation, Explanation, GroupShare, Metrics, Placement, ReasonCode, Unplaced};
pub use policy::{Method, Policy};

use engine::Engine;
use index::Index;

/// Runs one allocation. Refuses bad input or policy with an [`AllocationError`]; never panics.
pub fn allocate(
    input: &AllocationInput,
    policy: &Policy,
    seed: &str,
) -> Result<Allocation, AllocationError> {
    if seed.trim().is_empty() {
        return Err(AllocationError::EmptySeed);
    }
    let canon = input.canonical();
    let ix = Index::build(&canon, policy)?;
    let input_hash = draw::input_hash(&canon, policy, seed)?;
    let apps = &canon.applications;
    let ids: Vec<i64> = apps.iter().map(|a| a.id).collect();
    let draw_order = draw::draw_order(&ids, seed);
    let mut draw_rank = vec![0u32; apps.len()];
    for (r, id) in draw_order.iter().enumerate() {
        if let Ok(i) = ids.binary_search(id) {
            draw_rank[i] = u32::try_from(r + 1).unwrap_or(u32::MAX);
        }
    }
    let mut session_apps = vec![Vec::new(); canon.sessions.len()];
    // Who may not stand on a night whatever the stalls (suspended, gas or health papers
    // lapsed) is kept out of its draw and explained.
    let mut barred = Vec::new();
    for (a, ss) in ix.app_sessions.iter().enumerate() {
        for &s in ss {
            match apps[a].barred_from(canon.sessions[s].id) {
                Some(reason) => barred.push((a, s, reason)),
                None => session_apps[s].push(a),
            }
        }
    }

    let mut run = Engine::new(&ix, policy, &draw_rank).run(&session_apps);
    run.unplaced.extend(barred);

    let mut won = vec![0u32; apps.len()];
    let mut bookings: Vec<Placement> = run
        .placements
        .iter()
        .map(|&(s, st, a)| {
            won[a] += 1;
            Placement {
                session_id: canon.sessions[s].id,
                stall_id: canon.stalls[st].id,
                vendor_id: apps[a].vendor_id,
                application_id: apps[a].id,
            }
        })
        .collect();
    bookings.sort_unstable();

    let mut reasons = vec![Vec::new(); apps.len()];
    for &(a, _, r) in &run.unplaced {
        reasons[a].push(r);
    }
    let explanations: Vec<Explanation> = apps
        .iter()
        .enumerate()
        .map(|(a, app)| {
            let mut rs = std::mem::take(&mut reasons[a]);
            rs.sort_unstable();
            rs.dedup();
            Explanation {
                application_id: app.id,
                vendor_id: app.vendor_id,
                sessions_requested: u32::try_from(ix.app_sessions[a].len()).unwrap_or(u32::MAX),
                sessions_won: won[a],
                draw_rank: draw_rank[a],
                first_choice_hits: run.first_choice[a],
                reasons: rs,
                attendance: app.attendance,
            }
        })
        .collect();

    run.unplaced
        .sort_by_key(|&(a, s, _)| (draw_rank[a], ix.session_rank[s]));
    let unplaced = run
        .unplaced
        .iter()
        .map(|&(a, s, reason)| Unplaced {
            application_id: apps[a].id,
            session_id: canon.sessions[s].id,
            reason,
        })
        .collect();
    let metrics = metrics::compute(&ix, &run, &explanations);

    Ok(Allocation {
        engine: draw::ENGINE.to_owned(),
        seed: seed.to_owned(),
        policy: policy.clone(),
        input_hash,
        draw_order,
        bookings,
        explanations,
        metrics,
        unplaced,
    })
}
