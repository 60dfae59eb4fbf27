//! Escalation over time: the analyzer's per-article events folded, in publication-time
//! order, into per-dyad state (ladder rung, reciprocity, spikes against a baseline,
//! de-escalation) and alert decisions. Pure: time is the articles' publication time, given
//! by the caller; no tokio, no tonic, no clock.

pub mod dyad;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

use crate::alerts::story::{Seen, Signature, StoryIndex, signature};
use crate::alerts::{AlertBook, Derived, fingerprint};
use crate::lexicon::{Lexicon, Sectors};
use crate::model::{
    Alert, AlertEvent, AlertKind, Analysis, Casualties, CasualtyMention, Evidence, Modality, Rung, Severity,
};

use self::dyad::{DyadState, Record};
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

/// One event of an article, reduced to what the engine keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Source party: country-level code, else the first sector, else "".
    pub source_party: String,
    /// Whether the source can be a perpetrator of violence: a state or its forces, an armed
    /// group; not civilians, media or business.
    pub source_armed: bool,
    /// Target party.
    pub target_party: String,
    /// CAMEO code.
    pub cameo: String,
    /// Goldstein weight.
    pub goldstein: f64,
    /// Modality.
    pub modality: Modality,
    /// Index of the sentence it was coded in.
    #[serde(default)]
    pub sentence: u32,
    /// Evidence as an alert quotes it.
    pub evidence: Evidence,
}

/// An article as the engine takes it: id, event time, a near-duplicate fingerprint, its
/// casualty counts and its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    /// Article id (the idempotency key).
    pub id: String,
    /// Event time, seconds since the Unix epoch (publication time, else receive time).
    pub time: i64,
    /// Whether `time` is the receive time because the article had no publication time.
    pub received_time: bool,
    /// MinHash signature of the text, for story dedup.
    pub signature: Signature,
    /// Casualties stated in the article (the largest in any sentence).
    pub casualties: Casualties,
    /// Every casualty count stated, where: a toll is tied to the violence reported with it,
    /// not to the whole article.
    #[serde(default)]
    pub casualty_mentions: Vec<CasualtyMention>,
    /// Events that happened, were threatened or considered (negated ones are dropped).
    pub facts: Vec<Fact>,
}

/// RFC 3339 for a time in seconds.
pub fn stamp(t: i64) -> String {
    jiff::Timestamp::from_second(t).map_or_else(|_| t.to_string(), |ts| ts.to_string())
}

/// An alert's fingerprint: its kind, its dyad and its kind's band (the band does not follow
/// the rung, so a step-up updates the same alert).
fn alert_fingerprint(kind: AlertKind, dyad: &[String; 2]) -> String {
    let band = match kind {
        AlertKind::Escalation => "high",
        AlertKind::Spike => "spike",
        AlertKind::MassCasualty => "violence",
    };
    fingerprint(kind, dyad, band)
}

/// The party of an actor code in a dyad: its country-level code, else its first sector.
fn party(lex: &Lexicon, code: &str) -> String {
    let c = lex.country_of(code);
    if !c.is_empty() {
        return c.to_owned();
    }
    code.get(..3).filter(|s| lex.sectors.is_sector(s)).unwrap_or("").to_owned()
}

/// The party of one side of a domestic dyad: its country and first sector ("INDREB"), or
/// "" when it has no sector.
fn domestic_party(lex: &Lexicon, code: &str) -> String {
    let country = lex.country_of(code);
    code.get(country.len()..country.len() + 3)
        .filter(|s| lex.sectors.is_sector(s))
        .map(|s| format!("{country}{s}"))
        .unwrap_or_default()
}

/// Whether an actor code can perpetrate violence: a state (bare, or its government or
/// forces), an international armed actor, or an armed sector.
fn can_perpetrate(lex: &Lexicon, code: &str) -> bool {
    let country = lex.country_of(code);
    let chunks: Vec<&str> =
        (country.len()..code.len()).step_by(3).filter_map(|i| code.get(i..i + 3)).collect();
    let armed = chunks.iter().any(|c| lex.sectors.is_armed(c) || *c == "GOV");
    let civilian = chunks.iter().any(|c| lex.sectors.is_sector(c) && !lex.sectors.is_armed(c) && *c != "GOV");
    armed || (!country.is_empty() && !civilian)
}

