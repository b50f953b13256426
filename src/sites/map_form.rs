//! The site form's ways in besides GeoJSON: the map to draw on (Leaflet, vendored in `assets/`,
//! driven by `assets/sitemap.js`), the pasted coordinate list and the image to trace over; and
//! the map for drawing zones on the plan page. Without JavaScript the fields still work.

use super::outline_input::TraceForm;
use crate::config::Config;
use crate::error::AppError;
use crate::geometry::{Crs, wgs84_to_gcj02};
use crate::i18n::texts::workbench as t;
use crate::views::PageCtx;
use geo::Coord;
use maud::{Markup, html};
use serde_json::Value;

/// What the map needs from the configuration.
#[derive(Debug, Clone)]
pub struct MapSetup {
    /// Tile URL template; `None`: a scaled grid.
    pub tiles_url: Option<String>,
    /// The tiles' coordinate system (WGS-84 or GCJ-02): what drawn points are in.
    pub tiles_crs: Crs,
    /// Where the map opens when there is no outline yet (WGS-84 lon, lat).
    pub center: (f64, f64),
}

/// Minle County town, where the map opens for a first site.
const DEFAULT_CENTER: (f64, f64) = (100.81, 38.43);

impl MapSetup {
    /// From the server's configuration.
    pub fn from_config(config: &Config) -> Self {
        MapSetup {
            tiles_url: config.map_tiles_url.clone(),
            tiles_crs: Crs::parse(&config.map_tiles_crs).unwrap_or(Crs::Wgs84),
            center: DEFAULT_CENTER,
        }
    }

    /// A WGS-84 point in the map's coordinate system.
    pub fn to_map(&self, lon: f64, lat: f64) -> (f64, f64) {
        let c = Coord { x: lon, y: lat };
        let m = match self.tiles_crs {
            Crs::Gcj02 => wgs84_to_gcj02(c),
            _ => c,
        };
        (m.x, m.y)
    }

