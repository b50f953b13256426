//! `/sessions/{id}/plan`: a session's plan for everyone — stall codes and categories, which
//! stalls are taken — without any personal data. A vendor sees their own stall highlighted, and
//! where the market lets vendors choose, a link to choose one.

use crate::cache::PlanKey;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::{vendor_journey as tj, vendorui as t};
use crate::markets::{queries as mq, schedule};
use crate::sites::drawing::SiteDrawing;
use crate::state::AppState;
use crate::views::plan::{self, StallLook};
use crate::views::{self, PageCtx};
use axum::extract::State;
use entity::market_sessions::SessionStatus;
use entity::stalls::StallStatus;
use maud::{Markup, PreEscaped, html};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;

/// One stall as listed.
struct Drawn {
    code: String,
    look: StallLook,
    category: Option<String>,
    mine: bool,
}

/// GET /sessions/{id}/plan (anyone). The body is kept per session, language and kind of
/// viewer, and rebuilt whenever a booking, stall, name or the session itself changes.
pub async fn session_plan_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PathId(id): PathId,
) -> AppResult<Markup> {
    let db = &state.db;
    let session = mq::find_session(db, id).await?.ok_or(AppError::NotFound)?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let site = crate::sites::queries::find(db, session.site_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let token = crate::bookings::queries::session_token(db, &session, &market, &site).await?;
    let me = ctx.user.as_ref().and_then(|u| u.vendor_id);
    let can_choose = me.is_some()
        && market.self_select
        && crate::markets::schedule::open_for_choice(&session, chrono::Utc::now());
    // Vendors without a stall here all see the same page; a vendor with one sees it starred.
    let viewer = match me {
        Some(v) if books_here(db, id, v).await? => Some((v, can_choose)),
        Some(_) => Some((0, can_choose)),
        None => None,
    };
    let title = format!(
        "{} · {} {}",
        market.name, session.business_date, session.segment
    );
    let key = PlanKey {
        page: "public",
        session_id: id,
        lang: ctx.lang,
        viewer,
    };
    // A `?find=` page is drawn for this request only; the cached page stays the plain one.
    let find = crate::views::plan::find_param(&ctx.path);
    let build = || async {
        let drawing = SiteDrawing::of(&state, site.clone()).await?;
        let booked =
            crate::bookings::queries::session_bookings_cached(&state, &session, &token).await?;
        let view = View {
            session: &session,
            market: &market,
            drawing: &drawing,
            booked: &booked,
            me,
            can_choose,
            title: &title,
        };
        Ok::<_, AppError>(body(&ctx, &view, find.as_deref()).into_string())
    };
    let body = if find.is_some() {
        std::sync::Arc::new(build().await?)
    } else {
        state
            .caches
            .plans
            .get_or_build(key, token.clone(), build)
            .await?
    };
    Ok(views::page(
        &ctx,
        &title,
        PreEscaped(body.as_str().to_owned()),
    ))
}

/// Whether `vendor` holds a booking in the session.
async fn books_here(db: &impl ConnectionTrait, session_id: i32, vendor: i32) -> AppResult<bool> {
    Ok(entity::bookings::Entity::find()
        .filter(entity::bookings::Column::SessionId.eq(session_id))
        .filter(entity::bookings::Column::VendorId.eq(vendor))
        .count(db)
        .await?
        > 0)
}

/// What the body is drawn from.
struct View<'a> {
    session: &'a entity::market_sessions::Model,
    market: &'a entity::markets::Model,
    drawing: &'a SiteDrawing,
    booked: &'a [crate::bookings::queries::BookingItem],
    me: Option<i32>,
    can_choose: bool,
    title: &'a str,
}

/// The page body: the plan with taken and free stalls, the viewer's own starred, and the list.
fn body(ctx: &PageCtx, v: &View<'_>, find: Option<&str>) -> Markup {
    let (session, market, drawing, me, id) = (v.session, v.market, v.drawing, v.me, v.session.id);
    let booked: HashMap<i32, (&str, i32)> = v
        .booked
        .iter()
        .map(|b| (b.stall_id, (b.category.as_str(), b.vendor_id)))
        .collect();
    let look = |s: &entity::stalls::Model| match booked.get(&s.id) {
        Some((_, v)) if Some(*v) == me => StallLook::Highlight,
        Some(_) => StallLook::Booked,
        None if s.status == StallStatus::Active => StallLook::Active,
        None => StallLook::Disabled,
    };
    let drawn: Vec<Drawn> = drawing
        .stalls
        .iter()
        .map(|s| Drawn {
            code: s.code.clone(),
            look: look(s),
            category: booked.get(&s.id).map(|(c, _)| (*c).to_owned()),
            mine: look(s) == StallLook::Highlight,
        })
        .collect();
    let can_choose = v.can_choose;
    let site = &drawing.site;
    let cancelled = session.status != SessionStatus::Scheduled;
    html! {
        p.lead {
            (site.name) " · " (schedule::local_hhmm(session.starts_at)) "–" (schedule::local_hhmm(session.ends_at))
            " · " (crate::markets::status_label(&session.status).get(ctx.lang))
        }
        @if cancelled { p.error-message role="alert" { "✖ " (ctx.t(t::SESSION_CANCELLED)) } }
        @if can_choose && !drawn.iter().any(|d| d.mine) {
            p { a.button.primary.big href=(format!("/sessions/{id}/choose")) { "👆 " (ctx.t(tj::CHOOSE_TITLE)) } }
        }
        @if let Some(mine) = drawn.iter().find(|d| d.mine) {
            p.my-stall role="status" { span aria-hidden="true" { "★ " } (ctx.t(t::YOUR_STALL)) " " code.stall-code { (mine.code) } }
        }
        (plan::find_form(ctx.lang, find))
        figure.plan-figure {
            (drawing.render_found(v.title, ctx.lang, find, look))
            figcaption {
                (plan::legend(ctx.lang))
                ul.legend {
                    li { span.swatch.st-booked {} (ctx.t(t::TAKEN)) }
                    @if me.is_some() { li { span.swatch.st-highlight {} "★ " (ctx.t(t::YOUR_STALL)) } }
                }
            }
        }
        h2 { (ctx.t(t::STALL_LIST)) }
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t(t::STALL_LIST)) { table.stall-list {
            thead { tr { th scope="col" { (ctx.t(t::STALL)) } th scope="col" { (ctx.t(t::CATEGORY)) } th scope="col" { (ctx.t(t::STATE)) } } }
            tbody { @for d in &drawn {
                tr id=(format!("stall-{}", d.code)) data-mine=[d.mine.then_some("true")] {
                    td { code { (d.code) } @if d.mine { " ★ " (ctx.t(t::YOUR_STALL)) } }
                    td { (d.category.as_deref().map_or_else(|| "—".to_owned(), |c| crate::vendors::categories::shown(c, ctx.lang))) }
                    td { (ctx.t(match d.look {
                        StallLook::Highlight | StallLook::Booked | StallLook::Category(_) => t::TAKEN,
                        StallLook::Active => t::FREE,
                        StallLook::Disabled => t::OUT_OF_USE,
                    })) }
                }
            } }
        } }
        p.noprint { a href=(format!("/markets/{}", market.id)) { "← " (market.name) } }
    }
}
