### The audit log page.

audit-title = 操作记录
audit-when = 时间
audit-who = 操作人
audit-what = 对象
audit-action = 操作
audit-change = 变更（前 → 后）
audit-system = 系统
audit-filter = 筛选
audit-all = 全部
audit-older = 更早的记录
audit-chain-ok = 记录链校验通过：没有被改动或删除的记录。
# $at: local date and minute of the last full check.
audit-fully-checked = 完整校验时间：{ $at }；之后的新记录在每次打开本页时校验。
audit-check-all = 重新完整校验
# $id: the first entry that fails the check.
audit-chain-broken = 记录链校验失败：第 { $id } 条之后的记录被改动或删除过。
