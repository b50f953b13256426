//! Who may change a site: admins, and managers of the sites assigned to them or created by them.

use crate::error::{AppError, AppResult};
use crate::identity::{CurrentUser, Role};
use entity::{manager_sites, sites};
use sea_orm::{ConnectionTrait, EntityTrait};

/// The site, if `user` may change it: 404 when it does not exist or is another manager's,
/// 403 for roles that never change sites.
pub async fn site_for_writing(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    site_id: i32,
) -> AppResult<sites::Model> {
    user.require_staff_writer()?;
    let site = sites::Entity::find_by_id(site_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.role == Role::Manager
        && manager_sites::Entity::find_by_id((user.id, site_id))
            .one(db)
            .await?
            .is_none()
    {
        return Err(crate::identity::not_theirs(user));
    }
    Ok(site)
}

/// The sites a manager runs (assigned or created by them).
pub async fn managed_sites(db: &impl ConnectionTrait, user: &CurrentUser) -> AppResult<Vec<i32>> {
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    Ok(manager_sites::Entity::find()
        .select_only()
        .column(manager_sites::Column::SiteId)
        .filter(manager_sites::Column::UserId.eq(user.id))
        .into_tuple()
        .all(db)
        .await?)
}

/// Whether `user` may change this site (for showing edit forms).
pub async fn may_write(
    db: &impl ConnectionTrait,
    user: Option<&CurrentUser>,
    site_id: i32,
) -> bool {
    match user {
        Some(u) => site_for_writing(db, u, site_id).await.is_ok(),
        None => false,
    }
}
