//! The allocation engine: sessions in date order; in each, candidates ranked (rotation or
//! plain lottery), reserves and category minimums served first, then everyone; each candidate
//! takes the best stall that keeps every hard constraint.
//!
//! Here: the engine's state, opening and closing a night, writing out the run. One night's
//! order of candidates is in `night`, the rules and choice of a stall in `stalls`, the weekly
//! repair pass in `repair`.

use std::cmp::Ordering;

use super::index::Index;
use super::model::ZoneKind;
use super::output::ReasonCode;
use super::policy::{Method, Policy};

mod night;
mod repair;
mod stalls;

/// Raw result in dense indices; `mod.rs` turns it into ids.
pub(super) struct Run {
    /// (session, stall, application)
    pub placements: Vec<(usize, usize, usize)>,
    /// (application, session, reason)
    pub unplaced: Vec<(usize, usize, ReasonCode)>,
    pub first_choice: Vec<u32>,
    pub free_offered: u64,
    pub adjacent_pairs: u64,
    pub stability: (u64, u64),
}

#[derive(Default, Clone)]
struct VendorState {
    won: u64,
    considered: u64,
    /// Earlier bookings: rotation counts them as sessions already won.
    hist: u64,
    requested: u64,
    premium: u64,
    /// 1 + rank of the last session in which the vendor holds a stall.
    busy: usize,
    /// 1 + rank of the last session in which the vendor was a candidate.
    seen: usize,
    /// (week, sessions held), for the weekly cap. Short and mostly appended in date order,
    /// so a scan from the end beats hashing.
    weeks: Vec<(u32, u32)>,
    /// (session id, stall id) held, for keeping stalls and measuring stability.
    stalls: Vec<(i64, i64)>,
}

impl VendorState {
    fn in_week(&self, week: u32) -> u32 {
        self.weeks
            .iter()
            .rev()
            .find(|w| w.0 == week)
            .map_or(0, |w| w.1)
    }

    fn add_week(&mut self, week: u32) {
        match self.weeks.iter_mut().rev().find(|w| w.0 == week) {
            Some(w) => w.1 += 1,
            None => self.weeks.push((week, 1)),
        }
    }

    fn stall_in(&self, session_id: i64) -> Option<i64> {
        self.stalls
            .iter()
            .rev()
            .find(|s| s.0 == session_id)
            .map(|s| s.1)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Pending,
    Reserve,
    Minimum,
    General,
    Failed,
}

#[derive(Clone, Copy)]
struct Occ {
    /// None for an earlier booking whose category is unknown.
    cat: Option<usize>,
    /// The application booked, `NONE` for an earlier booking.
    app: usize,
}

/// A closed session, kept until the end of the run so the repair pass can still change it.
#[derive(Default)]
struct Night {
    /// Occupant of each position of the session's stalls (`Index::session_stalls`, ascending).
    occ: Vec<Option<Occ>>,
    cat_count: Vec<usize>,
    cat_max: Vec<usize>,
    /// Requests refused in this session, in the order they were tried, with the reason.
    refused: Vec<(usize, ReasonCode)>,
}

struct Cand {
    app: usize,
    vendor: usize,
    phase: Phase,
}

const NONE: usize = usize::MAX;

/// How a rotation key compares: won/considered ascending (0/0 counts as 0), then the best
/// share still reachable if refused tonight, so someone with few nights left is not starved,
/// then the lottery.
fn ratio_cmp(a: (u64, u64), b: (u64, u64)) -> Ordering {
    let (an, ad) = (a.0 as u128, a.1.max(1) as u128);
    let (bn, bd) = (b.0 as u128, b.1.max(1) as u128);
    (an * bd).cmp(&(bn * ad))
}

pub(super) struct Engine<'a, 'b> {
    ix: &'b Index<'a>,
    policy: &'b Policy,
    draw_rank: &'b [u32],
    vendors: Vec<VendorState>,

