//! The repair pass run after each week: stall-sessions the weekly cap left empty are filled
//! along augmenting paths of length two.
//!
//! Sessions are allocated one at a time, so a vendor who asked for every night of a week
//! reaches the cap before its last nights, which may then have free stalls and nobody left
//! who may take them. The cap only fixes how many nights a vendor has, not which: if such a
//! vendor holds a stall on an earlier night of the week where someone was turned away, the
//! vendor moves to the empty night (a night they asked for too) and the one turned away takes
//! the stall they leave. The moved vendor keeps their count, the other gains one, nobody
//! loses a session, and every hard rule is checked for both steps. Among those turned away,
//! the stall goes to the one rotation would put first (lowest share so far, then the draw).

use super::{Engine, Method, NONE, Occ, ReasonCode, ZoneKind, ratio_cmp};

/// A planned move: the capped vendor's application `app` goes to free position `to` of
/// session `s`; its booking at `from` (position in session `from_s`, application
/// `from_app`) goes to the application refused there at index `taker` of that night's list.
struct Swap {
    s: usize,
    app: usize,
    to: usize,
    from_s: usize,
    from: usize,
    from_app: usize,
    taker: usize,
}

impl Engine<'_, '_> {
    /// Offers the closed sessions of the current week to the repair pass and empties the list.
    pub(super) fn repair_week(&mut self) {
        let group = std::mem::take(&mut self.week_nights);
        if self.policy.method != Method::Rotation {
            return;
        }
        if let Some(cap) = self.policy.max_sessions_per_vendor_per_week {
            self.swap_capped(cap, &group);
        }
        if self.policy.no_adjacent_same_category {
            for &s in &group {
                self.unblock_night(s);
            }
        }
    }

    /// Places requests the weekly cap turned away from nights with free stalls (see the top).
    fn swap_capped(&mut self, cap: u32, group: &[usize]) {
        for &s in group {
            let mut free = self.nights[s].occ.iter().filter(|o| o.is_none()).count();
            let mut i = 0;
            while free > 0 && i < self.nights[s].refused.len() {
                let (app, reason) = self.nights[s].refused[i];
                if reason == ReasonCode::WeeklyCap
                    && let Some(swap) = self.find_swap(s, app, cap, group)
                {
                    self.apply(&swap, i);
                    free -= 1;
                    // The entry at `i` is gone; the next one slid into its place.
                    continue;
                }
                i += 1;
            }
        }
    }

    /// Whether an application of category `cat` at position `p` of session `s` would stand
    /// next to the same category.
    fn clashes(&self, s: usize, p: usize, cat: usize) -> bool {
        let ix = self.ix;
        if !self.policy.no_adjacent_same_category {
            return false;
        }
        let stalls = &ix.session_stalls[s];
        let occ = &self.nights[s].occ;
        ix.neighbours[stalls[p]].iter().any(|&n| {
            stalls
                .binary_search(&n)
                .is_ok_and(|q| q != p && occ[q].is_some_and(|o| o.cat == Some(cat)))
        })
    }

    /// Power and zone: the rules that depend on the stall alone.
    fn stall_fits(&self, stall: usize, app: usize) -> bool {
        (!self.ix.input.applications[app].needs_power || self.ix.power[stall])
            && self.zone_ok(stall, self.ix.app_cat[app])
    }

    /// The free position of session `s` that `app` would take: last night's stall, then a
    /// preferred one, then the one that wastes least (power or a food zone it does not need).
    fn free_position(&self, s: usize, app: usize) -> Option<usize> {
        let ix = self.ix;
        let stalls = &ix.session_stalls[s];
        let occ = &self.nights[s].occ;
        let cat = ix.app_cat[app];
        let fits = |p: usize| {
            occ[p].is_none() && self.stall_fits(stalls[p], app) && !self.clashes(s, p, cat)
        };
        let at = |st: usize| stalls.binary_search(&st).ok().filter(|&p| fits(p));
        let vendor = &self.vendors[ix.app_vendor[app]];
        if self.policy.keep_same_stall
            && let Some(prev) = ix.input.sessions[s].previous_session
            && let Some(id) = vendor.stall_in(prev)
            && let Ok(st) = ix.input.stalls.binary_search_by_key(&id, |x| x.id)
            && let Some(p) = at(st)
        {
            return Some(p);
        }
        if let Some(p) = ix.app_prefs[app].iter().find_map(|&st| at(st)) {
            return Some(p);
        }
        let needs_power = ix.input.applications[app].needs_power;
        let waste = |st: usize| {
            u8::from(ix.power[st] && !needs_power)
                + u8::from(ix.zone[st] == Some(ZoneKind::Smoky) && !self.needs_smoky(cat))
                + u8::from(
                    matches!(ix.zone[st], Some(ZoneKind::Food | ZoneKind::Smoky))
                        && !ix.cat_food[cat],
                )
        };
        (0..stalls.len())
            .filter(|&p| fits(p))
            .min_by_key(|&p| (waste(stalls[p]), p))
    }

