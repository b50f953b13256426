//! Notices as a Fluent message id plus arguments, worded in the reader's language when read, so
//! a new language needs no schema change. The two text columns stay, nullable, for the rows
//! written before (they are shown as they are).
//!
//! SQLite cannot drop a NOT NULL constraint, so there the table is rebuilt under the same name
//! (nothing references `notices`); PostgreSQL alters it in place.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

/// Adds `notices.message_id` and `notices.args`; makes `text_zh` and `text_en` nullable.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notices {
    Id,
    UserId,
    Kind,
    TextZh,
    TextEn,
    MessageId,
    Args,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum NoticesNew {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

/// The SQLite table as it should be: message columns, and text columns `NOT NULL` or not.
fn sqlite_table(messages: bool) -> TableCreateStatement {
    let text_col = |c: Notices| if messages { text_null(c) } else { text(c) };
    let mut table = Table::create();
    table
        .table(NoticesNew::Table)
        .col(pk_auto(Notices::Id))
        .col(integer(Notices::UserId))
        .col(string(Notices::Kind))
        .col(text_col(Notices::TextZh))
        .col(text_col(Notices::TextEn));
    if messages {
        table
            .col(string_null(Notices::MessageId))
            .col(text_null(Notices::Args));
    }
    table
        .col(timestamp_with_time_zone(Notices::CreatedAt))
        .col(timestamp_with_time_zone_null(Notices::ReadAt))
        .foreign_key(
            ForeignKey::create()
                .from(NoticesNew::Table, Notices::UserId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// Rebuilds the SQLite table as `table`, copying every row (`text_zh` and `text_en` are the
/// SQL expressions that fill the text columns).
async fn rebuild_sqlite(
    manager: &SchemaManager<'_>,
    table: TableCreateStatement,
    text_zh: &str,
    text_en: &str,
) -> Result<(), DbErr> {
    manager.create_table(table).await?;
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "INSERT INTO notices_new (id, user_id, kind, text_zh, text_en, created_at, read_at) \
         SELECT id, user_id, kind, {text_zh}, {text_en}, created_at, read_at FROM notices"
    ))
    .await?;
    db.execute_unprepared("DROP TABLE notices").await?;
    db.execute_unprepared("ALTER TABLE notices_new RENAME TO notices")
        .await?;
    db.execute_unprepared("CREATE INDEX idx_notices_user ON notices (user_id)")
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on one connection on both backends: the rebuild happens whole or not
    /// at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            return rebuild_sqlite(manager, sqlite_table(true), "text_zh", "text_en").await;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE notices ALTER COLUMN text_zh DROP NOT NULL, \
                 ALTER COLUMN text_en DROP NOT NULL, \
                 ADD COLUMN message_id VARCHAR NULL, ADD COLUMN args TEXT NULL",
            )
            .await?;
        Ok(())
    }

    /// Back to two text columns: a notice written as a message keeps an empty text.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            return rebuild_sqlite(
                manager,
                sqlite_table(false),
                "COALESCE(text_zh, '')",
                "COALESCE(text_en, '')",
            )
            .await;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE notices SET text_zh = COALESCE(text_zh, ''), text_en = COALESCE(text_en, '')",
        )
        .await?;
        db.execute_unprepared(
            "ALTER TABLE notices DROP COLUMN message_id, DROP COLUMN args, \
             ALTER COLUMN text_zh SET NOT NULL, ALTER COLUMN text_en SET NOT NULL",
        )
        .await?;
        Ok(())
    }
}
