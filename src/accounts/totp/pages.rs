//! The pages of the second factor: enrolment at `/account/totp`, the login's second step at
//! `/login/totp`, and an administrator's reset at `/admin/users/{id}/totp/reset`.

use super::store::{self, Refusal};
use super::{may_enrol, otpauth_uri};
use crate::accounts::login;
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::i18n::texts::{layout, totp as t};
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input, forms::csrf_field};
use crate::web::{ClientIp, see_other_with};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use http::{HeaderMap, StatusCode};
use maud::{Markup, html};
use sea_orm::EntityTrait;
use serde::Deserialize;

/// `/account/totp`, `/account/totp/confirm`, `/login/totp`, `/admin/users/{id}/totp/reset`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/totp", get(account_page).post(start_submit))
        .route("/account/totp/confirm", post(confirm_submit))
        .route("/login/totp", post(second_step_submit))
        .route("/admin/users/{id}/totp/reset", post(reset_submit))
}

/// The code field every TOTP form has.
fn code_input<'a>(ctx: &'a PageCtx, error: Option<&'a str>) -> Markup {
    Input {
        name: "code",
        label: ctx.t(t::CODE_FIELD),
        inputmode: Some("numeric"),
        autocomplete: Some("one-time-code"),
        hint: Some(ctx.t(t::CODE_HINT)),
        error,
        required: true,
        ..Default::default()
    }
    .render()
}

/// The second step of a page login: the code, bound to the challenge token.
pub fn second_step(
    ctx: &PageCtx,
    token: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    let body = html! {
        p { (ctx.t(t::REQUIRED)) }
        form.card method="post" action="/login/totp" {
            (csrf_field(ctx))
            input type="hidden" name="challenge" value=(token);
            (code_input(ctx, error))
            button.primary type="submit" { (ctx.t(t::VERIFY)) }
        }
    };
    (status, views::page(ctx, ctx.t(layout::LOGIN), body)).into_response()
}

/// The submitted second step.
#[derive(Debug, Deserialize)]
struct SecondStepForm {
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    code: String,
}

/// POST /login/totp: the right code finishes the login the password started.
async fn second_step_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<SecondStepForm>,
) -> AppResult<Response> {
    let Some(challenge) = store::find_challenge(&state.db, &form.challenge).await? else {
        return Ok(back_to_login(
            &ctx,
            ctx.t(t::CHALLENGE_EXPIRED),
            StatusCode::UNAUTHORIZED,
        ));
    };
    let user = entity::users::Entity::find_by_id(challenge.user_id)
        .one(&state.db)
        .await?;
    let secret = match &user {
        Some(user) if !user.disabled => store::confirmed(&state.db, user.id).await?,
        _ => None,
    };
    let (Some(user), Some(secret)) = (user, secret) else {
        return Ok(back_to_login(
            &ctx,
            ctx.t(t::CHALLENGE_EXPIRED),
            StatusCode::UNAUTHORIZED,
        ));
    };
    let attempt = match login::wait_or_refuse(&state, ip, &user.login).await {
        Ok(attempt) => attempt,
        Err(AppError::TooManyRequests { retry_after_secs }) => {
            store::close_challenge(&state.db, &challenge.id).await?;
            let message = crate::i18n::texts::locked_out(retry_after_secs).get(ctx.lang);
            let mut response = back_to_login(&ctx, &message, StatusCode::TOO_MANY_REQUESTS);
            if let Ok(v) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(http::header::RETRY_AFTER, v);
            }
            return Ok(response);
        }
        Err(other) => return Err(other),
    };
    match login::check_code(&state, ip, &user, &secret, Some(&form.code), Some(attempt)).await? {
        Ok(()) => {
            store::close_challenge(&state.db, &challenge.id).await?;
            let next = challenge.next_path.clone();
            let done = login::start_session(&state, ip, &headers, user).await?;
            let cookie = crate::identity::session::cookie_spec(&state.config).header(&done.token);
            Ok(see_other_with(
                &next,
                vec![cookie, Flash::LoggedIn.cookie()],
            ))
        }
        Err(Refusal::Missing | Refusal::Wrong) => Ok(second_step(
            &ctx,
            &form.challenge,
            Some(ctx.t(t::WRONG_CODE)),
            StatusCode::UNAUTHORIZED,
        )),
    }
}

