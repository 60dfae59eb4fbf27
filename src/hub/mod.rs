//! Fan-out of committed alert events to subscribers. Each subscription reads the log from
//! its own cursor (recent events from memory, older ones from the store), then waits for the
//! head to move: a slow subscriber only falls behind and catches up from the store, it never
//! holds a buffer of its own nor stalls the writer or other subscribers.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio_util::sync::CancellationToken;

use crate::model::{Alert, AlertKind, Severity};
use crate::store::{LoggedEvent, Store, StoreError};

/// Default: recent events kept in memory for live subscribers.
pub const DEFAULT_RECENT: usize = 8192;
/// Events read per step of a subscription.
pub const READ_BATCH: usize = 256;

/// Which alerts a subscriber wants; an empty filter takes everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// At least this severe.
    pub min_severity: Option<Severity>,
    /// Involving any of these parties (country codes or sectors).
    pub actors: Vec<String>,
    /// On any of these dyads (sorted pairs).
    pub dyads: Vec<[String; 2]>,
    /// Of any of these kinds.
    pub kinds: Vec<AlertKind>,
    /// Label equality matchers.
    pub labels: Vec<(String, String)>,
}

/// The label names [`labels`] gives, the only ones a filter may match on.
pub const LABEL_KEYS: &[&str] = &["kind", "dyad", "a", "b", "rung", "severity"];

/// The labels of an alert, for routing and matching: kind, dyad, a, b, rung, severity.
pub fn labels(alert: &Alert) -> BTreeMap<&'static str, String> {
    let severity = match alert.severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Critical => "critical",
    };
    BTreeMap::from([
        ("kind", alert.kind.as_str().to_owned()),
        ("dyad", format!("{}-{}", alert.dyad[0], alert.dyad[1])),
        ("a", alert.dyad[0].clone()),
        ("b", alert.dyad[1].clone()),
        ("rung", alert.rung.to_string()),
        ("severity", severity.to_owned()),
    ])
}

impl Filter {
    /// Whether an alert passes.
    pub fn matches(&self, alert: &Alert) -> bool {
        if self.min_severity.is_some_and(|m| alert.severity < m) {
            return false;
        }
        if !self.actors.is_empty() && !self.actors.iter().any(|a| alert.dyad.contains(a)) {
            return false;
        }
        if !self.dyads.is_empty() && !self.dyads.contains(&alert.dyad) {
            return false;
        }
        if !self.kinds.is_empty() && !self.kinds.contains(&alert.kind) {
            return false;
        }
        if !self.labels.is_empty() {
            let have = labels(alert);
            return self.labels.iter().all(|(k, v)| have.get(k.as_str()) == Some(v));
        }
        true
    }
}

/// Where a subscription starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// After this seq.
    After(u64),
    /// From the oldest retained event.
    Oldest,
    /// After the current head.
    Now,
}

/// Why a subscription could not start.
#[derive(Debug, thiserror::Error)]
pub enum SubscribeError {
    /// The cursor is older than the oldest retained event.
    #[error("seq {after} is no longer retained; the oldest available is {oldest} (resume with after_seq = {})", oldest - 1)]
    Compacted {
        /// The cursor asked for.
        after: u64,
        /// The oldest retained seq.
        oldest: u64,
    },
    /// The cursor is ahead of the log.
    #[error("seq {after} is ahead of the head seq {head}")]
    Future {
        /// The cursor asked for.
        after: u64,
        /// The head.
        head: u64,
    },
    /// Too many subscriptions are open.
    #[error("{limit} subscriptions are open, the server's limit")]
    Full {
        /// The cap.
        limit: usize,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

struct Inner {
    store: Arc<Store>,
    recent: Mutex<VecDeque<Arc<LoggedEvent>>>,
    recent_cap: usize,
    head: watch::Sender<u64>,
    permits: Arc<Semaphore>,
    max_subscribers: usize,
    shutdown: CancellationToken,
}

/// A cloneable handle to the hub.
#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").field("head", &self.head()).finish_non_exhaustive()
    }
}

/// What a subscription has next.
#[derive(Debug)]
pub enum Next {
    /// Events that pass the filter, in seq order.
    Events(Vec<Arc<LoggedEvent>>),
    /// Nothing for a heartbeat interval; the log's head.
    Heartbeat(u64),
    /// The server is shutting down; resume after this seq.
    Shutdown(u64),
}

impl Hub {
    /// A hub over `store`, holding `recent` events in memory and at most `max_subscribers`
    /// subscriptions; `shutdown` ends every subscription.
    ///
    /// # Errors
    /// When the store's head cannot be read.
    pub fn new(
        store: Arc<Store>,
        recent: usize,
        max_subscribers: usize,
        shutdown: CancellationToken,
    ) -> Result<Hub, StoreError> {
        let (head, _) = watch::channel(store.head()?);
        Ok(Hub {
            inner: Arc::new(Inner {
                store,
                recent: Mutex::new(VecDeque::with_capacity(recent.min(DEFAULT_RECENT))),
                recent_cap: recent.max(1),
                head,
                permits: Arc::new(Semaphore::new(max_subscribers)),
                max_subscribers,
                shutdown,
            }),
        })
    }

