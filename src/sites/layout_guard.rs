//! A layout is computed outside the write transaction (the engine takes a while on a large
//! site) and written inside it only if the site is as it was read: another manager may have
//! moved, locked or deleted a stall, drawn a zone or changed the outline meanwhile, and a
//! layout around the old stalls would be written over their change (a kept stall left where
//! new ones now stand, a stall locked meanwhile laid over).

use crate::db::Sql;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::sites as t;
use entity::sites;
use sea_orm::{ConnectionTrait, EntityTrait};

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
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("INSERT INTO revisions (scope, ref_id, n) VALUES ('site', ")
        .bind(site.id)
        .push(", 1) ON CONFLICT (scope, ref_id) DO UPDATE SET n = revisions.n + 1 RETURNING n");
    let now: i64 = db
        .query_one_raw(sql.build())
        .await?
        .ok_or_else(|| anyhow::anyhow!("the revision upsert returned no row"))?
        .try_get_by_index(0)?;
    let row = sites::Entity::find_by_id(site.id).one(db).await?;
    if now != computed_at + 1 || row.as_ref() != Some(site) {
        return Err(AppError::conflict("conflict", t::LAYOUT_STALE));
    }
    Ok(())
}
