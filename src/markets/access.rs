//! Who may act on a market: admins on all, managers on markets assigned to them or created
//! by them; the bureau reads everything and writes nothing.

use crate::error::AppResult;
use crate::identity::{CurrentUser, Role};
use entity::{manager_markets, markets};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

/// The markets a manager acts on (assigned or created); `None` means every market.
pub async fn managed_markets(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
) -> AppResult<Option<Vec<i32>>> {
    match user.role {
        Role::Admin | Role::Bureau => Ok(None),
        Role::Vendor => Ok(Some(Vec::new())),
        Role::Manager => {
            let mut ids: Vec<i32> = manager_markets::Entity::find()
                .select_only()
                .column(manager_markets::Column::MarketId)
                .filter(manager_markets::Column::UserId.eq(user.id))
                .into_tuple()
                .all(db)
                .await?;
            let created: Vec<i32> = markets::Entity::find()
                .select_only()
                .column(markets::Column::Id)
                .filter(markets::Column::CreatedBy.eq(user.id))
                .into_tuple()
                .all(db)
                .await?;
            ids.extend(created);
            ids.sort_unstable();
            ids.dedup();
            Ok(Some(ids))
        }
    }
}

/// Whether `user` may change `market`.
pub async fn can_manage(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market: &markets::Model,
) -> AppResult<bool> {
    Ok(match user.role {
        Role::Admin => true,
        Role::Bureau | Role::Vendor => false,
        Role::Manager => {
            market.created_by == Some(user.id)
                || manager_markets::Entity::find()
                    .filter(
                        Condition::all()
                            .add(manager_markets::Column::UserId.eq(user.id))
                            .add(manager_markets::Column::MarketId.eq(market.id)),
                    )
                    .count(db)
                    .await?
                    > 0
        }
    })
}

/// Whether `user` may read the staff view of `market` (bookings, applications).
pub async fn can_read(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market: &markets::Model,
) -> AppResult<bool> {
    Ok(user.role == Role::Bureau || can_manage(db, user, market).await?)
}

/// `Ok` when `user` may change `market`; else [`crate::identity::not_theirs`].
pub async fn require_manage(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market: &markets::Model,
) -> AppResult<()> {
    if can_manage(db, user, market).await? {
        Ok(())
    } else {
        Err(crate::identity::not_theirs(user))
    }
}
