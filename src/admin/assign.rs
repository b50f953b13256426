//! Assigning managers to sites.

use crate::audit::{self, Change};
use crate::auth::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::admin as t;
use entity::{manager_sites, sites, users};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;

/// The sites a manager looks after, by id.
pub async fn sites_of(db: &impl ConnectionTrait, user_id: i32) -> AppResult<Vec<i32>> {
    Ok(manager_sites::Entity::find()
        .select_only()
        .column(manager_sites::Column::SiteId)
        .filter(manager_sites::Column::UserId.eq(user_id))
        .order_by_asc(manager_sites::Column::SiteId)
        .into_tuple()
        .all(db)
        .await?)
}

/// Replaces the sites of a manager (422 for unknown sites or a non-manager); audited.
pub async fn set_manager_sites(
    db: &impl ConnectionTrait,
    actor: i32,
    user: &users::Model,
    site_ids: &[i32],
) -> AppResult<Vec<i32>> {
    let mut wanted: Vec<i32> = site_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    if !wanted.is_empty() && user.role != Role::Manager.as_str() {
        return Err(AppError::invalid(
            "not_a_manager",
            "site_ids",
            t::NOT_A_MANAGER,
        ));
    }
    let found = sites::Entity::find()
        .filter(sites::Column::Id.is_in(wanted.clone()))
        .count(db)
        .await?;
    if found != wanted.len() as u64 {
        return Err(AppError::invalid(
            "unknown_site",
            "site_ids",
            t::SITE_UNKNOWN,
        ));
    }
    let before = sites_of(db, user.id).await?;
    if before == wanted {
        return Ok(wanted);
    }
    manager_sites::Entity::delete_many()
        .filter(manager_sites::Column::UserId.eq(user.id))
        .exec(db)
        .await?;
    if !wanted.is_empty() {
        manager_sites::Entity::insert_many(wanted.iter().map(|&site_id| {
            manager_sites::ActiveModel {
                user_id: sea_orm::Set(user.id),
                site_id: sea_orm::Set(site_id),
            }
        }))
        .exec(db)
        .await?;
    }
    audit::record(
        db,
        Change {
            actor: Some(actor),
            entity: "user",
            entity_id: Some(user.id),
            action: "assign_sites",
            before: Some(json!({ "site_ids": before })),
            after: Some(json!({ "site_ids": wanted })),
        },
    )
    .await?;
    Ok(wanted)
}
