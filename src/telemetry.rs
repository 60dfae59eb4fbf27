//! Logging: tracing-subscriber, human-readable by default, JSON lines with `--log-json`;
//! the level from `RUST_LOG` (default `info`). Metric names live here as constants.

use tracing_subscriber::EnvFilter;

/// Articles ingested (counter; label `outcome`: accepted, duplicate, rejected).
pub const METRIC_ARTICLES: &str = "flashpoint_articles_total";

/// Installs the global subscriber once; later calls do nothing.
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
