//! Who is asking: roles, the current user and its extractors, login sessions in the database,
//! CSRF, sealed secrets, password hashing and per-address throttling. The shell owns these;
//! features read them and never reach into each other for them.

pub mod csrf;
pub mod password;
pub mod sealed;
pub mod session;
pub mod throttle;

use crate::error::AppError;
use crate::i18n::{T, texts::roles};
use axum::extract::FromRequestParts;
use http::request::Parts;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including accounts.
    Admin,
    /// Commerce bureau: reads everything, writes nothing.
    Bureau,
    /// A market manager: the sites and markets assigned to them or created by them.
    Manager,
    /// A vendor: their own data.
    Vendor,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Bureau, Role::Manager, Role::Vendor];

    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Bureau => "bureau",
            Role::Manager => "manager",
            Role::Vendor => "vendor",
        }
    }

    /// Parses a stored or submitted role name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The role's name for people.
    pub fn label(self) -> T {
        match self {
            Role::Admin => roles::ADMIN,
            Role::Bureau => roles::BUREAU,
            Role::Manager => roles::MANAGER,
            Role::Vendor => roles::VENDOR,
        }
    }
}

/// The logged-in account behind a request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// User id.
    pub id: i32,
    /// Login name (a vendor's mobile number).
    pub login: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// The vendor profile, for vendors.
    pub vendor_id: Option<i32>,
    /// Hash of the session token (the row id in `login_sessions`).
    pub session_id: String,
    /// The session's CSRF token for HTML forms.
    pub csrf_token: String,
}

impl CurrentUser {
    /// `Ok` if the user has one of `roles`, else 403.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Managers and admins may change things; bureau staff and vendors may not.
    pub fn require_staff_writer(&self) -> Result<(), AppError> {
        self.require(&[Role::Admin, Role::Manager])
    }
}

/// A request that must come from a logged-in user (401 otherwise).
#[derive(Clone, Debug)]
pub struct Auth(pub Arc<CurrentUser>);

/// A request that may come from a logged-in user.
#[derive(Clone, Debug)]
pub struct MaybeAuth(pub Option<Arc<CurrentUser>>);

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Arc<CurrentUser>>()
            .cloned()
            .map(Auth)
            .ok_or(AppError::Unauthorized)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for MaybeAuth {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeAuth(
            parts.extensions.get::<Arc<CurrentUser>>().cloned(),
        ))
    }
}

impl std::ops::Deref for Auth {
    type Target = CurrentUser;
    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}

/// The refusal for an object outside the caller's reach: 404 for a manager (another market's
/// object is none of theirs, and a 403 would confirm that the id exists), 403 for roles that
/// may never do this to any object (the bureau writing, a vendor deciding), which is the same
/// answer for every id and so tells nothing.
pub fn not_theirs(user: &CurrentUser) -> AppError {
    match user.role {
        Role::Manager => AppError::NotFound,
        Role::Admin | Role::Bureau | Role::Vendor => AppError::Forbidden,
    }
}
