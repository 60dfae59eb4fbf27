//! The tonic services: validate each request, convert proto to model, call the domain (the
//! analyzer, the pipeline, the hub, the store) and map the result. No business state here.

pub mod client;
pub mod convert;
pub mod reading_pool;
pub mod wire;

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{FuturesOrdered, StreamExt};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status, Streaming};

use crate::config::{MAX_HEARTBEAT_SECS, MIN_HEARTBEAT_SECS, ServerConfig};
use crate::error::ServiceError;
use crate::hub::{Filter, Hub, LABEL_KEYS, Next, Start};
use crate::model::Article;
use crate::pipeline::{Outcome, Pipeline, Prepared};
use crate::proto;
use crate::proto::alert_service_server::AlertService;
use crate::proto::analysis_service_server::AnalysisService;
use crate::proto::ingest_service_server::IngestService;
use crate::store::Store;

use self::reading_pool::ReadingPool;

/// Longest article id accepted, bytes.
pub const MAX_ID_BYTES: usize = 256;
/// Most labels an article may carry.
pub const MAX_LABELS: usize = 64;
/// Most entries in one filter list.
pub const MAX_FILTER_ENTRIES: usize = 256;
/// Default and largest page sizes.
pub const DEFAULT_PAGE: usize = 100;
/// Largest page size.
pub const MAX_PAGE: usize = 1000;
/// Messages a subscription may have queued towards its client.
const STREAM_BUFFER: usize = 16;

/// What every service shares.
#[derive(Debug)]
pub struct Shared {
    /// The analyzer, on its threads.
    pub readers: ReadingPool,
    /// The writer.
    pub pipeline: Pipeline,
    /// The fan-out.
    pub hub: Hub,
    /// The store (reads).
    pub store: Arc<Store>,
    /// Limits.
    pub config: ServerConfig,
    /// Cancelled at shutdown.
    pub shutdown: CancellationToken,
    /// The wall clock, seconds (a parameter so tests can pin it).
    pub clock: fn() -> i64,
    /// Recent alert events already converted, shared by every subscription.
    pub rendered: Rendered,
}

/// Alert events converted to their stream message once, for every subscriber to clone.
#[derive(Debug, Default)]
pub struct Rendered {
    cache: std::sync::Mutex<RenderedCache>,
}

#[derive(Debug, Default)]
struct RenderedCache {
    by_seq: std::collections::HashMap<u64, wire::SubscribeResponse>,
    order: std::collections::VecDeque<u64>,
}

/// Converted events kept.
const RENDERED: usize = 4096;

impl Rendered {
    /// The stream message of an event, converted on first use.
    fn get(&self, e: &crate::store::LoggedEvent) -> wire::SubscribeResponse {
        let lock = || self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(m) = lock().by_seq.get(&e.seq) {
            return m.clone();
        }
        let m = wire::SubscribeResponse::pre_encoded(wire::Kind::Event(convert::alert_event(e)));
        let mut c = lock();
        if c.by_seq.insert(e.seq, m.clone()).is_none() {
            c.order.push_back(e.seq);
            while c.order.len() > RENDERED {
                if let Some(old) = c.order.pop_front() {
                    c.by_seq.remove(&old);
                }
            }
        }
        m
    }
}

/// A validated article, ready to be read.
struct Checked {
    article: Article,
    published: Option<prost_types::Timestamp>,
}

