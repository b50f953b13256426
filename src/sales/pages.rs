//! `/sales`: a vendor's nights of the last week, each with a one-tap sales form (big inputs,
//! the phone's decimal keyboard); for a manager, a session's bookings to enter or correct
//! for vendors, the nights flagged as far above a vendor's usual, and each market's setting.

use super::money::{yuan, yuan_grouped};
use super::queries::{self, Night};
use super::report::{self, SalesBody};
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::figures as t;
use crate::identity::{Auth, Role};
use crate::state::AppState;
use crate::views::{self, PageCtx, forms::csrf_field};
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use entity::sales_reports::SalesReporting;
use http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::Value;

/// The sales pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sales", get(sales_page))
        .route("/sales/bookings/{id}", post(report_submit))
        .route("/sales/markets/{id}", post(setting_submit))
}

/// `?session=` (managers: one session's bookings) and `?saved=` (a booking just reported).
#[derive(Debug, Default, Deserialize)]
struct SalesQuery {
    session: Option<String>,
    saved: Option<String>,
}

/// The one-tap form.
#[derive(Debug, Default, Deserialize)]
struct SalesForm {
    #[serde(default)]
    sales_yuan: String,
    #[serde(default)]
    voucher_yuan: String,
    #[serde(default)]
    helpers: String,
    /// Where to come back to (`/sales` or `/sales?session=…`).
    #[serde(default)]
    back: String,
}

/// A report refused: for which booking, why, and what was typed.
struct Refused<'a> {
    booking_id: i32,
    error: &'a AppError,
    form: &'a SalesForm,
}

/// One night's card: what, where, and the form (or the report, when it can no longer change).
/// A refused report shows its message in its own card, with the figures as they were typed.
fn night_card(
    ctx: &PageCtx,
    n: &Night,
    saved: Option<i32>,
    back: &str,
    refused: Option<&Refused>,
) -> Markup {
    let r = n.report.as_ref();
    let open = r.is_none_or(|r| chrono::Utc::now() <= report::correctable_until(r.created_at));
    let refused = refused.filter(|x| x.booking_id == n.booking_id);
    let stored = |f: fn(&entity::sales_reports::Model) -> String| r.map(f).unwrap_or_default();
    let value = |typed: fn(&SalesForm) -> &String,
                 f: fn(&entity::sales_reports::Model) -> String| {
        refused.map_or_else(|| stored(f), |x| typed(x.form).clone())
    };
    html! {
        li id=(format!("night-{}", n.booking_id)) {
            p { strong { (n.date) " " (n.segment) } " · " (n.market) " · " (ctx.t(t::STALL)) " " (n.stall_code) }
            @if let Some(vendor) = &n.vendor_name { p { (ctx.t(t::VENDOR)) (ctx.lang.colon()) (vendor) } }
            @if saved == Some(n.booking_id) { p.notice role="status" { "✓ " (ctx.t(t::SAVED)) } }
            @if let Some(x) = refused { p.error-message id=(format!("night-{}-err", n.booking_id)) { "⚠ " (x.error.message(ctx.lang)) } }
            @if let Some(r) = r {
                p { (ctx.t(t::REPORTED)) (ctx.lang.colon()) "¥" (yuan_grouped(r.sales_fen)) " · " (ctx.t(t::VOUCHERS)) " ¥" (yuan_grouped(r.voucher_fen))
                    " · " (ctx.t(t::HELPERS)) " " (r.helpers) }
                @if r.flagged { p.warning { "⚠ " (ctx.t(t::FLAGGED)) } }
            }
            @if !n.started {
                p.hint { (ctx.t(t::NOT_STARTED)) }
            } @else if open {
                form.sales method="post" action=(format!("/sales/bookings/{}", n.booking_id)) {
                    (csrf_field(ctx))
                    input type="hidden" name="back" value=(back);
                    div.field {
                        label for=(format!("s-{}", n.booking_id)) { (ctx.t(t::SALES_LABEL)) }
                        input.big id=(format!("s-{}", n.booking_id)) name="sales_yuan" inputmode="decimal"
                            autocomplete="off" required value=(value(|f| &f.sales_yuan, |r| yuan(r.sales_fen)));
                    }
                    div.field {
                        label for=(format!("v-{}", n.booking_id)) { (ctx.t(t::VOUCHER_LABEL)) }
                        input.big id=(format!("v-{}", n.booking_id)) name="voucher_yuan" inputmode="decimal"
                            autocomplete="off" value=(value(|f| &f.voucher_yuan, |r| yuan(r.voucher_fen)));
                    }
                    div.field {
                        label for=(format!("h-{}", n.booking_id)) { (ctx.t(t::HELPERS_LABEL)) }
                        input.big id=(format!("h-{}", n.booking_id)) name="helpers" inputmode="numeric"
                            autocomplete="off" value=(value(|f| &f.helpers, |r| r.helpers.to_string()));
                    }
                    button.primary.big type="submit" {
                        @if r.is_some() { (ctx.t(t::CORRECT)) } @else { (ctx.t(t::SUBMIT)) }
                    }
                }
            } @else {
                p.hint { (ctx.t(t::CLOSED_HINT)) }
            }
        }
    }
}