impl ArticleFacts {
    /// Reduces an analysis to engine facts.
    pub fn from_analysis(
        lex: &Lexicon,
        text: &str,
        analysis: &Analysis,
        time: i64,
        received_time: bool,
    ) -> ArticleFacts {
        let stamp = stamp(time);
        let facts = analysis
            .events
            .iter()
            .filter(|e| e.modality != Modality::Negated)
            // "Haitian police and U.N. troops moved into a slum": a compound subject with no
            // target acted together. Only fighting is done to each other ("India and Pakistan
            // clashed"), so only then is a hostile act one co-actor's against the other.
            .filter(|e| {
                let with_coactor = e.target.is_empty() && !e.with.is_empty();
                !with_coactor || e.goldstein >= 0.0 || MUTUAL_COMBAT.contains(&e.cameo.as_str())
            })
            .map(|e| Fact {
                source_party: party(lex, &e.source),
                source_armed: can_perpetrate(lex, &e.source),
                target_party: party(lex, if e.target.is_empty() { &e.with } else { &e.target }),
                cameo: e.cameo.clone(),
                goldstein: e.goldstein,
                modality: e.modality,
                sentence: e.sentence,
                evidence: Evidence {
                    article_id: analysis.id.clone(),
                    sentence: e.sentence_span.slice(text).unwrap_or("").to_owned(),
                    span: e.span,
                    text: e.text.clone(),
                    cameo: e.cameo.clone(),
                    source: e.source.clone(),
                    target: e.target.clone(),
                    modality: e.modality,
                    time: stamp.clone(),
                    received_time,
                },
            })
            .map(|mut f| {
                // "Militants killed 26 tourists near Pahalgam": both sides take the place's
                // country, and stay two parties by their sectors.
                if f.source_party == f.target_party {
                    f.source_party = domestic_party(lex, &f.evidence.source);
                    f.target_party = domestic_party(lex, &f.evidence.target);
                }
                f
            })
            .filter(|f| {
                !f.source_party.is_empty() && !f.target_party.is_empty() && f.source_party != f.target_party
            })
            .collect();
        ArticleFacts {
            id: analysis.id.clone(),
            time,
            received_time,
            signature: signature(text),
            casualties: analysis.casualties,
            casualty_mentions: analysis.casualty_mentions.clone(),
            facts,
        }
    }

    /// The casualties stated with an event: the counts nearest to it in its own sentence,
    /// else in the next one ("Militants attacked a convoy in Upper Dir. Ten soldiers were
    /// killed."). "A bomb exploded, killing one person, in what could be a reaction to the
    /// deaths of 85 protesters" ties one death to the bomb.
    pub fn toll_of(&self, f: &Fact) -> Casualties {
        let span = f.evidence.span;
        let nearest = |injured: bool| {
            self.casualty_mentions
                .iter()
                .filter(|m| m.injured == injured)
                .filter(|m| m.sentence == f.sentence || m.sentence == f.sentence.saturating_add(1))
                .min_by_key(|m| {
                    let gap = if m.at < span.start {
                        span.start - m.at
                    } else {
                        m.at.saturating_sub(span.end.saturating_sub(1))
                    };
                    (m.sentence != f.sentence, gap)
                })
                .map_or(0, |m| m.count)
        };
        Casualties { killed: nearest(false), injured: nearest(true) }
    }
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

/// Mass-casualty incidents remembered per dyad: (time, killed, injured, story, evidence).
type Incident = (i64, u32, u32, u64, Evidence);

/// The escalation engine. Serialises and restores exactly (`snapshot`, `restore`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    rules: Rules,
    dyads: BTreeMap<String, DyadState>,
    stories: StoryIndex,
    /// Dyads each story touched, for refreshing alerts when copies arrive.
    story_dyads: FxHashMap<u64, Vec<String>>,
    book: AlertBook,
    pending: BTreeMap<(i64, String), ArticleFacts>,
    /// The ids in `pending`, so a repeat is known without a scan (rebuilt on restore).
    #[serde(skip)]
    pending_ids: FxHashSet<String>,
    /// Article ids applied, with their time, for idempotency within the dedup window.
    seen: FxHashMap<String, i64>,
    seen_order: VecDeque<(i64, String)>,
    incidents: BTreeMap<String, Vec<Incident>>,
    high_water: i64,
    applied_upto: i64,
    seq: u64,
    #[serde(skip)]
    names: Names,
    /// When each active alert can next end (derived; rebuilt after a restore).
    #[serde(skip)]
    ends: Derived<EndIndex>,
}

