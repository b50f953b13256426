//! Inspection photos: the pictures a manager takes with an inspection, stored in the database
//! (every server process sees them, a backup holds them) under the upload rules of documents.
//! They replace the unused `inspections.photos` list, which is dropped.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `inspection_photos` and drops `inspections.photos`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InspectionPhotos::Table)
                    .col(pk_auto(InspectionPhotos::Id))
                    .col(integer(InspectionPhotos::InspectionId))
                    .col(string(InspectionPhotos::ContentType))
                    .col(big_integer(InspectionPhotos::SizeBytes))
                    .col(string(InspectionPhotos::Sha256))
                    .col(blob(InspectionPhotos::Data))
                    .col(integer_null(InspectionPhotos::UploadedBy))
                    .col(timestamp_with_time_zone(InspectionPhotos::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InspectionPhotos::Table, InspectionPhotos::InspectionId)
                            .to(Inspections::Table, Inspections::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inspection_photos_inspection")
                    .table(InspectionPhotos::Table)
                    .col(InspectionPhotos::InspectionId)
                    .to_owned(),
            )
            .await?;
        // The same statement on both backends (SQLite has had DROP COLUMN since 3.35).
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE inspections DROP COLUMN photos")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE inspections ADD COLUMN photos TEXT")
            .await?;
        manager
            .drop_table(Table::drop().table(InspectionPhotos::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum InspectionPhotos {
    Table,
    Id,
    InspectionId,
    ContentType,
    SizeBytes,
    Sha256,
    Data,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Inspections {
    Table,
    Id,
}
