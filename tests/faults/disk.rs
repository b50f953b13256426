//! A full disk under SQLite: writes answer `503 unavailable` in the caller's language, reads go
//! on, nothing panics, and writes work again once space is freed.

use super::{big_site, is_root, missing};
use crate::support::{Client, test_config};
use axum::body::Body;
use http::{Method, Request, StatusCode, header};
use nightmarket::accounts::users;
use nightmarket::identity::Role;
use nightmarket::{AppState, router};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of a few MiB, unmounted when dropped.
struct TinyDisk(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl TinyDisk {
    fn mount(mib: u32) -> Option<TinyDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mnt = dir.path().join("disk");
        std::fs::create_dir(&mnt).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m"), "tmpfs"])
            .arg(&mnt)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| TinyDisk(mnt, dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes zeros to `file` until the disk refuses.
fn fill(file: &Path) {
    let mut f = std::fs::File::create(file).expect("filler file");
    let chunk = vec![0u8; 64 * 1024];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
}

async fn post_site(c: &mut Client, code: &str, lang: &str) -> crate::support::client::Resp {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/sites")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(big_site(code).to_string()))
        .expect("request");
    c.send_allowing_5xx(request).await
}

#[tokio::test]
#[ignore = "needs root to mount a tmpfs; .ci/run runs it"]
async fn a_full_disk_refuses_writes_with_503_and_keeps_serving_reads() {
    if !is_root() {
        missing("mounting a tmpfs needs root");
    }
    let Some(disk) = TinyDisk::mount(8) else {
        missing("mount -t tmpfs failed (no CAP_SYS_ADMIN?)");
    };
    let url = format!("sqlite://{}/nm.db?mode=rwc", disk.path().display());
    let config = test_config(&url);
    let db = nightmarket::cli::open(&config).await.expect("open");
    let state = AppState::new(db, config);
    let prepared = users::prepare(
        &state.passwords,
        users::NewUser {
            login: "disk-admin".into(),
            name: "磁盘".into(),
            role: Role::Admin,
            password: "disk-admin-pass-1".into(),
        },
    )
    .await
    .expect("user");
    users::insert(&state.db, None, prepared)
        .await
        .expect("insert");
    let mut c = Client::new(router(state.clone()));
    c.login("disk-admin", "disk-admin-pass-1").await;
    assert_eq!(
        post_site(&mut c, "BEFORE", "zh").await.status,
        StatusCode::CREATED
    );

    fill(&disk.path().join("filler"));
    // SQLite may still have room in pages it already owns (WAL, free pages): keep writing
    // until the disk shows. Every answer must be 201 or 503, never a 500.
    let mut refused = None;
    for i in 0..200 {
        let r = post_site(&mut c, &format!("FULL{i}"), "en").await;
        match r.status {
            StatusCode::CREATED => continue,
            StatusCode::SERVICE_UNAVAILABLE => {
                refused = Some(r);
                break;
            }
            other => panic!("a write on a full disk answered {other}: {}", r.text()),
        }
    }
    let refused = refused.expect("200 writes of 15 KiB fitted on a full 8 MiB disk");
    assert_eq!(refused.error_code(), "unavailable");
    assert!(
        refused.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("try again")),
        "{}",
        refused.text()
    );
    let zh = post_site(&mut c, "FULLZH", "zh").await;
    assert_eq!(zh.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(zh.text().contains("稍后再试"), "{}", zh.text());

    // Reads go on: the list, a page, the health check (the database itself is reachable).
    let sites = c.get("/api/v1/sites").await;
    assert_eq!(sites.status, StatusCode::OK);
    assert!(sites.text().contains("BEFORE"));
    assert_eq!(c.get("/sites").await.status, StatusCode::OK);

    // Space comes back: writes work again without a restart.
    std::fs::remove_file(disk.path().join("filler")).expect("free the disk");
    let again = post_site(&mut c, "AFTER", "zh").await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
}
