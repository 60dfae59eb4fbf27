//! The single writer: takes analysed articles in arrival order, folds them into the
//! escalation engine, writes the alert events they release, the article index and the
//! journal in one group commit, and only then acknowledges them and hands the events to the
//! hub. One thread owns the write side; readers of the engine take its mutex briefly.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{mpsc, oneshot};

use crate::escalation::{ArticleFacts, Engine, Rejected};
use crate::hub::Hub;
use crate::model::AlertEventType;
use crate::store::{ArticleEntry, Commit, JournalEntry, LoggedEvent, Store, StoreError};

/// Articles taken into one group commit at most.
pub const MAX_BATCH: usize = 1024;
/// Articles waiting for the writer at most; senders wait beyond it (back-pressure).
pub const QUEUE: usize = 4096;

/// An analysed article on its way to the writer.
#[derive(Debug)]
pub struct Prepared {
    /// The engine's input.
    pub facts: ArticleFacts,
    /// Receive time, seconds.
    pub received_at: i64,
    /// Events the analyzer found.
    pub events: u32,
}

/// What became of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The article id.
    pub article_id: String,
    /// Whether the id had been ingested before.
    pub duplicate: bool,
    /// Alert events it released: (seq, type, fingerprint).
    pub caused: Vec<(u64, AlertEventType, String)>,
    /// Events the analyzer found (of the first ingest, for a duplicate).
    pub events: u32,
}

/// Why an ingest failed.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The engine would not take the article (its time is out of bounds).
    #[error(transparent)]
    Rejected(#[from] Rejected),
    /// The store failed; the writer stopped.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The writer has stopped (shutdown or an earlier store failure).
    #[error("the ingest pipeline has stopped")]
    Stopped,
}

type Reply = oneshot::Sender<Result<Outcome, IngestError>>;

/// A cloneable handle for submitting articles to the writer.
#[derive(Debug, Clone)]
pub struct Pipeline {
    tx: mpsc::Sender<(Prepared, Reply)>,
    engine: Arc<Mutex<Engine>>,
}

impl Pipeline {
    /// Starts the writer thread over `engine` (already recovered) and `store`; committed
    /// events go to `hub`. `snapshot_every` journal entries the engine's state is written
    /// with the commit; `since_snapshot` entries are already in the journal (those the
    /// engine was rebuilt from). `clock_ms` gives the wall clock for commit times and retention. The
    /// thread stops, after a final snapshot, once every handle is dropped; join it then.
    pub fn start(
        engine: Engine,
        store: Arc<Store>,
        hub: Hub,
        snapshot_every: u64,
        since_snapshot: u64,
        clock_ms: fn() -> i64,
    ) -> Result<(Pipeline, std::thread::JoinHandle<()>), StoreError> {
        let (tx, rx) = mpsc::channel(QUEUE);
        let engine = Arc::new(Mutex::new(engine));
        let mut writer = Writer {
            engine: engine.clone(),
            head: store.head()?,
            since_snapshot,
            store,
            hub,
            snapshot_every: snapshot_every.max(1),
            clock_ms,
        };
        let handle = std::thread::Builder::new()
            .name("flashpoint-writer".to_owned())
            .spawn(move || writer.run(rx))
            .map_err(|e| StoreError::Db { path: "writer thread".into(), source: redb::Error::Io(e) })?;
        Ok((Pipeline { tx, engine }, handle))
    }

    /// Submits an article; resolves once its alert events are durable.
    ///
    /// # Errors
    /// As [`IngestError`] says.
    pub async fn submit(&self, article: Prepared) -> Result<Outcome, IngestError> {
        self.enqueue(article).await.await
    }

