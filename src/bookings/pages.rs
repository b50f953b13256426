//! `/sessions/{id}`: a session with its bookings (labelled by category), the assign form,
//! check-in and cancel buttons, and the cancel-session form. Every action is POST → 303 → GET.

use super::error::BookingError;
use super::{actions, place_booking, queries, session_plan};
use crate::cache::PlanKey;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::{bookings as t, documents as td, markets as tm};
use crate::identity::{Auth, Role};
use crate::markets::{access, queries as mq, schedule};
use crate::notices;
use crate::sites::drawing::SiteDrawing;
use crate::state::AppState;
use crate::views::Flash;
use crate::views::{self, PageCtx, forms::Input, forms::csrf_field};
use crate::web::see_other_with;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use std::collections::HashSet;

/// The session pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}", get(session_page))
        .route(
            "/sessions/{id}/bookings",
            post(assign_submit).get(back_to_assign),
        )
        .route("/sessions/{id}/cancel", post(cancel_session_submit))
        .route("/bookings/{id}/check-in", post(check_in_submit))
        .route("/bookings/{id}/cancel", post(cancel_booking_submit))
        .route("/bookings/move", post(move_submit))
        .merge(super::plan_assign::routes())
        .route("/offline-sw.js", get(super::offline::service_worker))
}

/// GET /sessions/{id}: staff see every booking; a vendor sees their own; anyone sees counts.
async fn session_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PathId(id): PathId,
) -> AppResult<Markup> {
    render_session(&state, &ctx, id, None).await
}

/// A form of the session page refused: shown at that form, with what was typed, so the manager
/// corrects it there instead of starting again from an error page.
enum Refused<'a> {
    Assign(&'a AppError, &'a AssignForm),
    Move(&'a AppError, &'a MoveForm),
    Cancel(&'a AppError, &'a str),
}

