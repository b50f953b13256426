//! The one rule for whether an application covers a session — its dates, its weekdays and its
//! segments (分时段经营: an application for the 早市 does not cover the 夜市 of the same market).
//! Bookings (every path), waitlist offers and the allocation input all ask it here.

use chrono::{Datelike, NaiveDate};
use entity::applications;

/// What an application asks for, as plain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// First business date.
    pub from: NaiveDate,
    /// Last business date.
    pub to: NaiveDate,
    /// ISO weekdays (1 = Monday); empty: every day.
    pub weekdays: Vec<u8>,
    /// Segment names; empty: every segment.
    pub segments: Vec<String>,
}

/// Why an application does not cover a session, in the order the rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCovered {
    /// The session's date is outside the application's dates.
    Dates,
    /// The session falls on a weekday the application does not name.
    Weekday,
    /// The session's segment is one the application does not name.
    Segment,
}

impl Coverage {
    /// The coverage of a stored application (its weekdays and segments parsed when read).
    pub fn of(a: &applications::Model) -> Self {
        Self {
            from: a.date_from,
            to: a.date_to,
            weekdays: a.weekdays.to_vec(),
            segments: a.segments.to_vec(),
        }
    }
}

/// Whether an application covering `coverage` covers the session on `date` in `segment`.
pub fn covers(coverage: &Coverage, date: NaiveDate, segment: &str) -> Result<(), NotCovered> {
    if date < coverage.from || date > coverage.to {
        return Err(NotCovered::Dates);
    }
    let weekday = u8::try_from(date.weekday().number_from_monday()).unwrap_or(0);
    if !coverage.weekdays.is_empty() && !coverage.weekdays.contains(&weekday) {
        return Err(NotCovered::Weekday);
    }
    if !coverage.segments.is_empty() && !coverage.segments.iter().any(|s| s == segment) {
        return Err(NotCovered::Segment);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-07-06 is a Monday.
    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, day).unwrap()
    }

    fn morning_only() -> Coverage {
        Coverage {
            from: d(6),
            to: d(12),
            weekdays: vec![],
            segments: vec!["早市".to_owned()],
        }
    }

    #[test]
    fn an_application_for_the_morning_market_covers_its_mornings() {
        assert_eq!(covers(&morning_only(), d(8), "早市"), Ok(()));
    }

    #[test]
    fn an_application_for_the_morning_market_does_not_cover_the_night_market_of_the_same_day() {
        assert_eq!(
            covers(&morning_only(), d(8), "夜市"),
            Err(NotCovered::Segment)
        );
    }

    #[test]
    fn an_application_naming_no_segment_covers_every_segment() {
        let every = Coverage {
            segments: vec![],
            ..morning_only()
        };
        assert_eq!(covers(&every, d(8), "夜市"), Ok(()));
        assert_eq!(covers(&every, d(8), "早市"), Ok(()));
    }

    #[test]
    fn the_first_and_last_dates_are_covered_and_the_days_around_them_are_not() {
        let c = morning_only();
        assert_eq!(covers(&c, d(6), "早市"), Ok(()));
        assert_eq!(covers(&c, d(12), "早市"), Ok(()));
        assert_eq!(covers(&c, d(5), "早市"), Err(NotCovered::Dates));
        assert_eq!(covers(&c, d(13), "早市"), Err(NotCovered::Dates));
    }

    #[test]
    fn an_application_for_weekends_does_not_cover_a_monday() {
        let weekends = Coverage {
            weekdays: vec![6, 7],
            ..morning_only()
        };
        assert_eq!(covers(&weekends, d(6), "早市"), Err(NotCovered::Weekday));
        assert_eq!(covers(&weekends, d(11), "早市"), Ok(()));
        assert_eq!(covers(&weekends, d(12), "早市"), Ok(()));
    }

    #[test]
    fn dates_are_judged_before_weekdays_and_weekdays_before_segments() {
        let weekends = Coverage {
            weekdays: vec![6, 7],
            ..morning_only()
        };
        assert_eq!(covers(&weekends, d(20), "夜市"), Err(NotCovered::Dates));
        assert_eq!(covers(&weekends, d(7), "夜市"), Err(NotCovered::Weekday));
    }
}
