//! Business dates written `YYYY-MM-DD`, in query strings and bodies alike.

use crate::error::{AppError, AppResult};
use crate::i18n::texts::markets::DATE_INVALID;
use chrono::NaiveDate;

/// A business date as API.md writes it: exactly `YYYY-MM-DD`, a four-digit year.
///
/// chrono's `%Y` alone would also take `+275760-01-01` or `2026-1-5`; a far year then
/// overflowed the date arithmetic of the handlers (`date + 27 days` panics past chrono's
/// range), so the shape is checked before the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl Date {
    /// The date `text` spells (surrounding spaces ignored), or `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let shaped = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            return None;
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date)
    }
}

/// An optional date parameter: absent or empty → `None`; not a date → 422 `invalid_date`
/// naming `field` (the code every date has been refused with).
pub fn query_date(field: &str, value: Option<&str>) -> AppResult<Option<NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Date::parse(v)
            .map(|d| Some(d.0))
            .ok_or_else(|| AppError::invalid("invalid_date", field, DATE_INVALID)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_written_year_month_day_with_padding() {
        let d = Date::parse(" 2026-12-02 ").unwrap();
        assert_eq!(d.0, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        for bad in [
            "2026-1-5",
            "+275760-01-01",
            "20261202",
            "2026-02-30",
            "２０２６-12-02",
            "2026/12/02",
            "",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_absent_date_is_none_and_a_bad_one_names_its_field() {
        assert_eq!(query_date("from", Some("  ")).unwrap(), None);
        let err = query_date("to", Some("2026-13-01")).unwrap_err();
        assert_eq!((err.code(), err.field()), ("invalid_date", Some("to")));
    }
}
