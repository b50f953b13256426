### The page frame: title, navigation, footer.

layout-app-name = 民乐便民市场与夜市
layout-skip = 跳到正文
layout-home = 首页
layout-sites = 场地
layout-markets = 市场
layout-applications = 申请
layout-reports = 统计报表
layout-users = 用户
layout-audit = 操作记录
layout-login = 登录
layout-logout = 退出
layout-register = 摊主注册
layout-switch-language = English
layout-open-now = 正在营业
layout-footer = 民乐县商务局 · 便民市场与夜市管理
# Joins the items of a list inside a sentence.
layout-list-separator = ；
layout-actions = 操作
