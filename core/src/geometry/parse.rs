//! GeoJSON input: walks the raw JSON by hand (never through geojson's converters, which panic
//! on short positions) and validates in order of cost, so huge or malformed bodies are refused
//! before anything quadratic runs.

use super::crs::Crs;
use super::error::{GeometryError, RingRef};
use super::projection::LocalProjection;
use super::site::{SitePolygon, ZoneShape};
use super::validate::{check_rings_local, finish_site};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde_json::{Map, Value};

/// Total positions accepted in one geometry; geo's validation is roughly quadratic.
pub const MAX_VERTICES: usize = 5_000;
/// Smallest site (m²).
pub const MIN_AREA_M2: f64 = 1.0;
/// Largest site (m²): 5 km².
pub const MAX_AREA_M2: f64 = 5_000_000.0;
/// Widest line zone (fire lane) accepted, metres.
pub const MAX_LINE_WIDTH_M: f64 = 50.0;

/// Rings as parsed: polygons → rings → positions, in lon/lat of the declared CRS.
type RawPolygons = Vec<Vec<Vec<Coord<f64>>>>;

enum Raw {
    Polygons { multi: bool, polygons: RawPolygons },
    Line(Vec<Coord<f64>>),
}

const POLYGONAL: &str = "Polygon or MultiPolygon";
const POLYGON_OR_LINE: &str = "Polygon, MultiPolygon or LineString";

/// Unwraps Feature / FeatureCollection of one feature down to a geometry object.
fn geometry_object(value: &Value) -> Result<&Map<String, Value>, GeometryError> {
    let mut current = value;
    // At most FeatureCollection → Feature → geometry; deeper nesting is not GeoJSON.
    for _ in 0..3 {
        let obj = current.as_object().ok_or(GeometryError::NotAnObject)?;
        let ty = obj
            .get("type")
            .and_then(Value::as_str)
            .ok_or(GeometryError::BadMember { member: "type" })?;
        match ty {
            "FeatureCollection" => {
                let features = obj
                    .get("features")
                    .and_then(Value::as_array)
                    .ok_or(GeometryError::BadMember { member: "features" })?;
                if features.len() != 1 {
                    return Err(GeometryError::FeatureCollectionSize {
                        count: features.len(),
                    });
                }
                current = &features[0];
                let inner_is_feature = current
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t == "Feature");
                if !inner_is_feature {
                    return Err(GeometryError::BadMember { member: "features" });
                }
            }
            "Feature" => {
                current = obj
                    .get("geometry")
                    .filter(|g| g.is_object())
                    .ok_or(GeometryError::BadMember { member: "geometry" })?;
                let t = current.get("type").and_then(Value::as_str);
                if matches!(t, Some("Feature" | "FeatureCollection")) {
                    return Err(GeometryError::BadMember { member: "geometry" });
                }
            }
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon"
            | "MultiPolygon" | "GeometryCollection" => return Ok(obj),
            other => {
                return Err(GeometryError::UnknownType {
                    found: other.chars().take(40).collect(),
                });
            }
        }
    }
    Err(GeometryError::NotAnObject)
}

fn as_array(
    v: &Value,
    polygon: Option<usize>,
    ring: Option<usize>,
) -> Result<&Vec<Value>, GeometryError> {
    v.as_array()
        .ok_or(GeometryError::BadNesting { polygon, ring })
}

/// Counts positions without looking at them, so the cap fires before any per-number work.
fn count_positions(rings: &[&Vec<Value>]) -> usize {
    rings.iter().map(|r| r.len()).sum()
}

fn parse_position(v: &Value, at: RingRef, position: usize) -> Result<Coord<f64>, GeometryError> {
    let arr = v.as_array().ok_or(GeometryError::BadPosition {
        at,
        position,
        len: 0,
    })?;
    if arr.len() != 2 && arr.len() != 3 {
        return Err(GeometryError::BadPosition {
            at,
            position,
            len: arr.len(),
        });
    }
    let mut nums = [0.0f64; 2];
    for (i, slot) in nums.iter_mut().enumerate() {
        *slot = arr[i]
            .as_f64()
            .filter(|x| x.is_finite())
            .ok_or(GeometryError::NotANumber { at, position })?;
    }
    if let Some(z) = arr.get(2)
        && !z.as_f64().is_some_and(f64::is_finite)
    {
        return Err(GeometryError::NotANumber { at, position });
    }
    Ok(Coord {
        x: nums[0],
        y: nums[1],
    })
}

fn parse_ring(ring: &[Value], at: RingRef) -> Result<Vec<Coord<f64>>, GeometryError> {
    ring.iter()
        .enumerate()
        .map(|(i, p)| parse_position(p, at, i))
        .collect()
}

