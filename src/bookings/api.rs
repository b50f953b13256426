//! `POST /api/v1/bookings`, `GET /api/v1/sessions/{id}/bookings`, `DELETE /api/v1/bookings/{id}`,
//! `POST /api/v1/bookings/{id}/check-in`, and the waitlist offers.

use super::place::{self, Booking, Skipped};
use super::{cancel, checkin, offers, queries, relocate};
use crate::api::{ApiJson, ApiQuery, List, Page};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::i18n::texts::bookings as t;
use crate::identity::{Auth, Role};
use crate::markets::{access, queries as mq, schedule};
use crate::notices;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
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
/// 422 `session_past` once the session has ended (vendors: `session_started` once it opens).
#[utoipa::path(post, path = "/api/v1/bookings", tag = "bookings", request_body = NewBooking,
    responses((status = 201, description = "The booking", body = Placed), (status = 401),
        (status = 403),
        (status = 409, description = "`stall_taken` or `vendor_already_booked`: the database refused it"),
        (status = 422)))]
async fn create_booking(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<NewBooking>,
) -> AppResult<(StatusCode, Json<Placed>)> {
    if auth.role == Role::Bureau || (auth.role == Role::Vendor && auth.vendor_id.is_none()) {
        return Err(AppError::Forbidden);
    }
    let until = match body
        .until
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => Some(schedule::parse_date(s).ok_or_else(|| {
            AppError::invalid(
                "invalid_date",
                "until",
                crate::i18n::texts::markets::DATE_INVALID,
            )
        })?),
    };
    // Everything is read and checked before the write lock is taken: on SQLite one writer at
    // a time holds it, so it is held for the insert (which re-checks session and stall) alone.
    let db = &state.db;
    let session = place::session_for_booking(db, body.session_id).await?;
    let market = mq::find_market(db, session.market_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let placer = place::authorize(db, &auth, &market, body.vendor_id).await?;
    let stall = queries::find_stall(db, body.stall_id)
        .await?
        .ok_or_else(|| AppError::invalid("unknown_stall", "stall_id", t::STALL_UNKNOWN))?;
    let vendor = queries::find_vendor(db, body.vendor_id)
        .await?
        .ok_or_else(|| AppError::invalid("unknown_vendor", "vendor_id", t::VENDOR_UNKNOWN))?;
    if let Some(until) = until
        && (until < session.business_date
            || (until - session.business_date).num_days() > schedule::MAX_SPAN_DAYS
            || placer != place::Placer::Staff)
    {
        return Err(AppError::invalid(
            "invalid_range",
            "until",
            t::RANGE_INVALID,
        ));
    }
    let checked = place::check(
        db,
        &Booking {
            session: &session,
            stall: &stall,
            vendor: &vendor,
            application: None,
            placer,
            actor: auth.id,
        },
    )
    .await?;
    let txn = begin_write(db).await?;
    let booking = place::insert(&txn, &checked).await?;
    let (range_ids, skipped) = match until {
        Some(until) => {
            place::book_range(&txn, &session, until, &stall, &vendor, placer, auth.id).await?
        }
        None => (Vec::new(), Vec::new()),
    };
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(Placed {
            id: booking.id,
            range_ids,
            skipped,
        }),
    ))
}

/// A session's bookings: managers of the market, the bureau and admins see all; a vendor sees
/// only their own.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/bookings", tag = "bookings",
    params(("id" = i32, Path, description = "Session id"), Page),
    responses((status = 200, description = "The session's bookings the caller may see", body = List<queries::BookingItem>),
        (status = 401), (status = 403), (status = 404)))]
async fn session_bookings(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    ApiQuery(page): ApiQuery<Page>,
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
    let total = items.len() as u64;
    let items = items
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .collect();
    Ok(Json(List { items, total }))
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
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    let txn = begin_write(&state.db).await?;
    let mut out = offers::expire_due(&txn).await?;
    out.extend(cancel::cancel(&txn, &auth, id).await?);
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    Ok(StatusCode::NO_CONTENT)
}

/// Check a vendor in (managers and admins), from the session's business date on; before it
/// → 422 `too_early`. Checking in twice changes nothing.
#[utoipa::path(post, path = "/api/v1/bookings/{id}/check-in", tag = "bookings",
    params(("id" = i32, Path, description = "Booking id")),
    responses((status = 200, description = "The booking, checked in", body = queries::BookingItem),
        (status = 401), (status = 403), (status = 404), (status = 422)))]
async fn check_in(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
) -> AppResult<Json<queries::BookingItem>> {
    let txn = begin_write(&state.db).await?;
    let item = checkin::check_in(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(Json(item))
}

/// Waitlist offers: a vendor's own; managers' markets; everything for the bureau and admins.
#[utoipa::path(get, path = "/api/v1/offers", tag = "bookings", params(Page),
    responses((status = 200, description = "The waitlist offers the caller may see", body = List<queries::OfferItem>),
        (status = 401)))]
async fn list_offers(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(page): ApiQuery<Page>,
) -> AppResult<Json<List<queries::OfferItem>>> {
    let txn = begin_write(&state.db).await?;
    let out = offers::expire_due(&txn).await?;
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
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
    Path(id): Path<i32>,
) -> AppResult<(StatusCode, Json<Placed>)> {
    if auth.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(&state.db).await?;
    let out = offers::expire_due(&txn).await?;
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    let txn = begin_write(&state.db).await?;
    let booking = offers::accept(&txn, &auth, id).await?;
    txn.commit().await?;
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
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    if auth.role != Role::Vendor {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(&state.db).await?;
    let mut out = offers::expire_due(&txn).await?;
    out.extend(offers::decline(&txn, &auth, id).await?);
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
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
        (status = 404), (status = 409, description = "`stall_taken`: the stall is booked"), (status = 422)))]
async fn move_booking(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i32>,
    ApiJson(body): ApiJson<MoveTo>,
) -> AppResult<Json<queries::BookingItem>> {
    let txn = begin_write(&state.db).await?;
    let (item, out) = relocate::relocate(&txn, &auth, id, body.stall_id).await?;
    txn.commit().await?;
    notices::deliver_all(state.notifier.as_ref(), &out);
    Ok(Json(item))
}
