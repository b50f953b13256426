//! What a new password must be: long enough, not guessable, not on the common list; and the
//! generated passwords of first-run accounts.

use crate::i18n::{T, texts::auth as t};

/// Checks a new password: 8–128 characters, not only digits or only letters.
pub fn check_strength(password: &str) -> Result<(), T> {
    let password = &crate::identity::password::typed(password);
    let chars = password.chars().count();
    if chars < 8 {
        return Err(t::PASSWORD_TOO_SHORT);
    }
    if chars > 128 {
        return Err(t::PASSWORD_TOO_LONG);
    }
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    let has_other = password.chars().any(|c| !c.is_ascii_digit());
    let distinct = password
        .chars()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if !has_digit || !has_other || distinct < 4 || super::common_passwords::is_common(password) {
        return Err(t::PASSWORD_TOO_WEAK);
    }
    Ok(())
}

/// A generated password for first-run accounts: readable, 16 characters, letters and digits.
pub fn generate() -> String {
    use rand::Rng;
    // No 0/O, 1/l/I: these are read off a terminal and typed on a phone.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    loop {
        let p: String = (0..16)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect();
        if check_strength(&p).is_ok() {
            return p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numeric_and_repetitive_passwords_are_refused() {
        assert!(check_strength("abc12").is_err());
        assert!(check_strength("12345678").is_err());
        assert!(check_strength("abcdefgh").is_err());
        assert!(check_strength("aaaa1111").is_err());
        assert!(check_strength("WoAiNi1314").is_err(), "on the common list");
        assert!(check_strength("lanzhou-noodles-7").is_ok());
    }

    #[test]
    fn generated_passwords_pass_the_strength_rules() {
        for _ in 0..50 {
            assert!(check_strength(&generate()).is_ok());
        }
    }
}
