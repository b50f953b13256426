//! The JSON API of complaints: submit (anyone, throttled per address), list (staff), the
//! vendor's own (without contact), close with an outcome.

use super::{handle, submit};
use crate::api::{ApiJson, ApiQuery, List};
use crate::conduct::inspect;
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::i18n::texts::night as t;
use crate::identity::Auth;
use crate::state::AppState;
use crate::web::ClientIp;
use axum::Json;
use axum::extract::State;
use entity::complaints::ComplaintStatus;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The complaint routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_complaint, list_complaints))
        .routes(routes!(my_complaints))
        .routes(routes!(close_complaint))
}

/// A resident's complaint.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ComplaintBody {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// When it happened (RFC 3339), not in the future.
    pub at: String,
    /// `noise`, `smoke`, `hygiene`, `blocking`, `price` or `other`.
    pub kind: String,
    /// What happened.
    pub text: String,
    /// A phone or name, for the managers only.
    #[serde(default)]
    pub contact: Option<String>,
    /// `wgs84` (default), `gcj02` or `bd09`.
    #[serde(default)]
    pub crs: Option<String>,
}

/// The recorded complaint.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Id.
    pub id: i32,
    /// The stall it was matched to (the nearest booked within 15 m during a session, half an
    /// hour either side), or null.
    pub r#match: Option<submit::Match>,
}

/// Complain about a stall (anyone; throttled per address).
#[utoipa::path(post, path = "/api/v1/complaints", tag = "complaints", request_body = ComplaintBody,
    responses((status = 201, description = "Recorded and routed", body = Created),
        (status = 422, description = "`outside_sites`, `time_in_future`, `text_required`, `invalid_kind`, …"),
        (status = 429)))]
async fn create_complaint(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<ComplaintBody>,
) -> AppResult<(StatusCode, Json<Created>)> {
    if state.config.per_address_limits() {
        state
            .limiter
            .check(ip, "complaint", submit::PER_ADDRESS_PER_MINUTE)?;
    }
    let new = submit::NewComplaint {
        lon: Some(body.lon),
        lat: Some(body.lat),
        crs: body.crs,
        stall_code: None,
        site_id: None,
        resent_form_is_the_same: false,
        at: body.at,
        kind: body.kind,
        text: body.text,
        contact: body.contact,
    };
    let (id, m) = submit::submit(&state.db, &state.caches, state.notifier.as_ref(), new).await?;
    Ok((StatusCode::CREATED, Json(Created { id, r#match: m })))
}

/// `?status=&market_id=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// `open` or `closed`.
    pub status: Option<String>,
    /// One market.
    pub market_id: Option<i32>,
}

/// Complaints: managers of their markets, the bureau and admins.
#[utoipa::path(get, path = "/api/v1/complaints", tag = "complaints", params(Filter, Paging),
    responses((status = 200, description = "The complaints the caller may see", body = List<handle::ComplaintItem>),
        (status = 401), (status = 403)))]
async fn list_complaints(
    State(state): State<AppState>,
    auth: Auth,
    ApiQuery(f): ApiQuery<Filter>,
    page: Paging,
) -> AppResult<Json<List<handle::ComplaintItem>>> {
    let status = match f.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            ComplaintStatus::parse(s)
                .ok_or_else(|| AppError::invalid("invalid_status", "status", t::INVALID_STATUS))?,
        ),
    };
    let (items, total) = handle::list(
        &state.db,
        &auth,
        status,
        f.market_id,
        page.limit(),
        page.offset(),
    )
    .await?;
    Ok(Json(List { items, total }))
}

/// The complaints about the caller's stalls (vendors), without the complainant's contact.
#[utoipa::path(get, path = "/api/v1/me/complaints", tag = "complaints", params(Paging),
    responses((status = 200, description = "Complaints matched to the vendor's stalls", body = List<handle::ComplaintItem>),
        (status = 401), (status = 403)))]
async fn my_complaints(
    State(state): State<AppState>,
    auth: Auth,
    page: Paging,
) -> AppResult<Json<List<handle::ComplaintItem>>> {
    let (items, total) = handle::mine(&state.db, &auth, page.limit(), page.offset()).await?;
    Ok(Json(List { items, total }))
}

/// An inspection item the outcome records.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OutcomeItem {
    /// A catalogue code.
    pub code: String,
    /// Optional words.
    #[serde(default)]
    pub note: Option<String>,
}

/// How a complaint was dealt with.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CloseBody {
    /// What was done.
    pub outcome: String,
    /// Catalogue items to record as an inspection of the matched stall.
    #[serde(default)]
    pub inspection_items: Vec<OutcomeItem>,
}

/// What closing recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct Closed {
    /// The complaint.
    pub id: i32,
    /// Always `closed`.
    pub status: &'static str,
    /// The inspection recorded, if any.
    pub inspection_id: Option<i32>,
}

/// Close a complaint with an outcome (managers of its market, admins).
#[utoipa::path(post, path = "/api/v1/complaints/{id}/close", tag = "complaints",
    params(("id" = i32, Path, description = "Complaint id")), request_body = CloseBody,
    responses((status = 200, description = "Closed", body = Closed), (status = 401),
        (status = 403), (status = 404), (status = 409, description = "`already_closed`"),
        (status = 422)))]
async fn close_complaint(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<CloseBody>,
) -> AppResult<Json<Closed>> {
    let items = body
        .inspection_items
        .into_iter()
        .map(|i| inspect::NewItem {
            code: i.code,
            note: i.note,
            points: None,
        })
        .collect();
    let inspection_id = handle::close(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        id,
        &body.outcome,
        items,
    )
    .await?;
    Ok(Json(Closed {
        id,
        status: "closed",
        inspection_id,
    }))
}
