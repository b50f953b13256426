//! Independent checker: re-verifies every hard constraint of a result from the raw input,
//! sharing no code with the engine, so a bug in one is not hidden by the other.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{AllocationInput, ZoneKind};
use super::output::{Allocation, ReasonCode};
use super::policy::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    UnknownSession,
    UnknownApplication,
    UnknownStall,
    VendorMismatch,
    NotRequested,
    StallNotOffered,
    StallDoubleBooked,
    VendorDoubleBooked,
    /// A vendor placed at the same hours in two places (overlapping sessions, or a session
    /// at whose hours they are booked outside the run).
    VendorInTwoPlaces,
    /// A vendor placed on a night inside their suspension.
    VendorSuspended,
    /// A vendor placed on a night their gas inspection or health certificate does not cover.
    PapersLapsed,
    NoPower,
    ZoneNotAllowed,
    CategoryOverMax,
    WeeklyCapExceeded,
    AdjacentSameCategory,
    /// Explanations, bookings and unplaced requests do not add up.
    Accounting,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    pub kind: ViolationKind,
    pub session_id: Option<i64>,
    pub stall_id: Option<i64>,
    pub application_id: Option<i64>,
    pub detail: String,
}

fn v(kind: ViolationKind, session: i64, stall: i64, app: Option<i64>, detail: String) -> Violation {
    Violation {
        kind,
        session_id: Some(session),
        stall_id: Some(stall),
        application_id: app,
        detail,
    }
}

