### Markets, segments, sessions.

markets-title = 市场
markets-name = 名称
markets-kind = 类型
markets-fixed = 固定市场
markets-mobile = 流动夜市
markets-segments = 时段
markets-self-select = 摊主可自选摊位
markets-new-market = 新建市场
markets-segment-name = 时段名称
markets-start = 开始
markets-end = 结束
markets-site = 场地
markets-weekdays = 营业日
markets-from = 开始日期
markets-to = 结束日期
markets-create = 创建
markets-calendar = 场次日历
markets-date = 日期
markets-time = 时间
markets-status = 状态
markets-stalls = 摊位（已订/总数）
markets-scheduled = 正常
markets-cancelled = 已取消
markets-no-markets = 暂无市场。
markets-no-sessions = 这段时间没有场次。
markets-earlier = ← 前四周
markets-later = 后四周 →
markets-session = 场次
markets-cancel-session = 取消本场
markets-cancel-reason = 取消原因（如天气、活动）
markets-weekday-names-1 = 一
markets-weekday-names-2 = 二
markets-weekday-names-3 = 三
markets-weekday-names-4 = 四
markets-weekday-names-5 = 五
markets-weekday-names-6 = 六
markets-weekday-names-7 = 日
markets-name-required = 请填写名称（最多 60 个字）。
markets-kind-invalid = 类型应为 fixed（固定）或 mobile（流动）。
markets-segments-required = 至少需要一个时段。
markets-segment-time = 时段时间格式应为 HH:MM（00:00–23:59）。
markets-segment-empty = 时段的开始和结束不能相同（结束早于开始表示跨午夜）。
markets-segment-too-long = 一个时段最长 16 小时：开始和结束是否填反了？（结束早于开始表示跨午夜到次日。）
markets-segment-duplicate = 时段名称重复。
markets-segment-unknown = 排期引用了不存在的时段。
markets-schedule-required = 至少需要一条排期。
markets-site-unknown = 场地不存在。
markets-weekdays-invalid = 营业日应为 1（周一）到 7（周日）。
markets-range-invalid = 日期范围不正确：结束日期不能早于开始日期，且不超过 400 天。
markets-date-invalid = 日期格式应为 YYYY-MM-DD。
markets-fixed-one-site = 固定市场只能在一个场地；在多个场地轮换请选择流动夜市。
markets-category-invalid = 经营类别名称不能为空或重复。
markets-session-overlap = 该场地在这段时间已有其他场次，同一场地的场次不能重叠。
markets-market-unknown = 市场不存在。
markets-session-unknown = 场次不存在。
markets-already-cancelled = 该场次已取消。
markets-session-ended = 该场次已结束。
markets-reason-required = 请填写取消原因（最多 200 个字）。

## Notices.

# $what: date, segment and stall; $reason: the manager's words.
markets-notice-session-cancelled = { $what } 场次已取消，原因：{ $reason }。您的排位随之取消。
markets-hours-from = { $date } 起 { $hours }
