//! The site plan as server-rendered SVG: outline, holes, zones, aisles, stalls with codes,
//! status by colour AND pattern/text, a north arrow and a scale bar. Input is in local metres
//! (x east, y north); no map tiles, no scripts.

use crate::i18n::{Lang, T, texts::sites as t};
use entity::zones::ZoneKind;
use geo::{BoundingRect, Centroid, LineString, MultiPolygon, Polygon};
use maud::{Markup, html};
use std::fmt::Write;

/// How a stall is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StallLook {
    /// Available.
    Active,
    /// Out of use: hatched and crossed.
    Disabled,
    /// Taken for the session shown.
    Booked,
    /// Highlighted (the viewer's own stall, a chosen one).
    Highlight,
    /// Taken, filled with the colour of category number `n` (of [`CATEGORY_CLASSES`], cycling);
    /// the caller puts the category's mark in the label, so colour is never the only cue.
    Category(u8),
}

/// CSS classes of the category colours (Okabe–Ito, told apart with colour-blindness too).
pub const CATEGORY_CLASSES: [&str; 8] = [
    "st-cat-0", "st-cat-1", "st-cat-2", "st-cat-3", "st-cat-4", "st-cat-5", "st-cat-6", "st-cat-7",
];

impl StallLook {
    /// The CSS class the stall is drawn with.
    pub fn class(self) -> &'static str {
        match self {
            StallLook::Active => "st-active",
            StallLook::Disabled => "st-disabled",
            StallLook::Booked => "st-booked",
            StallLook::Highlight => "st-highlight",
            StallLook::Category(n) => CATEGORY_CLASSES[usize::from(n) % CATEGORY_CLASSES.len()],
        }
    }
}

/// One stall to draw.
#[derive(Debug)]
pub struct PlanStall<'a> {
    /// Full code (shown in the tooltip and table).
    pub code: &'a str,
    /// Short label drawn on the stall (e.g. `A-012`).
    pub label: &'a str,
    /// Corners in local metres.
    pub polygon: &'a Polygon<f64>,
    /// How to draw it.
    pub look: StallLook,
}

/// Everything on a plan.
#[derive(Debug)]
pub struct Plan<'a> {
    /// The site in local metres.
    pub site: &'a MultiPolygon<f64>,
    /// Aisles in local metres.
    pub aisles: &'a [Polygon<f64>],
    /// Zones: kind and shape in local metres.
    pub zones: Vec<(ZoneKind, &'a MultiPolygon<f64>)>,
    /// Stalls.
    pub stalls: Vec<PlanStall<'a>>,
}

fn ring_path(ring: &LineString<f64>, min_x: f64, max_y: f64, out: &mut String) {
    for (i, c) in ring.0.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        let _ = write!(out, "{cmd}{:.2} {:.2} ", c.x - min_x, max_y - c.y);
    }
    out.push('Z');
}

fn polygon_path(p: &Polygon<f64>, min_x: f64, max_y: f64) -> String {
    let mut d = String::new();
    ring_path(p.exterior(), min_x, max_y, &mut d);
    for hole in p.interiors() {
        d.push(' ');
        ring_path(hole, min_x, max_y, &mut d);
    }
    d
}

/// A round length (1, 2 or 5 × 10ⁿ metres) near a fifth of the plan's width.
pub fn scale_length(width_m: f64) -> f64 {
    let target = (width_m / 5.0).max(1.0);
    let base = 10f64.powf(target.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * base)
        .find(|l| *l <= target)
        .unwrap_or(base)
}

/// A zone kind in words.
pub fn zone_label(kind: ZoneKind) -> T {
    match kind {
        ZoneKind::Food => t::ZONE_FOOD,
        ZoneKind::Smoky => t::ZONE_SMOKY,
        ZoneKind::KeepClear => t::ZONE_KEEP_CLEAR,
        ZoneKind::FireLane => t::ZONE_FIRE_LANE,
        ZoneKind::Other => t::OTHER,
    }
}

