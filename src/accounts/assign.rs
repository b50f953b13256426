//! Assigning managers to sites and to markets: one rule for both lists.

use crate::audit::{self, Change};
use crate::db::Sql;
use crate::error::{AppError, AppResult};
use crate::i18n::T;
use crate::i18n::texts::{admin as ta, markets as tm};
use crate::identity::Role;
use entity::users;
use sea_orm::ConnectionTrait;
use serde_json::json;

/// What a manager can be assigned to: the link table and how faults and changes are named.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// `manager_sites`: (user_id, `id_column`).
    link_table: &'static str,
    id_column: &'static str,
    /// Where the ids must exist.
    target_table: &'static str,
    /// The request field the ids come in, named in a 422.
    field: &'static str,
    unknown_code: &'static str,
    unknown: T,
    /// The audit action.
    action: &'static str,
}

/// Sites a manager looks after (their stalls, layouts and zones).
pub const SITES: Scope = Scope {
    link_table: "manager_sites",
    id_column: "site_id",
    target_table: "sites",
    field: "site_ids",
    unknown_code: "unknown_site",
    unknown: ta::SITE_UNKNOWN,
    action: "assign_sites",
};

/// Markets a manager runs (sessions, applications, bookings).
pub const MARKETS: Scope = Scope {
    link_table: "manager_markets",
    id_column: "market_id",
    target_table: "markets",
    field: "market_ids",
    unknown_code: "unknown_market",
    unknown: tm::MARKET_UNKNOWN,
    action: "assign_markets",
};

/// The ids a manager is assigned to in `scope`, ascending.
pub async fn assigned(
    db: &impl ConnectionTrait,
    scope: Scope,
    user_id: i32,
) -> AppResult<Vec<i32>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(&format!(
        "SELECT {} FROM {} WHERE user_id = ",
        scope.id_column, scope.link_table
    ))
    .bind(user_id)
    .push(" ORDER BY 1");
    let rows = db.query_all_raw(sql.build()).await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?)
}

/// Replaces what a manager is assigned to in `scope` (422 for unknown ids, or for any id given
/// to someone who is not a manager); audited when it changes anything.
pub async fn replace(
    db: &impl ConnectionTrait,
    scope: Scope,
    actor: i32,
    user: &users::Model,
    ids: &[i32],
) -> AppResult<Vec<i32>> {
    let mut wanted = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    if !wanted.is_empty() && user.role != Role::Manager.as_str() {
        return Err(AppError::invalid(
            "not_a_manager",
            scope.field,
            ta::NOT_A_MANAGER,
        ));
    }
    if !wanted.is_empty() && existing(db, scope, &wanted).await? != wanted.len() as i64 {
        return Err(AppError::invalid(
            scope.unknown_code,
            scope.field,
            scope.unknown,
        ));
    }
    let before = assigned(db, scope, user.id).await?;
    if before == wanted {
        return Ok(wanted);
    }
    let backend = db.get_database_backend();
    let mut delete = Sql::new(backend);
    delete
        .push(&format!(
            "DELETE FROM {} WHERE user_id = ",
            scope.link_table
        ))
        .bind(user.id);
    db.execute_raw(delete.build()).await?;
    if !wanted.is_empty() {
        let mut insert = Sql::new(backend);
        insert.push(&format!(
            "INSERT INTO {} (user_id, {}) VALUES ",
            scope.link_table, scope.id_column
        ));
        for (k, &id) in wanted.iter().enumerate() {
            insert.push(if k == 0 { "(" } else { ", (" });
            insert.bind(user.id).push(", ").bind(id).push(")");
        }
        db.execute_raw(insert.build()).await?;
    }
    audit::record(
        db,
        Change {
            actor: Some(actor),
            entity: "user",
            entity_id: Some(user.id),
            action: scope.action,
            before: Some(json!({ scope.field: before })),
            after: Some(json!({ scope.field: wanted })),
        },
    )
    .await?;
    Ok(wanted)
}

/// How many of `ids` (distinct) exist in the scope's table.
async fn existing(db: &impl ConnectionTrait, scope: Scope, ids: &[i32]) -> AppResult<i64> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(&format!(
        "SELECT COUNT(*) FROM {} WHERE id IN (",
        scope.target_table
    ));
    for (k, &id) in ids.iter().enumerate() {
        if k > 0 {
            sql.push(", ");
        }
        sql.bind(id);
    }
    sql.push(")");
    let row = db.query_one_raw(sql.build()).await?;
    Ok(row
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0))
}
