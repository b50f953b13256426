//! Shared by the HTTP benchmarks: a fresh database (a temporary SQLite file, or a new
//! PostgreSQL database that is dropped afterwards), the server started as its own process
//! (so the load generator does not share the server's tokio runtime), and timed requests.

#![allow(dead_code, reason = "each benchmark uses a part of it")]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What one request did.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// Milliseconds from sending to the last byte of the body.
    pub ms: f64,
    /// HTTP status, 0 when the connection failed.
    pub status: u16,
}

/// Sends a request and reads the whole body.
pub async fn timed(req: reqwest::RequestBuilder) -> Sample {
    let start = Instant::now();
    let status = match req.send().await {
        Ok(r) => {
            let s = r.status().as_u16();
            let _ = r.bytes().await;
            s
        }
        Err(_) => 0,
    };
    Sample {
        ms: start.elapsed().as_secs_f64() * 1000.0,
        status,
    }
}

/// The `p` quantile (0–1) of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Sorted latencies of some samples.
pub fn sorted_ms(samples: &[Sample]) -> Vec<f64> {
    let mut ms: Vec<f64> = samples.iter().map(|s| s.ms).collect();
    ms.sort_by(f64::total_cmp);
    ms
}

/// A database that exists for one benchmark run.
pub struct BenchDb {
    /// What the server connects to.
    pub url: String,
    /// Kept so the temporary SQLite folder lives as long as the run.
    _dir: Option<tempfile::TempDir>,
    /// The server URL and the database name to drop at the end (PostgreSQL).
    postgres: Option<(String, String)>,
}

impl BenchDb {
    /// A temporary SQLite file, or (when `env_var` names a PostgreSQL server) a new database
    /// on that server.
    pub async fn create(env_var: &str) -> BenchDb {
        let given = std::env::var(env_var).ok().filter(|u| !u.trim().is_empty());
        match given {
            Some(admin_url) if nightmarket::db::is_postgres(&admin_url) => {
                let name = format!("nm_bench_{}", std::process::id());
                let admin = sea_orm::Database::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                use sea_orm::ConnectionTrait;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                    .await
                    .expect("drop old bench database");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create bench database");
                admin.close().await.ok();
                BenchDb {
                    url: with_db_name(&admin_url, &name),
                    _dir: None,
                    postgres: Some((admin_url, name)),
                }
            }
            Some(url) => BenchDb {
                url,
                _dir: None,
                postgres: None,
            },
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                BenchDb {
                    url: format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()),
                    _dir: Some(dir),
                    postgres: None,
                }
            }
        }
    }

    /// Drops the PostgreSQL database (the SQLite folder goes with `self`).
    pub async fn remove(self) {
        if let Some((admin_url, name)) = &self.postgres {
            use sea_orm::ConnectionTrait;
            if let Ok(admin) = sea_orm::Database::connect(admin_url).await {
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
                admin.close().await.ok();
            }
        }
    }
}

/// `postgres://u@h:5432/x?opts` with the database name replaced.
fn with_db_name(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{}", &base[..path_start], name);
    if !query.is_empty() {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// The release server binary, serving one database, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `nightmarket serve` on a free port (per-address limits relaxed, no demo seed)
    /// and waits until `/healthz` answers.
    pub async fn start(database_url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args(["serve", "--no-seed", "--bind", &format!("127.0.0.1:{port}")])
            .args(["--database-url", database_url])
            .env("NIGHTMARKET_LIMITS", "relaxed")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the server binary");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(format!("{}/healthz", server.base)).send().await
                && r.status().is_success()
            {
                return server;
            }
            assert!(Instant::now() < deadline, "the server did not come up");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client with a cookie jar, logged in.
pub async fn login(base: &str, login: &str, password: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let r = c
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({"login": login, "password": password}))
        .send()
        .await
        .expect("login");
    assert!(r.status().is_success(), "login {login}: {}", r.status());
    c
}
