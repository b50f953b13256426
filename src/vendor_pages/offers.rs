//! One-tap answers to waitlist offers from the home page; the logic is the bookings feature's.
//! Each answer comes back to the home page with a one-shot message saying what happened.

use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::identity::{Auth, Role};
use crate::notices;
use crate::state::AppState;
use crate::views::Flash;
use crate::web::see_other_with;
use axum::extract::{Path, State};
use axum::response::Response;

/// POST /offers/{id}/accept: books the stall, then back to the home page.
pub async fn accept_submit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    if auth.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(&state.db).await?;
    let out = crate::bookings::offers::expire_due(&txn).await?;
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    let txn = begin_write(&state.db).await?;
    crate::bookings::offers::accept(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(see_other_with(
        "/#schedule",
        vec![Flash::OfferAccepted.cookie()],
    ))
}

/// POST /offers/{id}/decline: passes the stall on, then back to the home page.
pub async fn decline_submit(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    if auth.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(&state.db).await?;
    let mut out = crate::bookings::offers::expire_due(&txn).await?;
    out.extend(crate::bookings::offers::decline(&txn, &auth, id).await?);
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    Ok(see_other_with(
        "/#offers",
        vec![Flash::OfferDeclined.cookie()],
    ))
}
