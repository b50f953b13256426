### Flash messages shown once after a redirect.

flash-logged-in = 登录成功。
flash-logged-out = 您已退出登录。
flash-registered = 注册成功，欢迎！
flash-user-created = 用户已创建。
flash-sites-assigned = 负责场地已更新。
flash-site-created = 场地已创建。
flash-user-updated = 账号状态已更新。
flash-layout-accepted = 摊位布局已保存。
flash-zone-created = 分区已添加。
flash-stall-updated = 摊位已更新。
flash-application-submitted = 申请已提交。审核后会以短信通知您，也可在本页查看进度。
flash-application-approved = 已批准该申请，已通知摊主。
flash-application-rejected = 已驳回该申请，已把理由通知摊主。
flash-application-withdrawn = 申请已撤回。
flash-application-withdrawn-released = 申请已撤回，尚未开始的场次中为您分配的摊位已释放。
flash-market-created = 市场已创建。下一步：在“场次”中查看排出的场次。
flash-stall-assigned = 摊位已分配。
flash-booking-moved = 已换到新摊位，已通知摊主。
flash-booking-cancelled = 该排位已取消，已通知摊主。
flash-checked-in = 已签到。
flash-session-cancelled = 本场次已取消，已通知有排位的摊主。
flash-absence-declared = 已请假，摊位已让出。
flash-allocation-published = 分配结果已发布，摊主会收到通知。
flash-complaint-closed = 投诉已办结。
flash-application-waitlisted = 已将该申请列入候补，已通知摊主。
flash-inspection-recorded = 检查已记录，已通知摊主。
