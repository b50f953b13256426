//! The home page by role, and the language switch.

use crate::accounts::assign;
use crate::error::AppResult;
use crate::i18n::{LANG_COOKIE, Lang, texts::home as t};
use crate::identity::{MaybeAuth, Role};
use crate::registry::Registry;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use crate::web::{local_path, see_other_with};
use axum::Extension;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use entity::{sites, users, vendors};
use maud::{Markup, html};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use std::sync::Arc;

/// `/` and `/lang/{code}`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/lang/{code}", get(switch_language))
}

/// GET /: each role lands on its own home.
async fn home(
    State(state): State<AppState>,
    Extension(registry): Extension<Arc<Registry>>,
    ctx: PageCtx,
    MaybeAuth(user): MaybeAuth,
    headers: http::HeaderMap,
) -> AppResult<Markup> {
    let Some(user) = user else {
        let body = html! {
            p.lead { (ctx.t(t::PUBLIC_INTRO)) }
            p.actions {
                a.button.primary href="/login" { (ctx.t(crate::i18n::texts::layout::LOGIN)) }
                " "
                a.button href="/register" { (ctx.t(crate::i18n::texts::layout::REGISTER)) }
                " "
                a.button href="/sites" { (ctx.t(crate::i18n::texts::layout::SITES)) }
                " "
                a.button href="/open-now" { (ctx.t(crate::i18n::texts::vendorui::OPEN_NOW_TITLE)) }
                " "
                a.button href="/complaint" { (ctx.t(crate::i18n::texts::night::COMPLAINT_TITLE)) }
            }
        };
        return Ok(views::page(
            &ctx,
            ctx.t(crate::i18n::texts::layout::APP_NAME),
            body,
        ));
    };
    let title = format!("{}{}{}", ctx.t(t::WELCOME), ctx.lang.comma(), user.name);
    let body = match user.role {
        Role::Admin | Role::Bureau => {
            let site_count = sites::Entity::find().count(&state.db).await?;
            let vendor_count = vendors::Entity::find().count(&state.db).await?;
            let user_count = users::Entity::find().count(&state.db).await?;
            let intro = if user.role == Role::Admin {
                t::ADMIN_INTRO
            } else {
                t::BUREAU_INTRO
            };
            html! {
                section.home data-role=(user.role.as_str()) {
                    p.lead { (ctx.t(intro)) }
                    h2 { (ctx.t(t::COUNTY_FIGURES)) }
                    dl.figures {
                        div { dt { (ctx.t(t::SITE_COUNT)) } dd { (site_count) } }
                        div { dt { (ctx.t(t::VENDOR_COUNT)) } dd { (vendor_count) } }
                        @if user.role == Role::Admin {
                            div { dt { (ctx.t(t::USER_COUNT)) } dd { (user_count) } }
                        }
                    }
                    (tonight(&ctx, &state, &user).await?)
                    (market_night(&ctx))
                }
            }
        }
        Role::Manager => {
            let ids = assign::assigned(&state.db, assign::SITES, user.id).await?;
            let my_sites = sites::Entity::find()
                .filter(sites::Column::Id.is_in(ids))
                .order_by_asc(sites::Column::Code)
                .all(&state.db)
                .await?;
            html! {
                section.home data-role="manager" {
                    p.lead { (ctx.t(t::MANAGER_INTRO)) }
                    (tonight(&ctx, &state, &user).await?)
                    (market_night(&ctx))
                    h2 { (ctx.t(t::YOUR_SITES)) }
                    @if my_sites.is_empty() { p { (ctx.t(t::NO_SITES)) } }
                    ul.cards {
                        @for s in &my_sites {
                            li { a href=(format!("/sites/{}", s.id)) { strong { (s.name) } } " " code { (s.code) } " · "
                                 (crate::sites::kind_label(&s.kind).get(ctx.lang)) " · "
                                 (format!("{:.0} m²", s.area_m2))
                                 " · " a href=(format!("/sites/{}/circuits", s.id)) { (ctx.t(crate::i18n::texts::power::CIRCUITS_TITLE)) } }
                        }
                    }
                }
            }
        }
        Role::Vendor => {
            let profile = match user.vendor_id {
                Some(id) => vendors::Entity::find_by_id(id).one(&state.db).await?,
                None => None,
            };
            let v = crate::i18n::texts::vendor::PHONE;
            let vendor_sections = registry.render_home(&state, &ctx, &user, &headers).await?;
            html! {
                section.home data-role="vendor" {
                    p.lead { (ctx.t(t::VENDOR_INTRO)) }
                    @if let Some(p) = profile {
                        h2 { (ctx.t(t::MY_PROFILE)) }
                        dl.profile {
                            div { dt { (ctx.t(crate::i18n::texts::vendor::NAME)) } dd { (p.name) } }
                            div { dt { (ctx.t(v)) } dd { (p.phone) } }
                            div { dt { (ctx.t(crate::i18n::texts::vendor::ID_NUMBER)) } dd { (crate::mask::mask_id_number(&p.id_number)) } }
                            div { dt { (ctx.t(crate::i18n::texts::vendor::CATEGORY)) } dd { (crate::vendors::categories::shown(&p.category, ctx.lang)) } }
                            @if let Some(d) = p.health_cert_expires {
                                div { dt { (ctx.t(crate::i18n::texts::vendor::HEALTH_CERT)) } dd { (d) } }
                            }
                        }
                    }
                    @for section in &vendor_sections { (section) }
                }
            }
        }
    };
    Ok(views::page(&ctx, &title, body))
}