fn extract(obj: &Map<String, Value>, allow_line: bool) -> Result<Raw, GeometryError> {
    let ty = obj.get("type").and_then(Value::as_str).unwrap_or_default();
    let expected = if allow_line {
        POLYGON_OR_LINE
    } else {
        POLYGONAL
    };
    let coords = || {
        obj.get("coordinates").ok_or(GeometryError::BadMember {
            member: "coordinates",
        })
    };
    match ty {
        "Polygon" | "MultiPolygon" => {
            let multi = ty == "MultiPolygon";
            let top = as_array(coords()?, None, None)?;
            let polys: Vec<&Vec<Value>> = if multi {
                top.iter()
                    .enumerate()
                    .map(|(i, p)| as_array(p, Some(i), None))
                    .collect::<Result<_, _>>()?
            } else {
                vec![top]
            };
            let mut rings_by_poly: Vec<Vec<&Vec<Value>>> = Vec::with_capacity(polys.len());
            for (pi, p) in polys.iter().enumerate() {
                let pidx = multi.then_some(pi);
                rings_by_poly.push(
                    p.iter()
                        .enumerate()
                        .map(|(ri, r)| as_array(r, pidx, Some(ri)))
                        .collect::<Result<_, _>>()?,
                );
            }
            let total: usize = rings_by_poly.iter().map(|r| count_positions(r)).sum();
            if total > MAX_VERTICES {
                return Err(GeometryError::TooManyVertices { max: MAX_VERTICES });
            }
            let mut polygons = Vec::with_capacity(rings_by_poly.len());
            for (pi, rings) in rings_by_poly.iter().enumerate() {
                let pidx = multi.then_some(pi);
                let mut out = Vec::with_capacity(rings.len());
                for (ri, r) in rings.iter().enumerate() {
                    out.push(parse_ring(
                        r,
                        RingRef {
                            polygon: pidx,
                            ring: ri,
                        },
                    )?);
                }
                polygons.push(out);
            }
            Ok(Raw::Polygons { multi, polygons })
        }
        "LineString" if allow_line => {
            let line = as_array(coords()?, None, None)?;
            if line.len() > MAX_VERTICES {
                return Err(GeometryError::TooManyVertices { max: MAX_VERTICES });
            }
            Ok(Raw::Line(parse_ring(
                line,
                RingRef {
                    polygon: None,
                    ring: 0,
                },
            )?))
        }
        other => Err(GeometryError::WrongGeometryType {
            found: other.to_string(),
            expected,
        }),
    }
}

fn check_range(c: Coord<f64>, at: RingRef, position: usize) -> Result<(), GeometryError> {
    if (-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y) {
        Ok(())
    } else {
        Err(GeometryError::OutOfRange {
            at,
            position,
            lon: c.x,
            lat: c.y,
        })
    }
}

/// Range, closure and length checks, then CRS conversion and removal of repeated positions.
fn clean_polygons(
    multi: bool,
    polygons: RawPolygons,
    crs: Crs,
) -> Result<Vec<Vec<Vec<Coord<f64>>>>, GeometryError> {
    if polygons.is_empty() {
        return Err(GeometryError::Empty);
    }
    for (pi, rings) in polygons.iter().enumerate() {
        for (ri, ring) in rings.iter().enumerate() {
            let at = RingRef {
                polygon: multi.then_some(pi),
                ring: ri,
            };
            for (i, &c) in ring.iter().enumerate() {
                check_range(c, at, i)?;
            }
        }
    }
    let mut out = Vec::with_capacity(polygons.len());
    for (pi, rings) in polygons.into_iter().enumerate() {
        if rings.is_empty() {
            return Err(GeometryError::Empty);
        }
        let mut clean_rings = Vec::with_capacity(rings.len());
        for (ri, ring) in rings.into_iter().enumerate() {
            let at = RingRef {
                polygon: multi.then_some(pi),
                ring: ri,
            };
            if ring.len() < 4 {
                return Err(GeometryError::TooFewPositions {
                    at,
                    count: ring.len(),
                });
            }
            if ring.first() != ring.last() {
                return Err(GeometryError::RingNotClosed {
                    at,
                    lon: ring[0].x,
                    lat: ring[0].y,
                });
            }
            let mut converted: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
            for c in ring {
                let w = crs.to_wgs84(c);
                if converted.last() != Some(&w) {
                    converted.push(w);
                }
            }
            if converted.len() < 4 {
                return Err(GeometryError::TooFewPositions {
                    at,
                    count: converted.len(),
                });
            }
            clean_rings.push(converted);
        }
        out.push(clean_rings);
    }
    Ok(out)
}

