//! Changing one's own password (`/account/password`, `POST /api/v1/me/password`): the current
//! password first, counted by the login throttle like a login, then a new one that meets the
//! policy. The account's other sessions end; this one stays. Audited.

use super::login;
use crate::api::ApiJson;
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::password as t;
use crate::identity::{Auth, CurrentUser};
use crate::state::AppState;
use crate::views::{self, Flash, PageCtx, forms::Input, forms::csrf_field};
use crate::web::{ClientIp, see_other_with};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use entity::users as user_entity;
use http::StatusCode;
use maud::{Markup, html};
use sea_orm::{ActiveModelTrait, Set};
use serde::Deserialize;
use std::net::IpAddr;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The current password and the new one.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PasswordChange {
    /// The password in use now.
    #[serde(default)]
    pub current_password: String,
    /// The new password: 8–128 characters, letters and digits, not a common one.
    #[serde(default)]
    pub new_password: String,
}

/// Checks the current password (throttled as a login), then stores the new one and ends the
/// account's other sessions. Nothing changes on any refusal.
pub async fn change_own_password(
    state: &AppState,
    ip: Option<IpAddr>,
    user: &CurrentUser,
    change: PasswordChange,
) -> AppResult<()> {
    let wrong = || AppError::invalid("wrong_password", "current_password", t::CURRENT_WRONG);
    if change.current_password.is_empty() {
        return Err(wrong());
    }
    crate::accounts::password_policy::check_strength(&change.new_password)
        .map_err(|msg| AppError::invalid("weak_password", "new_password", msg))?;
    // The same password typed in the other width is the same password.
    let typed = crate::identity::password::typed;
    if typed(&change.new_password) == typed(&change.current_password) {
        return Err(AppError::invalid("same_password", "new_password", t::SAME));
    }
    // Checked as a login is, throttle and all: a stolen session cannot guess freely.
    let row = login::check_password(state, ip, &user.login, change.current_password)
        .await
        .map_err(|e| match e {
            AppError::InvalidCredentials => wrong(),
            other => other,
        })?;
    let hash = state.passwords.hash(change.new_password).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    let mut active: user_entity::ActiveModel = row.into();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    crate::identity::session::delete_others_of_user(&txn, user.id, &user.session_id).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "user",
            entity_id: Some(user.id),
            action: "change_password",
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /api/v1/me/password`.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(change_password))
}

/// Change one's own password: 204; the account's other sessions end. 422 `wrong_password`
/// (current_password), `weak_password` or `same_password` (new_password); 429 after repeated
/// wrong current passwords, as for logins.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChange,
    responses((status = 204, description = "Changed"), (status = 401), (status = 422), (status = 429)))]
async fn change_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    auth: Auth,
    ApiJson(body): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    change_own_password(&state, ip, &auth, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `/account/password`.
pub fn page_routes() -> Router<AppState> {
    Router::new().route("/account/password", get(page).post(submit))
}

fn form(ctx: &PageCtx, error: Option<(&str, String)>) -> Markup {
    let error_on = |field: &str| {
        error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    };
    html! {
        p.hint { (ctx.t(t::INTRO)) }
        form.card method="post" action="/account/password" {
            (csrf_field(ctx))
            (Input { name: "current_password", label: ctx.t(t::CURRENT), kind: "password",
                autocomplete: Some("current-password"), required: true,
                error: error_on("current_password"), ..Default::default() }.render())
            (Input { name: "new_password", label: ctx.t(t::NEW), kind: "password",
                autocomplete: Some("new-password"), required: true,
                hint: Some(ctx.t(t::NEW_HINT)), error: error_on("new_password"),
                ..Default::default() }.render())
            button.primary type="submit" { (ctx.t(t::SUBMIT)) }
        }
    }
}

/// GET /account/password.
async fn page(ctx: PageCtx, _auth: Auth) -> Markup {
    views::page(&ctx, ctx.t(t::TITLE), form(&ctx, None))
}

/// POST /account/password: home with a message, or the form again with the refusal at its
/// field (nothing typed is shown back: these are passwords).
async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    auth: Auth,
    Form(body): Form<PasswordChange>,
) -> AppResult<Response> {
    match change_own_password(&state, ip, &auth, body).await {
        Ok(()) => Ok(see_other_with("/", vec![Flash::PasswordChanged.cookie()])),
        Err(AppError::Invalid {
            field: Some(field),
            message,
            ..
        }) => {
            let field: &str = if field == "new_password" {
                "new_password"
            } else {
                "current_password"
            };
            let body = form(&ctx, Some((field, message.get(ctx.lang))));
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                views::page(&ctx, ctx.t(t::TITLE), body),
            )
                .into_response())
        }
        Err(other) => Err(other),
    }
}
