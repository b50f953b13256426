//! Conduct pages: the public rule and catalogue (`/conduct`), appeals to decide with the
//! inspection's photos (`/inspections`), the vendor's own counters and demerits with the
//! photos and the appeal form (`/me/conduct`), and the market's rule form on its page; the
//! inspection page is `inspect_page`. POST → 303 → GET throughout.

use super::inspect_page::photo_strip;
use super::{attendance, catalogue, demerits, inspect};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::night as t;
use crate::identity::{Auth, CurrentUser, Role};
use crate::markets::access;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::inspections::AppealStatus;
use entity::{bookings, inspections, markets};
use futures_util::future::BoxFuture;
use http::HeaderMap;
use maud::{Markup, html};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

/// The conduct pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/conduct", get(rule_page))
        .route(
            "/sessions/{id}/inspect",
            get(super::inspect_page::inspect_page).post(super::inspect_page::inspect_submit),
        )
        .route("/inspections", get(appeals_page))
        .route("/inspections/{id}/appeal", post(appeal_submit))
        .route("/inspections/{id}/decision", post(decision_submit))
        .route("/me/conduct", get(my_conduct))
        .route("/markets/{id}/conduct-rule", post(rule_submit))
}

/// GET /conduct: the formula and the catalogue, for everyone.
async fn rule_page(ctx: PageCtx) -> Markup {
    let body = html! {
        p { (ctx.t(t::RULE_TEXT)) }
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::CATALOGUE)) { table {
            caption { (ctx.t(t::CATALOGUE)) }
            // The items in words; their API codes (`smoke`) mean nothing to a vendor or resident.
            thead { tr { th { (ctx.t(t::ITEM)) } th { (ctx.t(t::POINTS)) } } }
            tbody { @for c in catalogue::CATALOGUE { tr { td { (ctx.t(c.name)) } td { (c.points) } } } }
        } }
        p { (ctx.t(t::ATTENDANCE_TEXT)) }
    };
    views::page(&ctx, ctx.t(t::RULE_TITLE), body)
}

/// GET /inspections: appealed inspections waiting for a decision (staff; the bureau reads).
async fn appeals_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
) -> AppResult<Markup> {
    if auth.role == Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let mut q = inspections::Entity::find()
        .filter(inspections::Column::AppealStatus.eq(AppealStatus::Pending))
        .order_by_asc(inspections::Column::Id)
        .limit(500);
    if let Some(ids) = access::managed_markets(&state.db, &auth).await? {
        q = q.filter(inspections::Column::MarketId.is_in(ids));
    }
    let pending = q.all(&state.db).await?;
    let ids: Vec<i32> = pending.iter().map(|i| i.id).collect();
    let mut pics = super::photos::of_inspections(&state.db, &ids).await?;
    let context = super::appeal_context::of(&state.db, &pending).await?;
    let can_decide = auth.role != Role::Bureau;
    let body = html! {
        @if pending.is_empty() { p { (ctx.t(t::NO_APPEALS)) } }
        @for i in &pending {
            section.card {
                h2 { (ctx.t(t::INSPECTION)) " #" (i.id) " · " (i.business_date) }
                @if let Some(c) = context.get(&i.id) { (super::appeal_context::render(&ctx, c)) }
                p.appeal-text { strong { (ctx.t(t::APPEAL)) (ctx.lang.colon()) } (i.appeal_text.as_deref().unwrap_or("")) }
                (photo_strip(&ctx, &pics.remove(&i.id).unwrap_or_default()))
                @if can_decide {
                    form method="post" action=(format!("/inspections/{}/decision", i.id)) {
                        (csrf_field(&ctx))
                        (Input { name: "reason", id: Some(&format!("f-reason-{}", i.id)), label: ctx.t(t::DECISION_REASON), value: "", required: true, ..Default::default() }.render())
                        button type="submit" name="decision" value="uphold" { (ctx.t(t::UPHOLD)) }
                        " "
                        button type="submit" name="decision" value="cancel" { (ctx.t(t::CANCEL_POINTS)) }
                    }
                }
            }
        }
    };
    Ok(views::page(&ctx, ctx.t(t::APPEALS_TITLE), body))
}

/// The appeal form.
#[derive(Debug, Deserialize)]
struct AppealForm {
    #[serde(default)]
    text: String,
}

