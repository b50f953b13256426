//! Typed column values: closed sets of stored strings as enums, JSON list columns as lists.
//!
//! Every value is parsed once, when a row is read: a stored value outside its set is a database
//! error naming the column's type, never a silent default. The stored text stays what it was, so
//! no data migration is needed.

use std::fmt;

/// A stored value that is not one of its type's values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The type that was expected.
    pub what: &'static str,
    /// The text that was found.
    pub value: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a valid {}: {:?}", self.what, self.value)
    }
}

impl std::error::Error for ParseError {}

/// Declares an enum stored as one of a closed set of strings: the variant's string is its
/// database value and its JSON name, so neither the schema nor the API changes.
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:tt, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            sea_orm::EnumIter, sea_orm::DeriveActiveEnum,
            serde::Serialize, serde::Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[sea_orm(string_value = $value)]
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and API name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $value,)+
                }
            }

            /// Parses a stored or submitted name.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($value => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::types::ParseError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| $crate::types::ParseError {
                    what: stringify!($name),
                    value: s.to_owned(),
                })
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }
    };
}

/// ISO weekdays (1 = Monday … 7 = Sunday), sorted, each once; empty means every day.
/// Stored as a JSON array (`[1,3]`, `[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, sea_orm::DeriveValueType)]
#[sea_orm(value_type = "String")]
pub struct Weekdays(Vec<u8>);

impl Weekdays {
    /// Every day.
    pub const EVERY_DAY: Weekdays = Weekdays(Vec::new());

    /// Weekdays from ISO numbers in any order, repeats dropped; `None` if any is outside 1–7.
    pub fn from_iso(raw: &[i64]) -> Option<Weekdays> {
        let mut days = Vec::with_capacity(raw.len());
        for &w in raw {
            if !(1..=7).contains(&w) {
                return None;
            }
            days.push(w as u8);
        }
        days.sort_unstable();
        days.dedup();
        Some(Weekdays(days))
    }

    /// Whether `date` falls on one of these weekdays (empty = any).
    pub fn matches(&self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        self.0.is_empty()
            || self
                .0
                .contains(&(date.weekday().number_from_monday() as u8))
    }
}

impl std::ops::Deref for Weekdays {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(&self.0).map_err(|_| fmt::Error)?)
    }
}

impl std::str::FromStr for Weekdays {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseError {
            what: "Weekdays",
            value: s.to_owned(),
        };
        let raw: Vec<i64> = serde_json::from_str(s).map_err(|_| err())?;
        Weekdays::from_iso(&raw).ok_or_else(err)
    }
}

impl serde::Serialize for Weekdays {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Declares a list of strings stored as a JSON array of strings (`["早市","夜市"]`, `[]`).
macro_rules! string_list {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, sea_orm::DeriveValueType)]
        #[sea_orm(value_type = "String")]
        pub struct $name(pub Vec<String>);

        impl $name {
            /// Whether the list names `item`.
            pub fn contains_str(&self, item: &str) -> bool {
                self.0.iter().any(|s| s == item)
            }
        }

        impl std::ops::Deref for $name {
            type Target = [String];

            fn deref(&self) -> &[String] {
                &self.0
            }
        }

        impl From<Vec<String>> for $name {
            fn from(items: Vec<String>) -> Self {
                $name(items)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&serde_json::to_string(&self.0).map_err(|_| fmt::Error)?)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                serde_json::from_str(s).map($name).map_err(|_| ParseError {
                    what: stringify!($name),
                    value: s.to_owned(),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(s)
            }
        }
    };
}

string_list!(
    /// Segment names of a market (`早市`, `夜市`); on an application, empty means every segment.
    SegmentNames
);

impl SegmentNames {
    /// Whether an application for these segments covers a session in `segment` (empty = every
    /// segment).
    pub fn covers(&self, segment: &str) -> bool {
        self.0.is_empty() || self.contains_str(segment)
    }
}

string_list!(
    /// Stall codes, most wanted first.
    StallCodes
);

string_list!(
    /// Priority group codes (`dibao`, `disabled`, `veteran`, `returnee`, `local`).
    PriorityGroups
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_stored_as_the_json_array_they_always_were() {
        let w = Weekdays::from_iso(&[5, 1, 5]).unwrap();
        assert_eq!(w.to_string(), "[1,5]");
        assert_eq!("[1,5]".parse::<Weekdays>().unwrap(), w);
        assert_eq!(Weekdays::EVERY_DAY.to_string(), "[]");
    }

    #[test]
    fn a_malformed_stored_weekday_list_is_an_error_not_every_day() {
        assert!("".parse::<Weekdays>().is_err());
        assert!("[8]".parse::<Weekdays>().is_err());
        assert!("[\"mon\"]".parse::<Weekdays>().is_err());
    }

    #[test]
    fn an_empty_segment_list_covers_every_segment() {
        let all: SegmentNames = "[]".parse().unwrap();
        assert!(all.covers("夜市"));
        let morning: SegmentNames = "[\"早市\"]".parse().unwrap();
        assert!(morning.covers("早市"));
        assert!(!morning.covers("夜市"));
        assert_eq!(morning.to_string(), "[\"早市\"]");
        assert!("not json".parse::<SegmentNames>().is_err());
    }
}
