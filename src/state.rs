//! What every handler can reach: the application state, cheap to clone, with sub-states that
//! handlers and extractors take on their own through `FromRef`.

use crate::config::Config;
use crate::identity::{password::Passwords, throttle::AddressLimiter};
use axum::extract::FromRef;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// What every handler can reach. Cheap to clone; nothing that matters lives only here,
/// so several processes can share one database.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// Configuration.
    pub config: Arc<Config>,
    /// Password hashing, bounded and off the runtime.
    pub passwords: Passwords,
    /// Per-address throttling of logins and registrations.
    pub limiter: Arc<AddressLimiter>,
    /// Delivers notices outside the app after a commit (a log line by default).
    pub notifier: Arc<dyn crate::notices::Notifier>,
    /// Plans and booking lists kept in memory, checked against the database on every use.
    pub caches: Arc<crate::cache::Caches>,
    /// Seals TOTP secrets at rest with the configured `secret_key`.
    pub secrets: Arc<crate::identity::sealed::SecretBox>,
}

impl AppState {
    /// State over an open database.
    pub fn new(db: DatabaseConnection, config: Config) -> Self {
        let key = config
            .secret_key
            .as_deref()
            .map(crate::config::parse_secret_key)
            .transpose()
            .expect("secret_key is checked when the configuration loads");
        Self {
            db,
            config: Arc::new(config),
            passwords: Passwords::default(),
            limiter: Arc::new(AddressLimiter::default()),
            notifier: Arc::new(crate::notices::LogNotifier),
            caches: Arc::new(crate::cache::Caches::default()),
            secrets: Arc::new(crate::identity::sealed::SecretBox::new(key)),
        }
    }
}

// Sub-states: a handler or extractor that needs only one part takes it on its own
// (`State(db): State<DatabaseConnection>`), so it says what it touches and tests can build it
// from that part alone.

impl FromRef<AppState> for DatabaseConnection {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for Arc<Config> {
    fn from_ref(state: &AppState) -> Self {
        state.config.clone()
    }
}

impl FromRef<AppState> for Passwords {
    fn from_ref(state: &AppState) -> Self {
        state.passwords.clone()
    }
}

impl FromRef<AppState> for Arc<AddressLimiter> {
    fn from_ref(state: &AppState) -> Self {
        state.limiter.clone()
    }
}

impl FromRef<AppState> for Arc<crate::cache::Caches> {
    fn from_ref(state: &AppState) -> Self {
        state.caches.clone()
    }
}
