//! Password hashing with argon2id, off the async runtime and bounded, plus strength rules.

use crate::error::{AppError, AppResult};
use crate::i18n::{T, texts::auth as t};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use std::sync::Arc;
use tokio::sync::{OnceCell, Semaphore};

/// Hashes and verifies passwords; each hash costs ~20 ms of CPU and 19 MiB, so at most one
/// per core runs at a time and the runtime's worker threads never block on one.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// A hash to verify against when the login is unknown, so timing does not tell.
    dummy: Arc<OnceCell<String>>,
}

impl Default for Passwords {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            permits: Arc::new(Semaphore::new(cores)),
            dummy: Arc::new(OnceCell::new()),
        }
    }
}

impl Passwords {
    /// A PHC string for `password`.
    pub async fn hash(&self, password: String) -> AppResult<String> {
        let _permit = self.permits.acquire().await.map_err(anyhow::Error::from)?;
        tokio::task::spawn_blocking(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| anyhow::anyhow!("argon2: {e}"))
        })
        .await
        .map_err(anyhow::Error::from)?
        .map_err(AppError::from)
    }

    /// Whether `password` matches `hash`; with no hash, spends the same time and says no.
    pub async fn verify(&self, password: String, hash: Option<String>) -> AppResult<bool> {
        let (hash, known) = match hash {
            Some(h) => (h, true),
            None => (self.dummy_hash().await?, false),
        };
        let _permit = self.permits.acquire().await.map_err(anyhow::Error::from)?;
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .map_err(anyhow::Error::from)?;
        Ok(ok && known)
    }

    async fn dummy_hash(&self) -> AppResult<String> {
        self.dummy
            .get_or_try_init(|| self.hash(crate::web::random_token(16)))
            .await
            .cloned()
    }
}

/// Checks a new password: 8–128 characters, not only digits or only letters.
pub fn check_strength(password: &str) -> Result<(), T> {
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

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_nothing_else() {
        let p = Passwords::default();
        let h = p.hash("market2026".into()).await.unwrap();
        assert!(
            p.verify("market2026".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!p.verify("market2027".into(), Some(h)).await.unwrap());
        assert!(!p.verify("market2026".into(), None).await.unwrap());
    }
}
