//! `/markets` (list; a link to the new-market form for managers), `/markets/{id}` (calendar of
//! sessions, closures, a link to the schedule editor for its managers).

use super::api::{SessionItem, market_items, session_items};
use super::queries;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::markets as t;
use crate::identity::Role;
use crate::registry::Registry;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::Extension;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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
        .route("/markets", get(markets_page))
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

/// The hours of each (market, segment) from today: the next scheduled session's, and the
/// first date on which they change, with the new hours (new hours set from a later date: the
/// segment shows the new ones, tonight keeps the old). Nights called off count for the date:
/// winter hours from the 14th with the market closed that week still start on the 14th, as
/// the vendors were told.
async fn hours_ahead(
    db: &impl sea_orm::ConnectionTrait,
    ids: &[i32],
) -> AppResult<HashMap<(i32, String), Ahead>> {
    use entity::market_sessions as ms;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let today = crate::clock::today();
    let tz = crate::clock::shanghai();
    let rows = ms::Entity::find()
        .filter(ms::Column::MarketId.is_in(ids.to_vec()))
        .filter(ms::Column::BusinessDate.gte(today))
        .filter(ms::Column::BusinessDate.lte(today + Duration::days(120)))
        .order_by_asc(ms::Column::BusinessDate)
        .all(db)
        .await?;
    let hours = |s: &ms::Model| {
        format!(
            "{}–{}",
            s.starts_at.with_timezone(&tz).format("%H:%M"),
            s.ends_at.with_timezone(&tz).format("%H:%M")
        )
    };
    let mut out: HashMap<(i32, String), Ahead> = HashMap::new();
    for s in rows.iter().filter(|s| s.status == SessionStatus::Scheduled) {
        out.entry((s.market_id, s.segment.clone()))
            .or_insert_with(|| Ahead {
                now: hours(s),
                change: None,
            });
    }
    for s in &rows {
        let Some(ahead) = out.get_mut(&(s.market_id, s.segment.clone())) else {
            continue;
        };
        let h = hours(s);
        if ahead.change.is_none() && h != ahead.now {
            ahead.change = Some((s.business_date.to_string(), h));
        }
    }
    Ok(out)
}

/// A segment's hours from today: now, and the first change ahead (date, hours).
struct Ahead {
    now: String,
    change: Option<(String, String)>,
}

async fn render_list(state: &AppState, ctx: &PageCtx) -> AppResult<Markup> {
    let (rows, _) = queries::list_markets(&state.db, 5000, 0).await?;
    let ids: Vec<i32> = rows.iter().map(|m| m.id).collect();
    let ahead = hours_ahead(&state.db, &ids).await?;
    let items = market_items(&state.db, rows).await?;
    let staff = matches!(ctx.role(), Some(Role::Admin | Role::Manager));
    Ok(html! {
        @if items.is_empty() { p { (ctx.t(t::NO_MARKETS)) } }
        ul.cards {
            @for m in &items {
                li {
                    a href=(format!("/markets/{}", m.id)) { strong { (m.name) } }
                    " · " (kind_label(&m.kind).get(ctx.lang))
                    @for s in &m.segments {
                        @let set = format!("{}–{}", s.start, s.end);
                        @let a = ahead.get(&(m.id, s.name.clone()));
                        // Tonight's hours; a change ahead follows with its date.
                        " · " (s.name) " " (a.map_or(set.as_str(), |a| a.now.as_str()))
                        @if let Some((date, hours)) = a.and_then(|a| a.change.as_ref()) {
                            " (" (crate::i18n::Msg::with(t::HOURS_FROM, [("date", date.clone().into()), ("hours", hours.clone().into())]).get(ctx.lang)) ")"
                        }
                    }
                }
            }
        }
        @if staff {
            p { a.button.primary href="/markets/new" { (ctx.t(t::NEW_MARKET)) } }
        }
    })
}

/// GET /markets (anyone).
async fn markets_page(State(state): State<AppState>, ctx: PageCtx) -> AppResult<Markup> {
    let body = render_list(&state, &ctx).await?;
    Ok(views::page(&ctx, ctx.t(t::TITLE), body))
}

/// GET /markets/{id}?from=: four weeks of sessions (anyone).
async fn calendar_page(
    State(state): State<AppState>,
    Extension(registry): Extension<Arc<Registry>>,
    ctx: PageCtx,
    PathId(id): PathId,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let market = queries::find_market(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // A link shared in WeChat comes back with WeChat's own `from=singlemessage` (or
    // `groupmessage`, `timeline`), beside ours when the calendar had moved on: the first `from`
    // that is a date is ours, one that is not is WeChat's, and without one the calendar starts
    // today rather than ending on an error page.
    let from = pairs
        .iter()
        .filter(|(k, _)| k == "from")
        .find_map(|(_, v)| super::schedule::parse_date(v.trim()))
        // Within ten years either way: no market is planned further, and 9999-12-31 + 27 days
        // would print as the year +10000.
        .filter(|d| (*d - crate::clock::today()).num_days().abs() <= 3653);
    let from = match from {
        Some(d) => d,
        None => queries::calendar_start(&state.db, id).await?,
    };
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
    let closures = super::closures_view::upcoming(&state.db, id, from).await?;
    let can_edit = match &ctx.user {
        Some(u) => super::access::can_manage(&state.db, u, &market).await?,
        None => false,
    };
    let body = html! {
        p { (kind_label(&market.kind).get(ctx.lang)) }
        @if can_edit { p { a.button href=(format!("/markets/{id}/edit")) { (ctx.t(crate::i18n::texts::scheduling::EDIT_SCHEDULE)) } } }
        (super::closures_view::render(&ctx, &closures))
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
                    td { (status_label(&s.status).get(ctx.lang)) @if let Some(r) = &s.cancel_reason { " (" (r) ")" } }
                    td.num { (s.stalls_booked) " / " (s.stalls_total) }
                } } }
            } }
        }
        @for section in &contributed { (section) }
    };
    Ok((StatusCode::OK, views::page(&ctx, &market.name, body)).into_response())
}
