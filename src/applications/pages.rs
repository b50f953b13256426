//! `/applications` (a vendor's own with an apply form; a manager's queue with a status filter)
//! and `/applications/{id}` (details, the decision form, the withdrawal button; withdrawing
//! releases bookings and is `bookings::withdraw_api`'s).

use super::decide;
use super::flow::{self, Decision, STATUSES, status_label};
use crate::applications::apply_form::ApplyInput;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::applications as t;
use crate::identity::{Auth, Role};
use crate::markets::queries as mq;
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input, forms::csrf_field};
use crate::web::see_other_with;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::applications::ApplicationStatus::{self, Approved, Submitted, Waitlisted};
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::HashMap;

/// The application pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/applications", get(list_page).post(apply_submit))
        .route("/applications/{id}", get(detail_page))
        .route("/applications/{id}/decision", post(decide_submit))
}

/// `?status=` and, for the apply form, `?market_id=`.
#[derive(Debug, Deserialize)]
struct StatusFilter {
    status: Option<String>,
    market_id: Option<String>,
}

async fn market_names(state: &AppState) -> AppResult<HashMap<i32, String>> {
    Ok(mq::list_markets(&state.db, 5000, 0)
        .await?
        .0
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect())
}

async fn render_list(
    state: &AppState,
    ctx: &PageCtx,
    auth: &Auth,
    status: Option<&str>,
    apply: Option<(Option<i32>, &ApplyInput, Option<&AppError>)>,
) -> AppResult<Markup> {
    let status = status.filter(|s| ApplicationStatus::parse(s).is_some());
    let (items, _) = flow::list(&state.db, auth, status, None, 5000, 0).await?;
    let names = market_names(state).await?;
    // Vendors get the apply form under their list (the vendor side draws it).
    let apply = match apply {
        Some((chosen, input, error)) if auth.role == Role::Vendor && auth.vendor_id.is_some() => {
            Some(crate::applications::apply_form::section(state, ctx, chosen, input, error).await?)
        }
        _ => None,
    };
    Ok(html! {
        form.card method="get" action="/applications" {
            div.field {
                label for="f-status" { (ctx.t(t::STATUS)) }
                select id="f-status" name="status" {
                    option value="" { (ctx.t(t::ALL)) }
                    @for s in STATUSES { option value=(s) selected[status == Some(s.as_str())] { (status_label(s).get(ctx.lang)) } }
                }
            }
            button.small type="submit" { (ctx.t(t::FILTER)) }
        }
        @if items.is_empty() { p { (ctx.t(t::NONE)) } } @else {
            div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::TITLE)) { table {
                thead { tr { th { "#" } th { (ctx.t(t::VENDOR)) } th { (ctx.t(t::MARKET)) } th { (ctx.t(t::DATES)) } th { (ctx.t(t::CATEGORY)) } th { (ctx.t(t::STATUS)) } } }
                tbody { @for a in &items { tr {
                    td { a href=(format!("/applications/{}", a.id)) { (a.id) } }
                    td { (a.vendor_name) }
                    td { (names.get(&a.market_id).map_or("", String::as_str)) }
                    td { (a.from) " – " (a.to) }
                    td { (crate::vendors::categories::shown(&a.category, ctx.lang)) }
                    td { (status_label(&a.status).get(ctx.lang)) }
                } } }
            } }
        }
        @if let Some(apply) = apply { (apply) }
    })
}

/// GET /applications (logged in).
async fn list_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(filter): Query<StatusFilter>,
) -> AppResult<Markup> {
    let chosen = filter.market_id.and_then(|m| m.trim().parse().ok());
    // The vendor's own trade comes preset: a produce seller is not asked for a food
    // category's health certificate because the list starts with 小吃餐饮.
    let mut input = ApplyInput::default();
    if let Some(vendor_id) = auth.vendor_id {
        use sea_orm::EntityTrait;
        if let Some(v) = entity::vendors::Entity::find_by_id(vendor_id)
            .one(&state.db)
            .await?
        {
            input.category = v.category;
        }
    }
    let apply = Some((chosen, &input, None));
    let body = render_list(&state, &ctx, &auth, filter.status.as_deref(), apply).await?;
    Ok(views::page(&ctx, ctx.t(t::TITLE), body))
}

