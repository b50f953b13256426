### The vendor's journey, finished: the month calendar, preferred stalls on the apply form, self-selection of a stall, inline checks on the register form, flashes after offers.

vendor-journey-month-title = 我的排位月历
vendor-journey-month-view = 📆 按月查看
vendor-journey-prev-month = 上个月
vendor-journey-next-month = 下个月
vendor-journey-this-month = 回到本月
vendor-journey-today = 今天
vendor-journey-weekdays-1 = 周一
vendor-journey-weekdays-2 = 周二
vendor-journey-weekdays-3 = 周三
vendor-journey-weekdays-4 = 周四
vendor-journey-weekdays-5 = 周五
vendor-journey-weekdays-6 = 周六
vendor-journey-weekdays-7 = 周日
vendor-journey-nothing-this-month = 这个月没有排位。
vendor-journey-booked = 已排位
vendor-journey-cancelled = 已取消
vendor-journey-month-invalid = 月份应写成 2026-05 这样的“年-月”。
vendor-journey-step-market = 第一步：选择市场
vendor-journey-step-form = 第二步：填写申请
vendor-journey-chosen-market = 已选市场
vendor-journey-other-market = 换一个市场
vendor-journey-preferred-legend = 意向摊位（可不选，最多 10 个）
vendor-journey-preferred-hint = 对照平面图上的编号勾选想要的摊位；在“顺序”里填 1 表示最想要，不填则按编号排在后面。
vendor-journey-segments-legend = 哪个时段来摆摊
vendor-journey-segments-hint = 只能来早市或只能来夜市的，勾上能来的时段；都不勾表示每个时段都能来。
vendor-journey-weekdays-legend = 星期几来摆摊
vendor-journey-weekdays-hint = 勾上能来的日子；都不勾表示每天都能来。
vendor-journey-rank = 顺序
vendor-journey-rank-invalid = “顺序”请填 1 到 10 的数字，或者不填。
vendor-journey-no-stalls-yet = 这个场地还没有划好摊位，可以不选意向摊位直接申请。
vendor-journey-choose-title = 自选摊位
vendor-journey-choose-intro = 点“选这个摊位”就订下了，先到先得。订好后可在“我的排位”查看。
vendor-journey-choose-this = 选这个摊位
vendor-journey-no-free-stalls = 这一场已经没有空摊位了。
vendor-journey-already-here = 您在这一场已经有摊位：
vendor-journey-closed-for-choice = 这一场已取消、已开市或已结束，不能再自选摊位。
vendor-journey-self-select-sessions = 可以自选摊位的场次
vendor-journey-no-self-select = 近期没有可以自选摊位的场次。
vendor-journey-check-ok = 格式正确
vendor-journey-offer-accepted = 已接受候补摊位，已加入“我的排位”。
vendor-journey-offer-declined = 已放弃这个候补摊位，它会转给下一位。
vendor-journey-season-offer-accepted = 已接受：下一季同一摊位已为您排好，可在“我的排位”查看每一场。
vendor-journey-season-offer-declined = 已放弃下一季的这个摊位。
vendor-journey-stall-booked = 摊位已订好，已加入“我的排位”。

## The month calendar's title.

# $year: e.g. 2026; $month: 1 to 12.
vendor-journey-month-of = { $year }年{ $month }月
vendor-journey-pick-stalls = 点这里展开摊位编号，勾选意向摊位
