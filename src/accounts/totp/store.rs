//! Stored TOTP secrets: enrolment, confirmation, the login check that consumes a code's time
//! step (so a code works once, also across processes), and an administrator's reset.

use super::{base32_decode, base32_encode, matching_step, new_secret, parse_code, step_of};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::totp as t;
use crate::identity::CurrentUser;
use crate::identity::sealed::SecretBox;
use chrono::Utc;
use entity::{login_challenges, user_totp};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};
use serde_json::json;

/// How long the second step of a page login stays open.
pub const CHALLENGE_MINUTES: i64 = 5;

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No code was given.
    Missing,
    /// Wrong, expired, or already used.
    Wrong,
}

/// The account's confirmed TOTP, if it has one.
pub async fn confirmed(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> AppResult<Option<user_totp::Model>> {
    Ok(user_totp::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|row| row.confirmed_at.is_some()))
}

/// The associated data that binds a sealed secret to its row.
fn row_of(user_id: i32) -> String {
    format!("user_totp:{user_id}")
}

/// The base32 secret of a row; a sealed one that does not open is a server fault (a missing
/// or changed `secret_key`), logged, never shown.
fn secret_of(secrets: &SecretBox, row: &user_totp::Model) -> AppResult<Vec<u8>> {
    let plain = secrets
        .open(&row_of(row.user_id), &row.secret)
        .map_err(|e| {
            AppError::Internal(anyhow::anyhow!("TOTP secret of user {}: {e}", row.user_id))
        })?;
    Ok(base32_decode(&plain).unwrap_or_default())
}

/// Seals the secrets still stored in clear text (written before `secret_key` was set); run at
/// start-up. Returns how many it sealed.
pub async fn seal_clear_secrets(
    db: &impl ConnectionTrait,
    secrets: &SecretBox,
) -> AppResult<usize> {
    if !secrets.seals() {
        return Ok(0);
    }
    let mut sealed = 0;
    for row in user_totp::Entity::find().all(db).await? {
        if SecretBox::is_sealed(&row.secret) {
            continue;
        }
        let value = secrets.seal(&row_of(row.user_id), &row.secret);
        // Only if it is still the clear value read: another process may be doing the same.
        let done = user_totp::Entity::update_many()
            .col_expr(user_totp::Column::Secret, Expr::value(value))
            .filter(user_totp::Column::UserId.eq(row.user_id))
            .filter(user_totp::Column::Secret.eq(row.secret))
            .exec(db)
            .await?;
        sealed += done.rows_affected as usize;
    }
    Ok(sealed)
}

/// Whether every sealed TOTP secret opens with `secrets`' key: a server started with another
/// key (or none) would answer every second-factor login with a 500, so start-up asks first.
/// The user id of the first that does not open.
pub async fn first_unopenable(
    db: &impl ConnectionTrait,
    secrets: &SecretBox,
) -> AppResult<Option<i32>> {
    for row in user_totp::Entity::find().all(db).await? {
        if SecretBox::is_sealed(&row.secret)
            && secrets.open(&row_of(row.user_id), &row.secret).is_err()
        {
            return Ok(Some(row.user_id));
        }
    }
    Ok(None)
}

/// Starts (or restarts) enrolment with a new secret; returns it in base32, to be shown once.
/// 409 when the account already has a confirmed TOTP (an administrator resets it first).
pub async fn start(
    db: &impl ConnectionTrait,
    secrets: &SecretBox,
    user: &CurrentUser,
) -> AppResult<String> {
    if !super::may_enrol(user.role) {
        return Err(AppError::Forbidden);
    }
    if confirmed(db, user.id).await?.is_some() {
        return Err(AppError::conflict(
            "totp_already_enrolled",
            t::ALREADY_ENROLLED,
        ));
    }
    user_totp::Entity::delete_by_id(user.id).exec(db).await?;
    let secret = base32_encode(&new_secret());
    user_totp::ActiveModel {
        user_id: Set(user.id),
        secret: Set(secrets.seal(&row_of(user.id), &secret)),
        confirmed_at: Set(None),
        last_step: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Confirms enrolment with a first valid code; audited. 409 without a started enrolment,
/// 422 `invalid_totp` for a wrong code.
pub async fn confirm(
    db: &impl ConnectionTrait,
    secrets: &SecretBox,
    user: &CurrentUser,
    code: &str,
) -> AppResult<()> {
    if !super::may_enrol(user.role) {
        return Err(AppError::Forbidden);
    }
    let row = user_totp::Entity::find_by_id(user.id).one(db).await?;
    let row = match row {
        Some(row) if row.confirmed_at.is_none() => row,
        Some(_) => {
            return Err(AppError::conflict(
                "totp_already_enrolled",
                t::ALREADY_ENROLLED,
            ));
        }
        None => return Err(AppError::conflict("totp_not_started", t::NOT_STARTED)),
    };
    let secret = secret_of(secrets, &row)?;
    let step = parse_code(code)
        .and_then(|code| matching_step(&secret, code, step_of(Utc::now().timestamp()), None))
        .ok_or_else(|| AppError::invalid("invalid_totp", "code", t::WRONG_CODE))?;
    let mut active: user_totp::ActiveModel = row.into();
    active.confirmed_at = Set(Some(Utc::now()));
    active.last_step = Set(Some(step));
    active.update(db).await?;
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "user",
            entity_id: Some(user.id),
            action: "totp_enrol",
            before: None,
            after: Some(json!({ "totp": true })),
        },
    )
    .await?;
    Ok(())
}

