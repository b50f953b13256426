//! The bureau's figures on the pages: the dashboard's section on sales, vouchers and jobs
//! (charts with their tables, flagged nights counted), and `/open-data`, the page that links
//! the open data with its licence and field descriptions.

use super::charts::{Bar, amount_chart};
use super::dashboard::Dashboard;
use super::occupancy::OccupancyReport;
use super::params::GroupBy;
use crate::i18n::texts::figures as t;
use crate::sales::money::yuan_grouped;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::Router;
use axum::routing::get;
use maud::{Markup, html};

/// Five axis labels from 0 to `max_fen`, in yuan without decimals, thousands grouped as the
/// amounts beside them.
fn ticks(max_fen: i64) -> [String; 5] {
    std::array::from_fn(|i| {
        let yuan = (max_fen.max(0) * i as i64 / 4 / 100) as u64;
        format!("¥{}", crate::sales::money::grouped(yuan))
    })
}

/// Bars of sales per row of `group`, scaled to the largest.
fn bars(r: &OccupancyReport, group: GroupBy, lang: crate::i18n::Lang) -> (Vec<Bar>, i64) {
    let max = r.rows.iter().map(|r| r.sales_fen).max().unwrap_or(0).max(1);
    let bars = r
        .rows
        .iter()
        .map(|row| Bar {
            label: group.short(&row.key, &row.label, lang),
            value: row.sales_fen as f64 / max as f64,
            text: format!("¥{}", yuan_grouped(row.sales_fen)),
        })
        .collect();
    (bars, max)
}

/// One table of sales figures by row, with the totals.
fn table(
    ctx: &PageCtx,
    heading_id: &str,
    group: GroupBy,
    key: &str,
    r: &OccupancyReport,
) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-labelledby=(heading_id) { table {
            thead { tr {
                th scope="col" { (key) }
                th scope="col" { (ctx.t(t::H_SALES)) } th scope="col" { (ctx.t(t::H_VOUCHERS)) }
                th scope="col" { (ctx.t(t::H_REPORTS)) } th scope="col" { (ctx.t(t::H_JOBS)) }
                th scope="col" { (ctx.t(t::H_FLAGGED)) }
            } }
            tbody { @for row in &r.rows { tr {
                th scope="row" { (group.shown(&row.key, &row.label, ctx.lang)) }
                td { (yuan_grouped(row.sales_fen)) } td { (yuan_grouped(row.voucher_fen)) }
                td { (row.reports_filed) } td { (row.jobs) } td { (row.flagged) }
            } } }
            tfoot { tr {
                th scope="row" { (ctx.t(t::TOTAL)) }
                td { (yuan_grouped(r.totals.sales_fen)) } td { (yuan_grouped(r.totals.voucher_fen)) }
                td { (r.totals.reports_filed) } td { (r.totals.jobs) } td { (r.totals.flagged) }
            } }
        } }
    }
}

