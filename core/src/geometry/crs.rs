//! Coordinate reference systems accepted on input and the WGS-84 / GCJ-02 / BD-09 conversions.
//!
//! Chinese map pickers (Amap, Tencent: GCJ-02; Baidu: BD-09) return obfuscated coordinates.
//! Everything is stored in WGS-84, so input is converted on the way in. The forward formulas are
//! the published ones; the inverses are solved iteratively so a round trip is below 1 mm.

use geo::Coord;
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// The coordinate system a client declared for its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    #[default]
    Wgs84,
    Gcj02,
    Bd09,
}

impl Crs {
    /// Parses "wgs84", "gcj02" or "bd09" (case-insensitive, surrounding blanks ignored).
    pub fn parse(s: &str) -> Option<Crs> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wgs84" => Some(Crs::Wgs84),
            "gcj02" => Some(Crs::Gcj02),
            "bd09" => Some(Crs::Bd09),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Bd09 => "bd09",
        }
    }

    /// Converts a coordinate declared in this system to WGS-84.
    pub fn to_wgs84(&self, c: Coord<f64>) -> Coord<f64> {
        match self {
            Crs::Wgs84 => c,
            Crs::Gcj02 => gcj02_to_wgs84(c),
            Crs::Bd09 => bd09_to_wgs84(c),
        }
    }
}

impl std::fmt::Display for Crs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
const GCJ_A: f64 = 6_378_245.0;
const GCJ_EE: f64 = 0.006_693_421_622_965_943;
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// The usual bounding box test: GCJ-02 is only applied inside (roughly) China.
pub fn out_of_china(c: Coord<f64>) -> bool {
    !(72.004..=137.8347).contains(&c.x) || !(0.8293..=55.8271).contains(&c.y)
}

fn transform_lat(x: f64, y: f64) -> f64 {
    let mut ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    ret += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    ret += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    ret += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    ret
}

fn transform_lng(x: f64, y: f64) -> f64 {
    let mut ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    ret += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    ret += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    ret += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    ret
}

/// WGS-84 → GCJ-02 (identity outside China).
pub fn wgs84_to_gcj02(c: Coord<f64>) -> Coord<f64> {
    if out_of_china(c) {
        return c;
    }
    let (lng, lat) = (c.x, c.y);
    let mut dlat = transform_lat(lng - 105.0, lat - 35.0);
    let mut dlng = transform_lng(lng - 105.0, lat - 35.0);
    let radlat = lat / 180.0 * PI;
    let magic = 1.0 - GCJ_EE * radlat.sin() * radlat.sin();
    let sqrtmagic = magic.sqrt();
    dlat = (dlat * 180.0) / ((GCJ_A * (1.0 - GCJ_EE)) / (magic * sqrtmagic) * PI);
    dlng = (dlng * 180.0) / (GCJ_A / sqrtmagic * radlat.cos() * PI);
    Coord {
        x: lng + dlng,
        y: lat + dlat,
    }
}

/// Solves `forward(p) = target` by fixed-point iteration. The offsets vary slowly (their
/// derivative is ~1e-5), so each step gains about five digits; 1e-12 degrees is ~0.1 µm.
fn invert(target: Coord<f64>, forward: impl Fn(Coord<f64>) -> Coord<f64>) -> Coord<f64> {
    let mut p = target;
    for _ in 0..30 {
        let f = forward(p);
        let (dx, dy) = (f.x - target.x, f.y - target.y);
        if !dx.is_finite() || !dy.is_finite() {
            return p;
        }
        p = Coord {
            x: p.x - dx,
            y: p.y - dy,
        };
        if dx.abs() < 1e-12 && dy.abs() < 1e-12 {
            break;
        }
    }
    p
}

/// GCJ-02 → WGS-84 by iterating the forward transform (error far below 1 mm).
pub fn gcj02_to_wgs84(c: Coord<f64>) -> Coord<f64> {
    if out_of_china(c) {
        return c;
    }
    invert(c, wgs84_to_gcj02)
}

