//! Checks re-flows on real outlines: lays each one out, locks every fourth stall, lays it out
//! again around them, and counts the stalls lost, the stalls not back in their place and the
//! locked stalls the new ones box in: once laying the rest out afresh (`generate_around`), once
//! as the site's re-layout does it, keeping the other stalls where they stand when they still
//! fit (`relayout`).
//!
//! `cargo run --release -p nightmarket-core --example reflow_check -- <outline.geojson>...`
//! (2 × 2.5 m stalls, 3 m aisles, 0.5 m clearance, as the layout benchmark).

use geo::{Centroid, MultiPolygon, Point, Polygon};
use nightmarket_core::{geometry, layout};

/// Stalls of `before` that no stall of `after` has its centre on, to the centimetre.
fn not_in_place<'a>(
    before: &[layout::PlacedStall],
    after: impl Iterator<Item = &'a Polygon<f64>>,
) -> usize {
    let centres: Vec<Point<f64>> = after.map(|p| p.centroid().expect("a stall")).collect();
    before
        .iter()
        .filter(|s| {
            let c = s.polygon.centroid().expect("a stall");
            !centres
                .iter()
                .any(|q| (q.x() - c.x()).hypot(q.y() - c.y()) < 0.01)
        })
        .count()
}

fn main() {
    let params = layout::LayoutParams {
        stall_width_m: 2.0,
        ..Default::default()
    };
    // (lost, not in place) afresh, then keeping the standing stalls.
    let mut sums = [(0usize, 0usize); 2];
    // Locked stalls boxed in by the new stalls, afresh and keeping.
    let mut boxed_all = [0usize; 2];
    for path in std::env::args().skip(1) {
        let value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        let Ok(site) = geometry::parse_site_boundary(&value, geometry::Crs::Wgs84) else {
            println!("{path}: not a valid outline");
            continue;
        };
        let local: MultiPolygon<f64> = site.local();
        let first = layout::generate(&local, &[], &params).expect("a layout");
        let (locked_stalls, standing): (Vec<_>, Vec<_>) = first
            .stalls
            .iter()
            .enumerate()
            .partition(|(k, _)| k % 4 == 0);
        let locked: Vec<layout::LockedStall> = locked_stalls
            .iter()
            .map(|(_, s)| layout::LockedStall::from(*s))
            .collect();
        let standing: Vec<layout::LockedStall> = standing
            .into_iter()
            .map(|(_, s)| layout::LockedStall::from(s))
            .collect();
        let t = std::time::Instant::now();
        let afresh = layout::generate_around(&local, &[], &locked, &params).expect("a re-flow");
        let ms_afresh = t.elapsed().as_secs_f64() * 1000.0;
        let t = std::time::Instant::now();
        let kept = layout::relayout(&local, &[], &locked, &standing, first.mode_used, &params)
            .expect("a re-layout");
        let ms_kept = t.elapsed().as_secs_f64() * 1000.0;
        let mut line = Vec::new();
        for (k, (again, ms)) in [(&afresh, ms_afresh), (&kept.layout, ms_kept)]
            .into_iter()
            .enumerate()
        {
            let polygons = again
                .stalls
                .iter()
                .map(|s| &s.polygon)
                .chain(locked.iter().map(|l| &l.polygon));
            let moved = not_in_place(&first.stalls, polygons);
            // Locked stalls whose aisle no walker reaches once the new stalls stand.
            let all: Vec<(&Polygon<f64>, &Polygon<f64>)> = locked_stalls
                .iter()
                .map(|(_, s)| (&s.polygon, &s.aisle))
                .chain(again.stalls.iter().map(|s| (&s.polygon, &s.aisle)))
                .collect();
            let boxed = layout::unreachable_stalls(&local, &all, params.aisle_width_m)
                .into_iter()
                .filter(|&k| k < locked.len())
                .count();
            boxed_all[k] += boxed;
            let total = again.stalls.len() + locked.len();
            sums[k].0 += first.stalls.len().saturating_sub(total);
            sums[k].1 += moved;
            let boxed_note = if boxed > 0 {
                format!(", {boxed} locked boxed in")
            } else {
                String::new()
            };
            line.push(format!(
                "{total:>5} ({moved:>3} moved, {ms:>5.1} ms{boxed_note})"
            ));
        }
        let name = std::path::Path::new(&path)
            .file_stem()
            .map_or(path.clone(), |s| s.to_string_lossy().into_owned());
        println!(
            "{name:<42} {:>5} stalls, {} dir, {:>4} locked; afresh {}; keeping {}",
            first.stalls.len(),
            first.zones_used,
            locked.len(),
            line[0],
            line[1],
        );
    }
    for (k, what) in ["afresh", "keeping the standing stalls"].iter().enumerate() {
        println!(
            "{what}: stalls lost in all {}; stalls not back in their place {}; locked stalls \
             whose aisle no walker reaches {}",
            sums[k].0, sums[k].1, boxed_all[k]
        );
    }
}