fn bbox_centre(polygons: &[Vec<Vec<Coord<f64>>>]) -> Coord<f64> {
    let mut min = Coord {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = Coord {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    for c in polygons.iter().flatten().flatten() {
        min.x = min.x.min(c.x);
        min.y = min.y.min(c.y);
        max.x = max.x.max(c.x);
        max.y = max.y.max(c.y);
    }
    Coord {
        x: (min.x + max.x) / 2.0,
        y: (min.y + max.y) / 2.0,
    }
}

fn to_multi_polygon(polygons: Vec<Vec<Vec<Coord<f64>>>>) -> MultiPolygon<f64> {
    MultiPolygon(
        polygons
            .into_iter()
            .map(|rings| {
                let mut it = rings.into_iter().map(LineString);
                let shell = it.next().unwrap_or_else(|| LineString(vec![]));
                Polygon::new(shell, it.collect())
            })
            .collect(),
    )
}

fn polygons_from_value(value: &Value, allow_line: bool) -> Result<(Raw, bool), GeometryError> {
    let obj = geometry_object(value)?;
    let raw = extract(obj, allow_line)?;
    let multi = matches!(raw, Raw::Polygons { multi: true, .. });
    Ok((raw, multi))
}

/// Validates polygonal input in WGS-84 and builds the site (or zone) polygon.
fn validated_polygons(
    multi: bool,
    polygons: RawPolygons,
    crs: Crs,
) -> Result<SitePolygon, GeometryError> {
    let cleaned = clean_polygons(multi, polygons, crs)?;
    let proj = LocalProjection::new(bbox_centre(&cleaned));
    let wgs = to_multi_polygon(cleaned);
    let local = proj.multi_polygon_to_local(&wgs);
    check_rings_local(&local, multi, &proj)?;
    finish_site(wgs, crs, MIN_AREA_M2, MAX_AREA_M2)
}

/// Parses and validates a site boundary: a GeoJSON Polygon, MultiPolygon, a Feature with one,
/// or a FeatureCollection of exactly one such Feature, declared in `crs`.
pub fn parse_site_boundary(value: &Value, crs: Crs) -> Result<SitePolygon, GeometryError> {
    let (raw, multi) = polygons_from_value(value, false)?;
    match raw {
        Raw::Polygons { polygons, .. } => validated_polygons(multi, polygons, crs),
        Raw::Line(_) => Err(GeometryError::WrongGeometryType {
            found: "LineString".into(),
            expected: POLYGONAL,
        }),
    }
}

/// Parses a zone: a polygon (keep-clear area, food zone) or a LineString centre line buffered to
/// `width_m` (a fire lane). Lines become one rectangle per segment plus an octagon at each bend
/// so the lane has no notch on the outside of a turn.
pub fn parse_zone_shape(
    value: &Value,
    crs: Crs,
    width_m: Option<f64>,
) -> Result<ZoneShape, GeometryError> {
    let (raw, multi) = polygons_from_value(value, true)?;
    match raw {
        Raw::Polygons { polygons, .. } => {
            let site = validated_polygons(multi, polygons, crs)?;
            Ok(ZoneShape {
                wgs84: site.wgs84,
                centerline: None,
                width_m: None,
                source_crs: crs,
                area_m2: site.area_m2,
            })
        }
        Raw::Line(points) => {
            let width = match width_m {
                Some(w) if w.is_finite() && w > 0.0 && w <= MAX_LINE_WIDTH_M => w,
                other => return Err(GeometryError::InvalidWidth { value: other }),
            };
            let at = RingRef {
                polygon: None,
                ring: 0,
            };
            for (i, &c) in points.iter().enumerate() {
                check_range(c, at, i)?;
            }
            let mut line: Vec<Coord<f64>> = Vec::with_capacity(points.len());
            for c in points {
                let w = crs.to_wgs84(c);
                if line.last() != Some(&w) {
                    line.push(w);
                }
            }
            if line.len() < 2 {
                return Err(GeometryError::TooFewPositions {
                    at,
                    count: line.len(),
                });
            }
            let centre = LineString(line);
            let proj = LocalProjection::new(bbox_centre(&[vec![centre.0.clone()]]));
            let local = proj.line_to_local(&centre);
            let buffered = super::site::buffer_line_local(&local, width);
            let wgs84 = proj.multi_polygon_to_wgs84(&buffered);
            let length: f64 = local
                .0
                .windows(2)
                .map(|s| ((s[1].x - s[0].x).powi(2) + (s[1].y - s[0].y).powi(2)).sqrt())
                .sum();
            let area_m2 = length * width;
            if area_m2 > MAX_AREA_M2 {
                return Err(GeometryError::AreaTooLarge {
                    area_m2,
                    max_m2: MAX_AREA_M2,
                });
            }
            Ok(ZoneShape {
                wgs84,
                centerline: Some(centre),
                width_m: Some(width),
                source_crs: crs,
                area_m2,
            })
        }
    }
}
