//! Street mode on real ground: the real outlines of `data/outlines` that are streets, paths,
//! footways and market places (the kind a night market is held on), laid out with
//! `mode: "street"` (2 × 2.5 m stalls, 3 m aisles, 0.5 m clearance). *% kerb* is the
//! frontage placed (stalls × width) over the length of the outline and its holes: what one
//! row along every edge would give if no corner, end or narrow place cost a stall. Not a
//! bound: on a wide site a row along one edge may run on across the open ground beyond it.
//!
//! `cargo bench -p nightmarket-core --bench street --no-run`, then
//! `taskset -c 0 target/release/deps/street-<hash>` (ms: wall time, one run).

use geo::{Euclidean, Length, MultiPolygon};
use nightmarket_core::{geometry, layout};

fn kerb(local: &MultiPolygon<f64>) -> f64 {
    local
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|r| Euclidean.length(r))
        .sum()
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/outlines");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the outlines")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            p.extension().is_some_and(|x| x == "geojson")
                && ["pedestrian", "footway", "marketplace"]
                    .iter()
                    .any(|k| name.contains(k))
        })
        .collect();
    files.sort();
    let params = layout::LayoutParams {
        stall_width_m: 2.0,
        stall_depth_m: 2.5,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        mode: layout::LayoutMode::Street,
        street_site: true,
        ..Default::default()
    };
    println!(
        "{:<42} {:>7} {:>6} {:>7} {:>6} {:>7} {:>6}",
        "street-like outline", "m2", "verts", "kerb m", "stalls", "% kerb", "ms"
    );
    let (mut stalls, mut bound) = (0usize, 0.0f64);
    let mut shares = Vec::new();
    for path in &files {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let site = geometry::parse_site_boundary(&value, geometry::Crs::Wgs84).expect("valid");
        let local = site.local();
        let started = std::time::Instant::now();
        let l = layout::generate(&local, &[], &params).expect("a layout");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let k = kerb(&local);
        let share = 100.0 * l.stalls.len() as f64 * params.stall_width_m / k;
        println!(
            "{:<42} {:>7.0} {:>6} {:>7.0} {:>6} {:>6.1}% {:>6.1}",
            path.file_stem().unwrap().to_string_lossy(),
            geo::Area::unsigned_area(&local),
            geo::CoordsIter::coords_count(&local),
            k,
            l.stalls.len(),
            share,
            ms,
        );
        stalls += l.stalls.len();
        bound += k / params.stall_width_m;
        shares.push(share);
    }
    shares.sort_by(f64::total_cmp);
    let median = if shares.is_empty() {
        0.0
    } else {
        let n = shares.len();
        (shares[(n - 1) / 2] + shares[n / 2]) / 2.0
    };
    println!(
        "\nstreet mode on {} street-like real outlines: {stalls} stalls, frontage {:.1} % of their outlines' length ({:.0} stalls' worth); median {median:.1} %",
        files.len(),
        100.0 * stalls as f64 / bound.max(1.0),
        bound,
    );
}
