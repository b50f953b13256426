//! Texts of scheduling (issue 17): the rota editor, closures, the next season, the site timeline.

use super::T;

/// `scheduling-accept`.
pub const ACCEPT: T = T("scheduling-accept");
/// `scheduling-add-row`.
pub const ADD_ROW: T = T("scheduling-add-row");
/// `scheduling-add-segment`.
pub const ADD_SEGMENT: T = T("scheduling-add-segment");
/// `scheduling-apply`.
pub const APPLY: T = T("scheduling-apply");
/// `scheduling-cancel`.
pub const CANCEL: T = T("scheduling-cancel");
/// `scheduling-categories`.
pub const CATEGORIES: T = T("scheduling-categories");
/// `scheduling-categories-hint`.
pub const CATEGORIES_HINT: T = T("scheduling-categories-hint");
/// `scheduling-category`.
pub const CATEGORY: T = T("scheduling-category");
/// `scheduling-clone`.
pub const CLONE: T = T("scheduling-clone");
/// `scheduling-closed`.
pub const CLOSED: T = T("scheduling-closed");
/// `scheduling-closed-today`.
pub const CLOSED_TODAY: T = T("scheduling-closed-today");
/// `scheduling-close-market`.
pub const CLOSE_MARKET: T = T("scheduling-close-market");
/// `scheduling-closures`.
pub const CLOSURES: T = T("scheduling-closures");
/// `scheduling-closure-hint`.
pub const CLOSURE_HINT: T = T("scheduling-closure-hint");
/// `scheduling-confirm`.
pub const CONFIRM: T = T("scheduling-confirm");
/// `scheduling-confirm-title`.
pub const CONFIRM_TITLE: T = T("scheduling-confirm-title");
/// `scheduling-conflicts`.
pub const CONFLICTS: T = T("scheduling-conflicts");
/// `scheduling-decline`.
pub const DECLINE: T = T("scheduling-decline");
/// `scheduling-earlier`.
pub const EARLIER: T = T("scheduling-earlier");
/// `scheduling-edit-schedule`.
pub const EDIT_SCHEDULE: T = T("scheduling-edit-schedule");
/// `scheduling-every-day`.
pub const EVERY_DAY: T = T("scheduling-every-day");
/// `scheduling-food`.
pub const FOOD: T = T("scheduling-food");
/// `scheduling-free-all-day`.
pub const FREE_ALL_DAY: T = T("scheduling-free-all-day");
/// The link from a refusal at the top of the page to its form.
pub const TO_THE_FORM: T = T("scheduling-to-the-form");
/// Before a night that began the day before and runs past midnight.
pub const FROM_THE_NIGHT_BEFORE: T = T("scheduling-from-the-night-before");
/// `scheduling-from-date`.
pub const FROM_DATE: T = T("scheduling-from-date");
/// `scheduling-hours`.
pub const HOURS: T = T("scheduling-hours");
/// `scheduling-hours-hint`.
pub const HOURS_HINT: T = T("scheduling-hours-hint");
/// `scheduling-later`.
pub const LATER: T = T("scheduling-later");
/// `scheduling-market-settings`.
pub const MARKET_SETTINGS: T = T("scheduling-market-settings");
/// `scheduling-month`.
pub const MONTH: T = T("scheduling-month");
/// `scheduling-new-last-date`.
pub const NEW_LAST_DATE: T = T("scheduling-new-last-date");
/// `scheduling-next-season`.
pub const NEXT_SEASON: T = T("scheduling-next-season");
/// `scheduling-next-season-hint`.
pub const NEXT_SEASON_HINT: T = T("scheduling-next-season-hint");
/// `scheduling-no-conflicts`.
pub const NO_CONFLICTS: T = T("scheduling-no-conflicts");
/// `scheduling-offer-same-stalls`.
pub const OFFER_SAME_STALLS: T = T("scheduling-offer-same-stalls");
/// `scheduling-preview`.
pub const PREVIEW: T = T("scheduling-preview");
/// `scheduling-reason`.
pub const REASON: T = T("scheduling-reason");
/// `scheduling-reason-hint`.
pub const REASON_HINT: T = T("scheduling-reason-hint");
/// `scheduling-row`.
pub const ROW: T = T("scheduling-row");
/// `scheduling-rows`.
pub const ROWS: T = T("scheduling-rows");
/// `scheduling-rows-hint`.
pub const ROWS_HINT: T = T("scheduling-rows-hint");
/// `scheduling-row-end-hint`.
pub const ROW_END_HINT: T = T("scheduling-row-end-hint");
/// `scheduling-save`.
pub const SAVE: T = T("scheduling-save");
/// `scheduling-season-offers`.
pub const SEASON_OFFERS: T = T("scheduling-season-offers");
/// `scheduling-segment`.
pub const SEGMENT: T = T("scheduling-segment");
/// `scheduling-segments-hint`.
pub const SEGMENTS_HINT: T = T("scheduling-segments-hint");
/// `scheduling-smoky`.
pub const SMOKY: T = T("scheduling-smoky");
/// `scheduling-timeline`.
pub const TIMELINE: T = T("scheduling-timeline");
/// `scheduling-timeline-bar`.
pub const TIMELINE_BAR: T = T("scheduling-timeline-bar");
/// `scheduling-timeline-hint`.
pub const TIMELINE_HINT: T = T("scheduling-timeline-hint");
/// `scheduling-week`.
pub const WEEK: T = T("scheduling-week");
