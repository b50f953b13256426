//! Allocation runs (分配批次/摇号): seed, policy, the input they read, its hash and the result,
//! draft until published; and the waitlist a publish leaves behind, in draw order.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AllocationRuns::Table)
                    .col(pk_auto(AllocationRuns::Id))
                    .col(integer(AllocationRuns::MarketId))
                    .col(date(AllocationRuns::DateFrom))
                    .col(date(AllocationRuns::DateTo))
                    .col(string(AllocationRuns::Seed))
                    .col(text(AllocationRuns::Policy))
                    .col(text(AllocationRuns::Input))
                    .col(string(AllocationRuns::InputHash))
                    .col(string(AllocationRuns::Status).default("draft"))
                    .col(text(AllocationRuns::Result))
                    .col(integer(AllocationRuns::Placed))
                    .col(integer(AllocationRuns::Unplaced))
                    .col(integer_null(AllocationRuns::CreatedBy))
                    .col(timestamp_with_time_zone(AllocationRuns::CreatedAt))
                    .col(integer_null(AllocationRuns::PublishedBy))
                    .col(timestamp_with_time_zone_null(AllocationRuns::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AllocationRuns::Table, AllocationRuns::MarketId)
                            .to(Markets::Table, Markets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_allocation_runs_market")
                    .table(AllocationRuns::Table)
                    .col(AllocationRuns::MarketId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AllocationWaitlist::Table)
                    .col(pk_auto(AllocationWaitlist::Id))
                    .col(integer(AllocationWaitlist::AllocationId))
                    .col(integer(AllocationWaitlist::Position))
                    .col(integer(AllocationWaitlist::ApplicationId))
                    .col(integer(AllocationWaitlist::SessionId))
                    .col(string(AllocationWaitlist::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AllocationWaitlist::Table, AllocationWaitlist::AllocationId)
                            .to(AllocationRuns::Table, AllocationRuns::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_allocation_waitlist_position")
                    .table(AllocationWaitlist::Table)
                    .col(AllocationWaitlist::AllocationId)
                    .col(AllocationWaitlist::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_allocation_waitlist_session")
                    .table(AllocationWaitlist::Table)
                    .col(AllocationWaitlist::SessionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AllocationWaitlist::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AllocationRuns::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Markets {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AllocationRuns {
    Table,
    Id,
    MarketId,
    DateFrom,
    DateTo,
    Seed,
    Policy,
    Input,
    InputHash,
    Status,
    Result,
    Placed,
    Unplaced,
    CreatedBy,
    CreatedAt,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum AllocationWaitlist {
    Table,
    Id,
    AllocationId,
    Position,
    ApplicationId,
    SessionId,
    Reason,
}
