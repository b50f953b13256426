//! Which stall a candidate may take and which one they get: the hard rules (power, zones, no two
//! neighbours of one category, one stall a night, the weekly cap, category maximums), stalls held
//! for those still waiting, and the pool of free stalls of the open night.

use super::{Cand, Engine, NONE, Occ, ReasonCode, ZoneKind};

impl Engine<'_, '_> {
    pub(super) fn needs_smoky(&self, cat: usize) -> bool {
        self.policy.smoky_zone_only && self.ix.cat_smoky[cat]
    }

    pub(super) fn needs_food_zone(&self, cat: usize) -> bool {
        !self.needs_smoky(cat) && self.policy.food_zone_only && self.ix.cat_food[cat]
    }

    pub(super) fn zone_ok(&self, stall: usize, cat: usize) -> bool {
        let z = self.ix.zone[stall];
        if self.needs_smoky(cat) {
            z == Some(ZoneKind::Smoky)
        } else if self.needs_food_zone(cat) {
            matches!(z, Some(ZoneKind::Food | ZoneKind::Smoky))
        } else {
            true
        }
    }

    pub(super) fn adjacency_ok(&self, stall: usize, cat: usize) -> bool {
        !self.policy.no_adjacent_same_category
            || self.ix.neighbours[stall].iter().all(|&n| {
                let p = self.pos_of[n];
                p == NONE || self.occ[p].is_none_or(|o| o.cat != Some(cat))
            })
    }

    pub(super) fn feasible(&self, pos: usize, app: usize) -> bool {
        let stall = self.stalls[pos];
        let cat = self.ix.app_cat[app];
        self.occ[pos].is_none()
            && (!self.ix.input.applications[app].needs_power || self.ix.power[stall])
            && self.zone_ok(stall, cat)
            && self.adjacency_ok(stall, cat)
    }

    /// A stall someone still waiting needs more than this candidate does: power, or a zone
    /// their category is confined to, when no spare of that kind is left.
    pub(super) fn held(&self, stall: usize, app: usize) -> bool {
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

    pub(super) fn avoid_premium(&self, vendor: usize) -> bool {
        let v = &self.vendors[vendor];
        self.policy.rotate_premium
            && v.premium > 0
            && u128::from(v.premium) * u128::from(self.total_won)
                >= u128::from(self.total_premium) * u128::from(v.won)
    }

    /// Whether the vendor of application `app` holds a stall at session `s`'s hours somewhere
    /// else: outside the run, or in an overlapping session of the run, booked before it or
    /// placed by it (`except`, a session the vendor is about to leave, does not count).
    pub(super) fn busy_elsewhere(&self, s: usize, app: usize, except: usize) -> bool {
        let ix = self.ix;
        if ix.app_busy[app].binary_search(&s).is_ok() {
            return true;
        }
        let vendor = ix.app_vendor[app];
        ix.overlaps[s].iter().any(|&o| {
            o != except
                && (ix.taken[o].iter().any(|t| t.vendor == vendor)
                    || self.vendors[vendor]
                        .stall_in(ix.input.sessions[o].id)
                        .is_some())
        })
    }

    /// Limits that do not depend on which stall: one stall a night, the weekly cap, the
    /// category maximum. (One place at a time is settled before a vendor becomes a candidate:
    /// it cannot change while their night is open.)
    pub(super) fn eligible(&self, rank: usize, s: usize, c: &Cand) -> Result<(), ReasonCode> {
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

    pub(super) fn choose(&self, rank: usize, s: usize, c: &Cand) -> Result<usize, ReasonCode> {
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
    pub(super) fn fits_with(
        &self,
        pos: usize,
        app: usize,
        vacated: usize,
        moved: (usize, usize),
    ) -> bool {
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
    pub(super) fn find_move(&self, c: &Cand) -> Option<(usize, usize)> {
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

    pub(super) fn relocate(&mut self, from: usize, to: usize) {
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

    pub(super) fn class(&self, stall: usize) -> usize {
        match self.ix.zone[stall] {
            Some(ZoneKind::Food) => 0,
            Some(ZoneKind::Smoky) => 1,
            _ => 2,
        }
    }

    pub(super) fn free_len(&self) -> usize {
        self.free.iter().map(Vec::len).sum()
    }

    pub(super) fn free_iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.free.iter().flatten().copied()
    }

    pub(super) fn take_free(&mut self, pos: usize) {
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

    pub(super) fn place(&mut self, rank: usize, s: usize, c: &Cand, pos: usize) {
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
