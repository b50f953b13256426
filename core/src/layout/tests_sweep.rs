//! A sweep over two thousand real outlines nobody picked: every park, playground, pitch,
//! garden and street area of one Berlin district's OpenStreetMap export, laid out as the API
//! would lay out a site drawn on them, written as it writes stalls, and laid out again around
//! locked stalls, afresh and keeping the rest. It looks for what a clerk pasting an unusual
//! outline would meet (a panic, a broken invariant, a stall boxed in, overlapping stalls in the
//! GeoJSON, a slow layout), not for stall counts. Heavy, so ignored in the suite (CI runs it,
//! with the Shanghai sweep below):
//! `cargo test --release -p nightmarket-core --lib sweep_of -- --ignored --nocapture`;
//! `SWEEP_ONLY=<osm id>` sweeps only the outlines whose id contains it.

use super::relock;
use super::tests::check_invariants;
use super::tests_mixed::{locked_crossed, walkable};
use super::*;
use crate::geometry::{
    Crs, SNAP_TOLERANCE_M, SitePolygon, max_overlap_cm2, parse_site_boundary,
    snap_stalls_to_wgs84_around, unshared_vertices,
};
use std::time::Instant;

/// One outline of the sweep: where it comes from, and whether the API would lay it out as a
/// street.
struct Outline {
    name: String,
    feature: serde_json::Value,
    street: bool,
    /// GEOS's verdict, where the file records it.
    geos_valid: Option<bool>,
}

/// What happened to one outline.
enum Outcome {
    /// The outline validator refused it (the API answers 422 `invalid_geometry`).
    Refused(String),
    /// The layout refused it (too large for one layout, nothing usable).
    NoLayout(String),
    /// Laid out: stalls, area in m², milliseconds (afresh, again around every fifth stall
    /// locked, and writing those stalls around the locked ones), corners on a neighbour's side
    /// not shared, and any fault found.
    Laid {
        stalls: usize,
        area: f64,
        ms: f64,
        reflow_ms: f64,
        write_ms: f64,
        unshared: usize,
        fault: Option<String>,
    },
    Panicked(String),
}

fn outlines(files: &[(&str, bool)]) -> Vec<Outline> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/sweep");
    let mut out = Vec::new();
    for &(file, street) in files {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let only = std::env::var("SWEEP_ONLY").ok();
        for f in v["features"].as_array().unwrap() {
            let p = &f["properties"];
            if let Some(only) = &only
                && !p["osm"].to_string().contains(only.as_str())
            {
                continue;
            }
            out.push(Outline {
                name: format!("{} {}", p["kind"].as_str().unwrap_or("?"), p["osm"]),
                feature: f.clone(),
                street,
                geos_valid: p["geos_valid"].as_bool(),
            });
        }
    }
    out
}