/// POST /inspections/{id}/appeal (the vendor). A refused appeal (no reason, already
/// appealed, too late) is said at its form on the vendor's page, the words typed kept — not on
/// a bare error page with no way back.
async fn appeal_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<AppealForm>,
) -> AppResult<Response> {
    match inspect::appeal(&state.db, &auth, id, &form.text).await {
        Ok(_) => Ok(Redirect::to("/me/conduct").into_response()),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let vendor_id = auth.vendor_id.ok_or(AppError::Forbidden)?;
            let refused = Refused {
                inspection_id: id,
                message: e.message(ctx.lang),
                text: form.text,
            };
            let page = conduct_page(&state, &ctx, vendor_id, Some(&refused)).await?;
            Ok((e.status(), page).into_response())
        }
        Err(other) => Err(other),
    }
}

/// An appeal refused, to show at its form.
struct Refused {
    inspection_id: i32,
    message: String,
    text: String,
}

/// The decision form.
#[derive(Debug, Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// POST /inspections/{id}/decision (managers of the market, admins).
async fn decision_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    auth.require_staff_writer()?;
    let decision = inspect::Decision::parse(&form.decision)?;
    inspect::decide(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        id,
        decision,
        &form.reason,
    )
    .await?;
    Ok(Redirect::to("/inspections").into_response())
}

/// The markets a vendor has booked in (live or declared absent), by id.
async fn vendor_markets(
    db: &impl ConnectionTrait,
    vendor_id: i32,
) -> AppResult<Vec<markets::Model>> {
    let sessions: Vec<i32> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::SessionId)
        .filter(bookings::Column::VendorId.eq(vendor_id))
        .into_tuple()
        .all(db)
        .await?;
    let market_ids: Vec<i32> = entity::market_sessions::Entity::find()
        .select_only()
        .column(entity::market_sessions::Column::MarketId)
        .filter(entity::market_sessions::Column::Id.is_in(sessions))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(markets::Entity::find()
        .filter(markets::Column::Id.is_in(market_ids))
        .order_by_asc(markets::Column::Id)
        .all(db)
        .await?)
}

/// The counters of one market as a short block, with the warning when at risk and the nights
/// counted as no-shows (date, segment, stall), so a vendor who was there can say so.
fn counters_block(
    ctx: &PageCtx,
    market: &markets::Model,
    c: &attendance::Counters,
    missed: &[(attendance::Missed, String)],
) -> Markup {
    let pct = |r: f64| format!("{:.0}%", r * 100.0);
    html! {
        div.card.attendance {
            h3 { (market.name) }
            p { (ctx.t(t::ATTENDED)) " " (c.attended) " · " (ctx.t(t::NO_SHOWS)) " " (c.no_shows) " · "
                (ctx.t(t::DECLARED_ABSENCES)) " " (c.declared_absences) }
            p { strong { (ctx.t(t::RATE)) " " @if c.attended + c.no_shows == 0 { "—" } @else { (pct(c.attendance_rate)) } } " · " (ctx.t(t::RULE)) " ≥ " (pct(c.rule.min_rate)) " / " (c.rule.window_days) (ctx.t(t::DAYS)) }
            // Already below the rule, "one more miss drops you below" would be false.
            @if c.at_risk && c.attendance_rate < c.rule.min_rate { p.warning role="status" { "⚠ " (ctx.t(t::BELOW_RULE)) } }
            @else if c.at_risk { p.warning role="status" { "⚠ " (ctx.t(t::AT_RISK)) } }
            @if !missed.is_empty() {
                details.missed {
                    summary { (ctx.t(t::MISSED_NIGHTS)) " (" (missed.len()) ")" }
                    ul {
                        @for (m, code) in missed { li { (m.date) " " (m.segment) " · " (code) } }
                    }
                    p.hint { (ctx.t(t::MISSED_HINT)) }
                }
            }
        }
    }
}

