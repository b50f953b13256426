//! The ways an outline arrives besides GeoJSON: a pasted list of `lng,lat` points (as the Amap,
//! Tencent and Baidu pickers copy them), and an outline traced over an image of the site placed
//! by two reference points, or by scale and rotation at one point. Each becomes the same GeoJSON
//! Polygon the GeoJSON path takes, so the server checks every outline in one place.

use crate::error::{AppError, AppResult};
use crate::geometry::{Crs, GeometryError, LocalProjection, out_of_china};
use crate::i18n::Msg;
use crate::i18n::texts::workbench as t;
use geo::Coord;
use serde_json::{Value, json};

/// Most points a pasted or traced outline may have (the GeoJSON path has its own cap).
const MAX_POINTS: usize = 5_000;

fn invalid(field: &str, msg: Msg) -> AppError {
    AppError::Invalid {
        code: "invalid_geometry",
        message: msg,
        field: Some(field.to_owned()),
    }
}

/// Splits a pasted list into points: one a line, `;`-separated, or as the pickers' path
/// tools copy a polygon (`[[lng,lat],[lng,lat]]`); within a point the two numbers are separated
/// by a comma (ASCII or full-width) or blanks.
fn split_points(text: &str) -> Vec<&str> {
    text.split(['\n', ';', '；', ']'])
        .map(|s| s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '[' | ',' | '，')))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Two numbers of one point (`"100.8, 38.4"`); `None` if it is not two finite numbers.
fn two_numbers(s: &str) -> Option<(f64, f64)> {
    let parts: Vec<&str> = s
        .split([',', '，', ' ', '\t'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b] = parts.as_slice() else {
        return None;
    };
    let a: f64 = a.parse().ok()?;
    let b: f64 = b.parse().ok()?;
    (a.is_finite() && b.is_finite()).then_some((a, b))
}

/// Parses a pasted coordinate list in `crs` into a closed GeoJSON Polygon (still in `crs`).
/// A point given as `lat,lng` (Tencent's picker) is recognised when only that order makes
/// sense (first number ≤ 90, second > 90). `field` names the form field for errors.
pub fn points_polygon(text: &str, crs: Crs, field: &str) -> AppResult<Value> {
    let items = split_points(text);
    if items.len() > MAX_POINTS {
        return Err(invalid(
            field,
            Msg::with("workbench-too-many-points", [("max", MAX_POINTS.into())]),
        ));
    }
    let mut ring: Vec<Coord<f64>> = Vec::with_capacity(items.len() + 1);
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let Some((a, b)) = two_numbers(item) else {
            return Err(invalid(
                field,
                Msg::with(
                    "workbench-point-not-a-number",
                    [
                        ("n", n.into()),
                        ("text", item.chars().take(40).collect::<String>().into()),
                    ],
                ),
            ));
        };
        let (lng, lat) = if a.abs() <= 90.0 && b.abs() > 90.0 {
            (b, a)
        } else {
            (a, b)
        };
        if !(-180.0..=180.0).contains(&lng) || !(-90.0..=90.0).contains(&lat) {
            return Err(invalid(
                field,
                Msg::with("workbench-point-out-of-range", [("n", n.into())]),
            ));
        }
        let c = Coord { x: lng, y: lat };
        if crs != Crs::Wgs84 && out_of_china(c) {
            return Err(invalid(
                field,
                Msg::with(
                    "workbench-point-outside-china",
                    [("n", n.into()), ("crs", crs_name(crs).into())],
                ),
            ));
        }
        if ring.last() != Some(&c) {
            ring.push(c);
        }
    }
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() < 3 {
        return Err(invalid(
            field,
            Msg::with("workbench-too-few-points", [("count", ring.len().into())]),
        ));
    }
    Ok(polygon_value(&ring))
}

fn crs_name(crs: Crs) -> &'static str {
    match crs {
        Crs::Wgs84 => "WGS-84",
        Crs::Gcj02 => "GCJ-02",
        Crs::Bd09 => "BD-09",
    }
}