/// Checks a login's code against the account's confirmed secret and consumes its time step.
/// The step is taken by a conditional UPDATE, so two requests (or two processes) racing with
/// the same code cannot both win.
pub async fn check(
    db: &impl ConnectionTrait,
    secrets: &SecretBox,
    totp: &user_totp::Model,
    code: Option<&str>,
) -> AppResult<Result<(), Refusal>> {
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return Ok(Err(Refusal::Missing));
    };
    let secret = secret_of(secrets, totp)?;
    let now = step_of(Utc::now().timestamp());
    let Some(step) =
        parse_code(code).and_then(|code| matching_step(&secret, code, now, totp.last_step))
    else {
        return Ok(Err(Refusal::Wrong));
    };
    let taken = user_totp::Entity::update_many()
        .col_expr(user_totp::Column::LastStep, Expr::value(step))
        .filter(user_totp::Column::UserId.eq(totp.user_id))
        .filter(
            Condition::any()
                .add(user_totp::Column::LastStep.is_null())
                .add(user_totp::Column::LastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(if taken.rows_affected == 1 {
        Ok(())
    } else {
        Err(Refusal::Wrong)
    })
}

/// Removes an account's TOTP (the recovery path when a phone is lost); audited when there was
/// one. The account logs in with its password alone until it enrols again.
pub async fn reset(db: &impl ConnectionTrait, admin: &CurrentUser, user_id: i32) -> AppResult<()> {
    admin.require(&[crate::identity::Role::Admin])?;
    entity::users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let removed = user_totp::Entity::delete_by_id(user_id).exec(db).await?;
    login_challenges::Entity::delete_many()
        .filter(login_challenges::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    if removed.rows_affected > 0 {
        audit::record(
            db,
            Change {
                actor: Some(admin.id),
                entity: "user",
                entity_id: Some(user_id),
                action: "totp_reset",
                before: Some(json!({ "totp": true })),
                after: Some(json!({ "totp": false })),
            },
        )
        .await?;
    }
    Ok(())
}

/// Opens the second step of a page login; returns the token for the form.
pub async fn open_challenge(
    db: &impl ConnectionTrait,
    user_id: i32,
    next: &str,
) -> AppResult<String> {
    let token = crate::web::random_token(32);
    let now = Utc::now();
    login_challenges::Entity::delete_many()
        .filter(login_challenges::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    login_challenges::ActiveModel {
        id: Set(crate::identity::session::token_hash(&token)),
        user_id: Set(user_id),
        next_path: Set(next.to_owned()),
        expires_at: Set(now + chrono::Duration::minutes(CHALLENGE_MINUTES)),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The open challenge of a form token (expired ones count as absent).
pub async fn find_challenge(
    db: &impl ConnectionTrait,
    token: &str,
) -> AppResult<Option<login_challenges::Model>> {
    Ok(
        login_challenges::Entity::find_by_id(crate::identity::session::token_hash(token))
            .one(db)
            .await?
            .filter(|c| c.expires_at > Utc::now()),
    )
}

/// Closes a challenge once its login is done.
pub async fn close_challenge(db: &impl ConnectionTrait, id: &str) -> AppResult<()> {
    login_challenges::Entity::delete_by_id(id.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// The accounts whose second factor is on (for the administrator's users page).
pub async fn enrolled_user_ids(db: &impl ConnectionTrait) -> AppResult<Vec<i32>> {
    Ok(user_totp::Entity::find()
        .filter(user_totp::Column::ConfirmedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect())
}
