//! `nightmarket backup --out FILE`: a consistent copy of the live database.
//!
//! SQLite: `VACUUM INTO` (never a copy of the live file, which can catch a half-written WAL).
//! PostgreSQL: `pg_dump` in plain SQL, restored with `psql -f FILE` into an empty database.

use crate::db::is_postgres;
use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::path::Path;

/// Writes a backup of the database at `url` (already open as `db`) to `out`.
pub async fn backup(db: &DatabaseConnection, url: &str, out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        bail!("{} exists; choose a new file", out.display());
    }
    if is_postgres(url) {
        let status = tokio::process::Command::new("pg_dump")
            .args(["--no-owner", "--no-privileges", "--format=plain", "--file"])
            .arg(out)
            .arg(url)
            .status()
            .await
            .context("cannot run pg_dump (install the PostgreSQL client tools)")?;
        if !status.success() {
            bail!("pg_dump failed with {status}");
        }
        return owner_only(out);
    }
    let target = out
        .to_str()
        .context("the backup path must be valid UTF-8")?
        .replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await
        .context("VACUUM INTO failed")?;
    owner_only(out)
}

/// A backup holds password hashes, ID numbers and documents: readable by its owner alone.
fn owner_only(out: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot make {} private", out.display()))?;
    }
    Ok(())
}
