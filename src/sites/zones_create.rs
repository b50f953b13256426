//! Adding a zone to a site: a polygon, or a line with a width (a fire lane along a street).

use super::shape::{geometry_error, site_polygon};
use crate::audit::{self, Change};
use crate::error::{AppError, AppResult};
use crate::geometry::parse_zone_shape;
use crate::i18n::texts::sites as t;
use chrono::Utc;
use entity::zones::ZoneKind;
use entity::{sites, zones};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Deserialize;
use serde_json::{Value, json};

/// A zone as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewZone {
    /// Name, e.g. 小吃区.
    pub name: String,
    /// `food`, `smoky`, `keep_clear`, `fire_lane` or `other`.
    pub kind: String,
    /// GeoJSON Polygon, or a LineString with `width_m`.
    #[schema(value_type = Object)]
    pub boundary: Value,
    /// Width in metres of a zone drawn as a line.
    pub width_m: Option<f64>,
    /// Coordinate system of `boundary` (default wgs84).
    pub crs: Option<String>,
}

/// Validates and stores a zone of `site`; audited.
pub async fn create(
    db: &impl ConnectionTrait,
    actor: i32,
    site: &sites::Model,
    new: NewZone,
) -> AppResult<zones::Model> {
    let name = super::create::parse_name(&new.name)?;
    let kind = ZoneKind::parse(new.kind.trim())
        .ok_or_else(|| AppError::invalid("invalid_zone_kind", "kind", t::ZONE_KIND_INVALID))?;
    let crs = super::create::parse_crs(new.crs.as_deref())?;
    let shape = parse_zone_shape(&new.boundary, crs, new.width_m)
        .map_err(|e| geometry_error(e, "boundary"))?;
    // A zone that misses the site entirely is a mistake worth telling.
    let site_shape = site_polygon(site)?;
    let projection = site_shape.projection();
    let local = shape.local(&projection);
    use geo::Intersects;
    if !local.intersects(&site_shape.local()) {
        return Err(AppError::invalid(
            "invalid_geometry",
            "boundary",
            crate::i18n::texts::sites::ZONE_OUTSIDE_SITE,
        ));
    }
    let zone = zones::ActiveModel {
        site_id: Set(site.id),
        name: Set(name),
        kind: Set(kind),
        boundary: Set(shape.to_geojson_value().to_string()),
        width_m: Set(shape.width_m),
        area_m2: Set(shape.area_m2),
        created_by: Set(Some(actor)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        Change {
            actor: Some(actor),
            entity: "zone",
            entity_id: Some(zone.id),
            action: "create",
            before: None,
            after: Some(json!({"site_id": site.id, "name": zone.name, "kind": zone.kind, "area_m2": zone.area_m2})),
        },
    )
    .await?;
    Ok(zone)
}
