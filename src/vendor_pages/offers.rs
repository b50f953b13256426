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
use entity::offers::OfferStatus;

/// POST /offers/{id}/accept: books the stall, then back to the home page.
pub async fn accept_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    // A second tap (or a slow network's retry) finds the offer accepted: the same answer as the
    // first. An offer that lapsed or was withdrawn meanwhile: home, saying so — not an error page.
    let flash = match actions::accept_offer(&state.db, state.notifier.as_ref(), &auth, id).await {
        Ok(_) => Flash::OfferAccepted,
        Err(e) if e.code() == "offer_closed" || e.code() == "stall_taken" => {
            if actions::offer_status_for(&state.db, &auth, id).await? == Some(OfferStatus::Accepted)
            {
                Flash::OfferAccepted
            } else {
                Flash::OfferClosed
            }
        }
        Err(e) => return Err(e),
    };
    let to = if flash == Flash::OfferAccepted {
        "/#schedule"
    } else {
        "/#offers"
    };
    Ok(see_other_with(to, vec![flash.cookie()]))
}

/// POST /offers/{id}/decline: passes the stall on, then back to the home page.
pub async fn decline_submit(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Response> {
    // Twice: the same answer; an offer closed meanwhile is simply gone.
    let flash = match actions::decline_offer(&state.db, state.notifier.as_ref(), &auth, id).await {
        Ok(()) => Flash::OfferDeclined,
        Err(e) if e.code() == "offer_closed" => {
            if actions::offer_status_for(&state.db, &auth, id).await? == Some(OfferStatus::Accepted)
            {
                Flash::OfferAccepted
            } else {
                Flash::OfferDeclined
            }
        }
        Err(e) => return Err(e),
    };
    Ok(see_other_with("/#offers", vec![flash.cookie()]))
}
