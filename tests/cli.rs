//! The command line: `create-user` reads the password from standard input.

use crate::support::TestApp;
use std::io::Write;
use std::process::{Command, Stdio};

fn create_user(url: &str, login: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .args([
            "create-user",
            "--login",
            login,
            "--name",
            "CLI User",
            "--role",
            "manager",
            "--database-url",
            url,
        ])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nightmarket");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn create_user_takes_the_password_from_stdin_and_refuses_duplicates_and_weak_ones() {
    let app = TestApp::new().await;
    let ok = create_user(&app.db.url, "cli-manager", "cli-pass-2026");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let mut c = app.client();
    c.login("cli-manager", "cli-pass-2026").await;

    let dup = create_user(&app.db.url, "cli-manager", "cli-pass-2026");
    assert!(!dup.status.success());
    assert!(String::from_utf8_lossy(&dup.stderr).contains("login already exists"));

    let weak = create_user(&app.db.url, "cli-weak", "1234");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("at least 8"));
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["serve", "migrate", "create-user", "seed"] {
        let out = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args([sub, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{sub} --help");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("--database-url"),
            "{sub}"
        );
    }
}
