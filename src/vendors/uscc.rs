//! Unified social credit codes (GB 32100): 18 symbols of a 31-symbol alphabet with a check symbol.

use crate::i18n::{T, texts::vendor as t};
use crate::normalize::compact;

/// The alphabet: digits and capitals without I, O, S, V, Z.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid, normalised unified social credit code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uscc(String);

impl Uscc {
    /// Checks length, alphabet and the check symbol (weights 3^(i−1) mod 31).
    pub fn parse(input: &str) -> Result<Uscc, T> {
        let s = compact(input).to_ascii_uppercase();
        let values: Option<Vec<u32>> = s.bytes().map(value_of).collect();
        let Some(values) = values.filter(|v| v.len() == 18) else {
            return Err(t::USCC_INVALID);
        };
        let mut weight = 1u32;
        let mut sum = 0u32;
        for v in &values[..17] {
            sum += v * weight;
            weight = weight * 3 % 31;
        }
        let check = (31 - sum % 31) % 31;
        if values[17] == check {
            Ok(Uscc(s))
        } else {
            Err(t::USCC_INVALID)
        }
    }

    /// The 18 symbols.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn value_of(b: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == b).map(|p| p as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_code_is_accepted_in_any_case() {
        assert!(Uscc::parse("91350100M000100Y43").is_ok());
        assert!(Uscc::parse("91350100m000100y43").is_ok());
    }

    #[test]
    fn a_changed_symbol_or_a_forbidden_letter_is_rejected() {
        assert!(Uscc::parse("91350100M000100Y44").is_err());
        assert!(Uscc::parse("91350100M0001O0Y43").is_err());
        assert!(Uscc::parse("91350100M000100Y4").is_err());
    }
}