    total_won: u64,
    total_premium: u64,
    pos_of: Vec<usize>,
    run: Run,
    /// Closed sessions, by session index.
    nights: Vec<Night>,
    /// Closed sessions of the current week not yet offered to the repair pass, in order.
    week_nights: Vec<usize>,
    // Per-session state, reset by `open`.
    stalls: Vec<usize>,
    /// (application, reason) of requests refused in the open session.
    refused: Vec<(usize, ReasonCode)>,
    occ: Vec<Option<Occ>>,
    /// (position, application) booked in the open session, recorded at close.
    tonight: Vec<(usize, usize)>,
    /// Free positions by zone class (Food, Smoky, other), each ascending, so a vendor looks
    /// first where they belong instead of walking past stalls held for others.
    free: [Vec<usize>; 3],
    cat_count: Vec<usize>,
    cat_max: Vec<usize>,
    free_power: usize,
    free_food: usize,
    free_smoky: usize,
    pending_power: usize,
    pending_food: usize,
    pending_smoky: usize,
}

impl<'a, 'b> Engine<'a, 'b> {
    pub fn new(ix: &'b Index<'a>, policy: &'b Policy, draw_rank: &'b [u32]) -> Self {
        let input = ix.input;
        let mut vendors = vec![VendorState::default(); ix.vendor_ids.len()];

        for (s, taken) in ix.taken.iter().enumerate() {
            let sess = &input.sessions[s];
            for t in taken {
                vendors[t.vendor].hist += 1;
                let v = &mut vendors[t.vendor];
                v.add_week(sess.week);
                v.stalls.push((sess.id, input.stalls[t.stall].id));
            }
        }
        for h in &ix.history {
            vendors[h.vendor].hist += 1;
            if let Some(w) = h.week {
                vendors[h.vendor].add_week(w);
            }
            vendors[h.vendor].stalls.push((h.session_id, h.stall_id));
        }
        Engine {
            ix,
            policy,
            draw_rank,
            vendors,
            total_won: 0,
            total_premium: 0,
            pos_of: vec![NONE; input.stalls.len()],
            run: Run {
                placements: Vec::new(),
                unplaced: Vec::new(),
                first_choice: vec![0; input.applications.len()],
                free_offered: 0,
                adjacent_pairs: 0,
                stability: (0, 0),
            },
            nights: std::iter::repeat_with(Night::default)
                .take(input.sessions.len())
                .collect(),
            week_nights: Vec::new(),
            stalls: Vec::new(),
            refused: Vec::new(),
            occ: Vec::new(),
            tonight: Vec::new(),
            free: [Vec::new(), Vec::new(), Vec::new()],
            cat_count: vec![0; input.categories.len()],
            cat_max: vec![usize::MAX; input.categories.len()],
            free_power: 0,
            free_food: 0,
            free_smoky: 0,
            pending_power: 0,
            pending_food: 0,
            pending_smoky: 0,
        }
    }

    pub fn run(mut self, session_apps: &[Vec<usize>]) -> Run {
        let order = self.ix.session_order.clone();
        // Each vendor's distinct requested sessions, for the "still reachable" rotation key.
        let mut last_seen = vec![NONE; self.vendors.len()];
        for &s in &order {
            for t in &self.ix.taken[s] {
                last_seen[t.vendor] = s;
            }
            for &a in &session_apps[s] {
                let v = self.ix.app_vendor[a];
                if last_seen[v] != s {
                    last_seen[v] = s;
                    self.vendors[v].requested += 1;
                }
            }
        }
        let sessions = &self.ix.input.sessions;
        for (rank, &s) in order.iter().enumerate() {
            // The weekly cap is the only rule reaching across sessions: once a week is
            // allocated, the repair pass fills what it left empty, before the next week's
            // rotation reads the counts.
            if let Some(&last) = self.week_nights.last()
                && sessions[last].week != sessions[s].week
            {
                self.repair_week();
            }
            self.session(rank, s, &session_apps[s]);
            self.week_nights.push(s);
        }
        self.repair_week();
        self.finish();
        self.run
    }

