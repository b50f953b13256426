//! PURE: segment times, the dates a schedule rule covers, and a session's window in UTC.
//!
//! A segment whose end is before its start crosses midnight; the session belongs to the
//! business date on which it opens. Local time is Asia/Shanghai (UTC+8, no daylight saving).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

/// The longest season one schedule rule or query may span, in days.
pub const MAX_SPAN_DAYS: i64 = 400;

/// A validated daily time window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentTime {
    /// Opening time, local.
    pub start: NaiveTime,
    /// Closing time, local; before `start` when the segment crosses midnight.
    pub end: NaiveTime,
}

/// How long before a session starts its vendors may be checked in (and inspected, and their
/// permit read as valid): they come to set up. Earlier, it is another night: just after
/// midnight, this evening's session is already "today's" by date, but the night still running
/// is yesterday's.
pub const DOORS_OPEN_BEFORE: Duration = Duration::hours(4);

/// Whether `session`'s night has begun for inspections and permits at `now`.
pub fn doors_open(session: &entity::market_sessions::Model, now: DateTime<Utc>) -> bool {
    now >= session.starts_at - DOORS_OPEN_BEFORE
}

/// Whether check-in is open at `now`: from the session's business date on (local time), as
/// the API's contract states — a clerk may check vendors in early on the market day. (Late
/// entries stay allowed; a cancelled or ended night is refused elsewhere.)
pub fn check_in_open(session: &entity::market_sessions::Model, now: DateTime<Utc>) -> bool {
    now.with_timezone(&crate::clock::shanghai()).date_naive() >= session.business_date
}

/// Why a segment's times are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentError {
    /// The start is not a time of day.
    BadStart,
    /// The end is not a time of day.
    BadEnd,
    /// Start and end are the same minute.
    Empty,
    /// Longer than [`MAX_SEGMENT_HOURS`]: start and end swapped (22:30–18:00 is not a
    /// nineteen-and-a-half-hour night).
    TooLong,
}

impl SegmentError {
    /// The field a refused segment time names (`start` or `end`), and what to say about it.
    pub fn field_and_text(self) -> (&'static str, crate::i18n::T) {
        use crate::i18n::texts::markets as t;
        match self {
            SegmentError::BadStart => ("start", t::SEGMENT_TIME),
            SegmentError::BadEnd => ("end", t::SEGMENT_TIME),
            SegmentError::Empty => ("end", t::SEGMENT_EMPTY),
            SegmentError::TooLong => ("end", t::SEGMENT_TOO_LONG),
        }
    }
}

/// The longest a segment may last, hours: a night market from 18:00 to 06:00 is 12, a
/// convenience market from 06:00 to 22:00 is 16.
pub const MAX_SEGMENT_HOURS: i64 = 16;

/// Parses a time of day as people type it: `18:00`, `8:00`, `18:00:00`, full-width
/// `１８：００`; 00:00–23:59.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let s: String = crate::normalize::half_width(s.trim());
    let s = s
        .strip_suffix(":00")
        .filter(|r| r.len() >= 4 && r.contains(':'))
        .unwrap_or(&s);
    let (h, m) = s.split_once(':')?;
    if !(1..=2).contains(&h.len())
        || m.len() != 2
        || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

impl SegmentTime {
    /// Parses a start and an end; equal times and segments over [`MAX_SEGMENT_HOURS`] are
    /// refused.
    pub fn parse(start: &str, end: &str) -> Result<SegmentTime, SegmentError> {
        let start = parse_hhmm(start).ok_or(SegmentError::BadStart)?;
        let end = parse_hhmm(end).ok_or(SegmentError::BadEnd)?;
        if start == end {
            return Err(SegmentError::Empty);
        }
        let time = SegmentTime { start, end };
        if time.minutes() > MAX_SEGMENT_HOURS * 60 {
            return Err(SegmentError::TooLong);
        }
        Ok(time)
    }

    /// How long the segment lasts, minutes.
    pub fn minutes(&self) -> i64 {
        let m = (self.end - self.start).num_minutes();
        if m <= 0 { m + 24 * 60 } else { m }
    }

    /// Whether the segment ends after midnight.
    pub fn crosses_midnight(&self) -> bool {
        self.end < self.start
    }

    /// The session window on a business date, in UTC.
    pub fn window(&self, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let tz = crate::clock::shanghai();
        let end_date = if self.crosses_midnight() {
            date + Duration::days(1)
        } else {
            date
        };
        let local = |d: NaiveDate, t: NaiveTime| {
            tz.from_local_datetime(&d.and_time(t))
                .single()
                .map(|x| x.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&d.and_time(t)))
        };
        (local(date, self.start), local(end_date, self.end))
    }
}

