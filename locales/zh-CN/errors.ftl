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

# A body or query serde refused, read into the field at fault ($field: its path, e.g.
# schedule[0].weekdays); $value, $allowed: a value outside a list, and the list.
errors-body-missing = 缺少必填项 { $field }。
errors-body-unknown = 不认识的字段 { $field }，请对照接口文档。
errors-body-variant = { $field } 不能是“{ $value }”，可选：{ $allowed }。
errors-body-wrong = { $field } 的类型或取值不对，请对照接口文档。
errors-body-shape = 请求内容的结构不对：应为一个 JSON 对象，字段见接口文档。
errors-query-shape = 查询参数的写法不对：编号应为整数，日期应为 YYYY-MM-DD。
errors-idempotency-key-too-long = Idempotency-Key 不能超过 255 个字符。
errors-idempotency-key-reused = 这个 Idempotency-Key 已用于另一个请求。
# $name: limit or offset; $min, $max: the range it must be in.
errors-bad-paging = 分页参数 { $name } 应为 { $min } 到 { $max } 之间的整数。
errors-bad-path-id = 路径中的编号应为整数。
