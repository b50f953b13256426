//! Translation between stored sites and the pure geometry/layout types, and their errors.

use crate::core_text::{geometry_message, layout_message};
use crate::error::{AppError, AppResult};
use crate::geometry::{Crs, GeometryError, LocalProjection, SitePolygon, parse_site_boundary};
use crate::layout::LayoutError;
use entity::{sites, zones};
use geo::MultiPolygon;

/// A 422 naming the geometry fault and where it is, in both languages.
pub fn geometry_error(e: GeometryError, field: &str) -> AppError {
    AppError::Invalid {
        code: "invalid_geometry",
        message: geometry_message(&e),
        field: Some(field.to_owned()),
    }
}

/// A 422 naming the layout parameter at fault.
pub fn layout_error(e: LayoutError) -> AppError {
    AppError::Invalid {
        code: e.code(),
        message: layout_message(&e),
        field: e.field().map(str::to_owned),
    }
}

/// The validated polygon of a stored site.
pub fn site_polygon(site: &sites::Model) -> AppResult<SitePolygon> {
    let value: serde_json::Value =
        serde_json::from_str(&site.boundary).map_err(anyhow::Error::from)?;
    parse_site_boundary(&value, Crs::Wgs84)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored site {} invalid: {e}", site.id)))
}

/// A stored zone in the site's local metres.
pub fn zone_local(zone: &zones::Model, local: &LocalProjection) -> AppResult<MultiPolygon<f64>> {
    let value: serde_json::Value =
        serde_json::from_str(&zone.boundary).map_err(anyhow::Error::from)?;
    let shape = crate::geometry::parse_zone_shape(&value, Crs::Wgs84, None)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored zone {} invalid: {e}", zone.id)))?;
    Ok(shape.local(local))
}

/// A stored GeoJSON Polygon (as written by us) back to a geo polygon; `None` if malformed.
pub fn polygon_from_value(value: &serde_json::Value) -> Option<geo::Polygon<f64>> {
    let rings = value.get("coordinates")?.as_array()?;
    let ring = |r: &serde_json::Value| -> Option<geo::LineString<f64>> {
        r.as_array()?
            .iter()
            .map(|p| {
                Some(geo::Coord {
                    x: p.get(0)?.as_f64()?,
                    y: p.get(1)?.as_f64()?,
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(geo::LineString::from)
    };
    let exterior = ring(rings.first()?)?;
    let holes = rings[1..].iter().map(ring).collect::<Option<Vec<_>>>()?;
    Some(geo::Polygon::new(exterior, holes))
}

/// A stored GeoJSON MultiPolygon or Polygon back to a geo multipolygon.
pub fn multi_polygon_from_value(value: &serde_json::Value) -> Option<MultiPolygon<f64>> {
    match value.get("type")?.as_str()? {
        "Polygon" => polygon_from_value(value).map(|p| MultiPolygon(vec![p])),
        "MultiPolygon" => value
            .get("coordinates")?
            .as_array()?
            .iter()
            .map(|rings| polygon_from_value(&serde_json::json!({ "coordinates": rings })))
            .collect::<Option<Vec<_>>>()
            .map(MultiPolygon),
        _ => None,
    }
}

/// The part of a stall code after the site code (`WCL-A-012` → `A-012`), drawn on plans.
pub fn stall_label(code: &str) -> &str {
    code.split_once('-').map_or(code, |(_, label)| label)
}

/// A stored stall in the site's local metres.
pub fn stall_local(
    stall: &entity::stalls::Model,
    projection: &LocalProjection,
) -> Option<geo::Polygon<f64>> {
    let value: serde_json::Value = serde_json::from_str(&stall.polygon).ok()?;
    Some(projection.polygon_to_local(&polygon_from_value(&value)?))
}

/// The aisles of an accepted layout in the site's local metres.
pub fn aisles_local(
    layout: Option<&entity::site_layouts::Model>,
    projection: &LocalProjection,
) -> Vec<geo::Polygon<f64>> {
    layout
        .and_then(|l| serde_json::from_str::<serde_json::Value>(&l.aisles).ok())
        .and_then(|v| multi_polygon_from_value(&v))
        .map(|mp| projection.multi_polygon_to_local(&mp).0)
        .unwrap_or_default()
}
