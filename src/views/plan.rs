//! The site plan as server-rendered SVG: outline, holes, zones, aisles, stalls with codes,
//! status by colour AND pattern/text, a north arrow and a scale bar (or, for a long narrow
//! site, stacked segments with distance marks). Input is in local metres (x east, y north); no
//! map tiles; `assets/plan.js` adds zoom, pan and "find" in place, and the plan reads without it.

use super::plan_frame::{self, Frame};
use crate::i18n::{Lang, Msg, T, texts::sites as t, texts::workbench as wt};
use entity::zones::ZoneKind;
use geo::{BoundingRect, Centroid, Coord, LineString, MultiPolygon, Polygon};
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
    /// The stall's id (`data-stall-id`, for the plan's scripts); `None` for a preview.
    pub id: Option<i32>,
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

/// How a plan is drawn beyond its data.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlanOptions<'a> {
    /// A stall code to find (normalised, see [`plan_frame::normalise_code`]): it is marked,
    /// and a line above the plan says where it is or that it is not there.
    pub find: Option<&'a str>,
}

/// Maps a local point to the unrolled strip's SVG coordinates (before a segment's shift).
struct Mapper<'f> {
    frame: &'f Frame,
    pad: f64,
    top: f64,
}

impl Mapper<'_> {
    fn at(&self, c: Coord<f64>) -> (f64, f64) {
        let t = self.frame.turn(c);
        (
            t.x - self.frame.min.x + self.pad,
            self.frame.max.y - t.y + self.top,
        )
    }

    fn ring(&self, ring: &LineString<f64>, out: &mut String) {
        for (i, c) in ring.0.iter().enumerate() {
            let cmd = if i == 0 { 'M' } else { 'L' };
            let (x, y) = self.at(*c);
            let _ = write!(out, "{cmd}{x:.2} {y:.2} ");
        }
        out.push('Z');
    }

    fn path(&self, p: &Polygon<f64>) -> String {
        let mut d = String::new();
        self.ring(p.exterior(), &mut d);
        for hole in p.interiors() {
            d.push(' ');
            self.ring(hole, &mut d);
        }
        d
    }
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
    render_with(plan, title, lang, &PlanOptions::default())
}

/// A stall's label split in two lines (`A-` over `032`) when one line would not fit its width,
/// and the length a line is squeezed to where even so it would run into the neighbours' labels
/// (a 2 m stall on a phone's street plan): the glyphs are drawn narrower, never smaller, as
/// codes stay at least 11 px high on a 390 px phone.
fn label_lines(label: &str, font: f64, width: f64) -> (Vec<String>, Option<f64>) {
    let lines: Vec<String> = label.lines().map(str::to_owned).collect();
    let chars = |ls: &[String]| ls.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let fits = |ls: &[String]| chars(ls) * font * 0.58 <= width * 1.05;
    let lines = if fits(&lines) || lines.len() != 1 {
        lines
    } else {
        match label.rsplit_once('-') {
            Some((head, tail)) => vec![format!("{head}-"), tail.to_owned()],
            None => lines,
        }
    };
    // Measured against the widest digits of the usual sans fonts (DejaVu's are 0.64 em), with
    // a tenth of the stall left between neighbours' labels.
    let squeeze = (chars(&lines) * 0.64 * font > width * 0.9).then_some(width * 0.9);
    (lines, squeeze)
}

/// A line's own squeeze: only lines longer than the squeezed length are drawn narrower.
fn squeezed(line: &str, font: f64, squeeze: Option<f64>) -> Option<String> {
    squeeze
        .filter(|&w| line.chars().count() as f64 * 0.64 * font > w)
        .map(|w| format!("{w:.2}"))
}

/// A stall placed in its segment: its path, label centre and width across the strip.
struct Placed<'s, 'a> {
    stall: &'s PlanStall<'a>,
    d: String,
    centre: (f64, f64),
    width: f64,
}