/// Each missed night with its stall's code.
async fn with_codes(
    db: &impl ConnectionTrait,
    missed: Vec<attendance::Missed>,
) -> AppResult<Vec<(attendance::Missed, String)>> {
    let ids: Vec<i32> = missed.iter().map(|m| m.stall_id).collect();
    let codes: std::collections::HashMap<i32, String> = entity::stalls::Entity::find()
        .filter(entity::stalls::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    Ok(missed
        .into_iter()
        .map(|m| {
            let code = codes.get(&m.stall_id).cloned().unwrap_or_default();
            (m, code)
        })
        .collect())
}

/// GET /me/conduct: the vendor's counters per market, demerits, and the appeal forms.
async fn my_conduct(State(state): State<AppState>, ctx: PageCtx, auth: Auth) -> AppResult<Markup> {
    let vendor_id = auth.vendor_id.ok_or(AppError::Forbidden)?;
    conduct_page(&state, &ctx, vendor_id, None).await
}

/// The vendor's conduct page, with a refused appeal said at its form.
async fn conduct_page(
    state: &AppState,
    ctx: &PageCtx,
    vendor_id: i32,
    refused: Option<&Refused>,
) -> AppResult<Markup> {
    let db = &state.db;
    let mut blocks = Vec::new();
    for m in vendor_markets(db, vendor_id).await? {
        let (c, missed) = attendance::current(db, vendor_id, &m).await?;
        let missed = with_codes(db, missed).await?;
        blocks.push(counters_block(ctx, &m, &c, &missed));
    }
    let now = chrono::Utc::now();
    let standing = demerits::standing(db, vendor_id, crate::clock::today(), now).await?;
    // One appeal form per inspection, under its first item.
    let firsts: Vec<bool> = standing
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| i == 0 || standing.entries[i - 1].inspection_id != e.inspection_id)
        .collect();
    let ids: Vec<i32> = standing.entries.iter().map(|e| e.inspection_id).collect();
    let mut pics = super::photos::of_inspections(db, &ids).await?;
    // Refused where no form is left to show it at (appealed meanwhile, too late): on top.
    let shown_at_form = refused.is_some_and(|r| {
        standing
            .entries
            .iter()
            .any(|e| e.inspection_id == r.inspection_id && e.appealable)
    });
    let body = html! {
        @if let Some(r) = refused.filter(|_| !shown_at_form) {
            p.error role="alert" { "⚠ " (r.message) }
        }
        h2 { (ctx.t(t::ATTENDANCE_TITLE)) }
        @if blocks.is_empty() { p { (ctx.t(t::NO_BOOKINGS_YET)) } }
        @for b in &blocks { (b) }
        h2 { (ctx.t(t::DEMERITS_TITLE)) }
        (standing_block(ctx, &standing))
        @for (e, first) in standing.entries.iter().zip(&firsts) {
            div.card {
                p { (e.date) " · " (catalogue::find(&e.code).map_or(e.code.as_str(), |c| ctx.t(c.name))) " · " (e.points) " " (ctx.t(t::POINTS)) }
                @if let Some(n) = &e.note { p { (n) } }
                @if let Some(s) = e.appeal_status { p { (ctx.t(t::APPEAL)) (ctx.lang.colon()) (ctx.t(appeal_label(s))) } }
                @if *first { (photo_strip(ctx, &pics.remove(&e.inspection_id).unwrap_or_default())) }
                @if e.appealable && *first {
                    @let mine = refused.filter(|r| r.inspection_id == e.inspection_id);
                    form method="post" action=(format!("/inspections/{}/appeal", e.inspection_id)) {
                        (csrf_field(ctx))
                        (Input { name: "text", id: Some(&format!("f-text-{}", e.inspection_id)), label: ctx.t(t::APPEAL_TEXT), value: mine.map_or("", |r| r.text.as_str()),
                                 error: mine.map(|r| r.message.as_str()), required: true, ..Default::default() }.render())
                        button type="submit" { (ctx.t(t::APPEAL)) }
                    }
                }
            }
        }
        p { a href="/conduct" { (ctx.t(t::RULE_TITLE)) } }
    };
    Ok(views::page(ctx, ctx.t(t::MY_CONDUCT), body))
}

/// The words of an appeal's state.
fn appeal_label(s: AppealStatus) -> crate::i18n::T {
    match s {
        AppealStatus::Pending => t::APPEAL_PENDING,
        AppealStatus::Upheld => t::APPEAL_UPHELD,
        AppealStatus::Cancelled => t::APPEAL_CANCELLED,
    }
}

