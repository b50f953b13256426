//! `?limit=&offset=` of every list (API.md: default limit 1000, at most 5000).

use crate::api::List;
use crate::error::AppError;
use crate::i18n::Msg;
use axum::extract::FromRequestParts;
use serde::Deserialize;

/// Items per page when the query names no limit.
pub const DEFAULT_LIMIT: u64 = 1000;
/// The largest page a client may ask for.
pub const MAX_LIMIT: u64 = 5000;

/// A list's page, already bounded: `limit` in 1..=5000, `offset` in 0..=2⁶³ − 1 (databases
/// count rows in signed 64 bits; a larger offset made the SQLite driver panic). Anything else
/// is a 400 with the JSON envelope, for every list at once.
///
/// The extractor reads only `limit` and `offset` from the query string, so a list with
/// filters of its own takes its filter struct and `Paging` side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Items per page, 1–5000 (default 1000).
    #[param(minimum = 1, maximum = 5000, value_type = Option<u64>)]
    limit: u64,
    /// Items to skip, 0–9223372036854775807 (default 0).
    #[param(minimum = 0, maximum = 9_223_372_036_854_775_807_u64, value_type = Option<u64>)]
    offset: u64,
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// The two parameters as sent, before they are checked.
#[derive(Deserialize)]
struct RawPaging {
    limit: Option<String>,
    offset: Option<String>,
}

impl Paging {
    /// The page a query string asks for (`None`: no query at all).
    pub fn from_query(query: Option<&str>) -> Result<Paging, AppError> {
        let raw: RawPaging = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| crate::serde_detail::query_error(&e.to_string()))?;
        let number = |name: &str, value: Option<String>, min: u64, max: u64| match value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => Ok(None),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(refused(name, min, max)),
            },
        };
        Ok(Paging {
            limit: number("limit", raw.limit, 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT),
            offset: number("offset", raw.offset, 0, i64::MAX as u64)?.unwrap_or(0),
        })
    }

    /// Items per page.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Items skipped.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// This page of a list held in memory, with the list's full length as `total`.
    pub fn slice<T>(&self, items: Vec<T>) -> List<T> {
        let total = items.len() as u64;
        let skip = usize::try_from(self.offset).unwrap_or(usize::MAX);
        let take = usize::try_from(self.limit).unwrap_or(usize::MAX);
        List {
            items: items.into_iter().skip(skip).take(take).collect(),
            total,
        }
    }
}

/// A 400 `malformed_query` saying what is wrong with the paging parameters.
fn refused(name: &str, min: u64, max: u64) -> AppError {
    AppError::bad_request(
        "malformed_query",
        Msg::with(
            "errors-bad-paging",
            [
                ("name", name.to_owned().into()),
                ("min", min.to_string().into()),
                ("max", max.to_string().into()),
            ],
        ),
    )
}

impl<S: Send + Sync> FromRequestParts<S> for Paging {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Paging::from_query(parts.uri.query())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(q: &str) -> Result<Paging, AppError> {
        Paging::from_query(Some(q))
    }

    #[test]
    fn no_parameters_mean_the_first_thousand_items() {
        assert_eq!(Paging::from_query(None).unwrap(), Paging::default());
        let p = page("status=approved&limit=&offset=").unwrap();
        assert_eq!((p.limit(), p.offset()), (1000, 0));
    }

    #[test]
    fn the_largest_offset_a_database_can_count_is_accepted() {
        let p = page("offset=9223372036854775807&limit=5000").unwrap();
        assert_eq!((p.limit(), p.offset()), (5000, i64::MAX as u64));
    }

    #[test]
    fn paging_out_of_bounds_is_a_malformed_query() {
        for q in [
            "offset=9223372036854775808",
            "offset=18446744073709551616",
            "offset=-1",
            "offset=1.5",
            "limit=0",
            "limit=5001",
            "limit=-1",
            "limit=ten",
            "limit=1&limit=2",
        ] {
            let err = page(q).expect_err(q);
            assert_eq!(err.code(), "malformed_query", "{q}");
        }
    }

    #[test]
    fn a_page_of_a_list_in_memory_counts_the_whole_list() {
        let p = page("limit=2&offset=1").unwrap();
        let list = p.slice(vec![1, 2, 3, 4]);
        assert_eq!((list.items, list.total), (vec![2, 3], 4));
        let far = page("offset=9223372036854775807").unwrap().slice(vec![1]);
        assert_eq!((far.items.len(), far.total), (0, 1));
    }
}
