//! `POST /api/v1/bookings`, `GET /api/v1/sessions/{id}/bookings`, `DELETE /api/v1/bookings/{id}`,
//! `POST /api/v1/bookings/{id}/check-in`, and the waitlist offers.

use super::place_booking::{self, Skipped};
use super::{actions, queries};
use crate::api::{ApiJson, List};
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::identity::{Auth, Role};
use crate::markets::{access, queries as mq};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The booking routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_booking))
        .routes(routes!(session_bookings))
        .routes(routes!(delete_booking))
        .routes(routes!(check_in))
        .routes(routes!(move_booking))
        .routes(routes!(list_offers))
        .routes(routes!(accept_offer))
        .routes(routes!(decline_offer))
        .merge(super::candidates_api::routes())
}

/// A booking to place.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewBooking {
    /// The session.
    pub session_id: i32,
    /// The stall (on the session's site).
    pub stall_id: i32,
    /// The vendor (a vendor may name only themselves).
    pub vendor_id: i32,
    /// Also book the same stall in the later sessions of this market, site and segment up to
    /// this date (`YYYY-MM-DD`), wherever free (managers and admins).
    #[serde(default)]
    pub until: Option<String>,
}

/// The placed booking (and, for a range, the others placed and the sessions skipped).
#[derive(Debug, Serialize, ToSchema)]
pub struct Placed {
    /// The booking in the named session.
    pub id: i32,
    /// Bookings placed in later sessions of the range.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub range_ids: Vec<i32>,
    /// Later sessions of the range that were not free.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

/// Place a booking. 409 `stall_taken` / `vendor_already_booked` as the database decides;
/// 422 `session_past` once the session has ended (vendors: `session_started` once it opens);
/// 422 `segment_not_applied` when the vendor's approved application names other segments.
#[utoipa::path(post, path = "/api/v1/bookings", tag = "bookings", request_body = NewBooking,
    responses((status = 201, description = "The booking", body = Placed), (status = 401),
        (status = 403), (status = 404),
        (status = 409, description = "`stall_taken` or `vendor_already_booked`: the database refused it"),
        (status = 422)))]
async fn create_booking(
    State(state): State<AppState>,
    auth: Auth,
    taken_over: Option<axum::Extension<crate::idempotency::TakenOver>>,
    ApiJson(body): ApiJson<NewBooking>,
) -> AppResult<(StatusCode, Json<Placed>)> {
    let new = place_booking::NewBooking {
        session_id: body.session_id,
        session_in_url: false,
        stall_id: body.stall_id,
        vendor_id: body.vendor_id,
        until: body.until.clone(),
    };
    let placed = match place_booking::place_booking(&state.db, &auth, new)
        .await
        .map_err(AppError::from)
    {
        Ok(placed) => placed,
        // The retry of a request whose server died after its booking committed: the booking
        // it finds in the way is its own, and the answer is the one the first run would give.
        Err(e) if taken_over.is_some() && e.status() == StatusCode::CONFLICT => {
            match own_earlier(&state.db, &auth, &body).await? {
                Some(found) => return Ok((StatusCode::CREATED, Json(found))),
                None => return Err(e),
            }
        }
        Err(e) => return Err(e),
    };
    crate::notices::deliver_all(state.notifier.as_ref(), &placed.notices);
    Ok((
        StatusCode::CREATED,
        Json(Placed {
            id: placed.id,
            range_ids: placed.range_ids,
            skipped: placed.skipped,
        }),
    ))
}

/// What a first run of this booking request placed before its server died: the booking of
/// the same session, stall and vendor by the same user in the last minutes, and the range's
/// bookings placed with it (the sessions it skipped are not known any more).
async fn own_earlier(
    db: &sea_orm::DatabaseConnection,
    auth: &crate::identity::CurrentUser,
    body: &NewBooking,
) -> AppResult<Option<Placed>> {
    use entity::bookings;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mine = || {
        bookings::Entity::find()
            .filter(bookings::Column::StallId.eq(body.stall_id))
            .filter(bookings::Column::VendorId.eq(body.vendor_id))
            .filter(bookings::Column::CreatedBy.eq(auth.id))
    };
    let Some(first) = mine()
        .filter(bookings::Column::SessionId.eq(body.session_id))
        .filter(bookings::Column::CreatedAt.gt(chrono::Utc::now() - chrono::Duration::minutes(10)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let range_ids = if body.until.is_some() {
        mine()
            .filter(bookings::Column::Id.ne(first.id))
            .filter(bookings::Column::CreatedAt.gte(first.created_at))
            .filter(
                bookings::Column::CreatedAt.lte(first.created_at + chrono::Duration::seconds(60)),
            )
            .order_by_asc(bookings::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|b| b.id)
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(Placed {
        id: first.id,
        range_ids,
        skipped: Vec::new(),
    }))
}

/// A session's bookings: managers of the market, the bureau and admins see all; a vendor sees
/// only their own.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/bookings", tag = "bookings",
    params(("id" = i32, Path, description = "Session id"), Paging),
    responses((status = 200, description = "The session's bookings the caller may see", body = List<queries::BookingItem>),
        (status = 401), (status = 403), (status = 404)))]
