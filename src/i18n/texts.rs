//! Every fixed user-facing string as a Fluent message id, grouped by where it appears; the
//! words are in `locales/<language>/<area>.ftl`.

use super::T;

pub mod editor;
pub mod figures;
pub mod night;
pub mod power;
pub mod scheduling;

/// Error messages of the envelope and the error pages.
pub mod errors {
    use super::T;
    pub const BAD_REQUEST: T = T("errors-bad-request");
    pub const MALFORMED_JSON: T = T("errors-malformed-json");
    pub const UNAUTHORIZED: T = T("errors-unauthorized");
    pub const INVALID_CREDENTIALS: T = T("errors-invalid-credentials");
    pub const FORBIDDEN: T = T("errors-forbidden");
    pub const CSRF: T = T("errors-csrf");
    pub const NOT_FOUND: T = T("errors-not-found");
    pub const METHOD_NOT_ALLOWED: T = T("errors-method-not-allowed");
    pub const CONFLICT: T = T("errors-conflict");
    pub const PAYLOAD_TOO_LARGE: T = T("errors-payload-too-large");
    pub const UNSUPPORTED_MEDIA_TYPE: T = T("errors-unsupported-media-type");
    pub const TOO_MANY_REQUESTS: T = T("errors-too-many-requests");
    pub const UNAVAILABLE: T = T("errors-unavailable");
    pub const INTERNAL: T = T("errors-internal");
    pub const ERROR_TITLE: T = T("errors-error-title");
    pub const BACK_HOME: T = T("errors-back-home");
}

/// The page frame: title, navigation, footer.
pub mod layout {
    use super::T;
    pub const APP_NAME: T = T("layout-app-name");
    /// What joins the items of a list (an [`crate::i18n::Arg::List`], a list of reasons).
    pub const LIST_SEPARATOR: T = T("layout-list-separator");
    /// Between names in a run of them (stall codes, segments): `、` in Chinese, `, ` in English.
    pub const NAME_SEPARATOR: T = T("figures-list-separator");
    pub const SKIP: T = T("layout-skip");
    /// The header of a table's column of buttons (read by screen readers, not shown).
    pub const ACTIONS: T = T("layout-actions");
    pub const HOME: T = T("layout-home");
    pub const SITES: T = T("layout-sites");
    pub const MARKETS: T = T("layout-markets");
    pub const APPLICATIONS: T = T("layout-applications");
    pub const REPORTS: T = T("layout-reports");
    pub const USERS: T = T("layout-users");
    pub const AUDIT: T = T("layout-audit");
    pub const LOGIN: T = T("layout-login");
    pub const LOGOUT: T = T("layout-logout");
    pub const REGISTER: T = T("layout-register");
    pub const SWITCH_LANGUAGE: T = T("layout-switch-language");
    pub const OPEN_NOW: T = T("layout-open-now");
    pub const FOOTER: T = T("layout-footer");
}

/// Flash messages shown once after a redirect.
pub mod flash {
    use super::T;
    pub const LOGGED_IN: T = T("flash-logged-in");
    pub const LOGGED_OUT: T = T("flash-logged-out");
    pub const REGISTERED: T = T("flash-registered");
    pub const USER_CREATED: T = T("flash-user-created");
    pub const SITES_ASSIGNED: T = T("flash-sites-assigned");
    pub const SITE_CREATED: T = T("flash-site-created");
    pub const USER_UPDATED: T = T("flash-user-updated");
    pub const LAYOUT_ACCEPTED: T = T("flash-layout-accepted");
    pub const ZONE_CREATED: T = T("flash-zone-created");
    pub const STALL_UPDATED: T = T("flash-stall-updated");
    pub const APPLICATION_SUBMITTED: T = T("flash-application-submitted");
    pub const APPLICATION_APPROVED: T = T("flash-application-approved");
    pub const APPLICATION_REJECTED: T = T("flash-application-rejected");
    pub const APPLICATION_WAITLISTED: T = T("flash-application-waitlisted");
    pub const APPLICATION_WITHDRAWN: T = T("flash-application-withdrawn");
    pub const APPLICATION_WITHDRAWN_RELEASED: T = T("flash-application-withdrawn-released");
    pub const OFFER_CLOSED: T = T("flash-offer-closed");
    pub const MARKET_CREATED: T = T("flash-market-created");
    pub const STALL_ASSIGNED: T = T("flash-stall-assigned");
    pub const BOOKING_MOVED: T = T("flash-booking-moved");
    pub const BOOKING_CANCELLED: T = T("flash-booking-cancelled");
    pub const CHECKED_IN: T = T("flash-checked-in");
    pub const SESSION_CANCELLED: T = T("flash-session-cancelled");
    pub const ABSENCE_DECLARED: T = T("flash-absence-declared");
    pub const ALLOCATION_PUBLISHED: T = T("flash-allocation-published");
    pub const COMPLAINT_CLOSED: T = T("flash-complaint-closed");
    pub const INSPECTION_RECORDED: T = T("flash-inspection-recorded");
    pub const PASSWORD_CHANGED: T = T("flash-password-changed");
}

/// Role names.
pub mod roles {
    use super::T;
    pub const ADMIN: T = T("roles-admin");
    pub const BUREAU: T = T("roles-bureau");
    pub const MANAGER: T = T("roles-manager");
    pub const VENDOR: T = T("roles-vendor");
}

/// The login page and account messages.
pub mod auth {
    use super::T;
    pub const LOGIN_TITLE: T = T("auth-login-title");
    pub const LOGIN_FIELD: T = T("auth-login-field");
    pub const PASSWORD: T = T("auth-password");
    pub const SUBMIT: T = T("auth-submit");
    pub const NO_ACCOUNT: T = T("auth-no-account");
    pub const REGISTER_LINK: T = T("auth-register-link");
    pub const PASSWORD_TOO_SHORT: T = T("auth-password-too-short");
    pub const PASSWORD_TOO_LONG: T = T("auth-password-too-long");
    pub const PASSWORD_TOO_WEAK: T = T("auth-password-too-weak");
    pub const LOGIN_TAKEN: T = T("auth-login-taken");
    pub const LOGIN_INVALID: T = T("auth-login-invalid");
    pub const NAME_REQUIRED: T = T("auth-name-required");
    pub const NAME_TOO_LONG: T = T("auth-name-too-long");
    pub const NAME_UNPRINTABLE: T = T("auth-name-unprintable");
    pub const ROLE_INVALID: T = T("auth-role-invalid");
}

