//! Site queries.

use entity::sites;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect};

/// One page of sites by id, and the total.
pub async fn list(
    db: &impl ConnectionTrait,
    limit: u64,
    offset: u64,
) -> Result<(Vec<sites::Model>, u64), DbErr> {
    let total = sites::Entity::find().count(db).await?;
    let items = sites::Entity::find()
        .order_by_asc(sites::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// The site with this id.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<sites::Model>, DbErr> {
    sites::Entity::find_by_id(id).one(db).await
}