    /// Queues an article (waiting for room in the queue) and returns the future of its
    /// outcome, so a caller can keep many in flight in order.
    pub async fn enqueue(
        &self,
        article: Prepared,
    ) -> impl Future<Output = Result<Outcome, IngestError>> + Send + 'static {
        let (reply, rx) = oneshot::channel();
        let sent = self.tx.send((article, reply)).await.is_ok();
        async move {
            if !sent {
                return Err(IngestError::Stopped);
            }
            rx.await.map_err(|_| IngestError::Stopped)?
        }
    }

    /// Runs `f` on the engine's state under its lock (keep it short).
    pub fn with_engine<T>(&self, f: impl FnOnce(&Engine) -> T) -> T {
        f(&self.engine.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

struct Writer {
    engine: Arc<Mutex<Engine>>,
    store: Arc<Store>,
    hub: Hub,
    head: u64,
    since_snapshot: u64,
    snapshot_every: u64,
    clock_ms: fn() -> i64,
}

impl Writer {
    fn run(&mut self, mut rx: mpsc::Receiver<(Prepared, Reply)>) {
        let mut batch = Vec::with_capacity(MAX_BATCH);
        while let Some(first) = rx.blocking_recv() {
            batch.push(first);
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(x) => batch.push(x),
                    Err(_) => break,
                }
            }
            if let Err(e) = self.commit_batch(&mut batch) {
                tracing::error!(error = %e, "store commit failed; the ingest pipeline stops");
                for (_, reply) in batch.drain(..) {
                    let _ = reply.send(Err(IngestError::Stopped));
                }
                return;
            }
        }
        // Closed: write a final snapshot so a restart replays nothing.
        if self.since_snapshot > 0 {
            let snapshot = self.engine.lock().unwrap_or_else(PoisonError::into_inner).snapshot().ok();
            let c = Commit { snapshot, ..Commit::default() };
            if let Err(e) = self.store.commit(&c, (self.clock_ms)()) {
                tracing::warn!(error = %e, "final snapshot failed; the next start replays the journal");
            }
        }
    }

    fn commit_batch(&mut self, batch: &mut Vec<(Prepared, Reply)>) -> Result<(), StoreError> {
        let now_ms = (self.clock_ms)();
        let started = std::time::Instant::now();
        let size = batch.len();
        let mut commit = Commit::default();
        let mut replies: Vec<(Reply, Result<Outcome, IngestError>)> = Vec::with_capacity(batch.len());
        let mut taken: HashSet<String> = HashSet::new();
        let mut engine = self.engine.lock().unwrap_or_else(PoisonError::into_inner);
        for (p, reply) in batch.drain(..) {
            let id = p.facts.id.clone();
            if taken.contains(&id) || engine.knows(&id) {
                // Repeated within this batch or the engine's window: its outcome is what the
                // first ingest gave (looked up after the commit).
                let out = Outcome { article_id: id, duplicate: true, caused: Vec::new(), events: p.events };
                replies.push((reply, Ok(out)));
                continue;
            }
            if let Some(entry) = self.store.article(&id)? {
                let out =
                    Outcome { article_id: id, duplicate: true, caused: entry.caused, events: entry.events };
                replies.push((reply, Ok(out)));
                continue;
            }
            match engine.observe(p.facts.clone(), p.received_at) {
                Err(e) => replies.push((reply, Err(e.into()))),
                Ok(events) => {
                    let mut caused = Vec::with_capacity(events.len());
                    for event in events {
                        self.head += 1;
                        caused.push((self.head, event.kind, event.alert.fingerprint.clone()));
                        commit.events.push(LoggedEvent { seq: self.head, committed_ms: now_ms, event });
                    }
                    let entry =
                        ArticleEntry { received_at: p.received_at, events: p.events, caused: caused.clone() };
                    commit.articles.push((
                        id.clone(),
                        entry,
                        JournalEntry { facts: p.facts, received_at: p.received_at },
                    ));
                    taken.insert(id.clone());
                    replies.push((
                        reply,
                        Ok(Outcome { article_id: id, duplicate: false, caused, events: p.events }),
                    ));
                }
            }
        }
        self.since_snapshot += commit.articles.len() as u64;
        if self.since_snapshot >= self.snapshot_every {
            commit.snapshot = engine.snapshot().ok();
        }
        drop(engine);
        let applied = started.elapsed();
        if let Err(e) = self.store.commit(&commit, now_ms) {
            // The engine has moved past what is durable: stop taking articles; a restart
            // rebuilds it from the last snapshot and journal.
            self.head -= commit.events.len() as u64;
            for (reply, _) in replies {
                let _ = reply.send(Err(IngestError::Stopped));
            }
            return Err(e);
        }
        if commit.snapshot.is_some() {
            self.since_snapshot = 0;
        }
        tracing::debug!(size, events = commit.events.len(), ?applied, total = ?started.elapsed(), "group commit");
        self.hub.publish(commit.events);
        for (reply, out) in replies {
            let out = match out {
                // A repeat inside the engine's window: report the first ingest's events.
                Ok(o) if o.duplicate && o.caused.is_empty() => match self.store.article(&o.article_id) {
                    Ok(Some(entry)) => Ok(Outcome { caused: entry.caused, events: entry.events, ..o }),
                    _ => Ok(o),
                },
                other => other,
            };
            let _ = reply.send(out);
        }
        Ok(())
    }
}
