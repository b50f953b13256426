//! The stall editor and assigning from the plan (`locales/*/editor.ftl`).

use crate::i18n::T;

pub const TITLE: T = T("editor-title");
pub const OPEN_EDITOR: T = T("editor-open-editor");
/// The link from a layout refused for bookings to the editor with the booked stalls selected.
pub const SELECT_BOOKED: T = T("editor-select-booked");
pub const HINT: T = T("editor-hint");
pub const SAVED: T = T("editor-saved");
pub const SELECT: T = T("editor-select");
pub const CODE: T = T("editor-code");
pub const SIZE: T = T("editor-size");
pub const LOCKED: T = T("editor-locked");
pub const NOT_LOCKED: T = T("editor-not-locked");
pub const DISABLED: T = T("editor-disabled");
pub const SELECTION: T = T("editor-selection");
pub const STEP: T = T("editor-step");
pub const MOVE: T = T("editor-move");
pub const MOVE_NORTH: T = T("editor-move-north");
pub const MOVE_SOUTH: T = T("editor-move-south");
pub const MOVE_EAST: T = T("editor-move-east");
pub const MOVE_WEST: T = T("editor-move-west");
pub const ROTATE: T = T("editor-rotate");
pub const ROTATE_LEFT_15: T = T("editor-rotate-left-15");
pub const ROTATE_RIGHT_15: T = T("editor-rotate-right-15");
pub const ROTATE_LEFT_90: T = T("editor-rotate-left-90");
pub const ROTATE_RIGHT_90: T = T("editor-rotate-right-90");
pub const DELETE: T = T("editor-delete");
pub const LOCK: T = T("editor-lock");
pub const UNLOCK: T = T("editor-unlock");
/// Give the selected stalls electricity.
pub const POWER_ON: T = T("editor-power-on");
/// Take electricity from the selected stalls.
pub const POWER_OFF: T = T("editor-power-off");
pub const NEW_CODE: T = T("editor-new-code");
pub const RENUMBER: T = T("editor-renumber");
pub const ADD_TITLE: T = T("editor-add-title");
pub const ADD_HINT: T = T("editor-add-hint");
pub const ADD_EAST: T = T("editor-add-east");
pub const ADD_NORTH: T = T("editor-add-north");
pub const ADD: T = T("editor-add");
pub const REFLOW: T = T("editor-reflow");
pub const REFLOW_HINT: T = T("editor-reflow-hint");
pub const NO_LAYOUT: T = T("editor-no-layout");
pub const NEW_STALL: T = T("editor-new-stall");
pub const NOTHING_SELECTED: T = T("editor-nothing-selected");
pub const SELECT_ONE: T = T("editor-select-one");
pub const STEP_INVALID: T = T("editor-step-invalid");
pub const POINT_INVALID: T = T("editor-point-invalid");
pub const ACTION_UNKNOWN: T = T("editor-action-unknown");
pub const DRAG_HINT: T = T("editor-drag-hint");

pub const CANDIDATES_FOR: &str = "editor-candidates-for";
pub const SEARCH: T = T("editor-search");
pub const SEARCH_BUTTON: T = T("editor-search-button");
pub const ELIGIBLE: T = T("editor-eligible");
pub const NOT_ELIGIBLE: T = T("editor-not-eligible");
pub const NO_CANDIDATES: T = T("editor-no-candidates");
pub const VENDOR: T = T("editor-vendor");
pub const PHONE: T = T("editor-phone");
pub const CATEGORY: T = T("editor-category");
pub const STATUS: T = T("editor-status");
pub const BACK_TO_SESSION: T = T("editor-back-to-session");
pub const STALL_NOT_FREE: T = T("editor-stall-not-free");
pub const FROM_PLAN: T = T("editor-from-plan");
pub const FROM_PLAN_HINT: T = T("editor-from-plan-hint");
pub const FREE_STALLS: T = T("editor-free-stalls");
pub const MOVE_HERE: T = T("editor-move-here");
pub const BOOKED_STALLS: T = T("editor-booked-stalls");
/// Takes `$time`.
pub const HELD_UNTIL: &str = "editor-held-until";
/// Takes `$time`.
pub const STALL_HELD: &str = "editor-stall-held";

/// Reason: the gas-cylinder inspection has lapsed by the night (candidates and allocations).
pub const GAS_INSPECTION_EXPIRED: T = T("editor-reason-gas-inspection-expired");
/// Reason: no health certificate valid on the night, for a food trade.
pub const HEALTH_CERT_EXPIRED: T = T("editor-reason-health-cert-expired");

/// A candidate's reason code in words; `None` for a code this build does not know.
pub fn reason(code: &str) -> Option<T> {
    Some(match code {
        "already_booked" => T("editor-reason-already-booked"),
        "health_cert_expired" => HEALTH_CERT_EXPIRED,
        "segment_not_applied" => T("editor-reason-segment-not-applied"),
        "session_not_applied" => T("editor-reason-session-not-applied"),
        "vendor_suspended" => T("editor-reason-vendor-suspended"),
        "gas_inspection_expired" => GAS_INSPECTION_EXPIRED,
        _ => return None,
    })
}
