//! The corpus laid out around locked stalls and written as the API writes it: shared by the
//! clean-GeoJSON test (a few stalls locked) and its benchmark (denser locking).

use super::relock::lock_and_reflow;
use geo::Polygon;
use nightmarket_core::geometry::{
    Crs, SitePolygon, max_overlap_cm2, parse_site_boundary, snap_stalls_to_wgs84,
};
use nightmarket_core::layout::{LayoutParams, generate};

/// The benchmark's real outlines (`benches/data/outlines/*.geojson`), by file name, parsed.
pub fn corpus() -> Vec<(std::path::PathBuf, SitePolygon)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/outlines");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "geojson"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let site = parse_site_boundary(&v, Crs::Wgs84).unwrap();
            (f, site)
        })
        .collect()
}

/// What [`figures`] measures.
pub struct Figures {
    /// Stalls written, locked ones included.
    pub stalls: usize,
    /// The sites where two stalls overlap by more than 1 cm², with the overlap.
    pub dirty: Vec<String>,
    /// The largest overlap, cm².
    pub worst: f64,
    /// The largest overlap when the new stalls are written without regard to the locked ones
    /// (as before), cm².
    pub worst_blind: f64,
    /// Sites where that overlaps by more than 1 cm².
    pub dirty_blind: usize,
}

/// Lays out every corpus outline, locks every `every`th stall as stored, lays out around them
/// and writes the new stalls against the locked ones, and again blind to them.
pub fn figures(every: usize) -> Figures {
    let (mut dirty, mut worst, mut stalls) = (Vec::new(), 0.0f64, 0);
    let (mut worst_blind, mut dirty_blind) = (0.0f64, 0);
    for (f, site) in corpus() {
        let (region, proj) = (site.local(), site.projection());
        let params = LayoutParams::default();
        let layout = generate(&region, &[], &params).unwrap();
        let re = lock_and_reflow(&region, &[], &proj, &layout, &params, every, every / 2).unwrap();
        let new_local: Vec<Polygon<f64>> =
            re.again.stalls.iter().map(|s| s.polygon.clone()).collect();
        let mut blind = snap_stalls_to_wgs84(&new_local, &proj);
        blind.extend(re.locked_wgs.iter().cloned());
        let (max_blind, _) = max_overlap_cm2(&blind);
        worst_blind = worst_blind.max(max_blind);
        dirty_blind += usize::from(max_blind > 1.0);
        let (max, pairs) = max_overlap_cm2(&re.all_written);
        (worst, stalls) = (worst.max(max), stalls + re.all_written.len());
        if max > 1.0 || pairs > 0 {
            dirty.push(format!("{}: {max:.2} cm², {pairs} pairs", f.display()));
        }
    }
    Figures {
        stalls,
        dirty,
        worst,
        worst_blind,
        dirty_blind,
    }
}