/// "Too many login attempts, try again in …", with the wait a 429 gave (`Retry-After`): under
/// a minute in seconds, else in whole minutes rounded up.
pub fn locked_out(retry_after_secs: u64) -> crate::i18n::Msg {
    use crate::i18n::Arg;
    let (minutes, seconds) = if retry_after_secs < 60 {
        (0, retry_after_secs.max(1))
    } else {
        (retry_after_secs.div_ceil(60), retry_after_secs)
    };
    crate::i18n::Msg::with(
        "auth-locked-out",
        [
            ("minutes", Arg::Number(minutes as i64)),
            ("seconds", Arg::Number(seconds as i64)),
        ],
    )
}

/// Home pages by role.
pub mod home {
    use super::T;
    pub const WELCOME: T = T("home-welcome");
    pub const ADMIN_INTRO: T = T("home-admin-intro");
    pub const BUREAU_INTRO: T = T("home-bureau-intro");
    pub const MANAGER_INTRO: T = T("home-manager-intro");
    pub const VENDOR_INTRO: T = T("home-vendor-intro");
    pub const PUBLIC_INTRO: T = T("home-public-intro");
    pub const YOUR_SITES: T = T("home-your-sites");
    pub const NO_SITES: T = T("home-no-sites");
    pub const COUNTY_FIGURES: T = T("home-county-figures");
    pub const SITE_COUNT: T = T("home-site-count");
    pub const VENDOR_COUNT: T = T("home-vendor-count");
    pub const USER_COUNT: T = T("home-user-count");
    pub const MY_PROFILE: T = T("home-my-profile");
    pub const MARKET_NIGHT: T = T("home-market-night");
    pub const TODAY: T = T("home-today");
    pub const NO_SESSIONS_TODAY: T = T("home-no-sessions-today");
}

/// Vendor registration and profile.
pub mod vendor {
    use super::T;
    pub const REGISTER_TITLE: T = T("vendor-register-title");
    pub const REGISTER_INTRO: T = T("vendor-register-intro");
    pub const NAME: T = T("vendor-name");
    pub const PHONE: T = T("vendor-phone");
    pub const ID_NUMBER: T = T("vendor-id-number");
    pub const ID_HINT: T = T("vendor-id-hint");
    pub const CATEGORY: T = T("vendor-category");
    pub const PRODUCTS: T = T("vendor-products");
    pub const USCC: T = T("vendor-uscc");
    pub const HEALTH_CERT: T = T("vendor-health-cert");
    pub const PRIORITY: T = T("vendor-priority");
    pub const PASSWORD_HINT: T = T("vendor-password-hint");
    pub const SUBMIT: T = T("vendor-submit");
    pub const ID_LENGTH: T = T("vendor-id-length");
    pub const ID_CHARS: T = T("vendor-id-chars");
    pub const ID_BIRTH_DATE: T = T("vendor-id-birth-date");
    pub const ID_CHECKSUM: T = T("vendor-id-checksum");
    pub const PHONE_INVALID: T = T("vendor-phone-invalid");
    pub const PHONE_TAKEN: T = T("vendor-phone-taken");
    /// Another account already holds this ID number.
    pub const ID_NUMBER_TAKEN: T = T("vendor-id-number-taken");
    pub const USCC_INVALID: T = T("vendor-uscc-invalid");
    pub const CATEGORY_INVALID: T = T("vendor-category-invalid");
    pub const CATEGORY_NOT_STANDARD: T = T("vendor-category-not-standard");
    pub const HEALTH_CERT_REQUIRED: T = T("vendor-health-cert-required");
    pub const HEALTH_CERT_EXPIRED: T = T("vendor-health-cert-expired");
    pub const DATE_INVALID: T = T("vendor-date-invalid");
    pub const PRIORITY_INVALID: T = T("vendor-priority-invalid");
    pub const PRODUCTS_TOO_LONG: T = T("vendor-products-too-long");
}

/// Administration of users.
pub mod admin {
    use super::T;
    pub const USERS_TITLE: T = T("admin-users-title");
    pub const NEW_USER: T = T("admin-new-user");
    pub const LOGIN: T = T("admin-login");
    pub const NAME: T = T("admin-name");
    pub const ROLE: T = T("admin-role");
    pub const PASSWORD: T = T("admin-password");
    pub const CREATE: T = T("admin-create");
    pub const SITES: T = T("admin-sites");
    pub const SAVE_SITES: T = T("admin-save-sites");
    pub const STATUS: T = T("admin-status");
    pub const ACTIVE: T = T("admin-active");
    pub const DISABLED: T = T("admin-disabled");
    pub const SITE_UNKNOWN: T = T("admin-site-unknown");
    pub const DISABLE: T = T("admin-disable");
    pub const ENABLE: T = T("admin-enable");
    pub const NOT_YOURSELF: T = T("admin-not-yourself");
    pub const NOT_A_MANAGER: T = T("admin-not-a-manager");
}