/// The `k`th outline with the issue's stalls (2 × 2.5 m, 3 m aisles, 0.5 m clearance), timed;
/// every other one also with stalls unlike them (3 × 3 m with 4 m aisles and 1 m clearance,
/// or 2.5 × 2 m with 2.5 m aisles and none), the rest also with what a manager may ask (a
/// 4 m fire lane, rows at 30°, a keep-clear circle 8 m across inside the site, or street
/// sides forced), checked only; `every_way`: with all six.
fn lay_out_one(o: &Outline, k: usize, every_way: bool) -> Outcome {
    let site = match parse_site_boundary(&o.feature, Crs::Wgs84) {
        Ok(s) => s,
        Err(e) => return Outcome::Refused(format!("{e:?}")),
    };
    let sized = |w, d, a, c| LayoutParams {
        stall_width_m: w,
        stall_depth_m: d,
        aisle_width_m: a,
        edge_clearance_m: c,
        street_site: o.street,
        ..LayoutParams::default()
    };
    let issue = sized(2.0, 2.5, 3.0, 0.5);
    let mut out = lay_out_with(&site, &issue, &[]);
    let fire = LayoutParams {
        fire_lane_width_m: Some(4.0),
        ..issue
    };
    let turned = LayoutParams {
        orientation_deg: Some(30.0),
        ..issue
    };
    // Street sides forced, whatever the ground: rows along every edge and round every bend.
    let sides = LayoutParams {
        mode: LayoutMode::Street,
        ..issue
    };
    let variants = [
        (sized(3.0, 3.0, 4.0, 1.0), Vec::new()),
        (sized(2.5, 2.0, 2.5, 0.0), Vec::new()),
        (fire, Vec::new()),
        (turned, Vec::new()),
        (issue, keep_clear_circle(&site.local())),
        (sides, Vec::new()),
    ];
    let pick = if k.is_multiple_of(2) {
        k / 2 % 2
    } else {
        2 + k / 2 % 4
    };
    for (v, (other, zones)) in variants.iter().enumerate() {
        if !every_way && v != pick {
            continue;
        }
        let more = match lay_out_with(&site, other, zones) {
            Outcome::Laid { fault, .. } => fault,
            Outcome::NoLayout(_) => None,
            _ => Some("refused with other stalls".to_string()),
        };
        if let (Outcome::Laid { fault, .. }, Some(f)) = (&mut out, more) {
            let size = format!(
                "{} × {} m stalls, fire lane {:?}, rows at {:?}°, {} zones: {f}",
                other.stall_width_m,
                other.stall_depth_m,
                other.fire_lane_width_m,
                other.orientation_deg,
                zones.len()
            );
            fault.get_or_insert(size);
        }
    }
    out
}

/// A keep-clear circle (a 16-gon) 8 m across around a point inside the site.
fn keep_clear_circle(region: &MultiPolygon<f64>) -> Vec<Polygon<f64>> {
    use geo::InteriorPoint;
    let Some(c) = region.interior_point() else {
        return Vec::new();
    };
    let ring: Vec<geo::Coord<f64>> = (0..=16)
        .map(|i| {
            let t = std::f64::consts::TAU * f64::from(i % 16) / 16.0;
            geo::Coord {
                x: c.x() + 4.0 * t.cos(),
                y: c.y() + 4.0 * t.sin(),
            }
        })
        .collect();
    vec![Polygon::new(geo::LineString(ring), vec![])]
}

