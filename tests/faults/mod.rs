//! Faults of the store under a running server: a full disk (SQLite) and a PostgreSQL server
//! stopped and started under load. Both must give `503` with a logged error — never a `500`,
//! never a hang — and recover without a restart.
//!
//! They need root (to mount a tiny tmpfs) and PostgreSQL's server binaries (to run a private
//! cluster: the shared one is never touched), so they are `#[ignore]`d with that reason and a
//! plain `cargo test` reports them as ignored. `.ci/run` runs them (`-- --ignored faults::`),
//! and there a missing tool fails the test: it never passes without having checked anything.

mod disk;
mod postgres;

use std::process::Command;

/// Fails a fault test whose tools are missing: it was asked for by name, so a pass without the
/// check would be a lie.
fn missing(why: &str) -> ! {
    panic!("fault test cannot run: {why}");
}

/// Whether this process runs as root (mount, and `runuser` to PostgreSQL's own account).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// A site body whose boundary is a 400-vertex circle (about 15 KiB), to fill a disk quickly.
fn big_site(code: &str) -> serde_json::Value {
    let ring: Vec<[f64; 2]> = (0..=400)
        .map(|i| {
            let a = f64::from(i % 400) * std::f64::consts::TAU / 400.0;
            [100.812 + 0.0004 * a.cos(), 38.433 + 0.0003 * a.sin()]
        })
        .collect();
    serde_json::json!({
        "code": code, "name": format!("{code} 广场"), "kind": "plaza",
        "boundary": {"type": "Polygon", "coordinates": [ring]},
    })
}
