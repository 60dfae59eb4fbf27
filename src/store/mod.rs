//! The embedded durable store: the alert event log with its gap-free seq, the article index
//! (idempotency across restarts), the latest state of every alert, and the engine's
//! snapshot with the journal of articles applied since. One redb file; no tokio, no tonic.

use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use serde::{Deserialize, Serialize};

use crate::escalation::ArticleFacts;
use crate::model::{AlertEvent, AlertEventType};

/// Default: alert events kept in the log.
pub const DEFAULT_RETAIN_EVENTS: u64 = 1_000_000;
/// Default: days alert events are kept in the log.
pub const DEFAULT_RETAIN_DAYS: u64 = 30;
/// Default: article ids remembered for idempotency.
pub const DEFAULT_RETAIN_ARTICLES: u64 = 2_000_000;
/// Default: journal entries between engine snapshots.
pub const DEFAULT_SNAPSHOT_EVERY: u64 = 20_000;

/// The store's file inside the data directory.
pub const FILE_NAME: &str = "flashpoint.redb";

const LOG: TableDefinition<u64, &[u8]> = TableDefinition::new("alert_log");
const ALERTS: TableDefinition<&str, &[u8]> = TableDefinition::new("alerts");
const ARTICLES: TableDefinition<&str, &[u8]> = TableDefinition::new("articles");
const ARTICLE_ORDER: TableDefinition<u64, &str> = TableDefinition::new("article_order");
const JOURNAL: TableDefinition<u64, &[u8]> = TableDefinition::new("journal");
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
const SNAPSHOT: TableDefinition<&str, &[u8]> = TableDefinition::new("snapshot");

const HEAD: &str = "head";
const JOURNAL_HEAD: &str = "journal_head";
const SNAPSHOT_AT: &str = "snapshot_at";
const ENGINE: &str = "engine";

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, read or written.
    #[error("store {path}: {source}")]
    Db {
        /// The file.
        path: PathBuf,
        /// redb's error.
        #[source]
        source: redb::Error,
    },
    /// A stored record did not decode.
    #[error("store {path}: corrupt {what}: {detail}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Which record.
        what: String,
        /// The decoder's message.
        detail: String,
    },
    /// A commit would leave a gap or reuse a seq.
    #[error("store: commit starts at seq {got}, the log's next is {want}")]
    Gap {
        /// The first seq of the commit.
        got: u64,
        /// The seq the log expects.
        want: u64,
    },
}

/// How much the store keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Retention {
    /// Alert events kept.
    pub events: u64,
    /// Days alert events are kept (by commit time).
    pub days: u64,
    /// Article ids remembered.
    pub articles: u64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            events: DEFAULT_RETAIN_EVENTS,
            days: DEFAULT_RETAIN_DAYS,
            articles: DEFAULT_RETAIN_ARTICLES,
        }
    }
}

/// An alert event at its place in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedEvent {
    /// Position in the log, from 1, gap-free.
    pub seq: u64,
    /// Wall-clock commit time, milliseconds since the Unix epoch.
    pub committed_ms: i64,
    /// The event.
    pub event: AlertEvent,
}

/// What the store remembers of an ingested article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEntry {
    /// Receive time, seconds since the Unix epoch.
    pub received_at: i64,
    /// Events the analyzer found.
    pub events: u32,
    /// Alert events the article released: (seq, type, fingerprint).
    pub caused: Vec<(u64, AlertEventType, String)>,
}

/// One article as the engine took it, for rebuilding the engine after a restart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The engine's input.
    pub facts: ArticleFacts,
    /// Receive time given to the engine.
    pub received_at: i64,
}

/// Everything one group commit writes.
#[derive(Debug, Default)]
pub struct Commit {
    /// Alert events, seqs continuing the log.
    pub events: Vec<LoggedEvent>,
    /// Articles taken: id, index entry, journal entry.
    pub articles: Vec<(String, ArticleEntry, JournalEntry)>,
    /// An engine snapshot covering every journal entry up to and including this commit's.
    pub snapshot: Option<Vec<u8>>,
}

