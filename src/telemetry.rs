//! Structured logs: one line per request with its id, method, path and status.

use axum::body::Body;
use http::Request;
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber (`RUST_LOG` filters; `json` format for log collectors).
pub fn init(format: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    // Colour codes only for a person at a terminal, not in a log file or a collector's pipe.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// The span of one request, carrying the `x-request-id` set by the request-id layer.
pub fn make_span(request: &Request<Body>) -> Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        http.method = %request.method(),
        http.path = %request.uri().path(),
        request.id = %request_id,
    )
}
