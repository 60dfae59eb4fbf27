//! Wiring: opens the store, rebuilds the engine, starts the writer and the hub, and serves
//! the gRPC services with health, reflection and tower layers on a given listener until a
//! given shutdown future resolves.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::TcpIncoming;

use crate::analysis::Analyzer;
use crate::api::reading_pool::ReadingPool;
use crate::api::{AlertApi, AnalysisApi, IngestApi, Shared};
use crate::config::Config;
use crate::escalation::{Engine, names_from};
use crate::hub::Hub;
use crate::lexicon::Lexicon;
use crate::pipeline::Pipeline;
use crate::proto::alert_service_server::AlertServiceServer;
use crate::proto::analysis_service_server::AnalysisServiceServer;
use crate::proto::ingest_service_server::IngestServiceServer;
use crate::store::{Store, StoreError};

/// The encoded descriptors of `proto/flashpoint/v1`, for reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/flashpoint_descriptor.bin"));

/// Bytes of protobuf framing allowed on top of the article limit.
const ENVELOPE_BYTES: usize = 64 << 10;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The configuration is invalid.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A snapshot did not restore.
    #[error("store: the engine snapshot does not restore: {0}")]
    Snapshot(String),
    /// The reflection service could not read the descriptors.
    #[error("reflection: {0}")]
    Reflection(String),
    /// The lexicon did not load.
    #[error(transparent)]
    Lexicon(#[from] crate::lexicon::LexiconError),
    /// The transport failed.
    #[error("transport: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// The analyzer's threads could not be started.
    #[error("analyzer threads: {0}")]
    Threads(String),
    /// The server task panicked or was cancelled.
    #[error("the server task failed: {0}")]
    Task(String),
}

/// A server running in this process on `127.0.0.1:0` (the demo, the load tool, tests).
#[derive(Debug)]
pub struct Spawned {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    stop: tokio::sync::oneshot::Sender<()>,
    handle: tokio::task::JoinHandle<Result<(), ServerError>>,
}

/// Starts [`run`] on a free local port in a task of this runtime.
///
/// # Errors
/// When no local port can be bound.
pub async fn spawn(config: Config) -> std::io::Result<Spawned> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(run(config, listener, async move {
        let _ = stopped.await;
    }));
    Ok(Spawned { url, stop, handle })
}

impl Spawned {
    /// Shuts the server down and waits for it to return.
    ///
    /// # Errors
    /// What [`run`] returned, or [`ServerError::Task`] if its task failed.
    pub async fn stop(self) -> Result<(), ServerError> {
        let _ = self.stop.send(());
        self.handle.await.map_err(|e| ServerError::Task(e.to_string()))?
    }
}

fn wall_clock_secs() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn wall_clock_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Rebuilds the engine from the store's last snapshot and the journal after it; also gives
/// how many journal entries that replayed.
fn recover(store: &Store, config: &Config, lexicon: &Lexicon) -> Result<(Engine, u64), ServerError> {
    let rec = store.recovery()?;
    let names = names_from(lexicon);
    let mut engine = match rec.snapshot {
        Some(bytes) => Engine::restore(&bytes, names).map_err(|e| ServerError::Snapshot(e.to_string()))?,
        None => Engine::new(config.live_rules(), names),
    };
    if engine.rules() != &config.live_rules() {
        tracing::warn!(
            "the stored engine state keeps the rules it was created with; start on a new data directory to change them"
        );
    }
    let replayed = rec.journal.len();
    for j in rec.journal {
        // The events were logged when the articles were first taken; replaying only
        // rebuilds the state.
        let _ = engine.observe(j.facts, j.received_at);
    }
    tracing::info!(replayed, dyads = engine.dyad_count(), "engine recovered");
    Ok((engine, replayed as u64))
}

