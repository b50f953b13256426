//! The gas and power register (issue 18, point 5): a vendor's declared appliance watts and gas
//! cylinders, a site's power circuits with their capacity, and which circuit feeds a stall.
//!
//! The stall's circuit lives in its own table (one row per tied stall) so that the stalls table
//! stays as it is; removing a circuit or a stall removes the tie.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `vendor_equipment`, `gas_cylinders`, `circuits` and `stall_circuits`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum VendorEquipment {
    Table,
    VendorId,
    AppliancesW,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GasCylinders {
    Table,
    Id,
    VendorId,
    Serial,
    InspectedUntil,
}

#[derive(DeriveIden)]
enum Circuits {
    Table,
    Id,
    SiteId,
    Name,
    CapacityW,
}

#[derive(DeriveIden)]
enum StallCircuits {
    Table,
    StallId,
    CircuitId,
}

#[derive(DeriveIden)]
enum Vendors {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Stalls {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VendorEquipment::Table)
                    .col(integer(VendorEquipment::VendorId).primary_key())
                    .col(big_integer(VendorEquipment::AppliancesW).default(0))
                    .col(timestamp_with_time_zone(VendorEquipment::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(VendorEquipment::Table, VendorEquipment::VendorId)
                            .to(Vendors::Table, Vendors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GasCylinders::Table)
                    .col(pk_auto(GasCylinders::Id))
                    .col(integer(GasCylinders::VendorId))
                    .col(string(GasCylinders::Serial))
                    .col(date(GasCylinders::InspectedUntil))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GasCylinders::Table, GasCylinders::VendorId)
                            .to(Vendors::Table, Vendors::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_gas_cylinders_vendor_serial")
                    .table(GasCylinders::Table)
                    .col(GasCylinders::VendorId)
                    .col(GasCylinders::Serial)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Circuits::Table)
                    .col(pk_auto(Circuits::Id))
                    .col(integer(Circuits::SiteId))
                    .col(string(Circuits::Name))
                    .col(big_integer(Circuits::CapacityW))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Circuits::Table, Circuits::SiteId)
                            .to(Sites::Table, Sites::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_circuits_site_name")
                    .table(Circuits::Table)
                    .col(Circuits::SiteId)
                    .col(Circuits::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StallCircuits::Table)
                    .col(integer(StallCircuits::StallId).primary_key())
                    .col(integer(StallCircuits::CircuitId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StallCircuits::Table, StallCircuits::StallId)
                            .to(Stalls::Table, Stalls::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StallCircuits::Table, StallCircuits::CircuitId)
                            .to(Circuits::Table, Circuits::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stall_circuits_circuit")
                    .table(StallCircuits::Table)
                    .col(StallCircuits::CircuitId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StallCircuits::Table.into_iden(),
            Circuits::Table.into_iden(),
            GasCylinders::Table.into_iden(),
            VendorEquipment::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
