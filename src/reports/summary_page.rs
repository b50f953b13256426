//! `/reports/summary`: the period summary as a page — the paragraph ready to paste, the figures
//! beside the previous period's, a plain-text copy, a Word document (`.doc`, HTML that Word and
//! WPS open) and a print view.

use super::api::SummaryQuery;
use super::summary::{PeriodFigures, Summary, summary};
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, texts::figures as t};
use crate::identity::{Auth, Role};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{StatusCode, header};
use maud::{DOCTYPE, Markup, html};

/// The summary pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/reports/summary", get(summary_page))
        .route("/reports/summary.doc", get(summary_doc))
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// The use rate, or "—" for a period in which no market was held (0 of 0 is no rate).
fn rate(f: &PeriodFigures) -> String {
    if f.markets == 0 {
        "—".to_owned()
    } else {
        pct(f.occupancy_rate)
    }
}

/// A count with its thousands grouped, as the paragraph above and the report page write it.
fn n(v: u64) -> String {
    crate::sales::money::grouped(v)
}

/// An amount (`207193.90`) with its thousands grouped (`207,193.90`).
fn yuan(s: &str) -> String {
    let (whole, cents) = s.split_once('.').unwrap_or((s, "00"));
    match whole.parse::<u64>() {
        Ok(w) => format!("{}.{cents}", n(w)),
        Err(_) => s.to_owned(),
    }
}

/// The figures in rows: label, this period, the previous one.
fn rows(c: &PeriodFigures, p: &PeriodFigures) -> Vec<(crate::i18n::T, String, String)> {
    vec![
        (t::S_MARKETS, n(c.markets), n(p.markets)),
        (t::S_SITES, n(c.sites), n(p.sites)),
        (t::S_STALLS, n(c.stalls), n(p.stalls)),
        (t::S_VENDORS, n(c.vendors_settled), n(p.vendors_settled)),
        (t::S_NEW_VENDORS, n(c.new_vendors), n(p.new_vendors)),
        (t::S_JOBS, n(c.jobs), n(p.jobs)),
        (t::S_OCCUPANCY, rate(c), rate(p)),
        (t::S_SALES, yuan(&c.sales_yuan), yuan(&p.sales_yuan)),
        (t::S_VOUCHERS, yuan(&c.voucher_yuan), yuan(&p.voucher_yuan)),
        (t::S_REPORTS, n(c.reports_filed), n(p.reports_filed)),
    ]
}

fn figures_table(lang: Lang, s: &Summary) -> Markup {
    let (c, p) = (&s.current, &s.previous);
    html! {
        table.summary-figures {
            caption { (t::S_TABLE.get(lang)) }
            thead { tr {
                th scope="col" { (t::S_FIGURE.get(lang)) }
                th scope="col" { (t::S_THIS.get(lang)) " " (c.from) " – " (c.to) }
                th scope="col" { (t::S_PREVIOUS.get(lang)) " " (p.from) " – " (p.to) }
            } }
            tbody { @for (label, now, before) in rows(c, p) {
                tr { th scope="row" { (label.get(lang)) } td { (now) } td { (before) } }
            } }
        }
    }
}

/// The query string again, for the links.
fn query_string(q: &SummaryQuery, s: &Summary) -> String {
    let mut pairs = vec![
        ("from", s.current.from.to_string()),
        ("to", s.current.to.to_string()),
    ];
    for (k, v) in [("market_id", &q.market_id), ("site_id", &q.site_id)] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            pairs.push((k, v.to_owned()));
        }
    }
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

async fn load(state: &AppState, auth: &Auth, q: &SummaryQuery) -> AppResult<Summary> {
    auth.require(&[Role::Bureau, Role::Admin, Role::Manager])?;
    let checked = q
        .as_report_query()
        .check(&state.db, auth, crate::clock::today())
        .await?;
    Ok(summary(
        &state.db,
        &state.caches.of(),
        &checked.filters,
        chrono::Utc::now(),
    )
    .await?)
}

