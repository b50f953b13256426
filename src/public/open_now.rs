//! `/open-now`: the sessions running at this moment and those still to come today, by segment.

use crate::error::AppResult;
use crate::i18n::texts::vendorui as t;
use crate::markets::schedule;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use axum::extract::State;
use chrono::{Duration, Utc};
use entity::market_sessions::SessionStatus;
use entity::{market_sessions, markets, sites};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// One session as the public list shows it.
struct Row {
    session_id: i32,
    market: String,
    site: String,
    segment: String,
    time: String,
    open: bool,
}

/// GET /open-now.
pub async fn open_now_page(State(state): State<AppState>, ctx: PageCtx) -> AppResult<Markup> {
    let now = Utc::now();
    // Everything that has not ended and starts within a day: running now, or later today.
    let sessions = market_sessions::Entity::find()
        .filter(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .filter(market_sessions::Column::EndsAt.gt(now))
        .filter(market_sessions::Column::StartsAt.lte(now + Duration::hours(24)))
        .order_by_asc(market_sessions::Column::StartsAt)
        .order_by_asc(market_sessions::Column::Id)
        .all(&state.db)
        .await?;
    let market_names: HashMap<i32, String> = markets::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let site_names: HashMap<i32, String> = sites::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let today = crate::clock::today();
    let rows: Vec<Row> = sessions
        .into_iter()
        .filter(|s| s.starts_at <= now || s.business_date == today)
        .map(|s| Row {
            session_id: s.id,
            market: market_names.get(&s.market_id).cloned().unwrap_or_default(),
            site: site_names.get(&s.site_id).cloned().unwrap_or_default(),
            time: format!(
                "{}–{}",
                schedule::local_hhmm(s.starts_at),
                schedule::local_hhmm(s.ends_at)
            ),
            open: s.starts_at <= now,
            segment: s.segment,
        })
        .collect();
    let (open, later): (Vec<&Row>, Vec<&Row>) = rows.iter().partition(|r| r.open);
    // Markets closed today (春节, weather, an event), with their reason.
    let closed = crate::markets::closures_view::on_date(&state.db, today).await?;
    let body = html! {
        p.lead { (ctx.t(t::OPEN_NOW_AT)) " " time { (crate::clock::local_minute(now)) } " (" (ctx.t(t::BEIJING_TIME)) ")" }
        @if !closed.is_empty() {
            section.card aria-labelledby="closed-h" {
                h2 #closed-h { span aria-hidden="true" { "⛔ " } (ctx.t(crate::i18n::texts::scheduling::CLOSED_TODAY)) }
                ul { @for (c, market) in &closed { li { strong { (market) } " · " (crate::markets::closures_view::line(&ctx, c)) } } }
            }
        }
        section aria-labelledby="open-h" {
            h2 #open-h { span aria-hidden="true" { "● " } (ctx.t(t::OPEN_NOW)) }
            @if open.is_empty() { p.empty { (ctx.t(t::NOTHING_OPEN)) } }
            (session_cards(&ctx, &open, true))
        }
        section aria-labelledby="later-h" {
            h2 #later-h { span aria-hidden="true" { "○ " } (ctx.t(t::LATER_TODAY)) }
            @if later.is_empty() { p.empty { (ctx.t(t::NOTHING_LATER)) } }
            (session_cards(&ctx, &later, false))
        }
        p.noprint { a href="/markets" { (ctx.t(t::ALL_MARKETS)) } }
    };
    Ok(views::page(&ctx, ctx.t(t::OPEN_NOW_TITLE), body))
}

/// Sessions grouped by segment, each a card with a link to its public plan.
fn session_cards(ctx: &PageCtx, rows: &[&Row], open: bool) -> Markup {
    let mut segments: Vec<&str> = rows.iter().map(|r| r.segment.as_str()).collect();
    segments.dedup();
    html! {
        @for seg in segments {
            h3 { (seg) }
            ul.cards.big {
                @for r in rows.iter().filter(|r| r.segment == seg) {
                    li data-open=(open) {
                        strong { (r.market) } br;
                        (r.site) " · " (r.time) " · "
                        @if open { span.status.ok { "✔ " (ctx.t(t::OPEN_STATUS)) } } @else { span.status { "⏰ " (ctx.t(t::OPENS_LATER)) } }
                        br;
                        a.button href=(format!("/sessions/{}/plan", r.session_id)) { (ctx.t(t::VIEW_PLAN)) }
                    }
                }
            }
        }
    }
}
