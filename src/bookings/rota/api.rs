//! The scheduling API that touches bookings: closures, ending or extending a schedule row,
//! cloning a season, and next-season offers.

use super::closures::{self, ClosureDone, NewClosure};
use super::row_change::{self, RowChange, RowChanged};
use super::season::{self, CloneSeason, Cloned};
use crate::api::{ApiJson, List};
use crate::db::begin_write;
use crate::error::AppResult;
use crate::extract::{Paging, PathId};
use crate::i18n::Lang;
use crate::identity::Auth;
use crate::markets::write::{json_or_ask, write_and_tell, write_confirmable};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use entity::season_offers;
use http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(close_market))
        .routes(routes!(change_row))
        .routes(routes!(clone_market))
        .routes(routes!(my_season_offers))
        .routes(routes!(accept_season_offer))
        .routes(routes!(decline_season_offer))
}

/// Close a market for a date range (all or some segments and sites): its sessions are
/// cancelled and booked vendors told.
#[utoipa::path(post, path = "/api/v1/markets/{id}/closures", tag = "markets", request_body = NewClosure,
    params(("id" = i32, Path, description = "Market id")),
    responses((status = 201, description = "The closure and what it cancelled", body = ClosureDone),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "No such market, or another manager's"),
        (status = 422, description = "No reason, a bad or past date range, an unknown segment or site")))]
async fn close_market(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<NewClosure>,
) -> AppResult<(StatusCode, Json<ClosureDone>)> {
    let done = write_and_tell(&state, async |txn| {
        closures::close_market(txn, &auth, id, body).await
    })
    .await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// End a schedule row early or extend its season. Removing booked sessions without
/// `"confirm": true` → 409 `confirmation_required` with the counts.
#[utoipa::path(patch, path = "/api/v1/schedule-rows/{id}", tag = "markets", request_body = RowChange,
    params(("id" = i32, Path, description = "Schedule row id")),
    responses((status = 200, description = "What the change created or cancelled", body = RowChanged),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "No such row, or another manager's"),
        (status = 409, description = "`session_overlap` naming the other session, or `confirmation_required` with the counts"),
        (status = 422, description = "A bad or past date")))]
async fn change_row(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    PathId(id): PathId,
    ApiJson(body): ApiJson<RowChange>,
) -> AppResult<Response> {
    let outcome = write_confirmable(&state, async |txn| {
        row_change::change_row(txn, &auth, id, body).await
    })
    .await?;
    Ok(json_or_ask(outcome, lang))
}

/// Clone a market's season to a new date range (same segments, weekdays and rota); optionally
/// offer last season's vendors the same stall first.
#[utoipa::path(post, path = "/api/v1/markets/{id}/clone", tag = "markets", request_body = CloneSeason,
    params(("id" = i32, Path, description = "Market id")),
    responses((status = 201, description = "The new market", body = Cloned),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not staff"),
        (status = 404, description = "No such market, or another manager's"),
        (status = 409, description = "`session_overlap` naming the other market's session"),
        (status = 422, description = "A range overlapping the source's season, a bad or past date range")))]
async fn clone_market(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CloneSeason>,
) -> AppResult<(StatusCode, Json<Cloned>)> {
    let done = write_and_tell(&state, async |txn| {
        season::clone_season(txn, &auth, id, body).await
    })
    .await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// A next-season offer.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeasonOfferItem {
    /// Id.
    pub id: i32,
    /// The new season's market.
    pub market_id: i32,
    /// Last season's market.
    pub source_market_id: i32,
    /// The stall offered.
    pub stall_id: i32,
    /// `pending`, `accepted`, `declined` or `expired`.
    pub status: String,
    /// Answer by (RFC 3339).
    pub deadline: String,
    /// Sessions booked on acceptance.
    pub sessions_booked: i32,
}

fn offer_item(o: season_offers::Model) -> SeasonOfferItem {
    let status = if o.status == season_offers::SeasonOfferStatus::Pending
        && o.deadline <= chrono::Utc::now()
    {
        season_offers::SeasonOfferStatus::Expired
    } else {
        o.status
    };
    SeasonOfferItem {
        id: o.id,
        market_id: o.market_id,
        source_market_id: o.source_market_id,
        stall_id: o.stall_id,
        status: status.as_str().to_owned(),
        deadline: o.deadline.to_rfc3339(),
        sessions_booked: o.sessions_booked,
    }
}

/// The caller's next-season offers (vendors).
#[utoipa::path(get, path = "/api/v1/me/season-offers", tag = "bookings", params(Paging),
    responses((status = 200, description = "The vendor's next-season offers, newest first", body = List<SeasonOfferItem>),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not a vendor")))]
async fn my_season_offers(
    State(state): State<AppState>,
    auth: Auth,
    page: Paging,
) -> AppResult<Json<List<SeasonOfferItem>>> {
    auth.require(&[crate::identity::Role::Vendor])?;
    let all = match auth.vendor_id {
        Some(vendor) => season::offers_of(&state.db, vendor).await?,
        None => Vec::new(),
    };
    let total = all.len() as u64;
    let items = all
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .map(offer_item)
        .collect();
    Ok(Json(List { items, total }))
}

/// Accept a next-season offer: the stall is booked in the new season's sessions.
#[utoipa::path(post, path = "/api/v1/season-offers/{id}/accept", tag = "bookings",
    params(("id" = i32, Path, description = "Season offer id")),
    responses((status = 200, description = "The offer, accepted, with the sessions booked", body = SeasonOfferItem),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not a vendor"),
        (status = 404, description = "No such offer, or another vendor's"),
        (status = 409, description = "`offer_closed`: answered or past its deadline")))]
async fn accept_season_offer(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<SeasonOfferItem>> {
    let txn = begin_write(&state.db).await?;
    let offer = season::accept_season_offer(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(Json(offer_item(offer)))
}

/// Decline a next-season offer.
#[utoipa::path(post, path = "/api/v1/season-offers/{id}/decline", tag = "bookings",
    params(("id" = i32, Path, description = "Season offer id")),
    responses((status = 200, description = "The offer, declined", body = SeasonOfferItem),
        (status = 401, description = "Not logged in"), (status = 403, description = "Not a vendor"),
        (status = 404, description = "No such offer, or another vendor's"),
        (status = 409, description = "`offer_closed`: answered or past its deadline")))]
async fn decline_season_offer(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<SeasonOfferItem>> {
    let txn = begin_write(&state.db).await?;
    let offer = season::decline_season_offer(&txn, &auth, id).await?;
    txn.commit().await?;
    Ok(Json(offer_item(offer)))
}