/// `HH:MM` of a time.
pub fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// `HH:MM` local of a UTC instant.
pub fn local_hhmm(at: DateTime<Utc>) -> String {
    at.with_timezone(&crate::clock::shanghai())
        .format("%H:%M")
        .to_string()
}

/// Every date from `from` to `to` (inclusive) whose ISO weekday (1 = Monday) is in `weekdays`;
/// an empty `weekdays` means every day.
pub fn dates(from: NaiveDate, to: NaiveDate, weekdays: &[u8]) -> Vec<NaiveDate> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| weekday_matches(*d, weekdays))
        .collect()
}

/// Whether `date` falls on one of `weekdays` (empty = any).
pub fn weekday_matches(date: NaiveDate, weekdays: &[u8]) -> bool {
    weekdays.is_empty() || weekdays.contains(&(date.weekday().number_from_monday() as u8))
}

/// Parses `YYYY-MM-DD` (the one rule: [`crate::extract::Date`]).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::extract::Date::parse(s).map(|d| d.0)
}

/// Whether stalls of this session can still be chosen: scheduled and not yet open (the same
/// rule the bookings feature applies to a vendor's own booking).
pub fn open_for_choice(
    session: &entity::market_sessions::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    session.status == entity::market_sessions::SessionStatus::Scheduled && now < session.starts_at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn a_night_segment_that_ends_after_midnight_belongs_to_its_opening_date() {
        let seg = SegmentTime::parse("18:00", "01:30").unwrap();
        assert!(seg.crosses_midnight());
        let (start, end) = seg.window(d("2026-07-03"));
        assert_eq!(start.to_rfc3339(), "2026-07-03T10:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-07-03T17:30:00+00:00");
    }

    #[test]
    fn a_morning_segment_is_stored_in_utc_of_the_previous_evening() {
        let seg = SegmentTime::parse("06:00", "09:00").unwrap();
        let (start, end) = seg.window(d("2026-07-03"));
        assert_eq!(start.to_rfc3339(), "2026-07-02T22:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-07-03T01:00:00+00:00");
    }

    #[test]
    fn equal_start_and_end_and_bad_times_are_refused() {
        assert_eq!(
            SegmentTime::parse("18:00", "18:00"),
            Err(SegmentError::Empty)
        );
        assert_eq!(
            SegmentTime::parse("24:00", "18:00"),
            Err(SegmentError::BadStart)
        );
        assert_eq!(
            SegmentTime::parse("18:00", "24:00"),
            Err(SegmentError::BadEnd)
        );
        assert_eq!(
            SegmentTime::parse("06:60", "09:00"),
            Err(SegmentError::BadStart)
        );
        assert_eq!(
            SegmentTime::parse("6:00:30", "09:00"),
            Err(SegmentError::BadStart)
        );
        // Swapped: not a night of nineteen and a half hours, nor of 23 h 59 min.
        assert_eq!(
            SegmentTime::parse("22:30", "18:00"),
            Err(SegmentError::TooLong)
        );
        assert_eq!(
            SegmentTime::parse("18:30", "18:29"),
            Err(SegmentError::TooLong)
        );
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        let t = |s| parse_hhmm(s).map(|t| t.format("%H:%M").to_string());
        assert_eq!(t("8:00").as_deref(), Some("08:00"));
        assert_eq!(t("18:00:00").as_deref(), Some("18:00"));
        assert_eq!(t("１８：００").as_deref(), Some("18:00"));
        assert_eq!(t(" 06:30 ").as_deref(), Some("06:30"));
        for bad in ["24:00", "18", "18:0", "18.00", "123:00", ":00", "18:00:01"] {
            assert_eq!(t(bad), None, "{bad}");
        }
        let night = SegmentTime::parse("18:00", "06:00").unwrap();
        assert_eq!(night.minutes(), 12 * 60);
        assert!(SegmentTime::parse("06:00", "22:00").is_ok());
    }

    #[test]
    fn dates_follow_the_weekdays_with_monday_as_one() {
        // 2026-07-03 is a Friday.
        let fridays = dates(d("2026-07-01"), d("2026-07-31"), &[5]);
        assert_eq!(fridays.len(), 5);
        assert!(fridays.iter().all(|x| x.weekday() == chrono::Weekday::Fri));
        assert_eq!(dates(d("2026-07-01"), d("2026-07-03"), &[]).len(), 3);
        assert!(dates(d("2026-07-03"), d("2026-07-01"), &[]).is_empty());
    }
}
