//! The stalls a session offered, kept once it has started: reports counted every session's
//! stall-sessions from the stalls active *now*, so disabling a stall today lowered every past
//! night's figure and raised its occupancy rate. The count is written (from the stalls then
//! active) just before the first change to its site's stalls after the session starts; until
//! then it is null and the stalls active now are the right count.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `market_sessions.stall_slots`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MarketSessions::Table)
                    .add_column(integer_null(MarketSessions::StallSlots))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MarketSessions::Table)
                    .drop_column(MarketSessions::StallSlots)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum MarketSessions {
    Table,
    StallSlots,
}
