//! The JSON API of conduct: attendance counters, the inspection catalogue, inspections,
//! demerits and appeals.

use super::{attendance, catalogue, demerits, inspect, photos};
use crate::api::{ApiJson, ApiQuery, List};
use crate::documents::upload::Failure;
use crate::error::{AppError, AppResult};
use crate::extract::{PathId, query_date};
use crate::i18n::{Lang, texts::night as t};
use crate::identity::{Auth, CurrentUser, Role};
use crate::markets::queries as mq;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The conduct routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(vendor_attendance))
        .routes(routes!(inspection_codes))
        .routes(routes!(create_inspection))
        .routes(routes!(vendor_demerits))
        .routes(routes!(appeal))
        .routes(routes!(decide_appeal))
        .routes(routes!(super::detail_api::inspection_detail))
        .routes(routes!(super::detail_api::inspection_photo))
}

/// A vendor's own figures: the vendor, managers, the bureau and admins; another vendor's
/// are a 404 to a vendor.
pub async fn require_vendor_reader(
    db: &impl sea_orm::ConnectionTrait,
    user: &CurrentUser,
    vendor_id: i32,
) -> AppResult<()> {
    if user.role == Role::Vendor && user.vendor_id != Some(vendor_id) {
        return Err(AppError::NotFound);
    }
    use sea_orm::EntityTrait;
    entity::vendors::Entity::find_by_id(vendor_id)
        .one(db)
        .await?
        .map(|_| ())
        .ok_or(AppError::NotFound)
}

/// `?market_id=&from=&to=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendanceQuery {
    /// One market (its rule and sessions); without it, every market under the default rule.
    pub market_id: Option<i32>,
    /// First business date (default: the rule's window back from today).
    pub from: Option<String>,
    /// Last business date (default: today).
    pub to: Option<String>,
}

/// A vendor's attendance counters and the market's rule.
#[utoipa::path(get, path = "/api/v1/vendors/{id}/attendance", tag = "conduct",
    params(("id" = i32, Path, description = "Vendor id"), AttendanceQuery),
    responses((status = 200, description = "The counters", body = attendance::Counters),
        (status = 401), (status = 404)))]
async fn vendor_attendance(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiQuery(q): ApiQuery<AttendanceQuery>,
) -> AppResult<Json<attendance::Counters>> {
    require_vendor_reader(&state.db, &auth, id).await?;
    let market =
        match q.market_id {
            None => None,
            Some(m) => Some(mq::find_market(&state.db, m).await?.ok_or_else(|| {
                AppError::invalid("unknown_market", "market_id", t::UNKNOWN_MARKET)
            })?),
        };
    let rule = market
        .as_ref()
        .map_or(attendance::DEFAULT_RULE, attendance::Rule::of);
    let (dfrom, dto) = attendance::default_window(rule, crate::clock::today());
    let from = query_date("from", q.from.as_deref())?.unwrap_or(dfrom);
    let to = query_date("to", q.to.as_deref())?.unwrap_or(dto);
    if to < from || (to - from).num_days() > 3660 {
        return Err(AppError::invalid("invalid_range", "to", t::INVALID_RANGE));
    }
    let c = attendance::counters(&state.db, id, market.as_ref(), from, to, chrono::Utc::now())
        .await?
        .0;
    Ok(Json(c))
}

/// The published catalogue of inspection items and their points.
#[utoipa::path(get, path = "/api/v1/inspection-codes", tag = "conduct", params(crate::extract::Paging),
    responses((status = 200, description = "Every item with its points", body = List<catalogue::CodeItem>)))]
async fn inspection_codes(
    lang: Lang,
    page: crate::extract::Paging,
) -> Json<List<catalogue::CodeItem>> {
    let items = catalogue::items(lang);
    let total = items.len() as u64;
    let items = items
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(page.limit()).unwrap_or(usize::MAX))
        .collect();
    Json(List { total, items })
}

/// One item of an inspection.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ItemBody {
    /// A catalogue code.
    pub code: String,
    /// Optional words.
    #[serde(default)]
    pub note: Option<String>,
    /// The points, if stated: they must be the catalogue's (else 422 `points_not_in_catalogue`).
    #[serde(default)]
    pub points: Option<i64>,
}

/// A photo taken with an inspection.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PhotoBody {
    /// The image, Base64 (standard alphabet): JPEG or PNG, at most 5 MiB decoded.
    pub content_base64: String,
}

/// An inspection to record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InspectionBody {
    /// The session.
    pub session_id: i32,
    /// The booked stall.
    pub stall_id: i32,
    /// At least one catalogue item.
    pub items: Vec<ItemBody>,
    /// Up to three photos, under the upload rules of documents.
    #[serde(default)]
    pub photos: Vec<PhotoBody>,
}

/// What was recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// The inspection.
    pub id: i32,
    /// The booked vendor.
    pub vendor_id: i32,
    /// Its points.
    pub points: i32,
}

