//! Plain data shared by every layer: articles, actors, events, casualties, dyads and the
//! escalation ladder. No I/O, no tokio or tonic.

mod article;
mod cameo;

use serde::{Deserialize, Serialize};

pub use self::article::Article;
pub use self::cameo::{Cameo, Class, Codebook, Quad, Selector};

/// A byte range `[start, end)` into an article's text; serialised as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The text at this span, if it lies on character boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start as usize..self.end as usize)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[u32; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// How firmly the text asserts an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Claimed by a named speaker.
    Reported,
    /// Threatened, warned of, vowed.
    Threatened,
    /// Considered, planned, possible, conditional.
    Considered,
    /// Denied or negated.
    Negated,
}

impl Modality {
    /// Whether the event counts as having happened (asserted or reported).
    pub fn is_factual(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Reported)
    }

    /// How much the event weighs in dyad sums.
    pub fn weight(self) -> f64 {
        match self {
            Modality::Asserted => 1.0,
            Modality::Reported => 0.8,
            Modality::Threatened => 0.5,
            Modality::Considered => 0.3,
            Modality::Negated => 0.0,
        }
    }

    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Threatened => "threatened",
            Modality::Considered => "considered",
            Modality::Negated => "negated",
        }
    }
}

/// An actor mention in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// CAMEO-style code ("PAKGOV", "IGOUNO", "REB").
    pub code: String,
    /// Display name.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Source actor code, empty when none.
    pub source: String,
    /// Target actor code, empty when none.
    pub target: String,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER category.
    pub plover: String,
    /// Goldstein weight.
    pub goldstein: f64,
    /// How firmly asserted.
    pub modality: Modality,
    /// Sentence index, from 0.
    pub sentence: u32,
    /// The sentence's span in the text.
    pub sentence_span: Span,
    /// Evidence span.
    pub span: Span,
    /// The text at `span`.
    pub text: String,
    /// Speaker of a reported event.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub speaker: String,
    /// Country-level code of the source ("" when none).
    #[serde(skip)]
    pub source_country: String,
    /// Country-level code of the target ("" when none).
    #[serde(skip)]
    pub target_country: String,
    /// For a compound subject with no target ("India and Pakistan agreed to a ceasefire"):
    /// the co-actor this actor acted with. Event-data scoring leaves the target empty; the
    /// escalation engine reads the dyad from here.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub with: String,
    /// Country-level code of `with`.
    #[serde(skip)]
    pub with_country: String,
    /// Read by the learned model where no rule coded an event: shown, never on a ladder.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub learned: bool,
}

impl Event {
    /// The CAMEO code, whose classes the codebook knows.
    pub fn code(&self) -> Cameo {
        Cameo::of(&self.cameo)
    }

    /// The CAMEO root, 1 to 20.
    pub fn root(&self) -> u8 {
        self.code().root()
    }
}

/// Casualty counts stated in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Casualties {
    /// People reported killed.
    pub killed: u32,
    /// People reported injured.
    pub injured: u32,
}

/// One casualty count in the text: "killed at least 26", "three were injured".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CasualtyMention {
    /// Index of its sentence.
    pub sentence: u32,
    /// Byte offset of the casualty word ("killed", "deaths", "injured").
    pub at: u32,
    /// The count, of deaths or of injuries.
    pub count: u32,
    /// Whether the count is of injuries (else deaths).
    pub injured: bool,
}

/// The escalation ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Rung {
    /// Cooperation only.
    Cooperation = 0,
    /// Accusations, criticism, rejection, demands.
    Rhetoric = 1,
    /// Threats and ultimatums.
    Threats = 2,
    /// Diplomatic and economic measures: expulsions, sanctions, closures, treaty suspensions.
    Measures = 3,
    /// Military posture: mobilisation, deployments, alerts, exercises.
    Posture = 4,
    /// Limited use of force: attacks, clashes, arrests of nationals, seizures.
    LimitedForce = 5,
    /// Major military operations: shelling, air strikes, blockade, occupation.
    MajorOperations = 6,
    /// War: mass violence, weapons of mass destruction.
    War = 7,
}

impl Rung {
    /// The rung an event code reaches (`[rung.N]` in `cameo.toml`), capped by its modality
    /// (see [`Rung::capped`]).
    pub fn of_code(cameo: &str, modality: Modality) -> Rung {
        Cameo::of(cameo).rung_as(modality)
    }

    /// The rung an event that reaches `self` when it happens reaches with `modality`:
    /// threatened events at most [`Rung::Threats`], considered and negated ones at most
    /// [`Rung::Rhetoric`].
    pub fn capped(self, modality: Modality) -> Rung {
        match modality {
            Modality::Asserted | Modality::Reported => self,
            Modality::Threatened => self.min(Rung::Threats),
            Modality::Considered | Modality::Negated => self.min(Rung::Rhetoric),
        }
    }

