//! The command-line client: ingest files over `IngestStream`, follow `Subscribe`, list
//! alerts, and the load tool. It speaks only the public gRPC contract.

use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::{Channel, Endpoint};

use crate::corpus::{self, ArticleRecord};
use crate::model;
use crate::proto;
use crate::proto::alert_service_client::AlertServiceClient;
use crate::proto::ingest_service_client::IngestServiceClient;

/// What a client command failed on.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// Could not connect.
    #[error("cannot connect to {url}: {source}")]
    Connect {
        /// The server.
        url: String,
        /// Why.
        #[source]
        source: tonic::transport::Error,
    },
    /// The server answered with an error status.
    #[error("{}: {}", .0.code(), .0.message())]
    Status(#[from] tonic::Status),
    /// Writing the output failed.
    #[error("output: {0}")]
    Io(#[from] std::io::Error),
    /// A bad argument.
    #[error("{0}")]
    Usage(String),
}

/// Connects to a server URL (`http://127.0.0.1:50051`).
///
/// # Errors
/// When the URL is invalid or nothing answers.
pub async fn connect(url: &str) -> Result<Channel, ClientError> {
    let endpoint = Endpoint::from_shared(url.to_owned())
        .map_err(|source| ClientError::Connect { url: url.to_owned(), source })?
        .connect_timeout(Duration::from_secs(5));
    endpoint.connect().await.map_err(|source| ClientError::Connect { url: url.to_owned(), source })
}

/// [`connect`], retried every 20 ms for up to `patience` (a server that is still starting).
///
/// # Errors
/// The last connection error once `patience` has run out.
pub async fn connect_patiently(url: &str, patience: Duration) -> Result<Channel, ClientError> {
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        match connect(url).await {
            Ok(c) => return Ok(c),
            Err(e) if tokio::time::Instant::now() > deadline => return Err(e),
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// The outcome of an ingest run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    /// Articles taken.
    pub accepted: u64,
    /// Articles already ingested.
    pub duplicate: u64,
    /// Articles the server rejected, or files and lines that could not be read.
    pub rejected: u64,
    /// Alert events the accepted articles caused.
    pub alert_events: u64,
}

/// An article request from a file record.
pub fn request(r: ArticleRecord) -> Result<proto::IngestRequest, String> {
    let published_at = match &r.published_at {
        None => None,
        Some(_) => match r.published_time() {
            Some(t) => Some(prost_types::Timestamp { seconds: t, nanos: 0 }),
            None => {
                return Err(format!("article {}: published_at {:?} is not RFC 3339", r.id, r.published_at));
            }
        },
    };
    Ok(proto::IngestRequest {
        article: Some(proto::Article {
            id: r.id,
            title: r.title.unwrap_or_default(),
            body: r.text,
            published_at,
            ..proto::Article::default()
        }),
    })
}

/// Ingests files (text, JSON, JSON Lines; directories recurse) over one `IngestStream`,
/// reporting rejections on stderr and progress on a terminal.
///
/// # Errors
/// On connection or stream failure.
pub async fn ingest(channel: Channel, paths: Vec<PathBuf>) -> Result<IngestSummary, ClientError> {
    let mut client = IngestServiceClient::new(channel).max_decoding_message_size(16 << 20);
    let (tx, rx) = mpsc::channel::<proto::IngestRequest>(1024);
    let (err_tx, mut err_rx) = mpsc::unbounded_channel::<String>();
    // Read files on a blocking thread; the stream sends as the server takes them.
    let reader = tokio::task::spawn_blocking(move || {
        let (files, errors) = corpus::expand(&paths);
        for e in errors {
            let _ = err_tx.send(e.to_string());
        }
        let mut sent = 0u64;
        for f in files {
            corpus::for_each(&f, |r| match r.map_err(|e| e.to_string()).and_then(request) {
                Ok(req) => {
                    if tx.blocking_send(req).is_ok() {
                        sent += 1;
                    }
                }
                Err(e) => {
                    let _ = err_tx.send(e);
                }
            });
        }
        sent
    });
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    });
    let mut responses = client.ingest_stream(ReceiverStream::new(rx)).await?.into_inner();
    let mut s = IngestSummary::default();
    while let Some(r) = responses.message().await? {
        while let Ok(e) = err_rx.try_recv() {
            s.rejected += 1;
            report(bar.as_ref(), &format!("unreadable: {e}"));
        }
        if let Some(rej) = &r.rejection {
            s.rejected += 1;
            let code = tonic::Code::from_i32(rej.code);
            report(bar.as_ref(), &format!("rejected {}: {code}: {}", r.article_id, rej.message));
        } else if r.duplicate {
            s.duplicate += 1;
        } else {
            s.accepted += 1;
            s.alert_events += r.caused.len() as u64;
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    let _ = reader.await;
    while let Ok(e) = err_rx.try_recv() {
        s.rejected += 1;
        report(bar.as_ref(), &format!("unreadable: {e}"));
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(s)
}

fn report(bar: Option<&indicatif::ProgressBar>, line: &str) {
    match bar {
        Some(b) => b.println(line),
        None => eprintln!("{line}"),
    }
}

fn modality_from(m: i32) -> model::Modality {
    match proto::Modality::try_from(m) {
        Ok(proto::Modality::Reported) => model::Modality::Reported,
        Ok(proto::Modality::Threatened) => model::Modality::Threatened,
        Ok(proto::Modality::Considered) => model::Modality::Considered,
        Ok(proto::Modality::Negated) => model::Modality::Negated,
        _ => model::Modality::Asserted,
    }
}

fn rfc3339(t: Option<&prost_types::Timestamp>) -> String {
    t.and_then(|t| jiff::Timestamp::new(t.seconds, t.nanos).ok()).map(|t| t.to_string()).unwrap_or_default()
}

/// An alert event as JSON: the shape `flashpoint replay --json` prints, plus `seq`.
pub fn event_json(e: &proto::AlertEvent) -> serde_json::Value {
    let a = e.alert.clone().unwrap_or_default();
    let kind = match proto::AlertKind::try_from(a.kind).ok().and_then(super::convert::kind_from) {
        Some(k) => k,
        None => model::AlertKind::Escalation,
    };
    let severity = match proto::Severity::try_from(a.severity).ok().and_then(super::convert::severity_from) {
        Some(s) => s,
        None => model::Severity::Info,
    };
    let event_type = match proto::AlertEventType::try_from(e.r#type) {
        Ok(proto::AlertEventType::Updated) => model::AlertEventType::Updated,
        Ok(proto::AlertEventType::Resolved) => model::AlertEventType::Resolved,
        _ => model::AlertEventType::Fired,
    };
    let dyad = [a.dyad.first().cloned().unwrap_or_default(), a.dyad.get(1).cloned().unwrap_or_default()];
    let c = a.casualties.unwrap_or_default();
    let alert = model::Alert {
        fingerprint: a.fingerprint,
        kind,
        dyad,
        rung: u8::try_from(a.rung).unwrap_or(7),
        severity,
        summary: a.summary,
        event_time: rfc3339(a.event_time.as_ref()),
        casualties: model::Casualties { killed: c.killed, injured: c.injured },
        reciprocal: a.reciprocal,
        sources: a.sources,
        articles: a.articles,
        evidence: a
            .evidence
            .into_iter()
            .map(|x| {
                let span = x.span.unwrap_or_default();
                model::Evidence {
                    article_id: x.article_id,
                    sentence: x.sentence,
                    span: model::Span { start: span.start, end: span.end },
                    text: x.text,
                    cameo: x.cameo,
                    source: x.source,
                    target: x.target,
                    modality: modality_from(x.modality),
                    time: rfc3339(x.time.as_ref()),
                    received_time: x.received_time,
                }
            })
            .collect(),
    };
    let mut v = serde_json::to_value(model::AlertEvent { kind: event_type, alert }).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("seq".to_owned(), e.seq.into());
    }
    v
}

/// One readable line for an alert event.
pub fn event_line(e: &proto::AlertEvent) -> String {
    let a = e.alert.clone().unwrap_or_default();
    let t = proto::AlertEventType::try_from(e.r#type).map_or("?", |t| match t {
        proto::AlertEventType::Fired => "FIRED",
        proto::AlertEventType::Updated => "UPDATED",
        proto::AlertEventType::Resolved => "RESOLVED",
        proto::AlertEventType::Unspecified => "?",
    });
    let sev = proto::Severity::try_from(a.severity).map_or("?", |s| match s {
        proto::Severity::Info => "info",
        proto::Severity::Warning => "warning",
        proto::Severity::Critical => "critical",
        proto::Severity::Unspecified => "?",
    });
    format!(
        "#{:<6} {:<8} {:<8} {} {}  {}",
        e.seq,
        t,
        sev,
        rfc3339(a.event_time.as_ref()),
        a.fingerprint,
        a.summary
    )
}

/// How a subscription prints and ends.
#[derive(Debug, Clone)]
pub struct SubscribeOptions {
    /// Where to start.
    pub start: Option<proto::subscribe_request::Start>,
    /// Which alerts.
    pub filter: proto::AlertFilter,
    /// JSON Lines instead of readable lines.
    pub json: bool,
    /// Exit after this long without an alert event.
    pub exit_when_idle: Option<Duration>,
    /// Evidence lines to print per event in readable mode.
    pub evidence: usize,
}

/// Follows `Subscribe`, printing each event to `out`; returns the last seq seen.
///
/// # Errors
/// On connection failure or an error status (the message of `UNAVAILABLE` at shutdown names
/// the seq to resume after).
pub async fn subscribe(
    channel: Channel,
    o: SubscribeOptions,
    out: &mut (dyn Write + Send),
) -> Result<u64, ClientError> {
    let mut client = AlertServiceClient::new(channel).max_decoding_message_size(16 << 20);
    let heartbeat_seconds =
        o.exit_when_idle.map_or(0, |d| u32::try_from(d.as_secs().clamp(1, 15)).unwrap_or(15));
    let req = proto::SubscribeRequest { filter: Some(o.filter), start: o.start, heartbeat_seconds };
    let mut stream = client.subscribe(req).await?.into_inner();
    let mut last = 0;
    let mut last_event = Instant::now();
    loop {
        let wait = o.exit_when_idle.map(|d| d.saturating_sub(last_event.elapsed()));
        let msg = match wait {
            Some(w) => match tokio::time::timeout(w, stream.message()).await {
                Ok(m) => m?,
                Err(_) => return Ok(last),
            },
            None => stream.message().await?,
        };
        let Some(msg) = msg else { return Ok(last) };
        match msg.kind {
            Some(super::wire::Kind::Event(e)) => {
                last = e.seq;
                last_event = Instant::now();
                if o.json {
                    writeln!(out, "{}", event_json(&e))?;
                } else {
                    writeln!(out, "{}", event_line(&e))?;
                    for x in e.alert.iter().flat_map(|a| a.evidence.iter()).take(o.evidence) {
                        writeln!(
                            out,
                            "          {} [{}..{}] \"{}\"",
                            x.article_id,
                            x.span.unwrap_or_default().start,
                            x.span.unwrap_or_default().end,
                            x.text
                        )?;
                    }
                }
                out.flush()?;
            }
            Some(super::wire::Kind::Heartbeat(h)) => {
                if o.exit_when_idle.is_some_and(|d| last_event.elapsed() >= d) {
                    return Ok(last);
                }
                tracing::debug!(head = h.head_seq, "heartbeat");
            }
            None => {}
        }
    }
}

/// Lists alerts, newest change first.
///
/// # Errors
/// On connection failure or an error status.
pub async fn list_alerts(
    channel: Channel,
    filter: proto::AlertFilter,
    include_resolved: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<u64, ClientError> {
    let mut client = AlertServiceClient::new(channel).max_decoding_message_size(64 << 20);
    let mut token = String::new();
    let mut as_of = None;
    loop {
        let r = client
            .list_alerts(proto::ListAlertsRequest {
                filter: Some(filter.clone()),
                include_resolved,
                page_size: 1000,
                page_token: token,
            })
            .await?
            .into_inner();
        as_of.get_or_insert(r.as_of_seq);
        for a in r.alerts {
            let e = proto::AlertEvent {
                seq: 0,
                r#type: if a.resolved {
                    proto::AlertEventType::Resolved
                } else {
                    proto::AlertEventType::Updated
                }
                .into(),
                alert: Some(a),
                committed_at: None,
            };
            if json {
                let mut v = event_json(&e);
                if let Some(o) = v.as_object_mut() {
                    o.remove("seq");
                    o.remove("type");
                }
                writeln!(out, "{v}")?;
            } else {
                let a = e.alert.as_ref().map(|a| (a.fingerprint.as_str(), a.summary.as_str(), a.resolved));
                if let Some((fp, summary, resolved)) = a {
                    writeln!(out, "{fp} {} {summary}", if resolved { "resolved" } else { "active  " })?;
                }
            }
        }
        if r.next_page_token.is_empty() {
            break;
        }
        token = r.next_page_token;
    }
    Ok(as_of.unwrap_or(0))
}
