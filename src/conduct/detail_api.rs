//! `GET /api/v1/inspections/{id}` (one inspection with its items and photos) and
//! `GET /api/v1/inspections/{id}/photos/{photo_id}` (the image): for its vendor, managers of
//! its market, the bureau and admins; anyone else gets a 404.

use super::{inspect, photos};
use crate::error::AppResult;
use crate::extract::PathId;
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use entity::inspection_items;
use entity::inspections::{AppealStatus, InspectionStatus};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

/// One item of a recorded inspection.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    /// The catalogue code.
    pub code: String,
    /// Its points.
    pub points: i32,
    /// The manager's words.
    pub note: Option<String>,
}

/// A recorded inspection.
#[derive(Debug, Serialize, ToSchema)]
pub struct InspectionView {
    /// Id.
    pub id: i32,
    /// The session.
    pub session_id: i32,
    /// The stall.
    pub stall_id: i32,
    /// The booked vendor.
    pub vendor_id: i32,
    /// The market.
    pub market_id: i32,
    /// The session's business date.
    pub date: NaiveDate,
    /// `active`, or `cancelled` on appeal.
    #[schema(value_type = String)]
    pub status: InspectionStatus,
    /// Points of its items.
    pub points: i32,
    /// Its items.
    pub items: Vec<ItemView>,
    /// `pending`, `upheld` or `cancelled` once appealed.
    #[schema(value_type = Option<String>)]
    pub appeal_status: Option<AppealStatus>,
    /// The photos taken with it.
    pub photos: Vec<photos::PhotoInfo>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

/// One inspection with its items and photos.
#[utoipa::path(get, path = "/api/v1/inspections/{id}", tag = "conduct",
    params(("id" = i32, Path, description = "Inspection id")),
    responses((status = 200, description = "The inspection", body = InspectionView),
        (status = 401), (status = 404)))]
pub async fn inspection_detail(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
) -> AppResult<Json<InspectionView>> {
    let i = inspect::visible(&state.db, &auth, id).await?;
    let items: Vec<ItemView> = inspection_items::Entity::find()
        .filter(inspection_items::Column::InspectionId.eq(i.id))
        .order_by_asc(inspection_items::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|it| ItemView {
            code: it.code,
            points: it.points,
            note: it.note,
        })
        .collect();
    let photos = photos::of_inspections(&state.db, &[i.id])
        .await?
        .remove(&i.id)
        .unwrap_or_default();
    Ok(Json(InspectionView {
        id: i.id,
        session_id: i.session_id,
        stall_id: i.stall_id,
        vendor_id: i.vendor_id,
        market_id: i.market_id,
        date: i.business_date,
        status: i.status,
        points: items.iter().map(|it| it.points).sum(),
        items,
        appeal_status: i.appeal_status,
        photos,
        created_at: i.created_at,
    }))
}

/// A photo of an inspection, as the image itself (`private, no-store`, `nosniff`).
#[utoipa::path(get, path = "/api/v1/inspections/{id}/photos/{photo_id}", tag = "conduct",
    params(("id" = i32, Path, description = "Inspection id"),
        ("photo_id" = i32, Path, description = "Photo id")),
    responses((status = 200, description = "The image (image/jpeg or image/png)"),
        (status = 401), (status = 404)))]
pub async fn inspection_photo(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, photo_id)): Path<(String, String)>,
) -> AppResult<Response> {
    // Two ids, each under the one rule of `PathId` (400 malformed, 404 impossible).
    let (PathId(id), PathId(photo_id)) = (PathId::parse(&id)?, PathId::parse(&photo_id)?);
    photos::serve(&state.db, &auth, id, photo_id).await
}
