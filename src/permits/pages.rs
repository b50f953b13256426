//! `/permits/{booking_id}` (the vendor and the market's staff): the permit with its QR code;
//! `/permit/{token}` (anyone): the verification a passer-by sees after scanning it.

use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::vendorui as t;
use crate::identity::{Auth, Role};
use crate::markets::{access, queries as mq, schedule};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use entity::market_sessions::SessionStatus;
use entity::{bookings, permits, stalls, vendors};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The permit routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/permits/{booking_id}", get(permit_page))
        .route("/permit/{token}", get(verify_page))
}

/// `http(s)://host` for URLs that leave the browser (QR codes): the configured `public_url`,
/// else this request's `Host`.
pub fn origin(config: &crate::config::Config, headers: &HeaderMap) -> String {
    if let Some(url) = &config.public_url {
        return url.clone();
    }
    let host = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| crate::web::is_host_and_port(h))
        .unwrap_or("127.0.0.1:3000");
    format!("{}://{host}", if config.https { "https" } else { "http" })
}

/// What a permit says, computed before rendering.
struct PermitFacts {
    stall_code: String,
    market: String,
    /// Where the night is held: a mobile market moves between sites.
    site: String,
    date: String,
    segment: String,
    time: String,
    masked_name: String,
    category: String,
    valid: bool,
    why_not: Option<crate::i18n::T>,
    /// Valid, but for a night still to come, not tonight: an inspector must not read a green
    /// check for a vendor standing there on another night.
    not_yet: bool,
}

