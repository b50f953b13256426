### Applications.

applications-title = 摊位申请
applications-one = 申请
applications-vendor = 摊主
applications-market = 市场
applications-dates = 日期
applications-category = 经营类别
applications-status = 状态
applications-reason = 说明
applications-reason-hint = 摊主会看到这段说明；选“不通过”时必须填写。
applications-reject-needs-reason = 不通过要写明原因，摊主才知道怎么改；不通过后不能再改为通过。
applications-needs-power = 需要用电
applications-preferred = 意向摊位
applications-all = 全部
applications-filter = 筛选
applications-none = 暂无申请。
applications-submitted = 待审核
applications-approved = 已通过
applications-waitlisted = 候补
applications-rejected = 未通过
applications-withdrawn = 已撤回
applications-decide = 审核
applications-approve = 通过
applications-waitlist = 列入候补
applications-reject = 不通过
applications-withdraw = 撤回申请
applications-withdraw-releases = 撤回后，尚未开始的场次中为本申请分配的摊位将被释放，转给候补摊主。
applications-apply = 提交申请
applications-new = 申请摊位
applications-not-a-vendor = 只有已注册的摊主可以申请摊位。
applications-date-past = 不能申请已经过去的日期。
applications-outside-season = 所选日期不在该市场的营业季内。
# $first, $last: the first and last day of the market's season.
applications-outside-season-dates = 所选日期不在该市场的营业季内：营业季为 { $first } 至 { $last }。
applications-segment-unknown = 该市场没有这个时段。
applications-category-unknown = 该市场不接受这个经营类别。
applications-stall-unknown = 意向摊位编号不存在或不在该市场的场地上。
applications-too-many-stalls = 意向摊位最多选 10 个，请去掉几个。
applications-from-missing = 请选择从哪一天开始摆摊。
applications-to-missing = 请选择摆到哪一天为止。
applications-health-cert = 餐饮类经营须持有在有效期内的健康证。
applications-health-cert-until = 健康证有效期至
applications-health-cert-none = 未登记
applications-health-cert-short = 在申请的最后一天之前到期：到期后的场次无法安排摊位，除非摊主续办。
applications-no-powered-stall = 本市场的场地还没有带电的摊位：抽签无法为该摊主安排。请先把摊位设为有电（场地编辑器可一次选中多个摊位设置）。
applications-decision-invalid = 审核结果应为 approve、reject 或 waitlist。
applications-transition = 该申请当前状态下不能这样处理。
applications-status-invalid = 申请状态不正确。
applications-reason-too-long = 说明不能超过 500 个字。

## Notices.

# $market: its name; $from: first date applied for; $status: a status word; $reason: the manager's words, or nothing.
applications-notice-decided = 您申请「{ $market }」（{ $from } 至 { $to }）的结果：{ $status }。{ $reason }
# $reason: the manager's words.
applications-notice-reason = 原因：{ $reason }。
applications-segments = 时段
applications-all-segments = 全部时段
applications-weekdays = 星期
applications-every-day = 每天
applications-power = 用电
applications-power-yes = 需要用电
applications-on-weekdays = 每周{ $days }
applications-withdraw-sure = 撤回后，这份申请就作废了，不能恢复；还想摆摊需要重新申请。
applications-withdraw-confirm = 确认撤回
