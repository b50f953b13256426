//! Validated, indexed view of a canonical input: ids turned into dense indices once, so the
//! engine's inner loops touch only vectors.

use std::collections::BTreeSet;

use super::error::AllocationError;
use super::model::{AllocationInput, ZoneKind};
use super::policy::Policy;

/// An earlier booking inside a session of the run.
#[derive(Debug, Clone, Copy)]
pub(super) struct Taken {
    pub stall: usize,
    pub vendor: usize,
    pub cat: Option<usize>,
}

/// An earlier booking outside the run.
#[derive(Debug, Clone, Copy)]
pub(super) struct History {
    pub session_id: i64,
    pub stall_id: i64,
    pub vendor: usize,
    pub week: Option<u32>,
}

pub(super) struct Index<'a> {
    pub input: &'a AllocationInput,
    pub power: Vec<bool>,
    pub premium: Vec<bool>,
    pub zone: Vec<Option<ZoneKind>>,
    pub neighbours: Vec<Vec<usize>>,
    /// Session indices in (date, id) order.
    pub session_order: Vec<usize>,
    /// Position of each session in `session_order`.
    pub session_rank: Vec<usize>,
    pub session_stalls: Vec<Vec<usize>>,
    pub taken: Vec<Vec<Taken>>,
    /// Sessions of the run whose hours overlap each session's (`Session::overlaps`).
    pub overlaps: Vec<Vec<usize>>,
    pub history: Vec<History>,
    /// Requested sessions inside the run, in session order.
    pub app_sessions: Vec<Vec<usize>>,
    pub app_cat: Vec<usize>,
    pub app_vendor: Vec<usize>,
    /// Preferred stalls that exist, ranked.
    pub app_prefs: Vec<Vec<usize>>,
    /// Sessions of the run at whose hours the vendor is booked outside the run, ascending.
    pub app_busy: Vec<Vec<usize>>,
    pub vendor_ids: Vec<i64>,
    pub cat_food: Vec<bool>,
    pub cat_smoky: Vec<bool>,
}

fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    matches!(
        (digits(0..4), digits(5..7), digits(8..10)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

fn no_duplicates(
    kind: &'static str,
    sorted: impl Iterator<Item = i64>,
) -> Result<(), AllocationError> {
    let mut last = None;
    for id in sorted {
        if last == Some(id) {
            return Err(AllocationError::DuplicateId { kind, id });
        }
        last = Some(id);
    }
    Ok(())
}

impl<'a> Index<'a> {
    /// `input` must be canonical.
    pub fn build(input: &'a AllocationInput, policy: &Policy) -> Result<Self, AllocationError> {
        if input.sessions.is_empty() {
            return Err(AllocationError::NoSessions);
        }
        no_duplicates("stall", input.stalls.iter().map(|s| s.id))?;
        no_duplicates("session", input.sessions.iter().map(|s| s.id))?;
        no_duplicates("application", input.applications.iter().map(|a| a.id))?;
        for w in input.categories.windows(2) {
            if w[0].name == w[1].name {
                return Err(AllocationError::DuplicateCategory {
                    name: w[0].name.clone(),
                });
            }
        }
        policy.validate(&input.categories)?;

        let stall_ids: Vec<i64> = input.stalls.iter().map(|s| s.id).collect();
        let stall_at = |id: i64| stall_ids.binary_search(&id).ok();
        let session_at = |id: i64| input.sessions.binary_search_by_key(&id, |s| s.id).ok();
        let cat_at = |name: &str| {
            input
                .categories
                .binary_search_by(|c| c.name.as_str().cmp(name))
                .ok()
        };

        let mut neighbours = vec![Vec::new(); input.stalls.len()];
        for (i, s) in input.stalls.iter().enumerate() {
            for &n in &s.neighbours {
                if let Some(j) = stall_at(n)
                    && j != i
                {
                    neighbours[i].push(j);
                    neighbours[j].push(i);
                }
            }
        }
        for n in &mut neighbours {
            n.sort_unstable();
            n.dedup();
        }

        let mut session_stalls = Vec::with_capacity(input.sessions.len());
        for s in &input.sessions {
            if !valid_date(&s.date) {
                return Err(AllocationError::BadDate {
                    session_id: s.id,
                    date: s.date.clone(),
                });
            }
            let mut v = Vec::with_capacity(s.stall_ids.len());
            for &id in &s.stall_ids {
                let i = stall_at(id).ok_or(AllocationError::UnknownStall {
                    session_id: s.id,
                    stall_id: id,
                })?;
                if input.stalls[i].site_id != s.site_id {
                    return Err(AllocationError::StallOnOtherSite {
                        session_id: s.id,
                        stall_id: id,
                    });
                }
                v.push(i);
            }
            session_stalls.push(v);
        }
        let mut session_order: Vec<usize> = (0..input.sessions.len()).collect();
        session_order.sort_by(|&a, &b| {
            let (sa, sb) = (&input.sessions[a], &input.sessions[b]);
            sa.date.cmp(&sb.date).then(sa.id.cmp(&sb.id))
        });
        let mut session_rank = vec![0; session_order.len()];
        for (r, &s) in session_order.iter().enumerate() {
            session_rank[s] = r;
        }

        let mut vendor_ids: Vec<i64> = input
            .applications
            .iter()
            .map(|a| a.vendor_id)
            .chain(input.existing_bookings.iter().map(|b| b.vendor_id))
            .collect();
        vendor_ids.sort_unstable();
        vendor_ids.dedup();
        let vendor_at = |id: i64| vendor_ids.binary_search(&id).unwrap_or(0);

        let mut taken: Vec<Vec<Taken>> = vec![Vec::new(); input.sessions.len()];
        let mut history = Vec::new();
        for b in &input.existing_bookings {
            let vendor = vendor_at(b.vendor_id);
            match (session_at(b.session_id), stall_at(b.stall_id)) {
                (Some(s), Some(stall)) => {
                    let conflict = taken[s]
                        .iter()
                        .any(|t| t.stall == stall || t.vendor == vendor);
                    if conflict {
                        return Err(AllocationError::ConflictingBookings {
                            session_id: b.session_id,
                            stall_id: b.stall_id,
                        });
                    }
                    let cat = b.category.as_deref().and_then(cat_at);
                    taken[s].push(Taken { stall, vendor, cat });
                }
                // A stall unknown to the run cannot collide with anything it places.
                (Some(_), None) => {}
                (None, _) => history.push(History {
                    session_id: b.session_id,
                    stall_id: b.stall_id,
                    vendor,
                    week: b.week,
                }),
            }
        }

        let n_apps = input.applications.len();
        let mut app_busy = Vec::with_capacity(n_apps);
        let (mut app_sessions, mut app_cat, mut app_vendor, mut app_prefs) = (
            Vec::with_capacity(n_apps),
            Vec::with_capacity(n_apps),
            Vec::with_capacity(n_apps),
            Vec::with_capacity(n_apps),
        );
        for a in &input.applications {
            let cat = cat_at(&a.category).ok_or_else(|| AllocationError::UnknownCategory {
                application_id: a.id,
                category: a.category.clone(),
            })?;
            let mut ss: Vec<usize> = a.sessions.iter().filter_map(|&id| session_at(id)).collect();
            ss.sort_by_key(|&s| session_rank[s]);
            app_sessions.push(ss);
            app_cat.push(cat);
            app_vendor.push(vendor_at(a.vendor_id));
            let mut seen = BTreeSet::new();
            let prefs: Vec<usize> = a
                .preferred_stalls
                .iter()
                .filter_map(|&p| stall_at(p))
                .filter(|&i| seen.insert(i))
                .collect();
            app_prefs.push(prefs);
            let mut busy: Vec<usize> = a
                .busy_sessions
                .iter()
                .filter_map(|&id| session_at(id))
                .collect();
            busy.sort_unstable();
            busy.dedup();
            app_busy.push(busy);
        }
        // Overlap is mutual even when only one side names the other.
        let mut overlaps = vec![Vec::new(); input.sessions.len()];
        for (i, s) in input.sessions.iter().enumerate() {
            for &id in &s.overlaps {
                if let Some(j) = session_at(id)
                    && j != i
                {
                    overlaps[i].push(j);
                    overlaps[j].push(i);
                }
            }
        }
        for o in &mut overlaps {
            o.sort_unstable();
            o.dedup();
        }

        Ok(Index {
            input,
            power: input.stalls.iter().map(|s| s.power).collect(),
            premium: input.stalls.iter().map(|s| s.premium).collect(),
            zone: input.stalls.iter().map(|s| s.zone).collect(),
            neighbours,
            session_order,
            session_rank,
            session_stalls,
            taken,
            overlaps,
            history,
            app_sessions,
            app_cat,
            app_vendor,
            app_prefs,
            app_busy,
            vendor_ids,
            cat_food: input.categories.iter().map(|c| c.food).collect(),
            cat_smoky: input.categories.iter().map(|c| c.smoky).collect(),
        })
    }
}
