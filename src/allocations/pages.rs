//! Allocation pages: the run form on a market's page, the draft page `/allocations/{id}` with
//! metrics and the publish button, and the public results page `/allocations/{id}/public`
//! (公示: masked names, sessions won, stalls, place in the draw, reasons, seed and input hash).

use super::{find_run, publish, readable_run, stored_result};
use crate::allocation::{Allocation, Metrics, ReasonCode};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::{T, texts::allocation_texts as t};
use crate::identity::Auth;
use crate::markets::{access, queries as mq};
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::csrf_field};
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use entity::allocation_runs::RunStatus;
use entity::{allocation_runs, market_sessions, markets, stalls, vendors};

use maud::{Markup, html};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The allocation pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/markets/{id}/allocations",
            post(super::run_form::run_submit),
        )
        .route("/allocations/{id}", get(draft_page))
        .route("/allocations/{id}/publish", post(publish_submit))
        .route("/allocations/{id}/public", get(public_page))
}

/// A reason code in words.
pub fn reason_label(r: ReasonCode) -> T {
    match r {
        ReasonCode::AlreadyBooked => t::REASON_ALREADY_BOOKED,
        ReasonCode::BusyElsewhere => t::REASON_BUSY_ELSEWHERE,
        ReasonCode::WeeklyCap => t::REASON_WEEKLY_CAP,
        ReasonCode::CategoryFull => t::REASON_CATEGORY_FULL,
        ReasonCode::ReserveHeld => t::REASON_RESERVE_HELD,
        ReasonCode::CategoryMinHeld => t::REASON_CATEGORY_MIN_HELD,
        ReasonCode::NoStallWithPower => t::REASON_NO_POWER,
        ReasonCode::ZoneNotAllowed => t::REASON_ZONE,
        ReasonCode::AdjacentSameCategory => t::REASON_ADJACENT,
        ReasonCode::NoFreeStall => t::REASON_NO_FREE,
        ReasonCode::VendorSuspended => crate::i18n::texts::night::REASON_SUSPENDED,
        ReasonCode::GasInspectionExpired => crate::i18n::texts::editor::GAS_INSPECTION_EXPIRED,
        ReasonCode::HealthCertExpired => crate::i18n::texts::editor::HEALTH_CERT_EXPIRED,
    }
}

/// A status in words.
pub(super) fn status_label(status: &RunStatus) -> T {
    match status {
        RunStatus::Published => t::PUBLISHED,
        RunStatus::Draft => t::DRAFT,
    }
}

/// The metrics as a definition list.
fn metrics_block(ctx: &PageCtx, m: &Metrics) -> Markup {
    let pct = |v: f64| format!("{:.1} %", v * 100.0);
    html! {
        h2 { (ctx.t(t::METRICS)) }
        dl.profile {
            div { dt { (ctx.t(t::PLACED)) } dd { (m.placed) " / " (m.requested) } }
            div { dt { (ctx.t(t::FILL_RATE)) } dd { (pct(m.fill_rate)) } }
            div { dt { (ctx.t(t::DEMAND_MET)) } dd { (pct(m.demand_met)) } }
            div { dt { (ctx.t(t::MEAN_SHARE)) } dd { (pct(m.mean_share)) } }
            div { dt { (ctx.t(t::P10_SHARE)) } dd { (pct(m.p10_share)) } }
            div { dt { (ctx.t(t::MIN_SHARE)) } dd { (pct(m.min_share)) } }
            div { dt { (ctx.t(t::GINI)) } dd { (format!("{:.3}", m.gini_share)) } }
            div { dt { (ctx.t(t::ZERO_VENDORS)) } dd { (m.vendors_with_zero) " / " (m.vendors) } }
            div { dt { (ctx.t(t::FIRST_CHOICE)) } dd { (pct(m.first_choice_rate)) } }
            div { dt { (ctx.t(t::ADJACENT_PAIRS)) } dd { (m.adjacent_same_category_pairs) } }
            div { dt { (ctx.t(t::STABILITY)) } dd { (m.stall_stability.map_or("—".to_owned(), pct)) } }
        }
        @if !m.share_by_group.is_empty() {
            h3 { (ctx.t(t::BY_GROUP)) }
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::BY_GROUP)) { table {
                thead { tr {
                    th scope="col" { (ctx.t(t::GROUP)) } th.num scope="col" { (ctx.t(t::APPLICATIONS)) }
                    th.num scope="col" { (ctx.t(t::WON)) } th.num scope="col" { (ctx.t(t::MEAN_SHARE)) }
                } }
                tbody { @for (g, s) in &m.share_by_group { tr {
                    th scope="row" { @if g.is_empty() { (ctx.t(t::GROUP_NONE)) }
                         @else { (crate::vendors::categories::find_priority_group(g).map_or(g.as_str(), |p| ctx.t(p.label))) } }
                    td.num { (s.applications) }
                    td.num { (s.won) " / " (s.requested) }
                    td.num { (pct(s.mean_share)) }
                } } }
            } }
        }
    }
}

