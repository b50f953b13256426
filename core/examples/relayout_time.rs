//! Times a re-layout that keeps every standing stall (what `PUT /sites/{id}/layout` does when
//! a manager lays out an unchanged site again), per phase.
//!
//! `cargo run --release -p nightmarket-core --example relayout_time -- <outline.geojson> [runs]`
//! (2 × 2.5 m stalls, 3 m aisles, 0.5 m clearance, as the layout benchmark).

use geo::{Coord, MapCoords, MultiPolygon};
use nightmarket_core::{geometry, layout};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("an outline");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let params = layout::LayoutParams {
        stall_width_m: 2.0,
        ..Default::default()
    };
    let value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
    let site = geometry::parse_site_boundary(&value, geometry::Crs::Wgs84).expect("valid");
    let local: MultiPolygon<f64> = site.local();
    let first = layout::generate(&local, &[], &params).expect("a layout");
    // Stored stalls come back rounded to about a centimetre.
    let standing: Vec<layout::LockedStall> = first
        .stalls
        .iter()
        .map(|s| layout::LockedStall {
            polygon: s.polygon.map_coords(|c| Coord {
                x: (c.x * 100.0).round() / 100.0,
                y: (c.y * 100.0).round() / 100.0,
            }),
            facing_deg: s.facing_deg,
        })
        .collect();
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let r = layout::relayout(&local, &[], &[], &standing, first.mode_used, &params)
            .expect("a re-layout");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        count = r.kept.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{path}: {} stalls, {count} kept; re-layout median {:.1} ms (min {:.1}, max {:.1})",
        first.stalls.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
