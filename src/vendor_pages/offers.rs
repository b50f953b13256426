//! One-tap answers to waitlist offers from the home page; the logic is the bookings feature's.
//! Each answer comes back to the home page with a one-shot message saying what happened.

use crate::bookings::actions;
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use crate::views::Flash;
use crate::web::see_other_with;
use axum::extract::State;
use axum::response::Response;

/// POST /offers/{id}/accept: books the stall, then back to the home page.
pub async fn accept_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    actions::accept_offer(&state.db, state.notifier.as_ref(), &auth, id).await?;
    Ok(see_other_with(
        "/#schedule",
        vec![Flash::OfferAccepted.cookie()],
    ))
}

/// POST /offers/{id}/decline: passes the stall on, then back to the home page.
pub async fn decline_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    actions::decline_offer(&state.db, state.notifier.as_ref(), &auth, id).await?;
    Ok(see_other_with(
        "/#offers",
        vec![Flash::OfferDeclined.cookie()],
    ))
}
