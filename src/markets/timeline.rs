//! One timeline per pavement: every market's sessions on one site by day and segment, so a
//! manager sees the morning and the night on one pavement and the free windows between them.
//! `GET /api/v1/sites/{id}/timeline` and the page `/sites/{id}/timeline` (week or month).

use super::api::Range;
use super::schedule;
use crate::api::{ApiQuery, List};
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId, query_date};
use crate::i18n::texts::scheduling as ts;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::Json;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::{Datelike, Duration, NaiveDate, Timelike};
use entity::market_sessions::SessionStatus;
use entity::{market_sessions, markets, sites};
use maud::{Markup, html};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The timeline API route.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(site_timeline))
}

/// The timeline page.
pub fn page_routes() -> axum::Router<AppState> {
    axum::Router::new().route("/sites/{id}/timeline", get(timeline_page))
}

/// One session on a site's timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineItem {
    /// Business date, `YYYY-MM-DD`.
    pub date: String,
    /// Segment name.
    pub segment: String,
    /// Local `HH:MM`.
    pub start: String,
    /// Local `HH:MM` (before `start`: crosses midnight).
    pub end: String,
    /// The market.
    pub market_id: i32,
    /// The market's name.
    pub market_name: String,
    /// The session.
    pub session_id: i32,
    /// `scheduled` or `cancelled`.
    #[schema(value_type = String)]
    pub status: SessionStatus,
    /// Why it was cancelled (a closure's reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
}

/// One page of every market's sessions on a site between two dates, by date then start.
pub async fn timeline(
    db: &impl ConnectionTrait,
    site_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    limit: u64,
    offset: u64,
) -> Result<(Vec<(market_sessions::Model, String)>, u64), DbErr> {
    let query = market_sessions::Entity::find()
        .filter(market_sessions::Column::SiteId.eq(site_id))
        .filter(market_sessions::Column::BusinessDate.gte(from))
        .filter(market_sessions::Column::BusinessDate.lte(to));
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(market_sessions::Column::BusinessDate)
        .order_by_asc(market_sessions::Column::StartsAt)
        .order_by_asc(market_sessions::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = rows.iter().map(|s| s.market_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i32, String> = markets::Entity::find()
        .filter(markets::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    Ok((
        rows.into_iter()
            .map(|s| {
                let name = names.get(&s.market_id).cloned().unwrap_or_default();
                (s, name)
            })
            .collect(),
        total,
    ))
}

fn item((s, name): (market_sessions::Model, String)) -> TimelineItem {
    TimelineItem {
        date: s.business_date.to_string(),
        segment: s.segment,
        start: schedule::local_hhmm(s.starts_at),
        end: schedule::local_hhmm(s.ends_at),
        market_id: s.market_id,
        market_name: name,
        session_id: s.id,
        status: s.status,
        cancel_reason: s.cancel_reason,
    }
}

/// Every market's sessions on a site between two business dates, by date then start (anyone).
#[utoipa::path(get, path = "/api/v1/sites/{id}/timeline", tag = "markets",
    params(("id" = i32, Path, description = "Site id"), Range, Paging),
    responses((status = 200, description = "Every market's sessions on the site in the range", body = List<TimelineItem>),
        (status = 404, description = "No such site"),
        (status = 422, description = "A bad date or range")))]
async fn site_timeline(
    State(state): State<AppState>,
    PathId(id): PathId,
    ApiQuery(range): ApiQuery<Range>,
    page: Paging,
) -> AppResult<Json<List<TimelineItem>>> {
    sites::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (from, to) = range.dates()?;
    let (rows, total) = timeline(&state.db, id, from, to, page.limit(), page.offset()).await?;
    Ok(Json(List {
        items: rows.into_iter().map(item).collect(),
        total,
    }))
}

/// `?view=week|month&from=`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct View {
    /// `week` (default) or `month`.
    pub view: Option<String>,
    /// A date in the first week or month shown.
    pub from: Option<String>,
}

/// Minutes after local midnight of the business date (past 1440 when it ends after midnight).
fn minutes(date: NaiveDate, at: chrono::DateTime<chrono::Utc>) -> i64 {
    let local = at.with_timezone(&crate::clock::shanghai());
    let days = (local.date_naive() - date).num_days();
    days * 1440 + i64::from(local.hour() * 60 + local.minute())
}

