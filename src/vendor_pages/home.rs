//! The vendor's home page sections, phone first: pending offers (one tap to answer), the
//! notice inbox, applications with status and reasons, the upcoming schedule with permits and
//! plan links (and the month view), sessions where the vendor may choose a stall, and the
//! calendar link. Status is always in words and symbols, not colour alone.

use super::schedule::upcoming;
use crate::error::AppResult;
use crate::i18n::{texts::vendor_journey as tj, texts::vendorui as t};
use crate::identity::CurrentUser;
use crate::state::AppState;
use crate::views::{PageCtx, forms::csrf_field};
use chrono::Utc;
use entity::applications::ApplicationStatus;
use entity::market_sessions::SessionStatus;
use entity::offers::OfferStatus;
use entity::{market_sessions, markets, notices, offers, stalls};
use http::HeaderMap;
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// How many notices the inbox shows.
const INBOX_SIZE: u64 = 20;

/// An application status as a symbol (the words come from the applications feature).
fn status_icon(status: &ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Approved => "✔",
        ApplicationStatus::Rejected => "✖",
        ApplicationStatus::Waitlisted => "⏳",
        ApplicationStatus::Withdrawn => "↩",
        ApplicationStatus::Submitted => "…",
    }
}

/// A notice kind as a symbol and a word.
fn notice_kind(kind: &str) -> (&'static str, crate::i18n::T) {
    match kind {
        "offer" => ("🎁", t::KIND_OFFER),
        "session_cancelled" | "sessions_cancelled" | "booking_cancelled" | "offer_withdrawn" => {
            ("⚠", t::KIND_CANCELLED)
        }
        "application_decided" => ("📋", t::KIND_DECIDED),
        _ => ("ℹ", t::KIND_OTHER),
    }
}

/// [`sections`] as a home-page contribution (see `crate::registry`).
pub fn section<'a>(
    state: &'a AppState,
    ctx: &'a PageCtx,
    user: &'a CurrentUser,
    headers: &'a HeaderMap,
) -> futures_util::future::BoxFuture<'a, AppResult<maud::Markup>> {
    Box::pin(sections(state, ctx, user, headers))
}