/// When each active alert's condition can next end, so that a check visits only the alerts
/// on dyads that changed and those whose time has come, not every active alert. Between
/// changes to its dyad an alert's condition ends at a time known in advance: an escalation
/// when its last qualifying event leaves the rung window, a mass-casualty alert a hold time
/// after its last incident, a spike at the next day boundary. Derived from the engine's
/// state and rebuilt by a full check after a restore.
#[derive(Debug, Clone, Default)]
struct EndIndex {
    /// Every active alert not yet ended has its due time here (false after a restore).
    built: bool,
    /// The latest time checked.
    checked: i64,
    /// Dyads changed since the last check.
    dirty: FxHashSet<String>,
    /// (due time, fingerprint), earliest first, and each fingerprint's entry.
    queue: BTreeSet<(i64, String)>,
    due: FxHashMap<String, i64>,
    /// Tests: check every alert every time, the behaviour the index must equal.
    #[cfg(test)]
    full_scan: bool,
}

impl EndIndex {
    fn set(&mut self, fingerprint: &str, due: Option<i64>) {
        if let Some(old) = self.due.remove(fingerprint) {
            self.queue.remove(&(old, fingerprint.to_owned()));
        }
        if let Some(at) = due {
            self.due.insert(fingerprint.to_owned(), at);
            self.queue.insert((at, fingerprint.to_owned()));
        }
    }

    fn clear(&mut self) {
        self.dirty.clear();
        self.queue.clear();
        self.due.clear();
    }
}

/// What the engine knows of codes from the lexicon: names in summaries, and which codes are
/// sectors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// Display names by code.
    names: HashMap<String, String>,
    /// The lexicon's sector codes.
    sectors: Sectors,
}

/// Names for codes in summaries: countries from the lexicon, sectors and international
/// types in words (`sectors.toml`).
pub fn names_from(lex: &Lexicon) -> Names {
    let mut names: HashMap<String, String> =
        lex.countries.iter().map(|c| (c.code.clone(), c.name.clone())).collect();
    for (code, name) in lex.sectors.names() {
        names.entry(code.to_owned()).or_insert_with(|| name.to_owned());
    }
    Names { names, sectors: lex.sectors.clone() }
}

