//! Times writing the stalls of one sweep outline around every fifth stall locked.
//!
//! `cargo run --release -p nightmarket-core --example write_time -- <sweep file> <osm id>`
use nightmarket_core::geometry::{Crs, max_overlap_cm2, parse_site_boundary};
use nightmarket_core::layout::{LayoutParams, generate};

#[path = "../tests/support/relock.rs"]
mod relock;

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
        street_site: args[1].contains("street"),
        ..relock::issue_stalls()
    };
    let layout = generate(&region, &[], &params).expect("a layout");
    let re =
        relock::lock_and_reflow(&region, &[], &proj, &layout, &params, 5, 0).expect("a re-flow");
    let (max, pairs) = max_overlap_cm2(&re.all_written);
    println!(
        "{} new stalls around {} locked written in {:.1} ms; largest overlap {max:.2} cm², {pairs} pairs over 1 cm²",
        re.again.stalls.len(),
        re.locked.len(),
        re.write_ms
    );
}