    /// A stored WGS-84 GeoJSON geometry with every position in the map's system.
    pub fn geojson_to_map(&self, v: &Value) -> Value {
        match v {
            Value::Array(items)
                if items.len() >= 2 && items.iter().take(2).all(Value::is_number) =>
            {
                let (x, y) = self.to_map(
                    items[0].as_f64().unwrap_or_default(),
                    items[1].as_f64().unwrap_or_default(),
                );
                serde_json::json!([x, y])
            }
            Value::Array(items) => {
                Value::Array(items.iter().map(|i| self.geojson_to_map(i)).collect())
            }
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.geojson_to_map(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// What the map is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapMode {
    /// The site's outline and holes (fills the site form's boundary).
    Site,
    /// A zone: a keep-clear polygon or a fire lane's centre line (fills the zone form).
    Zone,
}

/// The map panel: the map, its buttons (shown by the script), and a note without JavaScript.
/// `outline` is the site's outline in the map's system; `fault` a refused point (WGS-84).
pub fn map_panel(
    ctx: &PageCtx,
    setup: &MapSetup,
    mode: MapMode,
    outline: Option<&Value>,
    fault: Option<(f64, f64, String)>,
) -> Markup {
    let (target, crs_field, id) = match mode {
        MapMode::Site => ("f-boundary", "f-crs", "site-map"),
        MapMode::Zone => ("f-zboundary", "f-zcrs", "zone-map"),
    };
    let center = setup.to_map(setup.center.0, setup.center.1);
    let fault_at = fault
        .as_ref()
        .map(|(lon, lat, _)| setup.to_map(*lon, *lat))
        .map(|(x, y)| format!("{x:.8},{y:.8}"));
    html! {
        link rel="stylesheet" href="/assets/leaflet-1.9.4.css";
        div.map-panel {
            div.map-tools hidden data-for=(id) {
                @match mode {
                    MapMode::Site => {
                        button.small type="button" data-action="outline" { (ctx.t(t::DRAW_OUTLINE)) }
                        button.small type="button" data-action="hole" { (ctx.t(t::DRAW_HOLE)) }
                    }
                    MapMode::Zone => {
                        button.small type="button" data-action="zone" { (ctx.t(t::DRAW_ZONE)) }
                        button.small type="button" data-action="line" { (ctx.t(t::DRAW_LINE)) }
                    }
                }
                button.small type="button" data-action="undo" { (ctx.t(t::UNDO_POINT)) }
                button.small.primary type="button" data-action="finish" { (ctx.t(t::FINISH)) }
                button.small type="button" data-action="clear" { (ctx.t(t::CLEAR)) }
            }
            div.site-map id=(id) role="application" aria-label=(ctx.t(t::MAP_LABEL))
                data-mode=(match mode { MapMode::Site => "site", MapMode::Zone => "zone" })
                data-tiles=[setup.tiles_url.as_deref()]
                data-tiles-crs=(setup.tiles_crs.as_str())
                data-center=(format!("{:.6},{:.6}", center.0, center.1))
                data-outline=[outline.map(Value::to_string)]
                data-fault=[fault_at]
                data-fault-text=[fault.as_ref().map(|f| f.2.as_str())]
                data-fault-label=(ctx.t(t::FAULT_HERE))
                data-target=(target)
                data-crs-field=(crs_field) {}
            @if setup.tiles_url.is_none() { p.hint.map-note hidden { (ctx.t(t::GRID_NOTE)) } }
            noscript { p.hint { (ctx.t(t::NO_JS)) } }
        }
        script src="/assets/leaflet-1.9.4.js" defer {}
        script src="/assets/sitemap.js" defer {}
    }
}

fn field_error(ctx: &PageCtx, error: Option<&AppError>, name: &str) -> Option<String> {
    error
        .filter(|e| e.field() == Some(name))
        .map(|e| e.message(ctx.lang))
}

fn text_input(
    ctx: &PageCtx,
    error: Option<&AppError>,
    name: &str,
    label: crate::i18n::T,
    value: &str,
) -> Markup {
    let err = field_error(ctx, error, name);
    crate::views::forms::Input {
        name,
        label: ctx.t(label),
        value,
        // No decimal pad: these hold pairs (`经度,纬度`, `x,y`) and signed angles, and a phone's
        // decimal pad has no comma or minus sign.
        autocomplete: Some("off"),
        error: err.as_deref(),
        ..Default::default()
    }
    .render()
}

/// The pasted coordinate list.
pub fn points_section(ctx: &PageCtx, points: &str, error: Option<&AppError>) -> Markup {
    let err = field_error(ctx, error, "points");
    html! {
        details.way #way-points open[!points.trim().is_empty() || err.is_some()] {
            summary { (ctx.t(t::POINTS_TITLE)) }
            div class={ "field" @if err.is_some() { " has-error" } } {
                label for="f-points" { (ctx.t(t::POINTS_LABEL)) }
                p.hint #f-points-hint { (ctx.t(t::POINTS_HINT)) }
                textarea #f-points name="points" rows="6" spellcheck="false"
                    aria-describedby="f-points-hint" aria-invalid=[err.as_ref().map(|_| "true")] { (points) }
                @if let Some(e) = err { p.error role="alert" { "⚠ " (e) } }
            }
        }
    }
}

/// The trace section's fields, as errors name them.
pub const TRACE_FIELDS: [&str; 8] = [
    "trace_image",
    "trace_px",
    "ref_a_px",
    "ref_a",
    "ref_b_px",
    "ref_b",
    "scale_m_per_px",
    "rotation_deg",
];

/// The image to trace over, its reference points and the traced outline.
pub fn trace_section(ctx: &PageCtx, trace: &TraceForm, error: Option<&AppError>) -> Markup {
    let any_error = error.is_some_and(|e| e.field().is_some_and(|f| TRACE_FIELDS.contains(&f)));
    let image_err = field_error(ctx, error, "trace_image");
    let px_err = field_error(ctx, error, "trace_px");
    html! {
        details.way #way-trace open[trace.is_used() || any_error] {
            summary { (ctx.t(t::TRACE_TITLE)) }
            p.hint { (ctx.t(t::TRACE_HINT)) }
            div class={ "field" @if image_err.is_some() { " has-error" } } {
                label for="f-trace_image" { (ctx.t(t::TRACE_IMAGE)) }
                input #f-trace_image type="file" name="trace_image" accept="image/png,image/jpeg"
                    data-not-image=(ctx.t(t::NOT_AN_IMAGE)) aria-invalid=[image_err.as_ref().map(|_| "true")];
                @if let Some(e) = &image_err { p.error #f-trace_image-err role="alert" { "⚠ " (e) } }
            }
            div.map-tools hidden data-for="trace-map" {
                button.small type="button" data-action="ref_a" { (ctx.t(t::PLACE_REF_A)) }
                button.small type="button" data-action="ref_b" { (ctx.t(t::PLACE_REF_B)) }
                button.small type="button" data-action="trace" { (ctx.t(t::TRACE_OUTLINE)) }
                button.small type="button" data-action="undo" { (ctx.t(t::UNDO_POINT)) }
                button.small.primary type="button" data-action="finish" { (ctx.t(t::FINISH)) }
            }
            div.site-map.trace-map #trace-map hidden role="application" aria-label=(ctx.t(t::TRACE_IMAGE)) {}
            div.trace-refs {
                (text_input(ctx, error, "ref_a_px", t::REF_A_PX, &trace.ref_a_px))
                (text_input(ctx, error, "ref_a", t::REF_A, &trace.ref_a))
                (text_input(ctx, error, "ref_b_px", t::REF_B_PX, &trace.ref_b_px))
                (text_input(ctx, error, "ref_b", t::REF_B, &trace.ref_b))
            }
            p.hint { (ctx.t(t::ONE_POINT_HINT)) }
            div.trace-refs {
                (text_input(ctx, error, "scale_m_per_px", t::SCALE_M_PER_PX, &trace.scale_m_per_px))
                (text_input(ctx, error, "rotation_deg", t::ROTATION_DEG, &trace.rotation_deg))
            }
            div class={ "field" @if px_err.is_some() { " has-error" } } {
                label for="f-trace_px" { (ctx.t(t::TRACE_PX)) }
                textarea #f-trace_px name="trace_px" rows="4" spellcheck="false" { (trace.trace_px) }
                @if let Some(e) = px_err { p.error role="alert" { "⚠ " (e) } }
            }
        }
    }
}
