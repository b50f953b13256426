### Bookings, check-in, waitlist offers.

bookings-title = 排位
bookings-stall = 摊位
bookings-vendor = 摊主
bookings-category = 类别
bookings-checked-in = 已签到
bookings-not-checked-in = 未签到
bookings-no-show = 未到场
bookings-no-shows = 未到场数
bookings-absences = 已请假（摊位已转出）
bookings-check-in = 签到
bookings-cancel = 取消排位
bookings-cancel-confirm = 确认取消（会通知摊主）
bookings-cancel-why = 原因（会告诉摊主）
bookings-assign = 安排摊位
bookings-vendor-id = 摊主
bookings-vendor-id-hint = 填手机号、姓名或摊主编号。
bookings-vendor-ambiguous = 有不止一位摊主叫这个名字，请改填手机号。
bookings-find-on-plan = 按申请查找摊主，看谁可以排这个场次
bookings-until = 连续安排至（选填，同一摊位，有空时）
bookings-free-stalls = 空闲摊位
bookings-none = 暂无排位。
bookings-no-stalls = 该场地还没有摊位，请先规划摊位。
bookings-stall-taken = 该摊位在本场次已被安排给其他摊主。
bookings-vendor-already-booked = 该摊主在本场次已有摊位。
bookings-session-past = 该场次已结束，不能再安排。
bookings-session-started = 该场次已开始，摊主只能在开市前预订或取消。
bookings-session-cancelled = 该场次已取消。
bookings-stall-unknown = 摊位不存在。
bookings-stall-disabled = 该摊位已停用。
bookings-stall-elsewhere = 该摊位不在本场次的场地上。
bookings-vendor-unknown = 摊主不存在。
bookings-health-cert = 餐饮类摊主的健康证在该场次日期已过期或未登记。
bookings-smoky = 有油烟的经营只能安排在允许油烟的分区。
bookings-self-select-off = 该市场不允许摊主自选摊位。
bookings-too-early = 还没到该场次的营业日，不能签到。
bookings-offer-closed = 该候补邀请已失效。
bookings-range-invalid = 连续安排的结束日期不能早于场次日期，且不超过 400 天。
bookings-offers = 候补邀请
bookings-accept = 接受
bookings-decline = 放弃
bookings-deadline = 截止时间

## Notices.

# $what: date, segment and stall; $until: local date and minute.
bookings-notice-offer = 候补摊位空出：{ $what }。请在 { $until } 前接受。
# $when: date and segment; $from, $to: stall codes.
bookings-notice-moved = 您在 { $when } 的摊位已由管理员从 { $from } 调整到 { $to }。
# $what: date, segment and stall.
bookings-notice-cancelled = 您在 { $what } 的排位已被管理员取消。
bookings-notice-cancelled-because = 您在 { $what } 的排位已被管理员取消。原因：{ $reason }
bookings-segment-not-applied = 摊主获批的申请不包含该场次的时段（例如只申请了早市，不能安排在夜市）。
bookings-session-not-applied = 该场次不在这份申请的日期或星期之内。
bookings-not-applied = 您还没有获批的申请包括这一场次。请先提交申请，批准后再选摊位。
bookings-vendor-busy-elsewhere = 该摊主在这个时间已在另一个场次有摊位，同一时间只能在一处经营。
bookings-notice-assigned = 管理员已为您安排摊位：{ $when }，{ $stall }{ $nights ->
    [1] 。
   *[other] ，共 { $nights } 场。
}请按时到场签到；不能来请提前在“我的排位”里请假。
bookings-notice-assigned-tonight = 管理员已为您安排摊位：{ $when }，{ $stall }{ $nights ->
    [1] 。
   *[other] ，共 { $nights } 场。
}市场已开市，请到摊位后找管理员签到。
bookings-session-held = 这个场次已有摊主签到或报了营业额，不能再取消：当晚的签到和营业额要计入报表。如需提前收市，请直接通知在场摊主。
bookings-notice-offer-withdrawn = 候补邀请已收回：{ $what } 已由管理员安排给其他摊主。您仍在候补名单上。
# $until: the suspension's last day; $count: nights released; $list: them (market, night, stall).
bookings-notice-suspended-released = 您暂停经营至 { $until }，期间已排的 { $count } 个摊位已取消并让给候补摊主：{ $list }。
# $what: the night and stall offered; $reason: why the market cancelled it.
bookings-notice-offer-session-cancelled = 候补邀请作废：{ $what } 这一场已取消（{ $reason }），无需再接受。其他场次您仍在候补名单上。
bookings-offer-already-accepted = 您已接受过这个邀请，摊位已为您排上。
bookings-offer-already-declined = 您已谢绝过这个邀请，摊位已转给下一位候补摊主。
bookings-stall-on-offer = 这个摊位正为候补摊主保留，等对方答复；请选其他摊位。
