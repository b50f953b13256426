//! The layout against the independent yardstick (`benches/layout_grid.rs`, a fixed grid of
//! double rows stamped at one whole-degree angle) on real outlines, and the row search's grid.

#[path = "../../benches/layout_grid.rs"]
mod grid;

use super::plaza::Dims;
use super::search::{fine_step, step_near};
use super::{LayoutParams, generate};
use crate::geometry::{Crs, parse_site_boundary};

fn outline(name: &str) -> geo::MultiPolygon<f64> {
    let path = format!(
        "{}/benches/data/outlines/{name}.geojson",
        env!("CARGO_MANIFEST_DIR")
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("outline")).expect("json");
    parse_site_boundary(&v, Crs::Wgs84).expect("valid").local()
}

fn params() -> LayoutParams {
    LayoutParams {
        stall_width_m: 3.0,
        stall_depth_m: 2.5,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        ..Default::default()
    }
}

#[test]
fn real_outlines_hold_at_least_the_best_whole_degree_grid() {
    // The park lost 67 stalls to the grid when the row grid's step did not divide the depth.
    for name in [
        "cn-shanghai-park-47280263",
        "de-berlin-playground-2707492",
        "it-bergamo-parking-81083045",
        "cn-shanghai-pedestrian-3393750",
    ] {
        let local = outline(name);
        let (g, deg) = grid::best_grid(&local, 3.0, 2.5, 3.0, 0.5);
        let n = generate(&local, &[], &params())
            .expect("layout")
            .stalls
            .len();
        assert!(n >= g, "{name}: {n} stalls, the grid at {deg}° holds {g}");
    }
    assert!(
        grid::grid_at(
            &outline("de-berlin-park-241112993"),
            15.0,
            3.0,
            2.5,
            3.0,
            0.5
        ) > 0
    );
}

#[test]
fn the_row_grid_divides_the_depth_and_the_aisle() {
    let dims = |d: f64, a: f64| Dims {
        w: 3.0,
        d,
        a,
        c: 0.5,
    };
    for (d, a) in [(2.5, 3.0), (2.4, 3.1), (2.0, 2.0), (3.3, 4.2)] {
        let step = fine_step(250.0, &dims(d, a));
        assert!(step <= 0.25 + 1e-12, "{step}");
        for len in [d, a] {
            let k = len / step;
            assert!((k - k.round()).abs() < 1e-6, "{len} / {step} = {k}");
        }
    }
    // When nothing divides both, the least rounding wins and the step stays at most the target.
    let s = step_near(0.2, &dims(2.5, std::f64::consts::PI));
    assert!(s <= 0.2 && s > 0.0);
}
