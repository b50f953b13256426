### Sites, zones, stalls and layouts.

sites-title = 场地
sites-code = 编号
sites-name = 名称
sites-kind = 类型
sites-area = 面积（平方米）
sites-stalls = 摊位数
sites-street = 街道
sites-plaza = 广场
sites-other = 其他
sites-new-site = 新建场地
sites-code-hint = 2–10 位大写字母或数字，以字母开头，如 WCL；摊位编号以它开头。
sites-crs = 坐标系
sites-crs-hint = 从高德、腾讯地图取点选 GCJ-02，从百度地图取点选 BD-09，GPS 或天地图选 WGS-84。
sites-boundary = 边界（GeoJSON）
sites-boundary-hint = 粘贴 GeoJSON 的 Polygon、MultiPolygon 或 Feature（经度在前）；也可以上传 .geojson 文件。
sites-boundary-file = 或上传 GeoJSON 文件
sites-create = 创建场地
sites-save = 保存
sites-code-invalid = 编号需 2–10 位大写字母或数字，以字母开头。
sites-code-taken = 该编号已被其他场地使用。
sites-name-invalid = 请填写名称（不超过 50 个字）。
sites-kind-invalid = 类型必须是 street、plaza 或 other。
sites-crs-invalid = 坐标系必须是 wgs84、gcj02 或 bd09。
sites-boundary-not-json = 边界不是有效的 JSON。
sites-boundary-missing = 请给出场地边界：在地图上画出，或粘贴坐标点、GeoJSON，或上传文件。
sites-layout-stale = 计算布局期间，场地的摊位或区域已被他人修改。请重新布置。
sites-plan = 平面图
sites-plan-desc = 场地平面图：灰色为通道，方块为摊位，编号写在摊位上。
sites-north = 北
sites-no-stalls = 尚未布置摊位。填写下面的参数生成布局。
sites-stall-table = 摊位列表
sites-status = 状态
sites-active = 可用
sites-disabled = 停用
sites-power = 有电
sites-premium = 黄金位
sites-zone = 分区
sites-yes = 是
sites-no = 否
sites-size = 尺寸（米）
sites-layout = 自动布置摊位
sites-layout-hint = 先预览，满意后再确认；确认会替换现有摊位。
sites-stall-width = 摊位面宽（米）
sites-stall-depth = 摊位进深（米）
sites-aisle = 通道
sites-aisle-width = 通道宽度（米）
sites-edge-clearance = 离边界距离（米）
sites-fire-lane = 消防通道宽度（米，选填）
sites-orientation = 排列方向（度，选填）
sites-mode = 布置方式
sites-mode-auto = 自动（按场地类型，哪种摆得多用哪种）
sites-mode-plaza = 广场（双排背靠背）
sites-mode-street = 街道（沿中间通道两侧）
sites-preview = 预览
sites-accept = 确认并替换摊位
sites-preview-title = 布局预览（尚未保存）
sites-kept-in-place = 保持原位的摊位（编号、供电和回路不变）
sites-figures = 布局数据
sites-placed = 摊位数
sites-usable-area = 可用面积（平方米）
sites-pattern-bound = 理论上限（按排列模式）
sites-area-bound = 面积上限
sites-of-bound = 达到上限的比例
sites-zones = 分区
sites-new-zone = 新建分区
sites-zone-kind = 分区类型
sites-zone-food = 餐饮区
sites-zone-smoky = 烟火区
sites-zone-keep-clear = 禁摆区
sites-zone-fire-lane = 消防通道
sites-zone-width = 宽度（米，画线时必填）
sites-zone-hint = 禁摆区和消防通道在下一次布置时留空；餐饮区、烟火区内的摊位会标注分区。
sites-zone-kind-invalid = 分区类型必须是 food、smoky、keep_clear、fire_lane 或 other。
sites-add-zone = 添加分区
sites-status-invalid = 状态必须是 active 或 disabled。
sites-update = 更新
sites-download-geojson = 下载 GeoJSON
sites-note = 说明
sites-no-sites = 还没有场地。
sites-scale = 比例尺

## Form checks of the plan page and the layout API.

# $value: what was typed.
sites-not-a-number = “{ $value }”不是数字。
sites-fill-this-in = 请填写此项。
sites-width-not-a-number = 宽度不是数字。
sites-zone-outside-site = 分区不在场地范围内。
sites-mode-invalid = 布置方式必须是 auto、plaza 或 street。
sites-stalls-outside = 有 { $count } 个摊位在场地边界之外：{ $codes }。请调整边界，或重新排布摊位；已锁定或已有排位的摊位要先解锁、改到别的摊位，否则无法重新排布。
sites-notice-stall-changed = { $renamed ->
    [yes] 您 { $date } 起 { $count } 个场次所用的摊位 { $old } 已改编号为 { $code }，请按新编号找摊位。
   *[no] 您 { $date } 起 { $count } 个场次所用的摊位 { $code } 位置或大小已由管理员调整，请按现场标记摆摊。
}