fn polygon_value(ring: &[Coord<f64>]) -> Value {
    let mut coords: Vec<Value> = ring.iter().map(|c| json!([c.x, c.y])).collect();
    if let Some(first) = coords.first().cloned() {
        coords.push(first);
    }
    json!({ "type": "Polygon", "coordinates": [coords] })
}

/// Whether `head` (the first bytes of an upload) is a PNG or a JPEG, by its magic bytes.
pub fn is_png_or_jpeg(head: &[u8]) -> bool {
    head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// How a traced image is placed on the earth.
#[derive(Debug, Default, Clone)]
pub struct TraceForm {
    /// The first bytes of the image (the browser sends only these; the image stays there).
    pub image_head: Vec<u8>,
    /// The traced outline in image pixels, `x,y` a line (y down).
    pub trace_px: String,
    /// Reference point A in image pixels, `x,y`.
    pub ref_a_px: String,
    /// Reference point A on the earth, `lng,lat` in the form's CRS.
    pub ref_a: String,
    /// Reference point B in image pixels (two-point placement).
    pub ref_b_px: String,
    /// Reference point B on the earth.
    pub ref_b: String,
    /// Metres per image pixel (one-point placement).
    pub scale_m_per_px: String,
    /// Clockwise degrees from north to the image's up (one-point placement).
    pub rotation_deg: String,
}

impl TraceForm {
    /// Whether anything was traced.
    pub fn is_used(&self) -> bool {
        !self.trace_px.trim().is_empty()
    }
}

fn pair(text: &str, field: &str) -> AppResult<(f64, f64)> {
    two_numbers(text.trim()).ok_or_else(|| {
        invalid(
            field,
            Msg::with(
                "workbench-ref-not-a-number",
                [(
                    "text",
                    text.trim().chars().take(40).collect::<String>().into(),
                )],
            ),
        )
    })
}

fn number(text: &str, field: &str) -> AppResult<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            invalid(
                field,
                Msg::with(
                    "workbench-ref-not-a-number",
                    [(
                        "text",
                        text.trim().chars().take(40).collect::<String>().into(),
                    )],
                ),
            )
        })
}

/// Image pixel (y down) → a complex number in a y-up frame.
fn px(p: (f64, f64)) -> (f64, f64) {
    (p.0, -p.1)
}

fn cmul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn cdiv(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let d = b.0 * b.0 + b.1 * b.1;
    ((a.0 * b.0 + a.1 * b.1) / d, (a.1 * b.0 - a.0 * b.1) / d)
}

