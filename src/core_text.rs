//! The pure core's errors in words: geometry, layout and allocation errors carry codes and data
//! only, and this one file says them in the user's language.
//!
//! Each message is a (中文, English) pair side by side, so a translator sees both at once. The
//! located geometry messages name the polygon, ring and position the way a manager counts them
//! in the GeoJSON they drew (0-based, as in the file).

use crate::allocation::AllocationError;
use crate::geometry::{GeometryError, RingRef};
use crate::i18n::Msg;
use crate::layout::{LayoutError, ParamProblem};

/// "第 0 个多边形的第 1 个环" / "polygon 0, ring 1"; a plain Polygon has no polygon number.
fn ring(at: &RingRef) -> (String, String) {
    match at.polygon {
        Some(p) => (
            format!("第 {p} 个多边形的第 {} 个环", at.ring),
            format!("polygon {p}, ring {}", at.ring),
        ),
        None => (format!("第 {} 个环", at.ring), format!("ring {}", at.ring)),
    }
}

/// A place on the map, to four decimals (about 10 m): enough to find it, short enough to read.
fn ll(lon: f64, lat: f64) -> String {
    format!("{lon:.4}, {lat:.4}")
}

/// Why a drawn or uploaded geometry was refused, and where.
pub fn geometry_message(e: &GeometryError) -> Msg {
    use GeometryError as E;
    match e {
        E::NotAnObject => Msg::new(
            "几何数据必须是 GeoJSON 对象",
            "geometry must be a GeoJSON object",
        ),
        E::BadMember { member } => Msg::new(
            format!("GeoJSON 缺少或错误的成员 \"{member}\""),
            format!("GeoJSON member \"{member}\" is missing or has the wrong type"),
        ),
        E::UnknownType { found } => Msg::new(
            format!("未知的 GeoJSON 类型 \"{found}\""),
            format!("unknown GeoJSON type \"{found}\""),
        ),
        E::WrongGeometryType { found, expected } => Msg::new(
            format!("几何类型必须是 {expected}，收到的是 {found}"),
            format!("geometry must be a {expected}, got a {found}"),
        ),
        E::FeatureCollectionSize { count } => Msg::new(
            format!("FeatureCollection 必须恰好包含 1 个要素，实际为 {count} 个"),
            format!("a FeatureCollection must hold exactly one feature, this one has {count}"),
        ),
        E::BadNesting { polygon, ring } => match (polygon, ring) {
            (Some(p), Some(r)) => Msg::new(
                format!("第 {p} 个多边形的第 {r} 个环的坐标嵌套层次不对"),
                format!("coordinates of polygon {p}, ring {r} are not nested correctly"),
            ),
            (None, Some(r)) => Msg::new(
                format!("第 {r} 个环的坐标嵌套层次不对"),
                format!("coordinates of ring {r} are not nested correctly"),
            ),
            (Some(p), None) => Msg::new(
                format!("第 {p} 个多边形的坐标嵌套层次不对"),
                format!("coordinates of polygon {p} are not nested correctly"),
            ),
            (None, None) => Msg::new(
                "coordinates 的嵌套层次不对",
                "coordinates are not nested correctly",
            ),
        },
        E::BadPosition { at, position, len } => {
            let (zh, en) = ring(at);
            Msg::new(
                format!("{zh}的第 {position} 个坐标应有 2 个数（经度、纬度），实际有 {len} 个"),
                format!("{en} position {position} must have 2 numbers (lon, lat), it has {len}"),
            )
        }
        E::NotANumber { at, position } => {
            let (zh, en) = ring(at);
            Msg::new(
                format!("{zh}的第 {position} 个坐标不是有限的数字"),
                format!("{en} position {position} is not a finite number"),
            )
        }
        E::TooManyVertices { max } => Msg::new(
            format!("顶点过多：最多允许 {max} 个"),
            format!("too many vertices: at most {max} are allowed"),
        ),
        E::OutOfRange {
            at,
            position,
            lon,
            lat,
        } => {
            let (zh, en) = ring(at);
            Msg::new(
                format!(
                    "{zh}的第 {position} 个坐标超出范围（经度 {lon}，纬度 {lat}）：经度应在 -180 到 180 之间，纬度应在 -90 到 90 之间"
                ),
                format!(
                    "{en} position {position} is out of range (lon {lon}, lat {lat}): lon must be within [-180, 180] and lat within [-90, 90]"
                ),
            )
        }
        E::RingNotClosed { at, lon, lat } => {
            let (zh, en) = ring(at);
            let at = ll(*lon, *lat);
            Msg::new(
                format!("{zh}没有闭合：首尾坐标必须相同（起点 {at}）"),
                format!(
                    "{en} is not closed: its first and last positions must be equal (starts at {at})"
                ),
            )
        }
        E::TooFewPositions { at, count } => {
            let (zh, en) = ring(at);
            Msg::new(
                format!("{zh}只有 {count} 个坐标：至少需要 4 个（3 个不同的角点并闭合）"),
                format!(
                    "{en} has {count} positions: at least 4 are needed (3 distinct corners, closed)"
                ),
            )
        }
        E::SelfIntersection { at, lon, lat } => {
            let (zh, en) = ring(at);
            let at = ll(*lon, *lat);
            Msg::new(
                format!("{zh}在 {at} 附近自相交"),
                format!("{en} crosses itself near {at}"),
            )
        }
        E::Spike { at, lon, lat } => {
            let (zh, en) = ring(at);
            let at = ll(*lon, *lat);
            Msg::new(
                format!("{zh}在 {at} 附近有零面积的尖刺（折返）"),
                format!("{en} has a zero-area spike (it doubles back) near {at}"),
            )
        }
        E::ZeroArea { at } => {
            let (zh, en) = ring(at);
            Msg::new(format!("{zh}的面积为零"), format!("{en} encloses no area"))
        }
        E::HoleOutsideShell { at, lon, lat } => {
            let (zh, en) = ring(at);
            let at = ll(*lon, *lat);
            Msg::new(
                format!("{zh}（内洞）不在外边界内，位置在 {at} 附近"),
                format!("{en} (a hole) is not inside the outer ring, near {at}"),
            )
        }
        E::RingsIntersect {
            polygon,
            ring_a,
            ring_b,
            lon,
            lat,
        } => {
            let (p_zh, p_en) = polygon
                .map(|p| (format!("第 {p} 个多边形的"), format!("polygon {p}: ")))
                .unwrap_or_default();
            let at = ll(*lon, *lat);
            Msg::new(
                format!("{p_zh}第 {ring_a} 个环和第 {ring_b} 个环在 {at} 附近相交"),
                format!("{p_en}ring {ring_a} and ring {ring_b} intersect near {at}"),
            )
        }
        E::PolygonsOverlap {
            polygon_a,
            polygon_b,
        } => Msg::new(
            format!("第 {polygon_a} 个多边形和第 {polygon_b} 个多边形重叠或共边"),
            format!("polygon {polygon_a} and polygon {polygon_b} overlap or share an edge"),
        ),
        E::Empty => Msg::new("几何中没有任何多边形", "the geometry holds no polygon"),
        E::AreaTooSmall { area_m2, min_m2 } => Msg::new(
            format!("面积 {area_m2:.2} 平方米太小：至少需要 {min_m2} 平方米"),
            format!("area {area_m2:.2} m² is too small: at least {min_m2} m² is needed"),
        ),
        E::AreaTooLarge { area_m2, max_m2 } => {
            let (km2, max_km2) = (area_m2 / 1e6, max_m2 / 1e6);
            Msg::new(
                format!("面积 {km2:.3} 平方公里太大：最多 {max_km2} 平方公里"),
                format!("area {km2:.3} km² is too large: at most {max_km2} km² is allowed"),
            )
        }
        E::InvalidWidth { value: Some(v) } => Msg::new(
            format!("线状分区的宽度 {v} 无效：应为大于 0、不超过 50 米的数"),
            format!("line zone width {v} is invalid: it must be a number above 0 and at most 50 m"),
        ),
        E::InvalidWidth { value: None } => Msg::new(
            "线状分区（如消防通道中心线）需要给出宽度",
            "a line zone (such as a fire-lane centre line) needs a width",
        ),
    }
}