/// Names, stall codes and session dates a results table needs.
struct Labels {
    vendors: HashMap<i64, String>,
    stalls: HashMap<i64, String>,
}

async fn labels(db: &impl ConnectionTrait, result: &Allocation) -> AppResult<Labels> {
    let vendor_ids: Vec<i32> = result
        .explanations
        .iter()
        .filter_map(|e| i32::try_from(e.vendor_id).ok())
        .collect();
    let stall_ids: Vec<i32> = result
        .bookings
        .iter()
        .filter_map(|b| i32::try_from(b.stall_id).ok())
        .collect();
    Ok(Labels {
        vendors: vendors::Entity::find()
            .filter(vendors::Column::Id.is_in(vendor_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|v| (i64::from(v.id), v.name))
            .collect(),
        stalls: stalls::Entity::find()
            .filter(stalls::Column::Id.is_in(stall_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (i64::from(s.id), s.code))
            .collect(),
    })
}

/// Per application: who (as `name` shows it), place in the draw, sessions won, stalls, reasons.
fn results_table(
    ctx: &PageCtx,
    result: &Allocation,
    labels: &Labels,
    dates: &HashMap<i64, String>,
    name: impl Fn(&str) -> String,
) -> Markup {
    let mut rows: Vec<_> = result.explanations.iter().collect();
    rows.sort_by_key(|e| e.draw_rank);
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::APPLICATION)) { table {
            thead { tr {
                th.num { (ctx.t(t::DRAW_PLACE)) } th { (ctx.t(t::APPLICATION)) } th { (ctx.t(t::VENDOR)) }
                th.num { (ctx.t(t::WON)) } th { (ctx.t(t::STALLS)) } th { (ctx.t(t::WHY_NOT_MORE)) }
            } }
            tbody { @for e in rows {
                @let stalls: Vec<String> = result.bookings.iter().filter(|b| b.application_id == e.application_id)
                    .map(|b| format!("{} {}", dates.get(&b.session_id).map_or("", String::as_str),
                        labels.stalls.get(&b.stall_id).map_or("?", String::as_str)))
                    .collect();
                tr {
                    td.num { (e.draw_rank) }
                    td { "#" (e.application_id) }
                    td { (name(labels.vendors.get(&e.vendor_id).map_or("", String::as_str))) }
                    td.num { (e.sessions_won) " / " (e.sessions_requested) }
                    td { (stalls.join(ctx.t(crate::i18n::texts::layout::NAME_SEPARATOR))) }
                    td { @if e.reasons.is_empty() { (ctx.t(t::NONE)) } @else {
                        (e.reasons.iter().map(|r| reason_label(*r).get(ctx.lang)).collect::<Vec<_>>().join(ctx.t(crate::i18n::texts::layout::LIST_SEPARATOR)))
                    }
                    @if let Some(a) = e.attendance { br; small { (crate::i18n::Msg::with("night-explain-attendance",
                        [("rate", format!("{:.0}%", a.rate * 100.0).into()), ("min", format!("{:.0}%", a.min_rate * 100.0).into())]).get(ctx.lang))
                        @if a.below_rule() { " ⚠" } } } }
                }
            } }
        } }
    }
}

async fn session_dates(
    db: &impl ConnectionTrait,
    result: &Allocation,
) -> AppResult<HashMap<i64, String>> {
    let ids: Vec<i32> = result
        .bookings
        .iter()
        .filter_map(|b| i32::try_from(b.session_id).ok())
        .collect();
    Ok(market_sessions::Entity::find()
        .filter(market_sessions::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            (
                i64::from(s.id),
                format!("{} {}", s.business_date, s.segment),
            )
        })
        .collect())
}

