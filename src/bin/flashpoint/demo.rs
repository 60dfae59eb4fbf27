//! `flashpoint demo`: a server on a temporary store, the seed articles ingested, the alerts
//! printed as they stream.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use flashpoint::api::client;
use flashpoint::config::Config;
use flashpoint::proto;

/// The seed article, for a demo run away from the repository.
const SEED: &str = include_str!("../../../seeds/000_dde2283d958822b8.txt");
const SEED_META: &str = include_str!("../../../seeds/000_dde2283d958822b8.meta.toml");

pub async fn run(mut paths: Vec<PathBuf>) -> Result<ExitCode, String> {
    let data = tempfile::tempdir().map_err(|e| format!("temporary store: {e}"))?;
    if paths.is_empty() {
        let seeds = PathBuf::from("seeds");
        if seeds.is_dir() {
            paths.push(seeds);
        } else {
            // Away from the repository: the embedded seed article.
            let dir = data.path().join("seeds");
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            std::fs::write(dir.join("seed.txt"), SEED).map_err(|e| e.to_string())?;
            std::fs::write(dir.join("seed.meta.toml"), SEED_META).map_err(|e| e.to_string())?;
            paths.push(dir);
        }
    }
    let mut config = Config::default();
    config.store.data = data.path().join("store");
    let server = flashpoint::server::spawn(config).await.map_err(|e| format!("listen: {e}"))?;
    let url = server.url.clone();
    println!("flashpoint demo: server on {url}, store in {}", data.path().display());

    let channel = client::connect(&url).await.map_err(|e| e.to_string())?;
    let subscriber = {
        let channel = channel.clone();
        tokio::spawn(async move {
            let o = client::SubscribeOptions {
                start: Some(proto::subscribe_request::Start::FromOldest(true)),
                filter: proto::AlertFilter::default(),
                json: false,
                exit_when_idle: Some(Duration::from_secs(2)),
                evidence: 4,
            };
            client::subscribe(channel, o, &mut std::io::stdout()).await
        })
    };
    let summary = client::ingest(channel, paths).await.map_err(|e| e.to_string())?;
    println!(
        "ingested: {} accepted, {} duplicate, {} rejected; {} alert events",
        summary.accepted, summary.duplicate, summary.rejected, summary.alert_events
    );
    let last = subscriber.await.map_err(|e| e.to_string())?.map_err(|e| e.to_string())?;
    println!("stream idle after seq {last}; stopping");
    server.stop().await.map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
