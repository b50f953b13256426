### Administration of users.

admin-users-title = 用户管理
admin-new-user = 新建用户
admin-login = 账号
admin-name = 姓名
admin-role = 角色
admin-password = 初始密码
admin-create = 创建
admin-sites = 负责场地
admin-save-sites = 保存负责场地
admin-status = 状态
admin-active = 正常
admin-disabled = 已停用
admin-site-unknown = 场地不存在。
admin-disable = 停用
admin-enable = 启用
admin-not-yourself = 不能停用自己的账号。
admin-not-a-manager = 只能为市场管理员分配场地。
