//! Password hashing with argon2id, off the async runtime and bounded.

use crate::error::{AppError, AppResult};
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
    /// A PHC string for `password`, read as [`typed`] reads it.
    pub async fn hash(&self, password: String) -> AppResult<String> {
        let password = typed(&password);
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
    /// The password is read as [`typed`] reads it; one set before that was so, with
    /// full-width characters in it, still matches as it was typed then.
    pub async fn verify(&self, password: String, hash: Option<String>) -> AppResult<bool> {
        let (hash, known) = match hash {
            Some(h) => (h, true),
            None => (self.dummy_hash().await?, false),
        };
        let normal = typed(&password);
        let mut ok = self.matches(normal.clone(), hash.clone()).await?;
        if !ok && normal != password {
            ok = self.matches(password, hash).await?;
        }
        Ok(ok && known)
    }

    async fn matches(&self, password: String, hash: String) -> AppResult<bool> {
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
        Ok(ok)
    }

    async fn dummy_hash(&self) -> AppResult<String> {
        self.dummy
            .get_or_try_init(|| self.hash(crate::web::random_token(16)))
            .await
            .cloned()
    }
}

/// A password as the server reads it: full-width letters, digits and spaces half-width, so
/// one typed with a Chinese input method in full-width mode is the same password typed in
/// half-width mode (NIST SP 800-63B asks for such a normalisation before hashing).
pub fn typed(password: &str) -> String {
    crate::normalize::half_width(password)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[tokio::test]
    async fn a_password_typed_full_width_is_the_same_password() {
        let p = Passwords::default();
        let h = p.hash("ｙｅｍａｏ2026ｎｉｇｈｔ".into()).await.unwrap();
        assert!(
            p.verify("yemao2026night".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(
            p.verify("ｙｅｍａｏ２０２６ｎｉｇｈｔ".into(), Some(h))
                .await
                .unwrap()
        );
        // One hashed as typed, before passwords were read this way, still matches.
        let legacy = Argon2::default()
            .hash_password("ｙｅｓ2026ｏｋ".as_bytes())
            .unwrap()
            .to_string();
        assert!(
            p.verify("ｙｅｓ2026ｏｋ".into(), Some(legacy))
                .await
                .unwrap()
        );
    }
}
