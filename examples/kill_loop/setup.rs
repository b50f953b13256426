//! The scratch database and what the load needs in it: an admin, the demo sites with their
//! stalls, a midday market with a month of sessions, and vendors registered through the API.

use anyhow::{Context, bail};
use sea_orm::sqlx::ConnectOptions;
use sea_orm::sqlx::postgres::PgConnectOptions;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::str::FromStr;

/// Login and password of the admin the load books as.
pub const ADMIN: (&str, &str) = ("kill-loop-admin", "kill-loop-admin-pass-1");
/// Vendors registered for the load.
const VENDORS: u32 = 60;
/// Sessions of the market the load books into.
const DAYS: i64 = 30;

/// A database that lives for one run.
pub struct ScratchDb {
    /// What the server connects to.
    pub url: String,
    /// SQLite: the folder (deleted on drop). PostgreSQL: the server URL and the database name.
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl ScratchDb {
    /// A temporary SQLite file, or a new database on the PostgreSQL server of `url`.
    pub async fn create(url: Option<&str>) -> anyhow::Result<ScratchDb> {
        let Some(url) = url.filter(|u| nightmarket::db::is_postgres(u)) else {
            if let Some(other) = url {
                bail!("--database-url must be postgres://…; SQLite runs in a temp dir ({other})");
            }
            let dir = tempfile::tempdir()?;
            return Ok(ScratchDb {
                url: format!("sqlite://{}/kill-loop.db?mode=rwc", dir.path().display()),
                _dir: Some(dir),
                postgres: None,
            });
        };
        let name = format!("nm_kill_loop_{}", std::process::id());
        let admin = Database::connect(url)
            .await
            .context("connect --database-url")?;
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        admin.close().await.ok();
        let scratch = PgConnectOptions::from_str(url)?
            .database(&name)
            .to_url_lossy()
            .to_string();
        Ok(ScratchDb {
            url: scratch,
            _dir: None,
            postgres: Some((url.to_owned(), name)),
        })
    }

    /// For the report.
    pub fn label(&self) -> String {
        match &self.postgres {
            Some((_, name)) => format!("PostgreSQL database {name}"),
            None => format!("SQLite {}", self.url),
        }
    }

    /// Drops the PostgreSQL database (the SQLite folder goes with `self`).
    pub async fn drop_scratch(self) {
        if let Some((url, name)) = &self.postgres
            && let Ok(admin) = Database::connect(url.as_str()).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            admin.close().await.ok();
        }
    }
}

/// Migrates, seeds the demo county and adds the admin, with the binary's own commands.
pub fn prepare_database(bin: &Path, url: &str) -> anyhow::Result<()> {
    let seeded = Command::new(bin)
        .args(["seed", "--demo", "--database-url", url])
        .stdout(Stdio::null())
        .status()?;
    if !seeded.success() {
        bail!("`nightmarket seed --demo` failed");
    }
    let mut child = Command::new(bin)
        .args([
            "create-user",
            "--login",
            ADMIN.0,
            "--name",
            "压测管理员",
            "--role",
            "admin",
        ])
        .args(["--database-url", url])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    if let Some(stdin) = child.stdin.as_mut() {
        writeln!(stdin, "{}", ADMIN.1)?;
    }
    if !child.wait()?.success() {
        bail!("`nightmarket create-user` failed");
    }
    Ok(())
}

/// A logged-in HTTP client (cookies kept).
pub async fn login(base: &str, login: &str, password: &str) -> anyhow::Result<reqwest::Client> {
    let http = client()?;
    let r = http
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"login": login, "password": password}))
        .send()
        .await?;
    if !r.status().is_success() {
        bail!("login {login}: {}", r.status());
    }
    Ok(http)
}

/// A client with a cookie jar and a time-out far above any honest answer.
pub fn client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .timeout(std::time::Duration::from_secs(20))
        .build()?)
}