    /// Whether removing one booking of category `cat` from session `s` would take it below
    /// its minimum share.
    fn at_minimum(&self, s: usize, cat: usize) -> bool {
        let name = &self.ix.input.categories[cat].name;
        self.policy.category_min_share.get(name).is_some_and(|&m| {
            let offered = self.ix.session_stalls[s].len() as f64;
            let target = (m * offered - 1e-9).ceil().max(0.0) as usize;
            self.nights[s].cat_count[cat] <= target
        })
    }

    /// Index in session `s`'s refused list of the application that should take position `p`
    /// once its holder, `out` (an application), leaves: the first by rotation among those
    /// for whom every hard rule holds.
    fn taker(&self, s: usize, p: usize, out: usize, cap: u32) -> Option<usize> {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        let night = &self.nights[s];
        let st = ix.session_stalls[s][p];
        let cat_out = ix.app_cat[out];
        let leaving_min = self.at_minimum(s, cat_out);
        let mut best: Option<(usize, (u64, u64), u32)> = None;
        for (j, &(b, reason)) in night.refused.iter().enumerate() {
            // These last as long as the run: the vendor holds a stall tonight or at tonight's
            // hours elsewhere, or is capped.
            if matches!(
                reason,
                ReasonCode::AlreadyBooked | ReasonCode::BusyElsewhere | ReasonCode::WeeklyCap
            ) {
                continue;
            }
            let u = ix.app_vendor[b];
            let cat = ix.app_cat[b];
            let v = &self.vendors[u];
            // Cheapest tests first: this runs for every request refused on the night.
            let ok = u != ix.app_vendor[out]
                && (cat == cat_out || (night.cat_count[cat] < night.cat_max[cat] && !leaving_min))
                && self.stall_fits(st, b)
                && v.in_week(sess.week) < cap
                && v.stall_in(sess.id).is_none()
                && !self.clashes(s, p, cat)
                && !self.busy_elsewhere(s, b, NONE);
            if !ok {
                continue;
            }
            let share = (v.hist + v.won, v.hist + v.considered);
            let rank = self.draw_rank[b];
            let better = best
                .is_none_or(|(_, bs, br)| ratio_cmp(share, bs).then_with(|| rank.cmp(&br)).is_lt());
            if better {
                best = Some((j, share, rank));
            }
        }
        best.map(|b| b.0)
    }

    /// A swap that places `app`, refused in session `s` by the weekly cap, if there is one.
    fn find_swap(&self, s: usize, app: usize, cap: u32, week: &[usize]) -> Option<Swap> {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        let cat = ix.app_cat[app];
        let vendor = &self.vendors[ix.app_vendor[app]];
        let night = &self.nights[s];
        if vendor.stall_in(sess.id).is_some() || night.cat_count[cat] >= night.cat_max[cat] {
            return None;
        }
        let to = self.free_position(s, app)?;
        for &(sid, stall_id) in &vendor.stalls {
            let Ok(from_s) = ix.input.sessions.binary_search_by_key(&sid, |x| x.id) else {
                continue;
            };
            if from_s == s || ix.input.sessions[from_s].week != sess.week || !week.contains(&from_s)
            {
                continue;
            }
            let Some(from) = ix
                .input
                .stalls
                .binary_search_by_key(&stall_id, |x| x.id)
                .ok()
                .and_then(|st| ix.session_stalls[from_s].binary_search(&st).ok())
            else {
                continue;
            };
            // Earlier bookings stay where they are.
            let Some(held) = self.nights[from_s].occ[from].filter(|o| o.app != NONE) else {
                continue;
            };
            // Leaving `from_s` must not put the mover in two places at once.
            if self.busy_elsewhere(s, app, from_s) {
                continue;
            }
            if let Some(taker) = self.taker(from_s, from, held.app, cap) {
                return Some(Swap {
                    s,
                    app,
                    to,
                    from_s,
                    from,
                    from_app: held.app,
                    taker,
                });
            }
        }
        None
    }