/// The session page; `refused`: one of its forms refused (see [`Refused`]).
async fn render_session(
    state: &AppState,
    ctx: &PageCtx,
    id: i32,
    refused: Option<Refused<'_>>,
) -> AppResult<Markup> {
    let (moved, cancelled) = match &refused {
        Some(Refused::Move(e, f)) => (Some((*e, *f)), None),
        Some(Refused::Cancel(e, r)) => (None, Some((*e, *r))),
        _ => (None, None),
    };
    let refused = match refused {
        Some(Refused::Assign(e, f)) => Some((e, f)),
        _ => None,
    };
    let session = mq::find_session(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(&state.db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let site = crate::sites::queries::find(&state.db, session.site_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (can_manage, only_vendor, sees_list) = match &ctx.user {
        Some(u) if u.role == Role::Vendor => (false, Some(u.vendor_id.unwrap_or(-1)), true),
        Some(u) => (
            access::can_manage(&state.db, u, &market).await?,
            None,
            access::can_read(&state.db, u, &market).await?,
        ),
        None => (false, Some(-1), false),
    };
    let token = queries::session_token(&state.db, &session, &market, &site).await?;
    let taken = queries::session_bookings_cached(state, &session, &token).await?;
    let items: Vec<&queries::BookingItem> = match (sees_list, only_vendor) {
        (false, _) => Vec::new(),
        (true, None) => taken.iter().collect(),
        (true, Some(v)) => taken.iter().filter(|b| b.vendor_id == v).collect(),
    };
    let drawing = SiteDrawing::of(state, site.clone()).await?;
    let taken_stalls: HashSet<i32> = taken.iter().map(|b| b.stall_id).collect();
    let free: Vec<_> = drawing
        .stalls
        .iter()
        .filter(|s| s.status == StallStatus::Active && !taken_stalls.contains(&s.id))
        .collect();
    // Stalls held for a waiting vendor: free to place (that withdraws the offer), but the
    // manager is told, so nobody is surprised when the waiting vendor's offer lapses.
    let held = if can_manage {
        super::offers::held_stalls(&state.db, session.id).await?
    } else {
        Default::default()
    };
    let free_label = |s: &entity::stalls::Model| match held.get(&s.id) {
        Some(until) => super::plan_assign::held_label(ctx, &s.code, *until),
        None => s.code.clone(),
    };
    let scheduled = session.status == SessionStatus::Scheduled;
    // Check-in opens on the night's business date (before that the server refuses `too_early`).
    let checkin_open =
        scheduled && crate::markets::schedule::check_in_open(&session, chrono::Utc::now());
    let not_over = super::plan_assign::not_over(&session);
    // Staff see the plan coloured by category (the public plan shows only taken/free); the
    // figure is kept until a booking, stall, category or name changes.
    let plan = if sees_list && only_vendor.is_none() {
        let key = PlanKey {
            page: "staff",
            session_id: session.id,
            lang: ctx.lang,
            viewer: None,
        };
        let build = || async {
            let figure =
                session_plan::render(&state.db, ctx, &session, &market, &drawing, &taken).await?;
            Ok::<_, AppError>(figure.into_string())
        };
        // A stall looked for ("find") marks the figure and says where it is: not the kept one.
        let figure = if crate::views::plan::find_param(&ctx.path).is_some() {
            build().await?
        } else {
            state
                .caches
                .plans
                .get_or_build(key, token, build)
                .await?
                .as_str()
                .to_owned()
        };
        Some(PreEscaped(figure))
    } else {
        None
    };
    // Declared absences leave the list (the stall is re-let); the count says how many.
    let absences = {
        use entity::booking_history::{self, CancelReason};
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        booking_history::Entity::find()
            .filter(booking_history::Column::SessionId.eq(session.id))
            .filter(booking_history::Column::Reason.eq(CancelReason::Absent))
            .count(&state.db)
            .await?
    };
    let loads = if sees_list && only_vendor.is_none() {
        super::power::circuit_loads(&state.db, &session).await?
    } else {
        Vec::new()
    };
    let typed = refused.map(|(_, f)| f);
    let title = format!(
        "{} · {} {}",
        market.name, session.business_date, session.segment
    );
    let body = html! {
        dl.profile {
            div { dt { (ctx.t(tm::SITE)) } dd { (site.name) } }
            div { dt { (ctx.t(tm::TIME)) } dd { (schedule::local_hhmm(session.starts_at)) "–" (schedule::local_hhmm(session.ends_at)) } }
            div { dt { (ctx.t(tm::STATUS)) } dd { (crate::markets::status_label(&session.status).get(ctx.lang))
                @if let Some(r) = &session.cancel_reason { " · " (r) } } }
            div { dt { (ctx.t(tm::STALLS)) } dd { (taken.len()) " / " (drawing.active_stalls()) } }
            div { dt { (ctx.t(t::NO_SHOWS)) } dd #no-shows { (taken.iter().filter(|b| b.no_show).count()) } }
            @if only_vendor.is_none() { div { dt { (ctx.t(t::ABSENCES)) } dd { (absences) } } }
        }
        p { a href=(format!("/markets/{}", market.id)) { "← " (market.name) }
            " · " a href=(format!("/sessions/{id}/plan")) { "🗺 " (ctx.t(crate::i18n::texts::vendorui::SEE_ON_PLAN)) }
            @if can_manage { " · " a href=(format!("/sessions/{id}/inspect")) { (ctx.t(crate::i18n::texts::night::INSPECT_LINK)) } } }
        @if let Some(e) = refused.map(|(e, _)| e).or(moved.map(|(e, _)| e)).or(cancelled.map(|(e, _)| e)) {
            // The form that was refused is far down a long page: the reason comes first.
            p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) }
        }
        @if sees_list {
            h2 #bookings { (ctx.t(t::TITLE)) }
            @if items.is_empty() { p { (ctx.t(t::NONE)) } } @else {
                // On a phone each booking is a card (the actions in reach): see app.css `table.cards`.
                div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::TITLE)) { table.cards.session-bookings {
                    thead { tr { th { (ctx.t(t::STALL)) } th { (ctx.t(t::VENDOR)) } th { (ctx.t(t::CATEGORY)) } th { (ctx.t(tm::STATUS)) } @if can_manage { th { span.visually-hidden { (ctx.t(crate::i18n::texts::layout::ACTIONS)) } } } } }
                    tbody { @for b in &items { tr id=(format!("booking-{}", b.id)) data-category=(b.category) data-no-show=(u8::from(b.no_show)) data-stall-code=(b.stall_code) {
                        td { code { (b.stall_code) } }
                        td data-label=(ctx.t(t::VENDOR)) { (b.vendor_name) }
                        td data-label=(ctx.t(t::CATEGORY)) { span.category { (crate::vendors::categories::shown(&b.category, ctx.lang)) } }
                        td data-checkin-status data-label=(ctx.t(tm::STATUS)) { @if b.checked_in_at.is_some() { (ctx.t(t::CHECKED_IN)) } @else if b.no_show { (ctx.t(t::NO_SHOW)) } @else { (ctx.t(t::NOT_CHECKED_IN)) } }
                        @if can_manage { td {
                            @if b.checked_in_at.is_none() && checkin_open {
                                form.inline method="post" action=(format!("/bookings/{}/check-in", b.id)) data-offline-checkin=(b.id) data-label=(format!("{} · {}", b.stall_code, b.vendor_name)) { (csrf_field(ctx)) button.small type="submit" { (ctx.t(t::CHECK_IN)) } }
                                " "
                            }
                            @if not_over {
                                (super::plan_assign::cancel_form(ctx, b.id, ctx.t(t::CANCEL)))
                            }
                            @if b.checked_in_at.is_none() && not_over {
                                " "
                                (super::plan_assign::absence_form(ctx, b.id))
                            }
                        } }
                    } } }
                } }
            }
        }
        @if can_manage && checkin_open && !items.is_empty() { (super::offline::queue_section(ctx)) }
        // The night's work — who came, who is away — before the plan and its hundreds of free
        // stalls: on a phone in the street the list is what a manager scrolls for.
        @if let Some(plan) = plan { (plan) }
        // A stall looked for that is booked: straight to its row (check in, absence, cancel).
        @if let Some(b) = crate::views::plan::find_param(&ctx.path).and_then(|f| items.iter().find(|b| crate::views::plan_frame::code_matches(&b.stall_code, &f))) {
            p.find-booking { a href=(format!("#booking-{}", b.id)) { (b.stall_code) " · " (b.vendor_name) " →" } }
        }
        @if can_manage && not_over { (super::plan_assign::section(ctx, id, &free, &items, &held)) }
        (super::power::loads_section(ctx, &loads))
        @if can_manage && not_over {
            h2 { (ctx.t(t::ASSIGN)) }
            @if free.is_empty() { p { (ctx.t(t::NO_STALLS)) } } @else {
                form.card #assign method="post" action=(format!("/sessions/{id}/bookings")) {
                    (csrf_field(ctx))
                    @if let Some((e, _)) = refused { p.error-message { "⚠ " (e.message(ctx.lang)) } }
                    div.field {
                        label for="f-stall" { (ctx.t(t::FREE_STALLS)) }
                        select id="f-stall" name="stall_id" { @for s in &free {
                            option value=(s.id) selected[typed.is_some_and(|f| f.stall_id.trim() == s.id.to_string())] { (free_label(s)) } } }
                    }
                    (Input { name: "vendor_id", label: ctx.t(t::VENDOR_ID), value: typed.map_or("", |f| f.vendor_id.as_str()), hint: Some(ctx.t(t::VENDOR_ID_HINT)), required: true,
                             error: refused.filter(|(e, _)| e.field() == Some("vendor_id")).map(|(e, _)| e.message(ctx.lang)).as_deref(), ..Default::default() }.render())
                    p { a href="#assign-plan" { (ctx.t(t::FIND_ON_PLAN)) " →" } }
                    (Input { name: "until", label: ctx.t(t::UNTIL), value: typed.map_or("", |f| f.until.as_str()), kind: "date", ..Default::default() }.render())
                    button.primary type="submit" { (ctx.t(t::ASSIGN)) }
                }
            }
            @if !items.is_empty() && !free.is_empty() {
                h2 { (ctx.t(td::MOVE)) }
                form.card.move-booking #move method="post" action="/bookings/move" {
                    (csrf_field(ctx))
                    @if let Some((e, _)) = moved { p.error-message { "⚠ " (e.message(ctx.lang)) } }
                    div.field {
                        label for="f-move-booking" { (ctx.t(td::MOVE_BOOKING)) }
                        select id="f-move-booking" name="booking_id" required {
                            @for b in &items { option value=(b.id) selected[moved.is_some_and(|(_, f)| f.booking_id.trim() == b.id.to_string())] { (b.stall_code) " · " (b.vendor_name) " · " (crate::vendors::categories::shown(&b.category, ctx.lang)) } }
                        }
                    }
                    div.field {
                        label for="f-move-to" { (ctx.t(td::MOVE_TO)) }
                        select id="f-move-to" name="stall_id" required { @for s in &free { option value=(s.id) selected[moved.is_some_and(|(_, f)| f.stall_id.trim() == s.id.to_string())] { (free_label(s)) } } }
                    }
                    button type="submit" { (ctx.t(td::MOVE_SUBMIT)) }
                }
            }
            h2 { (ctx.t(tm::CANCEL_SESSION)) }
            form.card #cancel method="post" action=(format!("/sessions/{id}/cancel")) {
                (csrf_field(ctx))
                (Input { name: "reason", label: ctx.t(tm::CANCEL_REASON), value: cancelled.map_or("", |(_, r)| r), required: true,
                         error: cancelled.map(|(e, _)| e.message(ctx.lang)).as_deref(), ..Default::default() }.render())
                button type="submit" { (ctx.t(tm::CANCEL_SESSION)) }
            }
        }
    };
    Ok(views::page(ctx, &title, body))
}