/// Renders the plan; `title` names it for screen readers.
pub fn render(plan: &Plan<'_>, title: &str, lang: Lang) -> Markup {
    let Some(rect) = plan.site.bounding_rect() else {
        return html! {};
    };
    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
    let pad = (w.max(h) * 0.06).max(4.0);
    let (min_x, max_y) = (rect.min().x - pad, rect.max().y + pad);
    let (vw, vh) = (w + 2.0 * pad, h + 2.0 * pad + pad);
    let font = plan
        .stalls
        .first()
        .and_then(|s| s.polygon.bounding_rect())
        .map(|r| (r.width().min(r.height()) * 0.28).clamp(0.4, 3.0))
        .unwrap_or(1.0);
    let scale = scale_length(w);
    let bar_y = vh - pad * 0.6;
    let arrow_x = vw - pad * 0.6;
    let arrow = pad * 0.35;
    html! {
        svg.plan xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {vw:.2} {vh:.2}"))
            role="img" aria-labelledby="plan-title plan-desc" preserveAspectRatio="xMidYMid meet" {
            title #plan-title { (title) }
            desc #plan-desc { (t::PLAN_DESC.get(lang)) }
            defs {
                pattern #hatch width="1" height="1" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="1" height="1" fill="#d7d7d7" {}
                    line x1="0" y1="0" x2="0" y2="1" stroke="#7a7a7a" stroke-width="0.35" {}
                }
            }
            @for poly in &plan.site.0 {
                path.site d=(polygon_path(poly, min_x, max_y)) fill-rule="evenodd" {}
            }
            @for (kind, shape) in &plan.zones {
                @for poly in &shape.0 {
                    path class=(format!("zone zone-{kind}")) d=(polygon_path(poly, min_x, max_y)) {
                        title { (zone_label(*kind).get(lang)) }
                    }
                }
            }
            @for aisle in plan.aisles {
                path.aisle d=(polygon_path(aisle, min_x, max_y)) {}
            }
            @for stall in &plan.stalls {
                @let centre = stall.polygon.centroid().map(|c| (c.x() - min_x, max_y - c.y())).unwrap_or_default();
                g class=(format!("stall {}", stall.look.class())) {
                    title { (stall.code) }
                    path d=(polygon_path(stall.polygon, min_x, max_y)) {}
                    // A label of two lines (`A-012` over a category mark) is centred as a block.
                    @let lines: Vec<&str> = stall.label.lines().collect();
                    text x=(format!("{:.2}", centre.0)) y=(format!("{:.2}", centre.1 - font * 0.55 * (lines.len().max(1) - 1) as f64))
                        font-size=(format!("{font:.2}")) text-anchor="middle" dominant-baseline="central" {
                        @if lines.len() > 1 {
                            @for (i, line) in lines.iter().enumerate() {
                                tspan x=(format!("{:.2}", centre.0)) dy=(if i == 0 { "0".to_owned() } else { format!("{:.2}", font * 1.1) }) { (line) }
                            }
                        } @else {
                            (stall.label)
                        }
                        @if stall.look == StallLook::Disabled { " ×" }
                    }
                }
            }
            // North arrow: local y is north.
            g.north transform=(format!("translate({arrow_x:.2} {:.2})", pad * 0.9)) {
                path d=(format!("M0 {:.2} L{:.2} {:.2} L0 {:.2} L{:.2} {:.2} Z", -arrow, arrow * 0.6, arrow, arrow * 0.5, -arrow * 0.6, arrow)) {}
                text y=(format!("{:.2}", -arrow * 1.3)) font-size=(format!("{:.2}", arrow * 0.9)) text-anchor="middle" { (t::NORTH.get(lang)) }
            }
            g.scale {
                line x1=(format!("{:.2}", pad)) y1=(format!("{bar_y:.2}")) x2=(format!("{:.2}", pad + scale)) y2=(format!("{bar_y:.2}")) {}
                text x=(format!("{:.2}", pad + scale / 2.0)) y=(format!("{:.2}", bar_y - pad * 0.15))
                    font-size=(format!("{:.2}", pad * 0.3)) text-anchor="middle" { (format!("{scale} m")) }
            }
        }
    }
}

/// The legend: every look in words, not colour alone.
pub fn legend(lang: Lang) -> Markup {
    html! {
        ul.legend {
            li { span.swatch.st-active {} (t::ACTIVE.get(lang)) }
            li { span.swatch.st-disabled {} (t::DISABLED.get(lang)) " ×" }
            li { span.swatch.aisle {} (t::AISLE.get(lang)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_bar_is_a_round_length_near_a_fifth_of_the_width() {
        assert_eq!(scale_length(400.0), 50.0);
        assert_eq!(scale_length(80.0), 10.0);
        assert_eq!(scale_length(12.0), 2.0);
        assert_eq!(scale_length(3.0), 1.0);
    }
}
