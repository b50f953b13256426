//! Geometry input errors: structured (which polygon, ring, position, where) and bilingual.
//!
//! Each variant carries enough to point a manager at the fault on the map; `message` renders it
//! in Simplified Chinese or English, `code` gives the API error code.

use std::fmt;

/// Where in the input a ring lives: `polygon` is `None` for a plain Polygon, so messages do not
/// talk about "polygon 0" to someone who drew only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingRef {
    pub polygon: Option<usize>,
    /// Index within the polygon's coordinate array: 0 is the outer boundary, 1.. are holes.
    pub ring: usize,
}

impl RingRef {
    fn en(&self) -> String {
        match self.polygon {
            Some(p) => format!("polygon {p}, ring {}", self.ring),
            None => format!("ring {}", self.ring),
        }
    }
    fn zh(&self) -> String {
        match self.polygon {
            Some(p) => format!("第 {p} 个多边形的第 {} 个环", self.ring),
            None => format!("第 {} 个环", self.ring),
        }
    }
}

/// A geometry that cannot be accepted, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum GeometryError {
    /// The body is not a JSON object.
    NotAnObject,
    /// A required member (`type`, `coordinates`, `geometry`, `features`) is missing or has the
    /// wrong JSON type.
    BadMember {
        member: &'static str,
    },
    /// `type` names something that is not GeoJSON.
    UnknownType {
        found: String,
    },
    /// A valid GeoJSON geometry of the wrong kind (Point, LineString, …).
    WrongGeometryType {
        found: String,
        expected: &'static str,
    },
    /// A FeatureCollection must hold exactly one feature.
    FeatureCollectionSize {
        count: usize,
    },
    /// The coordinates array is not nested as the geometry type requires.
    BadNesting {
        polygon: Option<usize>,
        ring: Option<usize>,
    },
    /// A position does not have 2 (or 3) elements.
    BadPosition {
        at: RingRef,
        position: usize,
        len: usize,
    },
    /// A position element is not a finite number.
    NotANumber {
        at: RingRef,
        position: usize,
    },
    /// More vertices than we are willing to validate.
    TooManyVertices {
        max: usize,
    },
    /// Longitude outside [-180, 180] or latitude outside [-90, 90].
    OutOfRange {
        at: RingRef,
        position: usize,
        lon: f64,
        lat: f64,
    },
    /// First and last positions differ.
    RingNotClosed {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// Fewer than 4 positions (or fewer than 3 distinct corners).
    TooFewPositions {
        at: RingRef,
        count: usize,
    },
    /// The ring crosses or touches itself.
    SelfIntersection {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// The ring doubles back on itself (a zero-width spike).
    Spike {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// The ring encloses no area (all corners on a line).
    ZeroArea {
        at: RingRef,
    },
    /// A hole is not inside its outer ring.
    HoleOutsideShell {
        at: RingRef,
        lon: f64,
        lat: f64,
    },
    /// Two rings of one polygon cross or share an edge.
    RingsIntersect {
        polygon: Option<usize>,
        ring_a: usize,
        ring_b: usize,
        lon: f64,
        lat: f64,
    },
    /// Two polygons of a MultiPolygon overlap or share an edge.
    PolygonsOverlap {
        polygon_a: usize,
        polygon_b: usize,
    },
    /// No polygon at all.
    Empty,
    AreaTooSmall {
        area_m2: f64,
        min_m2: f64,
    },
    AreaTooLarge {
        area_m2: f64,
        max_m2: f64,
    },
    /// A LineString zone needs a positive, finite, sane width.
    InvalidWidth {
        value: Option<f64>,
    },
}

fn ll(lon: f64, lat: f64) -> String {
    format!("{lon:.4}, {lat:.4}")
}

impl GeometryError {
    /// The API error code: `geometry_too_large` for the vertex cap (HTTP 413), otherwise
    /// `invalid_geometry` (HTTP 422).
    pub fn code(&self) -> &'static str {
        match self {
            GeometryError::TooManyVertices { .. } => "geometry_too_large",
            _ => "invalid_geometry",
        }
    }

    /// A human message, Simplified Chinese when `lang_zh`, else English.
    pub fn message(&self, lang_zh: bool) -> String {
        use GeometryError as E;
        if lang_zh {
            match self {
                E::NotAnObject => "几何数据必须是 GeoJSON 对象".into(),
                E::BadMember { member } => format!("GeoJSON 缺少或错误的成员 \"{member}\""),
                E::UnknownType { found } => format!("未知的 GeoJSON 类型 \"{found}\""),
                E::WrongGeometryType { found, expected } => {
                    format!("几何类型必须是 {expected}，收到的是 {found}")
                }
                E::FeatureCollectionSize { count } => {
                    format!("FeatureCollection 必须恰好包含 1 个要素，实际为 {count} 个")
                }
                E::BadNesting { polygon, ring } => match (polygon, ring) {
                    (Some(p), Some(r)) => format!("第 {p} 个多边形的第 {r} 个环的坐标嵌套层次不对"),
                    (None, Some(r)) => format!("第 {r} 个环的坐标嵌套层次不对"),
                    (Some(p), None) => format!("第 {p} 个多边形的坐标嵌套层次不对"),
                    (None, None) => "coordinates 的嵌套层次不对".into(),
                },
                E::BadPosition { at, position, len } => format!(
                    "{}的第 {position} 个坐标应有 2 个数（经度、纬度），实际有 {len} 个",
                    at.zh()
                ),
                E::NotANumber { at, position } => {
                    format!("{}的第 {position} 个坐标不是有限的数字", at.zh())
                }
                E::TooManyVertices { max } => format!("顶点过多：最多允许 {max} 个"),
                E::OutOfRange {
                    at,
                    position,
                    lon,
                    lat,
                } => format!(
                    "{}的第 {position} 个坐标超出范围（经度 {lon}，纬度 {lat}）：经度应在 -180 到 180 之间，纬度应在 -90 到 90 之间",
                    at.zh()
                ),
                E::RingNotClosed { at, lon, lat } => format!(
                    "{}没有闭合：首尾坐标必须相同（起点 {}）",
                    at.zh(),
                    ll(*lon, *lat)
                ),
                E::TooFewPositions { at, count } => format!(
                    "{}只有 {count} 个坐标：至少需要 4 个（3 个不同的角点并闭合）",
                    at.zh()
                ),
                E::SelfIntersection { at, lon, lat } => {
                    format!("{}在 {} 附近自相交", at.zh(), ll(*lon, *lat))
                }
                E::Spike { at, lon, lat } => {
                    format!(
                        "{}在 {} 附近有零面积的尖刺（折返）",
                        at.zh(),
                        ll(*lon, *lat)
                    )
                }
                E::ZeroArea { at } => format!("{}的面积为零", at.zh()),
                E::HoleOutsideShell { at, lon, lat } => format!(
                    "{}（内洞）不在外边界内，位置在 {} 附近",
                    at.zh(),
                    ll(*lon, *lat)
                ),
                E::RingsIntersect {
                    polygon,
                    ring_a,
                    ring_b,
                    lon,
                    lat,
                } => {
                    let p = polygon
                        .map(|p| format!("第 {p} 个多边形的"))
                        .unwrap_or_default();
                    format!(
                        "{p}第 {ring_a} 个环和第 {ring_b} 个环在 {} 附近相交",
                        ll(*lon, *lat)
                    )
                }
                E::PolygonsOverlap {
                    polygon_a,
                    polygon_b,
                } => format!("第 {polygon_a} 个多边形和第 {polygon_b} 个多边形重叠或共边"),
                E::Empty => "几何中没有任何多边形".into(),
                E::AreaTooSmall { area_m2, min_m2 } => {
                    format!("面积 {area_m2:.2} 平方米太小：至少需要 {min_m2} 平方米")
                }
                E::AreaTooLarge { area_m2, max_m2 } => format!(
                    "面积 {:.3} 平方公里太大：最多 {} 平方公里",
                    area_m2 / 1e6,
                    max_m2 / 1e6
                ),
                E::InvalidWidth { value } => match value {
                    Some(v) => format!("线状分区的宽度 {v} 无效：应为大于 0、不超过 50 米的数"),
                    None => "线状分区（如消防通道中心线）需要给出宽度".into(),
                },
            }
        } else {
            match self {
                E::NotAnObject => "geometry must be a GeoJSON object".into(),
                E::BadMember { member } => {
                    format!("GeoJSON member \"{member}\" is missing or has the wrong type")
                }
                E::UnknownType { found } => format!("unknown GeoJSON type \"{found}\""),
                E::WrongGeometryType { found, expected } => {
                    format!("geometry must be a {expected}, got a {found}")
                }
                E::FeatureCollectionSize { count } => format!(
                    "a FeatureCollection must hold exactly one feature, this one has {count}"
                ),
                E::BadNesting { polygon, ring } => match (polygon, ring) {
                    (Some(p), Some(r)) => {
                        format!("coordinates of polygon {p}, ring {r} are not nested correctly")
                    }
                    (None, Some(r)) => format!("coordinates of ring {r} are not nested correctly"),
                    (Some(p), None) => {
                        format!("coordinates of polygon {p} are not nested correctly")
                    }
                    (None, None) => "coordinates are not nested correctly".into(),
                },
                E::BadPosition { at, position, len } => format!(
                    "{} position {position} must have 2 numbers (lon, lat), it has {len}",
                    at.en()
                ),
                E::NotANumber { at, position } => {
                    format!("{} position {position} is not a finite number", at.en())
                }
                E::TooManyVertices { max } => {
                    format!("too many vertices: at most {max} are allowed")
                }
                E::OutOfRange {
                    at,
                    position,
                    lon,
                    lat,
                } => format!(
                    "{} position {position} is out of range (lon {lon}, lat {lat}): lon must be within [-180, 180] and lat within [-90, 90]",
                    at.en()
                ),
                E::RingNotClosed { at, lon, lat } => format!(
                    "{} is not closed: its first and last positions must be equal (starts at {})",
                    at.en(),
                    ll(*lon, *lat)
                ),
                E::TooFewPositions { at, count } => format!(
                    "{} has {count} positions: at least 4 are needed (3 distinct corners, closed)",
                    at.en()
                ),
                E::SelfIntersection { at, lon, lat } => {
                    format!("{} crosses itself near {}", at.en(), ll(*lon, *lat))
                }
                E::Spike { at, lon, lat } => format!(
                    "{} has a zero-area spike (it doubles back) near {}",
                    at.en(),
                    ll(*lon, *lat)
                ),
                E::ZeroArea { at } => format!("{} encloses no area", at.en()),
                E::HoleOutsideShell { at, lon, lat } => format!(
                    "{} (a hole) is not inside the outer ring, near {}",
                    at.en(),
                    ll(*lon, *lat)
                ),
                E::RingsIntersect {
                    polygon,
                    ring_a,
                    ring_b,
                    lon,
                    lat,
                } => {
                    let p = polygon
                        .map(|p| format!("polygon {p}: "))
                        .unwrap_or_default();
                    format!(
                        "{p}ring {ring_a} and ring {ring_b} intersect near {}",
                        ll(*lon, *lat)
                    )
                }
                E::PolygonsOverlap {
                    polygon_a,
                    polygon_b,
                } => {
                    format!("polygon {polygon_a} and polygon {polygon_b} overlap or share an edge")
                }
                E::Empty => "the geometry holds no polygon".into(),
                E::AreaTooSmall { area_m2, min_m2 } => {
                    format!("area {area_m2:.2} m² is too small: at least {min_m2} m² is needed")
                }
                E::AreaTooLarge { area_m2, max_m2 } => format!(
                    "area {:.3} km² is too large: at most {} km² is allowed",
                    area_m2 / 1e6,
                    max_m2 / 1e6
                ),
                E::InvalidWidth { value } => match value {
                    Some(v) => format!(
                        "line zone width {v} is invalid: it must be a number above 0 and at most 50 m"
                    ),
                    None => "a line zone (such as a fire-lane centre line) needs a width".into(),
                },
            }
        }
    }
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(false))
    }
}

impl std::error::Error for GeometryError {}
