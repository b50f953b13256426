//! A notice on its way to a phone: written with the notice, claimed by a worker with a lease,
//! sent through the SMS gateway, retried with backoff.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub notice_id: i32,
    pub user_id: i32,
    /// The mobile number, as stored on the vendor.
    pub phone: String,
    /// The notice's kind (`offer`, `booking_cancelled`, …): picks the gateway's template.
    pub kind: String,
    /// The notice's Fluent message id.
    pub message_id: String,
    /// The notice's arguments (JSON object), sent as the template's parameters.
    #[sea_orm(column_type = "Text")]
    pub args: String,
    pub status: DeliveryStatus,
    /// How many times the gateway was asked.
    pub attempts: i32,
    /// Not to be tried before this.
    pub next_attempt_at: DateTimeUtc,
    /// A worker holds the row until then; after it, another may take it over.
    pub claimed_until: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

crate::string_enum! {
    /// Where an SMS stands.
    pub enum DeliveryStatus {
        /// Waiting for (another) attempt.
        Queued = "queued",
        /// The gateway accepted it.
        Sent = "sent",
        /// Given up after the last attempt, or refused for good.
        Failed = "failed",
        /// No gateway is configured: the message was written to the log only, not sent.
        NotSent = "not_sent",
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