/// Today's sessions of the markets the user works, each a tap from its session page: the
/// manager in the street goes straight to check-in, not through market, calendar and date.
async fn tonight(
    ctx: &PageCtx,
    state: &AppState,
    user: &crate::identity::CurrentUser,
) -> AppResult<Markup> {
    use crate::markets::{access, queries, schedule};
    let markets = access::managed_markets(&state.db, user).await?;
    let sessions =
        queries::todays_sessions(&state.db, markets.as_deref(), chrono::Utc::now()).await?;
    Ok(html! {
        h2 #today { (ctx.t(t::TODAY)) }
        @if sessions.is_empty() { p { (ctx.t(t::NO_SESSIONS_TODAY)) } } @else {
            ul.cards.today-sessions {
                @for (s, market) in &sessions {
                    li { a href=(format!("/sessions/{}", s.id)) {
                        strong { (schedule::local_hhmm(s.starts_at)) "–" (schedule::local_hhmm(s.ends_at)) } " "
                        (market) " · " (s.segment)
                    }
                    @if s.status != entity::market_sessions::SessionStatus::Scheduled {
                        " · " (crate::markets::status_label(&s.status).get(ctx.lang))
                    } }
                }
            }
        }
    })
}

/// Staff's way to the night's work that no header link reaches: residents' complaints and
/// inspections under appeal.
fn market_night(ctx: &PageCtx) -> Markup {
    use crate::i18n::texts::night as n;
    html! {
        h2 { (ctx.t(t::MARKET_NIGHT)) }
        p.actions {
            a.button href="/complaints" { (ctx.t(n::COMPLAINTS_TITLE)) }
            " "
            a.button href="/inspections" { (ctx.t(n::APPEALS_TITLE)) }
        }
    }
}

/// Where to return after switching.
#[derive(Debug, Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// GET /lang/{code}: remembers the language for a year and returns to the page.
async fn switch_language(Path(code): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let lang = Lang::from_code(&code).unwrap_or_default();
    let cookie = http::HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    ))
    .unwrap_or_else(|_| http::HeaderValue::from_static(""));
    see_other_with(&local_path(q.next.as_deref()), vec![cookie])
}

/// This feature's entry in the page header's navigation: the home page, for everyone.
pub fn nav() -> crate::registry::NavEntry {
    crate::registry::NavEntry {
        href: "/",
        label: crate::i18n::texts::layout::HOME,
        order: 0,
        shown_to: |_| true,
    }
}