/// Looks up everything a permit shows; `valid` only for a live booking of a scheduled
/// session that has not ended.
async fn facts(state: &AppState, permit: &permits::Model) -> AppResult<PermitFacts> {
    let db = &state.db;
    let session = mq::find_session(db, permit.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stall = stalls::Entity::find_by_id(permit.stall_id).one(db).await?;
    let site = entity::sites::Entity::find_by_id(session.site_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let vendor = vendors::Entity::find_by_id(permit.vendor_id)
        .one(db)
        .await?;
    let live = bookings::Entity::find_by_id(permit.booking_id)
        .filter(bookings::Column::SessionId.eq(permit.session_id))
        .filter(bookings::Column::StallId.eq(permit.stall_id))
        .filter(bookings::Column::VendorId.eq(permit.vendor_id))
        .one(db)
        .await?;
    let category = match &live {
        Some(b) => crate::bookings::queries::items(db, &session, vec![b.clone()])
            .await?
            .pop()
            .map(|i| i.category),
        None => None,
    }
    .or_else(|| vendor.as_ref().map(|v| v.category.clone()))
    .unwrap_or_default();
    // A booking gone because its vendor declared absence (请假) says so, not "cancelled".
    let absent = live.is_none()
        && entity::booking_history::Entity::find()
            .filter(entity::booking_history::Column::BookingId.eq(permit.booking_id))
            .filter(
                entity::booking_history::Column::Reason
                    .eq(entity::booking_history::CancelReason::Absent),
            )
            .one(db)
            .await?
            .is_some();
    let why_not = if absent {
        Some(t::PERMIT_ABSENT)
    } else if live.is_none() {
        Some(t::PERMIT_CANCELLED)
    } else if session.status != SessionStatus::Scheduled {
        Some(t::PERMIT_SESSION_CANCELLED)
    } else if session.ends_at <= Utc::now() {
        Some(t::PERMIT_PAST)
    } else if crate::conduct::demerits::is_suspended(db, permit.vendor_id, session.business_date)
        .await?
    {
        // Booked before the 12th point: the stall stays theirs on paper, but an inspector
        // scanning the permit must not read it as leave to trade.
        Some(t::PERMIT_SUSPENDED)
    } else {
        None
    };
    // Valid now from when its vendors may come to set up, as check-in: after midnight the night
    // still running is valid and this evening's, though dated today, is still to come.
    let not_yet = why_not.is_none() && !crate::markets::schedule::doors_open(&session, Utc::now());
    Ok(PermitFacts {
        not_yet,
        stall_code: stall.map(|s| s.code).unwrap_or_default(),
        market: market.name,
        site,
        date: session.business_date.to_string(),
        segment: session.segment.clone(),
        time: format!(
            "{}–{}",
            schedule::local_hhmm(session.starts_at),
            schedule::local_hhmm(session.ends_at)
        ),
        masked_name: vendor
            .map(|v| crate::mask::mask_name(&v.name))
            .unwrap_or_default(),
        category,
        valid: why_not.is_none(),
        why_not,
    })
}

/// The verdict in words and a symbol, never colour alone.
fn verdict(ctx: &PageCtx, f: &PermitFacts) -> Markup {
    html! {
        @if f.valid && f.not_yet {
            p.verdict.later role="status" data-valid="later" { span aria-hidden="true" { "⏳ " } (ctx.t(t::PERMIT_NOT_YET))
                br; small { (crate::i18n::Msg::with("vendorui-permit-only-on", [("date", f.date.clone().into()), ("segment", f.segment.clone().into())]).get(ctx.lang)) } }
        } @else if f.valid {
            p.verdict.valid role="status" data-valid="true" { span aria-hidden="true" { "✔ " } (ctx.t(t::VALID)) }
        } @else {
            p.verdict.invalid role="status" data-valid="false" { span aria-hidden="true" { "✖ " } (ctx.t(t::NOT_VALID))
                @if let Some(w) = f.why_not { br; small { (ctx.t(w)) } } }
        }
    }
}

/// The public facts of a permit as a definition list.
fn facts_list(ctx: &PageCtx, f: &PermitFacts) -> Markup {
    html! {
        dl.profile.permit-facts {
            div { dt { (ctx.t(t::STALL)) } dd { code.stall-code { (f.stall_code) } } }
            div { dt { (ctx.t(t::MARKET)) } dd { (f.market) } }
            div { dt { (ctx.t(t::SITE)) } dd.permit-site { (f.site) } }
            div { dt { (ctx.t(t::SESSION)) } dd { (f.date) " " (f.segment) " " (f.time) } }
            div { dt { (ctx.t(t::VENDOR)) } dd.masked-name { (f.masked_name) } }
            div { dt { (ctx.t(t::CATEGORY)) } dd { (crate::vendors::categories::shown(&f.category, ctx.lang)) } }
        }
    }
}

/// GET /permits/{booking_id}: the owner's (or the market staff's) permit with its QR code.
async fn permit_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    headers: HeaderMap,
    PathId(booking_id): PathId,
) -> AppResult<Markup> {
    let booking = bookings::Entity::find_by_id(booking_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if auth.role == Role::Vendor {
        if auth.vendor_id != Some(booking.vendor_id) {
            return Err(AppError::NotFound);
        }
    } else {
        let session = mq::find_session(&state.db, booking.session_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let market = mq::find_market(&state.db, session.market_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !access::can_read(&state.db, &auth, &market).await? {
            return Err(crate::identity::not_theirs(&auth));
        }
    }
    let permit = super::ensure(&state.db, &booking).await?;
    let f = facts(&state, &permit).await?;
    let url = format!(
        "{}/permit/{}",
        origin(&state.config, &headers),
        permit.token
    );
    let body = html! {
        section.permit {
            (verdict(&ctx, &f))
            figure.qr-figure {
                (crate::views::qr::svg(&url, ctx.t(t::QR_LABEL)))
                figcaption { (ctx.t(t::QR_HINT)) }
            }
            (facts_list(&ctx, &f))
            p.verify-link { a href=(url) data-permit-url=(url) { (ctx.t(t::OPEN_VERIFICATION)) } }
            p.noprint { a href=(format!("/sessions/{}/plan#stall-{}", booking.session_id, f.stall_code)) { (ctx.t(t::SEE_ON_PLAN)) } }
        }
    };
    Ok(views::page(&ctx, ctx.t(t::PERMIT_TITLE), body))
}

/// GET /permit/{token}: public verification; an unknown token says so in words (404).
async fn verify_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let permit = if token.len() <= 64 {
        permits::Entity::find()
            .filter(permits::Column::Token.eq(token))
            .one(&state.db)
            .await?
    } else {
        None
    };
    let Some(permit) = permit else {
        let body = html! {
            p.verdict.invalid role="status" data-valid="false" { span aria-hidden="true" { "✖ " } (ctx.t(t::NOT_VALID)) br; small { (ctx.t(t::PERMIT_UNKNOWN)) } }
        };
        return Ok((
            http::StatusCode::NOT_FOUND,
            views::page(&ctx, ctx.t(t::VERIFY_TITLE), body),
        )
            .into_response());
    };
    let f = facts(&state, &permit).await?;
    let body = html! {
        section.permit {
            (verdict(&ctx, &f))
            (facts_list(&ctx, &f))
            p.hint { (ctx.t(t::VERIFY_HINT)) }
        }
    };
    Ok(views::page(&ctx, ctx.t(t::VERIFY_TITLE), body).into_response())
}
