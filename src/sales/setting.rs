//! A market's setting: whether its vendors must report each night's sales (a reminder the
//! next morning when they do not) or may.

use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::identity::{CurrentUser, Role};
use crate::markets::access;
use sea_orm::{ActiveModelTrait, DatabaseConnection, IntoActiveModel, Set};
use serde_json::json;

/// Sets whether a market's vendors must report their sales (manager of the market, admin;
/// audited).
pub async fn set_reporting(
    db: &DatabaseConnection,
    user: &CurrentUser,
    market_id: i32,
    reporting: entity::sales_reports::SalesReporting,
) -> AppResult<()> {
    let market = crate::markets::queries::find_market(db, market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if user.role == Role::Bureau || user.role == Role::Vendor {
        return Err(AppError::Forbidden);
    }
    access::require_manage(db, user, &market).await?;
    if market.sales_reporting == reporting {
        return Ok(());
    }
    // IMMEDIATE on SQLite, like every write (a deferred one fails at once under contention).
    let txn = crate::db::begin_write(db).await?;
    let before = market.sales_reporting;
    let mut active = market.into_active_model();
    active.sales_reporting = Set(reporting);
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "market",
            entity_id: Some(updated.id),
            action: "sales_reporting",
            before: Some(json!({"sales_reporting": before.as_str()})),
            after: Some(json!({"sales_reporting": reporting.as_str()})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