fn form(
    ctx: &PageCtx,
    q: &SummaryQuery,
    s: Option<&Summary>,
    (markets, sites): &(Vec<entity::markets::Model>, Vec<entity::sites::Model>),
) -> Markup {
    let sel =
        |v: &Option<String>, x: i32| v.as_deref().map(str::trim) == Some(x.to_string().as_str());
    let from = s.map_or_else(
        || q.from.clone().unwrap_or_default(),
        |s| s.current.from.to_string(),
    );
    let to = s.map_or_else(
        || q.to.clone().unwrap_or_default(),
        |s| s.current.to.to_string(),
    );
    html! {
        form.card.filters method="get" action="/reports/summary" {
            div.field { label for="f-from" { (ctx.t(t::FROM)) } input id="f-from" type="date" name="from" value=(from); }
            div.field { label for="f-to" { (ctx.t(t::TO)) } input id="f-to" type="date" name="to" value=(to); }
            // Chosen by name, as on the reports page (a clerk does not know the numbers).
            div.field { label for="f-market" { (ctx.t(crate::i18n::texts::reports::MARKET)) }
                select id="f-market" name="market_id" {
                    option value="" { (ctx.t(crate::i18n::texts::reports::ALL)) }
                    @for m in markets { option value=(m.id) selected[sel(&q.market_id, m.id)] { (m.name) } }
                } }
            div.field { label for="f-site" { (ctx.t(crate::i18n::texts::reports::SITE)) }
                select id="f-site" name="site_id" {
                    option value="" { (ctx.t(crate::i18n::texts::reports::ALL)) }
                    @for st in sites { option value=(st.id) selected[sel(&q.site_id, st.id)] { (st.name) " (" (st.code) ")" } }
                } }
            button.primary type="submit" { (ctx.t(t::SHOW)) }
        }
    }
}

/// GET /reports/summary.
async fn summary_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(q): Query<SummaryQuery>,
) -> AppResult<Response> {
    let title = ctx.t(t::SUMMARY_TITLE);
    let choices = super::page::choices(&state, &ctx).await?;
    match load(&state, &auth, &q).await {
        Ok(s) => {
            let text = if ctx.lang == Lang::Zh {
                &s.text_zh
            } else {
                &s.text_en
            };
            let qs = query_string(&q, &s);
            let content = html! {
                (form(&ctx, &q, Some(&s), &choices))
                section.summary-print aria-labelledby="h-paragraph" {
                    h2 id="h-paragraph" { (ctx.t(t::PARAGRAPH)) }
                    figure.copy {
                        blockquote id="summary-text" lang=(ctx.lang.tag()) { (text) }
                        figcaption { (ctx.t(t::PARAGRAPH_HINT)) }
                    }
                    (figures_table(ctx.lang, &s))
                }
                section.noprint aria-labelledby="h-copy" {
                    h2 id="h-copy" { (ctx.t(t::COPIES)) }
                    div.field {
                        label for="copy-zh" { (ctx.t(t::PLAIN_ZH)) }
                        textarea id="copy-zh" lang="zh-CN" readonly rows="5" { (s.text_zh) }
                    }
                    div.field {
                        label for="copy-en" { (ctx.t(t::PLAIN_EN)) }
                        textarea id="copy-en" lang="en" readonly rows="5" { (s.text_en) }
                    }
                    ul {
                        li { a href=(format!("/reports/summary.doc?{qs}")) { (ctx.t(t::DOWNLOAD_DOC)) } }
                        li { a href=(format!("/api/v1/reports/summary?{qs}")) { (ctx.t(t::DOWNLOAD_JSON)) } }
                    }
                    p.hint { (ctx.t(t::PRINT_HINT)) }
                }
            };
            Ok(views::page(&ctx, title, content).into_response())
        }
        Err(err @ AppError::Invalid { .. }) => {
            let content = html! {
                p.error-message role="alert" { "⚠ " (err.message(ctx.lang)) }
                (form(&ctx, &q, None, &choices))
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

/// GET /reports/summary.doc: the paragraph and figures as a Word document (HTML with Word's
/// media type, which Word and WPS open as a document).
async fn summary_doc(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(q): Query<SummaryQuery>,
) -> AppResult<Response> {
    let s = load(&state, &auth, &q).await?;
    let lang = ctx.lang;
    let text = if lang == Lang::Zh {
        &s.text_zh
    } else {
        &s.text_en
    };
    let doc = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                title { (t::SUMMARY_TITLE.get(lang)) }
                style { "body{font-family:'FangSong','仿宋',serif;font-size:16pt;line-height:1.8}table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px 8px}" }
            }
            body {
                h1 { (t::SUMMARY_TITLE.get(lang)) " " (s.current.from) " – " (s.current.to) }
                p { (text) }
                (figures_table(lang, &s))
            }
        }
    };
    let name = format!("summary-{}-{}.doc", s.current.from, s.current.to);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/msword; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        format!("\u{feff}{}", doc.into_string()),
    )
        .into_response())
}
