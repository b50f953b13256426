### Server errors (a panic or a failed query) as users see them.

panics-request-id = 请求编号（联系管理员时请提供）
