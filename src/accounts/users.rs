//! Account queries and the rules for creating one.

use super::password_policy;
use crate::accounts::phone::Phone;
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::auth as t;
use crate::identity::Role;
use chrono::Utc;
use entity::users;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// The stored form of what someone typed as their login: a mobile number is normalised
/// (`+86 138-0013-8000` → `13800138000`), anything else trimmed and lower-cased.
pub fn normalize_login(input: &str) -> String {
    match Phone::parse(input) {
        Ok(phone) => phone.as_str().to_owned(),
        Err(_) => input.trim().to_lowercase(),
    }
}

/// The account with this (normalised) login.
pub async fn find_by_login(
    db: &impl ConnectionTrait,
    login: &str,
) -> Result<Option<users::Model>, sea_orm::DbErr> {
    users::Entity::find()
        .filter(users::Column::Login.eq(login))
        .one(db)
        .await
}

/// A request to create an account, before validation.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Plain password (hashed here).
    pub password: String,
}

/// Checks a login: 3–64 of `[a-z0-9._-]`, or a mobile number.
pub fn validate_login(login: &str) -> AppResult<()> {
    let ok = (3..=64).contains(&login.chars().count())
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(AppError::invalid(
            "invalid_login",
            "login",
            t::LOGIN_INVALID,
        ))
    }
}

/// Checks a person's display name: 1–50 characters once cleaned as
/// [`crate::normalize::person_name`] cleans it (invisible marks gone, one name dot).
pub fn validate_name(name: &str) -> AppResult<String> {
    let typed = name;
    let name = crate::normalize::person_name(typed);
    if name.is_empty() {
        // Nothing left but marks that cannot be seen: say so, not "required".
        let message = if typed.trim().is_empty() {
            t::NAME_REQUIRED
        } else {
            t::NAME_UNPRINTABLE
        };
        return Err(AppError::invalid("invalid_name", "name", message));
    }
    if name.chars().count() > 50 {
        return Err(AppError::invalid("invalid_name", "name", t::NAME_TOO_LONG));
    }
    Ok(name)
}

/// Checks a new password's strength (422 on `password`).
pub fn validate_password(password: &str) -> AppResult<()> {
    password_policy::check_strength(password)
        .map_err(|msg| AppError::invalid("weak_password", "password", msg))
}

/// An account that passed validation and has its password hashed: ready to insert.
#[derive(Debug, Clone)]
pub struct PreparedUser {
    login: String,
    name: String,
    role: Role,
    password_hash: String,
}

/// Validates and hashes, touching no database (so no write lock is held while hashing).
pub async fn prepare(
    passwords: &crate::identity::password::Passwords,
    new: NewUser,
) -> AppResult<PreparedUser> {
    let login = normalize_login(&new.login);
    validate_login(&login)?;
    let name = validate_name(&new.name)?;
    validate_password(&new.password)?;
    let password_hash = passwords.hash(new.password).await?;
    Ok(PreparedUser {
        login,
        name,
        role: new.role,
        password_hash,
    })
}

/// Inserts a prepared account with its audit row; 409 `login_taken`.
pub async fn insert(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    prepared: PreparedUser,
) -> AppResult<users::Model> {
    if find_by_login(db, &prepared.login).await?.is_some() {
        return Err(AppError::conflict("login_taken", t::LOGIN_TAKEN));
    }
    let user = users::ActiveModel {
        login: Set(prepared.login),
        name: Set(prepared.name),
        role: Set(prepared.role.as_str().to_owned()),
        password_hash: Set(prepared.password_hash),
        disabled: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match crate::db::classify(&e) {
        crate::db::DbFailure::Conflict(_) => AppError::conflict("login_taken", t::LOGIN_TAKEN),
        _ => e.into(),
    })?;
    audit::record(
        db,
        Change {
            actor,
            entity: "user",
            entity_id: Some(user.id),
            action: "create",
            before: None,
            after: Some(json!({"login": user.login, "name": user.name, "role": user.role})),
        },
    )
    .await?;
    Ok(user)
}

/// Gives the account `login` a new password (the operator's recovery for a forgotten one, from
/// the command line), ends its sessions everywhere and clears its failed logins; audited.
pub async fn reset_password(
    db: &impl ConnectionTrait,
    passwords: &crate::identity::password::Passwords,
    login: &str,
    password: String,
) -> AppResult<users::Model> {
    let login = normalize_login(login);
    validate_password(&password)?;
    let user = find_by_login(db, &login).await?.ok_or(AppError::NotFound)?;
    let hash = passwords.hash(password).await?;
    let mut active: users::ActiveModel = user.clone().into();
    active.password_hash = Set(hash);
    let user = active.update(db).await?;
    crate::identity::session::delete_all_of_user(db, user.id).await?;
    crate::identity::throttle::forget_account(db, &user.login).await?;
    audit::record(
        db,
        Change {
            actor: None,
            entity: "user",
            entity_id: Some(user.id),
            action: "reset_password",
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(user)
}
