//! The gas and power register, SMS delivery of notices, offline check-in (issue 18, points
//! 5–7); the words are in `locales/<language>/power.ftl`.

use crate::i18n::T;

// The vendor's register.
pub const EQUIPMENT_TITLE: T = T("power-equipment-title");
pub const EQUIPMENT_INTRO: T = T("power-equipment-intro");
pub const APPLIANCES_W: T = T("power-appliances-w");
pub const APPLIANCES_HINT: T = T("power-appliances-hint");
pub const CYLINDERS: T = T("power-cylinders");
pub const CYLINDERS_HINT: T = T("power-cylinders-hint");
pub const SERIAL: T = T("power-serial");
pub const INSPECTED_UNTIL: T = T("power-inspected-until");
pub const SAVE: T = T("power-save");
pub const WATTS_INVALID: T = T("power-watts-invalid");
pub const TOO_MANY_CYLINDERS: T = T("power-too-many-cylinders");
pub const SERIAL_INVALID: T = T("power-serial-invalid");
pub const SERIAL_DUPLICATE: T = T("power-serial-duplicate");
pub const DATE_INVALID: T = T("power-date-invalid");
pub const INSPECTION_PAST: T = T("power-inspection-past");

// A site's circuits.
pub const CIRCUITS_TITLE: T = T("power-circuits-title");
pub const CIRCUITS_INTRO: T = T("power-circuits-intro");
pub const CIRCUITS: T = T("power-circuits");
pub const CIRCUITS_HINT: T = T("power-circuits-hint");
pub const CIRCUIT_NAME: T = T("power-circuit-name");
pub const CAPACITY_W: T = T("power-capacity-w");
pub const STALLS_FED: T = T("power-stalls-fed");
pub const BACK_TO_SITE: T = T("power-back-to-site");
pub const TIE_TITLE: T = T("power-tie-title");
pub const NO_CIRCUIT: T = T("power-no-circuit");
pub const STALL_CODES: T = T("power-stall-codes");
pub const STALL_CODES_HINT: T = T("power-stall-codes-hint");
pub const TIE: T = T("power-tie");
pub const TOO_MANY_CIRCUITS: T = T("power-too-many-circuits");
pub const CIRCUIT_NAME_INVALID: T = T("power-circuit-name-invalid");
pub const CIRCUIT_DUPLICATE: T = T("power-circuit-duplicate");
pub const CAPACITY_INVALID: T = T("power-capacity-invalid");
pub const CIRCUIT_UNKNOWN: T = T("power-circuit-unknown");

// The booking rules and the session page.
pub const GAS_EXPIRED: T = T("power-gas-expired");
pub const LOADS_TITLE: T = T("power-loads-title");
pub const LOAD: T = T("power-load");
pub const STALLS_BOOKED: T = T("power-stalls-booked");
pub const FULL: T = T("power-full");
/// A circuit carrying more than its capacity (changed after the bookings).
pub const OVERLOADED: T = T("power-overloaded");

// SMS delivery of a notice.
pub const SMS: T = T("power-sms");
pub const DELIVERY_QUEUED: T = T("power-delivery-queued");
pub const DELIVERY_SENT: T = T("power-delivery-sent");
pub const DELIVERY_NOT_SENT: T = T("power-delivery-not-sent");
pub const DELIVERY_FAILED: T = T("power-delivery-failed");

// Offline check-in.
pub const OFFLINE_TITLE: T = T("power-offline-title");
pub const OFFLINE_HINT: T = T("power-offline-hint");
pub const OFFLINE_NONE: T = T("power-offline-none");
pub const OFFLINE_QUEUED: T = T("power-offline-queued");
pub const OFFLINE_SENT: T = T("power-offline-sent");
pub const OFFLINE_RECORDED: T = T("power-offline-recorded");
