//! `nightmarket`: the command line. `cargo run` is `nightmarket serve`.

use clap::Parser;
use nightmarket::cli::{Cli, run};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", said_once(&err));
            std::process::ExitCode::FAILURE
        }
    }
}

/// The error and its causes joined by ": ", each said once: a database error repeats its
/// cause inside its own words ("Connection Error: refused: refused"), which read as two faults.
fn said_once(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}
