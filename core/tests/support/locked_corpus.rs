//! The corpus laid out around locked stalls and written as the API writes it: shared by the
//! clean-GeoJSON test (a few stalls locked) and its benchmark (denser locking).

use geo::Polygon;
use nightmarket_core::geometry::{
    Crs, SitePolygon, max_overlap_cm2, parse_site_boundary, snap_stalls_to_wgs84,
    snap_stalls_to_wgs84_around,
};
use nightmarket_core::layout::{LayoutMode, LayoutParams, LockedStall, generate, relayout};

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
        let proj = site.projection();
        let params = LayoutParams::default();
        let layout = generate(&site.local(), &[], &params).unwrap();
        let local: Vec<Polygon<f64>> = layout.stalls.iter().map(|s| s.polygon.clone()).collect();
        let first = snap_stalls_to_wgs84(&local, &proj);
        let (mut locked_wgs, mut locked) = (Vec::new(), Vec::new());
        for (s, w) in layout
            .stalls
            .iter()
            .zip(&first)
            .skip(every / 2)
            .step_by(every)
        {
            locked_wgs.push(w.clone());
            locked.push(LockedStall {
                polygon: proj.polygon_to_local(w),
                facing_deg: s.facing_deg,
            });
        }
        let re = relayout(&site.local(), &[], &locked, &[], LayoutMode::Plaza, &params).unwrap();
        let new_local: Vec<Polygon<f64>> =
            re.layout.stalls.iter().map(|s| s.polygon.clone()).collect();
        let mut blind = snap_stalls_to_wgs84(&new_local, &proj);
        blind.extend(locked_wgs.iter().cloned());
        let (max_blind, _) = max_overlap_cm2(&blind);
        worst_blind = worst_blind.max(max_blind);
        dirty_blind += usize::from(max_blind > 1.0);
        let mut all = snap_stalls_to_wgs84_around(&new_local, &locked_wgs, &proj);
        all.extend(locked_wgs);
        let (max, pairs) = max_overlap_cm2(&all);
        (worst, stalls) = (worst.max(max), stalls + all.len());
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
