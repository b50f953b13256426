### The login page and account messages.

auth-login-title = 登录
auth-login-field = 账号（摊主请填手机号）
auth-password = 密码
auth-submit = 登录
auth-no-account = 还没有账号？
auth-register-link = 摊主在线注册
auth-password-too-short = 密码至少需要 8 个字符。
auth-password-too-long = 密码不能超过 128 个字符。
auth-password-too-weak = 密码太简单或太常见，请同时使用字母和数字，不要用生日、123456 之类。
auth-login-taken = 该账号已存在。
auth-login-invalid = 账号需 3–64 个字符，只能包含字母、数字、点、横线和下划线。
auth-name-required = 请填写姓名。
auth-name-too-long = 姓名不能超过 50 个字。
auth-name-unprintable = 姓名里有无法显示的字符，请重新输入。
auth-role-invalid = 角色必须是 admin、bureau、manager 或 vendor。
# The wait is the real one: 15 minutes after too many failures, the rest of the minute after
# too many attempts from one address (a county office's staff share one).
auth-locked-out = { $minutes ->
        [0] 登录尝试次数过多，请 { $seconds } 秒后再试。
       *[other] 登录尝试次数过多，请 { $minutes } 分钟后再试。
    }
password-title = 修改密码
password-nav = 修改密码
password-intro = 先输入现在的密码，再设一个新密码。改好后，其他手机或电脑上的登录会退出，这里保持登录。
password-current = 现在的密码
password-new = 新密码
password-new-hint = 至少 8 位，要有字母和数字，不要用生日或 12345678 这样好猜的。
password-submit = 修改密码
password-current-wrong = 现在的密码不对，请再输一次。
password-same = 新密码和现在的密码一样，请换一个。
password-forgotten = 忘记密码？请联系市场管理员或商务局为您重设。