/// The traced outline placed on the earth, as a GeoJSON Polygon in `crs` (the reference
/// coordinates' system). Two reference points fix position, scale and rotation; without B,
/// scale and rotation at A do.
pub fn traced_polygon(form: &TraceForm, crs: Crs) -> AppResult<Value> {
    if !is_png_or_jpeg(&form.image_head) {
        return Err(invalid("trace_image", t::NOT_AN_IMAGE.into()));
    }
    let a_px = px(pair(&form.ref_a_px, "ref_a_px")?);
    let a_geo = lng_lat(pair(&form.ref_a, "ref_a")?, crs, "ref_a")?;
    let projection = LocalProjection::new(a_geo);
    // s maps an image vector (y up) to a local-metre vector (x east, y north).
    let s = if form.ref_b.trim().is_empty() && form.ref_b_px.trim().is_empty() {
        let scale = number(&form.scale_m_per_px, "scale_m_per_px")?;
        if !(scale > 0.0 && scale < 1_000.0) {
            return Err(invalid("scale_m_per_px", t::SCALE_INVALID.into()));
        }
        let rotation = number(&form.rotation_deg, "rotation_deg")?.to_radians();
        (scale * rotation.cos(), -scale * rotation.sin())
    } else {
        let b_px = px(pair(&form.ref_b_px, "ref_b_px")?);
        let b_geo = lng_lat(pair(&form.ref_b, "ref_b")?, crs, "ref_b")?;
        let b_m = projection.to_local(b_geo);
        let d_px = (b_px.0 - a_px.0, b_px.1 - a_px.1);
        if d_px.0.hypot(d_px.1) < 1.0 {
            return Err(invalid("ref_b_px", t::REFS_COINCIDE_PX.into()));
        }
        if b_m.x.hypot(b_m.y) < 0.5 {
            return Err(invalid("ref_b", t::REFS_COINCIDE.into()));
        }
        cdiv((b_m.x, b_m.y), d_px)
    };
    let mut lines = Vec::new();
    for (i, item) in split_points(&form.trace_px).iter().enumerate() {
        let p = two_numbers(item).ok_or_else(|| {
            invalid(
                "trace_px",
                Msg::with(
                    "workbench-point-not-a-number",
                    [
                        ("n", (i + 1).into()),
                        ("text", item.chars().take(40).collect::<String>().into()),
                    ],
                ),
            )
        })?;
        let v = px(p);
        let m = cmul(s, (v.0 - a_px.0, v.1 - a_px.1));
        let c = projection.to_wgs84(Coord { x: m.0, y: m.1 });
        lines.push(format!("{:.8},{:.8}", c.x, c.y));
    }
    points_polygon(&lines.join("\n"), Crs::Wgs84, "trace_px")
}

fn lng_lat(p: (f64, f64), crs: Crs, field: &str) -> AppResult<Coord<f64>> {
    let (lng, lat) = if p.0.abs() <= 90.0 && p.1.abs() > 90.0 {
        (p.1, p.0)
    } else {
        p
    };
    let c = Coord { x: lng, y: lat };
    if !(-180.0..=180.0).contains(&lng) || !(-90.0..=90.0).contains(&lat) {
        return Err(invalid(
            field,
            Msg::with("workbench-point-out-of-range", [("n", 1usize.into())]),
        ));
    }
    if crs != Crs::Wgs84 && out_of_china(c) {
        return Err(invalid(
            field,
            Msg::with(
                "workbench-point-outside-china",
                [("n", 1usize.into()), ("crs", crs_name(crs).into())],
            ),
        ));
    }
    Ok(c)
}

