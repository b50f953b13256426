//! `cargo run -p migration -- status|up|down|fresh`: the migrations as a command of their own.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
