//! Disabling and enabling accounts: a disabled account's sessions all end at once.

use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::admin as t;
use crate::identity::{CurrentUser, Role, session};
use entity::users;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde_json::json;

/// Sets `disabled` on an account (admin only; not on oneself); audited.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    admin: &CurrentUser,
    user_id: i32,
    disabled: bool,
) -> AppResult<users::Model> {
    admin.require(&[Role::Admin])?;
    if admin.id == user_id && disabled {
        return Err(AppError::invalid(
            "not_yourself",
            "disabled",
            t::NOT_YOURSELF,
        ));
    }
    let user = users::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.disabled == disabled {
        return Ok(user);
    }
    let mut active: users::ActiveModel = user.clone().into();
    active.disabled = Set(disabled);
    let updated = active.update(db).await?;
    if disabled {
        session::delete_all_of_user(db, user_id).await?;
    }
    audit::record(
        db,
        Change {
            actor: Some(admin.id),
            entity: "user",
            entity_id: Some(user_id),
            action: if disabled { "disable" } else { "enable" },
            before: Some(json!({ "disabled": user.disabled })),
            after: Some(json!({ "disabled": disabled })),
        },
    )
    .await?;
    Ok(updated)
}
