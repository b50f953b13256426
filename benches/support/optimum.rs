//! The most stall-sessions any allocation can place, from a linear programme solved by the
//! pure-Rust `microlp` backend of `good_lp` (a dev-dependency), to measure the engine against.
//!
//! Objective: the number of bookings (requested sessions granted), the quantity behind the fill
//! rate. Constraints, as the independent checker counts them: a stall holds one vendor a
//! session; a vendor one stall a session; power and food/smoky zones; each category's maximum
//! share of a session; the weekly cap. Reserves and category minimums only reorder who goes
//! first and are not limits. Adjacency is not modelled stall by stall; with
//! `no_adjacent_same_category` it enters only as a relaxation: no two stalls of a matching in
//! the adjacency graph can hold the same category, so a category has at most (stalls it may
//! use − a matching among them) stalls a session (exact for a row: ⌈n/2⌉). The value is then
//! an upper bound on the optimum, not the optimum itself.
//!
//! Stalls that look alike to every rule (same zone class, same power) are interchangeable, so
//! instead of one variable per application × stall the model has x[a,s] (application a placed
//! in session s) and, per session, a flow from each group of applications with the same
//! allowed stall kinds to the stall kinds: the same optimum (a transportation problem is
//! integral) with far fewer variables.

use std::collections::BTreeMap;

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};
use nightmarket::allocation::{AllocationInput, Policy, ZoneKind};

/// What the solver found.
pub struct Optimum {
    /// Optimum of the relaxation: x in [0, 1].
    pub lp: f64,
    /// Optimum with x whole, when asked for.
    pub integer: Option<f64>,
    /// Variables and constraints of the model (all weeks), to show its size.
    pub variables: usize,
    pub constraints: usize,
}

/// Stall kinds: zone class (food, smoky, other) × power.
const KINDS: usize = 6;

fn kind(zone: Option<ZoneKind>, power: bool) -> usize {
    let class = match zone {
        Some(ZoneKind::Food) => 0,
        Some(ZoneKind::Smoky) => 1,
        Some(ZoneKind::Other) | None => 2,
    };
    class * 2 + usize::from(power)
}

/// Stall kinds an application may take under `policy`, as a bit set.
fn allowed(food: bool, smoky: bool, needs_power: bool, policy: &Policy) -> u8 {
    let classes: &[usize] = if smoky && policy.smoky_zone_only {
        &[1]
    } else if food && policy.food_zone_only {
        &[0, 1]
    } else {
        &[0, 1, 2]
    };
    let mut set = 0u8;
    for &c in classes {
        set |= 1 << (c * 2 + 1);
        if !needs_power {
            set |= 1 << (c * 2);
        }
    }
    set
}

/// Stall id -> adjacent stall ids, both ways.
fn adjacency(input: &AllocationInput) -> BTreeMap<i64, Vec<i64>> {
    let mut adj: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for s in &input.stalls {
        for &n in &s.neighbours {
            if n != s.id {
                adj.entry(s.id).or_default().push(n);
                adj.entry(n).or_default().push(s.id);
            }
        }
    }
    adj
}

/// An upper bound on how many of `stalls` (sorted ids) can hold one category with no two
/// adjacent: their number minus a greedy matching among them, since each matched pair holds
/// at most one. Exact for rows (paths): ⌈n/2⌉.
fn independent_bound(stalls: &[i64], adjacent: &BTreeMap<i64, Vec<i64>>) -> usize {
    let mut matched = std::collections::BTreeSet::new();
    let mut pairs = 0;
    for &u in stalls {
        if matched.contains(&u) {
            continue;
        }
        let partner = adjacent
            .get(&u)
            .into_iter()
            .flatten()
            .copied()
            .find(|v| *v != u && !matched.contains(v) && stalls.binary_search(v).is_ok());
        if let Some(v) = partner {
            matched.insert(u);
            matched.insert(v);
            pairs += 1;
        }
    }
    stalls.len() - pairs
}

