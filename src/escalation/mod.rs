//! Escalation over time: the analyzer's per-article events folded, in publication-time
//! order, into per-dyad state and alert decisions. This file is the engine's loop (ordering
//! by the lateness bound, idempotency, dedup, eviction); the input is in `facts`, the alert
//! decisions in `decisions`, their ends in `ending`. Pure: time is the articles' publication
//! time, given by the caller; no tokio, no tonic, no clock.

mod decisions;
pub mod dyad;
mod ending;
mod facts;
mod key;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

use crate::alerts::AlertBook;
use crate::alerts::Derived;
use crate::alerts::story::{Seen, StoryIndex};
use crate::model::{Alert, AlertEvent, Rung};

pub use self::decisions::{Names, names_from};
use self::dyad::{DyadState, Record};
use self::ending::EndIndex;
pub use self::facts::{ArticleFacts, Fact, Incident};
pub use self::key::{BadDyadKey, DyadKey};
use self::rules::Rules;

/// Why an article was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    /// Published further ahead of its receive time than the rules allow.
    #[error(
        "article {id}: published_at {published} is more than {bound_hours} h after the receive time {received}"
    )]
    Future {
        /// Article id.
        id: String,
        /// Publication time, RFC 3339.
        published: String,
        /// Receive time, RFC 3339.
        received: String,
        /// The bound.
        bound_hours: i64,
    },
    /// Published further back than the rules allow.
    #[error(
        "article {id}: published_at {published} is more than {bound_days} days before the receive time {received}"
    )]
    Past {
        /// Article id.
        id: String,
        /// Publication time, RFC 3339.
        published: String,
        /// Receive time, RFC 3339.
        received: String,
        /// The bound.
        bound_days: i64,
    },
}

/// RFC 3339 for a time in seconds.
pub fn stamp(t: i64) -> String {
    jiff::Timestamp::from_second(t).map_or_else(|_| t.to_string(), |ts| ts.to_string())
}
/// Counts of the state an engine holds (see [`Engine::held`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Held {
    /// Dyads (at most `engine.max_dyads`, plus those with an active alert).
    pub dyads: usize,
    /// Event records over all dyads (at most 256 per dyad, none older than the windows).
    pub records: usize,
    /// Stories in the dedup index (within `engine.dedup_window_hours`, at most
    /// `engine.max_stories`).
    pub stories: usize,
    /// Stories whose dyads are remembered for refreshing alerts when copies arrive.
    pub story_dyads: usize,
    /// Article ids remembered for idempotency (the dedup window, at most `engine.max_stories`).
    pub seen: usize,
    /// Articles waiting out the lateness bound.
    pub pending: usize,
    /// Mass-casualty incidents still within the hold time.
    pub incidents: usize,
    /// Active alerts.
    pub active_alerts: usize,
}

/// The escalation engine. Serialises and restores exactly (`snapshot`, `restore`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    rules: Rules,
    dyads: BTreeMap<DyadKey, DyadState>,
    stories: StoryIndex,
    /// Dyads each story touched, for refreshing alerts when copies arrive.
    story_dyads: FxHashMap<u64, Vec<DyadKey>>,
    book: AlertBook,
    pending: BTreeMap<(i64, String), ArticleFacts>,
    /// The ids in `pending`, so a repeat is known without a scan (rebuilt on restore).
    #[serde(skip)]
    pending_ids: FxHashSet<String>,
    /// Article ids applied, with their time, for idempotency within the dedup window.
    seen: FxHashMap<String, i64>,
    seen_order: VecDeque<(i64, String)>,
    incidents: BTreeMap<DyadKey, Vec<Incident>>,
    high_water: i64,
    applied_upto: i64,
    seq: u64,
    #[serde(skip)]
    names: Names,
    /// When each active alert can next end (derived; rebuilt after a restore).
    #[serde(skip)]
    ends: Derived<EndIndex>,
}

const DAY: i64 = 86_400;
const HOUR: i64 = 3600;

impl Engine {
    /// A new engine with these rules; `names` name the codes in summaries.
    pub fn new(rules: Rules, names: Names) -> Engine {
        let e = &rules.engine;
        let stories = StoryIndex::new(e.dedup_min_similarity, e.dedup_window_hours * HOUR, e.max_stories);
        Engine {
            rules,
            dyads: BTreeMap::new(),
            stories,
            story_dyads: FxHashMap::default(),
            book: AlertBook::default(),
            pending: BTreeMap::new(),
            pending_ids: FxHashSet::default(),
            seen: FxHashMap::default(),
            seen_order: VecDeque::new(),
            incidents: BTreeMap::new(),
            high_water: i64::MIN,
            applied_upto: i64::MIN,
            seq: 0,
            names,
            ends: Derived::default(),
        }
    }

    /// The rules.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Serialises the whole state (MessagePack with field names: compact, exact for every
    /// value, readable by later versions that add fields).
    ///
    /// # Errors
    /// Only if serialisation fails (it does not for this state).
    pub fn snapshot(&self) -> Result<Vec<u8>, rmp_serde::encode::Error> {
        rmp_serde::to_vec_named(self)
    }

