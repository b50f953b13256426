//! An object's id in the path (`/api/v1/sites/{id}`, `/sites/{id}`): one rule for every route.

use crate::error::AppError;
use crate::i18n::Msg;
use axum::extract::{FromRequestParts, RawPathParams};

/// The `{id}` of a route, a positive 32-bit integer (the ids the database hands out).
///
/// API.md: ids are integers. A path whose id is not a whole number at all (`abc`, `1.5`) is
/// malformed: 400 `bad_request`. A whole number that no object can have (zero, negative, past
/// 2³¹ − 1) names nothing: 404, the same answer as an id that is merely unused, and without a
/// query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathId(pub i32);

impl PathId {
    /// The id `text` names; `Err` with the answer for one that names nothing.
    pub fn parse(text: &str) -> Result<PathId, AppError> {
        let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::bad_request(
                "bad_request",
                Msg::with("errors-bad-path-id", []),
            ));
        }
        match text.parse::<i32>() {
            Ok(id) if id > 0 => Ok(PathId(id)),
            _ => Err(AppError::NotFound),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        // Every route with an object id has exactly one path parameter.
        let (_, value) = params.iter().next().ok_or(AppError::NotFound)?;
        PathId::parse(value)
    }
}

#[cfg(test)]
mod tests {
    use super::PathId;

    #[test]
    fn a_positive_whole_number_is_an_id() {
        assert_eq!(PathId::parse("1").unwrap(), PathId(1));
        assert_eq!(PathId::parse("2147483647").unwrap(), PathId(i32::MAX));
    }

    #[test]
    fn a_whole_number_no_object_can_have_is_not_found() {
        for text in ["0", "-1", "2147483648", "99999999999999999999999"] {
            assert_eq!(
                PathId::parse(text).unwrap_err().code(),
                "not_found",
                "{text}"
            );
        }
    }

    #[test]
    fn something_that_is_not_a_whole_number_is_malformed() {
        for text in ["abc", "1.5", "", "-", "1e3", " 1"] {
            assert_eq!(
                PathId::parse(text).unwrap_err().code(),
                "bad_request",
                "{text:?}"
            );
        }
    }
}
