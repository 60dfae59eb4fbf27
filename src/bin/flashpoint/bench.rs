//! `flashpoint bench`: the load tool. Streams synthetic articles through `IngestStream`
//! while subscribers follow the alert stream; reports ingest throughput, deliveries per
//! second, ingest-to-delivery latency percentiles and memory per idle subscriber.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use flashpoint::api::client;
use flashpoint::config::Config;
use flashpoint::lexicon::Lexicon;
use flashpoint::proto;
use flashpoint::proto::alert_service_client::AlertServiceClient;
use flashpoint::proto::ingest_service_client::IngestServiceClient;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::Channel;

/// What to run.
pub struct Options {
    /// An external server, or none for one in this process.
    pub server: Option<String>,
    /// Articles to send.
    pub articles: usize,
    /// Concurrent ingest streams.
    pub streams: usize,
    /// Subscribers.
    pub subscribers: usize,
    /// Share of articles that raise alerts.
    pub hostile: f64,
    /// Articles per second across all streams; 0 sends as fast as the server takes them.
    pub rate: f64,
}

/// Subscriptions per HTTP/2 connection (servers cap concurrent streams per connection).
const PER_CONNECTION: usize = 100;

/// Filler words: every article gets its own sentence of them, so no two are near-duplicates.
const WORDS: &[&str] = &[
    "market", "harvest", "council", "river", "festival", "school", "railway", "budget", "museum", "bridge",
    "orchestra", "vaccine", "satellite", "election", "drought", "tourism", "factory", "library", "stadium",
    "airport", "harbour", "forest", "software", "hospital", "village", "weather", "theatre", "cathedral",
    "vineyard", "glacier", "canal", "volcano", "lantern", "violin", "pottery", "tapestry", "compass",
    "meadow",
];

/// Syllables of invented words (8,000 three-syllable words).
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ra", "tu", "sa", "po", "vi", "de", "ghe", "ri", "zo", "ba", "fen", "mor", "tal",
    "quin", "dar", "sel",
];

/// A small deterministic generator (SplitMix64): the same run every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[usize::try_from(self.next() % xs.len() as u64).unwrap_or(0)]
    }
}