/// GCJ-02 → BD-09 (Baidu).
pub fn gcj02_to_bd09(c: Coord<f64>) -> Coord<f64> {
    let (x, y) = (c.x, c.y);
    let z = (x * x + y * y).sqrt() + 0.00002 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) + 0.000003 * (x * BD_X_PI).cos();
    Coord {
        x: z * theta.cos() + 0.0065,
        y: z * theta.sin() + 0.006,
    }
}

/// BD-09 → GCJ-02: the closed-form approximation refined by iterating the forward transform,
/// because the closed form alone is only good to a few decimetres.
pub fn bd09_to_gcj02(c: Coord<f64>) -> Coord<f64> {
    let x = c.x - 0.0065;
    let y = c.y - 0.006;
    let z = (x * x + y * y).sqrt() - 0.00002 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) - 0.000003 * (x * BD_X_PI).cos();
    let start = Coord {
        x: z * theta.cos(),
        y: z * theta.sin(),
    };
    let mut p = start;
    for _ in 0..30 {
        let f = gcj02_to_bd09(p);
        let (dx, dy) = (f.x - c.x, f.y - c.y);
        if !dx.is_finite() || !dy.is_finite() {
            return start;
        }
        p = Coord {
            x: p.x - dx,
            y: p.y - dy,
        };
        if dx.abs() < 1e-12 && dy.abs() < 1e-12 {
            break;
        }
    }
    p
}

/// WGS-84 → BD-09 (through GCJ-02).
pub fn wgs84_to_bd09(c: Coord<f64>) -> Coord<f64> {
    gcj02_to_bd09(wgs84_to_gcj02(c))
}

/// BD-09 → WGS-84 (through GCJ-02).
pub fn bd09_to_wgs84(c: Coord<f64>) -> Coord<f64> {
    gcj02_to_wgs84(bd09_to_gcj02(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    /// Ground distance in metres for tiny offsets near `at`.
    fn metres(a: Coord<f64>, b: Coord<f64>) -> f64 {
        let k = 111_320.0;
        let dx = (a.x - b.x) * k * a.y.to_radians().cos();
        let dy = (a.y - b.y) * k;
        (dx * dx + dy * dy).sqrt()
    }

    #[test]
    fn wgs84_to_gcj02_matches_the_published_vector() {
        let g = wgs84_to_gcj02(c(116.404, 39.915));
        assert!((g.x - 116.41024449916938).abs() < 1e-9, "{g:?}");
        assert!((g.y - 39.91640428150164).abs() < 1e-9, "{g:?}");
    }

    #[test]
    fn gcj02_to_bd09_matches_the_published_vector() {
        let b = gcj02_to_bd09(c(116.404, 39.915));
        assert!((b.x - 116.41036949371029).abs() < 1e-9, "{b:?}");
        assert!((b.y - 39.92133699351021).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn outside_china_gcj02_is_wgs84() {
        let p = c(2.35, 48.85);
        assert_eq!(wgs84_to_gcj02(p), p);
        assert_eq!(gcj02_to_wgs84(p), p);
    }

    #[test]
    fn round_trips_are_below_a_millimetre_across_china() {
        for &(x, y) in &[
            (100.81, 38.43),
            (116.404, 39.915),
            (121.47, 31.23),
            (87.6, 43.8),
            (126.6, 45.7),
            (110.3, 20.0),
            (91.1, 29.65),
        ] {
            let p = c(x, y);
            let back = gcj02_to_wgs84(wgs84_to_gcj02(p));
            assert!(metres(p, back) < 1e-3, "gcj round trip at {p:?}: {back:?}");
            let back = bd09_to_gcj02(gcj02_to_bd09(p));
            assert!(metres(p, back) < 1e-3, "bd round trip at {p:?}: {back:?}");
            let back = bd09_to_wgs84(wgs84_to_bd09(p));
            assert!(
                metres(p, back) < 1e-3,
                "wgs-bd round trip at {p:?}: {back:?}"
            );
        }
    }

    #[test]
    fn crs_names_parse_and_print() {
        for crs in [Crs::Wgs84, Crs::Gcj02, Crs::Bd09] {
            assert_eq!(Crs::parse(crs.as_str()), Some(crs));
        }
        assert_eq!(Crs::parse(" GCJ02 "), Some(Crs::Gcj02));
        assert_eq!(Crs::parse("epsg:3857"), None);
    }
}