/// CAMEO codes of fighting between the members of a compound subject: clashes, battles,
/// exchanges of fire (190, 193).
const MUTUAL_COMBAT: &[&str] = &["190", "193"];

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
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.dyads.get(&format!("{a}|{b}"))
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
            let (x, y) = (&f.source_party, &f.target_party);
            let (first, second, dir) = if x <= y { (x, y, 0) } else { (y, x, 1) };
            let key = format!("{first}|{second}");
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
                .or_insert_with(|| DyadState::new([first.clone(), second.clone()], t))
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

    /// A violent event reported with at least the mass-casualty toll (in its sentence or the
    /// next: a toll elsewhere in the article may be another incident, a statistic or history).
    fn record_incident(&mut self, a: &ArticleFacts, t: i64, story: u64, touched: &mut BTreeSet<String>) {
        let threshold = self.rules.alerts.mass_casualty_killed;
        if a.casualties.killed < threshold {
            return;
        }
        // Violence with a perpetrator the text names: a state, or an armed group or force.
        // (A flood or a crash that killed many is a tragedy, not an escalation signal.)
        let violent = a
            .facts
            .iter()
            .filter(|f| {
                f.modality.is_factual()
                    && matches!(f.cameo.get(..2), Some("18" | "19" | "20"))
                    && f.source_armed
            })
            .map(|f| (f, a.toll_of(f)))
            .find(|(_, toll)| toll.killed >= threshold);
        if let Some((f, toll)) = violent {
            let (x, y) = (&f.source_party, &f.target_party);
            let key = if x <= y { format!("{x}|{y}") } else { format!("{y}|{x}") };
            let hold = (self.rules.alerts.resolve_hold_hours * HOUR).max(1);
            let list = self.incidents.entry(key.clone()).or_default();
            // Incidents a hold time old count no more (event time only moves forward here).
            list.retain(|(at, ..)| t - *at < hold);
            list.push((t, toll.killed, toll.injured, story, f.evidence.clone()));
            touched.insert(key);
        }
    }

    /// Drops the coldest dyads without an active alert once there are too many.
    fn evict(&mut self) {
        let max = self.rules.engine.max_dyads;
        if self.dyads.len() <= max {
            return;
        }
        let busy: BTreeSet<String> =
            self.book.active().map(|a| format!("{}|{}", a.alert.dyad[0], a.alert.dyad[1])).collect();
        let mut cold: Vec<(i64, String)> = self
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

    fn name(&self, code: &str) -> String {
        self.names.names.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }

    fn is_state(&self, code: &str) -> bool {
        code.len() == 3 && !self.names.sectors.is_sector(code)
    }

    /// Re-decides the alerts of one dyad at time `t`.
    fn evaluate(&mut self, key: &str, t: i64) -> Vec<AlertEvent> {
        let mut out = Vec::new();
        if let Some(alert) = self.escalation_alert(key, t) {
            out.extend(self.book.holds(alert));
        }
        if let Some(alert) = self.spike_alert(key, t) {
            out.extend(self.book.holds(alert));
        }
        if let Some(alert) = self.incident_alert(key, t) {
            out.extend(self.book.holds(alert));
        }
        out
    }

    /// How many outlets carried the stories behind an alert, and their articles.
    fn sources(&self, stories: impl IntoIterator<Item = u64>, evidence: &[Evidence]) -> (u32, Vec<String>) {
        let mut articles: Vec<String> = Vec::new();
        let push = |a: &String, articles: &mut Vec<String>| {
            if !articles.contains(a) {
                articles.push(a.clone());
            }
        };
        for e in evidence {
            push(&e.article_id, &mut articles);
        }
        let mut sources = 0;
        for id in stories.into_iter().collect::<BTreeSet<u64>>() {
            // A story already out of the dedup window counts as one outlet.
            match self.stories.get(id) {
                Some(s) => {
                    sources += s.sources;
                    for a in &s.articles {
                        push(a, &mut articles);
                    }
                }
                None => sources += 1,
            }
        }
        (sources.max(u32::from(!articles.is_empty())), articles)
    }

    fn escalation_alert(&self, key: &str, t: i64) -> Option<Alert> {
        let d = self.dyads.get(key)?;
        let [a, b] = &d.parties;
        if !self.is_state(a) || !self.is_state(b) {
            return None;
        }
        let r = &self.rules.alerts;
        let window = r.rung_window_hours * HOUR;
        let rung = d.rung(t, window);
        if rung < r.fire_rung {
            return None;
        }
        let reciprocal = d.reciprocal(t, window, r.reciprocity_window_hours * HOUR);
        // One report of one side's act is a lead, not yet a situation: it takes the other
        // side answering, or independent stories.
        let stories: BTreeSet<u64> = d
            .holding(t, window)
            .filter(|x| x.goldstein < 0.0 && x.rung >= r.fire_rung)
            .map(|x| x.story)
            .collect();
        if !reciprocal && stories.len() < r.min_stories {
            return None;
        }
        let holding: Vec<&Record> = d.holding(t, window).collect();
        let killed = holding.iter().map(|x| x.killed).max().unwrap_or(0);
        let injured = holding.iter().map(|x| x.injured).max().unwrap_or(0);
        let mut qualifying: Vec<&Record> = holding
            .iter()
            .copied()
            .filter(|x| x.goldstein < 0.0 && (x.rung >= r.fire_rung || x.measure()))
            .collect();
        let skip = qualifying.len().saturating_sub(r.max_evidence);
        qualifying.drain(..skip);
        let evidence: Vec<Evidence> = qualifying.iter().map(|x| x.evidence.clone()).collect();
        let (sources, articles) = self.sources(qualifying.iter().map(|x| x.story), &evidence);
        let severity =
            if rung >= Rung::LimitedForce.number() || (reciprocal && rung >= Rung::Posture.number()) {
                Severity::Critical
            } else if rung >= Rung::Measures.number() || reciprocal {
                Severity::Warning
            } else {
                Severity::Info
            };
        let label = Rung::from_number(rung).label();
        let mut summary = format!(
            "{}–{}: {}{label} (rung {rung} of 7)",
            self.name(a),
            self.name(b),
            if reciprocal { "reciprocal " } else { "" }
        );
        if killed > 0 {
            summary.push_str(&format!(" after an attack that killed {killed}"));
        }
        let dyad = [a.clone(), b.clone()];
        Some(Alert {
            fingerprint: alert_fingerprint(AlertKind::Escalation, &dyad),
            kind: AlertKind::Escalation,
            dyad,
            rung,
            severity,
            summary,
            event_time: stamp(t),
            casualties: Casualties { killed, injured },
            reciprocal,
            sources,
            articles,
            evidence,
        })
    }

    fn spike_alert(&self, key: &str, t: i64) -> Option<Alert> {
        let d = self.dyads.get(key)?;
        let [a, b] = &d.parties;
        if !self.is_state(a) || !self.is_state(b) {
            return None;
        }
        let r = &self.rules.alerts;
        let (today, median, z) = d.spike(t, r.baseline_min_days, r.baseline_days)?;
        if z < r.spike_z || today < r.spike_min_conflict {
            return None;
        }
        let window = r.rung_window_hours * HOUR;
        let rung = d.rung(t, window);
        let day = t.div_euclid(DAY);
        let mut today_records: Vec<&Record> = d
            .recent
            .iter()
            .filter(|x| x.time.div_euclid(DAY) == day && x.factual() && x.goldstein < 0.0)
            .collect();
        let skip = today_records.len().saturating_sub(r.max_evidence);
        today_records.drain(..skip);
        let evidence: Vec<Evidence> = today_records.iter().map(|x| x.evidence.clone()).collect();
        let (sources, articles) = self.sources(today_records.iter().map(|x| x.story), &evidence);
        let dyad = [a.clone(), b.clone()];
        Some(Alert {
            fingerprint: alert_fingerprint(AlertKind::Spike, &dyad),
            kind: AlertKind::Spike,
            dyad,
            rung,
            severity: if rung >= Rung::LimitedForce.number() {
                Severity::Critical
            } else {
                Severity::Warning
            },
            summary: format!(
                "{}–{}: conflict spike, {today:.0} against a baseline of {median:.0} a day (rung {rung} of 7)",
                self.name(a),
                self.name(b)
            ),
            event_time: stamp(t),
            casualties: Casualties::default(),
            reciprocal: false,
            sources,
            articles,
            evidence,
        })
    }

    /// The mass-casualty alert of a dyad: its incidents within the hold time of the latest
    /// (the list holds no others). It changes only when an incident comes; other news on the
    /// dyad does not update it.
    fn incident_alert(&self, key: &str, t: i64) -> Option<Alert> {
        let list = self.incidents.get(key)?;
        let hold = (self.rules.alerts.resolve_hold_hours * HOUR).max(1);
        let last = list.iter().map(|(at, ..)| *at).max()?;
        if t - last >= hold {
            return None;
        }
        let killed = list.iter().map(|i| i.1).max().unwrap_or(0);
        let injured = list.iter().map(|i| i.2).max().unwrap_or(0);
        let (a, b) = key.split_once('|')?;
        // The rung of the violence itself, at least limited use of force.
        let rung = list
            .iter()
            .map(|i| Rung::of_code(&i.4.cameo, i.4.modality).number())
            .max()
            .unwrap_or(0)
            .max(Rung::LimitedForce.number());
        let recent = &list[list.len().saturating_sub(self.rules.alerts.max_evidence)..];
        let evidence: Vec<Evidence> = recent.iter().map(|i| i.4.clone()).collect();
        let (sources, articles) = self.sources(recent.iter().map(|i| i.3), &evidence);
        let dyad = [a.to_owned(), b.to_owned()];
        let severity = if killed >= self.rules.alerts.mass_casualty_killed * 5 {
            Severity::Critical
        } else {
            Severity::Warning
        };
        let mut summary = format!("{}–{}: violence that killed {killed}", self.name(a), self.name(b));
        if injured > 0 {
            summary.push_str(&format!(" and injured {injured}"));
        }
        summary.push_str(&format!(" (rung {rung} of 7)"));
        Some(Alert {
            fingerprint: alert_fingerprint(AlertKind::MassCasualty, &dyad),
            kind: AlertKind::MassCasualty,
            dyad,
            rung,
            severity,
            summary,
            event_time: stamp(t),
            casualties: Casualties { killed, injured },
            reciprocal: false,
            sources,
            articles,
            evidence,
        })
    }

    /// Marks active alerts whose condition no longer holds at `t`, with the time it ended.
    fn check_ended(&mut self, t: i64) {
        if self.book.is_empty() {
            self.ends.0.clear();
            self.ends.0.built = true;
            self.ends.0.checked = t;
            return;
        }
        // A full check first after a restore, and whenever time steps back (an article
        // later than the lateness bound): dues assume time only moves forward.
        #[cfg(test)]
        let forced = self.ends.0.full_scan;
        #[cfg(not(test))]
        let forced = false;
        let full = forced || !self.ends.0.built || t < self.ends.0.checked;
        let mut candidates: Vec<String> = Vec::new();
        if full {
            self.ends.0.clear();
            candidates.extend(self.book.active().map(|a| a.alert.fingerprint.clone()));
        } else {
            for key in std::mem::take(&mut self.ends.0.dirty) {
                let Some((a, b)) = key.split_once('|') else { continue };
                let dyad = [a.to_owned(), b.to_owned()];
                for kind in [AlertKind::Escalation, AlertKind::Spike, AlertKind::MassCasualty] {
                    let fp = alert_fingerprint(kind, &dyad);
                    if self.book.get(&fp).is_some() {
                        candidates.push(fp);
                    }
                }
            }
            while let Some((at, _)) = self.ends.0.queue.first()
                && *at <= t
            {
                if let Some((_, fp)) = self.ends.0.queue.pop_first() {
                    self.ends.0.due.remove(&fp);
                    candidates.push(fp);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
        }
        self.ends.0.built = true;
        self.ends.0.checked = t;
        for fp in candidates {
            let Some(a) = self.book.get(&fp) else {
                self.ends.0.set(&fp, None);
                continue;
            };
            if a.below_since.is_some() {
                self.ends.0.set(&fp, None);
                continue;
            }
            match self.end_of(&a.alert, t) {
                Ok(since) => {
                    self.book.ended(&fp, since);
                    self.ends.0.set(&fp, None);
                }
                Err(due) => self.ends.0.set(&fp, due),
            }
        }
    }

    /// Whether an alert's condition has ended by `t`: `Ok(since)` when it has, else
    /// `Err(due)`, the time it ends if its dyad does not change (none: not by time alone).
    fn end_of(&self, alert: &Alert, t: i64) -> Result<i64, Option<i64>> {
        let r = &self.rules.alerts;
        let window = r.rung_window_hours * HOUR;
        let hold = r.resolve_hold_hours * HOUR;
        let key = format!("{}|{}", alert.dyad[0], alert.dyad[1]);
        match alert.kind {
            AlertKind::Escalation => {
                let Some(d) = self.dyads.get(&key) else { return Err(None) };
                if d.rung(t, window) < r.fire_rung {
                    return Ok(d.below_since(t, window, r.fire_rung));
                }
                // The rung holds while its latest qualifying event is in the window.
                let last = d
                    .holding(t, window)
                    .filter(|x| x.goldstein < 0.0 && x.rung >= r.fire_rung)
                    .map(|x| x.time)
                    .max();
                Err(last.map(|l| l + window))
            }
            AlertKind::Spike => {
                let Some(d) = self.dyads.get(&key) else { return Err(None) };
                let day = t.div_euclid(DAY);
                let still = d
                    .spike(t, r.baseline_min_days, r.baseline_days)
                    .is_some_and(|(today, _, z)| z >= r.spike_z && today >= r.spike_min_conflict);
                if still {
                    // Without new events the day's figures change only with the day.
                    return Err(Some((day + 1) * DAY));
                }
                // The spike ended with the last day that had one.
                let last = d.recent.iter().filter(|x| x.factual() && x.goldstein < 0.0).map(|x| x.time).max();
                Ok(last.map_or(day * DAY, |l| (l.div_euclid(DAY) + 1) * DAY).min(t))
            }
            // Ended with the last incident; resolves a hold time later.
            AlertKind::MassCasualty => {
                let last = self.incidents.get(&key).and_then(|l| l.iter().map(|(at, ..)| *at).max());
                match last {
                    Some(l) if t - l >= hold => Ok(l),
                    Some(l) => Err(Some(l + hold)),
                    None => Err(None),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