async fn session_bookings(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    page: Paging,
) -> AppResult<Json<List<queries::BookingItem>>> {
    let session = mq::find_session(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let market = mq::find_market(&state.db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let only_vendor = match auth.role {
        Role::Vendor => Some(auth.vendor_id.unwrap_or(-1)),
        _ if access::can_read(&state.db, &auth, &market).await? => None,
        _ => return Err(crate::identity::not_theirs(&auth)),
    };
    let items = queries::session_bookings(&state.db, &session, only_vendor).await?;
    Ok(Json(page.slice(items)))
}

/// Cancel a booking: managers and admins, or the owning vendor before the session starts.
/// The freed stall-session is offered to the first eligible waitlisted application.
#[utoipa::path(delete, path = "/api/v1/bookings/{id}", tag = "bookings",
    params(("id" = i32, Path, description = "Booking id")),
    responses((status = 204, description = "Cancelled; the stall-session is offered to the waitlist"),
        (status = 401), (status = 403), (status = 404), (status = 422)))]
async fn delete_booking(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    actions::cancel_booking(&state.db, state.notifier.as_ref(), &auth, id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Check a vendor in (managers and admins), from the session's business date on; before it
/// → 422 `too_early`. Checking in twice changes nothing.
#[utoipa::path(post, path = "/api/v1/bookings/{id}/check-in", tag = "bookings",
    params(("id" = i32, Path, description = "Booking id")),
    responses((status = 200, description = "The booking, checked in", body = queries::BookingItem),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`already_absent`: the vendor declared absence for this night"),
        (status = 422)))]
async fn check_in(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<queries::BookingItem>> {
    Ok(Json(actions::check_in(&state.db, &auth, id).await?))
}

/// Waitlist offers: a vendor's own; managers' markets; everything for the bureau and admins.
#[utoipa::path(get, path = "/api/v1/offers", tag = "bookings", params(Paging),
    responses((status = 200, description = "The waitlist offers the caller may see", body = List<queries::OfferItem>),
        (status = 401)))]
async fn list_offers(
    State(state): State<AppState>,
    auth: Auth,
    page: Paging,
) -> AppResult<Json<List<queries::OfferItem>>> {
    actions::expire_offers(&state.db, state.notifier.as_ref()).await?;
    let (items, total) = queries::list_offers(&state.db, &auth, page).await?;
    Ok(Json(List { items, total }))
}

/// The vendor accepts an offer: 201 with the booking; 409 `offer_closed` once it expired.
#[utoipa::path(post, path = "/api/v1/offers/{id}/accept", tag = "bookings",
    params(("id" = i32, Path, description = "Offer id")),
    responses((status = 201, description = "The booking the offer became", body = Placed),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`offer_closed`: the offer expired or was answered")))]
async fn accept_offer(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<(StatusCode, Json<Placed>)> {
    let booking = actions::accept_offer(&state.db, state.notifier.as_ref(), &auth, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(Placed {
            id: booking.id,
            range_ids: Vec::new(),
            skipped: Vec::new(),
        }),
    ))
}

/// The vendor declines an offer; it passes to the next in line.
#[utoipa::path(post, path = "/api/v1/offers/{id}/decline", tag = "bookings",
    params(("id" = i32, Path, description = "Offer id")),
    responses((status = 204, description = "Declined; the offer passes to the next in line"),
        (status = 401), (status = 403), (status = 404),
        (status = 409, description = "`offer_closed`: the offer expired or was answered")))]
async fn decline_offer(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<StatusCode> {
    actions::decline_offer(&state.db, state.notifier.as_ref(), &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where to move a booking.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MoveTo {
    /// A free, active stall on the session's site.
    pub stall_id: i32,
}

/// Move a booking to another stall of the same session (managers of the market, admins):
/// 200 with the moved booking; 409 `stall_taken` when the stall is booked (the database
/// decides); 422 `unknown_stall`, `stall_not_on_site`, `stall_disabled`, `same_stall`,
/// `session_past`. The vendor is told.
#[utoipa::path(post, path = "/api/v1/bookings/{id}/move", tag = "bookings",
    params(("id" = i32, Path, description = "Booking id")), request_body = MoveTo,
    responses((status = 200, description = "The booking on its new stall", body = queries::BookingItem),
        (status = 401), (status = 403),
        (status = 404),
        (status = 409, description = "`stall_taken`: the stall is booked; `circuit_overloaded`: its circuit would carry more than its capacity"),
        (status = 422)))]
async fn move_booking(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<MoveTo>,
) -> AppResult<Json<queries::BookingItem>> {
    let item =
        actions::move_booking(&state.db, state.notifier.as_ref(), &auth, id, body.stall_id).await?;
    Ok(Json(item))
}
