//! Draws the automatic layout of one outline as SVG, to see where a layout wastes ground.
//!
//! `cargo run --release -p nightmarket-core --example layout_svg -- <site.geojson> [out.svg]
//! [stall width] [stall depth]` (`LAYOUT_MODE=street|plaza`, `LAYOUT_STREET=1` as a street
//! site): outline and holes in grey, stalls coloured by row direction, aisles in pale yellow,
//! the stall count and % of the pattern bound in the title.

use geo::{BoundingRect, CoordsIter, LineString, MultiPolygon, Polygon};
use nightmarket_core::{geometry, layout};
use std::fmt::Write;

fn ring_path(r: &LineString<f64>, top: f64, out: &mut String) {
    for (k, c) in r.0.iter().enumerate() {
        let _ = write!(
            out,
            "{}{:.2},{:.2} ",
            if k == 0 { "M" } else { "L" },
            c.x,
            top - c.y
        );
    }
    out.push('Z');
}

fn polygon_path(p: &Polygon<f64>, top: f64) -> String {
    let mut d = String::new();
    ring_path(p.exterior(), top, &mut d);
    for h in p.interiors() {
        ring_path(h, top, &mut d);
    }
    d
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("a GeoJSON outline");
    let out = args.get(2).cloned().unwrap_or_else(|| "layout.svg".into());
    let w: f64 = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(2.0);
    let d: f64 = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(2.5);
    let value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
    let site = geometry::parse_site_boundary(&value, geometry::Crs::Wgs84).expect("valid outline");
    let local: MultiPolygon<f64> = site.local();
    let params = layout::LayoutParams {
        stall_width_m: w,
        stall_depth_m: d,
        aisle_width_m: 3.0,
        edge_clearance_m: 0.5,
        // `LAYOUT_MODE=street` (or `plaza`) draws that mode; `LAYOUT_STREET=1` lays the outline
        // out as a site of kind `street` in auto mode.
        mode: std::env::var("LAYOUT_MODE")
            .ok()
            .and_then(|m| layout::LayoutMode::parse(&m))
            .unwrap_or_default(),
        street_site: std::env::var("LAYOUT_STREET").is_ok_and(|v| v == "1"),
        ..Default::default()
    };
    let l = layout::generate(&local, &[], &params).expect("a layout");
    let b = local.bounding_rect().expect("non-empty");
    let (x0, top) = (b.min().x - 2.0, b.max().y + 2.0);
    let (wd, ht) = (b.width() + 4.0, b.height() + 4.0);
    let mut svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='{x0:.2} 0 {wd:.2} {ht:.2}' \
         width='{:.0}' height='{:.0}'><title>{} stalls, {:.1} % of {}</title>\
         <rect x='{x0:.2}' y='0' width='{wd:.2}' height='{ht:.2}' fill='white'/>",
        (wd * 6.0).min(2400.0),
        (ht * 6.0 * (wd * 6.0).min(2400.0) / (wd * 6.0)),
        l.stalls.len(),
        100.0 * l.stalls.len() as f64 / l.pattern_bound.max(1) as f64,
        l.pattern_bound,
    );
    for p in &local.0 {
        let _ = write!(
            svg,
            "<path d='{}' fill='#ddd' fill-rule='evenodd' stroke='#333' stroke-width='0.3'/>",
            polygon_path(p, top)
        );
    }
    for a in &l.aisles {
        let _ = write!(
            svg,
            "<path d='{}' fill='#fff6c0' stroke='none'/>",
            polygon_path(a, top)
        );
    }
    for s in &l.stalls {
        // Hue from the row direction, so zones stand out.
        let hue = ((s.facing_deg.rem_euclid(180.0)) * 2.0) as u32;
        let _ = write!(
            svg,
            "<path d='{}' fill='hsl({hue},60%,60%)' stroke='#222' stroke-width='0.08'/>",
            polygon_path(&s.polygon, top)
        );
    }
    svg.push_str("</svg>");
    std::fs::write(&out, svg).expect("writable");
    println!(
        "{} stalls, {:.1} % of the pattern bound {}, {} zones, {} vertices -> {out}",
        l.stalls.len(),
        100.0 * l.stalls.len() as f64 / l.pattern_bound.max(1) as f64,
        l.pattern_bound,
        l.zones_used,
        local.coords_count(),
    );
}