/// Why a layout cannot be run; a parameter at fault is named as the form labels it in Chinese
/// and by its field name in English (the API's language).
pub fn layout_message(e: &LayoutError) -> Msg {
    match e {
        LayoutError::InvalidParam {
            field,
            value,
            problem,
        } => {
            let name = match *field {
                "stall_width_m" => "摊位宽度（面宽）",
                "stall_depth_m" => "摊位进深",
                "aisle_width_m" => "通道宽度",
                "edge_clearance_m" => "边缘留空",
                "fire_lane_width_m" => "消防通道宽度",
                "orientation_deg" => "排列方向",
                other => other,
            };
            match problem {
                ParamProblem::NotFinite => Msg::new(
                    format!("{name}必须是有限的数字"),
                    format!("{field} must be a finite number"),
                ),
                ParamProblem::NotPositive => Msg::new(
                    format!("{name}必须大于 0（收到 {value}）"),
                    format!("{field} must be greater than 0 (got {value})"),
                ),
                ParamProblem::Negative => Msg::new(
                    format!("{name}不能为负（收到 {value}）"),
                    format!("{field} must not be negative (got {value})"),
                ),
                ParamProblem::TooSmall { min } => Msg::new(
                    format!("{name} {value} 米太小：至少 {min} 米"),
                    format!("{field} of {value} m is too small: at least {min} m"),
                ),
                ParamProblem::TooLarge { max } => Msg::new(
                    format!("{name} {value} 米太大：最多 {max} 米"),
                    format!("{field} of {value} m is too large: at most {max} m"),
                ),
            }
        }
        LayoutError::EmptyArea => Msg::new(
            "可用面积为空：场地被排除区域全部占满",
            "the usable area is empty: exclusion zones cover the whole site",
        ),
        LayoutError::TooManyStalls { bound, max } => Msg::new(
            format!("摊位过小：此场地可容纳约 {bound} 个，超过上限 {max} 个"),
            format!("stalls too small: about {bound} would fit, more than the limit of {max}"),
        ),
    }
}

