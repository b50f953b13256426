//! The command line: `create-user` reads the password from standard input.

use crate::support::TestApp;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `nightmarket ARGS` with `stdin` as its standard input (a password, as an operator
/// types it).
fn run_with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .args(args)
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
        .write_all(format!("{stdin}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn create_user(url: &str, login: &str, password: &str) -> std::process::Output {
    run_with_stdin(
        &[
            "create-user",
            "--login",
            login,
            "--name",
            "CLI User",
            "--role",
            "manager",
            "--database-url",
            url,
        ],
        password,
    )
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
    for sub in [
        "serve",
        "migrate",
        "create-user",
        "reset-password",
        "seed",
        "backup",
    ] {
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

#[tokio::test]
async fn a_backup_restores_to_a_working_database() {
    use crate::support::db::{TestDb, postgres_url};
    let (app, creds) = TestApp::with_demo().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nightmarket-backup.sql");
    let out = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .args(["backup", "--database-url", &app.db.url, "--out"])
        .arg(&file)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a backup is readable by its owner alone");
    }

    // The drill: restore into a new, empty database and log in there.
    let mut guard = None;
    let restored_url = if postgres_url().is_some() {
        let target = TestDb::create().await;
        let url = target.url.clone();
        let psql = Command::new("psql")
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", &url, "-f"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            psql.status.success(),
            "{}",
            String::from_utf8_lossy(&psql.stderr)
        );
        guard = Some(target);
        url
    } else {
        format!("sqlite://{}?mode=rwc", file.display())
    };
    let restored = nightmarket::cli::open(&crate::support::test_config(&restored_url))
        .await
        .unwrap();
    let state = nightmarket::AppState::new(restored, crate::support::test_config(&restored_url));
    let mut c = crate::support::Client::new(nightmarket::router(state));
    c.login(&creds[0].login, &creds[0].password).await;
    let sites = c.get("/api/v1/sites").await.json();
    assert_eq!(sites["total"], 2);
    assert!(sites["items"][1]["stall_count"].as_u64().unwrap() > 0);
    let again = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .args(["backup", "--database-url", &app.db.url, "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );
    drop(c);
    drop(guard);
}

#[tokio::test]
async fn the_audit_log_is_append_only_and_its_chain_detects_tampering() {
    use sea_orm::ConnectionTrait;
    let (app, _) = TestApp::with_demo().await;
    let verify = || {
        Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args(["audit-verify", "--database-url", &app.db.url])
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let ok = verify();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        nightmarket::audit::verify(app.conn())
            .await
            .unwrap()
            .is_none()
    );

    let db = app.conn();
    assert!(
        db.execute_unprepared("UPDATE audit_log SET action = 'nothing' WHERE id = 2")
            .await
            .is_err()
    );
    assert!(
        db.execute_unprepared("DELETE FROM audit_log WHERE id = 2")
            .await
            .is_err()
    );

    // Someone with database access removes the guard and edits history: the chain shows it.
    let drop_guard = if crate::support::db::postgres_url().is_some() {
        "DROP TRIGGER audit_log_no_update ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_update"
    };
    db.execute_unprepared(drop_guard).await.unwrap();
    db.execute_unprepared("UPDATE audit_log SET after = '{}' WHERE id = 2")
        .await
        .unwrap();
    assert_eq!(nightmarket::audit::verify(db).await.unwrap(), Some(2));
    let broken = verify();
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("row 2"));
}

#[tokio::test]
async fn an_anchor_noted_down_finds_the_newest_rows_removed() {
    use sea_orm::ConnectionTrait;
    let (app, _) = TestApp::with_demo().await;
    let verify = |expect: Option<&str>| {
        let mut args = vec!["audit-verify", "--database-url", &app.db.url];
        if let Some(e) = expect {
            args.extend(["--expect", e]);
        }
        Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args(args)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let ok = verify(None);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let out = String::from_utf8_lossy(&ok.stdout).to_string();
    let anchor = out
        .lines()
        .find(|l| l.starts_with("anchor of the newest row"))
        .and_then(|l| l.rsplit(' ').next())
        .unwrap_or_else(|| panic!("no anchor printed: {out}"))
        .to_owned();
    assert!(verify(Some(&anchor)).status.success());
    // Someone with database access removes the guard and the newest rows: the chain that is
    // left still holds, the anchor does not.
    let db = app.conn();
    let drop_guard = if crate::support::db::postgres_url().is_some() {
        // One trigger guards updates and deletes there.
        "DROP TRIGGER audit_log_no_update ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_delete"
    };
    db.execute_unprepared(drop_guard).await.unwrap();
    let newest: i32 = anchor.split(':').next().unwrap().parse().unwrap();
    db.execute_unprepared(&format!("DELETE FROM audit_log WHERE id >= {}", newest - 1))
        .await
        .unwrap();
    assert!(verify(None).status.success(), "the chain alone cannot tell");
    let caught = verify(Some(&anchor));
    assert!(!caught.status.success());
    assert!(
        String::from_utf8_lossy(&caught.stderr).contains("does not hold the anchor"),
        "{}",
        String::from_utf8_lossy(&caught.stderr)
    );
    // A mistyped anchor is said so, not taken as a broken log.
    let typo = verify(Some("twelve"));
    assert!(!typo.status.success());
    assert!(String::from_utf8_lossy(&typo.stderr).contains("ID:HASH"));
}

#[tokio::test]
async fn the_bureau_reads_the_audit_log_and_sees_the_chain_verified() {
    let (app, _) = TestApp::with_demo().await;
    let mut bureau = app.login_as(nightmarket::identity::Role::Bureau).await;
    let page = bureau.get("/audit").await;
    assert_eq!(page.status, http::StatusCode::OK);
    assert!(page.select("p.flash")[0].contains("记录链校验通过"));
    let rows = page.select("table.audit tbody tr");
    assert!(rows.len() > 5, "the demo seed is audited");
    let sites = bureau.get("/audit?entity=site").await;
    assert!(
        sites
            .select("table.audit tbody tr td:nth-child(4)")
            .iter()
            .all(|t| t.starts_with("场地 #")),
        "what was changed is named in the page's language, not by its code"
    );
    assert!(
        sites
            .select("table.audit tbody tr td:nth-child(5)")
            .iter()
            .all(|t| !t.is_ascii()),
        "and so is what was done"
    );
    assert!(sites.select("#f-entity option").iter().any(|o| o == "场地"));
    // A vendor who registers is audited with their login, their mobile number: masked here.
    let (_, vendor_id) = crate::market_fixtures::vendor(&app, "服装百货", None).await;
    let phone = <entity::vendors::Entity as sea_orm::EntityTrait>::find_by_id(vendor_id as i32)
        .one(app.conn())
        .await
        .unwrap()
        .unwrap()
        .phone;
    let page = bureau.get("/audit").await.text();
    assert!(!page.contains(&phone), "{phone} shown whole");
    assert!(page.contains(&nightmarket::mask::mask_phone(&phone)));
    let mut vendor = app.login_as(nightmarket::identity::Role::Vendor).await;
    assert_eq!(
        vendor.get("/audit").await.status,
        http::StatusCode::FORBIDDEN
    );
}

/// The page checks only new entries between full checks: an edit of the newest verified entry
/// shows at once, an edit deep in history at the next full check (asked for, or every 10 min).
#[tokio::test]
async fn the_audit_page_checks_new_entries_at_once_and_everything_on_request() {
    use sea_orm::ConnectionTrait;
    let (app, _) = TestApp::with_demo().await;
    let mut bureau = app.login_as(nightmarket::identity::Role::Bureau).await;
    let page = bureau.get("/audit").await;
    assert!(page.select("p.flash")[0].contains("记录链校验通过"));
    assert!(
        page.attr("p.hint a", "href")
            .unwrap()
            .ends_with("/audit?full=1")
    );

    let db = app.conn();
    let drop_guard = if crate::support::db::postgres_url().is_some() {
        "DROP TRIGGER audit_log_no_update ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_update"
    };
    db.execute_unprepared(drop_guard).await.unwrap();
    let action = |id: i64| async move {
        use sea_orm::EntityTrait;
        entity::audit_log::Entity::find_by_id(id as i32)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .action
    };
    let set_action = |id: i64, to: String| async move {
        assert!(to.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        db.execute_unprepared(&format!(
            "UPDATE audit_log SET action = '{to}' WHERE id = {id}"
        ))
        .await
        .unwrap();
    };
    let original = action(2).await;
    set_action(2, "edited".into()).await;
    let full = bureau.get("/audit?full=1").await;
    assert!(
        full.select("p.error-message")[0].contains("第 2 条"),
        "{}",
        full.text()
    );
    // Mended, the full check passes again; now edit the newest entry, which it verified.
    set_action(2, original).await;
    let again = bureau.get("/audit?full=1").await;
    assert!(again.select("p.flash")[0].contains("记录链校验通过"));
    let newest: i64 = again.select("table.audit tbody tr td:first-child")[0]
        .parse()
        .unwrap();
    set_action(newest, "edited".into()).await;
    let page = bureau.get("/audit").await;
    assert!(
        page.select("p.error-message")[0].contains(&format!("第 {newest} 条")),
        "{}",
        page.text()
    );
}

/// The audit page reads as changes, field by field ("status submitted → approved"), not as the
/// stored JSON of the record before and after.
#[tokio::test]
async fn the_audit_page_lists_what_changed_field_by_field() {
    let (app, _) = TestApp::with_demo().await;
    let mut admin = app.login_as(nightmarket::identity::Role::Admin).await;
    let apps = admin
        .get("/api/v1/applications?status=submitted&limit=1")
        .await
        .json();
    let id = apps["items"][0]["id"]
        .as_i64()
        .expect("a submitted application");
    let r = admin
        .post_json(
            &format!("/api/v1/applications/{id}/decision"),
            &serde_json::json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, http::StatusCode::OK, "{}", r.text());
    let page = admin.get("/audit?entity=application").await;
    let cells = page.select("table.audit td.change");
    assert!(!cells.is_empty());
    assert!(cells.iter().all(|c| !c.contains("{\"")), "{cells:?}");
    let changes = page.select("table.audit td.change li");
    assert!(
        changes
            .iter()
            .any(|c| c.contains("status") && c.contains("submitted → approved")),
        "{changes:?}"
    );
}

#[tokio::test]
async fn several_processes_migrating_one_empty_database_at_once_all_start() {
    use crate::support::db::{TestDb, postgres_url};
    // SQLite is one process's file; several processes share PostgreSQL.
    if postgres_url().is_none() {
        return;
    }
    let target = TestDb::create().await;
    let config = crate::support::test_config(&target.url);
    let (a, b, c) = tokio::join!(
        nightmarket::cli::open(&config),
        nightmarket::cli::open(&config),
        nightmarket::cli::open(&config)
    );
    for (k, r) in [a, b, c].into_iter().enumerate() {
        assert!(r.is_ok(), "process {k}: {:?}", r.err());
    }
}

#[test]
fn create_user_warns_that_a_vendor_account_has_no_profile_and_points_to_registration() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/x.db?mode=rwc", dir.path().display());
    let out = run_with_stdin(
        &[
            "create-user",
            "--login",
            "13800001111",
            "--name",
            "摊主",
            "--role",
            "vendor",
            "--database-url",
            &url,
        ],
        "vendor-pass-2026",
    );
    // API.md keeps `--role vendor`: the account is made, and the operator is told what it lacks.
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("/register"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_first_run_that_cannot_take_its_port_creates_no_account_it_cannot_show() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/first.db?mode=rwc", dir.path().display());
    let out = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .args([
            "serve",
            "--no-seed",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &url,
        ])
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
    // Nothing was created: the next start is still a first run and prints the password.
    assert!(
        !dir.path().join("first.db").exists()
            || std::fs::metadata(dir.path().join("first.db"))
                .unwrap()
                .len()
                == 0,
        "the database was not even opened"
    );
    drop(busy);
}

#[tokio::test]
async fn reset_password_gives_a_forgotten_account_a_new_one_and_ends_its_sessions() {
    let app = TestApp::new().await;
    app.user(
        "forgetful",
        nightmarket::identity::Role::Manager,
        "old-pass-2026",
    )
    .await;
    let mut before = app.client();
    before.login("forgetful", "old-pass-2026").await;
    let url = app.db.url.clone();
    let run = |login: &str, password: &str| {
        run_with_stdin(
            &["reset-password", "--login", login, "--database-url", &url],
            password,
        )
    };
    // A mistyped database is said to be one, and not made.
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("nightmarkt.db");
    let typo_url = format!("sqlite://{}", typo.display());
    let out = run_with_stdin(
        &[
            "reset-password",
            "--login",
            "forgetful",
            "--database-url",
            &typo_url,
        ],
        "new-pass-2026",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no database"));
    assert!(!typo.exists());
    let weak = run("forgetful", "123");
    assert!(!weak.status.success());
    let nobody = run("nobody-here", "new-pass-2026");
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no account"));
    let ok = run("forgetful", "new-pass-2026");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert_eq!(
        before.get("/api/v1/me").await.status,
        http::StatusCode::UNAUTHORIZED,
        "the old session ended"
    );
    let mut after = app.client();
    after.login("forgetful", "new-pass-2026").await;
    let r = app
        .client()
        .post_json(
            "/api/v1/session",
            &serde_json::json!({"login": "forgetful", "password": "old-pass-2026"}),
        )
        .await;
    assert_eq!(r.status, http::StatusCode::UNAUTHORIZED);
}

/// `backup` and `audit-verify` pointed at a database nightmarket never set up (an empty
/// PostgreSQL database, an empty SQLite file: the wrong URL) say so and fail — not "backup
/// written" or "audit log intact" after creating every table in it, which then spoiled the
/// restore the operator meant to make into it.
#[tokio::test]
async fn backup_and_verify_refuse_a_database_without_nightmarket_and_create_nothing_in_it() {
    use sea_orm::ConnectionTrait;
    let target = crate::support::db::TestDb::create().await;
    if let Some(file) = nightmarket::db::sqlite_file(&target.url) {
        std::fs::write(file, b"").unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("wrong.sql");
    for args in [
        vec!["audit-verify", "--database-url", &target.url],
        vec![
            "backup",
            "--database-url",
            &target.url,
            "--out",
            out.to_str().unwrap(),
        ],
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
            .args(&args)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{args:?}: {said}");
        assert!(said.contains("no nightmarket tables"), "{args:?}: {said}");
    }
    assert!(!out.exists(), "no backup file of nothing");
    let db = nightmarket::db::connect(&target.url, 1).await.unwrap();
    let tables = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM seaql_migrations",
        ))
        .await;
    assert!(tables.is_err(), "nothing was created in it");
}

#[tokio::test]
async fn an_audit_row_says_whose_record_changed_and_money_in_yuan() {
    use crate::market_fixtures::{running_market, site, stalls, vendor};
    use nightmarket::identity::Role;
    use serde_json::json;
    let app = TestApp::new().await;
    let s = site(&app, "AUD").await;
    let st = stalls(&app, s, "AUD", 1).await;
    let mut admin = app.login_as(Role::Admin).await;
    let (_, session) = running_market(&mut admin, s).await;
    let (mut v, vendor_id) = vendor(&app, "服装百货", None).await;
    let r = admin
        .post_json(
            "/api/v1/bookings",
            &json!({"session_id": session["id"], "stall_id": st[0], "vendor_id": vendor_id}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    let booking = r.json()["id"].clone();
    let r = v
        .post_json(
            "/api/v1/sales-reports",
            &json!({"booking_id": booking, "sales_yuan": "529.90"}),
        )
        .await;
    assert_eq!(r.status, http::StatusCode::CREATED, "{}", r.text());
    let report = r.json()["id"].clone();
    let r = admin
        .json(
            http::Method::PUT,
            &format!("/api/v1/sales-reports/{report}"),
            &json!({"booking_id": booking, "sales_yuan": "129.90"}),
        )
        .await;
    assert_eq!(r.status, http::StatusCode::OK, "{}", r.text());
    let mut bureau = app.login_as(Role::Bureau).await;
    let page = bureau.get("/audit").await;
    let corrected = page
        .select("table.audit tbody tr ul.changes")
        .into_iter()
        .find(|t| t.contains("129.90"))
        .unwrap_or_else(|| panic!("no correction row: {}", page.text()));
    assert!(corrected.contains("¥529.90 → ¥129.90"), "{corrected}");
    assert!(
        corrected.contains(&format!("booking_id {booking}")),
        "whose report it was: {corrected}"
    );
    // An investigator narrows the log to the vendor, to the admin who acted, to today, and
    // takes the rows away as CSV.
    let admin_id = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Action.eq("correct"))
            .one(app.conn())
            .await
            .unwrap()
            .unwrap()
            .actor_user_id
            .unwrap()
    };
    let today = chrono::Utc::now()
        .with_timezone(&nightmarket::clock::shanghai())
        .date_naive();
    let about = bureau
        .get(&format!(
            "/audit?vendor={vendor_id}&actor={admin_id}&from={today}&to={today}"
        ))
        .await;
    assert_eq!(about.status, http::StatusCode::OK);
    let kinds = about.select("table.audit tbody tr td:nth-child(4)");
    assert!(kinds.iter().any(|k| k.starts_with("营业额")), "{kinds:?}");
    assert!(kinds.iter().any(|k| k.starts_with("摊位预订")), "{kinds:?}");
    assert!(!kinds.iter().any(|k| k.starts_with("场地")), "{kinds:?}");
    let csv = bureau
        .get(&format!("/audit?vendor={vendor_id}&format=csv"))
        .await;
    assert_eq!(csv.status, http::StatusCode::OK);
    assert!(csv.text().contains("12990"), "{}", csv.text());
    let other_day = bureau.get("/audit?from=2020-01-01&to=2020-01-02").await;
    assert!(other_day.select("table.audit tbody tr").is_empty());
    let bad = bureau.get("/audit?from=last%20week").await;
    assert_eq!(bad.status, http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("2026-12-07"), "{}", bad.text());
    // And the vendor is told, in words with the night and both figures.
    let told = crate::market_fixtures::notice_texts(&app, vendor_id, "sales_corrected").await;
    assert_eq!(told.len(), 1);
    let text = &told[0];
    assert!(
        text.contains("¥529.90") && text.contains("¥129.90") && text.contains("临时市场"),
        "{text}"
    );
}

#[tokio::test]
async fn an_audit_row_shows_a_moment_in_beijing_time() {
    use nightmarket::identity::Role;
    let app = TestApp::new().await;
    let (_, booking, _) = crate::market_fixtures::booked_running_session(&app, "AUT").await;
    let mut admin = app.login_as(Role::Admin).await;
    let r = admin
        .post_json(
            &format!("/api/v1/bookings/{booking}/check-in"),
            &serde_json::json!({}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    let checked_in = {
        use sea_orm::EntityTrait;
        entity::bookings::Entity::find_by_id(booking as i32)
            .one(app.conn())
            .await
            .unwrap()
            .unwrap()
            .checked_in_at
            .expect("checked in")
    };
    let beijing = checked_in
        .with_timezone(&nightmarket::clock::shanghai())
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut bureau = app.login_as(Role::Bureau).await;
    let page = bureau.get("/audit").await;
    let row = page
        .select("table.audit tbody tr ul.changes")
        .into_iter()
        .find(|t| t.contains("checked_in_at"))
        .unwrap_or_else(|| panic!("no check-in row: {}", page.text()));
    assert!(row.contains(&format!("— → {beijing}")), "{row}");
    assert!(
        !row.contains('Z') && !row.contains("+00:00"),
        "UTC shown: {row}"
    );
}