/// The manager's part: flagged nights and each market's setting.
async fn manager_part(state: &AppState, ctx: &PageCtx, auth: &Auth) -> AppResult<Markup> {
    let visible = crate::markets::access::managed_markets(&state.db, auth).await?;
    let markets = queries::markets_with_setting(&state.db, visible.as_deref()).await?;
    let flagged = queries::flagged(&state.db, visible.as_deref(), crate::clock::today()).await?;
    Ok(html! {
        section aria-labelledby="h-flagged" {
            h2 id="h-flagged" { (ctx.t(t::FLAGGED_TITLE)) }
            p.hint { (ctx.t(t::FLAGGED_HINT)) }
            @if flagged.is_empty() { p { (ctx.t(t::NONE_FLAGGED)) } } @else {
                div.table-wrap tabindex="0" role="region" aria-labelledby="h-flagged" { table {
                    thead { tr {
                        th scope="col" { (ctx.t(t::DATE)) } th scope="col" { (ctx.t(t::VENDOR)) }
                        th scope="col" { (ctx.t(t::SALES_LABEL)) } th scope="col" { (ctx.t(t::MEDIAN)) }
                        th scope="col" { (ctx.t(t::SESSION)) }
                    } }
                    tbody { @for f in &flagged { tr {
                        td { (f.date) } th scope="row" { (f.vendor_name) } td { "¥" (yuan_grouped(f.sales_fen)) }
                        td { @match f.median_fen { Some(m) => { "¥" (yuan_grouped(m)) }, None => { (ctx.t(t::NO_MEDIAN_YET)) } } }
                        td { a href=(format!("/sales?session={}", f.session_id)) { (ctx.t(t::OPEN_SESSION)) } }
                    } } }
                } }
            }
        }
        section aria-labelledby="h-setting" {
            h2 id="h-setting" { (ctx.t(t::SETTING_TITLE)) }
            ul.cards { @for (id, name, setting) in &markets { li {
                form method="post" action=(format!("/sales/markets/{id}")) {
                    (csrf_field(ctx))
                    div.field {
                        label for=(format!("m-{id}")) { (name) }
                        select id=(format!("m-{id}")) name="reporting" {
                            @for s in SalesReporting::ALL {
                                option value=(s.as_str()) selected[s == setting] { (ctx.t(reporting_label(*s))) }
                            }
                        }
                    }
                    button type="submit" { (ctx.t(t::SAVE_SETTING)) }
                }
            } } }
        }
    })
}

/// The words of a setting.
pub fn reporting_label(s: SalesReporting) -> crate::i18n::T {
    match s {
        SalesReporting::Optional => t::OPTIONAL,
        SalesReporting::Required => t::REQUIRED,
    }
}

/// GET /sales.
async fn sales_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Query(q): Query<SalesQuery>,
) -> AppResult<Response> {
    render(&state, &ctx, &auth, &q, None).await
}

