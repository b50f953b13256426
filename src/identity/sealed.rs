//! Secrets kept in the database (TOTP seeds) sealed with the server's `secret_key`: a database
//! dump alone then does not give away anyone's second factor.
//!
//! Sealed values read `v1:` + base64url(nonce ‖ ChaCha20-Poly1305 ciphertext), with the row
//! they belong to as associated data, so a sealed value copied onto another row does not open.
//! Values without the prefix are legacy clear text, read as they are and sealed at start-up.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;

const PREFIX: &str = "v1:";
const NONCE_BYTES: usize = 12;

/// Why a stored secret could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// The value is sealed but this server has no `secret_key`.
    #[error("a sealed secret needs secret_key, which is not set")]
    NoKey,
    /// Wrong key, another row's value, or a damaged value.
    #[error("a sealed secret does not open with this secret_key")]
    Unreadable,
}

/// Seals and opens secrets; without a key it stores them as they are.
#[derive(Clone)]
pub struct SecretBox {
    cipher: Option<ChaCha20Poly1305>,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretBox")
            .field("sealing", &self.cipher.is_some())
            .finish()
    }
}

impl SecretBox {
    /// A box for a 32-byte key (`None`: secrets stay in clear text).
    pub fn new(key: Option<[u8; 32]>) -> Self {
        Self {
            cipher: key.map(|k| ChaCha20Poly1305::new(&Key::from(k))),
        }
    }

    /// Whether new secrets are sealed.
    pub fn seals(&self) -> bool {
        self.cipher.is_some()
    }

    /// Whether a stored value is sealed.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }

    /// The value to store for `plain`, bound to `row` (e.g. `user_totp:7`).
    pub fn seal(&self, row: &str, plain: &str) -> String {
        let Some(cipher) = &self.cipher else {
            return plain.to_owned();
        };
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: row.as_bytes(),
                },
            )
            .expect("ChaCha20-Poly1305 seals any message under 256 GiB");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The clear text of a stored value of `row`.
    pub fn open(&self, row: &str, stored: &str) -> Result<String, SealError> {
        let Some(body) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_owned());
        };
        let cipher = self.cipher.as_ref().ok_or(SealError::NoKey)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| SealError::Unreadable)?;
        if bytes.len() < NONCE_BYTES {
            return Err(SealError::Unreadable);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| SealError::Unreadable)?;
        let plain = cipher
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: row.as_bytes(),
                },
            )
            .map_err(|_| SealError::Unreadable)?;
        String::from_utf8(plain).map_err(|_| SealError::Unreadable)
    }
}

/// A `secret_key` setting: 64 hexadecimal digits (parsed where the configuration is checked).
pub use crate::config::parse_secret_key as parse_key;

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(k: u8) -> SecretBox {
        SecretBox::new(Some([k; 32]))
    }

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_its_row() {
        let b = boxed(7);
        let sealed = b.seal("user_totp:1", "JBSWY3DPEHPK3PXP");
        assert!(SecretBox::is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(b.open("user_totp:1", &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert_eq!(b.open("user_totp:2", &sealed), Err(SealError::Unreadable));
        assert_eq!(
            boxed(8).open("user_totp:1", &sealed),
            Err(SealError::Unreadable)
        );
        assert_eq!(
            SecretBox::new(None).open("user_totp:1", &sealed),
            Err(SealError::NoKey)
        );
        // Two seals of one secret differ (fresh nonces).
        assert_ne!(sealed, b.seal("user_totp:1", "JBSWY3DPEHPK3PXP"));
        let mut damaged = sealed.clone();
        damaged.pop();
        assert!(b.open("user_totp:1", &damaged).is_err());
        assert!(b.open("user_totp:1", "v1:").is_err());
    }

    #[test]
    fn clear_text_passes_through_without_a_key_and_legacy_rows_still_read() {
        let none = SecretBox::new(None);
        assert_eq!(none.seal("user_totp:1", "ABC"), "ABC");
        assert_eq!(boxed(1).open("user_totp:1", "ABC").unwrap(), "ABC");
    }

    #[test]
    fn keys_are_64_hex_digits() {
        assert_eq!(parse_key(&"0f".repeat(32)).unwrap(), [15u8; 32]);
        assert!(parse_key("abc").is_err());
        assert!(parse_key(&"zz".repeat(32)).is_err());
    }
}
