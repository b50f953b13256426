//! Login sessions stored in the database: they survive restarts and work across processes.
//!
//! The cookie holds a random token; the table holds only its SHA-256, the user, a CSRF token
//! and the expiry. A new id is issued at every login, and "log out everywhere" or disabling a
//! user removes every row of that user.

use super::{CurrentUser, Role};
use crate::config::Config;
use crate::web::{CookieSpec, cookie, random_token};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use entity::{login_sessions, users, vendors};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Writes of `last_seen_at` are skipped when the previous one is this recent (a minute of
/// idle timeout is traded for one write per session per minute, not per request).
const TOUCH_INTERVAL_MINUTES: i64 = 1;

/// The session cookie: `__Host-` prefixed and `Secure` when served over HTTPS.
pub fn cookie_spec(config: &Config) -> CookieSpec<'static> {
    CookieSpec {
        name: if config.https {
            "__Host-nm_session"
        } else {
            "nm_session"
        },
        secure: config.https,
        http_only: true,
        same_site: "Lax",
        max_age: Some(config.session_max_hours * 3600),
    }
}

/// The stored id of a cookie token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session for `user_id`; returns the cookie token.
pub async fn create(
    db: &impl ConnectionTrait,
    config: &Config,
    user_id: i32,
) -> Result<String, sea_orm::DbErr> {
    let token = random_token(32);
    let now = Utc::now();
    login_sessions::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(random_token(24)),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::minutes(config.session_idle_minutes)),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Ends the session with this id.
pub async fn delete(db: &impl ConnectionTrait, session_id: &str) -> Result<(), sea_orm::DbErr> {
    login_sessions::Entity::delete_by_id(session_id.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (log out everywhere, password change, disabled account).
pub async fn delete_all_of_user(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<(), sea_orm::DbErr> {
    login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user but `keep` (a password changed from this one).
pub async fn delete_others_of_user(
    db: &impl ConnectionTrait,
    user_id: i32,
    keep: &str,
) -> Result<(), sea_orm::DbErr> {
    login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::UserId.eq(user_id))
        .filter(login_sessions::Column::Id.ne(keep.to_owned()))
        .exec(db)
        .await?;
    Ok(())
}

/// Finds the live session of a cookie token, sliding its idle expiry forward.
pub async fn load(
    db: &impl ConnectionTrait,
    config: &Config,
    token: &str,
) -> Result<Option<CurrentUser>, sea_orm::DbErr> {
    let id = token_hash(token);
    let Some((session, Some(user))) = login_sessions::Entity::find_by_id(id.clone())
        .find_also_related(users::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let hard_limit = session.created_at + Duration::hours(config.session_max_hours);
    if session.expires_at <= now || hard_limit <= now || user.disabled {
        delete(db, &id).await?;
        return Ok(None);
    }
    let Some(role) = Role::parse(&user.role) else {
        return Ok(None);
    };
    if now - session.last_seen_at > Duration::minutes(TOUCH_INTERVAL_MINUTES) {
        let mut active: login_sessions::ActiveModel = session.clone().into();
        active.last_seen_at = Set(now);
        active.expires_at =
            Set((now + Duration::minutes(config.session_idle_minutes)).min(hard_limit));
        // A store that refuses writes (full or read-only disk) must not turn every read into
        // a 503: the session is still valid, only its expiry does not slide this time.
        if let Err(err) = active.update(db).await {
            if crate::db::classify(&err) != crate::db::DbFailure::Unavailable {
                return Err(err);
            }
            tracing::warn!(error = %err, "session expiry not extended: database unavailable");
        }
    }
    let vendor_id = if role == Role::Vendor {
        vendors::Entity::find()
            .filter(vendors::Column::UserId.eq(user.id))
            .one(db)
            .await?
            .map(|v| v.id)
    } else {
        None
    };
    Ok(Some(CurrentUser {
        id: user.id,
        login: user.login,
        name: user.name,
        role,
        vendor_id,
        session_id: id,
        csrf_token: session.csrf_token,
    }))
}

/// Middleware: puts the request's [`CurrentUser`] into its extensions when the cookie is live.
pub async fn resolve(
    State(db): State<DatabaseConnection>,
    State(config): State<Arc<Config>>,
    mut request: Request,
    next: Next,
) -> Response {
    let spec = cookie_spec(&config);
    if let Some(token) = cookie(request.headers(), spec.name) {
        match load(&db, &config, &token).await {
            Ok(Some(user)) => {
                request.extensions_mut().insert(Arc::new(user));
            }
            Ok(None) => {}
            Err(err) => return crate::error::AppError::from(err).into_response(),
        }
    }
    next.run(request).await
}