/// What a restart needs to rebuild the engine.
#[derive(Debug, Default)]
pub struct Recovery {
    /// The last snapshot, if any.
    pub snapshot: Option<Vec<u8>>,
    /// Journal entries after it, in order.
    pub journal: Vec<JournalEntry>,
}

/// A consistent view of the alerts' latest states and the log position they reflect.
#[derive(Debug)]
pub struct AlertsView {
    /// The head seq at the time of the view.
    pub as_of_seq: u64,
    /// Latest event of every alert, as logged.
    pub alerts: Vec<LoggedEvent>,
}

/// The redb-backed store.
#[derive(Debug)]
pub struct Store {
    db: Database,
    path: PathBuf,
    retention: Retention,
}

fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    // Every stored type serialises (plain data, string keys).
    rmp_serde::to_vec_named(v).unwrap_or_default()
}

impl Store {
    /// Opens (or creates) the store in directory `dir`.
    ///
    /// # Errors
    /// When the directory cannot be created or the database cannot be opened.
    pub fn open(dir: &Path, retention: Retention) -> Result<Store, StoreError> {
        let path = dir.join(FILE_NAME);
        let db_err = |e: redb::Error| StoreError::Db { path: path.clone(), source: e };
        std::fs::create_dir_all(dir).map_err(|e| db_err(redb::Error::Io(e)))?;
        let db = Database::create(&path).map_err(|e| db_err(e.into()))?;
        // Create every table so readers never meet a missing one.
        let tx = db.begin_write().map_err(|e| db_err(e.into()))?;
        {
            tx.open_table(LOG).map_err(|e| db_err(e.into()))?;
            tx.open_table(ALERTS).map_err(|e| db_err(e.into()))?;
            tx.open_table(ARTICLES).map_err(|e| db_err(e.into()))?;
            tx.open_table(ARTICLE_ORDER).map_err(|e| db_err(e.into()))?;
            tx.open_table(JOURNAL).map_err(|e| db_err(e.into()))?;
            tx.open_table(META).map_err(|e| db_err(e.into()))?;
            tx.open_table(SNAPSHOT).map_err(|e| db_err(e.into()))?;
        }
        tx.commit().map_err(|e| db_err(e.into()))?;
        Ok(Store { db, path, retention })
    }

    fn err(&self, e: impl Into<redb::Error>) -> StoreError {
        StoreError::Db { path: self.path.clone(), source: e.into() }
    }