/// The login form again, with why the second step ended.
fn back_to_login(ctx: &PageCtx, message: &str, status: StatusCode) -> Response {
    let body = crate::accounts::pages::login_form(ctx, "", "/", Some(message));
    (status, views::page(ctx, ctx.t(layout::LOGIN), body)).into_response()
}

/// GET /account/totp: whether two-step login is on, and the button that starts it.
async fn account_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
) -> AppResult<Response> {
    if !may_enrol(auth.role) {
        return Err(AppError::Forbidden);
    }
    let enrolled = store::confirmed(&state.db, auth.id).await?.is_some();
    let body = html! {
        @if enrolled {
            p.notice { (ctx.t(t::ENROLLED)) }
        } @else {
            @if state.config.require_totp_for_staff { p.error-message role="alert" { "⚠ " (ctx.t(t::MUST_ENROL)) } }
            p { (ctx.t(t::NOT_ENROLLED)) }
            form.card method="post" action="/account/totp" {
                (csrf_field(&ctx))
                button.primary type="submit" { (ctx.t(t::START)) }
            }
        }
    };
    Ok(views::page(&ctx, ctx.t(t::TITLE), body).into_response())
}

/// The enrolment form: the QR code and key (shown this once) and the confirming code.
fn enrolment_page(ctx: &PageCtx, secret: &str, login: &str) -> Markup {
    let uri = otpauth_uri(secret, login);
    let body = html! {
        p { (ctx.t(t::SCAN)) }
        figure.qr-figure {
            (crate::views::qr::svg(&uri, ctx.t(t::QR_LABEL)))
            figcaption { (ctx.t(t::SECRET_KEY)) (ctx.lang.colon()) code { (secret) } }
        }
        (confirm_form(ctx, None))
    };
    views::page(ctx, ctx.t(t::TITLE), body)
}

fn confirm_form(ctx: &PageCtx, error: Option<&str>) -> Markup {
    html! {
        form.card method="post" action="/account/totp/confirm" {
            (csrf_field(ctx))
            (code_input(ctx, error))
            button.primary type="submit" { (ctx.t(t::CONFIRM)) }
        }
    }
}

/// POST /account/totp: a new secret, shown once.
async fn start_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    let secret = store::start(&txn, &state.secrets, &auth).await?;
    txn.commit().await?;
    Ok(enrolment_page(&ctx, &secret, &auth.login).into_response())
}

/// The submitted confirmation.
#[derive(Debug, Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    code: String,
}

/// POST /account/totp/confirm: the first right code turns two-step login on.
async fn confirm_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    auth: Auth,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    match store::confirm(&txn, &state.secrets, &auth, &form.code).await {
        Ok(()) => {
            txn.commit().await?;
            Ok(Redirect::to("/account/totp").into_response())
        }
        Err(err @ AppError::Invalid { .. }) => {
            let message = err.message(ctx.lang);
            let body = html! {
                (confirm_form(&ctx, Some(&message)))
                form method="post" action="/account/totp" {
                    (csrf_field(&ctx))
                    button type="submit" { (ctx.t(t::RESTART)) }
                }
            };
            Ok((err.status(), views::page(&ctx, ctx.t(t::TITLE), body)).into_response())
        }
        Err(other) => Err(other),
    }
}

/// POST /admin/users/{id}/totp/reset: an administrator removes a lost second factor.
async fn reset_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    let txn = begin_write(&state.db).await?;
    store::reset(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(Redirect::to("/admin/users").into_response())
}

/// The reset button of the users page, for an account whose second factor is on.
pub fn reset_button(ctx: &PageCtx, user_id: i32) -> Markup {
    html! {
        form.inline method="post" action=(format!("/admin/users/{user_id}/totp/reset")) {
            (csrf_field(ctx))
            button type="submit" { (ctx.t(t::RESET)) }
        }
    }
}

/// Where a fresh login goes: the enrolment page for staff without a second factor when the
/// configuration requires one, else `next`.
pub async fn after_login(
    state: &AppState,
    user: &entity::users::Model,
    next: String,
) -> AppResult<String> {
    let staff = crate::identity::Role::parse(&user.role).is_some_and(may_enrol);
    if state.config.require_totp_for_staff
        && staff
        && store::confirmed(&state.db, user.id).await?.is_none()
    {
        return Ok("/account/totp".to_owned());
    }
    Ok(next)
}