/// POST /applications (vendors): to the new application, or the list with the error.
async fn apply_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let input = ApplyInput::from_pairs(pairs);
    let result = async {
        let new = input.to_new()?;
        let txn = begin_write(&state.db).await?;
        let app = flow::submit(&txn, &auth, new).await?;
        txn.commit().await?;
        Ok::<_, AppError>(app)
    }
    .await;
    match result {
        // A resend of one already decided is that application again: its page says how it
        // was decided, not "submitted".
        Ok(app) => Ok(see_other_with(
            &format!("/applications/{}", app.id),
            if app.status == entity::applications::ApplicationStatus::Submitted {
                vec![Flash::ApplicationSubmitted.cookie()]
            } else {
                Vec::new()
            },
        )),
        Err(e @ AppError::Invalid { .. }) => {
            let chosen = input.market_id.trim().parse().ok();
            let body =
                render_list(&state, &ctx, &auth, None, Some((chosen, &input, Some(&e)))).await?;
            Ok((e.status(), views::page(&ctx, ctx.t(t::TITLE), body)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// GET /applications/{id}: the owner, managers of the market, the bureau and admins.
async fn detail_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Markup> {
    detail(&state, &ctx, &auth, id, None).await
}

/// The application's page, with a refused decision's reason shown at its form.
async fn detail(
    state: &AppState,
    ctx: &PageCtx,
    auth: &Auth,
    id: i32,
    refused: Option<&AppError>,
) -> AppResult<Markup> {
    let app = flow::visible(&state.db, auth, id).await?;
    let market = mq::find_market(&state.db, app.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_decide = crate::markets::access::can_manage(&state.db, auth, &market).await?
        && matches!(app.status, Submitted | Waitlisted);
    let owner = auth.vendor_id == Some(app.vendor_id)
        && matches!(app.status, Submitted | Approved | Waitlisted);
    let approved = app.status == Approved;
    // Managers of the market and admins see the vendor's proofs here (DESIGN.md §4).
    let documents = if auth.role != crate::identity::Role::Vendor
        && crate::documents::store::may_see(&state.db, auth, app.vendor_id).await?
    {
        Some(crate::documents::store::list_for_reader(&state.db, auth, app.vendor_id).await?)
    } else {
        None
    };
    // The reviewer sees a food vendor's health certificate: one that runs out inside the dates
    // asked for bars the nights after it, and approving blind only surprised them at the draw.
    let health = if documents.is_some() {
        let food = mq::categories_of(&state.db, market.id)
            .await?
            .iter()
            .any(|c| c.name == app.category && c.food);
        let expires = <entity::vendors::Entity as sea_orm::EntityTrait>::find_by_id(app.vendor_id)
            .one(&state.db)
            .await?
            .and_then(|v| v.health_cert_expires);
        (food || expires.is_some())
            .then_some((expires, food && expires.is_none_or(|e| e < app.date_to)))
    } else {
        None
    };
    // Power asked for where no stall has it: the draw would leave the vendor out with "no
    // stall with power", so the reviewer is told now, while stalls can still be powered.
    let power_missing = documents.is_some() && app.needs_power && {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let sites: Vec<i32> = entity::market_schedules::Entity::find()
            .filter(entity::market_schedules::Column::MarketId.eq(market.id))
            .all(&state.db)
            .await?
            .iter()
            .map(|r| r.site_id)
            .collect();
        entity::stalls::Entity::find()
            .filter(entity::stalls::Column::SiteId.is_in(sites))
            .filter(entity::stalls::Column::Power.eq(true))
            .filter(entity::stalls::Column::Status.eq(entity::stalls::StallStatus::Active))
            .count(&state.db)
            .await?
            == 0
    };
    let a = flow::item(&state.db, app).await?;
    let body = html! {
        dl.profile {
            div { dt { (ctx.t(t::VENDOR)) } dd { (a.vendor_name) } }
            div { dt { (ctx.t(t::MARKET)) } dd { a href=(format!("/markets/{}", market.id)) { (market.name) } } }
            div { dt { (ctx.t(t::DATES)) } dd { (a.from) " – " (a.to) } }
            // 分时段经营: approval decides exactly these, so both sides read them here.
            div { dt { (ctx.t(t::SEGMENTS)) } dd.segments {
                @if a.segments.is_empty() { (ctx.t(t::ALL_SEGMENTS)) } @else { (a.segments.join(ctx.t(crate::i18n::texts::layout::NAME_SEPARATOR))) } } }
            div { dt { (ctx.t(t::WEEKDAYS)) } dd.weekdays {
                @if a.weekdays.is_empty() { (ctx.t(t::EVERY_DAY)) } @else {
                    @let days = a.weekdays.iter()
                        .filter_map(|d| crate::i18n::texts::markets::WEEKDAY_NAMES.get(usize::from(d.saturating_sub(1))))
                        .map(|n| ctx.t(*n).to_string())
                        .collect::<Vec<_>>()
                        .join(if ctx.lang == crate::i18n::Lang::Zh { "、" } else { ", " });
                    (crate::i18n::Msg::with("applications-on-weekdays", [("days", days.into())]).get(ctx.lang))
                } } }
            @if a.needs_power { div { dt { (ctx.t(t::POWER)) } dd.power { (ctx.t(t::POWER_YES))
                @if power_missing { br; span.warning { "⚠ " (ctx.t(t::NO_POWERED_STALL)) } } } } }
            div { dt { (ctx.t(t::CATEGORY)) } dd { (crate::vendors::categories::shown(&a.category, ctx.lang)) } }
            @if let Some((expires, short)) = health {
                div { dt { (ctx.t(t::HEALTH_CERT_UNTIL)) } dd.health-cert {
                    @match expires { Some(d) => { (d) }, None => { (ctx.t(t::HEALTH_CERT_NONE)) } }
                    @if short { br; span.warning { "⚠ " (ctx.t(t::HEALTH_CERT_SHORT)) } }
                } }
            }
            div { dt { (ctx.t(t::STATUS)) } dd.status { (status_label(&a.status).get(ctx.lang)) } }
            @if let Some(r) = &a.reason { div { dt { (ctx.t(t::REASON)) } dd { (r) } } }
            @if !a.preferred_stalls.is_empty() { div { dt { (ctx.t(t::PREFERRED)) } dd { (a.preferred_stalls.join(ctx.t(crate::i18n::texts::layout::NAME_SEPARATOR))) } } }
        }
        @if let Some(docs) = &documents {
            h2 #documents { (ctx.t(crate::i18n::texts::documents::VENDOR_DOCUMENTS)) }
            (crate::documents::views::document_table(ctx, docs, auth.role == crate::identity::Role::Admin))
        }
        @if can_decide {
            h2 { (ctx.t(t::DECIDE)) }
            form.card method="post" action=(format!("/applications/{id}/decision")) {
                (csrf_field(ctx))
                (Input { name: "reason", label: ctx.t(t::REASON), value: "", hint: Some(ctx.t(t::REASON_HINT)),
                         error: refused.map(|e| e.message(ctx.lang)).as_deref(), ..Default::default() }.render())
                p.actions {
                    button name="decision" value="approve" type="submit" { (ctx.t(t::APPROVE)) } " "
                    button name="decision" value="waitlist" type="submit" { (ctx.t(t::WAITLIST)) } " "
                    button name="decision" value="reject" type="submit" { (ctx.t(t::REJECT)) }
                }
            }
        }
        @if owner {
            // Two steps: a mistaken tap must not cost a vendor the season's stall.
            details.withdraw {
                summary { (ctx.t(t::WITHDRAW)) }
                form method="post" action=(format!("/applications/{id}/withdraw")) {
                    (csrf_field(ctx))
                    @if approved { p.hint { (ctx.t(t::WITHDRAW_RELEASES)) } }
                    p { (ctx.t(t::WITHDRAW_SURE)) }
                    button type="submit" { (ctx.t(t::WITHDRAW_CONFIRM)) }
                }
            }
        }
    };
    Ok(views::page(ctx, &format!("{} #{id}", ctx.t(t::ONE)), body))
}

/// The decision form.
#[derive(Debug, Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: Option<String>,
}

/// POST /applications/{id}/decision.
async fn decide_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    // On the page a refusal needs its reason: the vendor reads it, and it cannot be undone.
    // (The API keeps the reason optional.)
    let no_reason = form.reason.as_deref().is_none_or(|r| r.trim().is_empty());
    if form.decision == "reject" && no_reason && auth.require_staff_writer().is_ok() {
        let e = AppError::invalid("reason_required", "reason", t::REJECT_NEEDS_REASON);
        let page = detail(&state, &ctx, &auth, id, Some(&e)).await?;
        return Ok((e.status(), page).into_response());
    }
    let decision = Decision {
        decision: form.decision,
        reason: form.reason,
    };
    let item =
        decide::decide_application(&state.db, state.notifier.as_ref(), &auth, id, decision).await?;
    let flash = match item.status {
        Approved => Some(Flash::ApplicationApproved),
        ApplicationStatus::Rejected => Some(Flash::ApplicationRejected),
        Waitlisted => Some(Flash::ApplicationWaitlisted),
        _ => None,
    };
    Ok(see_other_with(
        &format!("/applications/{id}"),
        flash.into_iter().map(Flash::cookie).collect(),
    ))
}
