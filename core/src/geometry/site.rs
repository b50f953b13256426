//! Validated site and zone shapes, and their GeoJSON output (RFC 7946, WGS-84, closed rings).

use super::crs::Crs;
use super::projection::LocalProjection;
use geo::{Coord, CoordsIter, LineString, MultiPolygon, Polygon};
use serde_json::{Value, json};

/// A validated site boundary.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePolygon {
    /// WGS-84 lon/lat, exterior rings counter-clockwise, holes clockwise.
    pub wgs84: MultiPolygon<f64>,
    /// The CRS the input was declared in (already converted).
    pub source_crs: Crs,
    /// Ellipsoidal area in m².
    pub area_m2: f64,
    /// [min lon, min lat, max lon, max lat].
    pub bbox: [f64; 4],
    /// Area centroid (lon, lat); the origin of the site's local projection.
    pub centroid: Coord<f64>,
}

impl SitePolygon {
    /// The site's local metric projection (origin at the centroid).
    pub fn projection(&self) -> LocalProjection {
        LocalProjection::new(self.centroid)
    }

    /// The site in metres east/north of its centroid.
    pub fn local(&self) -> MultiPolygon<f64> {
        self.projection().multi_polygon_to_local(&self.wgs84)
    }

    /// Number of stored positions (closing positions included).
    pub fn vertex_count(&self) -> usize {
        self.wgs84.coords_count()
    }

    pub fn to_geojson_geometry(&self) -> geojson::Geometry {
        multi_polygon_geometry(&self.wgs84)
    }

    pub fn to_geojson_value(&self) -> Value {
        multi_polygon_value(&self.wgs84)
    }
}

/// A validated zone (keep-clear area, fire lane, food zone) in WGS-84.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneShape {
    /// The zone's area (for a line: the buffered lane).
    pub wgs84: MultiPolygon<f64>,
    /// The drawn centre line when the zone was given as a LineString.
    pub centerline: Option<LineString<f64>>,
    pub width_m: Option<f64>,
    pub source_crs: Crs,
    pub area_m2: f64,
}

impl ZoneShape {
    /// The zone in the metres of a site's projection.
    pub fn local(&self, proj: &LocalProjection) -> MultiPolygon<f64> {
        proj.multi_polygon_to_local(&self.wgs84)
    }

    /// The zone's polygons in a site's metres, as `layout::generate` takes exclusions.
    pub fn local_polygons(&self, proj: &LocalProjection) -> Vec<Polygon<f64>> {
        self.local(proj).0
    }

    /// The area as GeoJSON; a line zone is given as its buffered polygons.
    pub fn to_geojson_value(&self) -> Value {
        multi_polygon_value(&self.wgs84)
    }

    pub fn to_geojson_geometry(&self) -> geojson::Geometry {
        multi_polygon_geometry(&self.wgs84)
    }
}

/// 1e-7 degrees is ~1 cm: plenty for a stall plan and keeps documents small.
fn round7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

fn ring_positions(r: &LineString<f64>) -> Vec<[f64; 2]> {
    let mut pts: Vec<[f64; 2]> = r.0.iter().map(|c| [round7(c.x), round7(c.y)]).collect();
    if let (Some(f), Some(l)) = (pts.first().copied(), pts.last().copied())
        && f != l
    {
        pts.push(f);
    }
    pts
}

fn polygon_positions(p: &Polygon<f64>) -> Vec<Vec<[f64; 2]>> {
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(ring_positions)
        .collect()
}

/// A single polygon is written as a Polygon, several as a MultiPolygon.
pub fn multi_polygon_geometry(mp: &MultiPolygon<f64>) -> geojson::Geometry {
    if let [only] = mp.0.as_slice() {
        geojson::Geometry::new_polygon(polygon_positions(only))
    } else {
        geojson::Geometry::new_multi_polygon(mp.0.iter().map(polygon_positions))
    }
}

/// Same as [`multi_polygon_geometry`], as a `serde_json::Value`.
pub fn multi_polygon_value(mp: &MultiPolygon<f64>) -> Value {
    if let [only] = mp.0.as_slice() {
        json!({"type": "Polygon", "coordinates": polygon_positions(only)})
    } else {
        let coords: Vec<_> = mp.0.iter().map(polygon_positions).collect();
        json!({"type": "MultiPolygon", "coordinates": coords})
    }
}

/// A single polygon (e.g. a stall converted back to lon/lat) as a GeoJSON value.
pub fn polygon_value(p: &Polygon<f64>) -> Value {
    json!({"type": "Polygon", "coordinates": polygon_positions(p)})
}

/// Buffers a centre line (metres) to a lane of `width`: one rectangle per segment and an octagon
/// over each interior vertex (covering the wedge a bend leaves open).
pub fn buffer_line_local(line: &LineString<f64>, width: f64) -> MultiPolygon<f64> {
    let h = width / 2.0;
    let mut out = Vec::new();
    for s in line.lines() {
        let (dx, dy) = (s.end.x - s.start.x, s.end.y - s.start.y);
        let len = dx.hypot(dy);
        if len <= 0.0 {
            continue;
        }
        let (nx, ny) = (-dy / len * h, dx / len * h);
        let ring = vec![
            Coord {
                x: s.start.x - nx,
                y: s.start.y - ny,
            },
            Coord {
                x: s.end.x - nx,
                y: s.end.y - ny,
            },
            Coord {
                x: s.end.x + nx,
                y: s.end.y + ny,
            },
            Coord {
                x: s.start.x + nx,
                y: s.start.y + ny,
            },
            Coord {
                x: s.start.x - nx,
                y: s.start.y - ny,
            },
        ];
        out.push(Polygon::new(LineString(ring), vec![]));
    }
    let n = line.0.len();
    if n > 2 {
        let r = h / (std::f64::consts::PI / 8.0).cos();
        for v in &line.0[1..n - 1] {
            let mut ring: Vec<Coord<f64>> = (0..8)
                .map(|k| {
                    let a = std::f64::consts::PI / 8.0 + k as f64 * std::f64::consts::PI / 4.0;
                    Coord {
                        x: v.x + r * a.cos(),
                        y: v.y + r * a.sin(),
                    }
                })
                .collect();
            ring.push(ring[0]);
            out.push(Polygon::new(LineString(ring), vec![]));
        }
    }
    MultiPolygon(out)
}
