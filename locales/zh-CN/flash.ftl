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
