//! The login page and logout.

use super::login;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::{auth as t, layout};
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input, forms::csrf_field};
use crate::web::{ClientIp, local_path, see_other_with};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use http::HeaderMap;
use maud::{Markup, html};
use serde::Deserialize;

/// `/login`, `/logout`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login_submit))
        .route("/logout", post(logout_submit))
}

/// Where to go after logging in.
#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The submitted login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// The login form, with an error above it after a failed try.
pub(crate) fn login_form(ctx: &PageCtx, login: &str, next: &str, error: Option<&str>) -> Markup {
    html! {
        form.card method="post" action="/login" {
            (csrf_field(ctx))
            input type="hidden" name="next" value=(next);
            @if let Some(error) = error { p.error-message role="alert" { "⚠ " (error) } }
            (Input { name: "login", label: ctx.t(t::LOGIN_FIELD), value: login,
                     autocomplete: Some("username"), required: true, ..Default::default() }.render())
            (Input { name: "password", label: ctx.t(t::PASSWORD), kind: "password",
                     autocomplete: Some("current-password"), required: true, ..Default::default() }.render())
            button.primary type="submit" { (ctx.t(t::SUBMIT)) }
        }
        p { (ctx.t(t::NO_ACCOUNT)) " " a href="/register" { (ctx.t(t::REGISTER_LINK)) } }
        p.hint { (ctx.t(crate::i18n::texts::password::FORGOTTEN)) }
    }
}

/// GET /login.
async fn login_page(ctx: PageCtx, Query(q): Query<NextQuery>) -> Response {
    if ctx.user.is_some() {
        return axum::response::Redirect::to(&local_path(q.next.as_deref())).into_response();
    }
    let next = local_path(q.next.as_deref());
    views::page(
        &ctx,
        ctx.t(layout::LOGIN),
        login_form(&ctx, "", &next, None),
    )
    .into_response()
}

/// POST /login: on success a fresh session and a redirect — or, for an account with a second
/// factor, the form for its code; on failure the form again.
async fn login_submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let next = local_path(form.next.as_deref());
    match login::check_password(&state, ip, &form.login, form.password).await {
        Ok(user) => {
            if super::totp::store::confirmed(&state.db, user.id)
                .await?
                .is_some()
            {
                let token = super::totp::store::open_challenge(&state.db, user.id, &next).await?;
                return Ok(super::totp::pages::second_step(
                    &ctx,
                    &token,
                    None,
                    http::StatusCode::OK,
                ));
            }
            let next = super::totp::pages::after_login(&state, &user, next).await?;
            let done = login::start_session(&state, ip, &headers, user).await?;
            let cookie = crate::identity::session::cookie_spec(&state.config).header(&done.token);
            Ok(see_other_with(
                &next,
                vec![cookie, Flash::LoggedIn.cookie()],
            ))
        }
        Err(err @ (AppError::InvalidCredentials | AppError::TooManyRequests { .. })) => {
            let message = match &err {
                AppError::TooManyRequests { retry_after_secs } => {
                    crate::i18n::texts::locked_out(*retry_after_secs).get(ctx.lang)
                }
                _ => err.message(ctx.lang),
            };
            let body = login_form(&ctx, form.login.trim(), &next, Some(&message));
            let mut response =
                (err.status(), views::page(&ctx, ctx.t(layout::LOGIN), body)).into_response();
            if let AppError::TooManyRequests { retry_after_secs } = err
                && let Ok(v) = http::HeaderValue::from_str(&retry_after_secs.to_string())
            {
                response.headers_mut().insert(http::header::RETRY_AFTER, v);
            }
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

/// POST /logout.
async fn logout_submit(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let removal = login::logout(&state, &headers).await?;
    Ok(see_other_with(
        "/login",
        vec![removal, Flash::LoggedOut.cookie()],
    ))
}
