### Error messages of the envelope and the error pages.

errors-bad-request = 请求格式不正确。
errors-malformed-json = JSON 格式不正确。
errors-unauthorized = 请先登录。
errors-invalid-credentials = 账号或密码不正确。
errors-forbidden = 您没有权限执行此操作。
errors-csrf = 表单已过期或来源不明，请刷新页面后重试。
errors-not-found = 找不到该页面或记录。
errors-method-not-allowed = 不支持该请求方法。
errors-conflict = 数据已被他人修改或已存在，请刷新后重试。
errors-payload-too-large = 提交的内容太大。
errors-unsupported-media-type = 接口只接受 application/json 格式。
errors-too-many-requests = 请求过于频繁，请稍后再试。
errors-unavailable = 系统繁忙，请稍后再试。
errors-internal = 系统出错了，我们已记录此问题。
errors-error-title = 出错了
errors-back-home = 返回首页

## Errors that name what was wrong.

# $detail: the parser's own words (English), e.g. a missing field.
errors-invalid-body = 请求内容不符合要求：{ $detail }
errors-malformed-query = 查询参数不正确：{ $detail }
errors-idempotency-key-too-long = Idempotency-Key 不能超过 255 个字符。
errors-idempotency-key-reused = 这个 Idempotency-Key 已用于另一个请求。
# $detail: what is wrong with ?limit= or ?offset=, from the parser.
errors-bad-paging = 分页参数不正确：{ $detail }
errors-bad-path-id = 路径中的编号应为整数。
