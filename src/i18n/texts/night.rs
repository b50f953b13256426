//! The market night's texts (absence, attendance, inspections, demerits, complaints); the
//! words are in `locales/<language>/night.ftl`.

use super::T;

pub const ABSENCE_TOO_LATE: T = T("night-absence-too-late");
pub const ALREADY_ABSENT: T = T("night-already-absent");
pub const ALREADY_APPEALED: T = T("night-already-appealed");
pub const ALREADY_CHECKED_IN: T = T("night-already-checked-in");
pub const ALREADY_CLOSED: T = T("night-already-closed");
pub const APPEAL: T = T("night-appeal");
pub const APPEALS_TITLE: T = T("night-appeals-title");
pub const APPEAL_CANCELLED: T = T("night-appeal-cancelled");
pub const APPEAL_CLOSED: T = T("night-appeal-closed");
pub const APPEAL_PENDING: T = T("night-appeal-pending");
pub const APPEAL_TEXT: T = T("night-appeal-text");
pub const APPEAL_TEXT_REQUIRED: T = T("night-appeal-text-required");
pub const APPEAL_UPHELD: T = T("night-appeal-upheld");
pub const AS_INSPECTION: T = T("night-as-inspection");
pub const ATTENDANCE_TEXT: T = T("night-attendance-text");
pub const ATTENDANCE_TITLE: T = T("night-attendance-title");
pub const ATTENDED: T = T("night-attended");
pub const AT_RISK: T = T("night-at-risk");
/// The attendance rate is already under the market's rule.
pub const BELOW_RULE: T = T("night-below-rule");
/// Heading of the list of nights counted as no-shows.
pub const MISSED_NIGHTS: T = T("night-missed-nights");
/// What to do about a no-show that was not one.
pub const MISSED_HINT: T = T("night-missed-hint");
pub const CANCEL_POINTS: T = T("night-cancel-points");
pub const CATALOGUE: T = T("night-catalogue");
pub const CLOSE_COMPLAINT: T = T("night-close-complaint");
pub const CODE: T = T("night-code");
pub const CODE_ENCROACHMENT: T = T("night-code-encroachment");
pub const CODE_FOOD_SAFETY: T = T("night-code-food-safety");
pub const CODE_GAS: T = T("night-code-gas");
pub const CODE_HYGIENE: T = T("night-code-hygiene");
pub const CODE_LATE_CLOSE: T = T("night-code-late-close");
pub const CODE_NOISE: T = T("night-code-noise");
pub const CODE_PRICE_DISPLAY: T = T("night-code-price-display");
pub const CODE_SMOKE: T = T("night-code-smoke");
pub const CODE_UNLICENSED_HELPER: T = T("night-code-unlicensed-helper");
pub const CODE_WASTE: T = T("night-code-waste");
pub const COMPLAINTS_TITLE: T = T("night-complaints-title");
pub const COMPLAINT_INTRO: T = T("night-complaint-intro");
pub const COMPLAINT_TEXT_REQUIRED: T = T("night-complaint-text-required");
pub const COMPLAINT_THANKS: T = T("night-complaint-thanks");
pub const COMPLAINT_TITLE: T = T("night-complaint-title");
pub const CONTACT: T = T("night-contact");
/// The resident\'s contact as the managers\' list shows it (the form\'s label says "optional").
pub const CONTACT_GIVEN: T = T("night-contact-given");
pub const CONTACT_HINT: T = T("night-contact-hint");
pub const DAYS: T = T("night-days");
pub const DECISION_REASON: T = T("night-decision-reason");
pub const DECLARED_ABSENCES: T = T("night-declared-absences");
pub const DEMERITS_TITLE: T = T("night-demerits-title");
pub const DUPLICATE_CODE: T = T("night-duplicate-code");
pub const INSPECTION: T = T("night-inspection");
pub const INSPECT_TITLE: T = T("night-inspect-title");
pub const INVALID_CRS: T = T("night-invalid-crs");
pub const INVALID_DECISION: T = T("night-invalid-decision");
pub const INVALID_KIND: T = T("night-invalid-kind");
pub const INVALID_PERIOD: T = T("night-invalid-period");
pub const INVALID_RANGE: T = T("night-invalid-range");
pub const INVALID_RATE: T = T("night-invalid-rate");
pub const INVALID_STATUS: T = T("night-invalid-status");
pub const INVALID_TIME: T = T("night-invalid-time");
pub const INVALID_WINDOW: T = T("night-invalid-window");
pub const ITEM: T = T("night-item");
pub const ITEMS: T = T("night-items");
pub const ITEMS_REQUIRED: T = T("night-items-required");
pub const KIND: T = T("night-kind");
pub const KIND_BLOCKING: T = T("night-kind-blocking");
pub const KIND_HYGIENE: T = T("night-kind-hygiene");
pub const KIND_NOISE: T = T("night-kind-noise");
pub const KIND_OTHER: T = T("night-kind-other");
pub const KIND_PRICE: T = T("night-kind-price");
pub const KIND_SMOKE: T = T("night-kind-smoke");
pub const LAT: T = T("night-lat");
pub const LEVEL_GOOD: T = T("night-level-good");
pub const LEVEL_SUSPENDED: T = T("night-level-suspended");
pub const LEVEL_WARNING: T = T("night-level-warning");
pub const LON: T = T("night-lon");
pub const MATCHED_STALL: T = T("night-matched-stall");
pub const MIN_RATE_PCT: T = T("night-min-rate-pct");
pub const MY_CONDUCT: T = T("night-my-conduct");
pub const NOTE: T = T("night-note");
pub const NO_APPEALS: T = T("night-no-appeals");
pub const NO_BOOKED_STALLS: T = T("night-no-booked-stalls");
pub const NO_BOOKINGS_YET: T = T("night-no-bookings-yet");
pub const NO_COMPLAINTS: T = T("night-no-complaints");
pub const NO_PENDING_APPEAL: T = T("night-no-pending-appeal");
pub const NO_SHOWS: T = T("night-no-shows");
pub const OUTCOME: T = T("night-outcome");
pub const OUTCOME_REQUIRED: T = T("night-outcome-required");
pub const OUTSIDE_SITES: T = T("night-outside-sites");
pub const POSITION_NOT_NUMBER: T = T("night-position-not-number");
pub const COMPLAINT_ANOTHER: T = T("night-complaint-another");
pub const POINTS: T = T("night-points");
pub const POSITION: T = T("night-position");
pub const POSITION_REQUIRED: T = T("night-position-required");
pub const RATE: T = T("night-rate");
pub const REASON_REQUIRED: T = T("night-reason-required");
pub const REASON_SUSPENDED: T = T("night-reason-suspended");
pub const RECORD: T = T("night-record");
pub const REPEATS: T = T("night-repeats");
pub const RULE: T = T("night-rule");
pub const RULE_TEXT: T = T("night-rule-text");
pub const RULE_TITLE: T = T("night-rule-title");
pub const SAVE_RULE: T = T("night-save-rule");
pub const SEND_COMPLAINT: T = T("night-send-complaint");
pub const STALL_CODE: T = T("night-stall-code");
pub const STALL_CODE_HINT: T = T("night-stall-code-hint");
pub const STALL_NOT_BOOKED: T = T("night-stall-not-booked");
pub const SUSPENDED_UNTIL: T = T("night-suspended-until");
pub const SUSPENSION_PERIOD: T = T("night-suspension-period");
pub const TEXT_TOO_LONG: T = T("night-text-too-long");
pub const TIME_IN_FUTURE: T = T("night-time-in-future");
pub const TIME_TOO_OLD: T = T("night-time-too-old");
pub const UNKNOWN_MARKET: T = T("night-unknown-market");
pub const UNKNOWN_SESSION: T = T("night-unknown-session");
pub const UNKNOWN_STALL_CODE: T = T("night-unknown-stall-code");
pub const UPHOLD: T = T("night-uphold");
pub const USE_POSITION: T = T("night-use-position");
pub const WHAT_HAPPENED: T = T("night-what-happened");
pub const WHEN: T = T("night-when");
pub const WINDOW_DAYS: T = T("night-window-days");
pub const I_CANT_COME: T = T("night-i-cant-come");
pub const ABSENT_REASON: T = T("night-absent-reason");
pub const RECORD_ABSENCE: T = T("night-record-absence");
/// The second step of recording an absence.
pub const ABSENCE_CONFIRM: T = T("night-absence-confirm");
pub const INSPECT_LINK: T = T("night-inspect-link");
pub const INSPECTION_TOO_EARLY: T = T("night-inspection-too-early");
pub const PHOTO_NOT_IMAGE: T = T("night-photo-not-image");
pub const PHOTO_BAD_BASE64: T = T("night-photo-bad-base64");
pub const PHOTOS: T = T("night-photos");
pub const PHOTOS_HINT: T = T("night-photos-hint");
pub const PHOTO_ALT: T = T("night-photo-alt");
pub const OFFLINE_INSPECT_TITLE: T = T("night-offline-inspect-title");
pub const OFFLINE_INSPECT_HINT: T = T("night-offline-inspect-hint");
pub const OFFLINE_INSPECT_NONE: T = T("night-offline-inspect-none");
/// The contact of a complaint is over 100 characters.
pub const CONTACT_TOO_LONG: T = T("night-contact-too-long");
/// The complaint form's site choice.
pub const COMPLAINT_SITE: T = T("night-complaint-site");
/// No site chosen.
pub const COMPLAINT_SITE_NONE: T = T("night-complaint-site-none");
/// A site id that is not one.
pub const UNKNOWN_SITE: T = T("night-unknown-site");
/// The position's coordinate system.
pub const POSITION_CRS: T = T("night-position-crs");
/// WGS-84.
pub const CRS_WGS84: T = T("night-crs-wgs84");
/// GCJ-02.
pub const CRS_GCJ02: T = T("night-crs-gcj02");
/// BD-09.
pub const CRS_BD09: T = T("night-crs-bd09");
/// The browser gave no position.
pub const POSITION_UNAVAILABLE: T = T("night-position-unavailable");
/// The site a complaint is about, on the managers' list.
pub const COMPLAINT_AT_SITE: T = T("night-complaint-at-site");
/// Only one of longitude and latitude was given.
pub const POSITION_HALF: T = T("night-position-half");
