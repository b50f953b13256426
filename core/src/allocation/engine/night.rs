//! One night: the candidates ranked (rotation or plain lottery), priority reserves and category
//! minimums served first, then everyone in order; a refusal that moving one booking of the
//! night would cure is repaired on the spot.

use super::{Cand, Engine, Method, NONE, Phase, ReasonCode, ratio_cmp};

impl Engine<'_, '_> {
    pub(super) fn session(&mut self, rank: usize, s: usize, apps: &[usize]) {
        self.open(rank, s);
        let ix = self.ix;
        let mut cands: Vec<Cand> = Vec::with_capacity(apps.len());
        for &a in apps {
            let vendor = ix.app_vendor[a];
            if self.vendors[vendor].busy == rank + 1 {
                self.refused.push((a, ReasonCode::AlreadyBooked));
            } else if self.busy_elsewhere(s, a, NONE) {
                self.refused.push((a, ReasonCode::BusyElsewhere));
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

    pub(super) fn count_pending(&mut self, app: usize, add: bool) {
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
    pub(super) fn attempt(
        &mut self,
        rank: usize,
        s: usize,
        c: &mut Cand,
        phase: Phase,
    ) -> Option<ReasonCode> {
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
}
