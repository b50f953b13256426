//! Business time: Asia/Shanghai is UTC+8 all year (no daylight saving).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// UTC+8.
pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

/// Today's date in Minle.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&shanghai()).date_naive()
}

/// A UTC timestamp shown as local time `YYYY-MM-DD HH:MM`.
pub fn local_minute(at: DateTime<Utc>) -> String {
    at.with_timezone(&shanghai())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