/// The id of an article: its own, or a hash of title and body.
fn article_id(a: &proto::Article) -> String {
    if !a.id.is_empty() {
        return a.id.clone();
    }
    let mut h = Sha256::new();
    h.update(a.title.as_bytes());
    h.update([0]);
    h.update(a.body.as_bytes());
    let digest = h.finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn check(shared: &Shared, article: Option<proto::Article>) -> Result<Checked, ServiceError> {
    let a = article.ok_or_else(|| ServiceError::InvalidArgument("article: missing".to_owned()))?;
    let size = a.title.len() + a.body.len();
    if size > shared.config.max_article_bytes {
        return Err(ServiceError::TooLarge { size, limit: shared.config.max_article_bytes });
    }
    if a.body.trim().is_empty() {
        return Err(ServiceError::InvalidArgument("article.body: empty or whitespace only".to_owned()));
    }
    if a.id.len() > MAX_ID_BYTES || a.id.chars().any(char::is_control) {
        return Err(ServiceError::InvalidArgument(format!(
            "article.id: at most {MAX_ID_BYTES} bytes without control characters"
        )));
    }
    if a.labels.len() > MAX_LABELS {
        return Err(ServiceError::InvalidArgument(format!("article.labels: more than {MAX_LABELS}")));
    }
    let lang = a.language.to_ascii_lowercase();
    if !(lang.is_empty() || lang == "en" || lang.starts_with("en-")) {
        return Err(ServiceError::InvalidArgument(format!(
            "article.language {:?}: only English (\"en\") is analysed",
            a.language
        )));
    }
    let published = match &a.published_at {
        Some(ts) => Some(
            jiff::Timestamp::new(ts.seconds, ts.nanos)
                .map_err(|e| {
                    ServiceError::InvalidArgument(format!(
                        "article.published_at {}s {}ns: {e}",
                        ts.seconds, ts.nanos
                    ))
                })?
                .as_second(),
        ),
        None => None,
    };
    let article = Article {
        id: article_id(&a),
        title: a.title,
        body: a.body,
        published,
        received: Some((shared.clock)()),
    };
    Ok(Checked { article, published: a.published_at })
}

/// Reads a checked article on the analyzer's threads, for the writer.
async fn prepare(shared: &Shared, article: Article) -> Result<Prepared, ServiceError> {
    let received_at = article.received.unwrap_or_else(|| (shared.clock)());
    shared
        .readers
        .read(article, move |r| {
            let events = u32::try_from(r.analysis.events.len()).unwrap_or(u32::MAX);
            r.facts().map(|facts| Prepared { facts, received_at, events })
        })
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .ok_or_else(|| ServiceError::Internal("a received article has no event time".to_owned()))
}

fn response(o: Outcome) -> proto::IngestResponse {
    proto::IngestResponse {
        article_id: o.article_id,
        duplicate: o.duplicate,
        caused: o
            .caused
            .into_iter()
            .map(|(seq, t, fingerprint)| proto::CausedEvent {
                seq,
                r#type: convert::event_type(t).into(),
                fingerprint,
            })
            .collect(),
        rejection: None,
        events: o.events,
    }
}

fn rejection(id: String, s: &Status) -> proto::IngestResponse {
    proto::IngestResponse {
        article_id: id,
        rejection: Some(proto::Rejection { code: s.code() as i32, message: s.message().to_owned() }),
        ..proto::IngestResponse::default()
    }
}

/// `IngestService`.
#[derive(Debug, Clone)]
pub struct IngestApi(pub Arc<Shared>);

type ResponseFuture = Pin<Box<dyn Future<Output = proto::IngestResponse> + Send>>;
/// An article of a stream being read: ready for the writer (with the id the client sent), or
/// already answered.
type ReadFuture = Pin<Box<dyn Future<Output = Result<(String, Prepared), proto::IngestResponse>> + Send>>;

#[tonic::async_trait]
impl IngestService for IngestApi {
    #[tracing::instrument(skip_all, fields(id = %req.get_ref().article.as_ref().map_or("", |a| a.id.as_str())))]
    async fn ingest(
        &self,
        req: Request<proto::IngestRequest>,
    ) -> Result<Response<proto::IngestResponse>, Status> {
        let checked = check(&self.0, req.into_inner().article)?;
        let prepared = prepare(&self.0, checked.article).await?;
        let out = self.0.pipeline.submit(prepared).await.map_err(ServiceError::from)?;
        Ok(Response::new(response(out)))
    }

    type IngestStreamStream = ReceiverStream<Result<proto::IngestResponse, Status>>;

    async fn ingest_stream(
        &self,
        req: Request<Streaming<proto::IngestRequest>>,
    ) -> Result<Response<Self::IngestStreamStream>, Status> {
        let mut inbound = req.into_inner();
        let shared = self.0.clone();
        let window = shared.config.stream_window;
        let (tx, rx) = mpsc::channel(window);
        tokio::spawn(async move {
            // Two stages, each in request order: articles being read (on the analyzer's
            // threads, several at once), then articles queued for the writer.
            let mut reading: FuturesOrdered<ReadFuture> = FuturesOrdered::new();
            let mut inflight: FuturesOrdered<ResponseFuture> = FuturesOrdered::new();
            let mut open = true;
            loop {
                if !open && reading.is_empty() && inflight.is_empty() {
                    break;
                }
                tokio::select! {
                    biased;
                    () = shared.shutdown.cancelled() => {
                        let _ = tx.send(Err(Status::unavailable("server shutting down; resend unacknowledged articles (ingest is idempotent)"))).await;
                        break;
                    }
                    Some(resp) = inflight.next(), if !inflight.is_empty() => {
                        if tx.send(Ok(resp)).await.is_err() {
                            break;
                        }
                    }
                    Some(read) = reading.next(), if !reading.is_empty() => match read {
                        Err(answer) => inflight.push_back(Box::pin(std::future::ready(answer))),
                        Ok((id, prepared)) => {
                            // Enqueue in request order; await the durable outcome in the
                            // background so many articles share a group commit.
                            let fut = shared.pipeline.enqueue(prepared).await;
                            inflight.push_back(Box::pin(async move {
                                match fut.await {
                                    Ok(o) => response(o),
                                    Err(e) => rejection(id, &Status::from(ServiceError::from(e))),
                                }
                            }));
                        }
                    },
                    msg = inbound.message(), if open && reading.len() + inflight.len() < window => match msg {
                        Ok(Some(r)) => {
                            let id = r.article.as_ref().map(|a| a.id.clone()).unwrap_or_default();
                            match check(&shared, r.article) {
                                Err(e) => {
                                    let s = Status::from(e);
                                    reading.push_back(Box::pin(std::future::ready(Err(rejection(id, &s)))));
                                }
                                Ok(c) => {
                                    let shared = shared.clone();
                                    reading.push_back(Box::pin(async move {
                                        match prepare(&shared, c.article).await {
                                            Ok(p) => Ok((id, p)),
                                            Err(e) => Err(rejection(id, &Status::from(e))),
                                        }
                                    }));
                                }
                            }
                        }
                        Ok(None) => open = false,
                        Err(status) => {
                            tracing::debug!(%status, "ingest stream ended by the client");
                            open = false;
                        }
                    },
                }
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }
}

/// `AnalysisService`.
#[derive(Debug, Clone)]
pub struct AnalysisApi(pub Arc<Shared>);

#[tonic::async_trait]
impl AnalysisService for AnalysisApi {
    async fn analyze(
        &self,
        req: Request<proto::AnalyzeRequest>,
    ) -> Result<Response<proto::Analysis>, Status> {
        let c = check(&self.0, req.into_inner().article)?;
        let analysis = self
            .0
            .readers
            .read(c.article, |r| r.analysis)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        Ok(Response::new(convert::analysis(&analysis, c.published)))
    }
}

/// `AlertService`.
#[derive(Debug, Clone)]
pub struct AlertApi(pub Arc<Shared>);

fn is_code(s: &str) -> bool {
    (3..=12).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn filter(f: Option<proto::AlertFilter>) -> Result<Filter, ServiceError> {
    let Some(f) = f else { return Ok(Filter::default()) };
    let bad = |m: String| Err(ServiceError::InvalidArgument(m));
    if f.actors.len() + f.dyads.len() + f.kinds.len() + f.labels.len() > MAX_FILTER_ENTRIES {
        return bad(format!("filter: more than {MAX_FILTER_ENTRIES} entries"));
    }
    let min_severity = match proto::Severity::try_from(f.min_severity) {
        Ok(s) => convert::severity_from(s),
        Err(_) => return bad(format!("filter.min_severity: unknown value {}", f.min_severity)),
    };
    for a in &f.actors {
        if !is_code(a) {
            return bad(format!("filter.actors: {a:?} is not a code of 3 to 12 upper-case letters"));
        }
    }
    let mut dyads = Vec::with_capacity(f.dyads.len());
    for d in &f.dyads {
        if !is_code(&d.a) || !is_code(&d.b) || d.a == d.b {
            return bad(format!("filter.dyads: ({:?}, {:?}) is not a pair of two different codes", d.a, d.b));
        }
        let mut pair = [d.a.clone(), d.b.clone()];
        pair.sort();
        dyads.push(pair);
    }
    let mut kinds = Vec::with_capacity(f.kinds.len());
    for k in &f.kinds {
        match proto::AlertKind::try_from(*k).ok().and_then(convert::kind_from) {
            Some(k) => kinds.push(k),
            None => return bad(format!("filter.kinds: {k} is not a known alert kind")),
        }
    }
    let mut labels: Vec<(String, String)> = Vec::with_capacity(f.labels.len());
    for (k, v) in f.labels {
        if !LABEL_KEYS.contains(&k.as_str()) {
            return bad(format!("filter.labels: unknown label {k:?} (known: {})", LABEL_KEYS.join(", ")));
        }
        labels.push((k, v));
    }
    Ok(Filter { min_severity, actors: f.actors, dyads, kinds, labels })
}

fn page(size: u32, token: &str) -> Result<(usize, usize), ServiceError> {
    let size = match size {
        0 => DEFAULT_PAGE,
        n => usize::try_from(n).unwrap_or(MAX_PAGE).min(MAX_PAGE),
    };
    let offset = if token.is_empty() {
        0
    } else {
        token
            .parse()
            .map_err(|_| ServiceError::InvalidArgument(format!("page_token {token:?} is not valid")))?
    };
    Ok((size, offset))
}

fn next_token(offset: usize, size: usize, total: usize) -> String {
    if offset + size < total { (offset + size).to_string() } else { String::new() }
}

#[tonic::async_trait]
impl AlertService for AlertApi {
    type SubscribeStream = ReceiverStream<Result<wire::SubscribeResponse, Status>>;

    #[tracing::instrument(skip_all)]
    async fn subscribe(
        &self,
        req: Request<proto::SubscribeRequest>,
    ) -> Result<Response<Self::SubscribeStream>, Status> {
        let r = req.into_inner();
        let f = filter(r.filter)?;
        let start = match r.start {
            Some(proto::subscribe_request::Start::AfterSeq(s)) => Start::After(s),
            Some(proto::subscribe_request::Start::FromOldest(true)) => Start::Oldest,
            _ => Start::Now,
        };
        let secs = match r.heartbeat_seconds {
            0 => self.0.config.heartbeat_secs,
            n => u64::from(n).clamp(MIN_HEARTBEAT_SECS, MAX_HEARTBEAT_SECS),
        };
        let mut sub =
            self.0.hub.subscribe(start, f, Duration::from_secs(secs)).map_err(ServiceError::from)?;
        let (tx, rx) = mpsc::channel(STREAM_BUFFER);
        let shared = self.0.clone();
        tokio::spawn(async move {
            loop {
                let msg = match sub.next().await {
                    Ok(Next::Events(events)) => {
                        let mut closed = false;
                        for e in events {
                            let m = shared.rendered.get(&e);
                            tokio::select! {
                                sent = tx.send(Ok(m)) => if sent.is_err() { closed = true; break },
                                () = shared.shutdown.cancelled() => break,
                            }
                        }
                        if closed {
                            return;
                        }
                        continue;
                    }
                    Ok(Next::Heartbeat(head)) => {
                        Ok(wire::SubscribeResponse::new(wire::Kind::Heartbeat(proto::Heartbeat {
                            head_seq: head,
                            server_time: Some(convert::timestamp_ms(jiff::Timestamp::now().as_millisecond())),
                        })))
                    }
                    Ok(Next::Shutdown(cursor)) => Err(Status::unavailable(format!(
                        "server shutting down; resume with after_seq = {cursor}"
                    ))),
                    Err(e) => Err(Status::from(ServiceError::from(e))),
                };
                let end = msg.is_err();
                tokio::select! {
                    sent = tx.send(msg) => if sent.is_err() || end { return },
                    () = shared.shutdown.cancelled(), if !end => {}
                }
            }
        });
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn list_alerts(
        &self,
        req: Request<proto::ListAlertsRequest>,
    ) -> Result<Response<proto::ListAlertsResponse>, Status> {
        let r = req.into_inner();
        let f = filter(r.filter)?;
        let (size, offset) = page(r.page_size, &r.page_token)?;
        let view = self.0.store.alerts().map_err(ServiceError::from)?;
        let mut alerts: Vec<_> = view
            .alerts
            .into_iter()
            .filter(|e| r.include_resolved || e.event.kind != crate::model::AlertEventType::Resolved)
            .filter(|e| f.matches(&e.event.alert))
            .collect();
        alerts.sort_by_key(|e| std::cmp::Reverse(e.seq));
        let total = alerts.len();
        let page: Vec<proto::Alert> = alerts
            .iter()
            .skip(offset)
            .take(size)
            .map(|e| convert::alert(&e.event.alert, e.event.kind == crate::model::AlertEventType::Resolved))
            .collect();
        Ok(Response::new(proto::ListAlertsResponse {
            alerts: page,
            next_page_token: next_token(offset, size, total),
            as_of_seq: view.as_of_seq,
        }))
    }

    async fn get_alert(
        &self,
        req: Request<proto::GetAlertRequest>,
    ) -> Result<Response<proto::Alert>, Status> {
        let fp = req.into_inner().fingerprint;
        if fp.is_empty() || fp.len() > 64 {
            return Err(ServiceError::InvalidArgument("fingerprint: 1 to 64 characters".to_owned()).into());
        }
        match self.0.store.alert(&fp).map_err(ServiceError::from)? {
            Some(e) => Ok(Response::new(convert::alert(
                &e.event.alert,
                e.event.kind == crate::model::AlertEventType::Resolved,
            ))),
            None => Err(ServiceError::NotFound(format!("alert {fp:?} not found")).into()),
        }
    }

    async fn list_dyads(
        &self,
        req: Request<proto::ListDyadsRequest>,
    ) -> Result<Response<proto::ListDyadsResponse>, Status> {
        let r = req.into_inner();
        if !r.actor.is_empty() && !is_code(&r.actor) {
            return Err(ServiceError::InvalidArgument(format!(
                "actor {:?} is not a code of 3 to 12 upper-case letters",
                r.actor
            ))
            .into());
        }
        let (size, offset) = page(r.page_size, &r.page_token)?;
        let mut dyads: Vec<proto::Dyad> = self.0.pipeline.with_engine(|e| {
            let now = e.clock();
            e.dyads()
                .filter(|d| r.actor.is_empty() || d.parties.contains(&r.actor))
                .map(|d| convert::dyad(d, e.rules(), now))
                .collect()
        });
        dyads.sort_by(|x, y| {
            let heat = |d: &proto::Dyad| d.conflict.iter().sum::<f64>();
            y.rung
                .cmp(&x.rung)
                .then(heat(y).total_cmp(&heat(x)))
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        let total = dyads.len();
        let dyads: Vec<_> = dyads.into_iter().skip(offset).take(size).collect();
        Ok(Response::new(proto::ListDyadsResponse {
            dyads,
            next_page_token: next_token(offset, size, total),
        }))
    }

    async fn get_dyad(&self, req: Request<proto::GetDyadRequest>) -> Result<Response<proto::Dyad>, Status> {
        let d = req.into_inner().dyad.unwrap_or_default();
        if !is_code(&d.a) || !is_code(&d.b) {
            return Err(ServiceError::InvalidArgument(format!(
                "dyad ({:?}, {:?}): two codes of 3 to 12 upper-case letters",
                d.a, d.b
            ))
            .into());
        }
        let found = self
            .0
            .pipeline
            .with_engine(|e| e.dyad(&d.a, &d.b).map(|s| convert::dyad(s, e.rules(), e.clock())));
        found
            .map(Response::new)
            .ok_or_else(|| ServiceError::NotFound(format!("no dyad {}-{}", d.a, d.b)).into())
    }
}
