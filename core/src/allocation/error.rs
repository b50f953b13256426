//! Why a run was refused: bad input or policy, each with a stable code for a 4xx answer and
//! the data to word it (the server words it in the user's language).

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

/// The code and the data, for logs; the server words the ones people can fix.
impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {self:?}", self.code())
    }
}

impl std::error::Error for AllocationError {}
