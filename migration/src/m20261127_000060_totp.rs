//! TOTP second factor: each staff account's secret, and the short-lived challenges that bind
//! the login page's second step to a password that was already checked.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserTotp::Table)
                    .col(integer(UserTotp::UserId).primary_key())
                    .col(string(UserTotp::Secret))
                    .col(timestamp_with_time_zone_null(UserTotp::ConfirmedAt))
                    // The last time step accepted: a code of that step or an earlier one is refused.
                    .col(big_integer_null(UserTotp::LastStep))
                    .col(timestamp_with_time_zone(UserTotp::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserTotp::Table, UserTotp::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginChallenges::Table)
                    .col(string(LoginChallenges::Id).primary_key())
                    .col(integer(LoginChallenges::UserId))
                    .col(string(LoginChallenges::NextPath))
                    .col(timestamp_with_time_zone(LoginChallenges::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LoginChallenges::Table, LoginChallenges::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginChallenges::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(UserTotp::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserTotp {
    Table,
    UserId,
    Secret,
    ConfirmedAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginChallenges {
    Table,
    Id,
    UserId,
    NextPath,
    ExpiresAt,
}
