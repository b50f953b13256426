//! Checks re-flows on real outlines: lays each one out, locks every fourth stall, lays it out
//! again around them, and counts the stalls lost and the stalls not back in their place.
//!
//! `cargo run --release -p nightmarket-core --example reflow_check -- <outline.geojson>...`
//! (2 × 2.5 m stalls, 3 m aisles, 0.5 m clearance, as the layout benchmark).

use geo::{Centroid, MultiPolygon, Point};
use nightmarket_core::{geometry, layout};

fn main() {
    let params = layout::LayoutParams {
        stall_width_m: 2.0,
        ..Default::default()
    };
    let (mut lost, mut moved_all) = (0usize, 0usize);
    for path in std::env::args().skip(1) {
        let value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        let Ok(site) = geometry::parse_site_boundary(&value, geometry::Crs::Wgs84) else {
            println!("{path}: not a valid outline");
            continue;
        };
        let local: MultiPolygon<f64> = site.local();
        let first = layout::generate(&local, &[], &params).expect("a layout");
        let locked: Vec<layout::LockedStall> = first
            .stalls
            .iter()
            .step_by(4)
            .map(layout::LockedStall::from)
            .collect();
        let t = std::time::Instant::now();
        let again = layout::generate_around(&local, &[], &locked, &params).expect("a re-flow");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let centres: Vec<Point<f64>> = again
            .stalls
            .iter()
            .map(|s| s.polygon.centroid().expect("a stall"))
            .chain(
                locked
                    .iter()
                    .map(|l| l.polygon.centroid().expect("a stall")),
            )
            .collect();
        // In place to the centimetre: some stall after the re-flow has its centre there.
        let moved = first
            .stalls
            .iter()
            .filter(|s| {
                let c = s.polygon.centroid().expect("a stall");
                !centres
                    .iter()
                    .any(|q| (q.x() - c.x()).hypot(q.y() - c.y()) < 0.01)
            })
            .count();
        let total = again.stalls.len() + locked.len();
        lost += first.stalls.len().saturating_sub(total);
        moved_all += moved;
        let name = std::path::Path::new(&path)
            .file_stem()
            .map_or(path.clone(), |s| s.to_string_lossy().into_owned());
        println!(
            "{name:<45} {:>5} stalls in {} direction(s), {:>4} locked, {:>5} after the re-flow, {moved:>4} not in place, {ms:>6.1} ms",
            first.stalls.len(),
            first.zones_used,
            locked.len(),
            total,
        );
    }
    println!("stalls lost in all: {lost}; stalls not back in their place: {moved_all}");
}
