//! Validity benchmark: OGC validity as GEOS judges it (`geometry::check_ogc_validity`) against
//! geo's `Validation` (which lets through what GEOS refuses, and is roughly quadratic), on valid
//! site outlines from 100 to 4,900 vertices with up to 120 holes, and the whole site parse
//! (`parse_site_boundary`: GeoJSON → projection → validity → area). Run with
//! `cargo bench -p nightmarket-core --bench validity`; prints a table of medians in ms.

use geo::{Coord, LineString, MultiPolygon, Polygon, Validation};
use nightmarket_core::geometry::{self, Crs, LocalProjection};
use serde_json::json;
use std::time::Instant;

/// A jagged round plaza of `shell` vertices (±0.5 m teeth on a wavy circle), radius ~100 m, with a grid of `holes` small
/// pentagons (trees, kiosks) inside; valid.
fn plaza(shell: usize, holes: usize) -> Polygon<f64> {
    let ring: Vec<Coord<f64>> = (0..shell)
        .map(|i| {
            let a = i as f64 / shell as f64 * std::f64::consts::TAU;
            let r = 100.0 + if i % 2 == 0 { 0.5 } else { -0.5 } + 5.0 * (7.0 * a).sin();
            Coord {
                x: r * a.cos(),
                y: r * a.sin(),
            }
        })
        .collect();
    let close = |mut r: Vec<Coord<f64>>| {
        r.push(r[0]);
        LineString(r)
    };
    let side = (holes as f64).sqrt().ceil() as usize;
    let step = 120.0 / side.max(1) as f64;
    let interiors = (0..holes)
        .map(|k| {
            let (cx, cy) = (
                -60.0 + step * ((k % side) as f64 + 0.5),
                -60.0 + step * ((k / side) as f64 + 0.5),
            );
            close(
                (0..5)
                    .map(|j| {
                        let a = j as f64 / 5.0 * std::f64::consts::TAU;
                        Coord {
                            x: cx + step * 0.3 * a.cos(),
                            y: cy + step * 0.3 * a.sin(),
                        }
                    })
                    .rev()
                    .collect(),
            )
        })
        .collect();
    Polygon::new(close(ring), interiors)
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    println!(
        "{:>8} {:>6} {:>10} {:>10} {:>10}",
        "vertices", "holes", "ogc ms", "geo ms", "parse ms"
    );
    let proj = LocalProjection::new(Coord {
        x: 100.81,
        y: 38.43,
    });
    for (shell, holes) in [
        (100, 0),
        (350, 30),
        (500, 30),
        (1000, 60),
        (2000, 120),
        (4200, 120),
    ] {
        let p = plaza(shell, holes);
        let mp = MultiPolygon(vec![p.clone()]);
        let vertices: usize = std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(|r| r.0.len())
            .sum();
        assert!(geometry::check_ogc_validity(&mp, 1e-6).is_ok());
        let ogc = median_ms(|| {
            let _ = geometry::check_ogc_validity(&mp, 1e-6);
        });
        let geo = median_ms(|| {
            let _ = p.is_valid();
        });
        let wgs = proj.multi_polygon_to_wgs84(&mp);
        let rings: Vec<Vec<[f64; 2]>> = std::iter::once(wgs.0[0].exterior())
            .chain(wgs.0[0].interiors())
            .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
            .collect();
        let value = json!({"type": "Polygon", "coordinates": rings});
        if let Err(e) = geometry::parse_site_boundary(&value, Crs::Wgs84) {
            println!("{vertices:>8} {holes:>6} {ogc:>10.3} {geo:>10.3} refused: {e:?}");
            continue;
        }
        let parse = median_ms(|| {
            let _ = geometry::parse_site_boundary(&value, Crs::Wgs84);
        });
        println!("{vertices:>8} {holes:>6} {ogc:>10.3} {geo:>10.3} {parse:>10.3}");
    }
}