/// A 24-hour bar of one day: a block per session, the gaps are the free windows. `day` holds
/// the day's own sessions and the nights before that run on past midnight into it.
fn day_bar(ctx: &PageCtx, date: NaiveDate, day: &[&TimelineRow]) -> Markup {
    let label = ctx.t(ts::TIMELINE_BAR);
    html! {
        svg.timeline-bar viewBox="0 0 1440 40" preserveAspectRatio="none" role="img" aria-label=(label) {
            rect x="0" y="0" width="1440" height="40" fill="#eef3ee" {}
            @for h in [360, 720, 1080] { line x1=(h) x2=(h) y1="0" y2="40" stroke="#999" stroke-width="2" {} }
            @for r in day {
                @let s = minutes(date, r.session.starts_at).clamp(0, 1440);
                @let e = minutes(date, r.session.ends_at).clamp(0, 1440);
                @let fill = if r.session.status == SessionStatus::Scheduled { "#1f6f43" } else { "#b35c00" };
                rect x=(s) y="4" width=((e - s).max(4)) height="32" fill=(fill) {}
            }
        }
    }
}

struct TimelineRow {
    session: market_sessions::Model,
    market: String,
}

/// What occupies the pavement on `date`: the nights before that run on past midnight, then
/// the day's own sessions. A 18:00–02:00 night market keeps the next day's early hours, so
/// they are not shown free.
fn on_the_day(days: &BTreeMap<NaiveDate, Vec<TimelineRow>>, date: NaiveDate) -> Vec<&TimelineRow> {
    let eve = date - Duration::days(1);
    let carried = days
        .get(&eve)
        .into_iter()
        .flatten()
        .filter(|r| minutes(eve, r.session.ends_at) > 1440);
    carried
        .chain(days.get(&date).into_iter().flatten())
        .collect()
}

/// GET /sites/{id}/timeline: a week (default) or a month of every market on the site (anyone).
async fn timeline_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PathId(id): PathId,
    Query(view): Query<View>,
) -> AppResult<Markup> {
    let site = sites::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let month = view.view.as_deref() == Some("month");
    let start = query_date("from", view.from.as_deref())?.unwrap_or_else(crate::clock::today);
    let (from, to, prev, next) = if month {
        let first = start.with_day(1).unwrap_or(start);
        let next = (first + Duration::days(32)).with_day(1).unwrap_or(first);
        let prev = (first - Duration::days(1)).with_day(1).unwrap_or(first);
        (first, next - Duration::days(1), prev, next)
    } else {
        let monday = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
        (
            monday,
            monday + Duration::days(6),
            monday - Duration::days(7),
            monday + Duration::days(7),
        )
    };
    // From the day before: a night that runs past midnight into the first day shown.
    let (rows, _) = timeline(&state.db, id, from - Duration::days(1), to, 5000, 0).await?;
    let mut days: BTreeMap<NaiveDate, Vec<TimelineRow>> = BTreeMap::new();
    for (s, market) in rows {
        days.entry(s.business_date)
            .or_default()
            .push(TimelineRow { session: s, market });
    }
    let kind = if month { "month" } else { "week" };
    let weekday = |d: NaiveDate| {
        crate::i18n::texts::markets::WEEKDAY_NAMES[d.weekday().num_days_from_monday() as usize]
            .get(ctx.lang)
    };
    let body = html! {
        p { a href=(format!("/sites/{id}")) { (site.name) " (" (site.code) ")" } }
        p.actions {
            a.button.small href=(format!("/sites/{id}/timeline?view=week&from={from}")) aria-current=[(!month).then_some("page")] { (ctx.t(ts::WEEK)) }
            " "
            a.button.small href=(format!("/sites/{id}/timeline?view=month&from={from}")) aria-current=[month.then_some("page")] { (ctx.t(ts::MONTH)) }
            " "
            a.button.small href=(format!("/sites/{id}/timeline?view={kind}&from={prev}")) { (ctx.t(ts::EARLIER)) }
            " "
            a.button.small href=(format!("/sites/{id}/timeline?view={kind}&from={next}")) { (ctx.t(ts::LATER)) }
        }
        h2 { (from) " – " (to) }
        p.hint { (ctx.t(ts::TIMELINE_HINT)) }
        ol.timeline {
            @for date in from.iter_days().take_while(|d| *d <= to) {
                @let day = on_the_day(&days, date);
                li.card {
                    h3 { (date) " " (weekday(date)) }
                    (day_bar(&ctx, date, &day))
                    @if day.is_empty() { p { (ctx.t(ts::FREE_ALL_DAY)) } } @else {
                        ul {
                            @for r in &day {
                                li {
                                    @if r.session.business_date < date { (ctx.t(ts::FROM_THE_NIGHT_BEFORE)) " " }
                                    strong { (schedule::local_hhmm(r.session.starts_at)) "–" (schedule::local_hhmm(r.session.ends_at)) }
                                    " " a href=(format!("/markets/{}", r.session.market_id)) { (r.market) }
                                    " · " (r.session.segment)
                                    @if r.session.status == SessionStatus::Cancelled {
                                        " · " strong { (ctx.t(ts::CLOSED)) }
                                        @if let Some(reason) = &r.session.cancel_reason { " (" (reason) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let title = format!("{} · {}", ctx.t(ts::TIMELINE), site.name);
    Ok(views::page(&ctx, &title, body))
}
