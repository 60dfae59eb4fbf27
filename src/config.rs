//! Service configuration in layers: the named `DEFAULT_*` constants, then a TOML file
//! (`--config`), then `FLASHPOINT_*` environment variables and command-line flags (the CLI
//! applies those). `validate` runs before anything starts.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::escalation::rules::Rules;
use crate::store::Retention;

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:50051";
/// Default data directory.
pub const DEFAULT_DATA: &str = "./flashpoint-data";
/// Default limit on an article's title plus body, bytes (1 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 1 << 20;
/// Default cap on open subscriptions.
pub const DEFAULT_MAX_SUBSCRIBERS: usize = 10_000;
/// Default heartbeat interval on idle subscriptions, seconds.
pub const DEFAULT_HEARTBEAT_SECS: u64 = 15;
/// Shortest heartbeat interval a client may ask for, seconds.
pub const MIN_HEARTBEAT_SECS: u64 = 1;
/// Longest heartbeat interval a client may ask for, seconds.
pub const MAX_HEARTBEAT_SECS: u64 = 300;
/// Default timeout of unary calls, seconds.
pub const DEFAULT_UNARY_TIMEOUT_SECS: u64 = 30;
/// Default time open streams get to end at shutdown before the process exits, seconds.
pub const DEFAULT_SHUTDOWN_GRACE_SECS: u64 = 5;
/// Default number of recent alert events kept in memory for live subscribers.
pub const DEFAULT_RECENT_EVENTS: usize = crate::hub::DEFAULT_RECENT;
/// Default lateness of the live service, minutes: articles are applied as they arrive, so
/// alerts leave within milliseconds (replays default to the engine's 60 minutes).
pub const DEFAULT_SERVICE_LATENESS_MINUTES: i64 = 0;
/// Default in-flight articles per `IngestStream`.
pub const DEFAULT_STREAM_WINDOW: usize = 256;

/// Server settings (`[server]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Listen address.
    pub listen: String,
    /// Limit on title plus body, bytes.
    pub max_article_bytes: usize,
    /// Cap on open subscriptions.
    pub max_subscribers: usize,
    /// Heartbeat interval when the client asks for none, seconds.
    pub heartbeat_secs: u64,
    /// Unary call timeout, seconds.
    pub unary_timeout_secs: u64,
    /// Grace for open streams at shutdown, seconds.
    pub shutdown_grace_secs: u64,
    /// Recent alert events held in memory.
    pub recent_events: usize,
    /// Out-of-order tolerance of the live engine, minutes (overrides `rules.engine`).
    pub lateness_minutes: i64,
    /// In-flight articles per ingest stream.
    pub stream_window: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: DEFAULT_LISTEN.to_owned(),
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            max_subscribers: DEFAULT_MAX_SUBSCRIBERS,
            heartbeat_secs: DEFAULT_HEARTBEAT_SECS,
            unary_timeout_secs: DEFAULT_UNARY_TIMEOUT_SECS,
            shutdown_grace_secs: DEFAULT_SHUTDOWN_GRACE_SECS,
            recent_events: DEFAULT_RECENT_EVENTS,
            lateness_minutes: DEFAULT_SERVICE_LATENESS_MINUTES,
            stream_window: DEFAULT_STREAM_WINDOW,
        }
    }
}

/// Store settings (`[store]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    /// Data directory.
    pub data: PathBuf,
    /// What the store keeps.
    pub retention: Retention,
    /// Articles between engine snapshots.
    pub snapshot_every: u64,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            data: PathBuf::from(DEFAULT_DATA),
            retention: Retention::default(),
            snapshot_every: crate::store::DEFAULT_SNAPSHOT_EVERY,
        }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Server settings.
    pub server: ServerConfig,
    /// Store settings.
    pub store: StoreConfig,
    /// Escalation and alert rules (`[rules.engine]`, `[rules.alerts]`).
    pub rules: Rules,
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("config {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML for this schema.
    #[error("config {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message (with line and column).
        message: String,
    },
    /// A value is out of range.
    #[error("config: {0}")]
    Invalid(String),
}

impl Config {
    /// Defaults, overlaid with the TOML file at `path` when given.
    ///
    /// # Errors
    /// When the file cannot be read or parsed.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else { return Ok(Config::default()) };
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        toml::from_str(&text)
            .map_err(|e| ConfigError::Parse { path: path.to_owned(), message: e.to_string() })
    }

    /// Checks every value before the server starts.
    ///
    /// # Errors
    /// Names the first value out of range.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let s = &self.server;
        let bad = |m: String| Err(ConfigError::Invalid(m));
        if s.listen.parse::<std::net::SocketAddr>().is_err() {
            return bad(format!("server.listen {:?} is not an address like 127.0.0.1:50051", s.listen));
        }
        if !(1024..=64 << 20).contains(&s.max_article_bytes) {
            return bad(format!(
                "server.max_article_bytes {} is outside 1 KiB..=64 MiB",
                s.max_article_bytes
            ));
        }
        if s.max_subscribers == 0 {
            return bad("server.max_subscribers must be at least 1".to_owned());
        }
        if !(MIN_HEARTBEAT_SECS..=MAX_HEARTBEAT_SECS).contains(&s.heartbeat_secs) {
            return bad(format!(
                "server.heartbeat_secs {} is outside {MIN_HEARTBEAT_SECS}..={MAX_HEARTBEAT_SECS}",
                s.heartbeat_secs
            ));
        }
        if s.unary_timeout_secs == 0 || s.stream_window == 0 || s.recent_events == 0 {
            return bad(
                "server.unary_timeout_secs, stream_window and recent_events must be positive".to_owned()
            );
        }
        if s.lateness_minutes < 0 {
            return bad(format!("server.lateness_minutes {} is negative", s.lateness_minutes));
        }
        let r = &self.store.retention;
        if r.events == 0 || r.days == 0 || r.articles == 0 {
            return bad("store.retention.events, days and articles must be positive".to_owned());
        }
        Ok(())
    }

    /// The rules the live engine runs with: the configured ones with the server's lateness.
    pub fn live_rules(&self) -> Rules {
        let mut rules = self.rules.clone();
        rules.engine.lateness_minutes = self.server.lateness_minutes;
        rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_files_overlay_them() {
        Config::default().validate().expect("defaults are valid");
        let c: Config =
            toml::from_str("[server]\nmax_subscribers = 5\n[store.retention]\nevents = 10\n").expect("toml");
        assert_eq!(c.server.max_subscribers, 5);
        assert_eq!(c.store.retention.events, 10);
        assert_eq!(c.server.listen, DEFAULT_LISTEN);
        assert!(
            toml::from_str::<Config>("[server]\nlisten_port = 1\n").is_err(),
            "unknown fields are errors"
        );
    }

    #[test]
    fn out_of_range_values_are_named() {
        let mut c = Config::default();
        c.server.heartbeat_secs = 0;
        assert!(c.validate().expect_err("bad").to_string().contains("server.heartbeat_secs"));
        let mut c = Config::default();
        c.server.listen = "localhost".to_owned();
        assert!(c.validate().expect_err("bad").to_string().contains("server.listen"));
    }
}
