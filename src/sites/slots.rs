//! The stalls a started session offered, kept before its site's stalls change: the reports
//! count a past night's stall-sessions from what was there that night, not from the stalls
//! active now (see migration `m20261206_001200_session_stall_slots`).

use crate::error::AppResult;
use chrono::Utc;
use entity::market_sessions;
use entity::stalls::{self, StallStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Writes the active stall count of `site_id`, as it stands before the change the caller is
/// about to make in the same transaction, into every session of the site that has started and
/// has no count yet. Called before anything that adds, removes, disables or enables a stall:
/// by induction each started session keeps the count it started with.
pub(crate) async fn keep_started(db: &impl ConnectionTrait, site_id: i32) -> AppResult<()> {
    let started = market_sessions::Entity::find()
        .filter(market_sessions::Column::SiteId.eq(site_id))
        .filter(market_sessions::Column::StallSlots.is_null())
        .filter(market_sessions::Column::StartsAt.lte(Utc::now()))
        .count(db)
        .await?;
    if started == 0 {
        return Ok(());
    }
    let active = stalls::Entity::find()
        .filter(stalls::Column::SiteId.eq(site_id))
        .filter(stalls::Column::Status.eq(StallStatus::Active))
        .count(db)
        .await?;
    market_sessions::Entity::update_many()
        .col_expr(
            market_sessions::Column::StallSlots,
            Expr::value(i32::try_from(active).unwrap_or(i32::MAX)),
        )
        .filter(market_sessions::Column::SiteId.eq(site_id))
        .filter(market_sessions::Column::StallSlots.is_null())
        .filter(market_sessions::Column::StartsAt.lte(Utc::now()))
        .exec(db)
        .await?;
    Ok(())
}