/// The synthetic articles: benign ones, and hostile ones in which two countries close their
/// borders to each other (reciprocal measures: an alert at once).
fn articles(n: usize, hostile: f64, countries: &[String]) -> Vec<proto::IngestRequest> {
    let mut rng = Rng(7);
    let start = 1_735_689_600; // 2025-01-01
    let every = ((1.0 / hostile.clamp(1e-6, 1.0)).round() as usize).max(1);
    (0..n)
        .map(|i| {
            // Words from a large vocabulary, as news text has: an invented word of three
            // syllables or a common noun.
            let filler: Vec<String> = (0..14)
                .map(|k| {
                    if k % 3 == 0 {
                        rng.pick(WORDS).to_owned()
                    } else {
                        (0..3).map(|_| rng.pick(SYLLABLES)).collect()
                    }
                })
                .collect();
            let mut body = format!(
                "The {} report on the {} noted a {} and a {}. ",
                filler[0], filler[1], filler[2], filler[3]
            );
            if i % every == 0 && countries.len() > 1 {
                let a = &countries[usize::try_from(rng.next() % countries.len() as u64).unwrap_or(0)];
                let mut b = a;
                while b == a {
                    b = &countries[usize::try_from(rng.next() % countries.len() as u64).unwrap_or(0)];
                }
                body.push_str(&format!(
                    "{a} closed its border with {b} on Monday. {b} closed its border with {a} in response. "
                ));
            }
            body.push_str(&filler[4..].join(" "));
            body.push('.');
            proto::IngestRequest {
                article: Some(proto::Article {
                    id: format!("bench-{i}"),
                    body,
                    published_at: Some(prost_types::Timestamp { seconds: start + i as i64 * 30, nanos: 0 }),
                    ..proto::Article::default()
                }),
            }
        })
        .collect()
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn connect(url: &str) -> Result<Channel, String> {
    client::connect_patiently(url, Duration::from_secs(20)).await.map_err(|e| e.to_string())
}

pub async fn run(o: Options) -> Result<ExitCode, String> {
    flashpoint::telemetry::init(false);
    let lexicon = Lexicon::embedded().map_err(|e| e.to_string())?;
    let countries: Vec<String> = lexicon.countries.iter().map(|c| c.name.clone()).collect();
    let data = tempfile::tempdir().map_err(|e| e.to_string())?;
    let server = match &o.server {
        Some(_) => None,
        None => {
            let mut config = Config::default();
            config.store.data = data.path().join("store");
            config.server.max_subscribers = config.server.max_subscribers.max(o.subscribers + 16);
            Some(flashpoint::server::spawn(config).await.map_err(|e| e.to_string())?)
        }
    };
    let url = o.server.clone().or_else(|| server.as_ref().map(|s| s.url.clone())).unwrap_or_default();
    let first = connect(&url).await?;
    let reqs = articles(o.articles, o.hostile, &countries);
    println!(
        "bench: {} articles ({:.1}% hostile) over {} streams, {} subscribers, server {}",
        o.articles,
        o.hostile * 100.0,
        o.streams,
        o.subscribers,
        if o.server.is_some() { url.as_str() } else { "in-process (temporary store)" }
    );

    // Subscribers, idle at first: memory per idle subscriber.
    let rss_before = rss_kib();
    let mut channels = Vec::new();
    for _ in 0..o.subscribers.div_ceil(PER_CONNECTION) {
        channels.push(connect(&url).await?);
    }
    let mut streams = Vec::with_capacity(o.subscribers);
    for i in 0..o.subscribers {
        let mut c = AlertServiceClient::new(channels[i / PER_CONNECTION].clone());
        let req = proto::SubscribeRequest {
            start: Some(proto::subscribe_request::Start::FromNow(true)),
            ..Default::default()
        };
        streams.push(c.subscribe(req).await.map_err(|e| format!("subscribe {i}: {e}"))?.into_inner());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_idle = rss_kib();
    if let (Some(b), Some(a), Some(_), true) = (rss_before, rss_idle, &server, o.subscribers > 0) {
        println!(
            "memory: {} idle subscribers added {} KiB RSS (server and client in one process): {:.1} KiB each",
            o.subscribers,
            a.saturating_sub(b),
            a.saturating_sub(b) as f64 / o.subscribers as f64
        );
    }
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<Vec<(u64, Instant)>>();
    let expected = Arc::new(std::sync::atomic::AtomicU64::new(u64::MAX));
    for mut s in streams {
        let done = done_tx.clone();
        let expected = expected.clone();
        tokio::spawn(async move {
            let mut got = Vec::new();
            while let Ok(Some(m)) = s.message().await {
                if let Some(flashpoint::api::wire::Kind::Event(e)) = m.kind {
                    got.push((e.seq, Instant::now()));
                }
                let want = expected.load(std::sync::atomic::Ordering::Acquire);
                if got.last().is_some_and(|(seq, _)| *seq >= want) {
                    break;
                }
            }
            let _ = done.send(got);
        });
    }
    drop(done_tx);

    // Ingest over S streams, each keeping its window of articles in flight.
    let t0 = Instant::now();
    let mut chunks: Vec<Vec<proto::IngestRequest>> = (0..o.streams.max(1)).map(|_| Vec::new()).collect();
    for (i, r) in reqs.into_iter().enumerate() {
        chunks[i % o.streams.max(1)].push(r);
    }
    let mut tasks = Vec::new();
    let streams_n = o.streams.max(1) as f64;
    for chunk in chunks {
        let channel = first.clone();
        let per_stream = o.rate / streams_n;
        tasks.push(tokio::spawn(async move {
            let mut c = IngestServiceClient::new(channel);
            let (tx, rx) = tokio::sync::mpsc::channel(1024);
            let sent: Arc<std::sync::Mutex<HashMap<String, Instant>>> = Arc::default();
            let feeder = {
                let sent = sent.clone();
                tokio::spawn(async move {
                    let begin = tokio::time::Instant::now();
                    for (i, r) in chunk.into_iter().enumerate() {
                        if per_stream > 0.0 {
                            tokio::time::sleep_until(begin + Duration::from_secs_f64(i as f64 / per_stream))
                                .await;
                        }
                        let id = r.article.as_ref().map(|a| a.id.clone()).unwrap_or_default();
                        sent.lock().map(|mut m| m.insert(id, Instant::now())).ok();
                        if tx.send(r).await.is_err() {
                            break;
                        }
                    }
                })
            };
            let mut out =
                c.ingest_stream(ReceiverStream::new(rx)).await.map_err(|e| e.to_string())?.into_inner();
            let mut caused: Vec<(u64, Instant)> = Vec::new();
            let mut acks: Vec<Duration> = Vec::new();
            let (mut accepted, mut rejected) = (0u64, 0u64);
            while let Some(r) = out.message().await.map_err(|e| e.to_string())? {
                if r.rejection.is_some() {
                    rejected += 1;
                    continue;
                }
                accepted += 1;
                let at =
                    sent.lock().ok().and_then(|m| m.get(&r.article_id).copied()).unwrap_or_else(Instant::now);
                acks.push(at.elapsed());
                caused.extend(r.caused.iter().map(|c| (c.seq, at)));
            }
            let _ = feeder.await;
            Ok::<_, String>((accepted, rejected, caused, acks))
        }));
    }
    let mut sent_at: HashMap<u64, Instant> = HashMap::new();
    let mut acks: Vec<Duration> = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    for t in tasks {
        let (a, r, caused, a_lat) = t.await.map_err(|e| e.to_string())??;
        acks.extend(a_lat);
        accepted += a;
        rejected += r;
        sent_at.extend(caused);
    }
    let ingest_secs = t0.elapsed().as_secs_f64();
    let events = sent_at.len() as u64;
    let max_seq = sent_at.keys().copied().max().unwrap_or(0);
    println!(
        "ingest: {accepted} accepted, {rejected} rejected in {ingest_secs:.2} s: {:.0} articles/s; {events} alert events",
        accepted as f64 / ingest_secs
    );

    acks.sort();
    println!(
        "ingest ack (durable): p50 {:.1} ms, p99 {:.1} ms",
        percentile(&acks, 0.5).as_secs_f64() * 1e3,
        percentile(&acks, 0.99).as_secs_f64() * 1e3
    );

    if o.subscribers > 0 && events > 0 {
        expected.store(max_seq, std::sync::atomic::Ordering::Release);
        let mut latencies: Vec<Duration> = Vec::new();
        let mut deliveries = 0u64;
        let mut last = t0;
        let wait = tokio::time::timeout(Duration::from_secs(120), async {
            while let Some(got) = done_rx.recv().await {
                deliveries += got.len() as u64;
                for (seq, at) in got {
                    last = last.max(at);
                    if let Some(s) = sent_at.get(&seq) {
                        latencies.push(at.saturating_duration_since(*s));
                    }
                }
            }
        })
        .await;
        if wait.is_err() {
            println!("warning: not every subscriber received every event within 120 s");
        }
        latencies.sort();
        let secs = last.duration_since(t0).as_secs_f64().max(1e-9);
        println!(
            "delivery: {deliveries} deliveries ({} per subscriber) in {secs:.2} s: {:.0} deliveries/s",
            deliveries / o.subscribers as u64,
            deliveries as f64 / secs
        );
        println!(
            "latency ingest->delivery: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            percentile(&latencies, 0.5).as_secs_f64() * 1e3,
            percentile(&latencies, 0.99).as_secs_f64() * 1e3,
            latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3
        );
    }
    if let Some(server) = server {
        server.stop().await.map_err(|e| e.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}
