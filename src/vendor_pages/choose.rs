//! `/sessions/{id}/choose`: where a market lets vendors choose (`self_select`), a vendor sees
//! the session's plan and free stalls and books one in one tap (POST → 303 → home). The
//! booking rules are the bookings feature's; the database decides a race, so a stall taken
//! meanwhile comes back as a clear message on this page and nothing changes.

use crate::applications::covers::{Coverage, covers};
use crate::bookings::error::BookingError;
use crate::bookings::place_booking::{NewBooking, place_booking};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::{bookings as tb, vendor_journey as t, vendorui as tv};
use crate::identity::{Auth, CurrentUser, Role};
use crate::markets::schedule::open_for_choice;
use crate::markets::{queries as mq, schedule};
use crate::sites::drawing::SiteDrawing;
use crate::state::AppState;
use crate::views::plan::{self, StallLook};
use crate::views::{self, Flash, PageCtx, forms::csrf_field};
use crate::web::see_other_with;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use entity::applications::ApplicationStatus;
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use entity::{applications, market_sessions, markets};
use http::StatusCode;
use maud::{Markup, html};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use serde::Deserialize;
use std::collections::HashMap;

/// How many self-select sessions the vendor's home page lists.
const HOME_LIST: usize = 5;

/// The next sessions the vendor may choose a stall in, soonest first, with the market name:
/// of markets that let vendors choose, those an approved application of theirs covers (the
/// booking would be refused in any other).
pub async fn upcoming_choices(
    db: &impl ConnectionTrait,
    vendor_id: i32,
    now: DateTime<Utc>,
) -> AppResult<Vec<(market_sessions::Model, String)>> {
    let names: HashMap<i32, String> = markets::Entity::find()
        .filter(markets::Column::SelfSelect.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let approved = applications::Entity::find()
        .filter(applications::Column::VendorId.eq(vendor_id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Approved))
        .filter(applications::Column::MarketId.is_in(names.keys().copied()))
        .filter(applications::Column::DateTo.gte(now.date_naive()))
        .all(db)
        .await?;
    let sessions = market_sessions::Entity::find()
        .filter(market_sessions::Column::MarketId.is_in(approved.iter().map(|a| a.market_id)))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::StartsAt.gt(now))
        .order_by_asc(market_sessions::Column::StartsAt)
        .all(db)
        .await?;
    // A session the vendor already has a stall in is under "my stalls", not offered again;
    // nor one at the same hours as a stall they hold elsewhere (another site or market of a
    // mobile night market): choosing there could only be refused.
    let held: Vec<(i32, DateTime<Utc>, DateTime<Utc>)> = entity::bookings::Entity::find()
        .select_only()
        .column(entity::bookings::Column::SessionId)
        .column(market_sessions::Column::StartsAt)
        .column(market_sessions::Column::EndsAt)
        .join(
            sea_orm::JoinType::InnerJoin,
            entity::bookings::Relation::Session.def(),
        )
        .filter(entity::bookings::Column::VendorId.eq(vendor_id))
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::EndsAt.gt(now))
        .into_tuple()
        .all(db)
        .await?;
    let clashes = |s: &market_sessions::Model| {
        held.iter()
            .any(|&(id, starts, ends)| id == s.id || (starts < s.ends_at && s.starts_at < ends))
    };
    Ok(sessions
        .into_iter()
        .filter(|s| !clashes(s))
        .filter(|s| {
            approved.iter().any(|a| {
                a.market_id == s.market_id
                    && covers(&Coverage::of(a), s.business_date, &s.segment).is_ok()
            })
        })
        .take(HOME_LIST)
        .map(|s| {
            let name = names.get(&s.market_id).cloned().unwrap_or_default();
            (s, name)
        })
        .collect())
}

/// The calling vendor's id; 403 for everyone else.
fn vendor_of(user: &CurrentUser) -> AppResult<i32> {
    match (user.role, user.vendor_id) {
        (Role::Vendor, Some(id)) => Ok(id),
        _ => Err(AppError::Forbidden),
    }
}