    fn open(&mut self, rank: usize, s: usize) {
        let ix = self.ix;
        self.stalls.clear();
        self.stalls.extend_from_slice(&ix.session_stalls[s]);
        self.occ.clear();
        self.occ.resize(self.stalls.len(), None);
        for (p, &st) in self.stalls.iter().enumerate() {
            self.pos_of[st] = p;
        }
        self.cat_count.iter_mut().for_each(|c| *c = 0);
        for t in &ix.taken[s] {
            let p = self.pos_of[t.stall];
            if p != NONE {
                self.occ[p] = Some(Occ {
                    cat: t.cat,
                    app: NONE,
                });
            }
            if let Some(c) = t.cat {
                self.cat_count[c] += 1;
            }
            self.vendors[t.vendor].busy = rank + 1;
        }
        self.free.iter_mut().for_each(Vec::clear);
        for p in 0..self.stalls.len() {
            if self.occ[p].is_none() {
                let k = self.class(self.stalls[p]);
                self.free[k].push(p);
            }
        }
        let (mut fp, mut ff, mut fs) = (0, 0, 0);
        for p in self.free_iter() {
            let st = self.stalls[p];
            fp += usize::from(ix.power[st]);
            ff += usize::from(ix.zone[st] == Some(ZoneKind::Food));
            fs += usize::from(ix.zone[st] == Some(ZoneKind::Smoky));
        }
        (self.free_power, self.free_food, self.free_smoky) = (fp, ff, fs);
        let offered = self.stalls.len() as f64;
        for (c, cat) in ix.input.categories.iter().enumerate() {
            self.cat_max[c] = match self.policy.category_max_share.get(&cat.name) {
                // Shares are validated to [0, 1], so the product fits.
                Some(&m) => (m * offered + 1e-9).floor() as usize,
                None => usize::MAX,
            };
        }
        self.run.free_offered += self.free_len() as u64;
    }

    /// Records the night in the vendors' state the rest of the run reads (premium nights,
    /// stalls held) and keeps it for the repair pass; the bookings themselves are written
    /// out by `finish`, once nothing can move any more.
    fn close(&mut self, s: usize) {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        // Recorded only now because the repair pass may still move people within the night.
        for i in 0..self.tonight.len() {
            let (pos, app) = self.tonight[i];
            let st = self.stalls[pos];
            let vendor = ix.app_vendor[app];
            if ix.premium[st] {
                self.vendors[vendor].premium += 1;
                self.total_premium += 1;
            }
            self.vendors[vendor]
                .stalls
                .push((sess.id, ix.input.stalls[st].id));
        }
        self.tonight.clear();
        for &st in &self.stalls {
            self.pos_of[st] = NONE;
        }
        self.nights[s] = Night {
            occ: std::mem::take(&mut self.occ),
            cat_count: self.cat_count.clone(),
            cat_max: self.cat_max.clone(),
            refused: std::mem::take(&mut self.refused),
        };
    }

    /// Writes out every night in session order: bookings, first choices, stability and
    /// adjacent same-category pairs, and the requests left unplaced.
    fn finish(&mut self) {
        let ix = self.ix;
        for &s in &ix.session_order {
            let sess = &ix.input.sessions[s];
            let night = std::mem::take(&mut self.nights[s]);
            let stalls = &ix.session_stalls[s];
            for (p, o) in night.occ.iter().enumerate() {
                let Some(o) = o else { continue };
                let st = stalls[p];
                if let Some(c) = o.cat {
                    for &n in &ix.neighbours[st] {
                        if n > st
                            && let Ok(q) = stalls.binary_search(&n)
                            && night.occ[q].is_some_and(|x| x.cat == Some(c))
                        {
                            self.run.adjacent_pairs += 1;
                        }
                    }
                }
                if o.app == NONE {
                    continue;
                }
                let vendor = ix.app_vendor[o.app];
                let stall_id = ix.input.stalls[st].id;
                if let Some(prev) = sess.previous_session.filter(|&p| p != sess.id)
                    && let Some(before) = self.vendors[vendor].stall_in(prev)
                {
                    self.run.stability.1 += 1;
                    self.run.stability.0 += u64::from(before == stall_id);
                }
                if ix.input.applications[o.app].preferred_stalls.first() == Some(&stall_id) {
                    self.run.first_choice[o.app] += 1;
                }
                self.run.placements.push((s, st, o.app));
            }
            self.run
                .unplaced
                .extend(night.refused.iter().map(|&(a, r)| (a, s, r)));
        }
    }
}
