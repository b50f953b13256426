//! Notices reach phones (issue 18, point 6): every notice to a user with a phone also writes a
//! row here, in the same transaction; a worker claims rows with a lease (`claimed_until`), sends
//! them through the SMS gateway and records the outcome, retrying with backoff.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `sms_outbox`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SmsOutbox {
    Table,
    Id,
    NoticeId,
    UserId,
    Phone,
    Kind,
    MessageId,
    Args,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    SentAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notices {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SmsOutbox::Table)
                    .col(pk_auto(SmsOutbox::Id))
                    .col(integer(SmsOutbox::NoticeId))
                    .col(integer(SmsOutbox::UserId))
                    .col(string(SmsOutbox::Phone))
                    .col(string(SmsOutbox::Kind))
                    .col(string(SmsOutbox::MessageId))
                    .col(text(SmsOutbox::Args))
                    .col(string(SmsOutbox::Status))
                    .col(integer(SmsOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(SmsOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone(SmsOutbox::ClaimedUntil))
                    .col(text_null(SmsOutbox::LastError))
                    .col(timestamp_with_time_zone_null(SmsOutbox::SentAt))
                    .col(timestamp_with_time_zone(SmsOutbox::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SmsOutbox::Table, SmsOutbox::NoticeId)
                            .to(Notices::Table, Notices::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_sms_outbox_notice")
                    .table(SmsOutbox::Table)
                    .col(SmsOutbox::NoticeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sms_outbox_due")
                    .table(SmsOutbox::Table)
                    .col(SmsOutbox::Status)
                    .col(SmsOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SmsOutbox::Table).to_owned())
            .await
    }
}