    /// Restores a snapshot; `names` as for [`Engine::new`].
    ///
    /// # Errors
    /// Returns the error for a malformed snapshot.
    pub fn restore(bytes: &[u8], names: Names) -> Result<Engine, rmp_serde::decode::Error> {
        let mut e: Engine = rmp_serde::from_slice(bytes)?;
        e.names = names;
        e.pending_ids = e.pending.keys().map(|(_, id)| id.clone()).collect();
        Ok(e)
    }

    /// Dyads held.
    pub fn dyad_count(&self) -> usize {
        self.dyads.len()
    }

    /// How much state the engine holds, by kind: every count is bounded by a rule.
    pub fn held(&self) -> Held {
        Held {
            dyads: self.dyads.len(),
            records: self.dyads.values().map(|d| d.recent.len()).sum(),
            stories: self.stories.len(),
            story_dyads: self.story_dyads.len(),
            seen: self.seen.len(),
            pending: self.pending.len(),
            incidents: self.incidents.values().map(Vec::len).sum(),
            active_alerts: self.book.len(),
        }
    }

    /// A dyad's state (parties in any order).
    pub fn dyad(&self, a: &str, b: &str) -> Option<&DyadState> {
        self.dyads.get(&DyadKey::new(a, b))
    }

    /// Every dyad's state, by key.
    pub fn dyads(&self) -> impl Iterator<Item = &DyadState> {
        self.dyads.values()
    }

    /// Active alerts.
    pub fn active_alerts(&self) -> impl Iterator<Item = &Alert> {
        self.book.active().map(|a| &a.alert)
    }

    /// Event time the engine has applied up to (seconds; `i64::MIN` before any article).
    pub fn clock(&self) -> i64 {
        self.applied_upto
    }

    /// Articles waiting for the lateness bound to pass.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Whether an article id was already taken (applied or pending).
    pub fn knows(&self, id: &str) -> bool {
        self.seen.contains_key(id) || self.pending_ids.contains(id)
    }

    /// Takes an article received at `received_at` (seconds). It waits until no article
    /// within the lateness bound can come before it, then applies; returns the alert events
    /// this released, in event-time order. A repeated id is ignored.
    ///
    /// # Errors
    /// Rejects publication times beyond the configured bounds around `received_at`.
    pub fn observe(&mut self, facts: ArticleFacts, received_at: i64) -> Result<Vec<AlertEvent>, Rejected> {
        let e = &self.rules.engine;
        if facts.time > received_at.saturating_add(e.max_future_hours * HOUR) {
            return Err(Rejected::Future {
                id: facts.id,
                published: stamp(facts.time),
                received: stamp(received_at),
                bound_hours: e.max_future_hours,
            });
        }
        if facts.time < received_at.saturating_sub(e.max_past_days * DAY) {
            return Err(Rejected::Past {
                id: facts.id,
                published: stamp(facts.time),
                received: stamp(received_at),
                bound_days: e.max_past_days,
            });
        }
        if self.knows(&facts.id) {
            return Ok(Vec::new());
        }
        self.high_water = self.high_water.max(facts.time);
        self.pending_ids.insert(facts.id.clone());
        self.pending.insert((facts.time, facts.id.clone()), facts);
        let upto = self.high_water.saturating_sub(self.rules.engine.lateness_minutes * 60);
        Ok(self.release(upto, upto))
    }

    /// Moves event time forward to `now` (a clock tick when articles are quiet): applies
    /// articles the lateness bound no longer holds back and resolves alerts whose hold ran
    /// out.
    pub fn advance(&mut self, now: i64) -> Vec<AlertEvent> {
        self.high_water = self.high_water.max(now);
        let upto = self.high_water.saturating_sub(self.rules.engine.lateness_minutes * 60);
        self.release(upto, upto)
    }

    /// Applies every pending article now (end of a replay); resolves only what is due by
    /// the last article's time.
    pub fn flush(&mut self) -> Vec<AlertEvent> {
        let last =
            self.pending.keys().next_back().map_or(self.applied_upto, |(t, _)| *t).max(self.applied_upto);
        self.release(i64::MAX, last)
    }

    fn release(&mut self, upto: i64, resolve_to: i64) -> Vec<AlertEvent> {
        let mut out = Vec::new();
        while let Some(entry) = self.pending.first_entry() {
            if entry.key().0 > upto {
                break;
            }
            let facts = entry.remove();
            self.pending_ids.remove(&facts.id);
            self.apply(facts, &mut out);
        }
        if resolve_to > i64::MIN {
            self.check_ended(resolve_to);
            let hold = self.rules.alerts.resolve_hold_hours * HOUR;
            out.extend(self.book.resolve_due(resolve_to, hold, stamp));
        }
        out
    }