/// Solves the model for `input` under `policy`; with `integer` the whole-number optimum too.
pub fn max_placed(
    input: &AllocationInput,
    policy: &Policy,
    integer: bool,
) -> Result<Optimum, ResolutionError> {
    assert!(
        input.existing_bookings.is_empty(),
        "earlier bookings are not modelled"
    );
    let stalls: BTreeMap<i64, usize> = input
        .stalls
        .iter()
        .map(|s| (s.id, kind(s.zone, s.power)))
        .collect();
    let cats: BTreeMap<&str, (bool, bool)> = input
        .categories
        .iter()
        .map(|c| (c.name.as_str(), (c.food, c.smoky)))
        .collect();
    let sessions: BTreeMap<i64, usize> = input
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let adjacent = adjacency(input);
    let mut capacity = vec![[0usize; KINDS]; input.sessions.len()];
    for (i, s) in input.sessions.iter().enumerate() {
        for id in &s.stall_ids {
            capacity[i][stalls[id]] += 1;
        }
    }

    let build = |week: u32, whole: bool| {
        let mut vars = ProblemVariables::new();
        let mut rows: Vec<(Expression, f64)> = Vec::new();
        let mut objective = Expression::default();
        // (session, allowed kinds) -> applications' x; (vendor, session), (vendor, week),
        // (session, category) -> x.
        let mut groups: BTreeMap<(usize, u8), Vec<Variable>> = BTreeMap::new();
        let mut vendor_session: BTreeMap<(i64, usize), Vec<Variable>> = BTreeMap::new();
        let mut vendor_week: BTreeMap<(i64, u32), Vec<Variable>> = BTreeMap::new();
        let mut category: BTreeMap<(usize, &str), Vec<Variable>> = BTreeMap::new();
        for a in &input.applications {
            let (food, smoky) = cats[a.category.as_str()];
            let set = allowed(food, smoky, a.needs_power, policy);
            let mut requested: Vec<usize> = a
                .sessions
                .iter()
                .filter_map(|s| sessions.get(s))
                .copied()
                .collect();
            requested.sort_unstable();
            requested.dedup();
            for s in requested
                .into_iter()
                .filter(|&s| input.sessions[s].week == week)
            {
                let def = variable().min(0.0).max(1.0);
                let x = vars.add(if whole { def.integer() } else { def });
                objective += x;
                groups.entry((s, set)).or_default().push(x);
                vendor_session.entry((a.vendor_id, s)).or_default().push(x);
                vendor_week
                    .entry((a.vendor_id, input.sessions[s].week))
                    .or_default()
                    .push(x);
                category
                    .entry((s, a.category.as_str()))
                    .or_default()
                    .push(x);
            }
        }
        let mut into_kind: BTreeMap<(usize, usize), Expression> = BTreeMap::new();
        for (&(s, set), xs) in &groups {
            let mut flow = Expression::default();
            for k in (0..KINDS).filter(|k| set & (1 << k) != 0 && capacity[s][*k] > 0) {
                let z = vars.add(variable().min(0.0));
                flow += z;
                *into_kind.entry((s, k)).or_default() += z;
            }
            // Placed applications of the group = stalls the group takes (both ways: `<=` and
            // `>=` as two rows, which every backend accepts).
            let placed: Expression = xs.iter().copied().sum();
            rows.push((placed.clone() - flow.clone(), 0.0));
            rows.push((flow - placed, 0.0));
        }
        for ((s, k), e) in into_kind {
            rows.push((e, capacity[s][k] as f64));
        }
        for xs in vendor_session.values().filter(|xs| xs.len() > 1) {
            rows.push((xs.iter().copied().sum(), 1.0));
        }
        if let Some(cap) = policy.max_sessions_per_vendor_per_week {
            for xs in vendor_week.values().filter(|xs| xs.len() > cap as usize) {
                rows.push((xs.iter().copied().sum(), f64::from(cap)));
            }
        }
        for (&(s, name), xs) in &category {
            let mut limit = f64::INFINITY;
            if let Some(&max) = policy.category_max_share.get(name) {
                limit = (max * input.sessions[s].stall_ids.len() as f64 + 1e-9).floor();
            }
            if policy.no_adjacent_same_category {
                let (food, smoky) = cats[name];
                let set = allowed(food, smoky, false, policy);
                let mut usable: Vec<i64> = input.sessions[s]
                    .stall_ids
                    .iter()
                    .copied()
                    .filter(|id| set & (1 << stalls[id]) != 0)
                    .collect();
                usable.sort_unstable();
                limit = limit.min(independent_bound(&usable, &adjacent) as f64);
            }
            if (xs.len() as f64) > limit {
                rows.push((xs.iter().copied().sum(), limit));
            }
        }
        (vars, objective, rows)
    };

    let solve = |week: u32, whole: bool| -> Result<(f64, usize, usize), ResolutionError> {
        let (vars, objective, rows) = build(week, whole);
        let n_vars = vars.len();
        let n_rows = rows.len();
        let mut model = vars.maximise(objective.clone()).using(microlp);
        for (e, rhs) in rows {
            model.add_constraint(e.leq(rhs));
        }
        let solution = model.solve()?;
        Ok((solution.eval(&objective), n_vars, n_rows))
    };
    // No rule reaches across weeks (the cap is per week, the rest per session), so each week
    // is solved on its own: the sum is the optimum of the whole, at a fraction of the cost.
    let mut weeks: Vec<u32> = input.sessions.iter().map(|s| s.week).collect();
    weeks.sort_unstable();
    weeks.dedup();
    let mut out = Optimum {
        lp: 0.0,
        integer: integer.then_some(0.0),
        variables: 0,
        constraints: 0,
    };
    for week in weeks {
        let (lp, variables, constraints) = solve(week, false)?;
        out.lp += lp;
        out.variables += variables;
        out.constraints += constraints;
        if let Some(total) = &mut out.integer {
            *total += solve(week, true)?.0;
        }
    }
    Ok(out)
}
