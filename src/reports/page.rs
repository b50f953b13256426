//! `/reports`: the bureau's dashboard for a period and filters — figures in the bureau's own
//! words, a sentence ready for a report, charts with their tables, and the downloads.

use super::charts::{Bar, bar_chart, column_chart};
use super::dashboard::{Dashboard, dashboard};
use super::occupancy::{OccupancyReport, rate};
use super::params::{Checked, GroupBy, ReportQuery};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Msg, texts::reports as t};
use crate::identity::{Auth, Role};
use crate::state::AppState;
use crate::vendors::categories::{PRIORITY_GROUPS, STANDARD};
use crate::views::{self, PageCtx};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::StatusCode;
use maud::{Markup, html};

/// The report pages.
pub fn routes() -> Router<AppState> {
    Router::new().route("/reports", get(reports_page))
}

/// A rate as a percentage with one decimal.
fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// The bureau's sentence for this period.
pub fn report_sentence(d: &Dashboard, lang: Lang) -> String {
    Msg::with(
        "reports-sentence",
        [
            ("markets", d.markets.into()),
            ("stalls", d.stalls.into()),
            ("vendors", d.totals.vendors.into()),
            ("rate", pct(d.totals.occupancy_rate).into()),
        ],
    )
    .get(lang)
}

/// The query string of the checked filters, with another grouping and format.
fn link(c: &Checked, q: &ReportQuery, group: GroupBy, format: &str) -> String {
    let f = &c.filters;
    let mut pairs: Vec<(&str, String)> = vec![
        ("from", f.from.to_string()),
        ("to", f.to.to_string()),
        ("group_by", group.as_str().into()),
        ("format", format.into()),
    ];
    for (k, v) in [
        ("site", &q.site),
        ("market", &q.market),
        ("segment", &q.segment),
        ("category", &q.category),
        ("priority_group", &q.priority_group),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            pairs.push((k, v.to_owned()));
        }
    }
    format!(
        "/api/v1/reports/occupancy?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

/// A data table of a report, named by the heading `heading_id`.
fn table(
    ctx: &PageCtx,
    heading_id: &str,
    group: GroupBy,
    r: &OccupancyReport,
    totals: bool,
) -> Markup {
    html! {
        // Focusable and named: a keyboard user can scroll a table wider than the phone
        // (WCAG 2.1.1; axe `scrollable-region-focusable`).
        div.table-wrap tabindex="0" role="region" aria-labelledby=(heading_id) {
            table {
                thead { tr {
                    th scope="col" { (ctx.t(group.label())) }
                    th scope="col" { (ctx.t(t::H_SESSIONS)) }
                    th scope="col" { (ctx.t(t::H_SLOTS)) }
                    th scope="col" { (ctx.t(t::H_BOOKED)) }
                    th scope="col" { (ctx.t(t::H_CHECKED_IN)) }
                    th scope="col" { (ctx.t(t::H_RATE)) }
                    th scope="col" { (ctx.t(t::H_VENDORS)) }
                } }
                tbody {
                    @for row in &r.rows {
                        tr {
                            th scope="row" { (group.shown(&row.key, &row.label, ctx.lang)) }
                            td { (row.sessions) } td { (row.stall_slots) } td { (row.booked) }
                            td { (row.checked_in) } td { (pct(row.occupancy_rate)) } td { (row.vendors) }
                        }
                    }
                }
                @if totals {
                    tfoot { tr {
                        th scope="row" { (ctx.t(t::TOTAL)) }
                        td { (r.totals.sessions) } td { (r.totals.stall_slots) } td { (r.totals.booked) }
                        td { (r.totals.checked_in) } td { (pct(r.totals.occupancy_rate)) } td { (r.totals.vendors) }
                    } }
                }
            }
        }
    }
}

/// The markets the reader may filter by (a manager: theirs) and every site, to choose from.
pub(super) async fn choices(
    state: &AppState,
    ctx: &PageCtx,
) -> AppResult<(Vec<entity::markets::Model>, Vec<entity::sites::Model>)> {
    let visible = crate::markets::access::managed_markets(
        &state.db,
        ctx.user.as_deref().ok_or(AppError::Unauthorized)?,
    )
    .await?;
    let markets: Vec<_> = crate::markets::queries::list_markets(&state.db, 5000, 0)
        .await?
        .0
        .into_iter()
        .filter(|m| visible.as_ref().is_none_or(|v| v.contains(&m.id)))
        .collect();
    let sites = crate::sites::queries::list(&state.db, 5000, 0).await?.0;
    Ok((markets, sites))
}

/// The filter form (GET, works without JavaScript).
async fn filter_form(
    state: &AppState,
    ctx: &PageCtx,
    q: &ReportQuery,
    c: Option<&Checked>,
) -> AppResult<Markup> {
    let (markets, sites) = choices(state, ctx).await?;
    // The segments and categories of those markets, to choose from: typed, "夜" matched
    // nothing and said nothing.
    let ids: Vec<i32> = markets.iter().map(|m| m.id).collect();
    let segments: Vec<String> = {
        use entity::market_sessions;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
        market_sessions::Entity::find()
            .select_only()
            .column(market_sessions::Column::Segment)
            .distinct()
            .filter(market_sessions::Column::MarketId.is_in(ids.clone()))
            .order_by_asc(market_sessions::Column::Segment)
            .into_tuple()
            .all(&state.db)
            .await?
    };
    let extra_categories: Vec<String> = {
        use entity::market_categories;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
        let names: Vec<String> = market_categories::Entity::find()
            .select_only()
            .column(market_categories::Column::Name)
            .distinct()
            .filter(market_categories::Column::MarketId.is_in(ids.clone()))
            .order_by_asc(market_categories::Column::Name)
            .into_tuple()
            .all(&state.db)
            .await?;
        names
            .into_iter()
            .filter(|n| !STANDARD.iter().any(|s| s.name == n))
            .collect()
    };
    let from = c.map_or_else(
        || q.from.clone().unwrap_or_default(),
        |c| c.filters.from.to_string(),
    );
    let to = c.map_or_else(
        || q.to.clone().unwrap_or_default(),
        |c| c.filters.to.to_string(),
    );
    let sel = |v: &Option<String>, x: &str| v.as_deref() == Some(x);
    Ok(html! {
        form.card.filters method="get" action="/reports" {
            fieldset {
                legend { (ctx.t(t::PERIOD)) }
                div.field { label for="f-from" { (ctx.t(t::FROM)) } input id="f-from" type="date" name="from" value=(from); }
                div.field { label for="f-to" { (ctx.t(t::TO)) } input id="f-to" type="date" name="to" value=(to); }
            }
            div.field { label for="f-site" { (ctx.t(t::SITE)) }
                select id="f-site" name="site" {
                    option value="" { (ctx.t(t::ALL)) }
                    @for s in &sites { option value=(s.id) selected[sel(&q.site, &s.id.to_string())] { (s.name) " (" (s.code) ")" } }
                } }
            div.field { label for="f-market" { (ctx.t(t::MARKET)) }
                select id="f-market" name="market" {
                    option value="" { (ctx.t(t::ALL)) }
                    @for m in &markets { option value=(m.id) selected[sel(&q.market, &m.id.to_string())] { (m.name) } }
                } }
            div.field { label for="f-segment" { (ctx.t(t::SEGMENT)) }
                select id="f-segment" name="segment" {
                    option value="" { (ctx.t(t::ALL)) }
                    @for s in &segments { option value=(s) selected[sel(&q.segment, s)] { (s) } }
                } }
            div.field { label for="f-category" { (ctx.t(t::CATEGORY)) }
                select id="f-category" name="category" {
                    option value="" { (ctx.t(t::ALL)) }
                    @for cat in STANDARD { option value=(cat.name) selected[sel(&q.category, cat.name)] { (cat.label.get(ctx.lang)) } }
                    @for cat in &extra_categories { option value=(cat) selected[sel(&q.category, cat)] { (cat) } }
                } }
            div.field { label for="f-priority" { (ctx.t(t::PRIORITY_GROUP)) }
                select id="f-priority" name="priority_group" {
                    option value="" { (ctx.t(t::ALL)) }
                    @for g in PRIORITY_GROUPS { option value=(g.code) selected[sel(&q.priority_group, g.code)] { (g.label.get(ctx.lang)) } }
                } }
            button.primary type="submit" { (ctx.t(t::SHOW)) }
        }
    })
}

/// The figures, sentence, charts and tables.
fn body(ctx: &PageCtx, c: &Checked, q: &ReportQuery, d: &Dashboard) -> Markup {
    let tt = &d.totals;
    let figures: Vec<(crate::i18n::T, String)> = vec![
        (t::MARKETS_OPERATING, d.markets.to_string()),
        (t::SITES_OPERATING, d.sites.to_string()),
        (t::STALLS_OFFERED, d.stalls.to_string()),
        (t::SLOTS_OFFERED, tt.stall_slots.to_string()),
        (t::BOOKED, tt.booked.to_string()),
        (t::CHECKED_IN, tt.checked_in.to_string()),
        (t::OCCUPANCY, pct(tt.occupancy_rate)),
        // No night opened yet (a month to come): nothing to divide, not 0 %.
        (
            t::ATTENDANCE,
            if tt.checked_in + d.no_shows == 0 {
                "—".to_owned()
            } else {
                pct(d.attendance())
            },
        ),
        (t::VENDORS, tt.vendors.to_string()),
        (t::NEW_VENDORS, d.new_vendors.to_string()),
        (t::CANCELLED_BY_VENDOR, d.cancelled_by_vendor.to_string()),
        (t::CANCELLED_BY_MANAGER, d.cancelled_by_manager.to_string()),
        (t::SESSIONS_CANCELLED, d.sessions_cancelled.to_string()),
        (t::NO_SHOWS, d.no_shows.to_string()),
        (t::APPLICATIONS, d.applications.to_string()),
        (t::APPROVED, d.approved.to_string()),
        (t::WAITLISTED, d.waitlisted.to_string()),
        (t::REJECTED, d.rejected.to_string()),
    ];
    let period_bars: Vec<Bar> = d
        .by_period
        .rows
        .iter()
        .map(|r| Bar {
            label: d.period_group.short(&r.key, &r.label, ctx.lang),
            value: r.occupancy_rate,
            text: pct(r.occupancy_rate),
        })
        .collect();
    let booked_all: u64 = d.by_category.rows.iter().map(|r| r.booked).sum();
    let mix_bars: Vec<Bar> = d
        .by_category
        .rows
        .iter()
        .map(|r| Bar {
            label: crate::vendors::categories::shown(&r.label, ctx.lang),
            value: rate(r.booked, booked_all),
            text: pct(rate(r.booked, booked_all)),
        })
        .collect();
    let period_title = if d.period_group == GroupBy::Month {
        t::BY_MONTH
    } else {
        t::BY_WEEK
    };
    let summary_href = format!(
        "/reports/summary?from={}&to={}{}",
        c.filters.from,
        c.filters.to,
        c.filters
            .market
            .map(|m| format!("&market_id={m}"))
            .unwrap_or_default()
            + &c.filters
                .site
                .map(|s| format!("&site_id={s}"))
                .unwrap_or_default()
    );
    html! {
        section.summary aria-labelledby="h-summary" {
            h2 id="h-summary" { (ctx.t(t::SUMMARY)) " · " (c.filters.from) " – " (c.filters.to) }
            figure.copy {
                blockquote id="report-sentence" { (report_sentence(d, ctx.lang)) }
                // A period not over counts the nights booked ahead too (planned occupancy): not
                // what a report of what happened says, so the clerk is sent to the summary,
                // which counts the nights held so far.
                @if c.filters.to >= crate::clock::today() {
                    figcaption.warning { "⚠ " (ctx.t(t::PLANNED_NOT_HELD)) " "
                        a href=(summary_href) { (ctx.t(t::TO_SUMMARY)) } }
                } @else {
                    figcaption { (ctx.t(t::FOR_REPORT)) }
                }
            }
            dl.figures {
                @for (label, value) in &figures { div { dt { (ctx.t(*label)) } dd { (value) } } }
            }
        }
        (super::figures_page::sales_section(ctx, d, &summary_href))
        section aria-labelledby="h-period" {
            h2 id="h-period" { (ctx.t(period_title)) }
            @if period_bars.is_empty() { p { (ctx.t(t::NO_DATA)) } } @else {
                figure.chart-figure {
                    (column_chart(ctx.t(period_title), ctx.t(t::CHART_PERIOD), &period_bars))
                    figcaption { (ctx.t(t::CHART_PERIOD)) }
                }
            }
            (table(ctx, "h-period", d.period_group, &d.by_period, true))
        }
        section aria-labelledby="h-category" {
            h2 id="h-category" { (ctx.t(t::BY_CATEGORY)) }
            @if !mix_bars.is_empty() {
                figure.chart-figure {
                    (bar_chart(ctx.t(t::BY_CATEGORY), ctx.t(t::CHART_MIX), &mix_bars))
                    figcaption { (ctx.t(t::CHART_MIX)) }
                }
            }
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::BY_CATEGORY)) { table {
                thead { tr {
                    th scope="col" { (ctx.t(t::CATEGORY)) } th scope="col" { (ctx.t(t::H_BOOKED)) }
                    th scope="col" { (ctx.t(t::SHARE)) } th scope="col" { (ctx.t(t::H_VENDORS)) }
                } }
                tbody { @for r in &d.by_category.rows { tr {
                    th scope="row" { (crate::vendors::categories::shown(&r.label, ctx.lang)) } td { (r.booked) } td { (pct(rate(r.booked, booked_all))) } td { (r.vendors) }
                } } }
            } }
        }
        section aria-labelledby="h-segment" {
            h2 id="h-segment" { (ctx.t(t::BY_SEGMENT)) }
            (table(ctx, "h-segment", GroupBy::Segment, &d.by_segment, true))
        }
        section aria-labelledby="h-site" {
            h2 id="h-site" { (ctx.t(t::BY_SITE)) }
            (table(ctx, "h-site", GroupBy::Site, &d.by_site, true))
        }
        section aria-labelledby="h-priority" {
            h2 id="h-priority" { (ctx.t(t::BY_PRIORITY)) }
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::BY_PRIORITY)) { table {
                thead { tr { th scope="col" { (ctx.t(t::PRIORITY_GROUP)) } th scope="col" { (ctx.t(t::H_VENDORS)) } } }
                tbody { @for (code, n) in &d.by_priority {
                    @let label = crate::vendors::categories::find_priority_group(code).map_or(*code, |g| g.label.get(ctx.lang));
                    tr { th scope="row" { (label) } td { (n) } }
                } }
            } }
        }
        section.downloads aria-labelledby="h-downloads" {
            h2 id="h-downloads" { (ctx.t(t::DOWNLOADS)) }
            ul {
                @for g in GroupBy::ALL {
                    li { (ctx.t(g.label())) (ctx.lang.colon())
                        a href=(link(c, q, g, "csv")) { (ctx.t(t::DOWNLOAD_CSV)) } " · "
                        a href=(link(c, q, g, "xlsx")) { (ctx.t(t::DOWNLOAD_XLSX)) } }
                }
            }
            p.hint { (ctx.t(t::PRINT_HINT)) }
        }
    }
}

/// GET /reports (bureau, admin, manager for their own markets).
async fn reports_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    auth.require(&[Role::Bureau, Role::Admin, Role::Manager])?;
    let today = crate::clock::today();
    let title = ctx.t(t::TITLE);
    match q.check(&state.db, &auth, today).await {
        Ok(c) => {
            let d = dashboard(
                &state.db,
                &state.caches.of(),
                &c.filters,
                chrono::Utc::now(),
            )
            .await?;
            let form = filter_form(&state, &ctx, &q, Some(&c)).await?;
            let content = html! { (form) (body(&ctx, &c, &q, &d)) };
            Ok(views::page(&ctx, title, content).into_response())
        }
        Err(err @ AppError::Invalid { .. }) => {
            let form = filter_form(&state, &ctx, &q, None).await?;
            let content = html! {
                p.error-message role="alert" { "⚠ " (err.message(ctx.lang)) }
                (form)
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                views::page(&ctx, title, content),
            )
                .into_response())
        }
        Err(err) => Err(err),
    }
}