/// Sites, zones, stalls and layouts.
pub mod sites {
    use super::T;
    pub const TITLE: T = T("sites-title");
    pub const CODE: T = T("sites-code");
    pub const NAME: T = T("sites-name");
    pub const KIND: T = T("sites-kind");
    pub const AREA: T = T("sites-area");
    pub const STALLS: T = T("sites-stalls");
    pub const STREET: T = T("sites-street");
    pub const PLAZA: T = T("sites-plaza");
    pub const OTHER: T = T("sites-other");
    pub const NEW_SITE: T = T("sites-new-site");
    pub const CODE_HINT: T = T("sites-code-hint");
    pub const CRS: T = T("sites-crs");
    pub const CRS_HINT: T = T("sites-crs-hint");
    pub const BOUNDARY: T = T("sites-boundary");
    pub const BOUNDARY_HINT: T = T("sites-boundary-hint");
    pub const BOUNDARY_FILE: T = T("sites-boundary-file");
    pub const CREATE: T = T("sites-create");
    pub const SAVE: T = T("sites-save");
    pub const CODE_INVALID: T = T("sites-code-invalid");
    pub const CODE_TAKEN: T = T("sites-code-taken");
    pub const NAME_INVALID: T = T("sites-name-invalid");
    pub const KIND_INVALID: T = T("sites-kind-invalid");
    pub const CRS_INVALID: T = T("sites-crs-invalid");
    pub const BOUNDARY_NOT_JSON: T = T("sites-boundary-not-json");
    pub const BOUNDARY_MISSING: T = T("sites-boundary-missing");
    pub const LAYOUT_STALE: T = T("sites-layout-stale");
    pub const PLAN: T = T("sites-plan");
    pub const PLAN_DESC: T = T("sites-plan-desc");
    pub const NORTH: T = T("sites-north");
    pub const NO_STALLS: T = T("sites-no-stalls");
    pub const STALL_TABLE: T = T("sites-stall-table");
    pub const STATUS: T = T("sites-status");
    pub const ACTIVE: T = T("sites-active");
    pub const DISABLED: T = T("sites-disabled");
    pub const POWER: T = T("sites-power");
    pub const PREMIUM: T = T("sites-premium");
    pub const ZONE: T = T("sites-zone");
    pub const YES: T = T("sites-yes");
    pub const NO: T = T("sites-no");
    pub const SIZE: T = T("sites-size");
    pub const LAYOUT: T = T("sites-layout");
    pub const LAYOUT_HINT: T = T("sites-layout-hint");
    pub const STALL_WIDTH: T = T("sites-stall-width");
    pub const STALL_DEPTH: T = T("sites-stall-depth");
    pub const AISLE: T = T("sites-aisle");
    pub const FILL_THIS_IN: T = T("sites-fill-this-in");
    pub const WIDTH_NOT_A_NUMBER: T = T("sites-width-not-a-number");
    pub const ZONE_OUTSIDE_SITE: T = T("sites-zone-outside-site");
    pub const MODE_INVALID: T = T("sites-mode-invalid");
    pub const AISLE_WIDTH: T = T("sites-aisle-width");
    pub const EDGE_CLEARANCE: T = T("sites-edge-clearance");
    pub const FIRE_LANE: T = T("sites-fire-lane");
    pub const ORIENTATION: T = T("sites-orientation");
    pub const MODE: T = T("sites-mode");
    pub const MODE_AUTO: T = T("sites-mode-auto");
    pub const MODE_PLAZA: T = T("sites-mode-plaza");
    pub const MODE_STREET: T = T("sites-mode-street");
    pub const PREVIEW: T = T("sites-preview");
    pub const ACCEPT: T = T("sites-accept");
    pub const PREVIEW_TITLE: T = T("sites-preview-title");
    pub const KEPT_IN_PLACE: T = T("sites-kept-in-place");
    pub const FIGURES: T = T("sites-figures");
    pub const PLACED: T = T("sites-placed");
    pub const USABLE_AREA: T = T("sites-usable-area");
    pub const PATTERN_BOUND: T = T("sites-pattern-bound");
    pub const AREA_BOUND: T = T("sites-area-bound");
    pub const OF_BOUND: T = T("sites-of-bound");
    pub const ZONES: T = T("sites-zones");
    pub const NEW_ZONE: T = T("sites-new-zone");
    pub const ZONE_KIND: T = T("sites-zone-kind");
    pub const ZONE_FOOD: T = T("sites-zone-food");
    pub const ZONE_SMOKY: T = T("sites-zone-smoky");
    pub const ZONE_KEEP_CLEAR: T = T("sites-zone-keep-clear");
    pub const ZONE_FIRE_LANE: T = T("sites-zone-fire-lane");
    pub const ZONE_WIDTH: T = T("sites-zone-width");
    pub const ZONE_HINT: T = T("sites-zone-hint");
    pub const ZONE_KIND_INVALID: T = T("sites-zone-kind-invalid");
    pub const ADD_ZONE: T = T("sites-add-zone");
    pub const STATUS_INVALID: T = T("sites-status-invalid");
    pub const UPDATE: T = T("sites-update");
    pub const DOWNLOAD_GEOJSON: T = T("sites-download-geojson");
    pub const NOTE: T = T("sites-note");
    pub const NO_SITES: T = T("sites-no-sites");
    pub const SCALE: T = T("sites-scale");
}

/// Markets, segments, sessions.
pub mod markets {
    /// "from {date}: {hours}" after a segment's hours today.
    pub const HOURS_FROM: &str = "markets-hours-from";
    use super::T;
    pub const TITLE: T = T("markets-title");
    pub const NAME: T = T("markets-name");
    pub const KIND: T = T("markets-kind");
    pub const FIXED: T = T("markets-fixed");
    pub const MOBILE: T = T("markets-mobile");
    pub const SEGMENTS: T = T("markets-segments");
    pub const SELF_SELECT: T = T("markets-self-select");
    pub const NEW_MARKET: T = T("markets-new-market");
    pub const SEGMENT_NAME: T = T("markets-segment-name");
    pub const START: T = T("markets-start");
    pub const END: T = T("markets-end");
    pub const SITE: T = T("markets-site");
    pub const WEEKDAYS: T = T("markets-weekdays");
    pub const FROM: T = T("markets-from");
    pub const TO: T = T("markets-to");
    pub const CREATE: T = T("markets-create");
    pub const CALENDAR: T = T("markets-calendar");
    pub const DATE: T = T("markets-date");
    pub const TIME: T = T("markets-time");
    pub const STATUS: T = T("markets-status");
    pub const STALLS: T = T("markets-stalls");
    pub const SCHEDULED: T = T("markets-scheduled");
    pub const CANCELLED: T = T("markets-cancelled");
    pub const NO_MARKETS: T = T("markets-no-markets");
    pub const NO_SESSIONS: T = T("markets-no-sessions");
    pub const EARLIER: T = T("markets-earlier");
    pub const LATER: T = T("markets-later");
    pub const SESSION: T = T("markets-session");
    pub const CANCEL_SESSION: T = T("markets-cancel-session");
    pub const CANCEL_REASON: T = T("markets-cancel-reason");
    pub const WEEKDAY_NAMES: [T; 7] = [
        T("markets-weekday-names-1"),
        T("markets-weekday-names-2"),
        T("markets-weekday-names-3"),
        T("markets-weekday-names-4"),
        T("markets-weekday-names-5"),
        T("markets-weekday-names-6"),
        T("markets-weekday-names-7"),
    ];
    pub const NAME_REQUIRED: T = T("markets-name-required");
    pub const KIND_INVALID: T = T("markets-kind-invalid");
    pub const SEGMENTS_REQUIRED: T = T("markets-segments-required");
    pub const SEGMENT_TIME: T = T("markets-segment-time");
    pub const SEGMENT_EMPTY: T = T("markets-segment-empty");
    /// A segment over 16 hours: start and end swapped?
    pub const SEGMENT_TOO_LONG: T = T("markets-segment-too-long");
    pub const SEGMENT_DUPLICATE: T = T("markets-segment-duplicate");
    pub const SEGMENT_UNKNOWN: T = T("markets-segment-unknown");
    pub const SCHEDULE_REQUIRED: T = T("markets-schedule-required");
    pub const SITE_UNKNOWN: T = T("markets-site-unknown");
    pub const WEEKDAYS_INVALID: T = T("markets-weekdays-invalid");
    pub const RANGE_INVALID: T = T("markets-range-invalid");
    pub const DATE_INVALID: T = T("markets-date-invalid");
    pub const FIXED_ONE_SITE: T = T("markets-fixed-one-site");
    pub const CATEGORY_INVALID: T = T("markets-category-invalid");
    pub const SESSION_OVERLAP: T = T("markets-session-overlap");
    pub const MARKET_UNKNOWN: T = T("markets-market-unknown");
    pub const SESSION_UNKNOWN: T = T("markets-session-unknown");
    pub const ALREADY_CANCELLED: T = T("markets-already-cancelled");
    pub const SESSION_ENDED: T = T("markets-session-ended");
    pub const REASON_REQUIRED: T = T("markets-reason-required");
}

