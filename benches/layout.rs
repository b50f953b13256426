//! Layout benchmark: a corpus of site shapes near Minle (38.43°N, 100.81°E) parsed from
//! GeoJSON, projected and laid out; prints stalls, % of the pattern bound, a fixed-lattice
//! baseline and milliseconds per layout. Run with `cargo bench --bench layout`.
//!
//! Two more columns say how far the packer is from what rows can do at all, from a sweep of
//! row directions every 0.25°: `1-dir` is the most stalls the row search finds in any single
//! direction (our layout adds boundary rows on top), and `no-waste` the most any layout of
//! parallel rows could hold if no row lost a fraction of a stall at its ends, as % of the
//! pattern bound. When `no-waste` is below a target, no layout of parallel rows meets it.
//!
//! (Written in the scratch crate as `use geolayout::{geometry, layout};`.)

use geo::{Contains, Coord, LineString, MultiPolygon, Polygon};
use nightmarket::{geometry, layout};
use serde_json::{Value, json};
use std::time::Instant;

const ORIGIN: Coord<f64> = Coord {
    x: 100.81,
    y: 38.43,
};

/// Rings given in metres, as a GeoJSON Polygon in lon/lat. The shape is centred on ORIGIN
/// first, so its metres are those of the projection the parsed site will use (around its
/// centroid); otherwise a "100 m" side comes back a few µm short and loses a stall per row.
fn polygon_from_metres(rings: &[Vec<(f64, f64)>]) -> Value {
    let pts = rings.iter().flatten();
    let (mut lo, mut hi) = (
        (f64::INFINITY, f64::INFINITY),
        (f64::NEG_INFINITY, f64::NEG_INFINITY),
    );
    for &(x, y) in pts {
        lo = (lo.0.min(x), lo.1.min(y));
        hi = (hi.0.max(x), hi.1.max(y));
    }
    let (cx, cy) = ((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0);
    let proj = geometry::LocalProjection::new(ORIGIN);
    let rings: Vec<Vec<[f64; 2]>> = rings
        .iter()
        .map(|r| {
            let mut pts: Vec<[f64; 2]> = r
                .iter()
                .map(|&(x, y)| {
                    let c = proj.to_wgs84(Coord {
                        x: x - cx,
                        y: y - cy,
                    });
                    [c.x, c.y]
                })
                .collect();
            pts.push(pts[0]);
            pts
        })
        .collect();
    json!({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": rings}})
}

fn rotate(pts: &[(f64, f64)], deg: f64) -> Vec<(f64, f64)> {
    let (s, c) = deg.to_radians().sin_cos();
    pts.iter()
        .map(|&(x, y)| (x * c - y * s, x * s + y * c))
        .collect()
}

fn rectangle() -> Value {
    polygon_from_metres(&[vec![(0.0, 0.0), (100.0, 0.0), (100.0, 60.0), (0.0, 60.0)]])
}

fn rotated_rectangle() -> Value {
    polygon_from_metres(&[rotate(
        &[(0.0, 0.0), (90.0, 0.0), (90.0, 50.0), (0.0, 50.0)],
        27.0,
    )])
}

fn l_shape() -> Value {
    polygon_from_metres(&[vec![
        (0.0, 0.0),
        (80.0, 0.0),
        (80.0, 35.0),
        (38.0, 35.0),
        (38.0, 80.0),
        (0.0, 80.0),
    ]])
}

fn trapezoid() -> Value {
    polygon_from_metres(&[vec![(0.0, 0.0), (100.0, 0.0), (80.0, 60.0), (20.0, 60.0)]])
}

fn irregular_hexagon() -> Value {
    polygon_from_metres(&[vec![
        (0.0, 0.0),
        (55.0, -8.0),
        (88.0, 20.0),
        (80.0, 62.0),
        (30.0, 70.0),
        (-10.0, 38.0),
    ]])
}

fn plaza_with_fountain() -> Value {
    let hole: Vec<(f64, f64)> = (0..8)
        .map(|k| {
            let a = -(k as f64) * std::f64::consts::TAU / 8.0;
            (45.0 + 9.0 * a.cos(), 35.0 + 9.0 * a.sin())
        })
        .collect();
    polygon_from_metres(&[
        vec![(0.0, 0.0), (90.0, 0.0), (90.0, 70.0), (0.0, 70.0)],
        hole,
    ])
}

fn large_square() -> Value {
    polygon_from_metres(&[rotate(
        &[(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)],
        12.0,
    )])
}

fn straight_street() -> Value {
    polygon_from_metres(&[rotate(
        &[(0.0, 0.0), (300.0, 0.0), (300.0, 12.0), (0.0, 12.0)],
        8.0,
    )])
}

/// A 12 m street whose centre line runs 150 m east, then 150 m at 30° (mitred corners).
fn bent_street() -> Value {
    let (h, bend) = (6.0f64, 30.0f64.to_radians());
    let t = (bend / 2.0).tan();
    let (s, c) = bend.sin_cos();
    let end = (150.0 + 150.0 * c, 150.0 * s);
    // Normal of the second leg, pointing left.
    let n2 = (-s, c);
    polygon_from_metres(&[vec![
        (0.0, -h),
        (150.0 + h * t, -h),
        (end.0 - h * n2.0, end.1 - h * n2.1),
        (end.0 + h * n2.0, end.1 + h * n2.1),
        (150.0 - h * t, h),
        (0.0, h),
    ]])
}

struct Case {
    name: &'static str,
    kind: Kind,
    geojson: Value,
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Convex,
    NonConvex,
    /// Street with its centre-line length and number of bends.
    Street {
        length: f64,
        bends: usize,
    },
}

fn corpus() -> Vec<Case> {
    vec![
        Case {
            name: "rectangle 100x60",
            kind: Kind::Convex,
            geojson: rectangle(),
        },
        Case {
            name: "rotated rect 90x50",
            kind: Kind::Convex,
            geojson: rotated_rectangle(),
        },
        Case {
            name: "L-shape 80x80",
            kind: Kind::NonConvex,
            geojson: l_shape(),
        },
        Case {
            name: "trapezoid",
            kind: Kind::Convex,
            geojson: trapezoid(),
        },
        Case {
            name: "irregular hexagon",
            kind: Kind::Convex,
            geojson: irregular_hexagon(),
        },
        Case {
            name: "plaza + fountain",
            kind: Kind::NonConvex,
            geojson: plaza_with_fountain(),
        },
        Case {
            name: "square 100x100 rot",
            kind: Kind::Convex,
            geojson: large_square(),
        },
        Case {
            name: "street 300x12",
            kind: Kind::Street {
                length: 300.0,
                bends: 0,
            },
            geojson: straight_street(),
        },
        Case {
            name: "bent street 2x150",
            kind: Kind::Street {
                length: 300.0,
                bends: 1,
            },
            geojson: bent_street(),
        },
    ]
}

fn rect_polygon(pts: [(f64, f64); 4], cos: f64, sin: f64) -> Polygon<f64> {
    let mut v: Vec<Coord<f64>> = pts
        .iter()
        .map(|&(u, v)| Coord {
            x: u * cos - v * sin,
            y: u * sin + v * cos,
        })
        .collect();
    v.push(v[0]);
    Polygon::new(LineString(v), vec![])
}

/// Fixed lattice: the double-row pattern (aisle, row facing down, row facing up) stamped from
/// the bounding box corner at each whole degree; a stall counts when it lies inside the site
/// with its clearance and its aisle strip lies inside the site.
fn lattice_baseline(region: &MultiPolygon<f64>, p: &layout::LayoutParams) -> (usize, f64) {
    let (w, d, a, c) = (
        p.stall_width_m,
        p.stall_depth_m,
        p.aisle_width_m,
        p.edge_clearance_m,
    );
    let mut best = (0, 0.0);
    for deg in 0..180 {
        let (sin, cos) = (deg as f64).to_radians().sin_cos();
        let pts: Vec<(f64, f64)> = region
            .0
            .iter()
            .flat_map(|p| p.exterior().0.iter())
            .map(|q| (q.x * cos + q.y * sin, -q.x * sin + q.y * cos))
            .collect();
        let umin = pts.iter().map(|q| q.0).fold(f64::INFINITY, f64::min);
        let umax = pts.iter().map(|q| q.0).fold(f64::NEG_INFINITY, f64::max);
        let vmin = pts.iter().map(|q| q.1).fold(f64::INFINITY, f64::min);
        let vmax = pts.iter().map(|q| q.1).fold(f64::NEG_INFINITY, f64::max);
        let mut n = 0;
        let mut v0 = vmin;
        while v0 < vmax {
            // Down-facing row over [v0 + a, v0 + a + d] (aisle below), up-facing row over
            // [v0 + a + d, v0 + a + 2d] (aisle above, shared with the next period).
            for (y0, ay0) in [(v0 + a, v0), (v0 + a + d, v0 + a + 2.0 * d)] {
                let mut u = umin;
                while u + w <= umax {
                    let grown = rect_polygon(
                        [
                            (u - c, y0 - c),
                            (u + w + c, y0 - c),
                            (u + w + c, y0 + d + c),
                            (u - c, y0 + d + c),
                        ],
                        cos,
                        sin,
                    );
                    let aisle = rect_polygon(
                        [(u, ay0), (u + w, ay0), (u + w, ay0 + a), (u, ay0 + a)],
                        cos,
                        sin,
                    );
                    if region.contains(&grown) && region.contains(&aisle) {
                        n += 1;
                    }
                    u += w;
                }
            }
            v0 += 2.0 * d + a;
        }
        if n > best.0 {
            best = (n, deg as f64);
        }
    }
    best
}

fn main() {
    let params = layout::LayoutParams {
        stall_width_m: 3.0,
        stall_depth_m: 2.5,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        ..Default::default()
    };
    println!(
        "stall 3 m x 2.5 m, aisle 3 m, clearance 0.5 m; release build; ms = median of 7 runs\n"
    );
    println!(
        "{:<20} {:>8} {:>6} {:>7} {:>8} {:>7} {:>6} {:>9} {:>8} {:>8} {:>7} {:>8}  target",
        "shape",
        "area m2",
        "mode",
        "stalls",
        "pattern",
        "% pat",
        "1-dir",
        "no-waste",
        "lattice",
        "1-D bnd",
        "ms",
        "verdict"
    );
    let mut all_ok = true;
    for case in corpus() {
        let site = match geometry::parse_site_boundary(&case.geojson, geometry::Crs::Wgs84) {
            Ok(s) => s,
            Err(e) => {
                println!("{:<20} parse error: {e}", case.name);
                all_ok = false;
                continue;
            }
        };
        let local = site.local();
        let mut times = Vec::new();
        let mut result = None;
        for _ in 0..7 {
            let t = Instant::now();
            let l = layout::generate(&local, &[], &params);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            result = Some(l);
        }
        times.sort_by(f64::total_cmp);
        let ms = times[times.len() / 2];
        let Some(Ok(l)) = result else {
            println!("{:<20} layout error", case.name);
            all_ok = false;
            continue;
        };
        let n = l.stalls.len();
        let pct = 100.0 * n as f64 / l.pattern_bound.max(1) as f64;
        let (lattice, _) = lattice_baseline(&local, &params);
        let bounds = layout::direction_bounds(&local, &[], &params, 0.25).expect("valid params");
        let no_waste = 100.0 * bounds.continuous / l.pattern_bound.max(1) as f64;
        let (bound_1d, target_txt, ok_shape, target_pct) = match case.kind {
            Kind::Convex => (None, "≥92% pat", pct >= 92.0, Some(92.0)),
            Kind::NonConvex => (None, "≥88% pat", pct >= 88.0, Some(88.0)),
            Kind::Street { length, bends } => {
                let (w, g, c) = (params.stall_width_m, 0.0, params.edge_clearance_m);
                let b = 2 * (((length - 2.0 * c + g) / (w + g)).floor() as usize);
                (Some(b), "1-D bound − bends", n + bends >= b, None)
            }
        };
        let ok_lattice = n >= lattice || matches!(case.kind, Kind::Street { .. });
        let ok_time = site.area_m2 > 10_000.0 || ms <= 25.0;
        let ok = ok_shape && ok_lattice && ok_time;
        all_ok &= ok;
        let unreachable = target_pct.is_some_and(|t| no_waste < t);
        println!(
            "{:<20} {:>8.0} {:>6} {:>7} {:>8} {:>6.1}% {:>6} {:>8.1}% {:>8} {:>8} {:>7.2} {:>8}  {}{}{}",
            case.name,
            site.area_m2,
            l.mode_used.as_str(),
            n,
            l.pattern_bound,
            pct,
            bounds.best,
            no_waste,
            lattice,
            bound_1d
                .map(|b| b.to_string())
                .unwrap_or_else(|| "-".into()),
            ms,
            if ok { "ok" } else { "MISS" },
            target_txt,
            if unreachable && !ok {
                " (unreachable: no-waste bound below target)"
            } else {
                ""
            },
            if n < lattice {
                " (lattice crosses the street; street keeps a through lane)"
            } else {
                ""
            },
        );
    }
    println!(
        "\n{}",
        if all_ok {
            "all targets met"
        } else {
            "some targets missed"
        }
    );
}