/// GET /sessions/{id}/bookings: where a refused placement was shown; opened again (a reload
/// after the phone slept, a shared tab) it leads back to the session's form, not to a 405.
async fn back_to_assign(PathId(id): PathId) -> Response {
    axum::response::Redirect::to(&format!("/sessions/{id}#assign")).into_response()
}

/// The assign form.
#[derive(Debug, Deserialize)]
struct AssignForm {
    stall_id: String,
    vendor_id: String,
    #[serde(default)]
    until: String,
}

/// POST /sessions/{id}/bookings: assign a stall (optionally repeated until a date); a refusal
/// comes back on the session page at the form, with what was typed.
async fn assign_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<AssignForm>,
) -> AppResult<Response> {
    // The assign form is the staff's; a vendor chooses on `/sessions/{id}/choose`.
    auth.require_staff_writer()?;
    let attempt = async {
        let stall_id: i32 = form
            .stall_id
            .trim()
            .parse()
            .map_err(|_| BookingError::UnknownStall)?;
        let vendor_id = vendor_named(&state.db, &form.vendor_id).await?;
        let new = place_booking::NewBooking {
            session_id: id,
            session_in_url: true,
            stall_id,
            vendor_id,
            until: Some(crate::normalize::typed_date(&form.until)),
        };
        Ok::<_, AppError>(place_booking::place_booking(&state.db, &auth, new).await?)
    }
    .await;
    match attempt {
        Ok(placed) => {
            notices::deliver_all(state.notifier.as_ref(), &placed.notices);
            Ok(see_other_with(
                &format!("/sessions/{id}"),
                vec![Flash::StallAssigned.cookie()],
            ))
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            let page = render_session(&state, &ctx, id, Some(Refused::Assign(&e, &form))).await?;
            Ok((e.status(), page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The vendor a manager typed: a mobile number, a name (unique among vendors) or an id, as
/// they know them; a name two vendors share asks for the number.
async fn vendor_named(db: &sea_orm::DatabaseConnection, typed: &str) -> AppResult<i32> {
    use entity::vendors;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let typed = typed.trim();
    let ids = |rows: Vec<vendors::Model>| rows.into_iter().map(|v| v.id).collect::<Vec<_>>();
    let found = if let Ok(phone) = crate::accounts::phone::Phone::parse(typed) {
        let rows = vendors::Entity::find()
            .filter(vendors::Column::Phone.eq(phone.as_str()))
            .all(db)
            .await?;
        ids(rows)
    } else if let Some(id) = crate::normalize::typed_number::<i32>(typed) {
        vec![id]
    } else {
        // As the candidates search reads names (spaces, case, full-width letters, the form of
        // the name dot aside): `mary lee` is Mary Lee, `赵 小虎` is 赵小虎.
        let key = crate::normalize::search_key(typed);
        let names: Vec<(i32, String)> = vendors::Entity::find()
            .select_only()
            .column(vendors::Column::Id)
            .column(vendors::Column::Name)
            .into_tuple()
            .all(db)
            .await?;
        names
            .into_iter()
            .filter(|(_, name)| crate::normalize::search_key(name) == key)
            .map(|(id, _)| id)
            .take(2)
            .collect()
    };
    match found[..] {
        [id] => Ok(id),
        [] => Err(BookingError::UnknownVendor.into()),
        _ => Err(AppError::invalid(
            "vendor_ambiguous",
            "vendor_id",
            t::VENDOR_AMBIGUOUS,
        )),
    }
}

/// The cancel-session form.
#[derive(Debug, Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// POST /sessions/{id}/cancel.
async fn cancel_session_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    let out = match crate::bookings::cancel_session::cancel_session(&txn, &auth, id, &form.reason)
        .await
    {
        Ok((_, out)) => out,
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            drop(txn);
            let refused = Refused::Cancel(&e, &form.reason);
            let page = render_session(&state, &ctx, id, Some(refused)).await?;
            return Ok((e.status(), page).into_response());
        }
        Err(e) => return Err(e),
    };
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    Ok(see_other_with(
        &format!("/sessions/{id}"),
        vec![Flash::SessionCancelled.cookie()],
    ))
}

/// POST /bookings/{id}/check-in.
async fn check_in_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    let item = actions::check_in(&state.db, &auth, id).await?;
    // Back at the row (without JavaScript the page would open at its top, the list a long
    // scroll below the plan, once per stall of the night).
    Ok(see_other_with(
        &format!("/sessions/{}#booking-{id}", item.session_id),
        vec![Flash::CheckedIn.cookie()],
    ))
}

/// POST /bookings/{id}/cancel.
async fn cancel_booking_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<ReasonForm>,
) -> AppResult<Response> {
    let why = Some(form.reason.as_str());
    let session_id =
        actions::cancel_booking(&state.db, state.notifier.as_ref(), &auth, id, why).await?;
    Ok(see_other_with(
        &format!("/sessions/{session_id}#bookings"),
        vec![Flash::BookingCancelled.cookie()],
    ))
}

/// The move form.
#[derive(Debug, Deserialize)]
struct MoveForm {
    #[serde(default)]
    booking_id: String,
    #[serde(default)]
    stall_id: String,
}

/// POST /bookings/move: move a booking to a free stall of its session, back to the session.
async fn move_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    let booking_id: i32 = form
        .booking_id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let stall_id: i32 = form
        .stall_id
        .trim()
        .parse()
        .map_err(|_| BookingError::UnknownStall)?;
    let moved = actions::move_booking(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        booking_id,
        stall_id,
    )
    .await;
    let item = match moved {
        Ok(item) => item,
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict { .. })) => {
            // Back on the booking's session page, at the move form.
            let (_, session, _) = queries::booking_in_market(&state.db, booking_id).await?;
            let refused = Refused::Move(&e, &form);
            let page = render_session(&state, &ctx, session.id, Some(refused)).await?;
            return Ok((e.status(), page).into_response());
        }
        Err(e) => return Err(e),
    };
    Ok(see_other_with(
        &format!("/sessions/{}", item.session_id),
        vec![Flash::BookingMoved.cookie()],
    ))
}
