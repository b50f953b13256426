//! Times writing the stalls of one sweep outline around every fifth stall locked.
//!
//! `cargo run --release -p nightmarket-core --example write_time -- <sweep file> <osm id>`
use geo::Polygon;
use nightmarket_core::geometry::{
    Crs, max_overlap_cm2, parse_site_boundary, snap_stalls_to_wgs84, snap_stalls_to_wgs84_around,
};
use nightmarket_core::layout::{LayoutParams, LockedStall, generate, generate_around};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("a sweep file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let feature = v["features"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["properties"]["osm"] == args[2].as_str())
        })
        .expect("that outline");
    let site = parse_site_boundary(feature, Crs::Wgs84).expect("valid");
    let (region, proj) = (site.local(), site.projection());
    let params = LayoutParams {
        stall_width_m: 2.0,
        stall_depth_m: 2.5,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        street_site: args[1].contains("street"),
        ..LayoutParams::default()
    };
    let layout = generate(&region, &[], &params).expect("a layout");
    let local: Vec<Polygon<f64>> = layout.stalls.iter().map(|s| s.polygon.clone()).collect();
    let written = snap_stalls_to_wgs84(&local, &proj);
    let (mut locked_wgs, mut locked) = (Vec::new(), Vec::new());
    for (s, w) in layout.stalls.iter().zip(&written).step_by(5) {
        locked_wgs.push(w.clone());
        locked.push(LockedStall {
            polygon: proj.polygon_to_local(w),
            facing_deg: s.facing_deg,
        });
    }
    let again = generate_around(&region, &[], &locked, &params).expect("a re-flow");
    let new: Vec<Polygon<f64>> = again.stalls.iter().map(|s| s.polygon.clone()).collect();
    let t = std::time::Instant::now();
    let mut all = snap_stalls_to_wgs84_around(&new, &locked_wgs, &proj);
    let ms = t.elapsed().as_secs_f64() * 1e3;
    all.extend(locked_wgs);
    let (max, pairs) = max_overlap_cm2(&all);
    println!(
        "{} new stalls around {} locked written in {ms:.1} ms; largest overlap {max:.2} cm², {pairs} pairs over 1 cm²",
        new.len(),
        locked.len()
    );
}