fn lay_out_with(site: &SitePolygon, params: &LayoutParams, zones: &[Polygon<f64>]) -> Outcome {
    let params = *params;
    let region = site.local();
    let started = Instant::now();
    let layout = match generate(&region, zones, &params) {
        Ok(l) => l,
        Err(e) => return Outcome::NoLayout(format!("{e:?}")),
    };
    let ms = started.elapsed().as_secs_f64() * 1e3;
    let walled = |layout: &Layout, locked: &[LockedStall]| {
        (!walkable(&region, locked, layout, params.aisle_width_m))
            .then(|| "a stall boxed in".to_string())
    };
    let mut fault = check_invariants(&region, zones, &params, &layout)
        .err()
        .or_else(|| walled(&layout, &[]));
    // Written as the API writes them: no two stalls overlapping by more than 1 cm² once read
    // back. Then every fifth stall locked as stored, the rest laid out again around them and
    // written against them.
    let proj = site.projection();
    let re = match relock::lock_and_reflow(&region, zones, &proj, &layout, &params, 5, 0) {
        Ok(re) => re,
        // The ground held a layout, so it holds one around some of its own stalls: a fault.
        Err(e) => {
            return Outcome::Laid {
                stalls: layout.stalls.len(),
                area: region.unsigned_area(),
                ms,
                reflow_ms: 0.0,
                write_ms: 0.0,
                unshared: 0,
                fault: Some(format!("re-flow refused: {e:?}")),
            };
        }
    };
    let written = &re.first_written;
    let unshared = unshared_vertices(written, SNAP_TOLERANCE_M);
    let overlap = |all: &[Polygon<f64>], what: &str| {
        let (max, pairs) = max_overlap_cm2(all);
        (max > 1.0 || pairs > 0).then(|| format!("{what}: {pairs} pairs, up to {max:.2} cm²"))
    };
    fault = fault
        .or_else(|| overlap(written, "written"))
        .or_else(|| check_invariants(&region, zones, &params, &re.again).err())
        .or_else(|| locked_crossed(&re.locked, &re.again, params.aisle_width_m))
        .or_else(|| walled(&re.again, &re.locked))
        .or_else(|| overlap(&re.all_written, "re-flow written"))
        .map(|f| format!("{f} ({} stalls)", layout.stalls.len()));
    let (locked, locked_wgs) = (&re.locked, re.locked_wgs.clone());
    // A re-layout as the API runs one when nothing else changed: the stalls standing (as
    // stored) stay where they are around the locked ones, none is lost, and the stalls filled
    // in are written against both.
    let (mut standing, mut standing_wgs) = (Vec::new(), Vec::new());
    for (i, (s, w)) in layout.stalls.iter().zip(written).enumerate() {
        if re.locked_at.binary_search(&i).is_err() {
            standing.push(LockedStall {
                polygon: proj.polygon_to_local(w),
                facing_deg: s.facing_deg,
            });
            standing_wgs.push(w.clone());
        }
    }
    match relayout(&region, zones, locked, &standing, layout.mode_used, &params) {
        Err(e) => fault = fault.or(Some(format!("re-layout refused: {e:?}"))),
        Ok(re) => {
            let kept = re.kept.len();
            let mut fixed = locked_wgs;
            fixed.extend(re.kept.iter().map(|&i| standing_wgs[i].clone()));
            let new: Vec<Polygon<f64>> = re.layout.stalls[kept..]
                .iter()
                .map(|s| s.polygon.clone())
                .collect();
            let mut all = snap_stalls_to_wgs84_around(&new, &fixed, &proj);
            all.extend(fixed);
            let lost = standing.len().saturating_sub(re.layout.stalls.len());
            fault = fault
                .or_else(|| (lost > 0).then(|| format!("re-layout lost {lost} stalls")))
                .or_else(|| overlap(&all, "re-layout written"));
        }
    }
    Outcome::Laid {
        stalls: layout.stalls.len(),
        area: region.unsigned_area(),
        ms,
        reflow_ms: re.reflow_ms,
        write_ms: re.write_ms,
        unshared,
        fault,
    }
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

#[test]
#[ignore = "lays out 2,000 real outlines: minutes in a debug build; run with --release"]
fn sweep_of_real_outlines_finds_no_fault() {
    let faults = sweep(
        &[
            ("berlin-neukoelln-leisure.geojson", false),
            ("berlin-neukoelln-street-areas.geojson", true),
        ],
        false,
    );
    assert!(faults.is_empty(), "{faults:#?}");
}

/// 244 land-use areas of central Shanghai (pedestrian areas, parks, car parks, grounds; OSM
/// data in vector tiles), each with all five other stall sizes and options. It found five
/// faults in session 18, mended in session 19: re-flows written with two stalls overlapping by
/// 6–23 cm² (a shared corner had to move onto the other of two stored corners a step apart;
/// `clean_geojson.rs` keeps those outlines), and a re-layout without clearance losing a stall
/// (a row stored on the edge came back refused; `stall_rules` tests it).
#[test]
#[ignore = "lays out 244 outlines six ways: minutes in a debug build; run with --release"]
fn sweep_of_shanghai_land_use() {
    let faults = sweep(&[("shanghai-landuse.geojson", false)], true);
    assert!(faults.is_empty(), "{faults:#?}");
}

/// Lays out every outline of `files` (name, whether a street) as above, or `every_way`: with
/// each of the other stalls and options, not one by turns; the faults.
fn sweep(files: &[(&str, bool)], every_way: bool) -> Vec<String> {
    let all = outlines(files);
    assert!(!all.is_empty());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = all.len().div_ceil(threads);
    let outcomes: Vec<(usize, Outcome)> = std::thread::scope(|s| {
        let handles: Vec<_> = all
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                s.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(k, o)| {
                            let got = std::panic::catch_unwind(|| {
                                lay_out_one(o, c * chunk + k, every_way)
                            })
                            .unwrap_or_else(|p| {
                                Outcome::Panicked(
                                    p.downcast_ref::<String>()
                                        .cloned()
                                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                                        .unwrap_or_default(),
                                )
                            });
                            (c * chunk + k, got)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let mut faults = Vec::new();
    let mut refused: std::collections::BTreeMap<String, usize> = Default::default();
    let mut no_layout: std::collections::BTreeMap<String, usize> = Default::default();
    // (area class upper bound m², times)
    let classes = [1_000.0, 5_000.0, 35_000.0, f64::INFINITY];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); classes.len()];
    let mut slowest: Vec<(f64, String, usize, f64)> = Vec::new();
    let mut stalls_total = 0usize;
    let (mut reflow_times, mut write_times, mut unshared_total) = (Vec::new(), Vec::new(), 0);
    let mut slowest_write = (0.0, String::new(), 0);
    for (i, o) in &outcomes {
        let name = &all[*i].name;
        match o {
            Outcome::Refused(e) => {
                if all[*i].geos_valid == Some(true) {
                    faults.push(format!("{name}: refused, GEOS finds it valid: {e}"));
                }
                let kind = e.split([' ', '{', '(']).next().unwrap_or("").to_string();
                *refused.entry(kind).or_default() += 1;
            }
            Outcome::NoLayout(e) => {
                let kind = e.split([' ', '{', '(']).next().unwrap_or("").to_string();
                *no_layout.entry(kind).or_default() += 1;
            }
            Outcome::Laid {
                stalls,
                area,
                ms,
                reflow_ms,
                write_ms,
                unshared,
                fault,
            } => {
                if all[*i].geos_valid == Some(false) {
                    faults.push(format!("{name}: accepted, GEOS finds it invalid"));
                }
                write_times.push(*write_ms);
                if *write_ms > slowest_write.0 {
                    slowest_write = (*write_ms, name.clone(), *stalls);
                }
                stalls_total += stalls;
                unshared_total += unshared;
                reflow_times.push(*reflow_ms);
                let c = classes.iter().position(|&b| *area <= b).unwrap();
                times[c].push(*ms);
                slowest.push((*ms, name.clone(), *stalls, *area));
                if let Some(f) = fault {
                    faults.push(format!("{name}: {f}"));
                }
            }
            Outcome::Panicked(m) => faults.push(format!("{name}: panicked: {m}")),
        }
    }
    let laid: usize = times.iter().map(Vec::len).sum();
    println!(
        "{} outlines: {laid} laid out ({stalls_total} stalls), refused as invalid {refused:?}, \
         no layout {no_layout:?}, faults {}",
        all.len(),
        faults.len()
    );
    let mut lo = 0.0;
    for (c, t) in classes.iter().zip(times.iter_mut()) {
        t.sort_by(f64::total_cmp);
        println!(
            "  {lo:>7.0} – {c:>7.0} m²: {:>5} sites, median {:>6.1} ms, p95 {:>6.1} ms, max {:>7.1} ms",
            t.len(),
            percentile(t, 0.5),
            percentile(t, 0.95),
            t.last().copied().unwrap_or(0.0)
        );
        lo = *c;
    }
    for (what, t) in [
        (
            "laid out around every fifth stall locked",
            &mut reflow_times,
        ),
        ("written around them", &mut write_times),
    ] {
        t.sort_by(f64::total_cmp);
        println!(
            "  {what}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            percentile(t, 0.5),
            percentile(t, 0.95),
            t.last().copied().unwrap_or(0.0)
        );
    }
    println!(
        "  slowest writing: {} ({} stalls), {:.1} ms",
        slowest_write.1, slowest_write.2, slowest_write.0
    );
    println!("  corners on a neighbour's side, not shared: {unshared_total}");
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, name, stalls, area) in slowest.iter().take(5) {
        println!("  slowest: {name}: {area:.0} m², {stalls} stalls, {ms:.1} ms");
    }
    faults
}
