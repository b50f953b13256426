//! Who may act on a market: admins on all, managers on markets assigned to them or created
//! by them; the bureau reads everything and writes nothing.

use crate::audit::{self, Change};
use crate::auth::{CurrentUser, Role};
use crate::error::{AppError, AppResult};
use crate::i18n::texts::markets as t;
use entity::{manager_markets, markets, users};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;

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

/// `Ok` when `user` may change `market`; else [`not_theirs`].
pub async fn require_manage(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    market: &markets::Model,
) -> AppResult<()> {
    if can_manage(db, user, market).await? {
        Ok(())
    } else {
        Err(not_theirs(user))
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

/// The markets a manager looks after, by id.
pub async fn markets_of(db: &impl ConnectionTrait, user_id: i32) -> AppResult<Vec<i32>> {
    Ok(manager_markets::Entity::find()
        .select_only()
        .column(manager_markets::Column::MarketId)
        .filter(manager_markets::Column::UserId.eq(user_id))
        .order_by_asc(manager_markets::Column::MarketId)
        .into_tuple()
        .all(db)
        .await?)
}

/// Replaces the markets of a manager (422 for unknown markets or a non-manager); audited.
pub async fn set_manager_markets(
    db: &impl ConnectionTrait,
    actor: i32,
    user: &users::Model,
    market_ids: &[i32],
) -> AppResult<Vec<i32>> {
    let mut wanted = market_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    if !wanted.is_empty() && user.role != Role::Manager.as_str() {
        return Err(AppError::invalid(
            "not_a_manager",
            "market_ids",
            crate::i18n::texts::admin::NOT_A_MANAGER,
        ));
    }
    let found = markets::Entity::find()
        .filter(markets::Column::Id.is_in(wanted.clone()))
        .count(db)
        .await?;
    if found != wanted.len() as u64 {
        return Err(AppError::invalid(
            "unknown_market",
            "market_ids",
            t::MARKET_UNKNOWN,
        ));
    }
    let before = markets_of(db, user.id).await?;
    if before == wanted {
        return Ok(wanted);
    }
    manager_markets::Entity::delete_many()
        .filter(manager_markets::Column::UserId.eq(user.id))
        .exec(db)
        .await?;
    if !wanted.is_empty() {
        manager_markets::Entity::insert_many(wanted.iter().map(|&market_id| {
            manager_markets::ActiveModel {
                user_id: sea_orm::Set(user.id),
                market_id: sea_orm::Set(market_id),
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
            action: "assign_markets",
            before: Some(json!({ "market_ids": before })),
            after: Some(json!({ "market_ids": wanted })),
        },
    )
    .await?;
    Ok(wanted)
}