/// Applications.
pub mod applications {
    use super::T;
    pub const TITLE: T = T("applications-title");
    pub const ONE: T = T("applications-one");
    pub const VENDOR: T = T("applications-vendor");
    pub const MARKET: T = T("applications-market");
    pub const DATES: T = T("applications-dates");
    pub const SEGMENTS: T = T("applications-segments");
    pub const ALL_SEGMENTS: T = T("applications-all-segments");
    pub const WEEKDAYS: T = T("applications-weekdays");
    pub const EVERY_DAY: T = T("applications-every-day");
    pub const POWER: T = T("applications-power");
    pub const POWER_YES: T = T("applications-power-yes");
    pub const CATEGORY: T = T("applications-category");
    pub const STATUS: T = T("applications-status");
    pub const REASON: T = T("applications-reason");
    pub const REASON_HINT: T = T("applications-reason-hint");
    pub const REJECT_NEEDS_REASON: T = T("applications-reject-needs-reason");
    pub const NEEDS_POWER: T = T("applications-needs-power");
    pub const PREFERRED: T = T("applications-preferred");
    pub const ALL: T = T("applications-all");
    pub const FILTER: T = T("applications-filter");
    pub const NONE: T = T("applications-none");
    pub const SUBMITTED: T = T("applications-submitted");
    pub const APPROVED: T = T("applications-approved");
    pub const WAITLISTED: T = T("applications-waitlisted");
    pub const REJECTED: T = T("applications-rejected");
    pub const WITHDRAWN: T = T("applications-withdrawn");
    pub const DECIDE: T = T("applications-decide");
    pub const APPROVE: T = T("applications-approve");
    pub const WAITLIST: T = T("applications-waitlist");
    pub const REJECT: T = T("applications-reject");
    pub const WITHDRAW: T = T("applications-withdraw");
    pub const WITHDRAW_SURE: T = T("applications-withdraw-sure");
    pub const WITHDRAW_CONFIRM: T = T("applications-withdraw-confirm");
    pub const WITHDRAW_RELEASES: T = T("applications-withdraw-releases");
    pub const APPLY: T = T("applications-apply");
    pub const NEW: T = T("applications-new");
    pub const NOT_A_VENDOR: T = T("applications-not-a-vendor");
    pub const DATE_PAST: T = T("applications-date-past");
    pub const OUTSIDE_SEASON: T = T("applications-outside-season");
    pub const SEGMENT_UNKNOWN: T = T("applications-segment-unknown");
    pub const CATEGORY_UNKNOWN: T = T("applications-category-unknown");
    pub const STALL_UNKNOWN: T = T("applications-stall-unknown");
    pub const TOO_MANY_STALLS: T = T("applications-too-many-stalls");
    pub const FROM_MISSING: T = T("applications-from-missing");
    pub const TO_MISSING: T = T("applications-to-missing");
    pub const HEALTH_CERT: T = T("applications-health-cert");
    /// The reviewer's row: the vendor's health certificate, valid until.
    pub const HEALTH_CERT_UNTIL: T = T("applications-health-cert-until");
    /// No health certificate registered.
    pub const HEALTH_CERT_NONE: T = T("applications-health-cert-none");
    /// A food trade whose certificate runs out before the application's last day.
    pub const HEALTH_CERT_SHORT: T = T("applications-health-cert-short");
    /// Power asked for, and no stall of the market's sites has it.
    pub const NO_POWERED_STALL: T = T("applications-no-powered-stall");
    pub const DECISION_INVALID: T = T("applications-decision-invalid");
    pub const TRANSITION: T = T("applications-transition");
    pub const STATUS_INVALID: T = T("applications-status-invalid");
    pub const REASON_TOO_LONG: T = T("applications-reason-too-long");
}

