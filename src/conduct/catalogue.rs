//! The published inspection catalogue (一摊一码 12-point scoring): each item's code, name and
//! demerit points, and the thresholds of the rule.

use crate::i18n::{T, texts::night as t};
use serde::Serialize;
use utoipa::ToSchema;

/// Points in 12 months at which a vendor is warned.
pub const WARNING_POINTS: i32 = 6;
/// Points in 12 months at which a vendor is suspended for the market's configured period.
pub const SUSPENSION_POINTS: i32 = 12;
/// Days after an inspection within which its vendor may appeal (once).
pub const APPEAL_DAYS: i64 = 14;
/// The rolling window of the points, in months.
pub const WINDOW_MONTHS: u32 = 12;

/// One catalogue item.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    /// Stable machine code.
    pub code: &'static str,
    /// Its name, in the reader's language.
    pub name: T,
    /// The demerit points it carries.
    pub points: i32,
}

/// Every item, in the order the forms show them.
pub const CATALOGUE: &[Code] = &[
    Code {
        code: "smoke",
        name: t::CODE_SMOKE,
        points: 3,
    },
    Code {
        code: "noise",
        name: t::CODE_NOISE,
        points: 2,
    },
    Code {
        code: "hygiene",
        name: t::CODE_HYGIENE,
        points: 2,
    },
    Code {
        code: "encroachment",
        name: t::CODE_ENCROACHMENT,
        points: 3,
    },
    Code {
        code: "price_display",
        name: t::CODE_PRICE_DISPLAY,
        points: 2,
    },
    Code {
        code: "gas",
        name: t::CODE_GAS,
        points: 6,
    },
    Code {
        code: "unlicensed_helper",
        name: t::CODE_UNLICENSED_HELPER,
        points: 3,
    },
    Code {
        code: "waste",
        name: t::CODE_WASTE,
        points: 2,
    },
    Code {
        code: "late_close",
        name: t::CODE_LATE_CLOSE,
        points: 1,
    },
    Code {
        code: "food_safety",
        name: t::CODE_FOOD_SAFETY,
        points: 6,
    },
];

/// The item with this code.
pub fn find(code: &str) -> Option<&'static Code> {
    CATALOGUE.iter().find(|c| c.code == code)
}

/// One catalogue item as the API lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeItem {
    /// Stable machine code.
    pub code: &'static str,
    /// Its name in the request's language.
    pub name: &'static str,
    /// Demerit points.
    pub points: i32,
}

/// The catalogue in `lang`.
pub fn items(lang: crate::i18n::Lang) -> Vec<CodeItem> {
    CATALOGUE
        .iter()
        .map(|c| CodeItem {
            code: c.code,
            name: c.name.get(lang),
            points: c.points,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_points_positive_and_below_suspension() {
        for (i, c) in CATALOGUE.iter().enumerate() {
            assert!(c.points > 0 && c.points < SUSPENSION_POINTS, "{}", c.code);
            assert!(CATALOGUE[i + 1..].iter().all(|o| o.code != c.code));
        }
        assert!(find("gas").is_some());
        assert!(find("juggling").is_none());
    }
}