/// The head every results page shows: market, dates, seed, hash, status.
fn run_head(ctx: &PageCtx, run: &allocation_runs::Model, market: &markets::Model) -> Markup {
    html! {
        dl.profile {
            div { dt { (ctx.t(crate::i18n::texts::markets::TITLE)) } dd { a href=(format!("/markets/{}", market.id)) { (market.name) } } }
            div { dt { (ctx.t(t::RANGE)) } dd { (run.date_from) " – " (run.date_to) } }
            div { dt { (ctx.t(t::SEED)) } dd { code { (run.seed) } } }
            div { dt { (ctx.t(t::INPUT_HASH)) } dd { code { (run.input_hash) } } }
            div { dt { (ctx.t(t::STATUS)) } dd { (status_label(&run.status).get(ctx.lang)) } }
        }
    }
}

/// GET /allocations/{id}: the draft (or published run) for staff, with the publish button.
async fn draft_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Markup> {
    let (run, market) = readable_run(&state.db, &auth, id).await?;
    render_draft(&state, &ctx, &auth, &run, &market, None).await
}

async fn render_draft(
    state: &AppState,
    ctx: &PageCtx,
    auth: &Auth,
    run: &allocation_runs::Model,
    market: &markets::Model,
    error: Option<&AppError>,
) -> AppResult<Markup> {
    let result = stored_result(run)?;
    let labels = labels(&state.db, &result).await?;
    let dates = session_dates(&state.db, &result).await?;
    let can_publish =
        run.status == RunStatus::Draft && access::can_manage(&state.db, auth, market).await?;
    let policy: Option<crate::allocation::Policy> = serde_json::from_str(&run.policy).ok();
    let body = html! {
        (run_head(ctx, run, market))
        @if let Some(e) = error { p.error role="alert" { "⚠ " (e.message(ctx.lang)) } }
        @if let Some(p) = &policy { (super::policy_view::policy_block(ctx, p)) }
        @if can_publish {
            form method="post" action=(format!("/allocations/{}/publish", run.id)) {
                (csrf_field(ctx))
                button type="submit" { (ctx.t(t::PUBLISH)) }
            }
        }
        p { a href=(format!("/allocations/{}/public", run.id)) { (ctx.t(t::PUBLIC_LINK)) } }
        (metrics_block(ctx, &result.metrics))
        (results_table(ctx, &result, &labels, &dates, str::to_owned))
    };
    Ok(views::page(
        ctx,
        &format!("{} #{}", ctx.t(t::TITLE), run.id),
        body,
    ))
}

/// POST /allocations/{id}/publish: to the run's page; a conflict shows there with its reason.
async fn publish_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    match publish::publish(&state.db, &auth, id).await {
        Ok(done) => {
            crate::notices::deliver_all(state.notifier.as_ref(), &done.notices);
            Ok(crate::web::see_other_with(
                &format!("/allocations/{id}"),
                vec![crate::views::Flash::AllocationPublished.cookie()],
            ))
        }
        Err(e @ AppError::Conflict { .. }) => {
            let (run, market) = readable_run(&state.db, &auth, id).await?;
            let page = render_draft(&state, &ctx, &auth, &run, &market, Some(&e)).await?;
            Ok((e.status(), page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// GET /allocations/{id}/public (anyone): the published results with masked names. A draft is
/// shown only to those who may read it.
async fn public_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PathId(id): PathId,
) -> AppResult<Markup> {
    let run = find_run(&state.db, id).await?;
    let market = mq::find_market(&state.db, run.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if run.status != RunStatus::Published {
        let allowed = match &ctx.user {
            Some(u) => access::can_read(&state.db, u, &market).await?,
            None => false,
        };
        if !allowed {
            return Err(AppError::NotFound);
        }
    }
    let result = stored_result(&run)?;
    let labels = labels(&state.db, &result).await?;
    let dates = session_dates(&state.db, &result).await?;
    let policy: Option<crate::allocation::Policy> = serde_json::from_str(&run.policy).ok();
    let body = html! {
        (run_head(&ctx, &run, &market))
        @if let Some(p) = &policy { (super::policy_view::policy_block(&ctx, p)) }
        p.hint { (ctx.t(t::SEED_HINT)) " " (ctx.t(t::PRINT_HINT)) }
        (results_table(&ctx, &result, &labels, &dates, crate::mask::mask_name))
    };
    Ok(views::page(&ctx, ctx.t(t::PUBLIC_TITLE), body))
}
