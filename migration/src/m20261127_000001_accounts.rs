//! Accounts, login sessions, login throttling, vendor profiles and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Login))
                    .col(string(Users::Name))
                    .col(string(Users::Role))
                    .col(string(Users::PasswordHash))
                    .col(boolean(Users::Disabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // The id is the SHA-256 of the cookie's token: a copy of this table opens no session.
        manager
            .create_table(
                Table::create()
                    .table(LoginSessions::Table)
                    .col(string(LoginSessions::Id).primary_key())
                    .col(integer(LoginSessions::UserId))
                    .col(string(LoginSessions::CsrfToken))
                    .col(timestamp_with_time_zone(LoginSessions::CreatedAt))
                    .col(timestamp_with_time_zone(LoginSessions::LastSeenAt))
                    .col(timestamp_with_time_zone(LoginSessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LoginSessions::Table, LoginSessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_sessions_user")
                    .table(LoginSessions::Table)
                    .col(LoginSessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .col(pk_auto(LoginFailures::Id))
                    .col(string(LoginFailures::Login))
                    .col(timestamp_with_time_zone(LoginFailures::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failures_login_at")
                    .table(LoginFailures::Table)
                    .col(LoginFailures::Login)
                    .col(LoginFailures::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Vendors::Table)
                    .col(pk_auto(Vendors::Id))
                    .col(integer_uniq(Vendors::UserId))
                    .col(string(Vendors::Name))
                    .col(string_uniq(Vendors::Phone))
                    .col(string(Vendors::IdNumber))
                    .col(string(Vendors::Category))
                    .col(text_null(Vendors::Products))
                    .col(string_null(Vendors::Uscc))
                    .col(boolean(Vendors::IndividualBusiness).default(false))
                    .col(date_null(Vendors::HealthCertExpires))
                    .col(text(Vendors::PriorityGroups))
                    .col(timestamp_with_time_zone(Vendors::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Vendors::Table, Vendors::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(string(AuditLog::Entity))
                    .col(integer_null(AuditLog::EntityId))
                    .col(string(AuditLog::Action))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_entity")
                    .table(AuditLog::Table)
                    .col(AuditLog::Entity)
                    .col(AuditLog::EntityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            Vendors::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            LoginSessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub(crate) enum Users {
    Table,
    Id,
    Login,
    Name,
    Role,
    PasswordHash,
    Disabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginSessions {
    Table,
    Id,
    UserId,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Login,
    At,
}

#[derive(DeriveIden)]
enum Vendors {
    Table,
    Id,
    UserId,
    Name,
    Phone,
    IdNumber,
    Category,
    Products,
    Uscc,
    IndividualBusiness,
    HealthCertExpires,
    PriorityGroups,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorUserId,
    At,
    Entity,
    EntityId,
    Action,
    Before,
    After,
}
