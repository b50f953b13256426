//! A fresh database per test: a temporary SQLite file, or a new PostgreSQL database created
//! from `TEST_DATABASE_URL` and dropped afterwards.

use sea_orm::{ConnectionTrait, Database};

/// A database that exists for one test.
pub struct TestDb {
    /// URL the app connects to.
    pub url: String,
    backend: Backend,
}

enum Backend {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

/// Whether the suite runs on PostgreSQL.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

impl TestDb {
    /// Creates the database (migrations are applied when the app opens it).
    pub async fn create() -> TestDb {
        match postgres_url() {
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
                TestDb {
                    url,
                    backend: Backend::Sqlite(dir),
                }
            }
            Some(admin_url) => {
                let name = format!(
                    "nm_test_{}",
                    uuid::Uuid::new_v4()
                        .simple()
                        .to_string()
                        .get(..16)
                        .unwrap_or("x")
                );
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let url = replace_db_name(&admin_url, &name);
                TestDb {
                    url,
                    backend: Backend::Postgres { admin_url, name },
                }
            }
        }
    }
}

/// `postgres://u@h:5432/x?opts` with the database name replaced.
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Backend::Postgres { admin_url, name } = &self.backend {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async; a helper thread with its own runtime does the DROP.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    if let Ok(admin) = Database::connect(&admin_url).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                        admin.close().await.ok();
                    }
                });
            })
            .join();
        }
    }
}
