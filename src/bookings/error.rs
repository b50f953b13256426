//! Why a booking is refused, as the bookings service says it: one enum with a stable code per
//! reason, turned into the shell's [`AppError`] in one `From` impl, so each code, status and
//! field is decided here once for the API and every page.

use crate::db::{DbFailure, classify};
use crate::error::AppError;
use crate::i18n::texts::{bookings as t, markets as tm};
use sea_orm::DbErr;

/// A refused booking action.
#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    /// The session does not exist. Named by the URL (a page of that session) it is a 404;
    /// named in a body it is a field that names nothing, 422, like an unknown stall.
    #[error("unknown session")]
    UnknownSession {
        /// The URL named it.
        in_url: bool,
    },
    /// The stall does not exist.
    #[error("unknown stall")]
    UnknownStall,
    /// The vendor does not exist.
    #[error("unknown vendor")]
    UnknownVendor,
    /// `until` is not a date.
    #[error("invalid date")]
    InvalidDate,
    /// `until` is before the session, too far after it, or asked for by a vendor.
    #[error("invalid range")]
    InvalidRange,
    /// The session is cancelled.
    #[error("session cancelled")]
    SessionCancelled,
    /// The session has ended.
    #[error("session past")]
    SessionPast,
    /// The session has started and a vendor acts for themselves.
    #[error("session started")]
    SessionStarted,
    /// The stall is on another site.
    #[error("stall not on site")]
    StallNotOnSite,
    /// The stall is disabled.
    #[error("stall disabled")]
    StallDisabled,
    /// A food trade without a health certificate valid on the session date.
    #[error("health certificate expired")]
    HealthCertExpired,
    /// A smoky trade on a stall outside a smoky zone.
    #[error("smoky zone required")]
    SmokyZoneRequired,
    /// The vendor's approved application covers the session's date but not its segment.
    #[error("segment not applied")]
    SegmentNotApplied,
    /// The application the booking serves does not cover the session's date or weekday.
    #[error("session not applied")]
    SessionNotApplied,
    /// The stall is booked in this session (the database decided).
    #[error("stall taken")]
    StallTaken,
    /// A vendor booking themselves holds no approved application covering the session.
    #[error("not applied")]
    NotApplied,
    /// The vendor holds a stall in another session at an overlapping time (at another site:
    /// sessions on one site never overlap).
    #[error("busy elsewhere")]
    BusyElsewhere,
    /// The vendor has a stall in this session (the database decided).
    #[error("vendor already booked")]
    VendorAlreadyBooked,
    /// Anything the shell already words: access (403/404), the database, other services.
    #[error(transparent)]
    Shell(#[from] AppError),
}

impl BookingError {
    /// The stable machine code, as the API's error envelope and a range's `skipped` show it.
    pub fn code(&self) -> &'static str {
        match self {
            BookingError::UnknownSession { in_url: true } => "not_found",
            BookingError::UnknownSession { in_url: false } => "unknown_session",
            BookingError::UnknownStall => "unknown_stall",
            BookingError::UnknownVendor => "unknown_vendor",
            BookingError::InvalidDate => "invalid_date",
            BookingError::InvalidRange => "invalid_range",
            BookingError::SessionCancelled => "session_cancelled",
            BookingError::SessionPast => "session_past",
            BookingError::SessionStarted => "session_started",
            BookingError::StallNotOnSite => "stall_not_on_site",
            BookingError::StallDisabled => "stall_disabled",
            BookingError::HealthCertExpired => "health_cert_expired",
            BookingError::SmokyZoneRequired => "smoky_zone_required",
            BookingError::SegmentNotApplied => "segment_not_applied",
            BookingError::SessionNotApplied | BookingError::NotApplied => "session_not_applied",
            BookingError::BusyElsewhere => "vendor_already_booked",
            BookingError::StallTaken => "stall_taken",
            BookingError::VendorAlreadyBooked => "vendor_already_booked",
            BookingError::Shell(e) => e.code(),
        }
    }

    /// A refusal a person can act on (409/422), as opposed to access, a bug or an outage: a
    /// range skips the sessions it is refused in, a page shows it above the form.
    pub fn is_refusal(&self) -> bool {
        match self {
            BookingError::UnknownSession { in_url } => !in_url,
            BookingError::Shell(e) => {
                matches!(e, AppError::Conflict { .. } | AppError::Invalid { .. })
            }
            _ => true,
        }
    }
}

impl From<DbErr> for BookingError {
    /// A refused insert or update of a booking row is the 409 a user understands; anything
    /// else from the database is the shell's to word.
    fn from(err: DbErr) -> Self {
        match classify(&err) {
            DbFailure::Conflict(message) if message.contains("stall") => BookingError::StallTaken,
            DbFailure::Conflict(message) if message.contains("vendor") => {
                BookingError::VendorAlreadyBooked
            }
            _ => BookingError::Shell(err.into()),
        }
    }
}

impl From<BookingError> for AppError {
    fn from(err: BookingError) -> Self {
        use BookingError as B;
        let field = match &err {
            B::UnknownSession { .. }
            | B::SessionCancelled
            | B::SessionPast
            | B::SessionStarted
            | B::SegmentNotApplied
            | B::SessionNotApplied
            | B::NotApplied => "session_id",
            B::UnknownStall | B::StallNotOnSite | B::StallDisabled | B::SmokyZoneRequired => {
                "stall_id"
            }
            B::UnknownVendor | B::HealthCertExpired => "vendor_id",
            B::InvalidDate | B::InvalidRange => "until",
            B::StallTaken | B::VendorAlreadyBooked | B::BusyElsewhere | B::Shell(_) => "",
        };
        let code = err.code();
        let message = match err {
            B::UnknownSession { in_url: true } => return AppError::NotFound,
            B::Shell(e) => return e,
            B::StallTaken => return AppError::conflict(code, t::STALL_TAKEN),
            B::VendorAlreadyBooked => return AppError::conflict(code, t::VENDOR_ALREADY_BOOKED),
            B::BusyElsewhere => return AppError::conflict(code, t::VENDOR_BUSY_ELSEWHERE),
            B::UnknownSession { in_url: false } => tm::SESSION_UNKNOWN,
            B::UnknownStall => t::STALL_UNKNOWN,
            B::UnknownVendor => t::VENDOR_UNKNOWN,
            B::InvalidDate => tm::DATE_INVALID,
            B::InvalidRange => t::RANGE_INVALID,
            B::SessionCancelled => t::SESSION_CANCELLED,
            B::SessionPast => t::SESSION_PAST,
            B::SessionStarted => t::SESSION_STARTED,
            B::StallNotOnSite => t::STALL_ELSEWHERE,
            B::StallDisabled => t::STALL_DISABLED,
            B::HealthCertExpired => t::HEALTH_CERT,
            B::SmokyZoneRequired => t::SMOKY,
            B::SegmentNotApplied => t::SEGMENT_NOT_APPLIED,
            B::SessionNotApplied => t::SESSION_NOT_APPLIED,
            B::NotApplied => t::NOT_APPLIED,
        };
        AppError::invalid(code, field, message)
    }
}
