### Why a drawn site, zone or layout request is refused (the map editor and the API).

## Where a ring is: $polygon is counted only in a MultiPolygon; ring 0 is the outer ring, the
## others its holes, counted from 1 as drawn.

geometry-ring = { $ring ->
        [0] 外环
       *[other] 第 { $ring } 个内洞
    }
geometry-polygon-ring = 第 { $polygon } 个多边形的{ $ring ->
        [0] 外环
       *[other] 第 { $ring } 个内洞
    }

## $at: one of the two above; $near: "longitude, latitude" of the fault.

geometry-not-an-object = 几何数据必须是 GeoJSON 对象
geometry-bad-member = GeoJSON 缺少或错误的成员 "{ $member }"
geometry-unknown-type = 未知的 GeoJSON 类型 "{ $found }"
geometry-wrong-type = 几何类型必须是 { $expected ->
        [polygonal] Polygon 或 MultiPolygon
       *[other] { $expected }
    }，收到的是 { $found }
geometry-feature-collection-size = FeatureCollection 必须恰好包含 1 个要素，实际为 { $count } 个
geometry-bad-nesting = coordinates 的嵌套层次不对
geometry-bad-nesting-ring = { $ring ->
        [0] 外环
       *[other] 第 { $ring } 个内洞
    }的坐标嵌套层次不对
geometry-bad-nesting-polygon = 第 { $polygon } 个多边形的坐标嵌套层次不对
geometry-bad-nesting-polygon-ring = 第 { $polygon } 个多边形的{ $ring ->
        [0] 外环
       *[other] 第 { $ring } 个内洞
    }的坐标嵌套层次不对
geometry-bad-position = { $at }的第 { $position } 个坐标应有 2 个数（经度、纬度），实际有 { $len } 个
geometry-not-a-number = { $at }的第 { $position } 个坐标不是有限的数字
geometry-too-many-vertices = 顶点过多：最多允许 { $max } 个
geometry-out-of-range = { $at }的第 { $position } 个坐标超出范围（经度 { $lon }，纬度 { $lat }）：经度应在 -180 到 180 之间，纬度应在 -90 到 90 之间
geometry-ring-not-closed = { $at }没有闭合：首尾坐标必须相同（起点 { $near }）
geometry-too-few-positions = { $at }只有 { $count } 个坐标：至少需要 4 个（3 个不同的角点并闭合）
geometry-self-intersection = { $at }在 { $near } 附近自相交
geometry-spike = { $at }在 { $near } 附近有零面积的尖刺（折返）
geometry-zero-area = { $at }的面积为零
geometry-hole-outside-shell = { $at }不在外边界内，位置在 { $near } 附近
# $first, $second: ring numbers ($second, a hole's, is always above $first).
geometry-rings-intersect = { $first ->
        [0] 外环
       *[other] 第 { $first } 个内洞
    }和第 { $second } 个内洞在 { $near } 附近相交
geometry-polygon-rings-intersect = 第 { $polygon } 个多边形的{ $first ->
        [0] 外环
       *[other] 第 { $first } 个内洞
    }和第 { $second } 个内洞在 { $near } 附近相交
geometry-polygons-overlap = 第 { $first } 个多边形和第 { $second } 个多边形在 { $near } 附近交叉、重叠或共边
geometry-self-touch = { $at }在 { $near } 附近与自身相碰（顶点落在自己的另一条边上，或同一点经过两次）：请把这里画成分开的两个多边形，或把内洞单独画出
# $outer: ring number of the hole that contains it.
geometry-nested-holes = { $at }位于第 { $outer } 个内洞之中，位置在 { $near } 附近
geometry-polygon-nested-holes = { $at }位于第 { $polygon } 个多边形的第 { $outer } 个内洞之中，位置在 { $near } 附近
# $inner, $outer: polygon numbers.
geometry-nested-shells = 第 { $inner } 个多边形位于第 { $outer } 个多边形之内，位置在 { $near } 附近：内部的空地请画成内洞
geometry-disconnected-interior = 内洞与外边界（或内洞与内洞）在 { $near } 等处相接，把场地内部分成了互不相连的几块：请让每个内洞至多在一点与其他环相接
geometry-polygon-disconnected-interior = 第 { $polygon } 个多边形中，内洞与外边界（或内洞与内洞）在 { $near } 等处相接，把内部分成了互不相连的几块：请让每个内洞至多在一点与其他环相接
geometry-empty = 几何中没有任何多边形
# $area: square metres, two decimals; $min: square metres.
geometry-area-too-small = 面积 { $area } 平方米太小：至少需要 { $min } 平方米
# $area: square kilometres, three decimals; $max: square kilometres.
geometry-area-too-large = 面积 { $area } 平方公里太大：最多 { $max } 平方公里
geometry-invalid-width = 线状分区的宽度 { $value } 无效：应为大于 0、不超过 50 米的数
geometry-missing-width = 线状分区（如消防通道中心线）需要给出宽度

## Layout parameters. $name: geometry-layout-param; $value, $min, $max: metres.

# $field: the parameter's key in the API.
geometry-layout-param =
    { $field ->
        [stall_width_m] 摊位宽度（面宽）
        [stall_depth_m] 摊位进深
        [aisle_width_m] 通道宽度
        [edge_clearance_m] 边缘留空
        [fire_lane_width_m] 消防通道宽度
        [orientation_deg] 排列方向
       *[other] { $field }
    }
geometry-layout-not-finite = { $name }必须是有限的数字
geometry-layout-not-positive = { $name }必须大于 0（收到 { $value }）
geometry-layout-negative = { $name }不能为负（收到 { $value }）
geometry-layout-too-small = { $name } { $value } 米太小：至少 { $min } 米
geometry-layout-too-large = { $name } { $value } 米太大：最多 { $max } 米
geometry-layout-angle-out-of-range = { $name } { $value }° 超出范围：应在 -{ $max }° 到 { $max }° 之间
geometry-layout-empty-area = 可用面积为空：场地被排除区域全部占满
# $bound: stalls that would fit; $max: the limit.
geometry-layout-too-many-stalls = 摊位过小：此场地可容纳约 { $bound } 个，超过上限 { $max } 个
