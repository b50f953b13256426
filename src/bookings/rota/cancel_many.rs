//! Cancelling many sessions at once (a closure, a season ended early): the bulk form of
//! [`crate::bookings::cancel_session::cancel_session`]. The same rows are written — sessions
//! cancelled with the reason, bookings moved to the history as `session_cancelled` with one
//! audit row each, pending offers expired — but with multi-row statements, and one notice per
//! vendor rather than one per booking.

use crate::audit::{self, Change};
use crate::bookings::place;
use crate::error::AppResult;
use crate::i18n::Msg;
use crate::markets::impact;
use crate::notices::{self, Outgoing};
use chrono::Utc;
use entity::booking_history::CancelReason;
use entity::market_sessions::SessionStatus;
use entity::{booking_history, bookings, market_sessions};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// What a bulk cancellation did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cancelled {
    /// Sessions cancelled.
    pub sessions: u64,
    /// Bookings cancelled.
    pub bookings: u64,
    /// Vendors told (one notice each).
    pub vendors: u64,
}

/// Cancels `sessions` (scheduled ones; the caller has checked rights and dates) with `reason`;
/// each booked vendor gets one notice built by `notice(bookings_of_theirs)`. Returns the counts
/// and the notices to deliver after the commit.
pub async fn cancel_sessions(
    db: &impl ConnectionTrait,
    actor: i32,
    sessions: &[market_sessions::Model],
    reason: &str,
    by_row: Option<i32>,
    notice: impl Fn(u64) -> Msg,
) -> AppResult<(Cancelled, Vec<Outgoing>)> {
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    if ids.is_empty() {
        return Ok((Cancelled::default(), Vec::new()));
    }
    // A booking being placed in one of them holds it share-locked: wait for it to commit, so
    // it is read below and cancelled with the rest; one placed after waits for this commit and
    // finds its session cancelled.
    crate::db::lock_rows(db, "market_sessions", &ids, crate::db::RowLock::Update).await?;
    let (booked, users) = impact::booked(db, &ids).await?;
    let now = Utc::now();
    for chunk in booked.chunks(1000) {
        booking_history::Entity::insert_many(chunk.iter().map(|b| booking_history::ActiveModel {
            booking_id: Set(b.id),
            session_id: Set(b.session_id),
            stall_id: Set(b.stall_id),
            vendor_id: Set(b.vendor_id),
            application_id: Set(b.application_id),
            checked_in_at: Set(b.checked_in_at),
            booked_at: Set(b.created_at),
            reason: Set(CancelReason::SessionCancelled),
            cancelled_by: Set(Some(actor)),
            cancelled_at: Set(now),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
    }
    for chunk in ids.chunks(1000) {
        // Every booking of these sessions goes, so their digests end empty: dropping the
        // digest rows first turns the digest trigger's per-booking text rewrite (10,000 row
        // versions for a 200-session closure on PostgreSQL) into a lookup that finds nothing.
        // A session without a digest row reads as one without bookings.
        let digests = Query::delete()
            .from_table(Alias::new("session_digests"))
            .and_where(Expr::col(Alias::new("session_id")).is_in(chunk.to_vec()))
            .to_owned();
        db.execute_raw(db.get_database_backend().build(&digests))
            .await?;
        bookings::Entity::delete_many()
            .filter(bookings::Column::SessionId.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
        market_sessions::Entity::update_many()
            .col_expr(
                market_sessions::Column::Status,
                Expr::value(SessionStatus::Cancelled),
            )
            .col_expr(
                market_sessions::Column::CancelReason,
                Expr::value(reason.to_owned()),
            )
            .filter(market_sessions::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    let voided =
        crate::bookings::offers_void::void_offers_of_cancelled(db, sessions, reason, actor).await?;
    let mut changes: Vec<Change<'_>> = sessions
        .iter()
        .map(|s| Change {
            actor: Some(actor),
            entity: "session",
            entity_id: Some(s.id),
            action: "cancel",
            before: Some(json!({ "status": s.status })),
            after: Some({
                let mut after = json!({ "status": SessionStatus::Cancelled, "reason": reason,
                "bookings_cancelled": booked.iter().filter(|b| b.session_id == s.id).count() });
                // A row's end is told apart from other cancellations: extending the row
                // again brings back its nights, and only those.
                if let Some(row) = by_row {
                    after["by_row"] = json!(row);
                }
                after
            }),
        })
        .collect();
    changes.extend(booked.iter().map(|b| Change {
        actor: Some(actor),
        entity: "booking",
        entity_id: Some(b.id),
        action: "cancel",
        before: Some(place::snapshot(b)),
        after: Some(json!({ "status": "cancelled", "reason": CancelReason::SessionCancelled })),
    }));
    audit::record_many(db, changes).await?;
    let messages = users
        .iter()
        .map(|(user_id, n)| Outgoing {
            user_id: *user_id,
            // Its own kind: several nights at once, worded with other parameters than one
            // session's cancellation, so an SMS gateway needs a template of its own.
            kind: "sessions_cancelled",
            text: notice(*n),
        })
        .collect();
    let mut out = notices::write_many(db, messages).await?;
    out.extend(voided);
    Ok((
        Cancelled {
            sessions: ids.len() as u64,
            bookings: booked.len() as u64,
            vendors: users.len() as u64,
        },
        out,
    ))
}