    fn decode<T: for<'de> Deserialize<'de>>(&self, what: &str, bytes: &[u8]) -> Result<T, StoreError> {
        rmp_serde::from_slice(bytes).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            what: what.to_owned(),
            detail: e.to_string(),
        })
    }

    /// The newest seq in the log (0 when empty).
    ///
    /// # Errors
    /// On a read failure.
    pub fn head(&self) -> Result<u64, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let meta = tx.open_table(META).map_err(|e| self.err(e))?;
        Ok(meta.get(HEAD).map_err(|e| self.err(e))?.map_or(0, |v| v.value()))
    }

    /// The oldest seq still retained (head + 1 when the log is empty).
    ///
    /// # Errors
    /// On a read failure.
    pub fn oldest(&self) -> Result<u64, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let log = tx.open_table(LOG).map_err(|e| self.err(e))?;
        if let Some((k, _)) = log.first().map_err(|e| self.err(e))? {
            return Ok(k.value());
        }
        let meta = tx.open_table(META).map_err(|e| self.err(e))?;
        Ok(meta.get(HEAD).map_err(|e| self.err(e))?.map_or(0, |v| v.value()) + 1)
    }

    /// The newest journal entry number (0 when none).
    ///
    /// # Errors
    /// On a read failure.
    pub fn journal_head(&self) -> Result<u64, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let meta = tx.open_table(META).map_err(|e| self.err(e))?;
        Ok(meta.get(JOURNAL_HEAD).map_err(|e| self.err(e))?.map_or(0, |v| v.value()))
    }

    /// Up to `limit` events with seq greater than `after`, in order.
    ///
    /// # Errors
    /// On a read failure or a corrupt record.
    pub fn read(&self, after: u64, limit: usize) -> Result<Vec<LoggedEvent>, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let log = tx.open_table(LOG).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in log.range(after.saturating_add(1)..).map_err(|e| self.err(e))?.take(limit) {
            let (_, v) = row.map_err(|e| self.err(e))?;
            out.push(self.decode("alert event", v.value())?);
        }
        Ok(out)
    }

    /// What the store knows of an article id.
    ///
    /// # Errors
    /// On a read failure or a corrupt record.
    pub fn article(&self, id: &str) -> Result<Option<ArticleEntry>, StoreError> {
        self.get(ARTICLES, id, "article")
    }

    /// The latest logged event of one alert.
    ///
    /// # Errors
    /// On a read failure or a corrupt record.
    pub fn alert(&self, fingerprint: &str) -> Result<Option<LoggedEvent>, StoreError> {
        self.get(ALERTS, fingerprint, "alert")
    }

    /// One record of a table keyed by string, decoded.
    fn get<T: for<'de> Deserialize<'de>>(
        &self,
        table: TableDefinition<&str, &[u8]>,
        key: &str,
        what: &str,
    ) -> Result<Option<T>, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let t = tx.open_table(table).map_err(|e| self.err(e))?;
        match t.get(key).map_err(|e| self.err(e))? {
            Some(v) => Ok(Some(self.decode(what, v.value())?)),
            None => Ok(None),
        }
    }

    /// Every alert's latest event and the head seq, read in one transaction.
    ///
    /// # Errors
    /// On a read failure or a corrupt record.
    pub fn alerts(&self) -> Result<AlertsView, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let meta = tx.open_table(META).map_err(|e| self.err(e))?;
        let as_of_seq = meta.get(HEAD).map_err(|e| self.err(e))?.map_or(0, |v| v.value());
        let t = tx.open_table(ALERTS).map_err(|e| self.err(e))?;
        let mut alerts = Vec::with_capacity(usize::try_from(t.len().map_err(|e| self.err(e))?).unwrap_or(0));
        for row in t.iter().map_err(|e| self.err(e))? {
            let (_, v) = row.map_err(|e| self.err(e))?;
            alerts.push(self.decode("alert", v.value())?);
        }
        Ok(AlertsView { as_of_seq, alerts })
    }

    /// The last snapshot and the journal after it.
    ///
    /// # Errors
    /// On a read failure or a corrupt record.
    pub fn recovery(&self) -> Result<Recovery, StoreError> {
        let tx = self.db.begin_read().map_err(|e| self.err(e))?;
        let meta = tx.open_table(META).map_err(|e| self.err(e))?;
        let at = meta.get(SNAPSHOT_AT).map_err(|e| self.err(e))?.map_or(0, |v| v.value());
        let snap = tx.open_table(SNAPSHOT).map_err(|e| self.err(e))?;
        let snapshot = snap.get(ENGINE).map_err(|e| self.err(e))?.map(|v| v.value().to_vec());
        let journal_t = tx.open_table(JOURNAL).map_err(|e| self.err(e))?;
        let mut journal = Vec::new();
        for row in journal_t.range(at.saturating_add(1)..).map_err(|e| self.err(e))? {
            let (_, v) = row.map_err(|e| self.err(e))?;
            journal.push(self.decode("journal entry", v.value())?);
        }
        Ok(Recovery { snapshot, journal })
    }

    /// Writes one group commit atomically and durably, then applies retention.
    ///
    /// # Errors
    /// On a write failure, or when the events' seqs do not continue the log.
    pub fn commit(&self, c: &Commit, now_ms: i64) -> Result<(), StoreError> {
        let tx = self.db.begin_write().map_err(|e| self.err(e))?;
        {
            let mut meta = tx.open_table(META).map_err(|e| self.err(e))?;
            let head = meta.get(HEAD).map_err(|e| self.err(e))?.map_or(0, |v| v.value());
            let mut next = head + 1;
            let mut log = tx.open_table(LOG).map_err(|e| self.err(e))?;
            let mut alerts = tx.open_table(ALERTS).map_err(|e| self.err(e))?;
            for ev in &c.events {
                if ev.seq != next {
                    return Err(StoreError::Gap { got: ev.seq, want: next });
                }
                let bytes = encode(ev);
                log.insert(ev.seq, bytes.as_slice()).map_err(|e| self.err(e))?;
                alerts
                    .insert(ev.event.alert.fingerprint.as_str(), bytes.as_slice())
                    .map_err(|e| self.err(e))?;
                next += 1;
            }
            meta.insert(HEAD, next - 1).map_err(|e| self.err(e))?;

            let mut journal_head = meta.get(JOURNAL_HEAD).map_err(|e| self.err(e))?.map_or(0, |v| v.value());
            let mut articles = tx.open_table(ARTICLES).map_err(|e| self.err(e))?;
            let mut order = tx.open_table(ARTICLE_ORDER).map_err(|e| self.err(e))?;
            let mut journal = tx.open_table(JOURNAL).map_err(|e| self.err(e))?;
            for (id, entry, j) in &c.articles {
                journal_head += 1;
                articles.insert(id.as_str(), encode(entry).as_slice()).map_err(|e| self.err(e))?;
                order.insert(journal_head, id.as_str()).map_err(|e| self.err(e))?;
                journal.insert(journal_head, encode(j).as_slice()).map_err(|e| self.err(e))?;
            }
            meta.insert(JOURNAL_HEAD, journal_head).map_err(|e| self.err(e))?;
            if let Some(snapshot) = &c.snapshot {
                let mut snap = tx.open_table(SNAPSHOT).map_err(|e| self.err(e))?;
                snap.insert(ENGINE, snapshot.as_slice()).map_err(|e| self.err(e))?;
                meta.insert(SNAPSHOT_AT, journal_head).map_err(|e| self.err(e))?;
                journal.retain_in(..=journal_head, |_, _| false).map_err(|e| self.err(e))?;
            }

            // Retention: the log by count and age, the article index by count.
            let keep_from_count = (next - 1).saturating_sub(self.retention.events) + 1;
            let cutoff_ms = now_ms.saturating_sub(
                i64::try_from(self.retention.days.saturating_mul(86_400_000)).unwrap_or(i64::MAX),
            );
            loop {
                let Some((k, v)) = log.first().map_err(|e| self.err(e))? else { break };
                let seq = k.value();
                let old = seq < keep_from_count || {
                    let ev: LoggedEvent = self.decode("alert event", v.value())?;
                    ev.committed_ms < cutoff_ms
                };
                drop((k, v));
                if !old {
                    break;
                }
                log.remove(seq).map_err(|e| self.err(e))?;
            }
            let keep_articles_from = journal_head.saturating_sub(self.retention.articles) + 1;
            loop {
                let Some((k, v)) = order.first().map_err(|e| self.err(e))? else { break };
                let (n, id) = (k.value(), v.value().to_owned());
                drop((k, v));
                if n >= keep_articles_from {
                    break;
                }
                order.remove(n).map_err(|e| self.err(e))?;
                articles.remove(id.as_str()).map_err(|e| self.err(e))?;
            }
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Alert, AlertKind, Casualties, Severity};

    fn event(seq: u64, fp: &str, ms: i64) -> LoggedEvent {
        LoggedEvent {
            seq,
            committed_ms: ms,
            event: AlertEvent {
                kind: AlertEventType::Fired,
                alert: Alert {
                    fingerprint: fp.to_owned(),
                    kind: AlertKind::Escalation,
                    dyad: ["IND".to_owned(), "PAK".to_owned()],
                    rung: 3,
                    severity: Severity::Warning,
                    summary: String::new(),
                    event_time: "2025-04-24T00:00:00Z".to_owned(),
                    casualties: Casualties::default(),
                    reciprocal: false,
                    sources: 1,
                    articles: vec![],
                    evidence: vec![],
                },
            },
        }
    }

    fn entry() -> ArticleEntry {
        ArticleEntry { received_at: 0, events: 0, caused: vec![] }
    }

    fn journal(id: &str) -> JournalEntry {
        JournalEntry {
            facts: ArticleFacts {
                id: id.to_owned(),
                time: 0,
                received_time: false,
                signature: crate::alerts::story::signature(id),
                casualties: Casualties::default(),
                casualty_mentions: vec![],
                facts: vec![],
            },
            received_at: 0,
        }
    }

    #[test]
    fn commits_are_gap_free_and_survive_reopening() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let s = Store::open(dir.path(), Retention::default()).expect("open");
            assert_eq!((s.head().expect("head"), s.oldest().expect("oldest")), (0, 1));
            let c = Commit {
                events: vec![event(1, "a", 0), event(2, "b", 0)],
                articles: vec![("x".into(), entry(), journal("x"))],
                snapshot: None,
            };
            s.commit(&c, 0).expect("commit");
            let gap = Commit { events: vec![event(4, "a", 0)], ..Commit::default() };
            assert!(matches!(s.commit(&gap, 0), Err(StoreError::Gap { got: 4, want: 3 })));
        }
        let s = Store::open(dir.path(), Retention::default()).expect("reopen");
        assert_eq!(s.head().expect("head"), 2);
        assert_eq!(s.read(0, 10).expect("read").iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(s.read(1, 10).expect("read").len(), 1);
        assert!(s.article("x").expect("article").is_some());
        assert!(s.article("y").expect("article").is_none());
        assert_eq!(s.recovery().expect("recovery").journal.len(), 1);
        assert_eq!(s.alerts().expect("alerts").as_of_seq, 2);
    }

    #[test]
    fn snapshots_truncate_the_journal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path(), Retention::default()).expect("open");
        let c = Commit { articles: vec![("x".into(), entry(), journal("x"))], ..Commit::default() };
        s.commit(&c, 0).expect("commit");
        let c = Commit {
            articles: vec![("y".into(), entry(), journal("y"))],
            snapshot: Some(vec![1, 2, 3]),
            ..Commit::default()
        };
        s.commit(&c, 0).expect("commit");
        let c = Commit { articles: vec![("z".into(), entry(), journal("z"))], ..Commit::default() };
        s.commit(&c, 0).expect("commit");
        let r = s.recovery().expect("recovery");
        assert_eq!(r.snapshot.as_deref(), Some(&[1u8, 2, 3][..]));
        assert_eq!(r.journal.iter().map(|j| j.facts.id.as_str()).collect::<Vec<_>>(), ["z"]);
    }

    #[test]
    fn retention_drops_the_oldest_by_count_and_age() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path(), Retention { events: 3, days: 1, articles: 2 }).expect("open");
        let day = 86_400_000;
        let events = (1..=5).map(|i| event(i, "a", if i == 4 { 10 * day } else { 0 })).collect();
        let articles = ["a", "b", "c"].iter().map(|id| ((*id).to_owned(), entry(), journal(id))).collect();
        s.commit(&Commit { events, articles, snapshot: None }, 0).expect("commit");
        assert_eq!(s.oldest().expect("oldest"), 3);
        assert!(s.article("a").expect("a").is_none());
        assert!(s.article("c").expect("c").is_some());
        // Ten days later, everything older than a day goes, up to the first young one.
        s.commit(&Commit::default(), 10 * day + 1).expect("commit");
        assert_eq!(s.oldest().expect("oldest"), 4);
    }
}
