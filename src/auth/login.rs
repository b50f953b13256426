//! Logging in and out, shared by the JSON API and the login page.

use super::{session, throttle, users};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::{CookieSpec, cookie};
use entity::users as user_entity;
use http::HeaderMap;
use std::net::IpAddr;

/// Logins per client address per minute before 429 (unless limits are relaxed).
const LOGINS_PER_ADDRESS_PER_MINUTE: u32 = 30;

/// A successful login: the account and the new session's cookie token.
#[derive(Debug)]
pub struct LoggedIn {
    /// The account.
    pub user: user_entity::Model,
    /// Token for the session cookie.
    pub token: String,
}

/// Checks throttles and the password, then starts a fresh session (a new id every login,
/// so a session id planted before login is worthless) and ends the one the browser had.
pub async fn attempt(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    login: &str,
    password: String,
) -> AppResult<LoggedIn> {
    if state.config.per_address_limits() {
        state
            .limiter
            .check(ip, "login", LOGINS_PER_ADDRESS_PER_MINUTE)?;
    }
    let login = users::normalize_login(login);
    if login.is_empty() || login.len() > 128 || password.len() > 1024 {
        return Err(AppError::InvalidCredentials);
    }
    throttle::check_account(&state.db, &login).await?;
    let user = users::find_by_login(&state.db, &login).await?;
    let ok = state
        .passwords
        .verify(password, user.as_ref().map(|u| u.password_hash.clone()))
        .await?;
    let user = match user {
        Some(user) if ok && !user.disabled => user,
        _ => {
            throttle::record_failure(&state.db, &login).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    throttle::clear(&state.db, &login).await?;
    let spec = session::cookie_spec(&state.config);
    if let Some(old) = cookie(headers, spec.name) {
        session::delete(&state.db, &session::token_hash(&old)).await?;
    }
    let token = session::create(&state.db, &state.config, user.id).await?;
    Ok(LoggedIn { user, token })
}

/// Ends the current session, if any; returns the header that removes the cookie.
pub async fn logout(state: &AppState, headers: &HeaderMap) -> AppResult<http::HeaderValue> {
    let spec: CookieSpec<'_> = session::cookie_spec(&state.config);
    if let Some(token) = cookie(headers, spec.name) {
        session::delete(&state.db, &session::token_hash(&token)).await?;
    }
    Ok(spec.removal())
}
