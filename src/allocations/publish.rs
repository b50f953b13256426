//! Publishing a draft: the input is read again and must hash as it did (409 `allocation_stale`
//! otherwise), then every booking is inserted in one write transaction — the database's unique
//! constraints still decide, and one refusal rolls everything back, as does a power circuit
//! taken past its capacity (409 `circuit_overloaded`) — and the unplaced requests join the
//! waitlist in draw order. Audited.

use super::{find_run, input, lock_market, notify, stored_result};
use crate::allocation::{self, Policy};
use crate::audit::{self, Change};
use crate::bookings::place::{map_booking_error, snapshot};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::allocation_texts as t;
use crate::identity::CurrentUser;
use crate::markets::{access, queries as mq};
use crate::notices::Outgoing;
use chrono::Utc;
use entity::allocation_runs::RunStatus;
use entity::applications::ApplicationStatus;
use entity::bookings::BookingStatus;
use entity::{allocation_runs, allocation_waitlist, applications, bookings};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use serde_json::json;
use std::collections::HashMap;

/// What a publish did.
#[derive(Debug, Clone)]
pub struct Published {
    /// Bookings inserted.
    pub bookings: usize,
    /// Requests put on the waitlist.
    pub waitlisted: usize,
    /// One notice per vendor, already in their inbox; to hand to the notifier after the commit.
    pub notices: Vec<Outgoing>,
}

/// Rows per multi-row insert: a booking has 8 bound columns, so 1,000 rows stay far below
/// SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const CHUNK: usize = 1000;

/// Inserts the bookings with multi-row inserts and returns them with their ids, in order. A
/// refused row (stall or vendor taken meanwhile) fails its statement, and the caller's
/// transaction with it: the same 409 as one by one.
async fn insert_bookings(
    txn: &DatabaseTransaction,
    rows: Vec<bookings::ActiveModel>,
) -> AppResult<Vec<bookings::Model>> {
    let mut out = Vec::with_capacity(rows.len());
    let returning = txn.support_returning();
    // Without RETURNING (SQLite here), read the rows back: the write transaction is
    // `BEGIN IMMEDIATE`, so every booking above the highest id before it is one of ours.
    let before: Option<i32> = if returning {
        None
    } else {
        bookings::Entity::find()
            .select_only()
            .column_as(bookings::Column::Id.max(), "max")
            .into_tuple::<Option<i32>>()
            .one(txn)
            .await?
            .flatten()
    };
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(CHUNK).collect();
        let insert = bookings::Entity::insert_many(chunk);
        if returning {
            out.extend(
                insert
                    .exec_with_returning(txn)
                    .await
                    .map_err(map_booking_error)?,
            );
        } else {
            insert
                .exec_without_returning(txn)
                .await
                .map_err(map_booking_error)?;
        }
    }
    if !returning {
        out = bookings::Entity::find()
            .filter(bookings::Column::Id.gt(before.unwrap_or(0)))
            .order_by_asc(bookings::Column::Id)
            .all(txn)
            .await?;
    }
    Ok(out)
}

