//! Resident ID numbers (GB 11643): 18 characters, MOD 11-2 check character, a real birth date.

use crate::i18n::{T, texts::vendor as t};
use crate::normalize::compact;
use chrono::NaiveDate;

/// A valid, normalised resident ID number (upper-case `X`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumber(String);

/// The check character for each value of Σ aᵢ·Wᵢ mod 11.
const CHECK: &[u8; 11] = b"10X98765432";

impl IdNumber {
    /// Normalises full-width digits and a lower-case `x`, then checks length, characters,
    /// birth date (real, not in the future, not before 1900) and the check character.
    pub fn parse(input: &str, today: NaiveDate) -> Result<IdNumber, T> {
        let s = compact(input).to_ascii_uppercase();
        if s.chars().count() != 18 {
            return Err(t::ID_LENGTH);
        }
        let b = s.as_bytes();
        if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
            return Err(t::ID_CHARS);
        }
        let birth = NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").map_err(|_| t::ID_BIRTH_DATE)?;
        let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        if birth > today || birth < earliest {
            return Err(t::ID_BIRTH_DATE);
        }
        if check_char(&b[..17]) != b[17] {
            return Err(t::ID_CHECKSUM);
        }
        Ok(IdNumber(s))
    }

    /// The 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `6207**********1231`, for lists, exports and public pages.
    pub fn masked(&self) -> String {
        crate::mask::mask_id_number(&self.0)
    }
}

/// Weight of position i (1-based from the left) is 2^(18−i) mod 11.
fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * ((1u32 << (17 - i)) % 11))
        .sum();
    CHECK[(sum % 11) as usize]
}

/// Completes 17 digits with their check character (for generated demo data).
pub fn complete(first17: &str) -> Option<String> {
    (first17.len() == 17 && first17.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{first17}{}", check_char(first17.as_bytes()) as char))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    /// Builds a valid number from 17 digits, for tests elsewhere.
    pub(crate) fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()) as char)
    }

    #[test]
    fn the_standard_sample_with_a_lower_case_x_is_accepted() {
        let id = IdNumber::parse("11010519491231002x", today()).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn full_width_digits_are_accepted() {
        let ascii = with_check("44052419800101001");
        let full_width: String = ascii
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        let id = IdNumber::parse(&full_width, today()).unwrap();
        assert_eq!(id.as_str(), ascii);
    }

    #[test]
    fn a_wrong_check_character_is_rejected() {
        let err = IdNumber::parse("110105194912310021", today()).unwrap_err();
        assert_eq!(err, t::ID_CHECKSUM);
    }

    #[test]
    fn an_impossible_or_future_birth_date_is_rejected() {
        let feb30 = with_check("62072219900230123");
        assert!(IdNumber::parse(&feb30, today()).is_err());
        let future = with_check("62072220991231123");
        assert!(IdNumber::parse(&future, today()).is_err());
    }

    #[test]
    fn wrong_lengths_and_letters_are_rejected() {
        assert!(IdNumber::parse("1101051949123100", today()).is_err());
        assert!(IdNumber::parse("1101051949123100AX", today()).is_err());
    }

    #[test]
    fn the_middle_ten_characters_are_masked() {
        let id = IdNumber::parse(&with_check("62072219900101123"), today()).unwrap();
        assert_eq!(id.masked(), format!("6207**********{}", &id.as_str()[14..]));
    }

    #[test]
    fn every_valid_number_passes_and_every_other_check_character_fails() {
        let first17 = "62072219900101123";
        let valid = with_check(first17);
        assert!(IdNumber::parse(&valid, today()).is_ok());
        for c in "0123456789X".chars() {
            let candidate = format!("{first17}{c}");
            if candidate != valid {
                assert!(IdNumber::parse(&candidate, today()).is_err(), "{candidate}");
            }
        }
    }
}
