//! The allocation engine: sessions in date order; in each, candidates ranked (rotation or
//! plain lottery), reserves and category minimums served first, then everyone; each candidate
//! takes the best stall that keeps every hard constraint.

use std::cmp::Ordering;

use super::index::Index;
use super::model::ZoneKind;
use super::output::ReasonCode;
use super::policy::{Method, Policy};

mod repair;

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

    fn needs_smoky(&self, cat: usize) -> bool {
        self.policy.smoky_zone_only && self.ix.cat_smoky[cat]
    }

    fn needs_food_zone(&self, cat: usize) -> bool {
        !self.needs_smoky(cat) && self.policy.food_zone_only && self.ix.cat_food[cat]
    }

    fn zone_ok(&self, stall: usize, cat: usize) -> bool {
        let z = self.ix.zone[stall];
        if self.needs_smoky(cat) {
            z == Some(ZoneKind::Smoky)
        } else if self.needs_food_zone(cat) {
            matches!(z, Some(ZoneKind::Food | ZoneKind::Smoky))
        } else {
            true
        }
    }

    fn adjacency_ok(&self, stall: usize, cat: usize) -> bool {
        !self.policy.no_adjacent_same_category
            || self.ix.neighbours[stall].iter().all(|&n| {
                let p = self.pos_of[n];
                p == NONE || self.occ[p].is_none_or(|o| o.cat != Some(cat))
            })
    }

    fn feasible(&self, pos: usize, app: usize) -> bool {
        let stall = self.stalls[pos];
        let cat = self.ix.app_cat[app];
        self.occ[pos].is_none()
            && (!self.ix.input.applications[app].needs_power || self.ix.power[stall])
            && self.zone_ok(stall, cat)
            && self.adjacency_ok(stall, cat)
    }

    /// A stall someone still waiting needs more than this candidate does: power, or a zone
    /// their category is confined to, when no spare of that kind is left.
    fn held(&self, stall: usize, app: usize) -> bool {
        let cat = self.ix.app_cat[app];
        let needs_power = self.ix.input.applications[app].needs_power;
        (self.ix.power[stall] && !needs_power && self.free_power <= self.pending_power)
            || match self.ix.zone[stall] {
                Some(ZoneKind::Smoky) => {
                    !self.needs_smoky(cat) && self.free_smoky <= self.pending_smoky
                }
                Some(ZoneKind::Food) => {
                    !self.needs_food_zone(cat) && self.free_food <= self.pending_food
                }
                _ => false,
            }
    }

    fn avoid_premium(&self, vendor: usize) -> bool {
        let v = &self.vendors[vendor];
        self.policy.rotate_premium
            && v.premium > 0
            && u128::from(v.premium) * u128::from(self.total_won)
                >= u128::from(self.total_premium) * u128::from(v.won)
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

    fn session(&mut self, rank: usize, s: usize, apps: &[usize]) {
        self.open(rank, s);
        let ix = self.ix;
        let mut cands: Vec<Cand> = Vec::with_capacity(apps.len());
        for &a in apps {
            let vendor = ix.app_vendor[a];
            if self.vendors[vendor].busy == rank + 1 {
                self.refused.push((a, ReasonCode::AlreadyBooked));
            } else {
                cands.push(Cand {
                    app: a,
                    vendor,
                    phase: Phase::Pending,
                });
            }
        }
        match self.policy.method {
            Method::SerialDictatorship => cands.sort_by_key(|c| self.draw_rank[c.app]),
            Method::Rotation => {
                let key = |c: &Cand| {
                    let v = &self.vendors[c.vendor];
                    let share = (v.hist + v.won, v.hist + v.considered);
                    let reach = (
                        v.hist + v.won + v.requested.saturating_sub(v.considered + 1),
                        v.hist + v.requested,
                    );
                    (share, reach)
                };
                let mut keyed: Vec<_> = cands.drain(..).map(|c| (key(&c), c)).collect();
                keyed.sort_by(|(kx, x), (ky, y)| {
                    ratio_cmp(kx.0, ky.0)
                        .then_with(|| ratio_cmp(kx.1, ky.1))
                        .then_with(|| self.draw_rank[x.app].cmp(&self.draw_rank[y.app]))
                });
                cands.extend(keyed.into_iter().map(|(_, c)| c));
            }
        }
        // Counted once per vendor and night, even with two applications in the session.
        for c in &cands {
            let v = &mut self.vendors[c.vendor];
            if v.seen != rank + 1 {
                v.seen = rank + 1;
                v.considered += 1;
            }
        }
        (self.pending_power, self.pending_food, self.pending_smoky) = (0, 0, 0);
        for c in &cands {
            self.count_pending(c.app, true);
        }

        let free_start = self.free_len();
        let offered = self.stalls.len() as f64;
        let policy = self.policy;
        // (candidate index, reason) of everyone refused tonight.
        let mut failed: Vec<(usize, ReasonCode)> = Vec::new();
        for (group, &share) in &policy.reserved_share {
            let quota = (share * free_start as f64 + 1e-9).floor() as usize;
            let mut got = 0;
            for (i, c) in cands.iter_mut().enumerate() {
                if got >= quota {
                    break;
                }
                let app = &ix.input.applications[c.app];
                if c.phase != Phase::Pending || app.priority_groups.binary_search(group).is_err() {
                    continue;
                }
                match self.attempt(rank, s, c, Phase::Reserve) {
                    None => got += 1,
                    Some(r) => failed.push((i, r)),
                }
            }
        }
        for (name, &share) in &policy.category_min_share {
            let Ok(cat) = ix.input.categories.binary_search_by(|k| k.name.cmp(name)) else {
                continue;
            };
            let target = (share * offered - 1e-9).ceil().max(0.0) as usize;
            for (i, c) in cands.iter_mut().enumerate() {
                if self.cat_count[cat] >= target {
                    break;
                }
                if c.phase == Phase::Pending
                    && ix.app_cat[c.app] == cat
                    && let Some(r) = self.attempt(rank, s, c, Phase::Minimum)
                {
                    failed.push((i, r));
                }
            }
        }
        let mut reserve_ahead = cands.iter().filter(|c| c.phase == Phase::Reserve).count();
        let mut min_ahead = cands.iter().filter(|c| c.phase == Phase::Minimum).count();
        // Candidates ahead in the order who hold a stall, or were refused only for want of
        // one: without holds, each of them would have used one stall.
        let mut used_ahead = 0;
        for (i, c) in cands.iter_mut().enumerate() {
            match c.phase {
                Phase::Reserve => reserve_ahead -= 1,
                Phase::Minimum => min_ahead -= 1,
                Phase::Pending => {
                    if let Some(reason) = self.attempt(rank, s, c, Phase::General) {
                        // Had everyone kept to the order, a stall would have been left for
                        // this candidate: someone drawn later was served first by a hold.
                        let in_reach = used_ahead < free_start;
                        let reason = match reason {
                            ReasonCode::NoFreeStall if in_reach && reserve_ahead > 0 => {
                                ReasonCode::ReserveHeld
                            }
                            ReasonCode::NoFreeStall if in_reach && min_ahead > 0 => {
                                ReasonCode::CategoryMinHeld
                            }
                            r => r,
                        };
                        if matches!(
                            reason,
                            ReasonCode::NoFreeStall
                                | ReasonCode::ReserveHeld
                                | ReasonCode::CategoryMinHeld
                        ) {
                            used_ahead += 1;
                        }
                        failed.push((i, reason));
                    }
                }
                _ => {}
            }
            if matches!(c.phase, Phase::Reserve | Phase::Minimum | Phase::General) {
                used_ahead += 1;
            }
        }
        failed.sort_by_key(|f| f.0);
        for (i, reason) in failed {
            let c = &mut cands[i];
            let repairable = matches!(
                reason,
                ReasonCode::AdjacentSameCategory
                    | ReasonCode::ZoneNotAllowed
                    | ReasonCode::NoStallWithPower
            );
            if repairable
                && self.free_len() > 0
                && self.eligible(rank, s, c).is_ok()
                && let Some((x, y)) = self.find_move(c)
            {
                self.relocate(x, y);
                self.place(rank, s, c, x);
                c.phase = Phase::General;
                continue;
            }
            self.refused.push((c.app, reason));
        }
        self.close(s);
    }

    fn count_pending(&mut self, app: usize, add: bool) {
        let cat = self.ix.app_cat[app];
        let power = usize::from(self.ix.input.applications[app].needs_power);
        let smoky = usize::from(self.needs_smoky(cat));
        let food = usize::from(self.needs_food_zone(cat));
        if add {
            self.pending_power += power;
            self.pending_smoky += smoky;
            self.pending_food += food;
        } else {
            self.pending_power -= power;
            self.pending_smoky -= smoky;
            self.pending_food -= food;
        }
    }

    /// Tries one candidate; on success records the booking, otherwise returns the reason.
    fn attempt(&mut self, rank: usize, s: usize, c: &mut Cand, phase: Phase) -> Option<ReasonCode> {
        self.count_pending(c.app, false);
        match self.choose(rank, s, c) {
            Ok(pos) => {
                self.place(rank, s, c, pos);
                c.phase = phase;
                None
            }
            Err(reason) => {
                c.phase = Phase::Failed;
                Some(reason)
            }
        }
    }

    /// Limits that do not depend on which stall: one stall a night, the weekly cap, the
    /// category maximum.
    fn eligible(&self, rank: usize, s: usize, c: &Cand) -> Result<(), ReasonCode> {
        let week = self.ix.input.sessions[s].week;
        let cat = self.ix.app_cat[c.app];
        // Another application of the same vendor may have won tonight already.
        if self.vendors[c.vendor].busy == rank + 1 {
            return Err(ReasonCode::AlreadyBooked);
        }
        if let Some(cap) = self.policy.max_sessions_per_vendor_per_week
            && self.vendors[c.vendor].in_week(week) >= cap
        {
            return Err(ReasonCode::WeeklyCap);
        }
        if self.cat_count[cat] >= self.cat_max[cat] {
            return Err(ReasonCode::CategoryFull);
        }
        Ok(())
    }

    fn choose(&self, rank: usize, s: usize, c: &Cand) -> Result<usize, ReasonCode> {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        let cat = ix.app_cat[c.app];
        self.eligible(rank, s, c)?;
        if self.free_len() == 0 {
            return Err(ReasonCode::NoFreeStall);
        }
        let avoid = self.avoid_premium(c.vendor);
        let ok = |st: usize| {
            let p = self.pos_of[st];
            p != NONE && !(avoid && ix.premium[st]) && self.feasible(p, c.app)
        };
        if self.policy.keep_same_stall
            && let Some(prev) = sess.previous_session
            && let Some(stall_id) = self.vendors[c.vendor].stall_in(prev)
            && let Ok(st) = ix.input.stalls.binary_search_by_key(&stall_id, |x| x.id)
            && ok(st)
        {
            return Ok(self.pos_of[st]);
        }
        for &st in &ix.app_prefs[c.app] {
            if ok(st) {
                return Ok(self.pos_of[st]);
            }
        }
        let mut best: Option<(u8, usize)> = None;
        let classes: &[usize] = if self.needs_smoky(cat) {
            &[1]
        } else if self.needs_food_zone(cat) {
            &[0, 1]
        } else if ix.cat_food[cat] {
            &[0, 1, 2]
        } else {
            &[2, 0, 1]
        };
        for &p in classes.iter().flat_map(|&k| &self.free[k]) {
            if !self.feasible(p, c.app) {
                continue;
            }
            let st = self.stalls[p];
            let score = (u8::from(self.held(st, c.app)) << 1) | u8::from(avoid && ix.premium[st]);
            if score == 0 {
                return Ok(p);
            }
            if best.is_none_or(|b| score < b.0) {
                best = Some((score, p));
            }
        }
        if let Some((_, p)) = best {
            return Ok(p);
        }
        let needs_power = ix.input.applications[c.app].needs_power;
        let powered = |p: &&usize| !needs_power || ix.power[self.stalls[**p]];
        if !self.free_iter().any(|p| powered(&&p)) {
            Err(ReasonCode::NoStallWithPower)
        } else if !self
            .free_iter()
            .filter(|p| powered(&p))
            .any(|p| self.zone_ok(self.stalls[p], cat))
        {
            Err(ReasonCode::ZoneNotAllowed)
        } else {
            Err(ReasonCode::AdjacentSameCategory)
        }
    }

    /// Whether `app` fits at `pos` if the stall were free, with `moved` (position, category)
    /// standing in for what a planned move changes.
    fn fits_with(&self, pos: usize, app: usize, vacated: usize, moved: (usize, usize)) -> bool {
        let ix = self.ix;
        let st = self.stalls[pos];
        let cat = ix.app_cat[app];
        if ix.input.applications[app].needs_power && !ix.power[st] {
            return false;
        }
        if !self.zone_ok(st, cat) {
            return false;
        }
        !self.policy.no_adjacent_same_category
            || ix.neighbours[st].iter().all(|&n| {
                let q = self.pos_of[n];
                if q == NONE || q == vacated {
                    true
                } else if q == moved.0 {
                    moved.1 != cat
                } else {
                    self.occ[q].is_none_or(|o| o.cat != Some(cat))
                }
            })
    }

    /// A one-step repair for a refused candidate: someone booked tonight moves to a free
    /// stall that suits them, and the candidate takes the stall they left. Only the night's
    /// own bookings move; the first move found in stall order is taken.
    fn find_move(&self, c: &Cand) -> Option<(usize, usize)> {
        let cat = self.ix.app_cat[c.app];
        for &(x, other) in &self.tonight {
            let other_cat = self.ix.app_cat[other];
            if !self.fits_with(x, c.app, x, (NONE, NONE)) {
                continue;
            }
            for y in self.free_iter() {
                if self.fits_with(y, other, x, (x, cat))
                    && self.fits_with(x, c.app, x, (y, other_cat))
                {
                    return Some((x, y));
                }
            }
        }
        None
    }

    fn relocate(&mut self, from: usize, to: usize) {
        let ix = self.ix;
        self.occ[to] = self.occ[from].take();
        for t in &mut self.tonight {
            if t.0 == from {
                t.0 = to;
            }
        }
        // `from` is taken again at once by the candidate, so only `to` leaves the free pool.
        self.take_free(to);
        let st = self.stalls[from];
        let list = &mut self.free[self.class(st)];
        list.insert(list.partition_point(|&p| p < from), from);
        self.free_power += usize::from(ix.power[st]);
        self.free_food += usize::from(ix.zone[st] == Some(ZoneKind::Food));
        self.free_smoky += usize::from(ix.zone[st] == Some(ZoneKind::Smoky));
    }

    fn class(&self, stall: usize) -> usize {
        match self.ix.zone[stall] {
            Some(ZoneKind::Food) => 0,
            Some(ZoneKind::Smoky) => 1,
            _ => 2,
        }
    }

    fn free_len(&self) -> usize {
        self.free.iter().map(Vec::len).sum()
    }

    fn free_iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.free.iter().flatten().copied()
    }

    fn take_free(&mut self, pos: usize) {
        let ix = self.ix;
        let st = self.stalls[pos];
        let list = &mut self.free[self.class(st)];
        if let Ok(i) = list.binary_search(&pos) {
            list.remove(i);
        }
        self.free_power -= usize::from(ix.power[st]);
        self.free_food -= usize::from(ix.zone[st] == Some(ZoneKind::Food));
        self.free_smoky -= usize::from(ix.zone[st] == Some(ZoneKind::Smoky));
    }

    fn place(&mut self, rank: usize, s: usize, c: &Cand, pos: usize) {
        let ix = self.ix;
        let week = ix.input.sessions[s].week;
        let cat = ix.app_cat[c.app];
        self.occ[pos] = Some(Occ {
            cat: Some(cat),
            app: c.app,
        });
        self.take_free(pos);
        self.cat_count[cat] += 1;
        let v = &mut self.vendors[c.vendor];
        v.add_week(week);
        v.busy = rank + 1;
        v.won += 1;
        self.total_won += 1;
        self.tonight.push((pos, c.app));
    }
}
