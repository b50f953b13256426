//! The test harness: a fresh database per test (SQLite file, or a new PostgreSQL database when
//! `TEST_DATABASE_URL` is set), the router called directly, and a client with a cookie jar.

#![allow(dead_code)]

pub mod client;
pub mod db;

pub use client::Client;

use nightmarket::accounts::users;
use nightmarket::config::{Config, LimitsMode};
use nightmarket::identity::throttle::{AddressLimiter, Slowdown};
use nightmarket::identity::{Role, password::Passwords};
use nightmarket::{AppState, router};
use sea_orm::DatabaseConnection;

/// One application over its own database.
pub struct TestApp {
    /// The state the router was built with.
    pub state: AppState,
    /// The router under test.
    pub router: axum::Router,
    /// Keeps the database alive (and drops it at the end).
    pub db: db::TestDb,
}

impl TestApp {
    /// A migrated, empty database and the app over it.
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    /// An app whose configuration `adjust` changes (e.g. HTTPS on).
    pub async fn with_config(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let db = db::TestDb::create().await;
        let mut config = test_config(&db.url);
        adjust(&mut config);
        let state = state_from(config).await;
        TestApp {
            router: router(state.clone()),
            state,
            db,
        }
    }

    /// The same app with the demo county seeded; returns the generated credentials.
    pub async fn with_demo() -> (TestApp, Vec<nightmarket::seed::Credential>) {
        let app = TestApp::new().await;
        let creds = nightmarket::seed::first_run(&app.state.db, &app.state.passwords, true)
            .await
            .expect("seed");
        (app, creds)
    }

    /// A second, independent app (own pool, own state) over the same database, as another
    /// server process or the same server after a restart would be.
    pub async fn another_process(&self) -> axum::Router {
        router(state_for(&self.db.url).await)
    }

    /// Another process's state (own pool) over the same database.
    pub async fn another_state(&self) -> AppState {
        state_for(&self.db.url).await
    }

    /// Another process whose configuration `adjust` changes.
    pub async fn another_process_with(&self, adjust: impl FnOnce(&mut Config)) -> axum::Router {
        let mut config = test_config(&self.db.url);
        adjust(&mut config);
        router(state_from(config).await)
    }

    /// The same app with logins slowed as `slowdown` says (the suite's default is a few
    /// milliseconds, so tests that fail logins on purpose stay fast).
    pub fn with_slowdown(mut self, slowdown: Slowdown) -> TestApp {
        self.state.limiter = std::sync::Arc::new(AddressLimiter::with_slowdown(slowdown));
        self.router = router(self.state.clone());
        self
    }

    /// The database connection.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// A client without cookies.
    pub fn client(&self) -> Client {
        Client::new(self.router.clone())
    }

    /// Creates an account directly (fast path for tests); returns its id.
    pub async fn user(&self, login: &str, role: Role, password: &str) -> i32 {
        let prepared = users::prepare(
            &self.state.passwords,
            users::NewUser {
                login: login.into(),
                name: format!("{login} name"),
                role,
                password: password.into(),
            },
        )
        .await
        .expect("valid test user");
        users::insert(&self.state.db, None, prepared)
            .await
            .expect("insert test user")
            .id
    }

    /// A client logged in as a new account of `role`.
    pub async fn login_as(&self, role: Role) -> Client {
        let login = format!(
            "{}-{}",
            role.as_str(),
            nightmarket::web::random_token(4).to_lowercase()
        );
        let login: String = login
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    'x'
                }
            })
            .collect();
        self.user(&login, role, "test-pass-123").await;
        let mut client = self.client();
        client.login(&login, "test-pass-123").await;
        client
    }
}

/// Configuration used by tests: relaxed per-address limits, as `NIGHTMARKET_LIMITS=relaxed`.
pub fn test_config(url: &str) -> Config {
    Config {
        database_url: url.to_owned(),
        limits: LimitsMode::Relaxed,
        db_pool_size: 4,
        ..Config::default()
    }
}

async fn state_for(url: &str) -> AppState {
    state_from(test_config(url)).await
}

async fn state_from(config: Config) -> AppState {
    let conn = nightmarket::cli::open(&config)
        .await
        .expect("open test database");
    let mut state = AppState::new(conn, config);
    state.passwords = Passwords::default();
    state.limiter = std::sync::Arc::new(AddressLimiter::with_slowdown(fast_slowdown()));
    state
}

/// Logins slowed by milliseconds, not seconds: the same doubling, capped at 8 ms.
pub fn fast_slowdown() -> Slowdown {
    Slowdown {
        step: std::time::Duration::from_millis(1),
        max: std::time::Duration::from_millis(8),
        ..Slowdown::default()
    }
}
