//! The SMS outbox: one row per notice to a user with a phone, written in the same transaction
//! as the notice (so a notice is never lost between the two), then claimed, sent and marked by
//! the worker ([`super::worker`]).
//!
//! Claiming is a conditional update — `UPDATE … SET claimed_until = <lease> WHERE id = ? AND
//! status = 'queued' AND claimed_until < now` — that only one process can win for a row, on
//! SQLite and PostgreSQL alike; the outcome is written only by the holder of that lease.

use chrono::{DateTime, Duration, Utc};
use entity::sms_outbox::{self, DeliveryStatus};
use entity::vendors;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// A notice just written, to queue for the phone.
#[derive(Debug, Clone)]
pub struct Queued<'a> {
    /// The notice's row.
    pub notice_id: i32,
    /// Its recipient.
    pub user_id: i32,
    /// Its kind.
    pub kind: &'a str,
    /// Its Fluent message id.
    pub message_id: &'a str,
    /// Its arguments (JSON object).
    pub args: String,
}

/// Queues the notices of recipients who are vendors with a phone (staff get theirs in the app
/// only). Runs on the caller's connection: inside the notice's transaction.
pub async fn enqueue(db: &impl ConnectionTrait, notices: &[Queued<'_>]) -> Result<(), DbErr> {
    if notices.is_empty() {
        return Ok(());
    }
    let mut users: Vec<i32> = notices.iter().map(|n| n.user_id).collect();
    users.sort_unstable();
    users.dedup();
    let mut phones: HashMap<i32, String> = HashMap::new();
    for chunk in users.chunks(1000) {
        let rows: Vec<(i32, String)> = vendors::Entity::find()
            .select_only()
            .column(vendors::Column::UserId)
            .column(vendors::Column::Phone)
            .filter(vendors::Column::UserId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        phones.extend(rows);
    }
    let now = Utc::now();
    let rows: Vec<sms_outbox::ActiveModel> = notices
        .iter()
        .filter_map(|n| {
            let phone = phones.get(&n.user_id)?.trim();
            (!phone.is_empty()).then(|| sms_outbox::ActiveModel {
                notice_id: Set(n.notice_id),
                user_id: Set(n.user_id),
                phone: Set(phone.to_owned()),
                kind: Set(n.kind.to_owned()),
                message_id: Set(n.message_id.to_owned()),
                args: Set(n.args.clone()),
                status: Set(DeliveryStatus::Queued),
                attempts: Set(0),
                next_attempt_at: Set(now),
                claimed_until: Set(now - Duration::seconds(1)),
                last_error: Set(None),
                sent_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            })
        })
        .collect();
    // 14 columns a row: 1,000 rows stay under either backend's limit on bound parameters.
    for chunk in rows.chunks(1000) {
        sms_outbox::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Where a notice's SMS stands, as the inbox shows it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct Delivery {
    /// `queued`, `sent` or `failed`.
    pub status: String,
    /// Times the gateway was asked.
    pub attempts: i32,
    /// When the gateway accepted it (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
}

/// The SMS of each of these notices that has one.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    notice_ids: &[i32],
) -> Result<HashMap<i32, (DeliveryStatus, Delivery)>, DbErr> {
    if notice_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(sms_outbox::Entity::find()
        .filter(sms_outbox::Column::NoticeId.is_in(notice_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.notice_id,
                (
                    r.status,
                    Delivery {
                        status: r.status.to_string(),
                        attempts: r.attempts,
                        sent_at: r.sent_at.map(|t| t.to_rfc3339()),
                    },
                ),
            )
        })
        .collect())
}

/// The ids of messages due now and not held by anyone, oldest first.
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<i32>, DbErr> {
    sms_outbox::Entity::find()
        .select_only()
        .column(sms_outbox::Column::Id)
        .filter(sms_outbox::Column::Status.eq(DeliveryStatus::Queued))
        .filter(sms_outbox::Column::NextAttemptAt.lte(now))
        .filter(sms_outbox::Column::ClaimedUntil.lt(now))
        .order_by_asc(sms_outbox::Column::NextAttemptAt)
        .order_by_asc(sms_outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// Claims message `id` until `lease` if nobody holds it; the row when this call won it.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
    lease: DateTime<Utc>,
) -> Result<Option<sms_outbox::Model>, DbErr> {
    let won = sms_outbox::Entity::update_many()
        .col_expr(sms_outbox::Column::ClaimedUntil, lease.into())
        .filter(sms_outbox::Column::Id.eq(id))
        .filter(sms_outbox::Column::Status.eq(DeliveryStatus::Queued))
        .filter(sms_outbox::Column::ClaimedUntil.lt(now))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if !won {
        return Ok(None);
    }
    sms_outbox::Entity::find_by_id(id).one(db).await
}

/// What became of one attempt.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The gateway accepted it.
    Sent,
    /// Only logged: no gateway is configured.
    NotSent,
    /// Try again at this time (the error kept for the record).
    Retry(DateTime<Utc>, String),
    /// Give up (the error kept for the record).
    Failed(String),
}

/// Records the outcome of an attempt by the holder of `lease`, and releases the row; false
/// when the lease was lost (another worker took the row over), in which case nothing changes.
pub async fn finish(
    db: &impl ConnectionTrait,
    row: &sms_outbox::Model,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let attempts = row.attempts + 1;
    let mut update = sms_outbox::Entity::update_many()
        .col_expr(sms_outbox::Column::Attempts, attempts.into())
        .col_expr(sms_outbox::Column::ClaimedUntil, now.into());
    update = match outcome {
        Outcome::Sent => update
            .col_expr(
                sms_outbox::Column::Status,
                DeliveryStatus::Sent.as_str().into(),
            )
            .col_expr(sms_outbox::Column::SentAt, Some(now).into())
            .col_expr(sms_outbox::Column::LastError, Option::<String>::None.into()),
        Outcome::NotSent => update
            .col_expr(
                sms_outbox::Column::Status,
                DeliveryStatus::NotSent.as_str().into(),
            )
            .col_expr(
                sms_outbox::Column::LastError,
                Some("no SMS gateway configured".to_owned()).into(),
            ),
        Outcome::Retry(at, error) => update
            .col_expr(sms_outbox::Column::NextAttemptAt, at.into())
            .col_expr(sms_outbox::Column::LastError, Some(error).into()),
        Outcome::Failed(error) => update
            .col_expr(
                sms_outbox::Column::Status,
                DeliveryStatus::Failed.as_str().into(),
            )
            .col_expr(sms_outbox::Column::LastError, Some(error).into()),
    };
    Ok(update
        .filter(sms_outbox::Column::Id.eq(row.id))
        .filter(sms_outbox::Column::ClaimedUntil.eq(row.claimed_until))
        .filter(sms_outbox::Column::Status.eq(DeliveryStatus::Queued))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// A notice's SMS status in words (nothing for a notice without an SMS).
pub fn badge(lang: crate::i18n::Lang, status: Option<DeliveryStatus>) -> maud::Markup {
    use crate::i18n::texts::power as t;
    let Some(status) = status else {
        return maud::html! {};
    };
    let (icon, text) = match status {
        DeliveryStatus::Queued => ("…", t::DELIVERY_QUEUED),
        DeliveryStatus::Sent => ("✓", t::DELIVERY_SENT),
        DeliveryStatus::Failed => ("✗", t::DELIVERY_FAILED),
        DeliveryStatus::NotSent => ("–", t::DELIVERY_NOT_SENT),
    };
    maud::html! {
        p.sms-status data-sms=(status.as_str()) { span aria-hidden="true" { (icon) " " } (text.get(lang)) }
    }
}