/// What the load works on. Clients survive restarts: sessions live in the database.
pub struct World {
    /// The admin's client.
    pub admin: reqwest::Client,
    /// The market the applications go to.
    pub market_id: i64,
    /// Its sessions' ids.
    pub sessions: Vec<i64>,
    /// Active stalls of the site.
    pub stalls: Vec<i64>,
    /// (client logged in as the vendor, vendor id).
    pub vendors: Vec<(reqwest::Client, i64)>,
    /// First and last date of the market, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
}

async fn get_json(http: &reqwest::Client, url: String) -> anyhow::Result<Value> {
    let r = http.get(&url).send().await?;
    if !r.status().is_success() {
        bail!("GET {url}: {}", r.status());
    }
    Ok(r.json().await?)
}

impl World {
    /// Creates the market and the vendors through the API.
    pub async fn create(base: &str) -> anyhow::Result<World> {
        let admin = login(base, ADMIN.0, ADMIN.1).await?;
        let sites = get_json(&admin, format!("{base}/api/v1/sites")).await?;
        let site = sites["items"]
            .as_array()
            .and_then(|s| s.iter().max_by_key(|s| s["stall_count"].as_i64()))
            .context("no demo site")?;
        let site_id = site["id"].as_i64().context("site id")?;
        let stalls = get_json(&admin, format!("{base}/api/v1/sites/{site_id}/stalls")).await?;
        let stalls: Vec<i64> = stalls["items"]
            .as_array()
            .context("stalls")?
            .iter()
            .filter(|s| s["status"] == "active" && s["zone"].is_null())
            .filter_map(|s| s["id"].as_i64())
            .collect();
        let today = nightmarket::clock::today();
        let from = (today + chrono::Duration::days(7)).to_string();
        let to = (today + chrono::Duration::days(6 + DAYS)).to_string();
        // Midday, so it never overlaps the demo's morning and night markets on the same site.
        let market = json!({
            "name": "压测午市", "kind": "fixed",
            "segments": [{"name": "午市", "start": "11:00", "end": "14:00"}],
            "schedule": [{"site_id": site_id, "segment": "午市", "weekdays": [1,2,3,4,5,6,7], "from": from, "to": to}],
        });
        let r = admin
            .post(format!("{base}/api/v1/markets"))
            .json(&market)
            .send()
            .await?;
        if r.status() != 201 {
            bail!("create market: {} {}", r.status(), r.text().await?);
        }
        let market_id = r.json::<Value>().await?["id"]
            .as_i64()
            .context("market id")?;
        let sessions = get_json(
            &admin,
            format!("{base}/api/v1/markets/{market_id}/sessions?from={from}&to={to}"),
        )
        .await?;
        let sessions: Vec<i64> = sessions["items"]
            .as_array()
            .context("sessions")?
            .iter()
            .filter_map(|s| s["id"].as_i64())
            .collect();
        let mut vendors = Vec::new();
        for n in 0..VENDORS {
            vendors.push(register_vendor(base, n).await?);
        }
        Ok(World {
            admin,
            market_id,
            sessions,
            stalls,
            vendors,
            from,
            to,
        })
    }
}

/// Self-registration (which logs the vendor in), in a category that needs no health certificate.
async fn register_vendor(base: &str, n: u32) -> anyhow::Result<(reqwest::Client, i64)> {
    let http = client()?;
    let id_number = nightmarket::vendors::id_number::complete(&format!("62072219850101{n:03}"))
        .context("id number")?;
    let r = http
        .post(format!("{base}/api/v1/vendors"))
        .json(&json!({
            "name": format!("压测摊主{n}"), "phone": format!("1377777{n:04}"),
            "password": "kill-loop-vendor-1", "id_number": id_number, "category": "农副产品",
        }))
        .send()
        .await?;
    if r.status() != 201 {
        bail!("register vendor {n}: {} {}", r.status(), r.text().await?);
    }
    let id = r.json::<Value>().await?["vendor_id"]
        .as_i64()
        .context("vendor id")?;
    Ok((http, id))
}
