//! `POST/DELETE /api/v1/session`, `GET /api/v1/me`, `POST /api/v1/users`.

use super::{login, users};
use crate::accounts::assign::{self, MARKETS, SITES};
use crate::api::ApiJson;
use crate::error::{AppError, AppResult};
use crate::extract::PathId;
use crate::identity::{Auth, Role, session};
use crate::state::AppState;
use crate::web::ClientIp;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The account routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_session, delete_session))
        .routes(routes!(me))
        .routes(routes!(create_user))
        .routes(routes!(update_user))
        .merge(super::totp::api::routes())
        .merge(super::password_change::api_routes())
}

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginBody {
    /// Login name; a vendor's is their mobile number.
    pub login: String,
    /// Password.
    pub password: String,
    /// The 6-digit code of the authenticator app, for accounts with a second factor.
    #[serde(default)]
    pub totp: Option<String>,
}

/// Who is logged in.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserSummary {
    /// User id.
    pub id: i32,
    /// Role.
    pub role: Role,
    /// Display name.
    pub name: String,
}

/// The answer to a login.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginAnswer {
    /// The account now logged in.
    pub user: UserSummary,
}

/// Log in: sets the session cookie. Wrong login or password → 401 without saying which;
/// 10 failures for one account from one client address within 15 minutes → 429 with
/// `Retry-After` (and 100 from one address across accounts); failures from elsewhere only
/// slow logins to the account (at most 3 s), so its owner still gets in. An account with a
/// second factor also needs `totp`: missing or wrong → 401 `totp_required` (wrong codes count
/// as failures; a code is accepted once).
#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = LoginBody,
    responses((status = 200, description = "Logged in: the account, and the session cookie", body = LoginAnswer),
        (status = 401), (status = 429)))]
async fn create_session(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginBody>,
) -> AppResult<Response> {
    let done = match login::attempt(
        &state,
        ip,
        &headers,
        &body.login,
        body.password,
        body.totp.as_deref(),
    )
    .await?
    {
        Ok(done) => done,
        Err(refusal) => return Ok(super::totp::api::totp_required(&headers, refusal)),
    };
    let role = Role::parse(&done.user.role).ok_or(AppError::InvalidCredentials)?;
    let answer = LoginAnswer {
        user: UserSummary {
            id: done.user.id,
            role,
            name: done.user.name,
        },
    };
    let cookie = session::cookie_spec(&state.config).header(&done.token);
    Ok(([(header::SET_COOKIE, cookie)], Json(answer)).into_response())
}

/// Log out: ends this session and removes the cookie.
#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts",
    responses((status = 204, description = "Logged out: the session is ended and the cookie removed"),
        (status = 401)))]
async fn delete_session(
    State(state): State<AppState>,
    _auth: Auth,
    headers: HeaderMap,
) -> AppResult<Response> {
    let removal = login::logout(&state, &headers).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, removal)]).into_response())
}

/// The logged-in account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// User id.
    pub id: i32,
    /// Role.
    pub role: Role,
    /// Display name.
    pub name: String,
    /// Login name.
    pub login: String,
    /// The vendor profile, for vendors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_id: Option<i32>,
}

/// Who am I.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, description = "The logged-in account", body = Me), (status = 401)))]
async fn me(auth: Auth) -> Json<Me> {
    Json(Me {
        id: auth.id,
        role: auth.role,
        name: auth.name.clone(),
        login: auth.login.clone(),
        vendor_id: auth.vendor_id,
    })
}

/// A new account, created by an administrator.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    /// Login name: 3–64 of a–z, 0–9, `.`, `-`, `_`.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Initial password (8+ characters, letters and digits).
    pub password: String,
    /// `admin`, `bureau`, `manager` or `vendor`.
    pub role: String,
    /// Markets a manager looks after (markets come with scheduling).
    #[serde(default)]
    pub market_ids: Vec<i32>,
    /// Sites a manager looks after.
    #[serde(default)]
    pub site_ids: Vec<i32>,
}

/// The created account.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedUser {
    /// User id.
    pub id: i32,
    /// Normalised login.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Sites assigned (managers).
    pub site_ids: Vec<i32>,
}

/// Create an account (admin only). Vendors register themselves at `POST /api/v1/vendors`.
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewUserBody,
    responses((status = 201, description = "The new account", body = CreatedUser), (status = 401),
        (status = 403),
        (status = 409, description = "`login_taken`: another account has this login"),
        (status = 422)))]
async fn create_user(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewUserBody>,
) -> AppResult<(StatusCode, Json<CreatedUser>)> {
    auth.require(&[Role::Admin])?;
    let role = Role::parse(body.role.trim()).ok_or_else(|| {
        AppError::invalid(
            "invalid_role",
            "role",
            crate::i18n::texts::auth::ROLE_INVALID,
        )
    })?;
    let prepared = users::prepare(
        &state.passwords,
        users::NewUser {
            login: body.login,
            name: body.name,
            role,
            password: body.password,
        },
    )
    .await?;
    let txn = crate::db::begin_write(&state.db).await?;
    let user = users::insert(&txn, Some(auth.id), prepared).await?;
    let site_ids = assign::replace(&txn, SITES, auth.id, &user, &body.site_ids).await?;
    assign::replace(&txn, MARKETS, auth.id, &user, &body.market_ids).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUser {
            id: user.id,
            login: user.login,
            name: user.name,
            role,
            site_ids,
        }),
    ))
}

/// Changes an administrator makes to an account. Anything else (a role, a password) is
/// refused by name rather than ignored, so a 200 never hides a change that was not made.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChanges {
    /// Disable (ends every session of the account at once) or enable.
    pub disabled: Option<bool>,
    /// Sites a manager looks after (replaces the list).
    pub site_ids: Option<Vec<i32>>,
}

/// Disable or enable an account, or set a manager's sites (admin only).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "accounts", request_body = UserChanges,
    params(("id" = i32, Path, description = "User id")),
    responses((status = 200, description = "The account as changed", body = CreatedUser),
        (status = 403), (status = 404), (status = 422)))]
async fn update_user(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<UserChanges>,
) -> AppResult<Json<CreatedUser>> {
    auth.require(&[Role::Admin])?;
    let txn = crate::db::begin_write(&state.db).await?;
    let mut user = <entity::users::Entity as sea_orm::EntityTrait>::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(disabled) = body.disabled {
        user = crate::accounts::disable::set_disabled(&txn, &auth, id, disabled).await?;
    }
    if let Some(site_ids) = &body.site_ids {
        assign::replace(&txn, SITES, auth.id, &user, site_ids).await?;
    }
    let site_ids = assign::assigned(&txn, SITES, id).await?;
    txn.commit().await?;
    Ok(Json(CreatedUser {
        id: user.id,
        role: Role::parse(&user.role).ok_or(AppError::NotFound)?,
        login: user.login,
        name: user.name,
        site_ids,
    }))
}
