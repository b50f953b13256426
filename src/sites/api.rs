//! `GET /api/v1/sites`, `GET /api/v1/sites/{id}`.

use super::queries;
use crate::api::{ApiQuery, List, Page};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use axum::Json;
use axum::extract::{Path, State};
use entity::sites;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The site routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sites))
        .routes(routes!(get_site))
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
    /// Area in square metres.
    pub area_m2: f64,
    /// Stalls laid out on the site.
    pub stall_count: u64,
}

impl From<&sites::Model> for SiteSummary {
    fn from(s: &sites::Model) -> Self {
        Self {
            id: s.id,
            code: s.code.clone(),
            name: s.name.clone(),
            kind: s.kind.clone(),
            area_m2: s.area_m2,
            stall_count: 0,
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
    pub boundary: serde_json::Value,
    /// The coordinate system the boundary was drawn in.
    pub source_crs: String,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: [f64; 4],
    /// `[lon, lat]`.
    pub centroid: [f64; 2],
    /// A note on the data (e.g. that a demo outline is approximate).
    pub note: Option<String>,
}

/// Every site (anyone).
#[utoipa::path(get, path = "/api/v1/sites", tag = "sites", params(Page),
    responses((status = 200, body = List<SiteSummary>)))]
async fn list_sites(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<Page>,
) -> AppResult<Json<List<SiteSummary>>> {
    let (items, total) = queries::list(&state.db, page.limit(), page.offset()).await?;
    Ok(Json(List {
        items: items.iter().map(SiteSummary::from).collect(),
        total,
    }))
}

/// One site with its boundary (anyone).
#[utoipa::path(get, path = "/api/v1/sites/{id}", tag = "sites",
    params(("id" = i32, Path, description = "Site id")),
    responses((status = 200, body = SiteDetail), (status = 404)))]
async fn get_site(
    State(state): State<AppState>,
    Path(id): Path<i32>,
) -> AppResult<Json<SiteDetail>> {
    let site = queries::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let boundary = serde_json::from_str(&site.boundary).map_err(anyhow::Error::from)?;
    Ok(Json(SiteDetail {
        summary: SiteSummary::from(&site),
        boundary,
        source_crs: site.source_crs.clone(),
        bbox: [site.min_lon, site.min_lat, site.max_lon, site.max_lat],
        centroid: [site.centroid_lon, site.centroid_lat],
        note: site.note.clone(),
    }))
}
