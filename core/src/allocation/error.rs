//! Why a run was refused: bad input or policy, each with a stable code for a 4xx answer.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum AllocationError {
    EmptySeed,
    NoSessions,
    DuplicateId {
        kind: &'static str,
        id: i64,
    },
    DuplicateCategory {
        name: String,
    },
    UnknownStall {
        session_id: i64,
        stall_id: i64,
    },
    StallOnOtherSite {
        session_id: i64,
        stall_id: i64,
    },
    BadDate {
        session_id: i64,
        date: String,
    },
    UnknownCategory {
        application_id: i64,
        category: String,
    },
    BadShare {
        knob: &'static str,
        key: String,
        value: f64,
    },
    SharesOverOne {
        knob: &'static str,
        total: f64,
    },
    PolicyUnknownCategory {
        knob: &'static str,
        category: String,
    },
    MinAboveMax {
        category: String,
    },
    WeeklyCapZero,
    /// Two earlier bookings claim one stall, or one vendor twice, in one session.
    ConflictingBookings {
        session_id: i64,
        stall_id: i64,
    },
    Serialize(String),
}

impl AllocationError {
    /// Stable snake_case code for API envelopes and translated messages.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptySeed => "empty_seed",
            Self::NoSessions => "no_sessions",
            Self::DuplicateId { .. } => "duplicate_id",
            Self::DuplicateCategory { .. } => "duplicate_category",
            Self::UnknownStall { .. } => "unknown_stall",
            Self::StallOnOtherSite { .. } => "stall_on_other_site",
            Self::BadDate { .. } => "bad_date",
            Self::UnknownCategory { .. } => "unknown_category",
            Self::BadShare { .. } => "bad_share",
            Self::SharesOverOne { .. } => "shares_over_one",
            Self::PolicyUnknownCategory { .. } => "policy_unknown_category",
            Self::MinAboveMax { .. } => "min_above_max",
            Self::WeeklyCapZero => "weekly_cap_zero",
            Self::ConflictingBookings { .. } => "conflicting_bookings",
            Self::Serialize(_) => "serialize",
        }
    }
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptySeed => write!(f, "the seed is empty"),
            Self::NoSessions => write!(f, "the run has no sessions"),
            Self::DuplicateId { kind, id } => write!(f, "{kind} {id} appears twice"),
            Self::DuplicateCategory { name } => write!(f, "category {name:?} appears twice"),
            Self::UnknownStall {
                session_id,
                stall_id,
            } => write!(f, "session {session_id} offers unknown stall {stall_id}"),
            Self::StallOnOtherSite {
                session_id,
                stall_id,
            } => write!(
                f,
                "session {session_id} offers stall {stall_id} of another site"
            ),
            Self::BadDate { session_id, date } => {
                write!(f, "session {session_id} has date {date:?}, not YYYY-MM-DD")
            }
            Self::UnknownCategory {
                application_id,
                category,
            } => write!(
                f,
                "application {application_id} has unknown category {category:?}"
            ),
            Self::BadShare { knob, key, value } => {
                write!(
                    f,
                    "{knob}[{key:?}] = {value} is not a share between 0 and 1"
                )
            }
            Self::SharesOverOne { knob, total } => {
                write!(f, "{knob} adds up to {total}, more than 100 %")
            }
            Self::PolicyUnknownCategory { knob, category } => {
                write!(f, "{knob} names unknown category {category:?}")
            }
            Self::MinAboveMax { category } => write!(
                f,
                "category {category:?} has a minimum share above its maximum"
            ),
            Self::WeeklyCapZero => write!(f, "a weekly cap of 0 sessions allows nothing"),
            Self::ConflictingBookings {
                session_id,
                stall_id,
            } => write!(
                f,
                "earlier bookings conflict in session {session_id} at stall {stall_id}"
            ),
            Self::Serialize(e) => write!(f, "cannot serialise the input: {e}"),
        }
    }
}

impl std::error::Error for AllocationError {}
