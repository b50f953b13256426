//! The audit log: every state change writes who, when, what, before → after, in the same
//! transaction as the change. Rows are append-only (database triggers) and hash-chained, so
//! [`verify`] finds any row changed or removed behind the application's back, up to the
//! newest: rows cut off the end show only against an [`anchor`] kept elsewhere.

pub mod anchor;

use chrono::{DateTime, SecondsFormat, Utc};
use entity::audit_log;
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

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

/// Any value that fixes the order of audit writers on PostgreSQL (SQLite writers are
/// serialised by `BEGIN IMMEDIATE` already).
const CHAIN_LOCK: i64 = 0x006e_6d61_7564_6974;

/// The hash of a row given the previous row's hash.
#[expect(
    clippy::too_many_arguments,
    reason = "the hashed fields of one row, in order"
)]
fn row_hash(
    prev: &str,
    actor: Option<i32>,
    at: &DateTime<Utc>,
    entity: &str,
    entity_id: Option<i32>,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &actor.map(|a| a.to_string()).unwrap_or_default(),
        &at.to_rfc3339_opts(SecondsFormat::Micros, true),
        entity,
        &entity_id.map(|a| a.to_string()).unwrap_or_default(),
        action,
        before.unwrap_or(""),
        after.unwrap_or(""),
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What the hash of a stored row must be, chained to `prev`.
fn hash_of(r: &audit_log::Model, prev: &str) -> String {
    row_hash(
        prev,
        r.actor_user_id,
        &r.at,
        &r.entity,
        r.entity_id,
        &r.action,
        r.before.as_deref(),
        r.after.as_deref(),
    )
}

/// Writes the audit row for `change`, chained to the previous row.
pub async fn record(db: &impl ConnectionTrait, change: Change<'_>) -> Result<(), DbErr> {
    record_many(db, vec![change]).await
}

/// Rows per multi-row insert: 9 columns each, well under SQLite's 32,766 and PostgreSQL's
/// 65,535 bound parameters.
const CHUNK: usize = 1000;

/// Writes the audit rows for many `changes` at once, chained in the given order: one chain
/// lock and one read of the last hash, then multi-row inserts. For bulk operations such as
/// publishing an allocation; the rows are the same as [`record`] one by one would write.
pub async fn record_many(db: &impl ConnectionTrait, changes: Vec<Change<'_>>) -> Result<(), DbErr> {
    if changes.is_empty() {
        return Ok(());
    }
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CHAIN_LOCK})"))
            .await?;
    }
    let mut prev: String = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Hash)
        .order_by_desc(audit_log::Column::Id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    let now = Utc::now();
    let at = DateTime::<Utc>::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now);
    let mut rows = Vec::with_capacity(changes.len());
    for change in changes {
        let before = change.before.map(|v| v.to_string());
        let after = change.after.map(|v| v.to_string());
        let hash = row_hash(
            &prev,
            change.actor,
            &at,
            change.entity,
            change.entity_id,
            change.action,
            before.as_deref(),
            after.as_deref(),
        );
        rows.push(audit_log::ActiveModel {
            actor_user_id: Set(change.actor),
            at: Set(at),
            entity: Set(change.entity.to_owned()),
            entity_id: Set(change.entity_id),
            action: Set(change.action.to_owned()),
            before: Set(before),
            after: Set(after),
            prev_hash: Set(std::mem::replace(&mut prev, hash.clone())),
            hash: Set(hash),
            ..Default::default()
        });
    }
    // Ids grow in the order of the VALUES list on both backends, which keeps the chain's order.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        audit_log::Entity::insert_many(rows.by_ref().take(CHUNK).collect::<Vec<_>>())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// How many rows the audit log holds (a verification of none is worth saying).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::{EntityTrait, PaginatorTrait};
    entity::audit_log::Entity::find().count(db).await
}

/// The first row whose chain does not hold, or `None` when the whole log verifies.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Option<i32>, DbErr> {
    Ok(verify_from(db, &Checkpoint::default()).await?.err())
}

/// How far the chain has been verified: the last row that held, and its hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkpoint {
    /// 0 before any row.
    pub id: i32,
    pub hash: String,
}

/// Verifies the rows after `from` (all rows from [`Checkpoint::default`]), and that the row
/// `from` names is still there unchanged: the new checkpoint, or the first row that breaks.
pub async fn verify_from(
    db: &impl ConnectionTrait,
    from: &Checkpoint,
) -> Result<Result<Checkpoint, i32>, DbErr> {
    if from.id > 0 {
        // The row the check stopped at must still hash to what it did, fields and all.
        let still = audit_log::Entity::find_by_id(from.id).one(db).await?;
        let intact =
            still.is_some_and(|r| r.hash == from.hash && hash_of(&r, &r.prev_hash) == from.hash);
        if !intact {
            return Ok(Err(from.id));
        }
    }
    let mut at = from.clone();
    loop {
        let rows = audit_log::Entity::find()
            .filter(sea_orm::ColumnTrait::gt(&audit_log::Column::Id, at.id))
            .order_by_asc(audit_log::Column::Id)
            .limit(1000)
            .all(db)
            .await?;
        if rows.is_empty() {
            return Ok(Ok(at));
        }
        for r in rows {
            if r.prev_hash != at.hash || r.hash != hash_of(&r, &at.hash) {
                return Ok(Err(r.id));
            }
            at = Checkpoint {
                id: r.id,
                hash: r.hash,
            };
        }
    }
}
