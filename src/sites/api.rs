//! Sites in the JSON API: list, read, create, edit, GeoJSON export.

use super::update::{self, SiteChanges};
use super::{create, queries};
use crate::api::{ApiJson, List};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Paging, PathId};
use crate::identity::Auth;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use entity::{sites, stalls};
use http::StatusCode;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The site routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sites, create_site))
        .routes(routes!(get_site, update_site))
        .routes(routes!(site_geojson))
        .merge(super::api_layout::routes())
        .routes(routes!(super::circuits_api::put_circuits))
}

/// A site in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteSummary {
    /// Id.
    pub id: i32,
    /// Short code, e.g. `WCL`.
    pub code: String,
    /// Name, e.g. 文昌路.
    pub name: String,
    /// `street`, `plaza` or `other`.
    pub kind: String,
    /// Area in square metres (ellipsoidal).
    pub area_m2: f64,
    /// Stalls laid out on the site.
    pub stall_count: u64,
}

impl SiteSummary {
    fn of(s: &sites::Model, stall_count: u64) -> Self {
        Self {
            id: s.id,
            code: s.code.clone(),
            name: s.name.clone(),
            kind: s.kind.to_string(),

            area_m2: s.area_m2,
            stall_count,
        }
    }
}

/// A site with its boundary.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: SiteSummary,
    /// GeoJSON geometry, WGS-84.
    #[schema(value_type = Object)]
    pub boundary: Value,
    /// The coordinate system the boundary was drawn in.
    pub source_crs: String,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: [f64; 4],
    /// `[lon, lat]`.
    pub centroid: [f64; 2],
    /// A note on the data (e.g. that a demo outline is approximate).
    pub note: Option<String>,
}

async fn detail(state: &AppState, site: &sites::Model) -> AppResult<SiteDetail> {
    let count = queries::stall_counts(&state.db)
        .await?
        .get(&site.id)
        .copied()
        .unwrap_or(0);
    Ok(SiteDetail {
        summary: SiteSummary::of(site, count),
        boundary: serde_json::from_str(&site.boundary).map_err(anyhow::Error::from)?,
        source_crs: site.source_crs.clone(),
        bbox: [site.min_lon, site.min_lat, site.max_lon, site.max_lat],
        centroid: [site.centroid_lon, site.centroid_lat],
        note: site.note.clone(),
    })
}

/// Every site (anyone).
#[utoipa::path(get, path = "/api/v1/sites", tag = "sites", params(Paging),
    responses((status = 200, description = "A page of sites", body = List<SiteSummary>)))]
async fn list_sites(
    State(state): State<AppState>,
    page: Paging,
) -> AppResult<Json<List<SiteSummary>>> {
    let (items, total) = queries::list(&state.db, page.limit(), page.offset()).await?;
    let counts = queries::stall_counts(&state.db).await?;
    Ok(Json(List {
        items: items
            .iter()
            .map(|s| SiteSummary::of(s, counts.get(&s.id).copied().unwrap_or(0)))
            .collect(),
        total,
    }))
}

/// Create a site from a GeoJSON boundary (managers, admins). 409 `code_taken`;
/// 422 `invalid_geometry` naming the fault and where.
#[utoipa::path(post, path = "/api/v1/sites", tag = "sites", request_body = create::NewSite,
    responses((status = 201, description = "The new site", body = SiteDetail), (status = 401),
        (status = 403), (status = 409, description = "`code_taken`: another site has this code"),
        (status = 422)))]
async fn create_site(
    State(state): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<create::NewSite>,
) -> AppResult<(StatusCode, Json<SiteDetail>)> {
    auth.require_staff_writer()?;
    let txn = begin_write(&state.db).await?;
    let site = create::create(&txn, &auth, body).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &site).await?)))
}

/// One site with its boundary (anyone).
#[utoipa::path(get, path = "/api/v1/sites/{id}", tag = "sites",
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 200, description = "The site with its boundary", body = SiteDetail),
        (status = 404)))]
async fn get_site(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> AppResult<Json<SiteDetail>> {
    let site = queries::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(detail(&state, &site).await?))
}

/// Edit a site (its managers, admins); a new boundary keeps the stalls.
#[utoipa::path(patch, path = "/api/v1/sites/{id}", tag = "sites", request_body = SiteChanges,
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 200, description = "The site as changed", body = SiteDetail),
        (status = 403), (status = 404), (status = 422)))]
async fn update_site(
    State(state): State<AppState>,
    auth: Auth,
    PathId(id): PathId,
    ApiJson(body): ApiJson<SiteChanges>,
) -> AppResult<Json<SiteDetail>> {
    let updated = update::update_site(&state.db, &auth, id, body).await?;
    Ok(Json(detail(&state, &updated).await?))
}

/// The site and every stall as one GeoJSON FeatureCollection (anyone).
#[utoipa::path(get, path = "/api/v1/sites/{id}/geojson", tag = "sites",
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 200, description = "GeoJSON FeatureCollection"), (status = 404)))]
async fn site_geojson(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> AppResult<([(http::HeaderName, &'static str); 2], Json<Value>)> {
    let site = queries::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stalls = queries::stalls_of(&state.db, id).await?;
    Ok((
        [
            (http::header::CONTENT_TYPE, "application/geo+json"),
            (http::header::CONTENT_DISPOSITION, "inline"),
        ],
        Json(feature_collection(&site, &stalls)?),
    ))
}

/// The RFC 7946 FeatureCollection of a site and its stalls.
pub fn feature_collection(site: &sites::Model, stalls: &[stalls::Model]) -> AppResult<Value> {
    let parse = |text: &str| -> AppResult<Value> {
        serde_json::from_str(text).map_err(|e| AppError::Internal(e.into()))
    };
    let mut features = vec![json!({
        "type": "Feature",
        "geometry": parse(&site.boundary)?,
        "properties": {"kind": "site", "id": site.id, "code": site.code, "name": site.name,
                        "site_kind": site.kind, "area_m2": site.area_m2, "note": site.note},
    })];
    for s in stalls {
        features.push(json!({
            "type": "Feature",
            "geometry": parse(&s.polygon)?,
            "properties": {"kind": "stall", "id": s.id, "code": s.code, "status": s.status,
                            "power": s.power, "premium": s.premium, "zone": s.zone},
        }));
    }
    Ok(json!({"type": "FeatureCollection", "features": features}))
}
