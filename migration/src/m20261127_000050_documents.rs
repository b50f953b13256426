//! Vendors' documents: priority-group proofs and health-certificate images, stored in the
//! database (so every server process sees them and a backup holds them) under a random id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    // A random, unguessable id: it names the stored bytes, never the upload's
                    // own file name.
                    .col(string(Documents::Id).primary_key())
                    .col(integer(Documents::VendorId))
                    .col(string(Documents::Kind))
                    .col(string(Documents::ContentType))
                    .col(string_null(Documents::OriginalName))
                    .col(big_integer(Documents::SizeBytes))
                    .col(string(Documents::Sha256))
                    .col(blob(Documents::Data))
                    .col(integer_null(Documents::UploadedBy))
                    .col(timestamp_with_time_zone(Documents::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::VendorId)
                            .to(Vendors::Table, Vendors::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_documents_vendor")
                    .table(Documents::Table)
                    .col(Documents::VendorId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    VendorId,
    Kind,
    ContentType,
    OriginalName,
    SizeBytes,
    Sha256,
    Data,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum Vendors {
    Table,
    Id,
}