    /// The newest committed seq.
    pub fn head(&self) -> u64 {
        *self.inner.head.borrow()
    }

    /// Subscriptions open now.
    pub fn subscribers(&self) -> usize {
        self.inner.max_subscribers - self.inner.permits.available_permits()
    }

    /// Takes committed events (in seq order) and wakes subscribers.
    pub fn publish(&self, events: Vec<LoggedEvent>) {
        let Some(last) = events.last().map(|e| e.seq) else { return };
        {
            let mut recent = self.inner.recent.lock().unwrap_or_else(PoisonError::into_inner);
            for e in events {
                if recent.len() == self.inner.recent_cap {
                    recent.pop_front();
                }
                recent.push_back(Arc::new(e));
            }
        }
        self.inner.head.send_replace(last);
    }

    /// Up to `limit` events after `after`: from memory when they are still there, else from
    /// the store.
    ///
    /// # Errors
    /// On a store failure.
    pub fn read(&self, after: u64, limit: usize) -> Result<Vec<Arc<LoggedEvent>>, StoreError> {
        {
            let recent = self.inner.recent.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(first) = recent.front()
                && first.seq <= after + 1
            {
                let skip = usize::try_from(after + 1 - first.seq).unwrap_or(usize::MAX);
                return Ok(recent.iter().skip(skip).take(limit).cloned().collect());
            }
        }
        Ok(self.inner.store.read(after, limit)?.into_iter().map(Arc::new).collect())
    }

    /// Opens a subscription.
    ///
    /// # Errors
    /// [`SubscribeError`] for a compacted or future cursor or a full server.
    pub fn subscribe(
        &self,
        start: Start,
        filter: Filter,
        heartbeat: Duration,
    ) -> Result<Subscription, SubscribeError> {
        let permit = self
            .inner
            .permits
            .clone()
            .try_acquire_owned()
            .map_err(|_| SubscribeError::Full { limit: self.inner.max_subscribers })?;
        let head = self.head();
        let cursor = match start {
            Start::Now => head,
            Start::Oldest => self.inner.store.oldest()?.saturating_sub(1),
            Start::After(after) => {
                if after > head {
                    return Err(SubscribeError::Future { after, head });
                }
                let oldest = self.inner.store.oldest()?;
                if after + 1 < oldest {
                    return Err(SubscribeError::Compacted { after, oldest });
                }
                after
            }
        };
        Ok(Subscription {
            hub: self.clone(),
            head_rx: self.inner.head.subscribe(),
            cursor,
            filter,
            heartbeat,
            _permit: permit,
        })
    }
}

/// One subscriber's position in the log.
pub struct Subscription {
    hub: Hub,
    head_rx: watch::Receiver<u64>,
    cursor: u64,
    filter: Filter,
    heartbeat: Duration,
    _permit: OwnedSemaphorePermit,
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription").field("cursor", &self.cursor).finish_non_exhaustive()
    }
}

impl Subscription {
    /// The last seq this subscription has passed (delivered or filtered out).
    pub fn cursor(&self) -> u64 {
        self.cursor
    }

    /// The next step: matching events, a heartbeat after `heartbeat` without any, or the
    /// shutdown notice.
    ///
    /// # Errors
    /// On a store failure.
    pub async fn next(&mut self) -> Result<Next, StoreError> {
        let deadline = tokio::time::Instant::now() + self.heartbeat;
        loop {
            if self.hub.inner.shutdown.is_cancelled() {
                return Ok(Next::Shutdown(self.cursor));
            }
            // Mark the head seen before reading so no commit slips between read and wait.
            self.head_rx.borrow_and_update();
            let batch = self.hub.read(self.cursor, READ_BATCH)?;
            if let Some(last) = batch.last() {
                self.cursor = last.seq;
                let passing: Vec<_> =
                    batch.into_iter().filter(|e| self.filter.matches(&e.event.alert)).collect();
                if !passing.is_empty() {
                    return Ok(Next::Events(passing));
                }
                if tokio::time::Instant::now() >= deadline {
                    return Ok(Next::Heartbeat(self.hub.head()));
                }
                continue;
            }
            tokio::select! {
                () = self.hub.inner.shutdown.cancelled() => return Ok(Next::Shutdown(self.cursor)),
                changed = self.head_rx.changed() => {
                    if changed.is_err() {
                        return Ok(Next::Shutdown(self.cursor));
                    }
                }
                () = tokio::time::sleep_until(deadline) => return Ok(Next::Heartbeat(self.hub.head())),
            }
        }
    }
}
