//! A layout is computed outside the write transaction (the engine takes a while on a large
//! site) and written inside it only if the site is as it was read: another manager may have
//! moved, locked or deleted a stall, drawn a zone or changed the outline meanwhile, and a
//! layout around the old stalls would be written over their change (a kept stall left where
//! new ones now stand, a stall locked meanwhile laid over). Nor is a layout written over
//! stalls booked for sessions still to come.

use crate::db::Sql;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::relayout;
use crate::i18n::texts::sites as t;
use entity::{bookings, sites, stalls};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The site's revision counter, which triggers bump whenever its stalls, zones or layout
/// change (0 before the first change). Read before anything the layout is computed from.
pub(super) async fn revision(db: &impl ConnectionTrait, site_id: i32) -> AppResult<i64> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT n FROM revisions WHERE scope = 'site' AND ref_id = ")
        .bind(site_id);
    Ok(match db.query_one_raw(sql.build()).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    })
}

/// Inside the write transaction: 409 `conflict` unless the site row and its revision are
/// those the layout was computed from. The counter is bumped first: on PostgreSQL that waits
/// for a writer still at work on the site's stalls, whose change then shows as one bump too
/// many (SQLite's write lock keeps writers out already).
pub(super) async fn still_current(
    db: &impl ConnectionTrait,
    site: &sites::Model,
    computed_at: i64,
) -> AppResult<()> {
    let now = bump(db, site.id).await?;
    let row = sites::Entity::find_by_id(site.id).one(db).await?;
    if now != computed_at + 1 || row.as_ref() != Some(site) {
        return Err(AppError::conflict("conflict", t::LAYOUT_STALE));
    }
    Ok(())
}

/// Bumps the site's revision (what the plan, open data and layout caches key on) and returns
/// it: for a change no trigger sees, such as a new outline.
pub(super) async fn bump(db: &impl ConnectionTrait, site_id: i32) -> AppResult<i64> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("INSERT INTO revisions (scope, ref_id, n) VALUES ('site', ")
        .bind(site_id)
        .push(", 1) ON CONFLICT (scope, ref_id) DO UPDATE SET n = revisions.n + 1 RETURNING n");
    Ok(db
        .query_one_raw(sql.build())
        .await?
        .ok_or_else(|| anyhow::anyhow!("the revision upsert returned no row"))?
        .try_get_by_index(0)?)
}

/// Ids of a site's stalls a re-layout replaces (all but the locked ones; a subquery).
pub(super) fn unlocked_stalls_of(site_id: i32) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(stalls::Column::Id)
        .from(stalls::Entity)
        .and_where(stalls::Column::SiteId.eq(site_id))
        .and_where(stalls::Column::Locked.eq(false))
        .to_owned()
}

/// The stalls a re-layout would replace (unlocked ones) that are booked for scheduled sessions
/// that have not ended yet, as (id, code) in code order: what a manager must lock, cancel or
/// move before the site can be laid out again.
pub(super) async fn booked_in_the_way(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> AppResult<Vec<(i32, String)>> {
    let booked = sea_orm::sea_query::Query::select()
        .column(bookings::Column::StallId)
        .from(bookings::Entity)
        .and_where(bookings::Column::StallId.in_subquery(unlocked_stalls_of(site_id)))
        .and_where(bookings::Column::SessionId.in_subquery(super::queries::live_sessions()))
        .to_owned();
    Ok(stalls::Entity::find()
        .select_only()
        .columns([stalls::Column::Id, stalls::Column::Code])
        .filter(stalls::Column::Id.in_subquery(booked))
        .order_by_asc(stalls::Column::Code)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?)
}

/// The error code of a layout refused for stalls booked for sessions to come.
pub(super) const IN_USE: &str = "layout_in_use";

/// The 409 [`IN_USE`] naming the booked stalls in the way (see [`booked_in_the_way`]), if any
/// are: the plan's preview shows it in place of its accept button.
pub(super) async fn booked_refusal(
    db: &impl ConnectionTrait,
    site_id: i32,
) -> AppResult<Option<AppError>> {
    let codes: Vec<String> = booked_in_the_way(db, site_id)
        .await?
        .into_iter()
        .map(|(_, code)| code)
        .collect();
    Ok(
        (!codes.is_empty())
            .then(|| AppError::conflict(IN_USE, relayout::booked_in_the_way(&codes))),
    )
}

/// Refuses a layout with [`booked_refusal`]'s 409 when booked stalls are in the way.
pub(super) async fn refuse_if_booked(db: &impl ConnectionTrait, site_id: i32) -> AppResult<()> {
    booked_refusal(db, site_id).await?.map_or(Ok(()), Err)
}
