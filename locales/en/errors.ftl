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

# A body or query serde refused, read into the field at fault ($field: its path, e.g.
# schedule[0].weekdays); $value, $allowed: a value outside a list, and the list.
errors-body-missing = { $field } is required.
errors-body-unknown = Unknown field { $field }; see the API documentation.
errors-body-variant = { $field } cannot be “{ $value }”; one of: { $allowed }.
errors-body-wrong = { $field } has the wrong type or value; see the API documentation.
errors-body-shape = The body does not have the expected shape: a JSON object with the fields the API documentation gives.
errors-query-shape = A query parameter is malformed: ids are whole numbers, dates YYYY-MM-DD.
errors-idempotency-key-too-long = An Idempotency-Key has at most 255 characters.
errors-idempotency-key-reused = This Idempotency-Key was used for a different request.
# $name: limit or offset; $min, $max: the range it must be in.
errors-bad-paging = The paging parameter { $name } must be a whole number from { $min } to { $max }.
errors-bad-path-id = The id in the path must be a whole number.
