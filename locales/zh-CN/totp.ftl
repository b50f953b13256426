### The TOTP second factor: enrolment, the login's second step, an administrator's reset.

totp-title = 动态验证码（两步验证）
totp-required = 此账号已开启两步验证，请输入身份验证器中的 6 位动态码。
totp-wrong-code = 动态码不正确、已过期或已使用过，请输入身份验证器中当前显示的 6 位数字。
totp-already-enrolled = 此账号已开启两步验证。如需更换手机，请联系系统管理员重置。
totp-not-started = 请先开始设置两步验证。
totp-challenge-expired = 验证已超时，请重新输入账号和密码。
totp-code-field = 6 位动态码
totp-code-hint = 打开手机上的身份验证器（如微信小程序“腾讯身份验证器”、Google Authenticator），输入当前显示的数字。
totp-verify = 验证
totp-enrolled = 两步验证已开启。
totp-not-enrolled = 两步验证尚未开启。开启后，登录时除密码外还需输入手机身份验证器中的动态码。
totp-must-enrol = 管理人员账号须开启两步验证后才能继续使用。
totp-start = 开启两步验证
totp-scan = 用身份验证器扫描下面的二维码（或手动输入密钥），然后输入它显示的 6 位数字以确认。二维码只显示这一次。
totp-secret-key = 密钥
totp-qr-label = 两步验证二维码
totp-confirm = 确认开启
totp-restart = 重新生成二维码
totp-reset = 重置两步验证
totp-account-link = 两步验证