/// Bookings, check-in, waitlist offers.
pub mod bookings {
    use super::T;
    pub const TITLE: T = T("bookings-title");
    pub const STALL: T = T("bookings-stall");
    pub const VENDOR: T = T("bookings-vendor");
    pub const CATEGORY: T = T("bookings-category");
    pub const CHECKED_IN: T = T("bookings-checked-in");
    pub const NOT_CHECKED_IN: T = T("bookings-not-checked-in");
    pub const NO_SHOW: T = T("bookings-no-show");
    pub const NO_SHOWS: T = T("bookings-no-shows");
    pub const ABSENCES: T = T("bookings-absences");
    pub const CHECK_IN: T = T("bookings-check-in");
    pub const CANCEL: T = T("bookings-cancel");
    pub const CANCEL_CONFIRM: T = T("bookings-cancel-confirm");
    pub const CANCEL_WHY: T = T("bookings-cancel-why");
    pub const ASSIGN: T = T("bookings-assign");
    pub const VENDOR_ID: T = T("bookings-vendor-id");
    pub const VENDOR_ID_HINT: T = T("bookings-vendor-id-hint");
    pub const VENDOR_AMBIGUOUS: T = T("bookings-vendor-ambiguous");
    pub const FIND_ON_PLAN: T = T("bookings-find-on-plan");
    pub const UNTIL: T = T("bookings-until");
    pub const FREE_STALLS: T = T("bookings-free-stalls");
    pub const NONE: T = T("bookings-none");
    pub const NO_STALLS: T = T("bookings-no-stalls");
    pub const STALL_TAKEN: T = T("bookings-stall-taken");
    pub const VENDOR_ALREADY_BOOKED: T = T("bookings-vendor-already-booked");
    pub const SESSION_PAST: T = T("bookings-session-past");
    pub const SESSION_STARTED: T = T("bookings-session-started");
    pub const SESSION_HELD: T = T("bookings-session-held");
    pub const SESSION_CANCELLED: T = T("bookings-session-cancelled");
    pub const STALL_UNKNOWN: T = T("bookings-stall-unknown");
    pub const STALL_DISABLED: T = T("bookings-stall-disabled");
    pub const STALL_ELSEWHERE: T = T("bookings-stall-elsewhere");
    pub const VENDOR_UNKNOWN: T = T("bookings-vendor-unknown");
    pub const HEALTH_CERT: T = T("bookings-health-cert");
    pub const SMOKY: T = T("bookings-smoky");
    pub const SEGMENT_NOT_APPLIED: T = T("bookings-segment-not-applied");
    pub const SESSION_NOT_APPLIED: T = T("bookings-session-not-applied");
    pub const NOT_APPLIED: T = T("bookings-not-applied");
    pub const VENDOR_BUSY_ELSEWHERE: T = T("bookings-vendor-busy-elsewhere");
    pub const SELF_SELECT_OFF: T = T("bookings-self-select-off");
    pub const TOO_EARLY: T = T("bookings-too-early");
    pub const OFFER_CLOSED: T = T("bookings-offer-closed");
    pub const STALL_ON_OFFER: T = T("bookings-stall-on-offer");
    pub const OFFER_ALREADY_ACCEPTED: T = T("bookings-offer-already-accepted");
    pub const OFFER_ALREADY_DECLINED: T = T("bookings-offer-already-declined");
    pub const RANGE_INVALID: T = T("bookings-range-invalid");
    pub const OFFERS: T = T("bookings-offers");
    pub const ACCEPT: T = T("bookings-accept");
    pub const DECLINE: T = T("bookings-decline");
    pub const DEADLINE: T = T("bookings-deadline");
}

/// In-app notices.
pub mod notices {
    use super::T;
    pub const TITLE: T = T("notices-title");
    pub const NONE: T = T("notices-none");
}

/// The vendor's home page, permits, public pages and the calendar feed.
pub mod vendorui {
    use super::T;
    pub const QUICK_LINKS: T = T("vendorui-quick-links");
    pub const OFFERS: T = T("vendorui-offers");
    pub const NO_OFFERS: T = T("vendorui-no-offers");
    pub const ACCEPT_BEFORE: T = T("vendorui-accept-before");
    pub const ACCEPT: T = T("vendorui-accept");
    pub const DECLINE: T = T("vendorui-decline");
    pub const STALL: T = T("vendorui-stall");
    pub const MY_SCHEDULE: T = T("vendorui-my-schedule");
    pub const NO_SCHEDULE: T = T("vendorui-no-schedule");
    pub const SEE_ON_PLAN: T = T("vendorui-see-on-plan");
    pub const PERMIT: T = T("vendorui-permit");
    pub const CALENDAR: T = T("vendorui-calendar");
    pub const DOWNLOAD_CALENDAR: T = T("vendorui-download-calendar");
    pub const FEED_HINT: T = T("vendorui-feed-hint");
    pub const RESET_FEED: T = T("vendorui-reset-feed");
    pub const CREATE_FEED: T = T("vendorui-create-feed");
    pub const NO_FEED_YET: T = T("vendorui-no-feed-yet");
    pub const WECHAT_HINT: T = T("vendorui-wechat-hint");
    pub const NOTICES: T = T("vendorui-notices");
    pub const NO_NOTICES: T = T("vendorui-no-notices");
    pub const KIND_OFFER: T = T("vendorui-kind-offer");
    pub const KIND_CANCELLED: T = T("vendorui-kind-cancelled");
    pub const KIND_DECIDED: T = T("vendorui-kind-decided");
    pub const KIND_OTHER: T = T("vendorui-kind-other");
    pub const MY_APPLICATIONS: T = T("vendorui-my-applications");
    pub const NO_APPLICATIONS: T = T("vendorui-no-applications");
    pub const APPLY: T = T("vendorui-apply");
    pub const REASON: T = T("vendorui-reason");
    pub const DETAILS: T = T("vendorui-details");
    pub const SESSION_CANCELLED: T = T("vendorui-session-cancelled");
    pub const PERMIT_TITLE: T = T("vendorui-permit-title");
    pub const VERIFY_TITLE: T = T("vendorui-verify-title");
    pub const VALID: T = T("vendorui-valid");
    pub const NOT_VALID: T = T("vendorui-not-valid");
    pub const PERMIT_CANCELLED: T = T("vendorui-permit-cancelled");
    pub const PERMIT_SESSION_CANCELLED: T = T("vendorui-permit-session-cancelled");
    pub const PERMIT_PAST: T = T("vendorui-permit-past");
    /// The vendor is suspended (demerits) on the session's date.
    pub const PERMIT_SUSPENDED: T = T("vendorui-permit-suspended");
    pub const PERMIT_NOT_YET: T = T("vendorui-permit-not-yet");
    pub const PERMIT_ABSENT: T = T("vendorui-permit-absent");
    pub const PERMIT_UNKNOWN: T = T("vendorui-permit-unknown");
    pub const QR_LABEL: T = T("vendorui-qr-label");
    pub const QR_HINT: T = T("vendorui-qr-hint");
    pub const OPEN_VERIFICATION: T = T("vendorui-open-verification");
    pub const VERIFY_HINT: T = T("vendorui-verify-hint");
    pub const MARKET: T = T("vendorui-market");
    /// The site (place) a night is held on; a mobile market moves between sites.
    pub const SITE: T = T("vendorui-site");
    pub const SESSION: T = T("vendorui-session");
    pub const VENDOR: T = T("vendorui-vendor");
    pub const CATEGORY: T = T("vendorui-category");
    pub const OPEN_NOW_TITLE: T = T("vendorui-open-now-title");
    pub const OPEN_NOW_AT: T = T("vendorui-open-now-at");
    pub const BEIJING_TIME: T = T("vendorui-beijing-time");
    pub const OPEN_NOW: T = T("vendorui-open-now");
    pub const NOTHING_OPEN: T = T("vendorui-nothing-open");
    pub const LATER_TODAY: T = T("vendorui-later-today");
    pub const NOTHING_LATER: T = T("vendorui-nothing-later");
    pub const OPEN_STATUS: T = T("vendorui-open-status");
    pub const OPENS_LATER: T = T("vendorui-opens-later");
    pub const VIEW_PLAN: T = T("vendorui-view-plan");
    pub const ALL_MARKETS: T = T("vendorui-all-markets");
    pub const YOUR_STALL: T = T("vendorui-your-stall");
    pub const TAKEN: T = T("vendorui-taken");
    pub const FREE: T = T("vendorui-free");
    pub const OUT_OF_USE: T = T("vendorui-out-of-use");
    pub const STATE: T = T("vendorui-state");
    pub const STALL_LIST: T = T("vendorui-stall-list");
}

