//! TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, ±1 step) for managers,
//! bureau staff and administrators: the pure code here, the stored secrets in [`store`], the
//! JSON routes in [`api`] and the pages (enrolment, login's second step) in [`pages`].

pub mod api;
pub mod pages;
pub mod store;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Seconds per time step.
pub const STEP_SECS: i64 = 30;
/// Steps either side of now that are still accepted (clock drift, slow typing).
pub const WINDOW: i64 = 1;
/// Bytes of a new secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// Name shown in authenticator apps.
pub const ISSUER: &str = "Minle Markets";

/// Only staff enrol; vendors log in with their password alone.
pub fn may_enrol(role: crate::identity::Role) -> bool {
    role != crate::identity::Role::Vendor
}

/// A fresh random secret.
pub fn new_secret() -> [u8; SECRET_BYTES] {
    use rand::RngCore;
    let mut secret = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut secret);
    secret
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding, as authenticator apps expect in `otpauth://` URIs.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes base32 (case-insensitive, spaces and padding ignored); `None` on a foreign letter.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let up = c.to_ascii_uppercase() as u8;
        let value = ALPHABET.iter().position(|&a| a == up)? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// The time step of a Unix time.
pub fn step_of(unix_secs: i64) -> i64 {
    unix_secs.div_euclid(STEP_SECS)
}

/// The 6-digit HOTP value of `secret` at counter `step` (RFC 4226 §5.3).
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key");
    mac.update(&(step as u64).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    binary % 1_000_000
}

/// A code as typed: six digits, spaces allowed, full-width digits (Chinese keyboards) accepted.
pub fn parse_code(input: &str) -> Option<u32> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            other => other,
        })
        .collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// The step within ±[`WINDOW`] of `now_step` whose code is `code`, skipping steps at or before
/// `used` (a code already accepted is never accepted again).
pub fn matching_step(secret: &[u8], code: u32, now_step: i64, used: Option<i64>) -> Option<i64> {
    (now_step - WINDOW..=now_step + WINDOW)
        .filter(|s| used.is_none_or(|u| *s > u))
        // Every candidate is computed and compared, so the time taken says nothing.
        .fold(None, |found, s| {
            let same = constant_time_eq(code_at(secret, s), code);
            if same && found.is_none() {
                Some(s)
            } else {
                found
            }
        })
}

fn constant_time_eq(a: u32, b: u32) -> bool {
    (a ^ b) == 0
}

/// The `otpauth://` URI an authenticator app reads from the QR code.
pub fn otpauth_uri(secret_b32: &str, account: &str) -> String {
    use crate::web::encode_query;
    format!(
        "otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECS}",
        encode_query(ISSUER),
        encode_query(account),
        encode_query(ISSUER),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows, last six digits.
    #[test]
    fn the_rfc_6238_test_vectors_give_their_codes() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
            (20_000_000_000, 353_130),
        ] {
            assert_eq!(code_at(secret, step_of(time)), code, "t = {time}");
        }
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw6ytboi======").unwrap(), b"foobar");
        let secret = new_secret();
        let text = base32_encode(&secret);
        assert_eq!(text.len(), 32);
        assert_eq!(base32_decode(&text).unwrap(), secret);
        assert_eq!(base32_decode("MZ1"), None);
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_twice() {
        let secret = b"12345678901234567890";
        let now = 1_000;
        let earlier = code_at(secret, now - 1);
        assert_eq!(matching_step(secret, earlier, now, None), Some(now - 1));
        assert_eq!(
            matching_step(secret, code_at(secret, now + 1), now, None),
            Some(now + 1)
        );
        assert_eq!(
            matching_step(secret, code_at(secret, now - 2), now, None),
            None
        );
        assert_eq!(matching_step(secret, earlier, now, Some(now - 1)), None);
        assert_eq!(
            matching_step(secret, code_at(secret, now), now, Some(now)),
            None
        );
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(parse_code(" 123 456 "), Some(123_456));
        assert_eq!(parse_code("０１２３４５"), Some(12_345));
        assert_eq!(parse_code("12345"), None);
        assert_eq!(parse_code("12345a"), None);
        assert_eq!(parse_code(""), None);
    }

    #[test]
    fn the_uri_names_issuer_account_and_parameters() {
        let uri = otpauth_uri("MZXW6YTBOI", "manager");
        assert_eq!(
            uri,
            "otpauth://totp/Minle%20Markets:manager?secret=MZXW6YTBOI&issuer=Minle%20Markets&algorithm=SHA1&digits=6&period=30"
        );
    }
}
