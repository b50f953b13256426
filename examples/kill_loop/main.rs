//! The kill loop: the real server binary under a write load of bookings and applications,
//! SIGKILLed at random moments and restarted, then checked — every acknowledged write is in the
//! database, every booking has its audit row, SQLite's `integrity_check` is `ok`, and the server
//! answered `/healthz` with 200 within 5 s of each restart.
//!
//! ```sh
//! .ci/kill-loop                                   # SQLite file in a temp dir, 20 kills
//! .ci/kill-loop --database-url postgres://postgres@127.0.0.1:5432/postgres
//! ```
//!
//! On PostgreSQL a fresh database is created next to the one named and dropped afterwards.

mod check;
mod load;
mod server;
mod setup;

use clap::Parser;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "SIGKILL the server under write load, restart it, check nothing was lost")]
pub struct Args {
    /// `postgres://…` server to create a scratch database on; default: a temporary SQLite file.
    #[arg(long)]
    database_url: Option<String>,
    /// How many times to kill the server.
    #[arg(long, default_value_t = 20)]
    kills: u32,
    /// Concurrent writers (half book as the admin, half apply as vendors).
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// Shortest and longest load before a kill, in milliseconds.
    #[arg(long, default_value_t = 300)]
    min_ms: u64,
    #[arg(long, default_value_t = 2500)]
    max_ms: u64,
    /// The server binary (default: `nightmarket` next to this example's folder).
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// Seed of the random kill moments (default: the clock).
    #[arg(long)]
    seed: Option<u64>,
}

/// Restarts slower than this fail the run.
const RESTART_LIMIT: Duration = Duration::from_secs(5);

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run(Args::parse()).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(err) => {
            eprintln!("kill loop: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run(args: Args) -> anyhow::Result<bool> {
    let bin = match &args.server_bin {
        Some(b) => b.clone(),
        None => server::sibling_binary()?,
    };
    let db = setup::ScratchDb::create(args.database_url.as_deref()).await?;
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    println!(
        "kill loop: {} on {}, {} kills, {} writers, seed {seed}",
        bin.display(),
        db.label(),
        args.kills,
        args.clients
    );
    setup::prepare_database(&bin, &db.url)?;
    let mut srv = server::Server::start(&bin, &db.url, 0).await?;
    let world = setup::World::create(&srv.base).await?;
    println!(
        "setup: {} sessions × {} stalls, {} vendors",
        world.sessions.len(),
        world.stalls.len(),
        world.vendors.len()
    );

    // The demo county's seeded rows were written by `seed --demo`, not by requests, and carry
    // no audit rows: the audit check covers what the load writes, above these ids.
    let baseline = check::baseline(&db.url).await?;
    let ledger = load::Ledger::default();
    let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(seed);
    let mut restarts = Vec::new();
    for round in 1..=args.kills {
        let wait = rand::Rng::random_range(&mut rng, args.min_ms..=args.max_ms.max(args.min_ms));
        let load = load::start(
            &srv.base,
            &world,
            &ledger,
            args.clients,
            seed ^ u64::from(round),
        );
        tokio::time::sleep(Duration::from_millis(wait)).await;
        srv.kill();
        load.stop().await;
        let started = Instant::now();
        srv = server::Server::start(&bin, &db.url, round).await?;
        let took = started.elapsed();
        restarts.push(took);
        println!(
            "kill {round:>2}/{}: after {wait:>4} ms of load; serving again in {} ms",
            args.kills,
            took.as_millis()
        );
    }
    // A last stretch of load on the final server, so the checks also see a clean shutdown.
    let load = load::start(&srv.base, &world, &ledger, args.clients, seed);
    tokio::time::sleep(Duration::from_millis(500)).await;
    load.stop().await;
    srv.kill();

    let report = check::run(&db.url, &ledger, baseline).await?;
    let counts = ledger.counts();
    let slowest = restarts.iter().max().copied().unwrap_or_default();
    let mean =
        restarts.iter().map(Duration::as_millis).sum::<u128>() / restarts.len().max(1) as u128;
    println!("--- summary ---");
    println!(
        "requests: {} answered ({} × 201, {} × 409, {} × 422, {} × 503, {} × other 5xx, {} other), {} lost in a kill",
        counts.answered,
        counts.created,
        counts.conflict,
        counts.invalid,
        counts.unavailable,
        counts.server_error,
        counts.other,
        counts.lost
    );
    println!(
        "acknowledged: {} bookings, {} applications; missing after the kills: {} bookings, {} applications",
        report.acked_bookings,
        report.acked_applications,
        report.missing_bookings,
        report.missing_applications
    );
    println!(
        "database: {} bookings, {} without an audit row; {} applications, {} without an audit row; integrity_check: {}",
        report.bookings_total,
        report.bookings_unaudited,
        report.applications_total,
        report.applications_unaudited,
        report.integrity
    );
    println!(
        "restarts: {} (mean {mean} ms, slowest {} ms, limit {} ms)",
        restarts.len(),
        slowest.as_millis(),
        RESTART_LIMIT.as_millis()
    );
    let ok = report.clean() && slowest <= RESTART_LIMIT && counts.server_error == 0;
    println!("result: {}", if ok { "PASS" } else { "FAIL" });
    db.drop_scratch().await;
    Ok(ok)
}
