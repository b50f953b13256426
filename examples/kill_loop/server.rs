//! The server process under test: started on a free port, killed with SIGKILL (`Child::kill`
//! sends SIGKILL on Unix: no shutdown hook runs).

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server.
pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

/// `target/debug/nightmarket` when this runs as `target/debug/examples/kill_loop`.
pub fn sibling_binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .context("no folder above the example")?;
    let bin = dir.join("nightmarket");
    if !bin.exists() {
        bail!(
            "{} not found: `cargo build --bin nightmarket` first, or pass --server-bin",
            bin.display()
        );
    }
    Ok(bin)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Server {
    /// Starts the binary and waits until `/healthz` answers 200 (at most 60 s, which is far
    /// above the 5 s the caller checks: a slow start is reported, not hidden by a time-out).
    pub async fn start(bin: &Path, url: &str, round: u32) -> anyhow::Result<Server> {
        let port = free_port()?;
        let log_dir = std::env::temp_dir().join("nightmarket-kill-loop");
        std::fs::create_dir_all(&log_dir)?;
        let log = std::fs::File::create(log_dir.join(format!("server-{round:02}.log")))?;
        let child = Command::new(bin)
            .args(["serve", "--no-seed", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--database-url", url])
            .env("NIGHTMARKET_LIMITS", "relaxed")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("start {}", bin.display()))?;
        let mut server = Server {
            child: Some(child),
            base: format!("http://127.0.0.1:{port}"),
        };
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(r) = http.get(format!("{}/healthz", server.base)).send().await
                && r.status().is_success()
            {
                return Ok(server);
            }
            if let Some(status) = server
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                bail!("server exited with {status}; see {}", log_dir.display());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill();
        bail!("server did not answer /healthz within 60 s")
    }

    /// SIGKILL, then reap the process.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