/// Everything below the profile on a vendor's home page.
pub async fn sections(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    headers: &HeaderMap,
) -> AppResult<Markup> {
    let Some(vendor_id) = user.vendor_id else {
        return Ok(html! {});
    };
    let db = &state.db;
    let now = Utc::now();
    let pending = offers::Entity::find()
        .filter(offers::Column::VendorId.eq(vendor_id))
        .filter(offers::Column::Status.eq(OfferStatus::Pending))
        .filter(offers::Column::Deadline.gt(now))
        .order_by_asc(offers::Column::Deadline)
        .all(db)
        .await?;
    let mut offer_rows = Vec::new();
    for o in &pending {
        let session = market_sessions::Entity::find_by_id(o.session_id)
            .one(db)
            .await?;
        let market = match &session {
            Some(s) => markets::Entity::find_by_id(s.market_id).one(db).await?,
            None => None,
        };
        let code = stalls::Entity::find_by_id(o.stall_id)
            .one(db)
            .await?
            .map(|s| s.code)
            .unwrap_or_default();
        offer_rows.push((o, session, market, code));
    }
    let inbox = notices::Entity::find()
        .filter(notices::Column::UserId.eq(user.id))
        .order_by_desc(notices::Column::Id)
        .limit(INBOX_SIZE)
        .all(db)
        .await?;
    let ids: Vec<i32> = inbox.iter().map(|n| n.id).collect();
    // Without a gateway messages only go to the server's log: no badge claims one was sent.
    let sms = if state.config.sms.url.is_some() {
        crate::notices::outbox::deliveries(db, &ids).await?
    } else {
        Default::default()
    };
    let (applications, _) = crate::applications::flow::list(db, user, None, None, 50, 0).await?;
    let market_names: std::collections::HashMap<i32, String> = markets::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let schedule = upcoming(db, vendor_id, Some(now)).await?;
    let choices = super::choose::upcoming_choices(db, vendor_id, now).await?;
    // Read only: a GET makes nothing; the vendor makes the link with a button (a POST).
    let feed = super::calendar::feed_token(db, vendor_id)
        .await?
        .map(|token| format!("/api/v1/vendors/{vendor_id}/schedule.ics?token={token}"));
    let wechat = headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ua| ua.contains("MicroMessenger"));
    let lang = ctx.lang;
    Ok(html! {
        nav.quick aria-label=(ctx.t(t::QUICK_LINKS)) {
            a.button.big href="#offers" { "🎁 " (ctx.t(t::OFFERS)) " (" (offer_rows.len()) ")" }
            a.button.big href="#schedule" { "📅 " (ctx.t(t::MY_SCHEDULE)) }
            a.button.big href="#notices" { "🔔 " (ctx.t(t::NOTICES)) }
            a.button.big href="/applications" { "📝 " (ctx.t(t::APPLY)) }
        }
        section #offers.vendor-section aria-labelledby="offers-h" {
            h2 #offers-h { (ctx.t(t::OFFERS)) }
            @if offer_rows.is_empty() { p.empty { (ctx.t(t::NO_OFFERS)) } }
            ul.cards.big {
                @for (o, session, market, code) in &offer_rows {
                    li.offer data-offer=(o.id) {
                        p { strong { "🎁 " (market.as_ref().map_or("", |m| m.name.as_str())) } }
                        @if let Some(s) = session {
                            p { (s.business_date) " " (s.segment) " · " (ctx.t(t::STALL)) " " code.stall-code { (code) } }
                        }
                        p.deadline { "⏰ " (ctx.t(t::ACCEPT_BEFORE)) " " time { (crate::clock::local_minute(o.deadline)) } }
                        div.actions {
                            form.inline method="post" action=(format!("/offers/{}/accept", o.id)) {
                                (csrf_field(ctx))
                                button.primary.big type="submit" { "✔ " (ctx.t(t::ACCEPT)) }
                            }
                            form.inline method="post" action=(format!("/offers/{}/decline", o.id)) {
                                (csrf_field(ctx))
                                button.big type="submit" { "✖ " (ctx.t(t::DECLINE)) }
                            }
                        }
                    }
                }
            }
        }
        section #schedule.vendor-section aria-labelledby="schedule-h" {
            h2 #schedule-h { (ctx.t(t::MY_SCHEDULE)) }
            p { a.button.big href="/schedule/month" { (ctx.t(tj::MONTH_VIEW)) } }
            @if schedule.is_empty() { p.empty { (ctx.t(t::NO_SCHEDULE)) } }
            ul.cards.big {
                @for e in &schedule {
                    li.booking data-booking=(e.booking_id) {
                        p { strong { "📅 " (e.date) " " (e.segment) } " "
                            (crate::markets::schedule::local_hhmm(e.starts_at)) "–" (crate::markets::schedule::local_hhmm(e.ends_at)) }
                        p { (e.market) " · " (e.site) }
                        p { (ctx.t(t::STALL)) " " code.stall-code { (e.stall_code) }
                            @if e.session_status == SessionStatus::Cancelled { " · " strong { "✖ " (ctx.t(t::SESSION_CANCELLED)) } } }
                        div.actions {
                            a.button.big href=(format!("/sessions/{}/plan#stall-{}", e.session_id, e.stall_code)) { "🗺 " (ctx.t(t::SEE_ON_PLAN)) }
                            a.button.big href=(format!("/permits/{}", e.booking_id)) { "🪪 " (ctx.t(t::PERMIT)) }
                        }
                        @if e.session_status == SessionStatus::Scheduled && e.starts_at > now {
                            (crate::vendor_pages::absence_form(ctx, e.booking_id))
                        }
                    }
                }
            }
        }
        section #choose.vendor-section aria-labelledby="choose-h" {
            h2 #choose-h { (ctx.t(tj::SELF_SELECT_SESSIONS)) }
            @if choices.is_empty() { p.empty { (ctx.t(tj::NO_SELF_SELECT)) } }
            ul.cards.big {
                @for (s, market) in &choices {
                    li data-session=(s.id) {
                        p { strong { (market) } }
                        p { "📅 " (s.business_date) " " (s.segment) " "
                            (crate::markets::schedule::local_hhmm(s.starts_at)) "–" (crate::markets::schedule::local_hhmm(s.ends_at)) }
                        div.actions { a.button.big href=(format!("/sessions/{}/choose", s.id)) { "👆 " (ctx.t(tj::CHOOSE_TITLE)) } }
                    }
                }
            }
        }
        section #calendar.vendor-section aria-labelledby="calendar-h" {
            h2 #calendar-h { (ctx.t(t::CALENDAR)) }
            @if wechat { p.hint.wechat role="note" { "⚠ " (ctx.t(t::WECHAT_HINT)) } }
            @if let Some(feed) = &feed {
                p { a.button.big href=(feed) download="nightmarket.ics" { "⬇ " (ctx.t(t::DOWNLOAD_CALENDAR)) } }
                p.hint { (ctx.t(t::FEED_HINT)) }
                form.inline method="post" action="/calendar/reset" {
                    (csrf_field(ctx))
                    button type="submit" { (ctx.t(t::RESET_FEED)) }
                }
            } @else {
                p.hint { (ctx.t(t::NO_FEED_YET)) }
                form.inline method="post" action="/calendar/reset" {
                    (csrf_field(ctx))
                    button.big type="submit" { "📅 " (ctx.t(t::CREATE_FEED)) }
                }
            }
        }
        section #notices.vendor-section aria-labelledby="notices-h" {
            h2 #notices-h { (ctx.t(t::NOTICES)) }
            @if inbox.is_empty() { p.empty { (ctx.t(t::NO_NOTICES)) } }
            ul.inbox {
                @for n in &inbox {
                    @let (icon, kind) = notice_kind(&n.kind);
                    li data-kind=(n.kind) {
                        span.kind { span aria-hidden="true" { (icon) " " } (kind.get(lang)) }
                        " · " time { (crate::clock::local_minute(n.created_at)) }
                        p { (crate::notices::text(n, lang)) }
                        (crate::notices::outbox::badge(lang, sms.get(&n.id).map(|d| d.0)))
                    }
                }
            }
        }
        p.equipment-link { a href=(format!("/vendors/{vendor_id}/equipment")) { (ctx.t(crate::i18n::texts::power::EQUIPMENT_TITLE)) } }
        section #my-applications.vendor-section aria-labelledby="apps-h" {
            h2 #apps-h { (ctx.t(t::MY_APPLICATIONS)) }
            @if applications.is_empty() { p.empty { (ctx.t(t::NO_APPLICATIONS)) " " a href="/applications" { (ctx.t(t::APPLY)) } } }
            ul.cards.big {
                @for a in &applications {
                    li data-status=(a.status) {
                        p { strong { (market_names.get(&a.market_id).map_or("", String::as_str)) } }
                        p { (a.from) " – " (a.to) " · " (crate::vendors::categories::shown(&a.category, ctx.lang)) }
                        p.status { span aria-hidden="true" { (status_icon(&a.status)) " " }
                            (crate::applications::flow::status_label(&a.status).get(lang)) }
                        @if let Some(r) = &a.reason { p.reason { (ctx.t(t::REASON)) (ctx.lang.colon()) (r) } }
                        p { a href=(format!("/applications/{}", a.id)) { (ctx.t(t::DETAILS)) } }
                    }
                }
            }
        }
    })
}