/// Publishes run `id`.
pub async fn publish(db: &DatabaseConnection, user: &CurrentUser, id: i32) -> AppResult<Published> {
    let txn = begin_write(db).await?;
    let run = find_run(&txn, id).await?;
    let market = mq::find_market(&txn, run.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_manage(&txn, user, &market).await?;
    lock_market(&txn, market.id).await?;
    // Read again under the lock: another process may have published it meanwhile.
    let run = find_run(&txn, id).await?;
    if run.status != RunStatus::Draft {
        return Err(AppError::conflict(
            "already_published",
            t::ALREADY_PUBLISHED,
        ));
    }
    let policy: Policy =
        serde_json::from_str(&run.policy).map_err(|e| AppError::Internal(e.into()))?;
    let current = input::build(&txn, market.id, run.date_from, run.date_to).await?;
    let hash = allocation::draw::input_hash(&current, &policy, &run.seed)
        .map_err(|e| AppError::Internal(e.into()))?;
    if hash != run.input_hash {
        return Err(AppError::conflict("allocation_stale", t::STALE));
    }
    let result = stored_result(&run)?;
    let now = Utc::now();
    let rows = result
        .bookings
        .iter()
        .map(|p| {
            Ok(bookings::ActiveModel {
                session_id: Set(to_i32(p.session_id)?),
                stall_id: Set(to_i32(p.stall_id)?),
                vendor_id: Set(to_i32(p.vendor_id)?),
                application_id: Set(Some(to_i32(p.application_id)?)),
                status: Set(BookingStatus::Booked),
                checked_in_at: Set(None),
                created_by: Set(Some(user.id)),
                created_at: Set(now),
                ..Default::default()
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let inserted = insert_bookings(&txn, rows).await?;
    crate::bookings::power::check_market_circuits(&txn, market.id, run.date_from, run.date_to)
        .await?;
    audit::record_many(
        &txn,
        inserted
            .iter()
            .map(|booking| {
                let mut after = snapshot(booking);
                after["allocation_id"] = json!(run.id);
                Change {
                    actor: Some(user.id),
                    entity: "booking",
                    entity_id: Some(booking.id),
                    action: "create",
                    before: None,
                    after: Some(after),
                }
            })
            .collect(),
    )
    .await?;
    let waitlisted = join_waitlist(&txn, user, &run, &result).await?;
    let notices = notify::write_notices(&txn, &market, &run, &result).await?;
    let placed = result.bookings.len();
    let mut active = run.clone().into_active_model();
    active.status = Set(RunStatus::Published);
    active.published_by = Set(Some(user.id));
    active.published_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: Some(user.id),
            entity: "allocation",
            entity_id: Some(run.id),
            action: "publish",
            before: Some(json!({ "status": RunStatus::Draft })),
            after: Some(json!({
                "status": RunStatus::Published, "bookings": placed, "waitlisted": waitlisted,
                "input_hash": run.input_hash,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        allocation.id = id,
        allocation.placed = placed,
        "allocation published"
    );
    Ok(Published {
        bookings: placed,
        waitlisted,
        notices,
    })
}

fn to_i32(v: i64) -> AppResult<i32> {
    i32::try_from(v).map_err(|e| AppError::Internal(e.into()))
}

/// Queues the unplaced requests in draw order (then session date); an application that won
/// nothing and lies wholly inside the run becomes `waitlisted`, so freed stalls are offered to
/// it by the bookings feature. Returns how many requests were queued.
async fn join_waitlist(
    txn: &sea_orm::DatabaseTransaction,
    user: &CurrentUser,
    run: &allocation_runs::Model,
    result: &allocation::Allocation,
) -> AppResult<usize> {
    let queued: Vec<_> = result
        .unplaced
        .iter()
        .filter(|u| u.reason.queues())
        .collect();
    let rows = queued
        .iter()
        .enumerate()
        .map(|(i, u)| {
            Ok(allocation_waitlist::ActiveModel {
                allocation_id: Set(run.id),
                position: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                application_id: Set(to_i32(u.application_id)?),
                session_id: Set(to_i32(u.session_id)?),
                reason: Set(u.reason.as_str().to_owned()),
                ..Default::default()
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    for chunk in rows.chunks(CHUNK) {
        allocation_waitlist::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    let won_nothing: Vec<i32> = result
        .explanations
        .iter()
        .filter(|e| e.sessions_won == 0 && e.sessions_requested > 0)
        .filter_map(|e| i32::try_from(e.application_id).ok())
        .collect();
    let mut apps: HashMap<i32, applications::Model> = HashMap::new();
    for chunk in won_nothing.chunks(CHUNK) {
        apps.extend(
            applications::Entity::find()
                .filter(applications::Column::Id.is_in(chunk.iter().copied()))
                .all(txn)
                .await?
                .into_iter()
                .map(|a| (a.id, a)),
        );
    }
    // In draw order, so the audit log reads like the queue.
    let waiting: Vec<i32> = result
        .draw_order
        .iter()
        .filter_map(|id| i32::try_from(*id).ok().and_then(|i| apps.get(&i)))
        .filter(|app| {
            app.status == ApplicationStatus::Approved
                && app.date_from >= run.date_from
                && app.date_to <= run.date_to
        })
        .map(|app| app.id)
        .collect();
    for chunk in waiting.chunks(CHUNK) {
        applications::Entity::update_many()
            .col_expr(
                applications::Column::Status,
                Expr::value(ApplicationStatus::Waitlisted),
            )
            .filter(applications::Column::Id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    audit::record_many(
        txn,
        waiting
            .iter()
            .map(|&id| Change {
                actor: Some(user.id),
                entity: "application",
                entity_id: Some(id),
                action: "waitlist",
                before: Some(json!({ "status": ApplicationStatus::Approved })),
                after: Some(
                    json!({ "status": ApplicationStatus::Waitlisted, "allocation_id": run.id }),
                ),
            })
            .collect(),
    )
    .await?;
    Ok(queued.len())
}
