//! Site geometry: GeoJSON in and out, validation with located errors
//! (codes and data; the server words them), WGS-84/GCJ-02/
//! BD-09 conversion, and the local metric projection every computation runs in.
//!
//! Pure: no HTTP, no database. Feature modules translate between stored GeoJSON text and these
//! types.

mod crs;
mod error;
pub mod nearest;
mod parse;
mod projection;
mod site;
mod snap;
mod snap_check;
mod snap_join;
mod snap_repair;
mod stall_boxes;
mod topology;
mod topology_rings;
mod validate;

#[cfg(test)]
mod tests;

pub use crs::{
    Crs, bd09_to_gcj02, bd09_to_wgs84, gcj02_to_bd09, gcj02_to_wgs84, out_of_china, wgs84_to_bd09,
    wgs84_to_gcj02,
};
pub use error::{GeometryError, RingRef};
pub use parse::{
    MAX_AREA_M2, MAX_LINE_WIDTH_M, MAX_VERTICES, MIN_AREA_M2, parse_site_boundary, parse_zone_shape,
};
pub use projection::{LocalProjection, meridional_radius, prime_vertical_radius};
pub use site::{
    SitePolygon, ZoneShape, buffer_line_local, multi_polygon_geometry, multi_polygon_value,
    polygon_value,
};
pub use snap::{SNAP_TOLERANCE_M, snap_stalls_to_wgs84, snap_stalls_to_wgs84_around};
pub use snap_check::{max_overlap_cm2, unshared_vertices};
pub use stall_boxes::{clipped_area, cross};
pub use topology::{Fault, FaultKind, RingId, check_ogc_validity};
pub use validate::TOUCH_TOLERANCE_M;
