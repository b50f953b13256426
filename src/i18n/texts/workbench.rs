//! The manager's workbench: drawing a site on a map, pasting points, tracing over an image,
//! and plans readable at any length (segments, zoom, find a stall).

use super::T;

// Ways in.
pub const WAYS_IN: T = T("workbench-ways-in");
pub const DRAW_TITLE: T = T("workbench-draw-title");
pub const DRAW_HINT: T = T("workbench-draw-hint");
pub const DRAW_OUTLINE: T = T("workbench-draw-outline");
pub const DRAW_HOLE: T = T("workbench-draw-hole");
pub const DRAW_ZONE: T = T("workbench-draw-zone");
pub const DRAW_LINE: T = T("workbench-draw-line");
pub const UNDO_POINT: T = T("workbench-undo-point");
pub const FINISH: T = T("workbench-finish");
pub const CLEAR: T = T("workbench-clear");
pub const MAP_LABEL: T = T("workbench-map-label");
pub const NO_JS: T = T("workbench-no-js");
pub const GRID_NOTE: T = T("workbench-grid-note");
pub const POINTS_TITLE: T = T("workbench-points-title");
pub const POINTS_LABEL: T = T("workbench-points-label");
pub const POINTS_HINT: T = T("workbench-points-hint");
pub const SHOW_POINTS: T = T("workbench-show-points");
pub const TRACE_TITLE: T = T("workbench-trace-title");
pub const TRACE_HINT: T = T("workbench-trace-hint");
pub const TRACE_IMAGE: T = T("workbench-trace-image");
pub const TRACE_PX: T = T("workbench-trace-px");
pub const REF_A_PX: T = T("workbench-ref-a-px");
pub const REF_A: T = T("workbench-ref-a");
pub const REF_B_PX: T = T("workbench-ref-b-px");
pub const REF_B: T = T("workbench-ref-b");
pub const PLACE_REF_A: T = T("workbench-place-ref-a");
pub const PLACE_REF_B: T = T("workbench-place-ref-b");
pub const TRACE_OUTLINE: T = T("workbench-trace-outline");
pub const SCALE_M_PER_PX: T = T("workbench-scale-m-per-px");
pub const ROTATION_DEG: T = T("workbench-rotation-deg");
pub const ONE_POINT_HINT: T = T("workbench-one-point-hint");
pub const GEOJSON_TITLE: T = T("workbench-geojson-title");
pub const FAULT_HERE: T = T("workbench-fault-here");
// Bad input.
pub const NOT_AN_IMAGE: T = T("workbench-not-an-image");
pub const REFS_COINCIDE: T = T("workbench-refs-coincide");
pub const REFS_COINCIDE_PX: T = T("workbench-refs-coincide-px");
pub const SCALE_INVALID: T = T("workbench-scale-invalid");
// Plans.
pub const FIND_STALL: T = T("workbench-find-stall");
pub const FIND: T = T("workbench-find");
pub const FIND_HINT: T = T("workbench-find-hint");
pub const ZOOM_IN: T = T("workbench-zoom-in");
pub const ZOOM_OUT: T = T("workbench-zoom-out");
pub const ZOOM_RESET: T = T("workbench-zoom-reset");
