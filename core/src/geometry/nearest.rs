//! The booked stall nearest to a reported position (a resident's complaint): distances in
//! local metres around the position, 0 inside a stall.

use super::projection::LocalProjection;
use geo::{Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use serde_json::Value;

/// A GeoJSON Polygon (WGS-84 text, as stored) as a polygon; `None` when it is not one with
/// finite positions of two numbers each.
pub fn parse_polygon(text: &str) -> Option<Polygon<f64>> {
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("type")?.as_str()? != "Polygon" {
        return None;
    }
    let rings = v.get("coordinates")?.as_array()?;
    let mut out: Vec<LineString<f64>> = Vec::with_capacity(rings.len());
    for ring in rings {
        let mut pts = Vec::new();
        for p in ring.as_array()? {
            let p = p.as_array()?;
            if p.len() < 2 {
                return None;
            }
            let (x, y) = (p[0].as_f64()?, p[1].as_f64()?);
            if !x.is_finite() || !y.is_finite() {
                return None;
            }
            pts.push(Coord { x, y });
        }
        if pts.len() < 4 {
            return None;
        }
        out.push(LineString::new(pts));
    }
    let mut it = out.into_iter();
    let exterior = it.next()?;
    Some(Polygon::new(exterior, it.collect()))
}

/// The first position of a stored GeoJSON polygon, read without parsing the whole text: a
/// cheap filter before [`parse_polygon`] when thousands of stalls are looked at.
pub fn first_position(text: &str) -> Option<Coord<f64>> {
    let start = text.find("[[[")? + 3;
    let rest = &text[start..];
    let end = rest.find(']')?;
    let mut it = rest[..end].split(',').map(|n| n.trim().parse::<f64>().ok());
    let (x, y) = (it.next()??, it.next()??);
    (x.is_finite() && y.is_finite()).then_some(Coord { x, y })
}

/// Whether `at` (lon/lat) lies in `area` (WGS-84).
pub fn contains(area: &MultiPolygon<f64>, at: Coord<f64>) -> bool {
    area.contains(&Point::from(at))
}

/// Distance in metres from the origin (0, 0) to the segment a–b.
fn to_segment(a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (-(a.x * dx + a.y * dy) / len2).clamp(0.0, 1.0)
    };
    let (px, py) = (a.x + t * dx, a.y + t * dy);
    (px * px + py * py).sqrt()
}

/// Distance in metres from `at` to `stall` (both WGS-84): 0 inside.
pub fn distance_m(at: Coord<f64>, stall: &Polygon<f64>) -> f64 {
    let proj = LocalProjection::new(at);
    let local = proj.polygon_to_local(stall);
    if local.contains(&Point::new(0.0, 0.0)) {
        return 0.0;
    }
    std::iter::once(local.exterior())
        .chain(local.interiors())
        .flat_map(|ring| ring.lines())
        .map(|l| to_segment(l.start, l.end))
        .fold(f64::INFINITY, f64::min)
}

/// The id and distance of the stall nearest to `at` within `radius_m` metres, if any; ties
/// go to the smaller id. Stalls whose bounding box is clearly farther are skipped unprojected.
pub fn nearest_within(
    at: Coord<f64>,
    stalls: &[(i64, Polygon<f64>)],
    radius_m: f64,
) -> Option<(i64, f64)> {
    // Degrees per metre, generously (a degree of longitude is shortest near the poles).
    let dlat = radius_m / 110_000.0 * 1.5;
    let dlon = dlat / at.y.to_radians().cos().abs().max(0.05);
    let mut best: Option<(i64, f64)> = None;
    for (id, poly) in stalls {
        let near = poly
            .exterior()
            .coords()
            .any(|c| (c.x - at.x).abs() <= dlon + 0.001 && (c.y - at.y).abs() <= dlat + 0.001);
        if !near {
            continue;
        }
        let d = distance_m(at, poly);
        if d <= radius_m && best.is_none_or(|(bid, bd)| d < bd || (d == bd && *id < bid)) {
            best = Some((*id, d));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2 m × 2 m square whose south-west corner is `x` m east of (100.81, 38.43).
    fn square(x: f64) -> Polygon<f64> {
        let proj = LocalProjection::new(Coord {
            x: 100.81,
            y: 38.43,
        });
        let c = |x: f64, y: f64| proj.to_wgs84(Coord { x, y });
        Polygon::new(
            LineString::new(vec![
                c(x, 0.0),
                c(x + 2.0, 0.0),
                c(x + 2.0, 2.0),
                c(x, 2.0),
                c(x, 0.0),
            ]),
            vec![],
        )
    }

    #[test]
    fn inside_a_stall_is_zero_and_the_nearest_within_the_radius_wins() {
        let at = Coord {
            x: 100.81,
            y: 38.43,
        };
        let proj = LocalProjection::new(at);
        let inside = proj.to_wgs84(Coord { x: 11.0, y: 1.0 });
        let stalls = vec![(1, square(10.0)), (2, square(20.0)), (3, square(100.0))];
        assert_eq!(nearest_within(inside, &stalls, 15.0).map(|b| b.0), Some(1));
        assert!(distance_m(inside, &stalls[0].1) < 1e-9);
        // 5 m west of stall 1: it is 5 m away; stall 2 is 15 m away.
        let west = proj.to_wgs84(Coord { x: 5.0, y: 1.0 });
        let (id, d) = nearest_within(west, &stalls, 15.0).unwrap();
        assert_eq!(id, 1);
        assert!((d - 5.0).abs() < 0.01, "{d}");
        // 60 m east of stall 2, 38 m from stall 3: nothing within 15 m.
        let far = proj.to_wgs84(Coord { x: 60.0, y: 1.0 });
        assert_eq!(nearest_within(far, &stalls, 15.0), None);
    }

    #[test]
    fn a_polygon_is_parsed_from_its_stored_text_and_junk_is_refused() {
        let text = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#;
        assert!(parse_polygon(text).is_some());
        assert!(parse_polygon("{}").is_none());
        assert_eq!(first_position(text), Some(Coord { x: 0.0, y: 0.0 }));
        assert_eq!(first_position("{}"), None);
        assert!(parse_polygon(r#"{"type":"Polygon","coordinates":[[[0,0],[1]]]}"#).is_none());
    }
}
