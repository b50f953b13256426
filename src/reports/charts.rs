//! Hand-written SVG charts for the dashboard: bars of a rate per period and a category mix.
//! Labels are plain text the browser renders (Chinese included); every chart is paired with
//! its data table on the page, and carries a `<title>` and `<desc>` for screen readers.

use maud::{Markup, html};

/// One bar: label, value in 0..=1, and the text shown on it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Under the bar (or beside it).
    pub label: String,
    /// Fraction 0..=1 (clamped).
    pub value: f64,
    /// Printed at the bar's end.
    pub text: String,
}

/// Vertical bars (one per period), the y axis from 0 to 100 %.
pub fn column_chart(title: &str, desc: &str, bars: &[Bar]) -> Markup {
    let (w, h, left, bottom, top) = (640.0, 240.0, 36.0, 40.0, 16.0);
    let plot_h = h - bottom - top;
    let step = (w - left - 8.0) / bars.len().max(1) as f64;
    let bar_w = (step * 0.7).max(2.0);
    let show_every = (bars.len() / 12).max(1);
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby="chart-period-t chart-period-d" {
            title id="chart-period-t" { (title) }
            desc id="chart-period-d" { (desc) }
            @for tick in [0.0, 0.25, 0.5, 0.75, 1.0_f64] {
                @let y = top + plot_h * (1.0 - tick);
                line.grid x1=(left) x2=(w - 4.0) y1=(y) y2=(y) {}
                text.axis x=(left - 4.0) y=(y + 4.0) text-anchor="end" { (format!("{:.0}%", tick * 100.0)) }
            }
            @for (i, b) in bars.iter().enumerate() {
                @let v = b.value.clamp(0.0, 1.0);
                @let x = left + step * i as f64 + (step - bar_w) / 2.0;
                @let bh = plot_h * v;
                rect.bar x=(format!("{x:.1}")) y=(format!("{:.1}", top + plot_h - bh)) width=(format!("{bar_w:.1}")) height=(format!("{bh:.1}")) {
                    title { (b.label) ": " (b.text) }
                }
                @if i % show_every == 0 {
                    text.axis x=(format!("{:.1}", x + bar_w / 2.0)) y=(h - bottom + 14.0) text-anchor="middle" { (b.label) }
                }
            }
        }
    }
}

/// Horizontal bars (one per category) with the share printed beside each.
pub fn bar_chart(title: &str, desc: &str, bars: &[Bar]) -> Markup {
    let row = 26.0;
    let (w, left) = (640.0, 120.0);
    let h = row * bars.len().max(1) as f64 + 8.0;
    let plot_w = w - left - 70.0;
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby="chart-mix-t chart-mix-d" {
            title id="chart-mix-t" { (title) }
            desc id="chart-mix-d" { (desc) }
            @for (i, b) in bars.iter().enumerate() {
                @let y = 4.0 + row * i as f64;
                @let bw = plot_w * b.value.clamp(0.0, 1.0);
                text.axis x=(left - 6.0) y=(y + 16.0) text-anchor="end" { (b.label) }
                rect.bar.mix x=(left) y=(y + 3.0) width=(format!("{bw:.1}")) height=(row - 8.0) {}
                text.axis x=(format!("{:.1}", left + bw + 6.0)) y=(y + 16.0) { (b.text) }
            }
        }
    }
}

/// Vertical bars of amounts (one per period or site): `bars` carry their share of `max`, the
/// axis is labelled with `ticks` (five labels, 0 to max); `id` keeps the chart's title and
/// description ids unique on the page.
pub fn amount_chart(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    ticks: &[String; 5],
) -> Markup {
    let (w, h, left, bottom, top) = (640.0, 240.0, 64.0, 40.0, 16.0);
    let plot_h = h - bottom - top;
    let step = (w - left - 8.0) / bars.len().max(1) as f64;
    let bar_w = (step * 0.7).max(2.0);
    let show_every = (bars.len() / 12).max(1);
    let (tid, did) = (format!("{id}-t"), format!("{id}-d"));
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-labelledby=(format!("{tid} {did}")) {
            title id=(tid) { (title) }
            desc id=(did) { (desc) }
            @for (i, tick) in ticks.iter().enumerate() {
                @let y = top + plot_h * (1.0 - i as f64 / 4.0);
                line.grid x1=(left) x2=(w - 4.0) y1=(y) y2=(y) {}
                text.axis x=(left - 4.0) y=(y + 4.0) text-anchor="end" { (tick) }
            }
            @for (i, b) in bars.iter().enumerate() {
                @let v = b.value.clamp(0.0, 1.0);
                @let x = left + step * i as f64 + (step - bar_w) / 2.0;
                @let bh = plot_h * v;
                rect.bar.sales x=(format!("{x:.1}")) y=(format!("{:.1}", top + plot_h - bh)) width=(format!("{bar_w:.1}")) height=(format!("{bh:.1}")) {
                    title { (b.label) ": " (b.text) }
                }
                @if i % show_every == 0 {
                    text.axis x=(format!("{:.1}", x + bar_w / 2.0)) y=(h - bottom + 14.0) text-anchor="middle" { (b.label) }
                }
            }
        }
    }
}