/// Renders the plan with `options`: a long narrow site as stacked segments with distance marks.
pub fn render_with(plan: &Plan<'_>, title: &str, lang: Lang, options: &PlanOptions<'_>) -> Markup {
    let Some(frame) = plan_frame::frame_of(plan.site) else {
        return html! {};
    };
    let (w, h) = (
        (frame.max.x - frame.min.x).max(1.0),
        (frame.max.y - frame.min.y).max(1.0),
    );
    let strip = frame.is_strip();
    let pad = if strip {
        1.5
    } else {
        (w.max(h) * 0.06).max(4.0)
    };
    let seg_w = if strip { frame.seg_len } else { w };
    let vw = seg_w + 2.0 * pad;
    // The smallest font that is 11 CSS px on a phone, in metres of this drawing.
    let phone_font = plan_frame::MIN_CODE_PX * vw / plan_frame::PHONE_PLAN_PX;
    let mark = if strip { phone_font * 1.6 } else { 0.0 };
    let top = if strip { mark + pad * 0.5 } else { pad };
    let row_h = h + top + pad;
    let vh = if strip {
        row_h * frame.segments as f64 + pad
    } else {
        h + 3.0 * pad
    };
    let fit = plan
        .stalls
        .first()
        .and_then(|s| s.polygon.bounding_rect())
        .map(|r| (r.width().min(r.height()) * 0.28).clamp(0.4, 3.0))
        .unwrap_or(1.0);
    let font = if strip { fit.max(phone_font) } else { fit };
    let map = Mapper {
        frame: &frame,
        pad,
        top,
    };
    let base_paths = html! {
        @for poly in &plan.site.0 {
            // Presentation attributes as well as classes: the segments show these through
            // `<use>`, whose copies the page's CSS does not reach.
            path.site d=(map.path(poly)) fill-rule="evenodd" fill="#f3efe6" stroke="#4a4a4a" stroke-width="0.2" {}
        }
        @for (kind, shape) in &plan.zones {
            @for poly in &shape.0 {
                path class=(format!("zone zone-{kind}")) d=(map.path(poly)) fill=(zone_fill(*kind))
                    stroke=(zone_stroke(*kind)) stroke-width="0.2" stroke-dasharray="0.8 0.5" {
                    title { (zone_label(*kind).get(lang)) }
                }
            }
        }
        @for aisle in plan.aisles {
            path.aisle d=(map.path(aisle)) fill="#e4e4e4" {}
        }
    };
    let wanted = options.find.filter(|f| !f.is_empty());
    let mut by_segment: Vec<Vec<Placed<'_, '_>>> =
        (0..frame.segments).map(|_| Vec::new()).collect();
    let mut found: Option<(String, usize)> = None;
    for stall in &plan.stalls {
        let centre = stall
            .polygon
            .centroid()
            .map(|c| map.at(c.0))
            .unwrap_or_default();
        let seg = frame.segment_of(centre.0 - pad + frame.min.x);
        let width = stall
            .polygon
            .exterior()
            .0
            .iter()
            .map(|c| map.at(*c).0)
            .fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        if found.is_none() && wanted.is_some_and(|f| plan_frame::code_matches(stall.code, f)) {
            found = Some((stall.code.to_owned(), seg));
        }
        by_segment[seg].push(Placed {
            stall,
            d: map.path(stall.polygon),
            centre,
            width: width.1 - width.0,
        });
    }
    let north_deg = frame.angle.to_degrees();
    let arrow = if strip { phone_font * 0.9 } else { pad * 0.35 };
    let arrow_at = if strip {
        (vw - pad - arrow, mark * 0.5 + pad * 0.25)
    } else {
        (vw - pad * 0.6, pad * 0.9)
    };
    let scale = scale_length(seg_w);
    let bar_y = vh - pad * 0.6;
    let id = format!("plan-{:x}", fnv(title) ^ (plan.stalls.len() as u64));
    html! {
        @if let Some(code) = wanted {
            @match &found {
                Some((full, seg)) => p.find-result role="status" {
                    (Msg::with("workbench-found", [
                        ("code", full.as_str().into()),
                        ("from", format!("{:.0}", *seg as f64 * frame.seg_len).into()),
                        ("to", format!("{:.0}", (*seg as f64 + 1.0) * frame.seg_len).into()),
                    ]).get(lang))
                },
                None => p.find-result.error-message role="status" { "⚠ " (Msg::with("workbench-not-found", [("code", code.into())]).get(lang)) },
            }
        }
        div.plan-zoom hidden {
            button.small type="button" data-zoom="in" aria-label=(wt::ZOOM_IN.get(lang)) { "＋" }
            button.small type="button" data-zoom="out" aria-label=(wt::ZOOM_OUT.get(lang)) { "－" }
            button.small type="button" data-zoom="reset" { (wt::ZOOM_RESET.get(lang)) }
        }
        svg.plan.plan-strip[strip] xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {vw:.2} {vh:.2}"))
            role="img" aria-labelledby="plan-title plan-desc" preserveAspectRatio="xMidYMin meet"
            data-segments=(frame.segments) data-min-font=(format!("{font:.3}"))
            data-map=(format!("{:.9} {:.4} {:.4} {pad:.4} {top:.4} {:.4} {row_h:.4}", frame.angle, frame.min.x, frame.max.y, frame.seg_len)) {
            title #plan-title { (title) }
            desc #plan-desc { (t::PLAN_DESC.get(lang)) }
            defs {
                pattern #hatch width="1" height="1" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="1" height="1" fill="#d7d7d7" {}
                    line x1="0" y1="0" x2="0" y2="1" stroke="#7a7a7a" stroke-width="0.35" {}
                }
                @if strip {
                    g id=(format!("{id}-base")) { (base_paths) }
                    @for i in 0..frame.segments {
                        clipPath id=(format!("{id}-c{i}")) {
                            rect x=(format!("{:.2}", pad * 0.4 + i as f64 * frame.seg_len)) y="0"
                                width=(format!("{:.2}", frame.seg_len + pad * 1.2)) height=(format!("{:.2}", row_h)) {}
                        }
                    }
                }
            }
            @if !strip { (base_paths) }
            @for (i, stalls) in by_segment.iter().enumerate() {
                g.segment data-segment=(i) transform=[strip.then(|| format!("translate({:.2} {:.2})", -(i as f64) * frame.seg_len, i as f64 * row_h))] {
                    @if strip {
                        use href=(format!("#{id}-base")) clip-path=(format!("url(#{id}-c{i})")) {}
                        @let x0 = pad + i as f64 * frame.seg_len;
                        g.distance {
                            line x1=(format!("{x0:.2}")) y1=(format!("{:.2}", mark)) x2=(format!("{:.2}", x0 + frame.seg_len)) y2=(format!("{:.2}", mark)) {}
                            text x=(format!("{x0:.2}")) y=(format!("{:.2}", mark * 0.7)) font-size=(format!("{phone_font:.2}")) {
                                (Msg::with("workbench-segment", [
                                    ("from", format!("{:.0}", i as f64 * frame.seg_len).into()),
                                    ("to", format!("{:.0}", (i as f64 + 1.0) * frame.seg_len).into()),
                                ]).get(lang))
                            }
                        }
                    }
                    @for Placed { stall, d, centre, width } in stalls {
                        @let hit = wanted.is_some_and(|f| plan_frame::code_matches(stall.code, f));
                        @let (lines, squeeze) = label_lines(stall.label, font, *width);
                        g class=(format!("stall {}{}", stall.look.class(), if hit { " found" } else { "" }))
                            id=[hit.then_some("found-stall")]
                            data-stall-id=[stall.id] data-code=(stall.code) {
                            title { (stall.code) }
                            path d=(d) {}
                            text x=(format!("{:.2}", centre.0)) y=(format!("{:.2}", centre.1 - font * 0.55 * (lines.len().max(1) - 1) as f64))
                                font-size=(format!("{font:.2}")) text-anchor="middle" dominant-baseline="central" {
                                @if lines.len() > 1 {
                                    @for (i, line) in lines.iter().enumerate() {
                                        @let fit = squeezed(line, font, squeeze);
                                        tspan x=(format!("{:.2}", centre.0)) dy=(if i == 0 { "0".to_owned() } else { format!("{:.2}", font * 1.1) })
                                            textLength=[fit.as_ref()] lengthAdjust=[fit.as_ref().map(|_| "spacingAndGlyphs")] { (line) }
                                    }
                                } @else {
                                    @let fit = squeezed(stall.label, font, squeeze);
                                    tspan textLength=[fit.as_ref()] lengthAdjust=[fit.as_ref().map(|_| "spacingAndGlyphs")] { (stall.label) }
                                }
                                @if stall.look == StallLook::Disabled { " ×" }
                            }
                        }
                    }
                }
            }
            // North arrow: turned with the plan.
            g.north transform=(format!("translate({:.2} {:.2}) rotate({north_deg:.1})", arrow_at.0, arrow_at.1)) {
                path d=(format!("M0 {:.2} L{:.2} {:.2} L0 {:.2} L{:.2} {:.2} Z", -arrow, arrow * 0.6, arrow, arrow * 0.5, -arrow * 0.6, arrow)) {}
                text y=(format!("{:.2}", -arrow * 1.3)) font-size=(format!("{:.2}", arrow * 0.9)) text-anchor="middle" { (t::NORTH.get(lang)) }
            }
            @if !strip {
                g.scale {
                    line x1=(format!("{:.2}", pad)) y1=(format!("{bar_y:.2}")) x2=(format!("{:.2}", pad + scale)) y2=(format!("{bar_y:.2}")) {}
                    text x=(format!("{:.2}", pad + scale / 2.0)) y=(format!("{:.2}", bar_y - pad * 0.15))
                        font-size=(format!("{:.2}", pad * 0.3)) text-anchor="middle" { (format!("{scale} m")) }
                }
            }
        }
        script src="/assets/plan.js" defer {}
    }
}