/// The dashboard's section on consumption and jobs.
pub fn sales_section(ctx: &PageCtx, d: &Dashboard, summary_link: &str) -> Markup {
    let tt = &d.totals;
    let (period_bars, period_max) = bars(&d.by_period, d.period_group, ctx.lang);
    let (site_bars, site_max) = bars(&d.by_site, GroupBy::Site, ctx.lang);
    html! {
        section aria-labelledby="h-sales" {
            h2 id="h-sales" { (ctx.t(t::SALES_TITLE)) }
            dl.figures-sales {
                div { dt { (ctx.t(t::H_SALES)) } dd { "¥" (yuan_grouped(tt.sales_fen)) } }
                div { dt { (ctx.t(t::H_VOUCHERS)) } dd { "¥" (yuan_grouped(tt.voucher_fen)) } }
                div { dt { (ctx.t(t::H_REPORTS)) } dd { (tt.reports_filed) } }
                div { dt { (ctx.t(t::H_JOBS)) } dd { (tt.jobs) } }
                div { dt { (ctx.t(t::H_FLAGGED)) } dd { (tt.flagged) } }
            }
            @if tt.flagged > 0 { p.warning { "⚠ " (ctx.t(t::FLAGGED_NOTE)) " " a href="/sales" { (ctx.t(t::FLAGGED_TITLE)) } } }
            p { a href=(summary_link) { (ctx.t(t::SUMMARY_LINK)) } }
            @if !period_bars.is_empty() {
                figure.chart-figure {
                    (amount_chart("chart-sales-period", ctx.t(t::CHART_SALES_PERIOD), ctx.t(t::CHART_SALES_DESC), &period_bars, &ticks(period_max)))
                    figcaption { (ctx.t(t::CHART_SALES_PERIOD)) }
                }
            }
            h3 id="h-sales-period" { (ctx.t(t::CHART_SALES_PERIOD)) }
            (table(ctx, "h-sales-period", d.period_group, ctx.t(d.period_group.label()), &d.by_period))
            @if !site_bars.is_empty() {
                figure.chart-figure {
                    (amount_chart("chart-sales-site", ctx.t(t::CHART_SALES_SITE), ctx.t(t::CHART_SALES_DESC), &site_bars, &ticks(site_max)))
                    figcaption { (ctx.t(t::CHART_SALES_SITE)) }
                }
            }
            h3 id="h-sales-site" { (ctx.t(t::CHART_SALES_SITE)) }
            (table(ctx, "h-sales-site", GroupBy::Site, ctx.t(crate::i18n::texts::reports::SITE), &d.by_site))
        }
    }
}

/// The open-data page.
pub fn open_data_routes() -> Router<AppState> {
    Router::new().route("/open-data", get(open_data_page))
}

/// GET /open-data: what is published, under which licence, and what each field means.
async fn open_data_page(ctx: PageCtx) -> maud::Markup {
    let title = ctx.t(t::OPEN_TITLE);
    let today = crate::clock::today();
    let fields_geo = [
        ("site_code", t::F_SITE_CODE),
        ("code", t::F_CODE),
        ("status", t::F_STATUS),
        ("category", t::F_CATEGORY),
    ];
    let fields_csv = [
        ("site", t::F_SITE),
        ("date", t::F_DATE),
        ("segment", t::F_SEGMENT),
        ("stalls", t::F_STALLS),
        ("booked", t::F_BOOKED),
        ("checked_in", t::F_CHECKED_IN),
        ("sales_yuan", t::F_SALES),
    ];
    let field_table = |id: &str, rows: &[(&str, crate::i18n::T)]| {
        html! {
            div.table-wrap tabindex="0" role="region" aria-labelledby=(id) { table {
                thead { tr { th scope="col" { (ctx.t(t::FIELD)) } th scope="col" { (ctx.t(t::MEANING)) } } }
                tbody { @for (name, meaning) in rows { tr { th scope="row" { code { (name) } } td { (ctx.t(*meaning)) } } } }
            } }
        }
    };
    let content = html! {
        p { (ctx.t(t::OPEN_INTRO)) }
        section aria-labelledby="h-open-stalls" {
            h2 id="h-open-stalls" { (ctx.t(t::OPEN_STALLS)) }
            p { a href=(format!("/api/v1/open/stalls.geojson?date={today}")) { "/api/v1/open/stalls.geojson?date=" (today) } }
            p.hint { (ctx.t(t::OPEN_STALLS_HINT)) }
            (field_table("h-open-stalls", &fields_geo))
        }
        section aria-labelledby="h-open-csv" {
            h2 id="h-open-csv" { (ctx.t(t::OPEN_CSV)) }
            p { a href="/api/v1/open/occupancy.csv" { "/api/v1/open/occupancy.csv" } }
            p.hint { (ctx.t(t::OPEN_CSV_HINT)) }
            (field_table("h-open-csv", &fields_csv))
        }
        section aria-labelledby="h-licence" {
            h2 id="h-licence" { (ctx.t(t::LICENCE_TITLE)) }
            p { (ctx.t(t::LICENCE)) " " a href="https://creativecommons.org/licenses/by/4.0/deed.zh-hans" { "CC BY 4.0" } }
            p { (ctx.t(t::PRIVACY)) }
        }
    };
    views::page(&ctx, title, content)
}
