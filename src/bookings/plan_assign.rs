//! Assigning from the plan on the manager's session page: tap a free stall → its candidates
//! page (search, ineligible vendors greyed with the reason in words, pick → booked through
//! `place_booking`); tap a booked stall then a free one → `move_booking`; cancel from the stall.
//! Without JavaScript every free stall is a link to the same candidates page and every booked
//! stall has its cancel button (`assets/assign.js` adds the taps on the plan).

use super::candidates::candidates;
use super::queries::BookingItem;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::Msg;
use crate::i18n::texts::editor as t;
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::csrf_field};
use crate::web::see_other_with;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use entity::stalls::{self, StallStatus};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use std::collections::HashMap;

/// The candidates page route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/sessions/{id}/candidates", get(candidates_page))
}

/// Whether managers may still place, move, cancel or excuse bookings of `session`: a scheduled
/// session until it ends (a walk-up while it runs); after, the server refuses with
/// `session_past`, so no page offers it.
pub(super) fn not_over(session: &entity::market_sessions::Model) -> bool {
    session.status == entity::market_sessions::SessionStatus::Scheduled
        && chrono::Utc::now() < session.ends_at
}

/// "held for a waiting vendor until 20:30": a free stall with an open offer on it.
fn held_note(ctx: &PageCtx, until: DateTime<Utc>) -> String {
    let time = crate::markets::schedule::local_hhmm(until);
    Msg::with(t::HELD_UNTIL, [("time", time.into())]).get(ctx.lang)
}

/// A held stall's code with that note, for the session page's stall lists.
pub(super) fn held_label(ctx: &PageCtx, code: &str, until: DateTime<Utc>) -> String {
    format!("{code} · {}", held_note(ctx, until))
}

/// The section under the session's plan (managers of a scheduled session).
pub fn section(
    ctx: &PageCtx,
    session_id: i32,
    free: &[&stalls::Model],
    booked: &[&BookingItem],
    held: &HashMap<i32, DateTime<Utc>>,
) -> Markup {
    html! {
        section.card #assign-plan data-session=(session_id) {
            h2 { (ctx.t(t::FROM_PLAN)) }
            p.hint { (ctx.t(t::FROM_PLAN_HINT)) }
            p #assign-status role="status" aria-live="polite" {}
            @if !free.is_empty() {
                h3 { (ctx.t(t::FREE_STALLS)) }
                ul.stall-links {
                    @for s in free {
                        li { a.free-stall href=(format!("/sessions/{session_id}/candidates?stall={}", s.id))
                            data-stall-id=(s.id) data-code=(s.code) { code { (s.code) } }
                            @if let Some(until) = held.get(&s.id) { " " span.held-stall { (held_note(ctx, *until)) } } }
                    }
                }
            }
            @if !booked.is_empty() {
                h3 { (ctx.t(t::BOOKED_STALLS)) }
                ul.booked-stalls {
                    @for b in booked {
                        li.booked-stall data-booking=(b.id) data-stall-id=(b.stall_id) data-code=(b.stall_code)
                            data-picked=(Msg::with("editor-picked", [("stall", b.stall_code.clone().into())]).get(ctx.lang)) {
                            code { (b.stall_code) } " · " (b.vendor_name) " "
                            (cancel_form(ctx, b.id, &Msg::with("editor-cancel-booking", [("stall", b.stall_code.clone().into())]).get(ctx.lang)))
                        }
                    }
                }
            }
            form #plan-move method="post" action="/bookings/move" hidden {
                (csrf_field(ctx))
                input type="hidden" name="booking_id" value="";
                input type="hidden" name="stall_id" value="";
            }
        }
        script src="/assets/assign.js" defer {}
    }
}

/// `?stall=&q=`.
#[derive(Debug, Default, Deserialize)]
struct CandidatesQuery {
    #[serde(default)]
    stall: String,
    #[serde(default)]
    q: String,
}

