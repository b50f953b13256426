//! The waitlist a published allocation leaves: for a freed stall-session, the requests that run
//! could not grant come first, in draw order, before other waitlisted applications.

use entity::allocation_runs::RunStatus;
use entity::applications::ApplicationStatus;
use entity::{allocation_runs, allocation_waitlist, applications, market_sessions};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Puts `candidates` (waitlisted applications of the session's market) in offer order: the
/// latest published run's queue for this session first, in its order (adding approved
/// applications queued there), then the rest by id.
pub async fn order_candidates(
    db: &impl ConnectionTrait,
    session: &market_sessions::Model,
    candidates: &mut Vec<applications::Model>,
) -> Result<(), DbErr> {
    let entries = allocation_waitlist::Entity::find()
        .filter(allocation_waitlist::Column::SessionId.eq(session.id))
        .order_by_desc(allocation_waitlist::Column::AllocationId)
        .order_by_asc(allocation_waitlist::Column::Position)
        .all(db)
        .await?;
    if entries.is_empty() {
        return Ok(());
    }
    let published: Vec<i32> = allocation_runs::Entity::find()
        .filter(allocation_runs::Column::Status.eq(RunStatus::Published))
        .filter(allocation_runs::Column::MarketId.eq(session.market_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut rank: HashMap<i32, usize> = HashMap::new();
    for e in entries
        .iter()
        .filter(|e| published.contains(&e.allocation_id))
    {
        let next = rank.len();
        rank.entry(e.application_id).or_insert(next);
    }
    let missing: Vec<i32> = rank
        .keys()
        .filter(|id| !candidates.iter().any(|c| c.id == **id))
        .copied()
        .collect();
    if !missing.is_empty() {
        candidates.extend(
            applications::Entity::find()
                .filter(applications::Column::Id.is_in(missing))
                .filter(applications::Column::Status.eq(ApplicationStatus::Approved))
                .all(db)
                .await?,
        );
    }
    candidates.sort_by_key(|c| (rank.get(&c.id).copied().unwrap_or(usize::MAX), c.id));
    Ok(())
}