/// Allocation runs: the draft form, the draft and public results pages, and their errors.
pub mod allocation_texts {
    use super::T;
    pub const TITLE: T = T("allocation-title");
    pub const PUBLIC_TITLE: T = T("allocation-public-title");
    pub const RUN_HEADING: T = T("allocation-run-heading");
    pub const RUN: T = T("allocation-run");
    pub const FROM: T = T("allocation-from");
    pub const TO: T = T("allocation-to");
    pub const SEED: T = T("allocation-seed");
    pub const SEED_HINT: T = T("allocation-seed-hint");
    pub const METHOD: T = T("allocation-method");
    pub const ROTATION: T = T("allocation-rotation");
    pub const SERIAL: T = T("allocation-serial");
    pub const RESERVED: T = T("allocation-reserved");
    pub const RESERVED_HINT: T = T("allocation-reserved-hint");
    pub const RESERVED_INVALID: T = T("allocation-reserved-invalid");
    pub const CATEGORY_MAX_INVALID: T = T("allocation-category-max-invalid");
    pub const CATEGORY_MAX: T = T("allocation-category-max");
    /// Each trade's least share (多业态融合).
    pub const CATEGORY_MIN: T = T("allocation-category-min");
    /// How trade shares are written.
    pub const CATEGORY_SHARES_HINT: T = T("allocation-category-shares-hint");
    /// Trade shares that cannot be read.
    pub const CATEGORY_SHARES_INVALID: T = T("allocation-category-shares-invalid");
    /// Smoky trades only in smoky zones.
    pub const SMOKY_ZONE: T = T("allocation-smoky-zone");
    /// The heading of a run's rules.
    pub const RULES: T = T("allocation-rules");
    pub const WEEKLY_CAP: T = T("allocation-weekly-cap");
    pub const NO_ADJACENT: T = T("allocation-no-adjacent");
    pub const KEEP_SAME: T = T("allocation-keep-same");
    pub const ROTATE_PREMIUM: T = T("allocation-rotate-premium");
    pub const FOOD_ZONE: T = T("allocation-food-zone");
    pub const STATUS: T = T("allocation-status");
    pub const DRAFT: T = T("allocation-draft");
    pub const PUBLISHED: T = T("allocation-published");
    pub const PUBLISH: T = T("allocation-publish");
    pub const PUBLIC_LINK: T = T("allocation-public-link");
    pub const RUNS: T = T("allocation-runs");
    pub const METRICS: T = T("allocation-metrics");
    pub const FILL_RATE: T = T("allocation-fill-rate");
    pub const DEMAND_MET: T = T("allocation-demand-met");
    pub const MEAN_SHARE: T = T("allocation-mean-share");
    pub const P10_SHARE: T = T("allocation-p10-share");
    pub const MIN_SHARE: T = T("allocation-min-share");
    pub const GINI: T = T("allocation-gini");
    pub const ZERO_VENDORS: T = T("allocation-zero-vendors");
    pub const FIRST_CHOICE: T = T("allocation-first-choice");
    pub const ADJACENT_PAIRS: T = T("allocation-adjacent-pairs");
    pub const STABILITY: T = T("allocation-stability");
    pub const BY_GROUP: T = T("allocation-by-group");
    pub const GROUP_NONE: T = T("allocation-group-none");
    /// Column heads of the share-by-group table.
    pub const GROUP: T = T("allocation-group");
    /// Applications in a group.
    pub const APPLICATIONS: T = T("allocation-applications");
    pub const PLACED: T = T("allocation-placed");
    pub const UNPLACED: T = T("allocation-unplaced");
    pub const APPLICATION: T = T("allocation-application");
    pub const VENDOR: T = T("allocation-vendor");
    pub const DRAW_PLACE: T = T("allocation-draw-place");
    pub const WON: T = T("allocation-won");
    pub const STALLS: T = T("allocation-stalls");
    pub const WHY_NOT_MORE: T = T("allocation-why-not-more");
    pub const INPUT_HASH: T = T("allocation-input-hash");
    pub const RANGE: T = T("allocation-range");
    pub const PRINT_HINT: T = T("allocation-print-hint");
    pub const SEED_EMPTY: T = T("allocation-seed-empty");
    pub const SEED_TOO_LONG: T = T("allocation-seed-too-long");
    pub const DATE_INVALID: T = T("allocation-date-invalid");
    pub const RANGE_INVALID: T = T("allocation-range-invalid");
    pub const NO_SESSIONS: T = T("allocation-no-sessions");
    pub const ALREADY_PUBLISHED: T = T("allocation-already-published");
    pub const STALE: T = T("allocation-stale");
    pub const REASON_ALREADY_BOOKED: T = T("allocation-reason-already-booked");
    pub const REASON_BUSY_ELSEWHERE: T = T("allocation-reason-busy-elsewhere");
    pub const REASON_WEEKLY_CAP: T = T("allocation-reason-weekly-cap");
    pub const REASON_CATEGORY_FULL: T = T("allocation-reason-category-full");
    pub const REASON_RESERVE_HELD: T = T("allocation-reason-reserve-held");
    pub const REASON_CATEGORY_MIN_HELD: T = T("allocation-reason-category-min-held");
    pub const REASON_NO_POWER: T = T("allocation-reason-no-power");
    pub const REASON_ZONE: T = T("allocation-reason-zone");
    pub const REASON_ADJACENT: T = T("allocation-reason-adjacent");
    pub const REASON_NO_FREE: T = T("allocation-reason-no-free");
    pub const NONE: T = T("allocation-none");
}