/// Why an allocation run was refused, for the refusals the person asking can fix (the seed and
/// the policy); `None` for input the server built itself, which is its fault and only logged.
pub fn allocation_message(e: &AllocationError) -> Option<Msg> {
    use AllocationError as E;
    Some(match e {
        E::EmptySeed => Msg::new("请填写公开种子。", "the seed is empty"),
        E::BadShare { knob, key, value } => Msg::new(
            format!("{knob}[{key}] = {value} 不是 0 到 1 之间的比例。"),
            format!("{knob}[{key:?}] = {value} is not a share between 0 and 1"),
        ),
        E::SharesOverOne { knob, total } => Msg::new(
            format!("{knob} 合计 {total}，超过 100%。"),
            format!("{knob} adds up to {total}, more than 100 %"),
        ),
        E::PolicyUnknownCategory { knob, category } => Msg::new(
            format!("{knob} 中的业态“{category}”不存在。"),
            format!("{knob} names unknown category {category:?}"),
        ),
        E::MinAboveMax { category } => Msg::new(
            format!("业态“{category}”的最低比例高于最高比例。"),
            format!("category {category:?} has a minimum share above its maximum"),
        ),
        E::WeeklyCapZero => Msg::new(
            "每周场次上限不能为 0。",
            "a weekly cap of 0 sessions allows nothing",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