    /// Carries out a swap; `i` is the index of the capped request in session `s`'s list.
    fn apply(&mut self, w: &Swap, i: usize) {
        let ix = self.ix;
        let (sess, from_sess) = (&ix.input.sessions[w.s], &ix.input.sessions[w.from_s]);
        let mover = ix.app_vendor[w.app];
        let (to_st, from_st) = (
            ix.session_stalls[w.s][w.to],
            ix.session_stalls[w.from_s][w.from],
        );
        let (taker_app, _) = self.nights[w.from_s].refused[w.taker];
        let taker = ix.app_vendor[taker_app];
        let (cat, cat_out, cat_in) = (
            ix.app_cat[w.app],
            ix.app_cat[w.from_app],
            ix.app_cat[taker_app],
        );

        // The empty night: the mover takes the free stall; their other requests there are
        // now refused because they hold a stall.
        let night = &mut self.nights[w.s];
        night.occ[w.to] = Some(Occ {
            cat: Some(cat),
            app: w.app,
        });
        night.cat_count[cat] += 1;
        night.refused.remove(i);
        for r in &mut night.refused {
            if ix.app_vendor[r.0] == mover {
                r.1 = ReasonCode::AlreadyBooked;
            }
        }

        // The earlier night: the one turned away takes the stall; the mover is now refused
        // there by the cap, and so are their other requests that night.
        let night = &mut self.nights[w.from_s];
        night.occ[w.from] = Some(Occ {
            cat: Some(cat_in),
            app: taker_app,
        });
        night.cat_count[cat_out] -= 1;
        night.cat_count[cat_in] += 1;
        night.refused.remove(w.taker);
        for r in &mut night.refused {
            let v = ix.app_vendor[r.0];
            if v == taker {
                r.1 = ReasonCode::AlreadyBooked;
            } else if v == mover && r.1 == ReasonCode::AlreadyBooked {
                r.1 = ReasonCode::WeeklyCap;
            }
        }
        night.refused.push((w.from_app, ReasonCode::WeeklyCap));

        let to_id = ix.input.stalls[to_st].id;
        let from_id = ix.input.stalls[from_st].id;
        let m = &mut self.vendors[mover];
        m.stalls.retain(|&(sid, _)| sid != from_sess.id);
        m.stalls.push((sess.id, to_id));
        m.premium = m.premium + u64::from(ix.premium[to_st]) - u64::from(ix.premium[from_st]);
        let t = &mut self.vendors[taker];
        t.stalls.push((from_sess.id, from_id));
        t.add_week(from_sess.week);
        t.won += 1;
        t.premium += u64::from(ix.premium[from_st]);
        self.total_won += 1;
        self.total_premium += u64::from(ix.premium[to_st]);
    }
}

impl Engine<'_, '_> {
    /// Fills free stalls of session `s` that requests turned away by the adjacency rule could
    /// take if one neighbour of the same category stood elsewhere: that neighbour swaps
    /// stalls with someone of another category, or moves to another free stall.
    fn unblock_night(&mut self, s: usize) {
        let ix = self.ix;
        let cap = self.policy.max_sessions_per_vendor_per_week;
        let sess = &ix.input.sessions[s];
        let n = ix.session_stalls[s].len();
        for p in 0..n {
            if self.nights[s].occ[p].is_some() {
                continue;
            }
            // Requests alike in category and power fail alike: each kind is tried once.
            let mut tried: Vec<(usize, bool)> = Vec::new();
            let mut j = 0;
            while j < self.nights[s].refused.len() {
                let (b, reason) = self.nights[s].refused[j];
                j += 1;
                let cat = ix.app_cat[b];
                let kind = (cat, ix.input.applications[b].needs_power);
                let night = &self.nights[s];
                let v = &self.vendors[ix.app_vendor[b]];
                if reason != ReasonCode::AdjacentSameCategory
                    || tried.contains(&kind)
                    || v.stall_in(sess.id).is_some()
                    || self.busy_elsewhere(s, b, NONE)
                    || cap.is_some_and(|c| v.in_week(sess.week) >= c)
                    || night.cat_count[cat] >= night.cat_max[cat]
                    || !self.stall_fits(ix.session_stalls[s][p], b)
                {
                    continue;
                }
                tried.push(kind);
                if let Some((q, r)) = self.find_unblock(s, p, b) {
                    self.apply_unblock(s, p, b, j - 1, q, r);
                    break;
                }
            }
        }
    }