    /// The rung as a number 0 to 7.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// A rung from its number (clamped to 7).
    pub fn from_number(n: u8) -> Rung {
        match n {
            0 => Rung::Cooperation,
            1 => Rung::Rhetoric,
            2 => Rung::Threats,
            3 => Rung::Measures,
            4 => Rung::Posture,
            5 => Rung::LimitedForce,
            6 => Rung::MajorOperations,
            _ => Rung::War,
        }
    }

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            Rung::Cooperation => "cooperation",
            Rung::Rhetoric => "rhetoric",
            Rung::Threats => "threats",
            Rung::Measures => "diplomatic and economic measures",
            Rung::Posture => "military posture",
            Rung::LimitedForce => "limited use of force",
            Rung::MajorOperations => "major military operations",
            Rung::War => "war",
        }
    }
}

/// An article's events between one pair of country-level actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadSummary {
    /// First code, alphabetically.
    pub a: String,
    /// Second code.
    pub b: String,
    /// Ladder rung, 0 to 7.
    pub rung: u8,
    /// Sum of |Goldstein| of conflictual events, weighted by modality.
    pub conflict: f64,
    /// Sum of Goldstein of cooperative events, weighted by modality.
    pub cooperation: f64,
}

/// Everything the analyzer found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The article id.
    pub id: String,
    /// Coded events, in text order.
    pub events: Vec<Event>,
    /// Actor mentions, in text order.
    pub actors: Vec<ActorMention>,
    /// Casualty counts (the largest stated in any sentence).
    pub casualties: Casualties,
    /// Every count stated, where it is stated. Not in the JSON output; the escalation engine
    /// ties a toll to the violence reported with it.
    #[serde(skip)]
    pub casualty_mentions: Vec<CasualtyMention>,
    /// Per-dyad summaries, sorted.
    pub dyads: Vec<DyadSummary>,
    /// Number of sentences.
    pub sentences: u32,
}

/// What kind of situation an alert describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// A dyad climbed the escalation ladder to the alert rung (or its measures turned
    /// tit-for-tat).
    Escalation,
    /// A dyad's conflict intensity spiked against its own baseline.
    Spike,
    /// Violence that killed many people.
    MassCasualty,
}

impl AlertKind {
    /// The snake-case name used in labels and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Escalation => "escalation",
            AlertKind::Spike => "spike",
            AlertKind::MassCasualty => "mass_casualty",
        }
    }
}

/// How urgent an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Worth a look now.
    Warning,
    /// Act now.
    Critical,
}

/// What happened to an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AlertEventType {
    /// The condition started.
    Fired,
    /// Severity, rung or evidence changed.
    Updated,
    /// The condition ended and stayed ended for the hold time.
    Resolved,
}

/// One piece of evidence behind an alert: a sentence of an article and the event in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The article.
    pub article_id: String,
    /// The sentence, quoted exactly.
    pub sentence: String,
    /// The event's span in the article's text.
    pub span: Span,
    /// The text at the span.
    pub text: String,
    /// The event's CAMEO code.
    pub cameo: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// How firmly the event was asserted.
    pub modality: Modality,
    /// Publication time of the article (RFC 3339); receive time when it had none.
    pub time: String,
    /// True when the article had no publication time and its receive time was used.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub received_time: bool,
}

/// An alert: an identity (fingerprint of its labels), a state and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Hex fingerprint of (kind, dyad, rung band): the same situation keeps it.
    pub fingerprint: String,
    /// Kind.
    pub kind: AlertKind,
    /// The two parties, sorted (country-level codes, or a sector when no country).
    pub dyad: [String; 2],
    /// Escalation ladder rung, 0 to 7.
    pub rung: u8,
    /// Severity.
    pub severity: Severity,
    /// One line a person can act on.
    pub summary: String,
    /// Event time of the change (RFC 3339).
    pub event_time: String,
    /// The largest death and injury counts in the alert's evidence window.
    pub casualties: Casualties,
    /// Measures answered by counter-measures within the reciprocity window.
    pub reciprocal: bool,
    /// Distinct outlets (near-duplicate copies) carrying the evidence.
    pub sources: u32,
    /// Articles behind the alert, oldest first.
    pub articles: Vec<String>,
    /// The sentences, spans and events behind it.
    pub evidence: Vec<Evidence>,
}

/// A change to an alert, in the order the engine decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertEvent {
    /// Fired, updated or resolved.
    #[serde(rename = "type")]
    pub kind: AlertEventType,
    /// The alert after the change.
    pub alert: Alert,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rungs_by_code_and_modality() {
        let cases = [
            ("112", Modality::Asserted, Rung::Rhetoric),
            ("1313", Modality::Asserted, Rung::Threats),
            ("161", Modality::Asserted, Rung::Measures),
            ("161", Modality::Threatened, Rung::Threats),
            ("172", Modality::Considered, Rung::Rhetoric),
            ("154", Modality::Asserted, Rung::Posture),
            ("190", Modality::Asserted, Rung::LimitedForce),
            ("195", Modality::Asserted, Rung::MajorOperations),
            ("202", Modality::Reported, Rung::War),
            ("041", Modality::Asserted, Rung::Cooperation),
            ("195", Modality::Negated, Rung::Rhetoric),
        ];
        for (code, m, rung) in cases {
            assert_eq!(Rung::of_code(code, m), rung, "{code} {m:?}");
        }
    }

    #[test]
    fn span_serialises_as_pair() {
        let s = Span { start: 3, end: 9 };
        assert_eq!(serde_json::to_string(&s).expect("json"), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").expect("json");
        assert_eq!(back, s);
    }
}
