### 燃气与用电登记、通知短信、弱信号签到（第 18 号需求第 5–7 项）。

power-equipment-title = 燃气与用电登记
power-equipment-intro = 请如实登记您带到摊位的用电器总功率和液化气钢瓶。钢瓶检验过期的，不能排位。
power-appliances-w = 用电器总功率（瓦）
power-appliances-hint = 所有要插电的设备功率相加，例如电磁炉 2000 瓦加灯 50 瓦填 2050；不用电填 0。
power-cylinders = 液化气钢瓶
power-cylinders-hint = 每个钢瓶填一行：钢印编号和检验有效期。不用燃气的，全部留空。
power-serial = 钢瓶编号
power-inspected-until = 检验有效期至
power-save = 保存
power-watts-invalid = 功率须为 0 到 100000 之间的整数（瓦）。
power-too-many-cylinders = 最多登记 20 个钢瓶。
power-serial-invalid = 请填写钢瓶编号（不超过 40 个字）。
power-serial-duplicate = 同一个钢瓶编号登记了两次。
power-date-invalid = 请按 年-月-日 填写检验有效期，例如 2027-03-31。
power-inspection-past = 这个钢瓶的检验已经过期，请先送检，再来登记。

power-circuits-title = 供电回路
power-circuits-intro = 登记场地的每条供电回路和它能承受的功率。摊位接到回路上后，排位时会核算该回路的用电量，超出的不能排。
power-circuits = 回路
power-circuits-hint = 每条回路填一行：名称（同一场地不能重名）和容量（瓦）。删掉名称即删除该回路。
power-circuit-name = 回路名称
power-capacity-w = 容量（瓦）
power-stalls-fed = 接入摊位数
power-back-to-site = 返回场地
power-tie-title = 把摊位接到回路
power-no-circuit = （不接回路）
power-stall-codes = 摊位编号
power-stall-codes-hint = 可填多个，用空格、逗号或换行分开，例如 WCL-A-001 WCL-A-002。
power-tie = 接入
power-too-many-circuits = 一个场地最多 200 条回路。
power-circuit-name-invalid = 请填写回路名称（不超过 40 个字）。
power-circuit-duplicate = 同一场地有两条回路同名，请改名。
power-capacity-invalid = 回路容量须为大于 0 的整数（瓦）。
power-circuit-unknown = 本场地没有这条回路。
# $code: the stall code as typed.
power-stall-code-unknown = 本场地没有编号为 { $code } 的摊位。

power-gas-expired = 该摊主有液化气钢瓶的检验在本场次日期前已过期，不能排位；请先送检并更新登记。
# $circuit: the circuit's name; $load, $watts, $capacity: watts.
power-circuit-overloaded = 回路“{ $circuit }”已用 { $load } 瓦，再加该摊主的 { $watts } 瓦将超过容量 { $capacity } 瓦。
# $circuit; $date: the busiest night to come; $load: watts booked that night; $capacity: the capacity asked for.
power-capacity-below-booked = 回路“{ $circuit }”在 { $date } 已排的摊主共用 { $load } 瓦，超过 { $capacity } 瓦：请先把部分摊主调到别的回路，或保留更高的容量。
# $circuit; $stalls: stalls it feeds booked for nights to come.
power-circuit-in-use = 回路“{ $circuit }”还在为 { $stalls } 个已排到以后场次的摊位供电：请先把这些摊位改接其他回路，再删除它。
power-publish-overloaded = 发布后回路“{ $circuit }”在 { $date } 将用电 { $load } 瓦，超过容量 { $capacity } 瓦，未发布。请调整摊位所接回路或回路容量后再发布。
power-loads-title = 各回路用电
power-load = 已用 / 容量
power-stalls-booked = 已排摊位
power-full = 已满
power-overloaded = 超载：请把摊主调到别的回路，或调高回路容量

power-sms = 短信
power-delivery-queued = 短信待发送
power-delivery-sent = 短信已发送
power-delivery-not-sent = 短信未发送（服务器未配置短信网关）
power-delivery-failed = 短信发送失败

power-offline-title = 待上传的签到
power-offline-hint = 信号不好时，签到先存在手机上，有信号后自动上传，不会重复签到。
power-offline-none = 没有待上传的签到。
power-offline-queued = 已存在手机上，等待上传
power-offline-sent = 已上传
power-offline-recorded = 已记录