/// Points, level and running suspension in one line.
fn standing_block(ctx: &PageCtx, s: &demerits::Standing) -> Markup {
    let level = match s.level {
        demerits::Level::Good => t::LEVEL_GOOD,
        demerits::Level::Warning => t::LEVEL_WARNING,
        demerits::Level::Suspended => t::LEVEL_SUSPENDED,
    };
    html! {
        p { strong { (s.points) " " (ctx.t(t::POINTS)) } " · " (ctx.t(level))
            @if let Some(u) = s.suspended_until { " · " (ctx.t(t::SUSPENDED_UNTIL)) " " (u) } }
    }
}

/// The vendor's home section: counters, warning, points and a link to `/me/conduct`.
pub fn vendor_home_section<'a>(
    state: &'a AppState,
    ctx: &'a PageCtx,
    user: &'a CurrentUser,
    _: &'a HeaderMap,
) -> BoxFuture<'a, AppResult<Markup>> {
    Box::pin(async move {
        let Some(vendor_id) = user.vendor_id else {
            return Ok(html! {});
        };
        let db = &state.db;
        let mut blocks = Vec::new();
        for m in vendor_markets(db, vendor_id).await? {
            let (c, _) = attendance::current(db, vendor_id, &m).await?;
            blocks.push(counters_block(ctx, &m, &c, &[]));
        }
        let standing =
            demerits::standing(db, vendor_id, crate::clock::today(), chrono::Utc::now()).await?;
        Ok(html! {
            section.conduct {
                h2 { (ctx.t(t::ATTENDANCE_TITLE)) }
                @for b in &blocks { (b) }
                (standing_block(ctx, &standing))
                p { a href="/me/conduct" { (ctx.t(t::MY_CONDUCT)) } }
            }
        })
    })
}

/// The rule form on a market's page (managers of the market); the rule for everyone else.
pub fn market_section<'a>(
    state: &'a AppState,
    ctx: &'a PageCtx,
    market: &'a markets::Model,
) -> BoxFuture<'a, AppResult<Markup>> {
    Box::pin(async move {
        let can_manage = match &ctx.user {
            Some(u) => access::can_manage(&state.db, u, market).await?,
            None => false,
        };
        let rate = format!("{}", (market.attendance_min_rate * 100.0).round());
        let window = market.attendance_window_days.to_string();
        let period = market.suspension_days.to_string();
        Ok(html! {
            section.conduct-rule {
                h2 { (ctx.t(t::RULE_TITLE)) }
                p { (ctx.t(t::RULE)) " ≥ " (rate) "% / " (window) (ctx.t(t::DAYS)) " · " (ctx.t(t::SUSPENSION_PERIOD)) " " (period) (ctx.t(t::DAYS)) }
                @if can_manage {
                    form.card method="post" action=(format!("/markets/{}/conduct-rule", market.id)) {
                        (csrf_field(ctx))
                        (Input { name: "min_rate_pct", label: ctx.t(t::MIN_RATE_PCT), value: &rate, inputmode: Some("numeric"), required: true, ..Default::default() }.render())
                        (Input { name: "window_days", label: ctx.t(t::WINDOW_DAYS), value: &window, inputmode: Some("numeric"), required: true, ..Default::default() }.render())
                        (Input { name: "suspension_days", label: ctx.t(t::SUSPENSION_PERIOD), value: &period, inputmode: Some("numeric"), required: true, ..Default::default() }.render())
                        button type="submit" { (ctx.t(t::SAVE_RULE)) }
                    }
                }
                p { a href="/conduct" { (ctx.t(t::CATALOGUE)) } }
            }
        })
    })
}

/// The rule form.
#[derive(Debug, Deserialize)]
struct RuleForm {
    #[serde(default)]
    min_rate_pct: String,
    #[serde(default)]
    window_days: String,
    #[serde(default)]
    suspension_days: String,
}

/// POST /markets/{id}/conduct-rule.
async fn rule_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<RuleForm>,
) -> AppResult<Response> {
    let rate = form
        .min_rate_pct
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|r| r.is_finite() && (0.0..=100.0).contains(r));
    let window = form.window_days.trim().parse::<i32>().ok();
    let period = form.suspension_days.trim().parse::<i32>().ok();
    super::rule::set_rule(
        &state.db,
        &auth,
        id,
        super::rule::RuleInput {
            min_rate: rate.map(|r| r / 100.0),
            window_days: window,
            suspension_days: period,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/markets/{id}")).into_response())
}
