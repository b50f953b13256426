### Scheduling: segments, rota, hours, closures, next season, site timeline.

scheduling-accept = 接受
scheduling-add-row = 添加一行排班
scheduling-add-segment = 添加一个时段
scheduling-apply = 确定
scheduling-cancel = 返回
scheduling-categories = 经营品类
scheduling-categories-hint = 每行一个品类；清空名称即删除该品类，最后一行用于新增。
scheduling-category = 品类名称
scheduling-clone = 复制到下一季
scheduling-closed = 停市
scheduling-closed-today = 今日停市
scheduling-close-market = 临时停市
scheduling-closures = 停市安排
scheduling-closure-hint = 停市期间的场次全部取消，已排位的摊主会收到通知。不选时段或场地即为全部。
scheduling-confirm = 确认执行并通知摊主
scheduling-confirm-title = 需要确认
scheduling-conflicts = 与其他场次冲突
scheduling-decline = 不要了
scheduling-earlier = 往前
scheduling-edit-schedule = 调整排班
scheduling-every-day = 每天
scheduling-food = 餐饮（需健康证）
scheduling-free-all-day = 全天空闲
scheduling-to-the-form = 去修改
scheduling-from-the-night-before = 前一晚延续：
scheduling-from-date = 从哪天起
scheduling-hours = 调整营业时间
scheduling-hours-hint = 从所选日期起，该时段以后的场次改用新时间；已经开始或过去的场次不变。
scheduling-later = 往后
scheduling-market-settings = 名称与品类
scheduling-month = 按月
scheduling-new-last-date = 新的结束日期
scheduling-next-season = 下一季
scheduling-next-season-hint = 按原有时段、营业日和场地轮换，复制到新的日期范围；新日期不能与本季重叠。
scheduling-no-conflicts = 没有与其他市场冲突的场次
scheduling-offer-same-stalls = 优先把原摊位留给上一季的摊主
scheduling-preview = 预览场次
scheduling-reason = 停市原因
scheduling-reason-hint = 例如：春节、大风天气、镇上活动
scheduling-row = 排班
scheduling-rows = 排班（场地 × 时段 × 营业日 × 日期）
scheduling-rows-hint = 流动夜市可以每行一个场地，例如周五文昌路、周六财富广场。
scheduling-row-end-hint = 提前结束或延长某一行：结束日期之后已排位的场次会先请您确认。
scheduling-save = 保存
scheduling-season-offers = 下一季原摊位
scheduling-segment = 时段
scheduling-segments-hint = 例如：早市 06:00–09:00，夜市 18:00–22:30。结束早于开始表示跨过午夜。
scheduling-smoky = 有油烟
scheduling-timeline = 场地时间轴
scheduling-timeline-bar = 当天 0 点到 24 点的占用情况，空白处为空闲时段
scheduling-timeline-hint = 同一场地上所有市场的场次，按日期和时间排列，空白即为空闲。
scheduling-week = 按周

scheduling-overlap-named = { $date } { $segment } 与「{ $market }」的场次冲突：{ $other_date } { $other_segment } { $hours }。同一场地的场次不能重叠。
scheduling-segments-overlap = 这个时段与「{ $other }」时间重叠；同一市场的时段不能重叠。
scheduling-weekdays-none = 请至少选择一个营业日。
scheduling-weekdays-none-in-range = { $from } 至 { $to } 之间没有所选的营业日，这一行不会开出任何场次。
scheduling-date-past = 日期不能早于今天：已经过去的场次不能更改。
scheduling-today-over = 这个时段今天已经结束，请从明天开始。
scheduling-category-in-use = 品类「{ $category }」已有申请在用，不能删除。
scheduling-clone-overlap = 新一季的日期与本季（{ $from } 至 { $to }）重叠，请另选日期。
scheduling-closure-line = { $from } 至 { $to } 停市：{ $reason }{ $segments ->
    [none] {""}
   *[other] （{ $segments }）
}
scheduling-confirmation-required = 这项调整会影响 { $sessions } 个场次中的 { $bookings } 个排位，涉及 { $vendors } 位摊主。确认后将通知这些摊主。
scheduling-done = 已完成（{ $what ->
    [saved] 已保存
    [row_added] 新增 { $sessions } 个场次
    [hours] 调整 { $sessions } 个场次，通知 { $vendors } 位摊主
    [closure] 取消 { $sessions } 个场次，通知 { $vendors } 位摊主
    [row] 变动 { $sessions } 个场次，通知 { $vendors } 位摊主
    [clone] 新一季共 { $sessions } 个场次，向 { $vendors } 位摊主发出原摊位邀请
   *[other] { $what }
}）。
scheduling-notice-closure = 「{ $market }」{ $dates } 停市（{ $reason }），您在此期间的 { $count } 个排位已取消。
scheduling-notice-closure-only = 「{ $market }」{ $dates } 在{ $only }停市（{ $reason }），您在此期间的 { $count } 个排位已取消；其他场地和时段照常。
scheduling-notice-hours = 「{ $market }」{ $segment }从 { $from } 起改为 { $hours }，您的 { $count } 个排位随之调整，摊位不变。
scheduling-notice-row-ended = 「{ $market }」{ $segment }自 { $from } 起不再开市，您的 { $count } 个排位已取消。
# $from: the new season's first night (date and time).
scheduling-notice-season-offer = 「{ $market }」新一季将于 { $from } 开市：您上一季的摊位 { $stall } 为您保留到 { $until }，请在首页接受或放弃。
scheduling-preview-sessions = 将创建 { $count } 个场次（{ $first } 至 { $last }）。
scheduling-reason-row-ended = 排班调整，该时段提前结束
scheduling-season-offer-line = 「{ $market }」：上一季的摊位 { $stall }，保留到 { $until }
scheduling-hours-started = 按新时间，{ $date } 的场次已经开始或结束；请从明天起改，或选今天还没到的时间。
scheduling-hours-vendor-clash = 改成新时间后，摊主 { $vendor } 在 { $date } 会与「{ $other }」的场次时间重叠，同一时间只能在一处经营；请先调整这位摊主的摊位。
