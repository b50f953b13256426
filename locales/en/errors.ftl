### Error messages of the envelope and the error pages.

errors-bad-request = The request is malformed.
errors-malformed-json = The JSON body is malformed.
errors-unauthorized = Please log in first.
errors-invalid-credentials = The login or the password is not correct.
errors-forbidden = You are not allowed to do this.
errors-csrf = The form has expired or came from elsewhere. Reload the page and try again.
errors-not-found = That page or record does not exist.
errors-method-not-allowed = That method is not allowed here.
errors-conflict = This conflicts with existing data. Reload and try again.
errors-payload-too-large = The request body is too large.
errors-unsupported-media-type = The API accepts only application/json.
errors-too-many-requests = Too many requests. Please wait and try again.
errors-unavailable = The service is busy. Please try again shortly.
errors-internal = Something went wrong on our side; it has been logged.
errors-error-title = Something went wrong
errors-back-home = Back to the home page

## Errors that name what was wrong.

# $detail: the parser's own words (English), e.g. a missing field.
errors-invalid-body = The request body is not valid: { $detail }
errors-malformed-query = The query string is not valid: { $detail }
errors-idempotency-key-too-long = An Idempotency-Key has at most 255 characters.
errors-idempotency-key-reused = This Idempotency-Key was used for a different request.
# $detail: what is wrong with ?limit= or ?offset=, from the parser.
errors-bad-paging = The paging parameters are not valid: { $detail }
errors-bad-path-id = The id in the path must be a whole number.
