//! Mainland mobile numbers: `+86 138-0013-8000` → `13800138000`; `^1[3-9]\d{9}$`, no carrier list.

use crate::i18n::{T, texts::vendor as t};
use crate::normalize::compact;

/// A valid, normalised mainland mobile number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Strips spaces, dashes and a `+86`/`0086` prefix, then checks the shape.
    pub fn parse(input: &str) -> Result<Phone, T> {
        let s = compact(input);
        let s = s
            .strip_prefix("+86")
            .or_else(|| s.strip_prefix("0086"))
            .unwrap_or(&s);
        let b = s.as_bytes();
        let ok = b.len() == 11
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1])
            && b.iter().all(u8::is_ascii_digit);
        if ok {
            Ok(Phone(s.to_owned()))
        } else {
            Err(t::PHONE_INVALID)
        }
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****1234`, for lists, exports and public pages.
    pub fn masked(&self) -> String {
        crate::mask::mask_phone(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_spaces_and_dashes_are_removed() {
        for input in [
            "13800138000",
            "+86 138-0013-8000",
            "0086 13800138000",
            "１３８００１３８０００",
        ] {
            assert_eq!(
                Phone::parse(input).unwrap().as_str(),
                "13800138000",
                "{input}"
            );
        }
    }

    #[test]
    fn numbers_of_the_wrong_shape_are_rejected() {
        for input in [
            "12800138000",
            "1380013800",
            "138001380001",
            "1380013800a",
            "",
            "+1 4155550100",
        ] {
            assert!(Phone::parse(input).is_err(), "{input}");
        }
    }

    #[test]
    fn the_middle_digits_are_masked() {
        assert_eq!(Phone::parse("13812341234").unwrap().masked(), "138****1234");
    }
}
