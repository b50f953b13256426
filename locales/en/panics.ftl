### Server errors (a panic or a failed query) as users see them.

panics-request-id = Request id (quote it when reporting this)
