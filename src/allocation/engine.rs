//! The allocation engine: sessions in date order; in each, candidates ranked (rotation or
//! plain lottery), reserves and category minimums served first, then everyone; each candidate
//! takes the best stall that keeps every hard constraint.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::index::Index;
use super::model::ZoneKind;
use super::output::ReasonCode;
use super::policy::{Method, Policy};

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
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Pending,
    Reserve,
    Minimum,
    General,
    Failed,
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
    week_count: HashMap<(usize, u32), u32>,
    /// (session id, vendor) -> stall id, for keeping stalls and measuring stability.
    stall_of: HashMap<(i64, usize), i64>,
    total_won: u64,
    total_premium: u64,
    pos_of: Vec<usize>,
    run: Run,
    // Per-session state, reset by `open`.
    stalls: Vec<usize>,
    occ: Vec<Option<(usize, Option<usize>)>>,
    free: Vec<usize>,
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
        let mut week_count: HashMap<(usize, u32), u32> = HashMap::new();
        let mut stall_of = HashMap::new();
        for (s, taken) in ix.taken.iter().enumerate() {
            let sess = &input.sessions[s];
            for t in taken {
                vendors[t.vendor].hist += 1;
                *week_count.entry((t.vendor, sess.week)).or_default() += 1;
                stall_of.insert((sess.id, t.vendor), input.stalls[t.stall].id);
            }
        }
        for h in &ix.history {
            vendors[h.vendor].hist += 1;
            if let Some(w) = h.week {
                *week_count.entry((h.vendor, w)).or_default() += 1;
            }
            stall_of.insert((h.session_id, h.vendor), h.stall_id);
        }
        Engine {
            ix,
            policy,
            draw_rank,
            vendors,
            week_count,
            stall_of,
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
            stalls: Vec::new(),
            occ: Vec::new(),
            free: Vec::new(),
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
                p == NONE || !matches!(self.occ[p], Some((_, Some(c))) if c == cat)
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
            for &a in &session_apps[s] {
                let v = self.ix.app_vendor[a];
                if last_seen[v] != s && !self.ix.taken[s].iter().any(|t| t.vendor == v) {
                    last_seen[v] = s;
                    self.vendors[v].requested += 1;
                }
            }
        }
        for (rank, &s) in order.iter().enumerate() {
            self.session(rank, s, &session_apps[s]);
        }
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
                self.occ[p] = Some((t.vendor, t.cat));
            }
            if let Some(c) = t.cat {
                self.cat_count[c] += 1;
            }
            self.vendors[t.vendor].busy = rank + 1;
        }
        self.free.clear();
        self.free
            .extend((0..self.stalls.len()).filter(|&p| self.occ[p].is_none()));
        let (mut fp, mut ff, mut fs) = (0, 0, 0);
        for &p in &self.free {
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
        self.run.free_offered += self.free.len() as u64;
    }

    fn close(&mut self) {
        for (p, &st) in self.stalls.iter().enumerate() {
            if let Some((_, Some(c))) = self.occ[p] {
                for &n in &self.ix.neighbours[st] {
                    let q = self.pos_of[n];
                    if n > st && q != NONE && matches!(self.occ[q], Some((_, Some(d))) if d == c) {
                        self.run.adjacent_pairs += 1;
                    }
                }
            }
        }
        for &st in &self.stalls {
            self.pos_of[st] = NONE;
        }
    }

    fn session(&mut self, rank: usize, s: usize, apps: &[usize]) {
        self.open(rank, s);
        let ix = self.ix;
        let mut cands: Vec<Cand> = Vec::with_capacity(apps.len());
        for &a in apps {
            let vendor = ix.app_vendor[a];
            if self.vendors[vendor].busy == rank + 1 {
                self.run.unplaced.push((a, s, ReasonCode::AlreadyBooked));
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
                cands.sort_by(|x, y| {
                    let (kx, ky) = (key(x), key(y));
                    ratio_cmp(kx.0, ky.0)
                        .then_with(|| ratio_cmp(kx.1, ky.1))
                        .then_with(|| self.draw_rank[x.app].cmp(&self.draw_rank[y.app]))
                })
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
            self.count_pending(c.app, 1);
        }

        let free_start = self.free.len() as f64;
        let offered = self.stalls.len() as f64;
        let policy = self.policy;
        for (group, &share) in &policy.reserved_share {
            let quota = (share * free_start + 1e-9).floor() as usize;
            let mut got = 0;
            for c in cands.iter_mut() {
                if got >= quota {
                    break;
                }
                let app = &ix.input.applications[c.app];
                if c.phase != Phase::Pending || app.priority_groups.binary_search(group).is_err() {
                    continue;
                }
                if self.attempt(rank, s, c, Phase::Reserve).is_none() {
                    got += 1;
                }
            }
        }
        for (name, &share) in &policy.category_min_share {
            let Ok(c) = ix.input.categories.binary_search_by(|k| k.name.cmp(name)) else {
                continue;
            };
            let target = (share * offered - 1e-9).ceil().max(0.0) as usize;
            for cand in cands.iter_mut() {
                if self.cat_count[c] >= target {
                    break;
                }
                if cand.phase == Phase::Pending && ix.app_cat[cand.app] == c {
                    self.attempt(rank, s, cand, Phase::Minimum);
                }
            }
        }
        let mut reserve_ahead = cands.iter().filter(|c| c.phase == Phase::Reserve).count();
        let mut min_ahead = cands.iter().filter(|c| c.phase == Phase::Minimum).count();
        for c in cands.iter_mut() {
            match c.phase {
                Phase::Reserve => reserve_ahead -= 1,
                Phase::Minimum => min_ahead -= 1,
                Phase::Pending => {
                    if let Some(reason) = self.attempt(rank, s, c, Phase::General) {
                        // Someone drawn later took a stall ahead of their turn: say so.
                        let reason = match reason {
                            ReasonCode::NoFreeStall if reserve_ahead > 0 => ReasonCode::ReserveHeld,
                            ReasonCode::NoFreeStall if min_ahead > 0 => ReasonCode::CategoryMinHeld,
                            r => r,
                        };
                        self.run.unplaced.push((c.app, s, reason));
                    }
                }
                _ => {}
            }
        }
        self.close();
    }

    fn count_pending(&mut self, app: usize, add: usize) {
        let cat = self.ix.app_cat[app];
        let power = usize::from(self.ix.input.applications[app].needs_power);
        let smoky = usize::from(self.needs_smoky(cat));
        let food = usize::from(self.needs_food_zone(cat));
        if add == 1 {
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
    /// Reserve and minimum phases record their own failures, the general phase leaves that
    /// to the caller so it can name a hold.
    fn attempt(&mut self, rank: usize, s: usize, c: &mut Cand, phase: Phase) -> Option<ReasonCode> {
        self.count_pending(c.app, 0);
        match self.choose(rank, s, c) {
            Ok(pos) => {
                self.place(rank, s, c, pos);
                c.phase = phase;
                None
            }
            Err(reason) => {
                c.phase = Phase::Failed;
                if phase != Phase::General {
                    self.run.unplaced.push((c.app, s, reason));
                }
                Some(reason)
            }
        }
    }

    fn choose(&self, rank: usize, s: usize, c: &Cand) -> Result<usize, ReasonCode> {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        let cat = ix.app_cat[c.app];
        // Another application of the same vendor may have won tonight already.
        if self.vendors[c.vendor].busy == rank + 1 {
            return Err(ReasonCode::AlreadyBooked);
        }
        if let Some(cap) = self.policy.max_sessions_per_vendor_per_week
            && self
                .week_count
                .get(&(c.vendor, sess.week))
                .copied()
                .unwrap_or(0)
                >= cap
        {
            return Err(ReasonCode::WeeklyCap);
        }
        if self.cat_count[cat] >= self.cat_max[cat] {
            return Err(ReasonCode::CategoryFull);
        }
        if self.free.is_empty() {
            return Err(ReasonCode::NoFreeStall);
        }
        let avoid = self.avoid_premium(c.vendor);
        let ok = |st: usize| {
            let p = self.pos_of[st];
            p != NONE && !(avoid && ix.premium[st]) && self.feasible(p, c.app)
        };
        if self.policy.keep_same_stall
            && let Some(prev) = sess.previous_session
            && let Some(&stall_id) = self.stall_of.get(&(prev, c.vendor))
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
        for &p in &self.free {
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
        if !self.free.iter().any(|p| powered(&p)) {
            Err(ReasonCode::NoStallWithPower)
        } else if !self
            .free
            .iter()
            .filter(powered)
            .any(|&p| self.zone_ok(self.stalls[p], cat))
        {
            Err(ReasonCode::ZoneNotAllowed)
        } else {
            Err(ReasonCode::AdjacentSameCategory)
        }
    }

    fn place(&mut self, rank: usize, s: usize, c: &Cand, pos: usize) {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        let st = self.stalls[pos];
        let cat = ix.app_cat[c.app];
        let stall_id = ix.input.stalls[st].id;
        self.occ[pos] = Some((c.vendor, Some(cat)));
        if let Ok(i) = self.free.binary_search(&pos) {
            self.free.remove(i);
        }
        self.free_power -= usize::from(ix.power[st]);
        self.free_food -= usize::from(ix.zone[st] == Some(ZoneKind::Food));
        self.free_smoky -= usize::from(ix.zone[st] == Some(ZoneKind::Smoky));
        self.cat_count[cat] += 1;
        *self.week_count.entry((c.vendor, sess.week)).or_default() += 1;
        let v = &mut self.vendors[c.vendor];
        v.busy = rank + 1;
        v.won += 1;
        self.total_won += 1;
        if ix.premium[st] {
            v.premium += 1;
            self.total_premium += 1;
        }
        if let Some(prev) = sess.previous_session
            && let Some(&before) = self.stall_of.get(&(prev, c.vendor))
        {
            self.run.stability.1 += 1;
            self.run.stability.0 += u64::from(before == stall_id);
        }
        self.stall_of.insert((sess.id, c.vendor), stall_id);
        if ix.input.applications[c.app].preferred_stalls.first() == Some(&stall_id) {
            self.run.first_choice[c.app] += 1;
        }
        self.run.placements.push((s, st, c.app));
    }
}
