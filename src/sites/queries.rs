//! Site, stall and zone queries.

use chrono::Utc;
use entity::market_sessions::{self, SessionStatus};
use entity::stalls::StallStatus;
use entity::{site_layouts, sites, stalls};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::BTreeMap;

/// Ids of the scheduled sessions that have not ended yet (a subquery): the bookings of these
/// still need their stalls.
pub(super) fn live_sessions() -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(market_sessions::Column::Id)
        .from(market_sessions::Entity)
        .and_where(market_sessions::Column::EndsAt.gt(Utc::now()))
        .and_where(market_sessions::Column::Status.eq(SessionStatus::Scheduled))
        .to_owned()
}

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

/// Number of stalls per site.
pub async fn stall_counts(db: &impl ConnectionTrait) -> Result<BTreeMap<i32, u64>, DbErr> {
    let rows: Vec<(i32, i64)> = stalls::Entity::find()
        .select_only()
        .column(stalls::Column::SiteId)
        .column_as(stalls::Column::Id.count(), "n")
        .filter(stalls::Column::Status.ne(StallStatus::Retired))
        .group_by(stalls::Column::SiteId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(s, n)| (s, n.max(0) as u64))
        .collect())
}

/// The stalls of a site by row and position (then id: hand-drawn stalls share a row).
pub async fn stalls_of(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> Result<Vec<stalls::Model>, DbErr> {
    stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site_id))
        .filter(stalls::Column::Status.ne(StallStatus::Retired))
        .order_by_asc(stalls::Column::RowIndex)
        .order_by_asc(stalls::Column::Position)
        .order_by_asc(stalls::Column::Id)
        .all(db)
        .await
}

/// The accepted layout of a site, if any.
pub async fn layout_of(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> Result<Option<site_layouts::Model>, DbErr> {
    site_layouts::Entity::find_by_id(site_id).one(db).await
}

/// The stalls of a site, by code.
pub async fn stalls_of_site(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> Result<Vec<stalls::Model>, DbErr> {
    stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site_id))
        .order_by_asc(stalls::Column::Code)
        .all(db)
        .await
}
