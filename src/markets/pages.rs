//! `/markets` (list; create form for managers), `/markets/{id}` (calendar of sessions).

use super::api::{Range, SessionItem, market_items, session_items};
use super::create::{self, NewMarket, ScheduleIn, SegmentIn};
use super::queries;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::markets as t;
use crate::identity::{Auth, Role};
use crate::registry::Registry;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::Duration;
use entity::market_sessions::SessionStatus;
use entity::markets::MarketKind;
use http::StatusCode;
use maud::{Markup, html};
use std::collections::HashMap;
use std::sync::Arc;

/// The market pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/markets", get(markets_page).post(create_submit))
        .route("/markets/{id}", get(calendar_page))
}

/// The kind of a market in words.
pub fn kind_label(kind: &MarketKind) -> crate::i18n::T {
    match kind {
        MarketKind::Mobile => t::MOBILE,
        MarketKind::Fixed => t::FIXED,
    }
}

/// A session's status in words.
pub fn status_label(status: &SessionStatus) -> crate::i18n::T {
    match status {
        SessionStatus::Cancelled => t::CANCELLED,
        SessionStatus::Scheduled => t::SCHEDULED,
    }
}

/// The create form as submitted.
#[derive(Debug, Default, Clone)]
struct MarketForm {
    name: String,
    kind: String,
    segment: String,
    start: String,
    end: String,
    site_id: String,
    weekdays: Vec<String>,
    from: String,
    to: String,
    self_select: bool,
}

impl MarketForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = MarketForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "kind" => f.kind = v,
                "segment" => f.segment = v,
                "start" => f.start = v,
                "end" => f.end = v,
                "site_id" => f.site_id = v,
                "weekdays" => f.weekdays.push(v),
                "from" => f.from = v,
                "to" => f.to = v,
                "self_select" => f.self_select = true,
                _ => {}
            }
        }
        f
    }

    fn to_new_market(&self) -> AppResult<NewMarket> {
        let site_id = self
            .site_id
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("unknown_site", "site_id", t::SITE_UNKNOWN))?;
        let weekdays = self
            .weekdays
            .iter()
            .map(|w| w.trim().parse::<i64>().unwrap_or(0))
            .collect();
        Ok(NewMarket {
            name: self.name.clone(),
            kind: self.kind.clone(),
            segments: vec![SegmentIn {
                name: self.segment.clone(),
                start: self.start.clone(),
                end: self.end.clone(),
            }],
            schedule: vec![ScheduleIn {
                site_id,
                segment: self.segment.clone(),
                weekdays,
                from: self.from.clone(),
                to: self.to.clone(),
            }],
            categories: None,
            self_select: self.self_select,
        })
    }
}

