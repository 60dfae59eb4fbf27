//! The on-disk shape of lexicon files: serde structs with `deny_unknown_fields`.
//! Documented for authors in `docs/lexicon.md`; validated in `compile`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One lexicon file. Every table is optional so that entries can be split across files.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// CAMEO codes.
    #[serde(default)]
    pub code: Vec<Spanned<CodeEntry>>,
    /// CAMEO classes by name (`[class.violent]`).
    #[serde(default)]
    pub class: BTreeMap<String, Spanned<SelectorEntry>>,
    /// The ladder rung codes reach, by rung number (`[rung.5]`).
    #[serde(default)]
    pub rung: BTreeMap<String, Spanned<SelectorEntry>>,
    /// Quad classes by name (`[quad.verbal_conflict]`).
    #[serde(default)]
    pub quad: BTreeMap<String, Spanned<SelectorEntry>>,
    /// Frame re-coding tables.
    #[serde(default)]
    pub frame: Vec<Spanned<FrameEntry>>,
    /// States.
    #[serde(default)]
    pub country: Vec<Spanned<CountryEntry>>,
    /// Sector agents.
    #[serde(default)]
    pub agent: Vec<Spanned<AgentEntry>>,
    /// Named actors: institutions, organisations, armed groups.
    #[serde(default)]
    pub actor: Vec<Spanned<ActorEntry>>,
    /// Persons with dated roles.
    #[serde(default)]
    pub person: Vec<Spanned<PersonEntry>>,
    /// Locations.
    #[serde(default)]
    pub places: Vec<Spanned<PlacesEntry>>,
    /// Agreements with their parties.
    #[serde(default)]
    pub treaty: Vec<Spanned<TreatyEntry>>,
    /// Event phrasings.
    #[serde(default)]
    pub event: Vec<Spanned<EventEntry>>,
    /// Cue words steering the rules.
    pub cues: Option<Spanned<CuesEntry>>,
    /// Common English words that are also names.
    #[serde(default)]
    pub words: Vec<String>,
    /// Closed word classes, by name (`grammar.toml`).
    pub grammar: Option<Spanned<BTreeMap<String, Spanned<Vec<String>>>>>,
    /// Number words (`grammar.toml`).
    pub numbers: Option<Spanned<NumbersEntry>>,
    /// Irregular verbs (`verbs.toml`).
    pub verbs: Option<Spanned<VerbsEntry>>,
    /// Sector codes (`sectors.toml`).
    #[serde(default)]
    pub sector: Vec<Spanned<SectorEntry>>,
    /// International actor types (`sectors.toml`).
    #[serde(default)]
    pub international: Vec<Spanned<SectorEntry>>,
}

/// Number words and their values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersEntry {
    /// Units and teens ("six", "dozen").
    pub units: BTreeMap<String, u32>,
    /// Tens ("twenty").
    pub tens: BTreeMap<String, u32>,
}

/// Irregular verbs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbsEntry {
    /// Prefixes that keep a verb's irregular forms, tried in order.
    pub prefixes: Vec<String>,
    /// Irregular verbs whose regular forms are as common.
    pub regular_too: Vec<String>,
    /// Lemma, past, past participle.
    pub irregular: Vec<[String; 3]>,
    /// Irregular third person singular by lemma ("be" → "is").
    #[serde(default)]
    pub third_person: BTreeMap<String, String>,
    /// Other present forms by lemma, read as the lemma ("be" → "am", "are", "were").
    #[serde(default)]
    pub other_present: BTreeMap<String, Vec<String>>,
}

/// A sector code or international actor type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorEntry {
    /// Three capitals.
    pub code: String,
    /// Display name in summaries.
    #[serde(default)]
    pub name: Option<String>,
    /// Carries arms.
    #[serde(default)]
    pub armed: bool,
    /// Makes an actor political even without a country.
    #[serde(default)]
    pub political: bool,
    /// A firm or outlet a later "it" can stand for.
    #[serde(default)]
    pub organisation: bool,
}

/// A CAMEO code with its weight and PLOVER mapping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeEntry {
    /// Two to four digits.
    pub code: String,
    /// Codebook name.
    pub name: String,
    /// Goldstein weight.
    pub goldstein: f64,
    /// PLOVER category, empty for root 01.
    #[serde(default)]
    pub plover: String,
    /// PLOVER mode.
    #[serde(default)]
    pub mode: String,
}

/// Which CAMEO codes a class, rung or quad class takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectorEntry {
    /// Whole roots, 1 to 20.
    #[serde(default)]
    pub roots: Vec<u8>,
    /// Codes, each with every code under it.
    #[serde(default)]
    pub codes: Vec<String>,
}