/// The page, with `error` from a failed tap shown on top.
async fn render(
    state: &AppState,
    ctx: &PageCtx,
    vendor_id: i32,
    session_id: i32,
    error: Option<&AppError>,
) -> AppResult<(StatusCode, Markup)> {
    let db = &state.db;
    let session = mq::find_session(db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = format!(
        "{} · {} {} · {}",
        market.name,
        session.business_date,
        session.segment,
        ctx.t(t::CHOOSE_TITLE)
    );
    if !market.self_select {
        let body = html! {
            p.error-message role="alert" { "✖ " (ctx.t(tb::SELF_SELECT_OFF)) }
            p { a.button href=(format!("/sessions/{session_id}/plan")) { "🗺 " (ctx.t(tv::VIEW_PLAN)) } }
        };
        return Ok((StatusCode::FORBIDDEN, views::page(ctx, &title, body)));
    }
    let drawing = SiteDrawing::load(state, session.site_id).await?;
    let taken: HashMap<i32, i32> = crate::bookings::queries::session_bookings(db, &session, None)
        .await?
        .into_iter()
        .map(|b| (b.stall_id, b.vendor_id))
        .collect();
    // A stall on offer to a waitlisted vendor is theirs until they answer: not to choose.
    let on_offer = crate::bookings::offers::stalls_on_offer(db, session.id, vendor_id).await?;
    let look = |s: &entity::stalls::Model| match taken.get(&s.id) {
        Some(v) if *v == vendor_id => StallLook::Highlight,
        Some(_) => StallLook::Booked,
        None if on_offer.contains(&s.id) => StallLook::Booked,
        None if s.status == StallStatus::Active => StallLook::Active,
        None => StallLook::Disabled,
    };
    let mine = drawing
        .stalls
        .iter()
        .find(|s| taken.get(&s.id) == Some(&vendor_id));
    let free: Vec<_> = drawing
        .stalls
        .iter()
        .filter(|s| look(s) == StallLook::Active)
        .collect();
    let open = open_for_choice(&session, Utc::now());
    let body = html! {
        p.lead {
            (drawing.site.name) " · " (schedule::local_hhmm(session.starts_at)) "–" (schedule::local_hhmm(session.ends_at))
        }
        @if let Some(e) = error { p.error-message role="alert" { "⚠ " (e.message(ctx.lang)) } }
        @if let Some(s) = mine {
            p.my-stall role="status" { "★ " (ctx.t(t::ALREADY_HERE)) " " code.stall-code { (s.code) } }
        } @else if !open {
            p.error-message role="alert" { "✖ " (ctx.t(t::CLOSED_FOR_CHOICE)) }
        } @else {
            p { (ctx.t(t::CHOOSE_INTRO)) }
        }
        @let find = plan::find_param(&ctx.path);
        (plan::find_form(ctx.lang, find.as_deref()))
        figure.plan-figure {
            (drawing.render_found(&title, ctx.lang, find.as_deref(), look))
            figcaption {
                (plan::legend(ctx.lang))
                ul.legend { li { span.swatch.st-booked {} (ctx.t(tv::TAKEN)) } }
            }
        }
        h2 { (ctx.t(tv::FREE)) " (" (free.len()) ")" }
        @if free.is_empty() { p.empty { (ctx.t(t::NO_FREE_STALLS)) } }
        ul.cards.big.free-stalls {
            @for s in &free {
                li data-stall=(s.code) {
                    p { (ctx.t(tv::STALL)) " " code.stall-code { (s.code) } @if s.power { " · ⚡" } }
                    @if open && mine.is_none() {
                        form method="post" action=(format!("/sessions/{session_id}/choose")) {
                            (csrf_field(ctx))
                            input type="hidden" name="stall_id" value=(s.id);
                            button.primary.big type="submit" { "👆 " (ctx.t(t::CHOOSE_THIS)) " " (s.code) }
                        }
                    }
                }
            }
        }
        p { a href=(format!("/sessions/{session_id}/plan")) { "🗺 " (ctx.t(tv::VIEW_PLAN)) } " · "
            a href="/#schedule" { "📅 " (ctx.t(tv::MY_SCHEDULE)) } }
    };
    let status = error.map_or(StatusCode::OK, AppError::status);
    Ok((status, views::page(ctx, &title, body)))
}

/// GET /sessions/{id}/choose (vendors).
pub async fn choose_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    let vendor_id = vendor_of(&auth)?;
    Ok(render(&state, &ctx, vendor_id, id, None)
        .await?
        .into_response())
}

/// The one-tap form.
#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    stall_id: String,
}

/// POST /sessions/{id}/choose: books the stall for the caller, then home with a message; a
/// refusal (taken meanwhile, too late, …) shows this page again with the reason.
pub async fn choose_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<ChooseForm>,
) -> AppResult<Response> {
    let vendor_id = vendor_of(&auth)?;
    let attempt = async {
        let stall_id: i32 = form
            .stall_id
            .trim()
            .parse()
            .map_err(|_| BookingError::UnknownStall)?;
        let new = NewBooking {
            session_id: id,
            session_in_url: true,
            stall_id,
            vendor_id,
            until: None,
        };
        place_booking(&state.db, &auth, new).await
    }
    .await;
    match attempt {
        Ok(_) => Ok(see_other_with(
            "/#schedule",
            vec![Flash::StallBooked.cookie()],
        )),
        Err(e) if e.is_refusal() => {
            let e = AppError::from(e);
            Ok(render(&state, &ctx, vendor_id, id, Some(&e))
                .await?
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