    /// Applies one article at its time (or, if it came later than the lateness bound, at
    /// the time already reached).
    fn apply(&mut self, a: ArticleFacts, out: &mut Vec<AlertEvent>) {
        let t = a.time.max(self.applied_upto);
        // Resolutions due before this article come first.
        self.check_ended(t);
        let hold = self.rules.alerts.resolve_hold_hours * HOUR;
        out.extend(self.book.resolve_due(t, hold, stamp));
        self.remember(&a.id, t);
        self.applied_upto = t;
        let story = match self.stories.observe_signature(&a.id, &a.signature, t) {
            Seen::Copy(id) => {
                // Another outlet's copy: the evidence gains a source, nothing is counted twice.
                let keys = self.story_dyads.get(&id).cloned().unwrap_or_default();
                for k in keys {
                    out.extend(self.evaluate(&k, t));
                    self.ends.0.dirty.insert(k);
                }
                return;
            }
            Seen::New(id) => id,
        };
        let e = &self.rules.engine;
        let (half_life, keep) = (e.half_life_hours * 3600.0, self.keep_secs());
        let baseline = self.rules.alerts.baseline_days;
        let mut touched = BTreeSet::new();
        for f in &a.facts {
            let key = DyadKey::new(&f.source_party, &f.target_party);
            let dir = u8::from(f.source_party > f.target_party);
            self.seq += 1;
            let rec = Record {
                seq: self.seq,
                time: t,
                dir,
                cameo: f.cameo.clone(),
                goldstein: f.goldstein,
                modality: f.modality,
                rung: Rung::of_code(&f.cameo, f.modality).number(),
                story,
                killed: a.casualties.killed,
                injured: a.casualties.injured,
                evidence: f.evidence.clone(),
            };
            self.dyads
                .entry(key.clone())
                .or_insert_with(|| DyadState::new(key.pair(), t))
                .add(rec, half_life, keep, baseline);
            touched.insert(key);
        }
        if !touched.is_empty() {
            self.story_dyads.insert(story, touched.iter().cloned().collect());
        }
        // A story out of the dedup window is never seen as a copy again: forget its dyads
        // (now and then, so memory follows the story index, not the stream's length).
        if self.story_dyads.len() > 2 * self.stories.len() + 1024 {
            let stories = &self.stories;
            self.story_dyads.retain(|id, _| stories.get(*id).is_some());
        }
        self.record_incident(&a, t, story, &mut touched);
        for k in &touched {
            out.extend(self.evaluate(k, t));
        }
        self.ends.0.dirty.extend(touched);
        self.evict();
    }

    fn keep_secs(&self) -> i64 {
        let a = &self.rules.alerts;
        let days = i64::try_from(a.baseline_days).unwrap_or(30) * DAY;
        (a.rung_window_hours.max(a.reciprocity_window_hours) * HOUR).max(days)
    }

    /// Idempotency memory, bounded by the dedup window.
    fn remember(&mut self, id: &str, t: i64) {
        let window = self.rules.engine.dedup_window_hours * HOUR;
        while self.seen_order.front().is_some_and(|(s, _)| t - *s > window)
            || self.seen_order.len() > self.rules.engine.max_stories
        {
            if let Some((_, old)) = self.seen_order.pop_front() {
                self.seen.remove(&old);
            }
        }
        self.seen.insert(id.to_owned(), t);
        self.seen_order.push_back((t, id.to_owned()));
    }

    /// Remembers the article's mass-casualty incident on its dyad, if it reports one.
    fn record_incident(&mut self, a: &ArticleFacts, t: i64, story: u64, touched: &mut BTreeSet<DyadKey>) {
        let Some((f, toll)) = a.mass_casualty(self.rules.alerts.mass_casualty_killed) else { return };
        let key = DyadKey::new(&f.source_party, &f.target_party);
        let hold = (self.rules.alerts.resolve_hold_hours * HOUR).max(1);
        let list = self.incidents.entry(key.clone()).or_default();
        // Incidents a hold time old count no more (event time only moves forward here).
        list.retain(|i| t - i.time < hold);
        list.push(Incident {
            time: t,
            killed: toll.killed,
            injured: toll.injured,
            story,
            evidence: f.evidence.clone(),
        });
        touched.insert(key);
    }

    /// Drops the coldest dyads without an active alert once there are too many.
    fn evict(&mut self) {
        let max = self.rules.engine.max_dyads;
        if self.dyads.len() <= max {
            return;
        }
        let busy: BTreeSet<DyadKey> = self.book.active().map(|a| DyadKey::of_pair(&a.alert.dyad)).collect();
        let mut cold: Vec<(i64, DyadKey)> = self
            .dyads
            .iter()
            .filter(|(k, _)| !busy.contains(*k))
            .map(|(k, d)| (d.last_time, k.clone()))
            .collect();
        cold.sort();
        // Evict a tenth beyond the cap at once, so eviction is rare.
        let n = (self.dyads.len() - max + max / 10).min(cold.len());
        for (_, k) in cold.into_iter().take(n) {
            self.dyads.remove(&k);
            self.incidents.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests;