/// Serves on `listener` until `shutdown` resolves; then health turns `NOT_SERVING`, open
/// streams end with `UNAVAILABLE` (subscriptions name the seq to resume after), and the
/// call returns within the configured grace.
///
/// # Errors
/// [`ServerError`] when the store, the lexicon or the transport fail.
pub async fn run(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    config.validate()?;
    let lexicon = Arc::new(Lexicon::embedded()?);
    let store = Arc::new(Store::open(&config.store.data, config.store.retention)?);
    let (engine, replayed) = recover(&store, &config, &lexicon)?;
    let token = CancellationToken::new();
    let hub =
        Hub::new(store.clone(), config.server.recent_events, config.server.max_subscribers, token.clone())?;
    let (pipeline, writer) = Pipeline::start(
        engine,
        store.clone(),
        hub.clone(),
        config.store.snapshot_every,
        replayed,
        wall_clock_ms,
    )?;
    let readers =
        ReadingPool::new(Analyzer::new(lexicon), 0).map_err(|e| ServerError::Threads(e.to_string()))?;
    let shared = Arc::new(Shared {
        readers,
        pipeline,
        hub,
        store: store.clone(),
        config: config.server.clone(),
        shutdown: token.clone(),
        clock: wall_clock_secs,
        rendered: crate::api::Rendered::default(),
    });

    let (health, health_service) = tonic_health::server::health_reporter();
    health.set_serving::<IngestServiceServer<IngestApi>>().await;
    health.set_serving::<AnalysisServiceServer<AnalysisApi>>().await;
    health.set_serving::<AlertServiceServer<AlertApi>>().await;
    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_v1 = reflection().build_v1().map_err(|e| ServerError::Reflection(e.to_string()))?;
    let reflection_v1alpha =
        reflection().build_v1alpha().map_err(|e| ServerError::Reflection(e.to_string()))?;

    let limit = config.server.max_article_bytes * 2 + ENVELOPE_BYTES;
    let ingest = IngestServiceServer::new(IngestApi(shared.clone())).max_decoding_message_size(limit);
    let analysis = AnalysisServiceServer::new(AnalysisApi(shared.clone())).max_decoding_message_size(limit);
    let alerts = AlertServiceServer::new(AlertApi(shared.clone()));

    let grace = Duration::from_secs(config.server.shutdown_grace_secs);
    let signal = {
        let token = token.clone();
        let health = health.clone();
        async move {
            shutdown.await;
            tracing::info!("shutting down");
            health.set_not_serving::<IngestServiceServer<IngestApi>>().await;
            health.set_not_serving::<AnalysisServiceServer<AnalysisApi>>().await;
            health.set_not_serving::<AlertServiceServer<AlertApi>>().await;
            health.set_service_status("", tonic_health::ServingStatus::NotServing).await;
            token.cancel();
        }
    };
    let addr = listener.local_addr().ok();
    tracing::info!(?addr, data = %config.store.data.display(), "serving");
    let serve = tonic::transport::Server::builder()
        .timeout(Duration::from_secs(config.server.unary_timeout_secs))
        .trace_fn(|req| tracing::info_span!("grpc", path = %req.uri().path()))
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(ingest)
        .add_service(analysis)
        .add_service(alerts)
        // Alert events are small frames written as they happen: without TCP_NODELAY,
        // Nagle's algorithm holds one back until the peer's delayed ACK (up to 40 ms).
        .serve_with_incoming_shutdown(TcpIncoming::from(listener).with_nodelay(Some(true)), signal);
    let mut serve = Box::pin(serve);
    let result = tokio::select! {
        r = &mut serve => r,
        () = async { token.cancelled().await; tokio::time::sleep(grace).await } => {
            tracing::warn!(grace_secs = grace.as_secs(), "connections still open after the grace period; closing");
            Ok(())
        }
    };
    // Drop every handle on the writer so it writes its final snapshot and stops, then wait
    // for the stream tasks to let go of the store so the next start can open it.
    drop(serve);
    drop(shared);
    let _ = tokio::task::spawn_blocking(move || writer.join()).await;
    let deadline = tokio::time::Instant::now() + grace;
    while Arc::strong_count(&store) > 1 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tracing::info!("stopped");
    result.map_err(ServerError::from)
}
