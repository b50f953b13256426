//! Result of a run: bookings, one explanation per application, unplaced requests, metrics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::policy::Policy;

/// Why a requested session was not won. The snake_case strings are stable: pages translate
/// them and stored runs keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// The vendor already has a stall in this session.
    AlreadyBooked,
    /// The vendor holds a stall at the same hours in another session (another site or market).
    BusyElsewhere,
    WeeklyCap,
    /// The category reached its maximum share of the session.
    CategoryFull,
    /// The last stalls went to a priority group's reserve.
    ReserveHeld,
    /// The last stalls went to categories filling their minimum share.
    CategoryMinHeld,
    NoStallWithPower,
    ZoneNotAllowed,
    AdjacentSameCategory,
    NoFreeStall,
    /// The vendor is suspended under the demerit rule.
    VendorSuspended,
    /// The vendor's gas-cylinder inspection has lapsed by the session's date.
    GasInspectionExpired,
    /// A food trade without a health certificate valid on the session's date.
    HealthCertExpired,
}

impl ReasonCode {
    /// Whether the request joins the session's waitlist: not when the vendor already has a
    /// stall that night or trades elsewhere at its hours, where a freed stall is no use, nor
    /// when the weekly cap refused it (an offer would take them past the cap), nor when they
    /// may not stand that night at all (suspended, gas inspection or health certificate
    /// lapsed): a place in the queue would promise a stall no offer could give.
    pub fn queues(self) -> bool {
        !matches!(
            self,
            Self::AlreadyBooked
                | Self::BusyElsewhere
                | Self::WeeklyCap
                | Self::VendorSuspended
                | Self::GasInspectionExpired
                | Self::HealthCertExpired
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AlreadyBooked => "already_booked",
            Self::BusyElsewhere => "busy_elsewhere",
            Self::WeeklyCap => "weekly_cap",
            Self::CategoryFull => "category_full",
            Self::ReserveHeld => "reserve_held",
            Self::CategoryMinHeld => "category_min_held",
            Self::NoStallWithPower => "no_stall_with_power",
            Self::ZoneNotAllowed => "zone_not_allowed",
            Self::AdjacentSameCategory => "adjacent_same_category",
            Self::NoFreeStall => "no_free_stall",
            Self::VendorSuspended => "vendor_suspended",
            Self::GasInspectionExpired => "gas_inspection_expired",
            Self::HealthCertExpired => "health_cert_expired",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Placement {
    pub session_id: i64,
    pub stall_id: i64,
    pub vendor_id: i64,
    pub application_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub application_id: i64,
    pub vendor_id: i64,
    /// Requested sessions inside the run.
    pub sessions_requested: u32,
    pub sessions_won: u32,
    /// 1-based place in the draw.
    pub draw_rank: u32,
    /// Sessions won on the application's first-choice stall.
    pub first_choice_hits: u32,
    /// Distinct reasons over its unplaced sessions, in the order of [`ReasonCode`].
    pub reasons: Vec<ReasonCode>,
    /// The attendance figure the run read for this vendor, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<super::model::Attendance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unplaced {
    pub application_id: i64,
    pub session_id: i64,
    pub reason: ReasonCode,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GroupShare {
    pub applications: u32,
    pub requested: u64,
    pub won: u64,
    pub mean_share: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metrics {
    /// Stall-sessions free for this run (offered minus taken by earlier bookings).
    pub stall_sessions_offered: u64,
    /// Requested application-sessions inside the run.
    pub requested: u64,
    pub placed: u64,
    /// placed / stall_sessions_offered.
    pub fill_rate: f64,
    /// placed / requested.
    pub demand_met: f64,
    /// Over applications with at least one requested session; share = won / requested.
    pub mean_share: f64,
    pub p10_share: f64,
    pub min_share: f64,
    pub gini_share: f64,
    pub applications: u32,
    pub vendors: u32,
    /// Vendors who requested sessions and won none.
    pub vendors_with_zero: u32,
    /// Per priority group; applications without a group under `""`.
    pub share_by_group: BTreeMap<String, GroupShare>,
    /// Placements on the first-choice stall / placements of applications that named one.
    pub first_choice_rate: f64,
    /// Pairs of adjacent stalls with the same category in the same session, earlier bookings
    /// with a known category included.
    pub adjacent_same_category_pairs: u64,
    /// Fraction of vendor-nights on the stall the vendor had the previous night at that site,
    /// over vendor-nights whose vendor had one; `None` when there were none.
    pub stall_stability: Option<f64>,
    /// Distinct vendors who got at least one premium stall-session.
    pub premium_vendors: u32,
}

/// One run, complete enough to store, publish and re-run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    /// Engine name and version: a re-run with another version may differ.
    pub engine: String,
    pub seed: String,
    pub policy: Policy,
    /// SHA-256 hex of the canonical JSON of engine, input, policy and seed.
    pub input_hash: String,
    /// Application ids in lottery order.
    pub draw_order: Vec<i64>,
    /// Sorted by (session_id, stall_id).
    pub bookings: Vec<Placement>,
    /// One per application, by application id.
    pub explanations: Vec<Explanation>,
    pub metrics: Metrics,
    /// Requests not granted, in draw order then session date: the waitlist order.
    pub unplaced: Vec<Unplaced>,
}
