//! A real server on 127.0.0.1:0 over a temporary data directory, and client helpers.

use std::path::Path;
use std::time::{Duration, Instant};

use flashpoint::config::Config;
use flashpoint::proto;
use flashpoint::proto::alert_service_client::AlertServiceClient;
use flashpoint::proto::ingest_service_client::IngestServiceClient;
use flashpoint::server::Spawned;
use tonic::Streaming;
use tonic::transport::Channel;

/// How long a test waits for something that should come at once.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A running server.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    server: Spawned,
}

impl TestServer {
    /// Starts a server on `data` with the defaults changed by `tweak`.
    pub async fn start(data: &Path, tweak: impl FnOnce(&mut Config)) -> TestServer {
        let mut config = Config::default();
        config.store.data = data.to_owned();
        config.server.shutdown_grace_secs = 2;
        tweak(&mut config);
        let server = flashpoint::server::spawn(config).await.expect("bind");
        TestServer { url: server.url.clone(), server }
    }

    /// A channel to the server (retries while it starts).
    pub async fn channel(&self) -> Channel {
        match flashpoint::api::client::connect_patiently(&self.url, PATIENCE).await {
            Ok(c) => c,
            Err(e) => panic!("server never came up: {e}"),
        }
    }

    /// An ingest client.
    pub async fn ingest(&self) -> IngestServiceClient<Channel> {
        IngestServiceClient::new(self.channel().await)
    }

    /// An alert client.
    pub async fn alerts(&self) -> AlertServiceClient<Channel> {
        AlertServiceClient::new(self.channel().await)
    }

    /// Signals shutdown and waits for the server to return; gives the time it took.
    pub async fn stop(self) -> Duration {
        let t = Instant::now();
        tokio::time::timeout(PATIENCE, self.server.stop()).await.expect("server exits").expect("server ran");
        t.elapsed()
    }
}

/// An article with an id, an RFC 3339 publication time and a body.
pub fn article(id: &str, published: &str, body: &str) -> proto::Article {
    let t: jiff::Timestamp = published.parse().expect("RFC 3339");
    proto::Article {
        id: id.to_owned(),
        body: body.to_owned(),
        published_at: Some(prost_types::Timestamp { seconds: t.as_second(), nanos: 0 }),
        ..proto::Article::default()
    }
}

/// Ingests one article, expecting success.
pub async fn ingest(client: &mut IngestServiceClient<Channel>, a: proto::Article) -> proto::IngestResponse {
    client.ingest(proto::IngestRequest { article: Some(a) }).await.expect("ingest").into_inner()
}

/// Subscribes with a start and a filter.
pub async fn subscribe(
    client: &mut AlertServiceClient<Channel>,
    start: Option<proto::subscribe_request::Start>,
    filter: proto::AlertFilter,
) -> Result<Streaming<flashpoint::api::wire::SubscribeResponse>, tonic::Status> {
    let req = proto::SubscribeRequest { filter: Some(filter), start, heartbeat_seconds: 1 };
    client.subscribe(req).await.map(tonic::Response::into_inner)
}

/// Reads `n` alert events (skipping heartbeats), failing after [`PATIENCE`].
pub async fn events(
    stream: &mut Streaming<flashpoint::api::wire::SubscribeResponse>,
    n: usize,
) -> Vec<proto::AlertEvent> {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while out.len() < n {
        let msg = tokio::time::timeout_at(deadline, stream.message())
            .await
            .unwrap_or_else(|_| panic!("only {} of {n} events arrived", out.len()))
            .expect("stream ok")
            .expect("stream open");
        if let Some(flashpoint::api::wire::Kind::Event(e)) = msg.kind {
            out.push(e);
        }
    }
    out
}

/// Reads until the next heartbeat and returns its head seq.
pub async fn heartbeat(stream: &mut Streaming<flashpoint::api::wire::SubscribeResponse>) -> u64 {
    loop {
        let msg = tokio::time::timeout(PATIENCE, stream.message())
            .await
            .expect("heartbeat in time")
            .expect("stream ok")
            .expect("stream open");
        if let Some(flashpoint::api::wire::Kind::Heartbeat(h)) = msg.kind {
            return h.head_seq;
        }
    }
}