async fn render_list(
    state: &AppState,
    ctx: &PageCtx,
    form: &MarketForm,
    error: Option<&AppError>,
) -> AppResult<Markup> {
    let (rows, _) = queries::list_markets(&state.db, 5000, 0).await?;
    let items = market_items(&state.db, rows).await?;
    let sites = crate::sites::queries::list(&state.db, 5000, 0).await?.0;
    let staff = matches!(ctx.role(), Some(Role::Admin | Role::Manager));
    let err = |f: &str| {
        error
            .filter(|e| e.field().is_some_and(|x| x.ends_with(f)))
            .map(|e| e.message(ctx.lang))
    };
    let general = error.filter(|e| e.field().is_none() || matches!(e, AppError::Conflict { .. }));
    Ok(html! {
        @if items.is_empty() { p { (ctx.t(t::NO_MARKETS)) } }
        ul.cards {
            @for m in &items {
                li {
                    a href=(format!("/markets/{}", m.id)) { strong { (m.name) } }
                    " · " (kind_label(&m.kind).get(ctx.lang))
                    @for s in &m.segments { " · " (s.name) " " (s.start) "–" (s.end) }
                }
            }
        }
        @if staff {
            section {
                h2 { (ctx.t(t::NEW_MARKET)) }
                @if let Some(e) = general { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
                form.card method="post" action="/markets" {
                    (csrf_field(ctx))
                    (Input { name: "name", label: ctx.t(t::NAME), value: &form.name, error: err("name").as_deref(), required: true, ..Default::default() }.render())
                    div.field {
                        label for="f-kind" { (ctx.t(t::KIND)) }
                        select id="f-kind" name="kind" {
                            option value=(MarketKind::Fixed) selected[form.kind != MarketKind::Mobile.as_str()] { (ctx.t(t::FIXED)) }
                            option value=(MarketKind::Mobile) selected[form.kind == MarketKind::Mobile.as_str()] { (ctx.t(t::MOBILE)) }
                        }
                    }
                    (Input { name: "segment", label: ctx.t(t::SEGMENT_NAME), value: &form.segment, error: err("segments[0].name").as_deref(), required: true, ..Default::default() }.render())
                    (Input { name: "start", label: ctx.t(t::START), value: &form.start, kind: "time", error: err("start").as_deref(), required: true, ..Default::default() }.render())
                    (Input { name: "end", label: ctx.t(t::END), value: &form.end, kind: "time", error: err("end").as_deref(), required: true, ..Default::default() }.render())
                    div.field {
                        label for="f-site" { (ctx.t(t::SITE)) }
                        select id="f-site" name="site_id" {
                            @for s in &sites { option value=(s.id) selected[form.site_id == s.id.to_string()] { (s.name) " (" (s.code) ")" } }
                        }
                    }
                    fieldset.field {
                        legend { (ctx.t(t::WEEKDAYS)) }
                        @for (i, name) in t::WEEKDAY_NAMES.iter().enumerate() {
                            @let value = (i + 1).to_string();
                            label.check { input type="checkbox" name="weekdays" value=(value) checked[form.weekdays.contains(&value)]; " " (name.get(ctx.lang)) }
                        }
                        @if let Some(e) = err("weekdays") { p.error role="alert" { "⚠ " (e) } }
                    }
                    (Input { name: "from", label: ctx.t(t::FROM), value: &form.from, kind: "date", error: err("from").as_deref(), required: true, ..Default::default() }.render())
                    (Input { name: "to", label: ctx.t(t::TO), value: &form.to, kind: "date", error: err("to").as_deref(), required: true, ..Default::default() }.render())
                    label.check { input type="checkbox" name="self_select" value="1" checked[form.self_select]; " " (ctx.t(t::SELF_SELECT)) }
                    button.primary type="submit" { (ctx.t(t::CREATE)) }
                }
            }
        }
    })
}

/// GET /markets (anyone).
async fn markets_page(State(state): State<AppState>, ctx: PageCtx) -> AppResult<Markup> {
    let body = render_list(&state, &ctx, &MarketForm::default(), None).await?;
    Ok(views::page(&ctx, ctx.t(t::TITLE), body))
}

/// POST /markets: on success to the new market's calendar; otherwise the form with the error.
async fn create_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    auth.require_staff_writer()?;
    let form = MarketForm::from_pairs(pairs);
    let result = async {
        let new = form.to_new_market()?;
        let txn = begin_write(&state.db).await?;
        let market = create::create(&txn, Some(auth.id), new).await?;
        txn.commit().await?;
        Ok::<_, AppError>(market)
    }
    .await;
    match result {
        Ok(market) => Ok(Redirect::to(&format!("/markets/{}", market.id)).into_response()),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let status = e.status();
            let body = render_list(&state, &ctx, &form, Some(&e)).await?;
            Ok((status, views::page(&ctx, ctx.t(t::TITLE), body)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// GET /markets/{id}?from=: four weeks of sessions (anyone).
async fn calendar_page(
    State(state): State<AppState>,
    Extension(registry): Extension<Arc<Registry>>,
    ctx: PageCtx,
    PathId(id): PathId,
    Query(range): Query<Range>,
) -> AppResult<Response> {
    let market = queries::find_market(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (from, _) = range.dates()?;
    let to = from + Duration::days(27);
    let (rows, _) = queries::list_sessions(&state.db, id, from, to, 5000, 0).await?;
    let items: Vec<SessionItem> = session_items(&state.db, rows).await?;
    let sites: HashMap<i32, String> = crate::sites::queries::list(&state.db, 5000, 0)
        .await?
        .0
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let weekday = |d: &str| {
        super::schedule::parse_date(d)
            .map(|d| {
                use chrono::Datelike;
                t::WEEKDAY_NAMES[d.weekday().num_days_from_monday() as usize].get(ctx.lang)
            })
            .unwrap_or("")
    };
    // Sections of features above markets (allocations), contributed through the registry.
    let contributed = registry.render_market(&state, &ctx, &market).await?;
    let body = html! {
        p { (kind_label(&market.kind).get(ctx.lang)) }
        h2 { (ctx.t(t::CALENDAR)) " " (from) " – " (to) }
        p.actions {
            a.button.small href=(format!("/markets/{id}?from={}", from - Duration::days(28))) { (ctx.t(t::EARLIER)) }
            " "
            a.button.small href=(format!("/markets/{id}?from={}", from + Duration::days(28))) { (ctx.t(t::LATER)) }
        }
        @if items.is_empty() { p { (ctx.t(t::NO_SESSIONS)) } } @else {
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::CALENDAR)) { table {
                thead { tr {
                    th { (ctx.t(t::DATE)) } th { (ctx.t(t::SEGMENTS)) } th { (ctx.t(t::TIME)) }
                    th { (ctx.t(t::SITE)) } th { (ctx.t(t::STATUS)) } th.num { (ctx.t(t::STALLS)) }
                } }
                tbody { @for s in &items { tr {
                    td { a href=(format!("/sessions/{}", s.id)) { (s.date) " " (weekday(&s.date)) } }
                    td { (s.segment) }
                    td { (s.start) "–" (s.end) }
                    td { (sites.get(&s.site_id).map_or("", String::as_str)) }
                    td { (status_label(&s.status).get(ctx.lang)) }
                    td.num { (s.stalls_booked) " / " (s.stalls_total) }
                } } }
            } }
        }
        @for section in &contributed { (section) }
    };
    Ok((StatusCode::OK, views::page(&ctx, &market.name, body)).into_response())
}
