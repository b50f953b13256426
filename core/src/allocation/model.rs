//! Input of an allocation run: stalls, sessions, applications, categories and earlier bookings.

use super::output::ReasonCode;
use serde::{Deserialize, Serialize};

/// Zone a stall lies in, as drawn on the site plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneKind {
    Food,
    /// Has smoke extraction; smoky food is allowed here and ordinary food too.
    Smoky,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stall {
    pub id: i64,
    pub site_id: i64,
    #[serde(default)]
    pub zone: Option<ZoneKind>,
    #[serde(default)]
    pub premium: bool,
    #[serde(default)]
    pub power: bool,
    /// Adjacent stalls in the same layout row. Adjacency is taken as symmetric even when only
    /// one side lists the other, so a half-filled layout table cannot hide a pair.
    #[serde(default)]
    pub neighbours: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub site_id: i64,
    /// Business date `YYYY-MM-DD`; sessions are allocated in (date, id) order.
    pub date: String,
    /// ISO week index, the bucket of the weekly cap.
    pub week: u32,
    /// Stalls offered in this session (all on `site_id`).
    pub stall_ids: Vec<i64>,
    /// The same site's previous night, for keeping vendors on their stall. It may lie outside
    /// the run (then only existing bookings tell who stood where).
    #[serde(default)]
    pub previous_session: Option<i64>,
    /// Other sessions of the run whose hours overlap this one's (another site of a mobile
    /// market the same evening, another market's segment): one person trades in one place at a
    /// time, so a vendor holds a stall in at most one of them. Left out of the hashed JSON when
    /// empty, so older inputs keep their hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlaps: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: i64,
    pub vendor_id: i64,
    pub category: String,
    /// Requested sessions; those not in the run are outside this allocation and ignored.
    pub sessions: Vec<i64>,
    /// Ranked, best first.
    #[serde(default)]
    pub preferred_stalls: Vec<i64>,
    #[serde(default)]
    pub needs_power: bool,
    #[serde(default)]
    pub priority_groups: Vec<String>,
    /// Suspended under the demerit rule (12 points in 12 months): never placed, explained as
    /// `vendor_suspended`. Left out of the hashed JSON when false, so older inputs keep their hash.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspended: bool,
    /// The vendor's attendance in this market and its rule, as the vendor sees it: a published
    /// input, shown in the explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    /// Sessions of the run at whose hours the vendor already holds a stall outside the run
    /// (another market): never placed there, explained as `busy_elsewhere`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub busy_sessions: Vec<i64>,
    /// Sessions of the run inside a suspension that ends (or starts) within the run: never
    /// placed there, explained as `vendor_suspended`; the nights after it ends are drawn as
    /// any other. Left out of the hashed JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suspended_sessions: Vec<i64>,
    /// Sessions of the run on whose date the vendor's gas-cylinder inspection has lapsed:
    /// never placed there (a hand booking is refused the same way), explained as
    /// `gas_inspection_expired`. Left out of the hashed JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gas_lapsed_sessions: Vec<i64>,
    /// Sessions of the run on whose date a food trade's health certificate is not valid:
    /// never placed there, explained as `health_cert_expired`. Left out of the hashed JSON
    /// when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub health_cert_lapsed_sessions: Vec<i64>,
}

impl Application {
    /// Why the vendor may not be placed in session `session_id` whatever the stalls, if
    /// anything stops them: suspended, then the gas inspection, then the health certificate.
    pub fn barred_from(&self, session_id: i64) -> Option<ReasonCode> {
        if self.suspended || self.suspended_sessions.contains(&session_id) {
            Some(ReasonCode::VendorSuspended)
        } else if self.gas_lapsed_sessions.contains(&session_id) {
            Some(ReasonCode::GasInspectionExpired)
        } else if self.health_cert_lapsed_sessions.contains(&session_id) {
            Some(ReasonCode::HealthCertExpired)
        } else {
            None
        }
    }
}

/// A vendor's attendance figure and the market's rule (rates are fractions 0–1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    /// Nights attended over nights due (booked, not declared absent) in the window.
    pub rate: f64,
    /// The market's least rate.
    pub min_rate: f64,
}

impl Attendance {
    /// Whether the rate is under the rule.
    pub fn below_rule(&self) -> bool {
        self.rate < self.min_rate
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub name: String,
    #[serde(default)]
    pub food: bool,
    #[serde(default)]
    pub smoky: bool,
}

/// A booking made before this run. In a session of the run it takes its stall; in any other
/// session it is season history that rotation counts as a session already won.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExistingBooking {
    pub session_id: i64,
    pub stall_id: i64,
    pub vendor_id: i64,
    /// When known, it counts towards category shares and the adjacency rule.
    #[serde(default)]
    pub category: Option<String>,
    /// Week of a session outside the run, so it still counts towards the weekly cap.
    #[serde(default)]
    pub week: Option<u32>,
}

/// Everything an allocation run reads besides its policy and seed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AllocationInput {
    pub stalls: Vec<Stall>,
    pub sessions: Vec<Session>,
    pub applications: Vec<Application>,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub existing_bookings: Vec<ExistingBooking>,
}

impl AllocationInput {
    /// The same input with every list in a fixed order, so neither the hash nor the result
    /// depends on the order rows came out of the database. Ranked preferences keep their order.
    pub fn canonical(&self) -> AllocationInput {
        let mut c = self.clone();
        c.stalls.sort_by_key(|s| s.id);
        for s in &mut c.stalls {
            s.neighbours.sort_unstable();
            s.neighbours.dedup();
        }
        c.sessions.sort_by_key(|s| s.id);
        for s in &mut c.sessions {
            s.stall_ids.sort_unstable();
            s.stall_ids.dedup();
            s.overlaps.sort_unstable();
            s.overlaps.dedup();
        }
        c.applications.sort_by_key(|a| a.id);
        for a in &mut c.applications {
            a.sessions.sort_unstable();
            a.sessions.dedup();
            a.priority_groups.sort();
            a.priority_groups.dedup();
            a.busy_sessions.sort_unstable();
            a.busy_sessions.dedup();
            a.suspended_sessions.sort_unstable();
            a.suspended_sessions.dedup();
            a.gas_lapsed_sessions.sort_unstable();
            a.gas_lapsed_sessions.dedup();
            a.health_cert_lapsed_sessions.sort_unstable();
            a.health_cert_lapsed_sessions.dedup();
        }
        c.categories.sort_by(|a, b| a.name.cmp(&b.name));
        c.existing_bookings.sort();
        c
    }
}