/// All hard-constraint violations of `allocation` for this input and policy; empty when sound.
pub fn check(input: &AllocationInput, policy: &Policy, allocation: &Allocation) -> Vec<Violation> {
    let mut out = Vec::new();
    let sessions: BTreeMap<i64, _> = input.sessions.iter().map(|s| (s.id, s)).collect();
    let stalls: BTreeMap<i64, _> = input.stalls.iter().map(|s| (s.id, s)).collect();
    let apps: BTreeMap<i64, _> = input.applications.iter().map(|a| (a.id, a)).collect();
    let cats: BTreeMap<&str, _> = input
        .categories
        .iter()
        .map(|c| (c.name.as_str(), c))
        .collect();

    let mut adjacent: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for s in &input.stalls {
        for &n in &s.neighbours {
            if n != s.id && stalls.contains_key(&n) {
                adjacent.entry(s.id).or_default().insert(n);
                adjacent.entry(n).or_default().insert(s.id);
            }
        }
    }

    // Who stands where, earlier bookings first: (session, stall) -> (vendor, category, from run)
    let mut at: BTreeMap<(i64, i64), (i64, Option<&str>, bool)> = BTreeMap::new();
    let mut vendor_in: BTreeMap<(i64, i64), usize> = BTreeMap::new();
    let mut per_cat: BTreeMap<(i64, &str), (usize, bool)> = BTreeMap::new();
    let mut per_week: BTreeMap<(i64, u32), (u32, bool)> = BTreeMap::new();
    for b in &input.existing_bookings {
        match sessions.get(&b.session_id) {
            Some(s) => {
                let cat = b.category.as_deref().filter(|c| cats.contains_key(c));
                at.insert((b.session_id, b.stall_id), (b.vendor_id, cat, false));
                *vendor_in.entry((b.session_id, b.vendor_id)).or_default() += 1;
                if let Some(c) = cat {
                    per_cat.entry((b.session_id, c)).or_default().0 += 1;
                }
                per_week.entry((b.vendor_id, s.week)).or_default().0 += 1;
            }
            None => {
                if let Some(w) = b.week {
                    per_week.entry((b.vendor_id, w)).or_default().0 += 1;
                }
            }
        }
    }

    let mut won: BTreeMap<i64, u32> = BTreeMap::new();
    for p in &allocation.bookings {
        let (sid, stid, aid) = (p.session_id, p.stall_id, Some(p.application_id));
        let Some(sess) = sessions.get(&sid) else {
            out.push(v(
                ViolationKind::UnknownSession,
                sid,
                stid,
                aid,
                String::new(),
            ));
            continue;
        };
        let Some(app) = apps.get(&p.application_id) else {
            out.push(v(
                ViolationKind::UnknownApplication,
                sid,
                stid,
                aid,
                String::new(),
            ));
            continue;
        };
        let Some(stall) = stalls.get(&stid) else {
            out.push(v(
                ViolationKind::UnknownStall,
                sid,
                stid,
                aid,
                String::new(),
            ));
            continue;
        };
        *won.entry(app.id).or_default() += 1;
        if app.vendor_id != p.vendor_id {
            out.push(v(
                ViolationKind::VendorMismatch,
                sid,
                stid,
                aid,
                format!("vendor {}", p.vendor_id),
            ));
        }
        if !app.sessions.contains(&sid) {
            out.push(v(
                ViolationKind::NotRequested,
                sid,
                stid,
                aid,
                String::new(),
            ));
        }
        if !sess.stall_ids.contains(&stid) {
            out.push(v(
                ViolationKind::StallNotOffered,
                sid,
                stid,
                aid,
                String::new(),
            ));
        }
        let cat = cats.get(app.category.as_str()).copied();
        let cat_name = cat.map(|c| c.name.as_str());
        if at
            .insert((sid, stid), (p.vendor_id, cat_name, true))
            .is_some()
        {
            out.push(v(
                ViolationKind::StallDoubleBooked,
                sid,
                stid,
                aid,
                String::new(),
            ));
        }
        let n = vendor_in.entry((sid, p.vendor_id)).or_default();
        *n += 1;
        if *n > 1 {
            out.push(v(
                ViolationKind::VendorDoubleBooked,
                sid,
                stid,
                aid,
                format!("vendor {}", p.vendor_id),
            ));
        }
        if app.needs_power && !stall.power {
            out.push(v(ViolationKind::NoPower, sid, stid, aid, String::new()));
        }
        if let Some(c) = cat {
            let allowed = if c.smoky && policy.smoky_zone_only {
                stall.zone == Some(ZoneKind::Smoky)
            } else if c.food && policy.food_zone_only {
                matches!(stall.zone, Some(ZoneKind::Food) | Some(ZoneKind::Smoky))
            } else {
                true
            };
            if !allowed {
                out.push(v(
                    ViolationKind::ZoneNotAllowed,
                    sid,
                    stid,
                    aid,
                    c.name.clone(),
                ));
            }
            let e = per_cat.entry((sid, c.name.as_str())).or_default();
            e.0 += 1;
            e.1 = true;
        }
        let e = per_week.entry((p.vendor_id, sess.week)).or_default();
        e.0 += 1;
        e.1 = true;
    }

    // One place at a time: overlap is mutual even when only one side names the other.
    let mut overlap: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for s in &input.sessions {
        for &o in &s.overlaps {
            if o != s.id {
                overlap.entry(s.id).or_default().insert(o);
                overlap.entry(o).or_default().insert(s.id);
            }
        }
    }
    for p in &allocation.bookings {
        match apps
            .get(&p.application_id)
            .and_then(|a| a.barred_from(p.session_id))
        {
            Some(ReasonCode::VendorSuspended) => out.push(v(
                ViolationKind::VendorSuspended,
                p.session_id,
                p.stall_id,
                Some(p.application_id),
                format!("vendor {}", p.vendor_id),
            )),
            Some(lapsed) => out.push(v(
                ViolationKind::PapersLapsed,
                p.session_id,
                p.stall_id,
                Some(p.application_id),
                format!("vendor {}: {}", p.vendor_id, lapsed.as_str()),
            )),
            None => {}
        }
        let busy = apps
            .get(&p.application_id)
            .is_some_and(|a| a.busy_sessions.contains(&p.session_id));
        let twice = overlap.get(&p.session_id).is_some_and(|os| {
            os.iter()
                .any(|&o| vendor_in.contains_key(&(o, p.vendor_id)))
        });
        if busy || twice {
            out.push(v(
                ViolationKind::VendorInTwoPlaces,
                p.session_id,
                p.stall_id,
                Some(p.application_id),
                format!("vendor {}", p.vendor_id),
            ));
        }
    }

    // Limits are checked only where this run added something: earlier bookings alone may
    // already exceed them, and that is not the run's doing.
    for (&(sid, cat), &(count, ours)) in &per_cat {
        let Some(&max) = policy.category_max_share.get(cat) else {
            continue;
        };
        let offered: BTreeSet<i64> = sessions
            .get(&sid)
            .map(|s| s.stall_ids.iter().copied().collect())
            .unwrap_or_default();
        if ours && count as f64 > max * offered.len() as f64 + 1e-9 {
            out.push(Violation {
                kind: ViolationKind::CategoryOverMax,
                session_id: Some(sid),
                stall_id: None,
                application_id: None,
                detail: format!("{cat}: {count} of {} stalls", offered.len()),
            });
        }
    }
    if let Some(cap) = policy.max_sessions_per_vendor_per_week {
        for (&(vendor, week), &(count, ours)) in &per_week {
            if ours && count > cap {
                out.push(Violation {
                    kind: ViolationKind::WeeklyCapExceeded,
                    session_id: None,
                    stall_id: None,
                    application_id: None,
                    detail: format!("vendor {vendor}, week {week}: {count} > {cap}"),
                });
            }
        }
    }
    if policy.no_adjacent_same_category {
        for (&(sid, stid), &(_, cat, ours)) in &at {
            let Some(cat) = cat else { continue };
            for &n in adjacent.get(&stid).into_iter().flatten() {
                if let Some(&(_, Some(other), other_ours)) = at.get(&(sid, n))
                    && other == cat
                    && (ours || other_ours)
                    && (stid < n || !other_ours)
                {
                    out.push(v(
                        ViolationKind::AdjacentSameCategory,
                        sid,
                        stid,
                        None,
                        format!("with stall {n}: {cat}"),
                    ));
                }
            }
        }
    }

    let expl: BTreeMap<i64, _> = allocation
        .explanations
        .iter()
        .map(|e| (e.application_id, e))
        .collect();
    let mut unplaced: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for u in &allocation.unplaced {
        if !unplaced
            .entry(u.application_id)
            .or_default()
            .insert(u.session_id)
        {
            out.push(Violation {
                kind: ViolationKind::Accounting,
                session_id: Some(u.session_id),
                stall_id: None,
                application_id: Some(u.application_id),
                detail: "unplaced twice".into(),
            });
        }
    }
    if expl.len() != input.applications.len() || allocation.explanations.len() != expl.len() {
        out.push(Violation {
            kind: ViolationKind::Accounting,
            session_id: None,
            stall_id: None,
            application_id: None,
            detail: "not one explanation per application".into(),
        });
    }
    for a in &input.applications {
        let in_run: BTreeSet<i64> = a
            .sessions
            .iter()
            .copied()
            .filter(|s| sessions.contains_key(s))
            .collect();
        let w = won.get(&a.id).copied().unwrap_or(0);
        let u = unplaced.get(&a.id).map_or(0, BTreeSet::len);
        let e = expl.get(&a.id);
        let consistent = e
            .is_some_and(|e| e.sessions_won == w && e.sessions_requested as usize == in_run.len())
            && w as usize + u == in_run.len();
        if !consistent {
            out.push(Violation {
                kind: ViolationKind::Accounting,
                session_id: None,
                stall_id: None,
                application_id: Some(a.id),
                detail: format!("requested {}, won {w}, unplaced {u}", in_run.len()),
            });
        }
    }
    out
}
