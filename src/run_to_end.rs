//! A request once started runs to its end, whether or not anyone still waits for the answer.
//!
//! A phone on one bar gives up (its own time-out, a second tap, a lost signal) and drops the
//! connection; hyper then drops the handler's future wherever it stands. A write cut off
//! between two statements leaves a transaction to roll back, and a connection cut off while
//! it was opening one could go back to the pool still inside it (sqlx #4393: every later
//! query on that connection failed, logins answered 500 until a restart, after a rush on
//! PostgreSQL). Run in a task of its own, the handler finishes: the vendor who resends finds
//! what the first try did.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

/// Runs the rest of the stack in its own task and waits for it; the task outlives the wait.
pub async fn layer(req: Request, next: Next) -> Response {
    match tokio::spawn(next.run(req).in_current_span()).await {
        Ok(response) => response,
        // The panic goes on to the layer that turns panics into 500s.
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // The runtime is shutting down.
        Err(_) => crate::error::AppError::Unavailable.into_response(),
    }
}