/// Record an inspection of a booked stall (managers of the market, admins), with up to three
/// photos; the vendor is told.
#[utoipa::path(post, path = "/api/v1/inspections", tag = "conduct", request_body = InspectionBody,
    responses((status = 201, description = "Recorded", body = Recorded), (status = 401),
        (status = 403), (status = 404),
        (status = 413, description = "`file_too_large`: a photo over 5 MiB"),
        (status = 422, description = "`stall_not_booked`, `unknown_code`, `points_not_in_catalogue`, `unknown_session`, `items_required`, `unsupported_file_type`, `unreadable_image`, `too_many_photos`, `invalid_base64`")))]
async fn create_inspection(
    State(state): State<AppState>,
    auth: Auth,
    lang: Lang,
    body: axum::body::Body,
) -> Response {
    match record_json(&state, &auth, body).await {
        Ok(r) => (StatusCode::CREATED, Json(r)).into_response(),
        Err(f) => f.into_api_response(lang),
    }
}

async fn record_json(
    state: &AppState,
    auth: &Auth,
    body: axum::body::Body,
) -> Result<Recorded, Failure> {
    // Read here, not by the extractor: the body may hold photos, over the usual 2 MiB.
    let bytes = axum::body::to_bytes(body, crate::documents::PHOTO_FORM_BODY_BYTES)
        .await
        .map_err(|_| Failure::TooLarge)?;
    let body: InspectionBody = crate::api::json_from_slice(&bytes)?;
    let raw = body
        .photos
        .iter()
        .map(|p| {
            base64::engine::general_purpose::STANDARD
                .decode(p.content_base64.trim())
                .map_err(|_| AppError::invalid("invalid_base64", "photos", t::PHOTO_BAD_BASE64))
        })
        .collect::<Result<Vec<_>, _>>()?;
    auth.require_staff_writer()?;
    let photos = photos::check(raw).await?;
    let new = inspect::NewInspection {
        session_id: body.session_id,
        stall_id: body.stall_id,
        items: body
            .items
            .into_iter()
            .map(|i| inspect::NewItem {
                code: i.code,
                note: i.note,
                points: i.points,
            })
            .collect(),
        photos,
    };
    let r = inspect::record(&state.db, state.notifier.as_ref(), auth, new).await?;
    Ok(Recorded {
        id: r.id,
        vendor_id: r.vendor_id,
        points: r.points,
    })
}

/// A vendor's demerit points over the rolling 12 months, level and entries.
#[utoipa::path(get, path = "/api/v1/vendors/{id}/demerits", tag = "conduct",
    params(("id" = i32, Path, description = "Vendor id")),
    responses((status = 200, description = "Points, level, running suspension and entries", body = demerits::Standing),
        (status = 401), (status = 404)))]
async fn vendor_demerits(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<demerits::Standing>> {
    require_vendor_reader(&state.db, &auth, id).await?;
    let s = demerits::standing(&state.db, id, crate::clock::today(), chrono::Utc::now()).await?;
    Ok(Json(s))
}

/// Where an inspection's appeal stands, answered by the appeal and the decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealState {
    /// The inspection appealed.
    pub inspection_id: i32,
    /// `pending`, `upheld` or `cancelled`.
    pub appeal_status: &'static str,
}

/// An appeal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AppealBody {
    /// Why the inspection is wrong.
    pub text: String,
}

/// Appeal an inspection once, within 14 days (its vendor).
#[utoipa::path(post, path = "/api/v1/inspections/{id}/appeal", tag = "conduct",
    params(("id" = i32, Path, description = "Inspection id")), request_body = AppealBody,
    responses((status = 201, description = "Appealed; a manager decides", body = AppealState), (status = 401),
        (status = 403), (status = 404),
        (status = 409, description = "`already_appealed`"),
        (status = 422, description = "`appeal_closed` after 14 days; `text_required`")))]
async fn appeal(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<AppealBody>,
) -> AppResult<(StatusCode, Json<AppealState>)> {
    inspect::appeal(&state.db, &auth, id, &body.text).await?;
    Ok((
        StatusCode::CREATED,
        Json(AppealState {
            inspection_id: id,
            appeal_status: "pending",
        }),
    ))
}

/// A decision on an appeal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// `uphold` or `cancel`.
    pub decision: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// Decide an appeal (managers of the market, admins): `cancel` removes the points.
#[utoipa::path(post, path = "/api/v1/inspections/{id}/appeal/decision", tag = "conduct",
    params(("id" = i32, Path, description = "Inspection id")), request_body = DecisionBody,
    responses((status = 200, description = "Decided", body = AppealState), (status = 401), (status = 403),
        (status = 404), (status = 409, description = "`no_pending_appeal`"), (status = 422)))]
async fn decide_appeal(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<DecisionBody>,
) -> AppResult<Json<AppealState>> {
    auth.require_staff_writer()?;
    let decision = inspect::Decision::parse(&body.decision)?;
    inspect::decide(
        &state.db,
        state.notifier.as_ref(),
        &auth,
        id,
        decision,
        &body.reason,
    )
    .await?;
    Ok(Json(AppealState {
        inspection_id: id,
        appeal_status: match decision {
            inspect::Decision::Uphold => "upheld",
            inspect::Decision::Cancel => "cancelled",
        },
    }))
}
