//! Sessions live in the database: they survive a restart and every process accepts them.

use crate::support::{TestApp, db::postgres_url};
use http::StatusCode;
use nightmarket::identity::Role;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_restarted_server_keeps_users_logged_in() {
    let app = TestApp::new().await;
    let mut c = app.login_as(Role::Manager).await;
    let restarted = app.another_process().await;
    let mut after = c.on(restarted);
    assert_eq!(after.get("/api/v1/me").await.json()["role"], "manager");
    // And logging out on one process ends the session on the other.
    after.call(http::Method::DELETE, "/api/v1/session").await;
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
}

/// A server process of the real binary; killed when dropped.
pub struct Server(pub Child, pub u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

pub async fn start_server(url: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .args([
            "serve",
            "--no-seed",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            url,
        ])
        .env("NIGHTMARKET_LIMITS", "relaxed")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the nightmarket binary");
    let server = Server(child, port);
    let started = Instant::now();
    let client = reqwest::Client::new();
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            && r.status().is_success()
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server on port {port} did not start");
}

#[tokio::test]
async fn two_server_processes_on_one_database_accept_each_others_cookies() {
    let app = TestApp::new().await;
    app.user("clerk", Role::Bureau, "clerk-pass-1").await;
    let url = app.db.url.clone();
    let (a, b) = tokio::join!(start_server(&url), start_server(&url));
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = http
        .post(format!("http://127.0.0.1:{}/api/v1/session", a.1))
        .json(&serde_json::json!({"login": "clerk", "password": "clerk-pass-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned();
    let plain = reqwest::Client::new();
    let me = plain
        .get(format!("http://127.0.0.1:{}/api/v1/me", b.1))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status(),
        200,
        "process B accepts the cookie of process A"
    );
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["role"], "bureau");
    if postgres_url().is_some() {
        eprintln!("two processes shared PostgreSQL database {}", app.db.url);
    }
}

/// Two processes starting at once on an empty database: one creates the admin and prints its
/// password, the other finds it and does nothing — neither fails (on PostgreSQL the slower one
/// used to die on the unique login).
#[tokio::test]
async fn two_first_runs_at_once_create_one_admin_and_neither_fails() {
    for _ in 0..3 {
        let app = TestApp::new().await;
        let (a, b) = (app.another_state().await, app.another_state().await);
        let (ra, rb) = tokio::join!(
            nightmarket::seed::first_run(&a.db, &a.passwords, false),
            nightmarket::seed::first_run(&b.db, &b.passwords, false),
        );
        let (ra, rb) = (ra.expect("first process"), rb.expect("second process"));
        assert_eq!(ra.len() + rb.len(), 1, "one admin created, printed once");
        let admins = sea_orm::PaginatorTrait::count(
            <entity::users::Entity as sea_orm::EntityTrait>::find(),
            app.conn(),
        )
        .await
        .unwrap();
        assert_eq!(admins, 1);
    }
}