async fn render(
    state: &AppState,
    ctx: &PageCtx,
    auth: &Auth,
    q: &SalesQuery,
    refused: Option<&Refused<'_>>,
) -> AppResult<Response> {
    auth.require(&[Role::Vendor, Role::Manager, Role::Admin])?;
    let saved = q.saved.as_deref().and_then(|s| s.parse().ok());
    let session = match q
        .session
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        // Typed into the page's filter box perhaps, full-width digits and all.
        Some(s) => Some(PathId::parse(&crate::normalize::half_width(s))?.0),
        None => None,
    };
    let today = crate::clock::today();
    let (nights, back) = match (auth.role, session) {
        (Role::Vendor, _) => match auth.vendor_id {
            Some(vendor) => (
                queries::vendor_nights(&state.db, vendor, today).await?,
                "/sales".to_owned(),
            ),
            // An account without a vendor profile has no nights.
            None => (Vec::new(), "/sales".to_owned()),
        },
        (_, Some(session)) => {
            let market = report::market_of(&state.db, session).await?;
            crate::markets::access::require_manage(&state.db, auth, &market).await?;
            (
                queries::session_nights(&state.db, session).await?,
                format!("/sales?session={session}"),
            )
        }
        (_, None) => (Vec::new(), "/sales".to_owned()),
    };
    let title = ctx.t(t::PAGE_TITLE);
    let manager = if auth.role == Role::Vendor {
        None
    } else {
        Some(manager_part(state, ctx, auth).await?)
    };
    let content = html! {
        p { (ctx.t(t::PAGE_INTRO)) }
        // Which night, at the top, linked to its card (a vendor's week may hold several).
        @if let Some(x) = refused {
            p.error-message role="alert" { "⚠ "
                @if let Some(n) = nights.iter().find(|n| n.booking_id == x.booking_id) {
                    a href=(format!("#night-{}", n.booking_id)) { (n.date) " " (n.segment) " · " (n.stall_code) } " · "
                }
                (x.error.message(ctx.lang))
            }
        }
        @if auth.role == Role::Vendor || session.is_some() {
            @if nights.is_empty() { p { (ctx.t(t::NO_NIGHTS)) } } @else {
                ul.cards.big { @for n in &nights { (night_card(ctx, n, saved, &back, refused)) } }
            }
        } @else {
            form method="get" action="/sales" {
                div.field {
                    label for="f-session" { (ctx.t(t::SESSION_ID)) }
                    input id="f-session" name="session" inputmode="numeric";
                }
                button type="submit" { (ctx.t(t::OPEN_SESSION)) }
            }
        }
        @if let Some(m) = manager { (m) }
    };
    let status = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, views::page(ctx, title, content)).into_response())
}

/// POST /sales/bookings/{id}: file the night's report, or correct it.
async fn report_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<SalesForm>,
) -> AppResult<Response> {
    let body = SalesBody {
        booking_id: Some(id),
        sales_yuan: Some(Value::String(form.sales_yuan.clone())),
        voucher_yuan: Some(Value::String(form.voucher_yuan.clone())),
        helpers: Some(Value::String(form.helpers.clone())),
    };
    let existing = report::reports_of_bookings(&state.db, &[id]).await?;
    let result = match existing.first() {
        Some(r) => {
            report::correct_report(&state.db, state.notifier.as_ref(), &auth, r.id, &body).await
        }
        None => report::file_report(&state.db, &auth, &body).await,
    };
    let back = crate::web::local_path(Some(&form.back));
    let back = if back.starts_with("/sales") {
        back
    } else {
        "/sales".to_owned()
    };
    match result {
        Ok(_) => {
            let sep = if back.contains('?') { '&' } else { '?' };
            Ok(Redirect::to(&format!("{back}{sep}saved={id}#night-{id}")).into_response())
        }
        Err(err @ AppError::Invalid { .. }) => {
            let session = back.split_once("session=").map(|(_, s)| s.to_owned());
            let q = SalesQuery {
                session,
                saved: None,
            };
            let refused = Refused {
                booking_id: id,
                error: &err,
                form: &form,
            };
            render(&state, &ctx, &auth, &q, Some(&refused)).await
        }
        Err(err) => Err(err),
    }
}

/// The setting form.
#[derive(Debug, Deserialize)]
struct SettingForm {
    #[serde(default)]
    reporting: String,
}

/// POST /sales/markets/{id}: make reporting optional or required.
async fn setting_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    Form(form): Form<SettingForm>,
) -> AppResult<Response> {
    let reporting: SalesReporting =
        form.reporting.trim().parse().map_err(|_| {
            AppError::invalid("invalid_reporting", "reporting", t::REPORTING_INVALID)
        })?;
    super::setting::set_reporting(&state.db, &auth, id, reporting).await?;
    Ok(Redirect::to("/sales").into_response())
}
