//! Allocation runs over the database: build the engine's input from a market's sessions,
//! stalls, applications and bookings, run a draft, inspect it, publish it (all bookings in one
//! transaction; unplaced requests join the waitlist in draw order), and show the results to
//! the public (公示). The engine itself is the pure [`crate::allocation`].

mod api;
pub mod input;
pub mod notify;
mod pages;
mod policy_view;
pub mod publish;
pub mod run;
pub mod run_form;

// Handlers stay inside the feature; the app mounts its routes through these.
pub use api::routes as api_routes;
pub use pages::routes as page_routes;

use crate::allocation::Allocation;
use crate::error::{AppError, AppResult};
use crate::identity::CurrentUser;
use crate::markets::{access, queries as mq};
use entity::{allocation_runs, markets};
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, EntityTrait};

/// Namespace of the per-market advisory lock ("nmalloc" and the market id below it).
const LOCK_NAMESPACE: i64 = 0x6e6d_616c_6c00_0000;

/// Serialises runs and publishes of one market across processes. PostgreSQL: an advisory lock
/// held to the end of the transaction; SQLite: the `BEGIN IMMEDIATE` write lock already does.
pub async fn lock_market(db: &impl ConnectionTrait, market_id: i32) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let key = LOCK_NAMESPACE | i64::from(market_id);
        db.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({key})"))
            .await?;
    }
    Ok(())
}

/// The run with this id, 404 when unknown.
pub async fn find_run(db: &impl ConnectionTrait, id: i32) -> AppResult<allocation_runs::Model> {
    allocation_runs::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The run and its market when `user` may read the staff view (managers of the market,
/// bureau, admins); 404 for other managers, 403 for vendors.
pub async fn readable_run(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    id: i32,
) -> AppResult<(allocation_runs::Model, markets::Model)> {
    let run = find_run(db, id).await?;
    let market = mq::find_market(db, run.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !access::can_read(db, user, &market).await? {
        return Err(crate::identity::not_theirs(user));
    }
    Ok((run, market))
}

/// The stored engine result of a run.
pub fn stored_result(run: &allocation_runs::Model) -> AppResult<Allocation> {
    serde_json::from_str(&run.result).map_err(|e| AppError::Internal(e.into()))
}
