//! Fuzz target: arbitrary bytes → JSON → site boundary / zone shape, in each input CRS, and what
//! the server does next with an accepted shape (local projection, GeoJSON out, parse again).
//!
//! A panic, or an accepted shape that breaks the invariants below, is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nightmarket_fuzz::geometry::{
    Crs, MAX_AREA_M2, MIN_AREA_M2, parse_site_boundary, parse_zone_shape,
};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    for crs in [Crs::Wgs84, Crs::Gcj02, Crs::Bd09] {
        if let Ok(site) = parse_site_boundary(&value, crs) {
            assert!(
                (MIN_AREA_M2..=MAX_AREA_M2).contains(&site.area_m2),
                "accepted area {}",
                site.area_m2
            );
            assert!(site.bbox.iter().all(|v| v.is_finite()));
            let local = site.local();
            assert!(
                geo::CoordsIter::coords_iter(&local).all(|c| c.x.is_finite() && c.y.is_finite())
            );
            // What the server stores must read back as a valid site (the plan and the layout
            // parse it again).
            let stored = site.to_geojson_value();
            let again = parse_site_boundary(&stored, Crs::Wgs84);
            assert!(
                again.is_ok(),
                "stored boundary refused on reading: {again:?}"
            );
        }
        if let Ok(zone) = parse_zone_shape(&value, crs, Some(3.0)) {
            assert!(zone.area_m2.is_finite() && zone.area_m2 > 0.0);
        }
    }
});
