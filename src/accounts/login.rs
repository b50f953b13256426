//! Logging in and out, shared by the JSON API and the login page.

use super::totp::store::{self, Refusal};
use super::users;
use crate::error::{AppError, AppResult};
use crate::identity::{session, throttle};
use crate::state::AppState;
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

/// Checks throttles and the password, the TOTP code of an enrolled account, then starts a
/// fresh session. `Ok(Err(_))` means the password was right but the code is missing or wrong.
pub async fn attempt(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    login: &str,
    password: String,
    totp: Option<&str>,
) -> AppResult<Result<LoggedIn, Refusal>> {
    let user = check_password(state, ip, login, password).await?;
    if let Some(secret) = store::confirmed(&state.db, user.id).await?
        && let Err(refusal) = check_code(state, ip, &user, &secret, totp, None).await?
    {
        return Ok(Err(refusal));
    }
    Ok(Ok(start_session(state, ip, headers, user).await?))
}

/// Checks throttles and the password; the account when both pass. A wrong login and a wrong
/// password get the same answer, and so does an unknown login under throttling: failures
/// are counted by the login as typed, whether or not an account has it.
pub async fn check_password(
    state: &AppState,
    ip: Option<IpAddr>,
    login: &str,
    password: String,
) -> AppResult<user_entity::Model> {
    if state.config.per_address_limits() {
        state
            .limiter
            .check(ip, "login", LOGINS_PER_ADDRESS_PER_MINUTE)?;
    }
    let login = users::normalize_login(login);
    if login.is_empty() || login.len() > 128 || password.len() > 1024 {
        return Err(AppError::InvalidCredentials);
    }
    let attempt = wait_or_refuse(state, ip, &login).await?;
    let user = users::find_by_login(&state.db, &login).await?;
    let ok = state
        .passwords
        .verify(password, user.as_ref().map(|u| u.password_hash.clone()))
        .await?;
    match user {
        Some(user) if ok && !user.disabled => {
            attempt.passed(&state.db).await?;
            Ok(user)
        }
        // The attempt stays counted: it is the failure.
        _ => Err(AppError::InvalidCredentials),
    }
}

/// 429 for a client that has failed too often on `login` (or, with per-address limits, on
/// any account); otherwise waits as long as the account's recent failures from anywhere ask.
/// The wait comes before the secret is checked, right or wrong alike: a guesser learns nothing
/// from giving up early, and the owner is slowed, never refused.
/// The attempt is counted as a failure from now on until [`throttle::Attempt::passed`].
pub async fn wait_or_refuse(
    state: &AppState,
    ip: Option<IpAddr>,
    login: &str,
) -> AppResult<throttle::Attempt> {
    let address = throttle::address_key(ip);
    let (attempt, wait) = throttle::begin_attempt(
        &state.db,
        login,
        address.as_deref(),
        state.config.per_address_limits(),
        &state.limiter.slowdown,
    )
    .await?;
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
    Ok(attempt)
}

/// Checks a TOTP code; a wrong one counts against the account like a wrong password: the
/// `attempt` counted before it (the second step's page), else a failure recorded now.
pub async fn check_code(
    state: &AppState,
    ip: Option<IpAddr>,
    user: &user_entity::Model,
    secret: &entity::user_totp::Model,
    code: Option<&str>,
    attempt: Option<throttle::Attempt>,
) -> AppResult<Result<(), Refusal>> {
    let verdict = store::check(&state.db, &state.secrets, secret, code).await?;
    match (verdict, attempt) {
        // Right, or missing (no guess: the page asks again): the attempt is taken back.
        (Ok(()) | Err(Refusal::Missing), Some(attempt)) => attempt.passed(&state.db).await?,
        (Err(Refusal::Wrong), None) => {
            let address = throttle::address_key(ip);
            throttle::record_failure(&state.db, &user.login, address.as_deref()).await?;
        }
        _ => {}
    }
    Ok(verdict)
}

/// Starts a fresh session (a new id every login, so a session id planted before login is
/// worthless) and ends the one the browser had.
pub async fn start_session(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    user: user_entity::Model,
) -> AppResult<LoggedIn> {
    let address = throttle::address_key(ip);
    throttle::clear(&state.db, &user.login, address.as_deref()).await?;
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