/// GET /sessions/{id}/candidates?stall=&q= (the market's managers, admins): the vendors who
/// might take this stall, each with an "assign" button or the reasons they cannot.
async fn candidates_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Query(query): Query<CandidatesQuery>,
) -> AppResult<Response> {
    let (session, list) = candidates(&state.db, &auth, id, &query.q).await?;
    // No stall named (a typed or shortened address): the plan, where each free stall leads here.
    if query.stall.trim().is_empty() {
        return Ok(see_other_with(
            &format!("/sessions/{id}#assign-plan"),
            Vec::new(),
        ));
    }
    let stall_id: i32 = query.stall.trim().parse().map_err(|_| AppError::NotFound)?;
    let stall = stalls::Entity::find_by_id(stall_id)
        .one(&state.db)
        .await?
        .filter(|s| s.site_id == session.site_id && s.status != StallStatus::Retired)
        .ok_or(AppError::NotFound)?;
    let taken = entity::bookings::Entity::find()
        .filter(entity::bookings::Column::SessionId.eq(session.id))
        .filter(entity::bookings::Column::StallId.eq(stall.id))
        .one(&state.db)
        .await?
        .is_some();
    let free = !taken && stall.status == StallStatus::Active;
    let held = super::offers::held_stalls(&state.db, session.id)
        .await?
        .get(&stall.id)
        .copied();
    let open = not_over(&session);
    let title = Msg::with(t::CANDIDATES_FOR, [("stall", stall.code.clone().into())]).get(ctx.lang);
    let assign =
        Msg::with("editor-assign-here", [("stall", stall.code.clone().into())]).get(ctx.lang);
    let body = html! {
        p { a href=(format!("/sessions/{id}#assign-plan")) { "← " (ctx.t(t::BACK_TO_SESSION)) } }
        @if !open { p.error-message role="alert" { "⚠ " (ctx.t(crate::i18n::texts::bookings::SESSION_PAST)) } }
        @else if !free { p.error-message role="alert" { "⚠ " (ctx.t(t::STALL_NOT_FREE)) } }
        @else if let Some(until) = held { p.notice role="status" { "⚠ " (Msg::with(t::STALL_HELD, [("time", crate::markets::schedule::local_hhmm(until).into())]).get(ctx.lang)) } }
        form.card.search method="get" action=(format!("/sessions/{id}/candidates")) role="search" {
            input type="hidden" name="stall" value=(stall.id);
            div.field {
                label for="f-q" { (ctx.t(t::SEARCH)) }
                input #f-q type="search" name="q" value=(query.q) autocomplete="off";
            }
            button type="submit" { (ctx.t(t::SEARCH_BUTTON)) }
        }
        @if list.is_empty() { p { (ctx.t(t::NO_CANDIDATES)) } } @else {
            ul.candidates {
                @for c in &list {
                    li.candidate .ineligible[!c.eligible] data-vendor=(c.vendor_id) {
                        div.who {
                            strong { (c.name) } " · " (c.phone_masked) " · " (crate::vendors::categories::shown(&c.category, ctx.lang))
                        }
                        @if c.eligible {
                            @if free && open {
                                form.inline method="post" action=(format!("/sessions/{id}/bookings")) {
                                    (csrf_field(&ctx))
                                    input type="hidden" name="stall_id" value=(stall.id);
                                    input type="hidden" name="vendor_id" value=(c.vendor_id);
                                    button.primary.small type="submit" aria-label=(format!("{assign} · {}", c.name)) { (assign) }
                                }
                            }
                        } @else {
                            p.reasons { (ctx.t(t::NOT_ELIGIBLE)) (ctx.lang.colon())
                                @for (i, r) in c.reasons.iter().enumerate() {
                                    @if i > 0 { (ctx.t(crate::i18n::texts::layout::LIST_SEPARATOR)) }
                                    (t::reason(r).map_or(r.as_str(), |w| w.get(ctx.lang)))
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(views::page(&ctx, &title, body).into_response())
}

/// A booking's cancel in two steps: `summary` opens the reason (told to the vendor) and the
/// confirming button, so a tap meant for the button beside it does not cancel a vendor's
/// night and send them an SMS.
pub(super) fn cancel_form(ctx: &PageCtx, booking_id: i32, summary: &str) -> Markup {
    use crate::i18n::texts::bookings as tb;
    two_steps(
        ctx,
        &format!("/bookings/{booking_id}/cancel"),
        summary,
        ctx.t(tb::CANCEL_CONFIRM),
    )
}

/// A manager's "absent tonight" (请假) for a booking, in two steps like [`cancel_form`]: one
/// tap beside 签到 would free the stall and text the vendor by a slip of the thumb.
pub(super) fn absence_form(ctx: &PageCtx, booking_id: i32) -> Markup {
    use crate::i18n::texts::night as tn;
    two_steps(
        ctx,
        &format!("/bookings/{booking_id}/absence"),
        ctx.t(tn::RECORD_ABSENCE),
        ctx.t(tn::ABSENCE_CONFIRM),
    )
}

/// `summary` opens a form posting to `action` with an optional reason and `confirm` as its
/// button.
fn two_steps(ctx: &PageCtx, action: &str, summary: &str, confirm: &str) -> Markup {
    html! {
        details.confirm-cancel {
            summary.small { (summary) }
            form.inline method="post" action=(action) {
                (csrf_field(ctx))
                label.cancel-why { (ctx.t(crate::i18n::texts::bookings::CANCEL_WHY)) " "
                    input type="text" name="reason" maxlength="200" autocomplete="off"; }
                " " button.small type="submit" { (confirm) }
            }
        }
    }
}
