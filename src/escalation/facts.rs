//! The engine's input: an analysis reduced to the parties, codes and evidence of its events
//! ([`ArticleFacts::from_analysis`]), the toll tied to each event, and the mass-casualty
//! incident an article reports. Reads the lexicon; knows nothing of dyad state or alerts.

use serde::{Deserialize, Serialize};

use crate::alerts::story::{Signature, signature};
use crate::lexicon::Lexicon;
use crate::model::{Analysis, Cameo, Casualties, CasualtyMention, Evidence, Modality};

use super::stamp;

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
            // The learned model's guesses are shown, but only the rules' events move a ladder.
            .filter(|e| e.modality != Modality::Negated && !e.learned)
            // A compound subject with no target (police and foreign troops entering a district
            // together) acted together. Only fighting is done to each other ("India and Pakistan
            // clashed"), so only then is a hostile act one co-actor's against the other.
            .filter(|e| {
                let with_coactor = e.target.is_empty() && !e.with.is_empty();
                !with_coactor || e.goldstein >= 0.0 || e.code().is_mutual_combat()
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

    /// The mass-casualty incident this article reports, if any: the first violent event
    /// with a perpetrator the text names (a state, an armed group or force) whose own toll
    /// (in its sentence or the next: a toll elsewhere in the article may be another
    /// incident, a statistic or history) is at least `threshold` killed. A flood or a crash
    /// that killed many is a tragedy, not an escalation signal.
    pub fn mass_casualty(&self, threshold: u32) -> Option<(&Fact, Casualties)> {
        if self.casualties.killed < threshold {
            return None;
        }
        self.facts
            .iter()
            .filter(|f| f.modality.is_factual() && Cameo::of(&f.cameo).is_violent() && f.source_armed)
            .map(|f| (f, self.toll_of(f)))
            .find(|(_, toll)| toll.killed >= threshold)
    }
}

/// A mass-casualty incident a dyad remembers: violence reported with at least the
/// mass-casualty toll. Snapshots hold it as the tuple (time, killed, injured, story,
/// evidence), as they did before it had names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "IncidentTuple", into = "IncidentTuple")]
pub struct Incident {
    /// Event time, seconds.
    pub time: i64,
    /// Deaths tied to the violence.
    pub killed: u32,
    /// Injuries tied to it.
    pub injured: u32,
    /// The story it came from.
    pub story: u64,
    /// What an alert quotes.
    pub evidence: Evidence,
}

/// An [`Incident`] as snapshots store it.
type IncidentTuple = (i64, u32, u32, u64, Evidence);

impl From<IncidentTuple> for Incident {
    fn from((time, killed, injured, story, evidence): IncidentTuple) -> Self {
        Incident { time, killed, injured, story, evidence }
    }
}

impl From<Incident> for IncidentTuple {
    fn from(i: Incident) -> Self {
        (i.time, i.killed, i.injured, i.story, i.evidence)
    }
}