/// Occupancy reports and the bureau's dashboard.
pub mod reports {
    use super::T;
    pub const TITLE: T = T("reports-title");
    pub const SITE: T = T("reports-site");
    pub const MARKET: T = T("reports-market");
    pub const SEGMENT: T = T("reports-segment");
    pub const CATEGORY: T = T("reports-category");
    pub const PRIORITY_GROUP: T = T("reports-priority-group");
    pub const DAY: T = T("reports-day");
    pub const WEEK: T = T("reports-week");
    pub const MONTH: T = T("reports-month");
    pub const BAD_DATE: T = T("reports-bad-date");
    pub const BAD_FILTER: T = T("reports-bad-filter");
    pub const FROM_AFTER_TO: T = T("reports-from-after-to");
    pub const TOO_LONG: T = T("reports-too-long");
    pub const BAD_GROUP: T = T("reports-bad-group");
    pub const BAD_FORMAT: T = T("reports-bad-format");
    pub const H_KEY: T = T("reports-h-key");
    pub const H_SESSIONS: T = T("reports-h-sessions");
    pub const H_SLOTS: T = T("reports-h-slots");
    pub const H_BOOKED: T = T("reports-h-booked");
    pub const H_CHECKED_IN: T = T("reports-h-checked-in");
    pub const H_RATE: T = T("reports-h-rate");
    pub const H_VENDORS: T = T("reports-h-vendors");
    pub const TOTAL: T = T("reports-total");
    pub const SHEET: T = T("reports-sheet");
    pub const XLSX_TITLE: T = T("reports-xlsx-title");
    pub const PERIOD: T = T("reports-period");
    pub const FROM: T = T("reports-from");
    pub const TO: T = T("reports-to");
    pub const ALL: T = T("reports-all");
    pub const SHOW: T = T("reports-show");
    pub const SUMMARY: T = T("reports-summary");
    pub const FOR_REPORT: T = T("reports-for-report");
    /// The period is not over: the figures count nights booked ahead.
    pub const PLANNED_NOT_HELD: T = T("reports-planned-not-held");
    /// The link to the summary of the nights held so far.
    pub const TO_SUMMARY: T = T("reports-to-summary");
    pub const MARKETS_OPERATING: T = T("reports-markets-operating");
    pub const SITES_OPERATING: T = T("reports-sites-operating");
    pub const STALLS_OFFERED: T = T("reports-stalls-offered");
    pub const SLOTS_OFFERED: T = T("reports-slots-offered");
    pub const BOOKED: T = T("reports-booked");
    pub const CHECKED_IN: T = T("reports-checked-in");
    pub const OCCUPANCY: T = T("reports-occupancy");
    pub const ATTENDANCE: T = T("reports-attendance");
    pub const VENDORS: T = T("reports-vendors");
    pub const NEW_VENDORS: T = T("reports-new-vendors");
    pub const CANCELLED_BY_VENDOR: T = T("reports-cancelled-by-vendor");
    pub const CANCELLED_BY_MANAGER: T = T("reports-cancelled-by-manager");
    pub const SESSIONS_CANCELLED: T = T("reports-sessions-cancelled");
    pub const NO_SHOWS: T = T("reports-no-shows");
    pub const APPLICATIONS: T = T("reports-applications");
    pub const APPROVED: T = T("reports-approved");
    pub const WAITLISTED: T = T("reports-waitlisted");
    pub const REJECTED: T = T("reports-rejected");
    pub const BY_SITE: T = T("reports-by-site");
    pub const BY_SEGMENT: T = T("reports-by-segment");
    pub const BY_CATEGORY: T = T("reports-by-category");
    pub const BY_PRIORITY: T = T("reports-by-priority");
    pub const BY_WEEK: T = T("reports-by-week");
    pub const BY_MONTH: T = T("reports-by-month");
    pub const CHART_PERIOD: T = T("reports-chart-period");
    pub const CHART_MIX: T = T("reports-chart-mix");
    pub const SHARE: T = T("reports-share");
    pub const DOWNLOAD_CSV: T = T("reports-download-csv");
    pub const DOWNLOAD_XLSX: T = T("reports-download-xlsx");
    pub const DOWNLOADS: T = T("reports-downloads");
    pub const PRINT_HINT: T = T("reports-print-hint");
    pub const NO_DATA: T = T("reports-no-data");
}

/// Documents (priority-group proofs, health certificates), the vendor's profile page, moving a booking and the category colours of the session plan.
pub mod documents {
    use super::T;
    pub const KIND_HEALTH_CERT: T = T("documents-kind-health-cert");
    pub const KIND_DIBAO: T = T("documents-kind-dibao");
    pub const KIND_DISABLED: T = T("documents-kind-disabled");
    pub const KIND_VETERAN: T = T("documents-kind-veteran");
    pub const KIND_RETURNEE: T = T("documents-kind-returnee");
    pub const KIND_LOCAL: T = T("documents-kind-local");
    pub const KIND_UNKNOWN: T = T("documents-kind-unknown");
    pub const FILE_EMPTY: T = T("documents-file-empty");
    pub const FILE_TOO_LARGE: T = T("documents-file-too-large");
    pub const FILE_WRONG_TYPE: T = T("documents-file-wrong-type");
    pub const FILE_UNREADABLE: T = T("documents-file-unreadable");
    pub const BAD_BASE64: T = T("documents-bad-base64");
    pub const TOO_MANY: T = T("documents-too-many");
    pub const PROFILE_TITLE: T = T("documents-profile-title");
    pub const PROFILE_LINK: T = T("documents-profile-link");
    pub const DOCUMENTS: T = T("documents-documents");
    pub const NO_DOCUMENTS: T = T("documents-no-documents");
    pub const KIND: T = T("documents-kind");
    pub const FILE: T = T("documents-file");
    pub const UPLOADED_AT: T = T("documents-uploaded-at");
    pub const SIZE: T = T("documents-size");
    pub const DOWNLOAD: T = T("documents-download");
    pub const DELETE: T = T("documents-delete");
    pub const UPLOAD: T = T("documents-upload");
    pub const UPLOAD_HINT: T = T("documents-upload-hint");
    pub const WHO_SEES: T = T("documents-who-sees");
    pub const UPLOADED: T = T("documents-uploaded");
    pub const DELETED: T = T("documents-deleted");
    pub const SAVED: T = T("documents-saved");
    pub const EDIT: T = T("documents-edit");
    pub const SAVE: T = T("documents-save");
    pub const NOT_SET: T = T("documents-not-set");
    pub const VENDOR_DOCUMENTS: T = T("documents-vendor-documents");
    pub const NO_PROFILE: T = T("documents-no-profile");
    pub const MOVE: T = T("documents-move");
    pub const MOVE_BOOKING: T = T("documents-move-booking");
    pub const MOVE_TO: T = T("documents-move-to");
    pub const MOVE_SUBMIT: T = T("documents-move-submit");
    pub const SAME_STALL: T = T("documents-same-stall");
    pub const LEGEND_CATEGORIES: T = T("documents-legend-categories");
}