/// How a governing verb re-codes the action it governs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameEntry {
    /// `intent`, `threat`, `refuse`, `demand` or `appeal`.
    pub kind: String,
    /// CAMEO prefix of the governed action; empty matches any.
    #[serde(default)]
    pub when: String,
    /// Code of the frame event.
    pub code: String,
}

/// A state.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-3 or legacy CAMEO code.
    pub code: String,
    /// Usual English name.
    pub name: String,
    /// Other names and acronyms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives and person nouns, singular.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Seats of government.
    #[serde(default)]
    pub capitals: Vec<String>,
    /// True for states that no longer exist.
    #[serde(default)]
    pub historical: bool,
}

/// A sector named by common nouns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentEntry {
    /// Sector code.
    pub sector: String,
    /// Country or international type implied by the noun ("IGO" for peacekeepers).
    #[serde(default)]
    pub country: String,
    /// Singular nouns.
    pub nouns: Vec<String>,
}

/// A named actor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// Full CAMEO-style code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Other names and acronyms.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// Full name.
    pub name: String,
    /// Other full names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Single names safe to match alone.
    #[serde(default)]
    pub short: Vec<String>,
    /// Dated roles.
    pub roles: Vec<RoleEntry>,
}

/// A dated role of a person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEntry {
    /// Actor code while in the role.
    pub code: String,
    /// Title, for display.
    #[serde(default)]
    pub title: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, absent while in office.
    #[serde(default)]
    pub to: Option<String>,
}

/// A group of places in one country.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesEntry {
    /// Country code; empty for disputed territory.
    #[serde(default)]
    pub country: String,
    /// Parties to the dispute.
    #[serde(default)]
    pub disputed: Vec<String>,
    /// Place names.
    pub names: Vec<String>,
}

/// An agreement between states.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatyEntry {
    /// Usual name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Country codes of the parties.
    pub parties: Vec<String>,
}

/// An event phrasing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    /// CAMEO code.
    pub code: String,
    /// Verb phrases; the first word is a lemma.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Event nouns, singular.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Head nouns, one of which must follow.
    #[serde(default)]
    pub objects: Vec<String>,
    /// Whether the passive voice codes the same event with roles swapped.
    #[serde(default = "default_true")]
    pub passive: bool,
    /// Whether the subject is the one the event befell, even in the active voice ("died
    /// under torture"): it is the target, and "by X" names the source.
    #[serde(default)]
    pub victim: bool,
    /// Whether the nouns name a weapon rather than an act ("bomb", "grenade"): one is an
    /// event only right before a verb saying it went off ("a bomb exploded").
    #[serde(default)]
    pub weapon: bool,
}

fn default_true() -> bool {
    true
}

/// Cue lists.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuesEntry {
    /// Verbs that carry an event noun ("carry out", "launch").
    #[serde(default)]
    pub light_verbs: Vec<String>,
    /// Intent frames ("agree to", "will").
    #[serde(default)]
    pub intent: Vec<String>,
    /// Threat frames ("threaten to", "warn of").
    #[serde(default)]
    pub threat: Vec<String>,
    /// Consideration frames ("consider", "could").
    #[serde(default)]
    pub consider: Vec<String>,
    /// Refusal frames ("refuse to").
    #[serde(default)]
    pub refuse: Vec<String>,
    /// Negations ("not", "never").
    #[serde(default)]
    pub negate: Vec<String>,
    /// Denials that negate what they govern ("deny", "dismiss reports of").
    #[serde(default)]
    pub deny: Vec<String>,
    /// Demand frames ("demand that").
    #[serde(default)]
    pub demand: Vec<String>,
    /// Appeal frames ("urge", "call on").
    #[serde(default)]
    pub appeal: Vec<String>,
    /// Reporting verbs ("say", "add").
    #[serde(default)]
    pub report: Vec<String>,
    /// Reporting phrases placed before the speaker ("according to").
    #[serde(default)]
    pub report_before: Vec<String>,
    /// Clause boundaries ("which", "while").
    #[serde(default)]
    pub clause: Vec<String>,
    /// Phrases naming both parties of a dyad ("both countries").
    #[serde(default)]
    pub compound: Vec<String>,
    /// Pronouns referring back to an actor.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Casualty words for deaths.
    #[serde(default)]
    pub killed: Vec<String>,
    /// Casualty words for injuries.
    #[serde(default)]
    pub injured: Vec<String>,
    /// Verbs saying an event noun before them happened ("a blast rocked the town").
    #[serde(default)]
    pub occur: Vec<String>,
    /// Words marking a sentence as sport, markets or entertainment.
    #[serde(default)]
    pub discard: Vec<String>,
    /// Accident and disaster words: the sentence's casualties are no evidence of violence.
    #[serde(default)]
    pub mishap: Vec<String>,
}
