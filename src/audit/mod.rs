//! The audit log: every state change writes who, when, what, before → after.

use chrono::Utc;
use entity::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use serde_json::Value;

/// One change to record; call inside the transaction that makes the change.
#[derive(Debug)]
pub struct Change<'a> {
    /// The user who did it (`None` for the system: seeding, expiry).
    pub actor: Option<i32>,
    /// The kind of thing changed: `user`, `site`, `booking`, …
    pub entity: &'a str,
    /// Its id.
    pub entity_id: Option<i32>,
    /// What happened: `create`, `update`, `login`, …
    pub action: &'a str,
    /// The state before, if any.
    pub before: Option<Value>,
    /// The state after, if any.
    pub after: Option<Value>,
}

/// Writes the audit row for `change`.
pub async fn record(db: &impl ConnectionTrait, change: Change<'_>) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        actor_user_id: Set(change.actor),
        at: Set(Utc::now()),
        entity: Set(change.entity.to_owned()),
        entity_id: Set(change.entity_id),
        action: Set(change.action.to_owned()),
        before: Set(change.before.map(|v| v.to_string())),
        after: Set(change.after.map(|v| v.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