    /// Positions (q, r): the one neighbour of free position `p` whose category blocks `b`
    /// stands at q and moves to r, whose holder (if any) moves to q, so that `b` can take p.
    fn find_unblock(&mut self, s: usize, p: usize, b: usize) -> Option<(usize, usize)> {
        let ix = self.ix;
        let cat = ix.app_cat[b];
        let stalls = &ix.session_stalls[s];
        let mut blocking = ix.neighbours[stalls[p]].iter().filter_map(|&nb| {
            stalls
                .binary_search(&nb)
                .ok()
                .filter(|&q| self.nights[s].occ[q].is_some_and(|o| o.cat == Some(cat)))
        });
        let q = blocking.next()?;
        if blocking.next().is_some() {
            return None;
        }
        let x = self.nights[s].occ[q].filter(|o| o.app != NONE)?;
        let placed = Occ {
            cat: Some(cat),
            app: b,
        };
        for r in 0..stalls.len() {
            let z = self.nights[s].occ[r];
            if r == p || r == q || z.is_some_and(|z| z.app == NONE || z.cat == Some(cat)) {
                continue;
            }
            if !self.stall_fits(stalls[r], x.app)
                || z.is_some_and(|z| !self.stall_fits(stalls[q], z.app))
            {
                continue;
            }
            // Try it on the night itself, then look at the three stalls that changed.
            let occ = &mut self.nights[s].occ;
            (occ[p], occ[q], occ[r]) = (Some(placed), z, Some(x));
            let ok = !self.clashes(s, p, cat)
                && !self.clashes(s, r, cat)
                && z.is_none_or(|z| z.cat.is_none_or(|c| !self.clashes(s, q, c)));
            let occ = &mut self.nights[s].occ;
            (occ[p], occ[q], occ[r]) = (None, Some(x), z);
            if ok {
                return Some((q, r));
            }
        }
        None
    }

    /// Carries out a move found by `find_unblock`; `j` indexes `b`'s refusal.
    fn apply_unblock(&mut self, s: usize, p: usize, b: usize, j: usize, q: usize, r: usize) {
        let ix = self.ix;
        let sess = &ix.input.sessions[s];
        let stalls = &ix.session_stalls[s];
        let cat = ix.app_cat[b];
        let night = &mut self.nights[s];
        let (x, z) = (night.occ[q], night.occ[r]);
        night.occ[p] = Some(Occ {
            cat: Some(cat),
            app: b,
        });
        (night.occ[q], night.occ[r]) = (z, x);
        night.cat_count[cat] += 1;
        night.refused.remove(j);
        let taker = ix.app_vendor[b];
        for e in &mut night.refused {
            if ix.app_vendor[e.0] == taker {
                e.1 = ReasonCode::AlreadyBooked;
            }
        }
        // Those who moved hold another stall tonight.
        for (o, from, to) in [(x, q, r), (z, r, q)] {
            let Some(o) = o.filter(|o| o.app != NONE) else {
                continue;
            };
            let v = &mut self.vendors[ix.app_vendor[o.app]];
            let to_id = ix.input.stalls[stalls[to]].id;
            if let Some(e) = v.stalls.iter_mut().rev().find(|e| e.0 == sess.id) {
                e.1 = to_id;
            }
            v.premium =
                v.premium + u64::from(ix.premium[stalls[to]]) - u64::from(ix.premium[stalls[from]]);
        }
        let st = stalls[p];
        let v = &mut self.vendors[taker];
        v.stalls.push((sess.id, ix.input.stalls[st].id));
        v.add_week(sess.week);
        v.won += 1;
        v.premium += u64::from(ix.premium[st]);
        self.total_won += 1;
        self.total_premium += u64::from(ix.premium[st]);
    }
}
