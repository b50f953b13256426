//! Locked stalls: a stall drawn or fixed by hand keeps its id, code and polygon when the site
//! is laid out again; the layout fills the rest around it.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `stalls.locked` (false for every existing stall).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Stalls::Table)
                    .add_column(boolean(Stalls::Locked).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Stalls::Table)
                    .drop_column(Stalls::Locked)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Stalls {
    Table,
    Locked,
}