/// The TOTP second factor: enrolment, the login's second step, an administrator's reset.
pub mod password {
    use super::T;
    pub const TITLE: T = T("password-title");
    pub const NAV: T = T("password-nav");
    pub const INTRO: T = T("password-intro");
    pub const CURRENT: T = T("password-current");
    pub const NEW: T = T("password-new");
    pub const NEW_HINT: T = T("password-new-hint");
    pub const SUBMIT: T = T("password-submit");
    pub const CURRENT_WRONG: T = T("password-current-wrong");
    pub const SAME: T = T("password-same");
    pub const FORGOTTEN: T = T("password-forgotten");
}

pub mod totp {
    use super::T;
    pub const TITLE: T = T("totp-title");
    pub const REQUIRED: T = T("totp-required");
    pub const WRONG_CODE: T = T("totp-wrong-code");
    pub const ALREADY_ENROLLED: T = T("totp-already-enrolled");
    pub const NOT_STARTED: T = T("totp-not-started");
    pub const CHALLENGE_EXPIRED: T = T("totp-challenge-expired");
    pub const CODE_FIELD: T = T("totp-code-field");
    pub const CODE_HINT: T = T("totp-code-hint");
    pub const VERIFY: T = T("totp-verify");
    pub const ENROLLED: T = T("totp-enrolled");
    pub const NOT_ENROLLED: T = T("totp-not-enrolled");
    pub const MUST_ENROL: T = T("totp-must-enrol");
    pub const START: T = T("totp-start");
    pub const SCAN: T = T("totp-scan");
    pub const SECRET_KEY: T = T("totp-secret-key");
    pub const QR_LABEL: T = T("totp-qr-label");
    pub const CONFIRM: T = T("totp-confirm");
    pub const RESTART: T = T("totp-restart");
    pub const RESET: T = T("totp-reset");
    pub const ACCOUNT_LINK: T = T("totp-account-link");
}

/// Server errors (a panic or a failed query) as users see them.
pub mod panics {
    use super::T;
    pub const REQUEST_ID: T = T("panics-request-id");
}

/// The vendor's journey, finished: the month calendar, preferred stalls on the apply form, self-selection of a stall, inline checks on the register form, flashes after offers.
pub mod vendor_journey {
    use super::T;
    pub const MONTH_TITLE: T = T("vendor-journey-month-title");
    pub const MONTH_VIEW: T = T("vendor-journey-month-view");
    pub const PREV_MONTH: T = T("vendor-journey-prev-month");
    pub const NEXT_MONTH: T = T("vendor-journey-next-month");
    pub const THIS_MONTH: T = T("vendor-journey-this-month");
    pub const TODAY: T = T("vendor-journey-today");
    pub const WEEKDAYS: [T; 7] = [
        T("vendor-journey-weekdays-1"),
        T("vendor-journey-weekdays-2"),
        T("vendor-journey-weekdays-3"),
        T("vendor-journey-weekdays-4"),
        T("vendor-journey-weekdays-5"),
        T("vendor-journey-weekdays-6"),
        T("vendor-journey-weekdays-7"),
    ];
    pub const NOTHING_THIS_MONTH: T = T("vendor-journey-nothing-this-month");
    pub const BOOKED: T = T("vendor-journey-booked");
    pub const CANCELLED: T = T("vendor-journey-cancelled");
    pub const MONTH_INVALID: T = T("vendor-journey-month-invalid");
    pub const STEP_MARKET: T = T("vendor-journey-step-market");
    pub const STEP_FORM: T = T("vendor-journey-step-form");
    pub const CHOSEN_MARKET: T = T("vendor-journey-chosen-market");
    pub const OTHER_MARKET: T = T("vendor-journey-other-market");
    pub const PREFERRED_LEGEND: T = T("vendor-journey-preferred-legend");
    pub const PREFERRED_HINT: T = T("vendor-journey-preferred-hint");
    pub const SEGMENTS_LEGEND: T = T("vendor-journey-segments-legend");
    pub const SEGMENTS_HINT: T = T("vendor-journey-segments-hint");
    pub const WEEKDAYS_LEGEND: T = T("vendor-journey-weekdays-legend");
    pub const WEEKDAYS_HINT: T = T("vendor-journey-weekdays-hint");
    pub const RANK: T = T("vendor-journey-rank");
    pub const RANK_INVALID: T = T("vendor-journey-rank-invalid");
    pub const NO_STALLS_YET: T = T("vendor-journey-no-stalls-yet");
    pub const PICK_STALLS: T = T("vendor-journey-pick-stalls");
    pub const CHOOSE_TITLE: T = T("vendor-journey-choose-title");
    pub const CHOOSE_INTRO: T = T("vendor-journey-choose-intro");
    pub const CHOOSE_THIS: T = T("vendor-journey-choose-this");
    pub const NO_FREE_STALLS: T = T("vendor-journey-no-free-stalls");
    pub const ALREADY_HERE: T = T("vendor-journey-already-here");
    pub const CLOSED_FOR_CHOICE: T = T("vendor-journey-closed-for-choice");
    pub const SELF_SELECT_SESSIONS: T = T("vendor-journey-self-select-sessions");
    pub const NO_SELF_SELECT: T = T("vendor-journey-no-self-select");
    pub const CHECK_OK: T = T("vendor-journey-check-ok");
    pub const OFFER_ACCEPTED: T = T("vendor-journey-offer-accepted");
    pub const OFFER_DECLINED: T = T("vendor-journey-offer-declined");
    pub const SEASON_OFFER_ACCEPTED: T = T("vendor-journey-season-offer-accepted");
    pub const SEASON_OFFER_DECLINED: T = T("vendor-journey-season-offer-declined");
    pub const STALL_BOOKED: T = T("vendor-journey-stall-booked");
}
pub mod relayout;

pub mod workbench;