pub use plan_frame::find_param;

/// A zone's fill and outline (as in `app.css`), for the segments' `<use>` copies.
fn zone_fill(kind: ZoneKind) -> &'static str {
    match kind {
        ZoneKind::Food => "rgba(246,195,67,.15)",
        ZoneKind::Smoky => "rgba(122,31,31,.08)",
        ZoneKind::KeepClear | ZoneKind::FireLane => "rgba(163,22,26,.10)",
        ZoneKind::Other => "none",
    }
}

fn zone_stroke(kind: ZoneKind) -> &'static str {
    match kind {
        ZoneKind::Food => "#b4610f",
        ZoneKind::Smoky => "#7a1f1f",
        ZoneKind::KeepClear | ZoneKind::FireLane | ZoneKind::Other => "#a3161a",
    }
}

/// A small stable hash for ids of one plan's clip paths.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// The "find a stall" form above a plan (GET, so it works without JavaScript; `plan.js`
/// answers it in place).
pub fn find_form(lang: Lang, value: Option<&str>) -> Markup {
    html! {
        form.find-stall method="get" action="#found-stall" role="search"
            data-not-found=(Msg::with("workbench-not-found", [("code", "{code}".into())]).get(lang)) {
            label for="f-find" { (wt::FIND_STALL.get(lang)) }
            p.hint #f-find-hint { (wt::FIND_HINT.get(lang)) }
            div.find-row {
                input #f-find type="search" name="find" value=[value] autocomplete="off" autocapitalize="characters"
                    aria-describedby="f-find-hint" enterkeyhint="search";
                button type="submit" { (wt::FIND.get(lang)) }
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

    #[test]
    fn a_label_too_wide_for_its_stall_splits_then_squeezes_never_shrinking() {
        // Wide enough: one line as it is.
        assert_eq!(
            label_lines("A-012", 1.0, 4.0),
            (vec!["A-012".to_owned()], None)
        );
        // Narrower: two lines, as they are.
        assert_eq!(
            label_lines("A-012", 1.0, 2.2),
            (vec!["A-".to_owned(), "012".to_owned()], None)
        );
        // Narrower still: two lines, each squeezed to nine tenths of the stall where longer,
        // a line that fits left alone.
        let (lines, squeeze) = label_lines("A-132", 1.0, 1.2);
        assert_eq!(lines, vec!["A-".to_owned(), "132".to_owned()]);
        assert_eq!(squeeze, Some(1.2 * 0.9));
        assert_eq!(squeezed("132", 1.0, squeeze).as_deref(), Some("1.08"));
        assert_eq!(squeezed("7", 1.0, squeeze), None);
    }
}