/// Where on the earth (WGS-84 lon, lat) a refused outline is at fault, when the fault has a
/// place: the map draws a marker there.
pub fn fault_place(e: &GeometryError) -> Option<(f64, f64)> {
    use GeometryError as E;
    match e {
        E::OutOfRange { lon, lat, .. }
        | E::RingNotClosed { lon, lat, .. }
        | E::SelfIntersection { lon, lat, .. }
        | E::Spike { lon, lat, .. }
        | E::HoleOutsideShell { lon, lat, .. }
        | E::RingsIntersect { lon, lat, .. } => {
            (lon.is_finite() && lat.is_finite()).then_some((*lon, *lat))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(v: &Value) -> Vec<(f64, f64)> {
        v["coordinates"][0]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
            .collect()
    }

    #[test]
    fn a_list_one_a_line_or_separated_by_semicolons_gives_the_same_closed_ring() {
        let lines =
            points_polygon("100.1,38.1\n100.2,38.1\n100.2,38.2\n", Crs::Wgs84, "points").unwrap();
        let semis =
            points_polygon("100.1,38.1;100.2,38.1;100.2,38.2", Crs::Wgs84, "points").unwrap();
        assert_eq!(lines, semis);
        let r = ring(&lines);
        assert_eq!(r.len(), 4);
        assert_eq!(r[0], r[3]);
    }

    #[test]
    fn a_path_copied_as_nested_brackets_gives_the_same_ring() {
        let lines = points_polygon("100.1,38.1\n100.2,38.1\n100.2,38.2", Crs::Wgs84, "points");
        let nested = points_polygon(
            "[[100.1, 38.1], [100.2, 38.1],\n [100.2, 38.2]]",
            Crs::Wgs84,
            "points",
        );
        assert_eq!(lines.unwrap(), nested.unwrap());
    }

    #[test]
    fn tencent_lat_lng_order_is_recognised() {
        let v =
            points_polygon("38.1,100.1；38.1，100.2；38.2,100.2", Crs::Gcj02, "points").unwrap();
        assert_eq!(ring(&v)[0], (100.1, 38.1));
    }

    #[test]
    fn two_points_a_word_and_a_gcj02_point_in_europe_are_refused() {
        assert!(points_polygon("1,2\n3,4", Crs::Wgs84, "points").is_err());
        assert!(points_polygon("1,2\nabc\n3,4", Crs::Wgs84, "points").is_err());
        assert!(points_polygon("2.3,48.8\n2.4,48.8\n2.4,48.9", Crs::Gcj02, "points").is_err());
        assert!(points_polygon("2.3,48.8\n2.4,48.8\n2.4,48.9", Crs::Wgs84, "points").is_ok());
    }

    #[test]
    fn magic_bytes_tell_png_and_jpeg_from_text() {
        assert!(is_png_or_jpeg(b"\x89PNG\r\n\x1a\n...."));
        assert!(is_png_or_jpeg(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(!is_png_or_jpeg(b"GIF89a"));
        assert!(!is_png_or_jpeg(b"<svg"));
    }

    #[test]
    fn two_reference_points_and_scale_with_rotation_place_the_same_square() {
        let a = Coord {
            x: 100.81,
            y: 38.43,
        };
        let proj = LocalProjection::new(a);
        // Image up is east (rotated 90° clockwise); 0.5 m a pixel; B is 100 px to the right = 50 m south.
        let b = proj.to_wgs84(Coord { x: 0.0, y: -50.0 });
        let base = TraceForm {
            image_head: b"\x89PNG\r\n\x1a\n".to_vec(),
            trace_px: "0,0\n100,0\n100,100\n0,100".into(),
            ref_a_px: "0,0".into(),
            ref_a: format!("{},{}", a.x, a.y),
            ..Default::default()
        };
        let two = TraceForm {
            ref_b_px: "100,0".into(),
            ref_b: format!("{:.9},{:.9}", b.x, b.y),
            ..base.clone()
        };
        let one = TraceForm {
            scale_m_per_px: "0.5".into(),
            rotation_deg: "90".into(),
            ..base
        };
        let r2 = ring(&traced_polygon(&two, Crs::Wgs84).unwrap());
        let r1 = ring(&traced_polygon(&one, Crs::Wgs84).unwrap());
        for (p, q) in r1.iter().zip(&r2) {
            let d =
                proj.to_local(Coord { x: p.0, y: p.1 }) - proj.to_local(Coord { x: q.0, y: q.1 });
            assert!(d.x.hypot(d.y) < 0.01, "{p:?} vs {q:?}");
        }
        // Pixel (0,100) is 50 m down the image = 50 m west when up is east.
        let west = proj.to_local(Coord {
            x: r1[3].0,
            y: r1[3].1,
        });
        assert!(
            (west.x + 50.0).abs() < 0.01 && west.y.abs() < 0.01,
            "{west:?}"
        );
    }

    #[test]
    fn coinciding_reference_points_are_refused() {
        let form = TraceForm {
            image_head: vec![0xFF, 0xD8, 0xFF],
            trace_px: "0,0\n10,0\n10,10".into(),
            ref_a_px: "5,5".into(),
            ref_a: "100.81,38.43".into(),
            ref_b_px: "5,5".into(),
            ref_b: "100.82,38.43".into(),
            ..Default::default()
        };
        let e = traced_polygon(&form, Crs::Wgs84).unwrap_err();
        assert_eq!(e.field(), Some("ref_b_px"));
    }
}
