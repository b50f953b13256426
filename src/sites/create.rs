//! Creating and editing a site: code, name, kind and a validated boundary.

use super::shape::geometry_error;
use crate::audit::{self, Change};
use crate::db::{DbFailure, classify};
use crate::error::{AppError, AppResult};
use crate::geometry::{Crs, SitePolygon, parse_site_boundary};
use crate::i18n::texts::sites as t;
use crate::identity::{CurrentUser, Role};
use chrono::Utc;
use entity::sites::SiteKind;
use entity::{manager_sites, sites};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use serde_json::{Value, json};

/// A new site as submitted (API body or form).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewSite {
    /// Short code, 2–10 capitals or digits, e.g. `WCL`.
    pub code: String,
    /// Name, e.g. 文昌路.
    pub name: String,
    /// `street`, `plaza` or `other`.
    pub kind: String,
    /// The coordinate system of `boundary`: `wgs84` (default), `gcj02` or `bd09`.
    pub crs: Option<String>,
    /// GeoJSON Polygon, MultiPolygon, Feature or a FeatureCollection of one feature.
    #[schema(value_type = Object)]
    pub boundary: Value,
    /// A note on the data.
    pub note: Option<String>,
}

/// Normalises and checks a site code.
pub fn parse_code(code: &str) -> AppResult<String> {
    let code = code.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    let ok = (2..=10).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(code)
    } else {
        Err(AppError::invalid("invalid_code", "code", t::CODE_INVALID))
    }
}

/// Checks a site name.
pub fn parse_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 50 || name.chars().any(char::is_control) {
        return Err(AppError::invalid("invalid_name", "name", t::NAME_INVALID));
    }
    Ok(name.to_owned())
}

/// Checks a site kind.
pub fn parse_kind(kind: &str) -> AppResult<SiteKind> {
    SiteKind::parse(kind.trim())
        .ok_or_else(|| AppError::invalid("invalid_kind", "kind", t::KIND_INVALID))
}

/// Parses the optional coordinate system (default WGS-84).
pub fn parse_crs(crs: Option<&str>) -> AppResult<Crs> {
    match crs.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Crs::Wgs84),
        Some(s) => Crs::parse(&s.to_ascii_lowercase())
            .ok_or_else(|| AppError::invalid("invalid_crs", "crs", t::CRS_INVALID)),
    }
}

/// Validates the boundary (converted to WGS-84).
pub fn parse_boundary(boundary: &Value, crs: Crs) -> AppResult<SitePolygon> {
    parse_site_boundary(boundary, crs).map_err(|e| geometry_error(e, "boundary"))
}

fn code_taken() -> AppError {
    AppError::conflict("code_taken", t::CODE_TAKEN)
}

/// Inserts a validated site; a manager who creates it looks after it. Audited.
pub async fn create(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    new: NewSite,
) -> AppResult<sites::Model> {
    user.require_staff_writer()?;
    let code = parse_code(&new.code)?;
    let name = parse_name(&new.name)?;
    let kind = parse_kind(&new.kind)?;
    let crs = parse_crs(new.crs.as_deref())?;
    let shape = parse_boundary(&new.boundary, crs)?;
    if sites::Entity::find()
        .filter(sites::Column::Code.eq(&code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(code_taken());
    }
    let note = new
        .note
        .map(|n| n.trim().chars().take(500).collect::<String>())
        .filter(|n| !n.is_empty());
    let site = sites::ActiveModel {
        code: Set(code),
        name: Set(name),
        kind: Set(kind),
        note: Set(note),
        created_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        ..shape_columns(&shape)
    }
    .insert(db)
    .await
    .map_err(|e| match classify(&e) {
        DbFailure::Conflict(_) => code_taken(),
        _ => e.into(),
    })?;
    if user.role == Role::Manager {
        manager_sites::ActiveModel {
            user_id: Set(user.id),
            site_id: Set(site.id),
        }
        .insert(db)
        .await?;
    }
    audit::record(
        db,
        Change {
            actor: Some(user.id),
            entity: "site",
            entity_id: Some(site.id),
            action: "create",
            before: None,
            after: Some(summary(&site)),
        },
    )
    .await?;
    Ok(site)
}

/// The geometry columns of a site from its validated shape.
pub fn shape_columns(shape: &SitePolygon) -> sites::ActiveModel {
    sites::ActiveModel {
        boundary: Set(shape.to_geojson_value().to_string()),
        source_crs: Set(shape.source_crs.as_str().to_owned()),
        area_m2: Set(shape.area_m2),
        min_lon: Set(shape.bbox[0]),
        min_lat: Set(shape.bbox[1]),
        max_lon: Set(shape.bbox[2]),
        max_lat: Set(shape.bbox[3]),
        centroid_lon: Set(shape.centroid.x),
        centroid_lat: Set(shape.centroid.y),
        ..Default::default()
    }
}

/// What the audit log keeps of a site.
pub fn summary(site: &sites::Model) -> Value {
    json!({
        "code": site.code, "name": site.name, "kind": site.kind,
        "area_m2": (site.area_m2 * 10.0).round() / 10.0,
        "centroid": [site.centroid_lon, site.centroid_lat],
    })
}
