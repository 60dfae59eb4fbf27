//! The lexicon: loading, validating and compiling our own TOML files (`docs/lexicon.md`)
//! into one dictionary of token sequences plus the tables the analyzer reads. Pure: no I/O beyond
//! reading the files it is given, no tokio or tonic.

mod codebook;
mod compile;
mod grammar;
pub mod morph;
mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::model::Codebook;

pub use codebook::standard_codebook;
pub use grammar::{Grammar, Numbers, Sector, Sectors, Verbs, WordClass};
pub use morph::VerbForm;

/// The seed lexicon, embedded at build time: (file name, contents).
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));

/// PLOVER 2021 categories.
pub const PLOVER: &[&str] = &[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/// Errors found while loading a lexicon; each names the file and, where it can, the line and
/// the entry.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file or directory could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not valid TOML or does not fit the schema.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An entry is well-formed but invalid (unknown code, bad date, duplicate name...).
    #[error("{file}:{line}: {entry}: {message}")]
    Invalid {
        /// File name.
        file: String,
        /// 1-based line of the entry.
        line: usize,
        /// The entry, as a person would name it (`person "Ishaq Dar"`).
        entry: String,
        /// What is wrong.
        message: String,
    },
    /// The directory holds no lexicon files.
    #[error("{0}: no .toml lexicon files")]
    Empty(PathBuf),
    /// No file has a table the code needs (`[grammar]`, `[[sector]]`...).
    #[error("{0}: no lexicon file has it")]
    Missing(String),
}

/// Index of a CAMEO code in [`Lexicon::codes`].
pub type CodeId = u16;

/// A CAMEO code with its weight and PLOVER mapping.
#[derive(Debug, Clone)]
pub struct CodeInfo {
    /// Two to four digits.
    pub code: String,
    /// Codebook name.
    pub name: String,
    /// Goldstein weight.
    pub goldstein: f64,
    /// PLOVER category ("" for root 01).
    pub plover: String,
    /// PLOVER mode.
    pub mode: String,
    /// The two-digit root as a number, 1 to 20.
    pub root: u8,
}

impl CodeInfo {
    /// The code as a [`Cameo`](crate::model::Cameo), whose methods say what it means.
    pub fn cameo(&self) -> crate::model::Cameo {
        crate::model::Cameo::of(&self.code)
    }
}

/// A state.
#[derive(Debug, Clone)]
pub struct Country {
    /// 3-letter code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Whether the state no longer exists (Soviet Union, Yugoslavia).
    pub historical: bool,
    /// Its first demonym ("Indian"), or its name when it has none: what its forces,
    /// police or government are called ("Indian police").
    pub demonym: String,
}

/// A named actor (institution, organisation, armed group).
#[derive(Debug, Clone)]
pub struct NamedActor {
    /// Full code.
    pub code: String,
    /// Display name.
    pub name: String,
}

/// A sector agent noun group.
#[derive(Debug, Clone)]
pub struct Agent {
    /// Sector code.
    pub sector: String,
    /// Implied country or international type, may be empty.
    pub country: String,
}

/// A person's dated role.
#[derive(Debug, Clone)]
pub struct Role {
    /// Actor code while in the role.
    pub code: String,
    /// Title.
    pub title: String,
    /// First day.
    pub from: Date,
    /// Last day, if the role ended.
    pub to: Option<Date>,
}

/// A person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Roles, in file order.
    pub roles: Vec<Role>,
}

impl Person {
    /// The person's code on `date`: the role in force then; outside every role, the
    /// country of the nearest role as an elite (`PAKELI`); without a date, the latest role.
    pub fn code_on(&self, date: Option<Date>) -> String {
        match self.role_on(date) {
            (code, false) => code.to_owned(),
            (code, true) => format!("{}ELI", code.get(..3).unwrap_or(code)),
        }
    }

    /// The role code in force on `date` (see [`Person::code_on`]), and whether the date
    /// falls outside every role (the person is then a former official).
    pub fn role_on(&self, date: Option<Date>) -> (&str, bool) {
        let Some(date) = date else {
            let latest = self.roles.iter().max_by_key(|r| r.from).map_or("", |r| r.code.as_str());
            return (latest, false);
        };
        let mut best: Option<&Role> = None;
        for r in &self.roles {
            let active = r.from <= date && r.to.is_none_or(|t| date <= t);
            if active {
                // Prefer the most recently started of concurrent roles.
                if best.is_none_or(|b| r.from > b.from) {
                    best = Some(r);
                }
            }
        }
        if let Some(r) = best {
            return (r.code.as_str(), false);
        }
        // Nearest role in time: before the date, the last to end; else the first to start.
        let nearest = self
            .roles
            .iter()
            .min_by_key(|r| {
                let end = r.to.unwrap_or(r.from);
                let d = if date < r.from { r.from - date } else { date - end };
                d.get_days().unsigned_abs()
            })
            .map_or("", |r| r.code.as_str());
        (nearest, true)
    }
}

/// A location.
#[derive(Debug, Clone)]
pub struct Place {
    /// Display name.
    pub name: String,
    /// Country code, empty for disputed territory.
    pub country: String,
    /// Parties to a dispute over it.
    pub disputed: Vec<String>,
}

/// An agreement with its parties.
#[derive(Debug, Clone)]
pub struct Treaty {
    /// Name.
    pub name: String,
    /// Country codes of the parties.
    pub parties: Vec<String>,
}

/// A compiled event phrasing.
#[derive(Debug, Clone)]
pub struct EventRule {
    /// The code it produces.
    pub code: CodeId,
    /// Head nouns (folded token sequences, singular and plural), one of which must follow.
    pub objects: Vec<Vec<String>>,
    /// Indices into `objects` by their first word: a clause is scanned with one lookup per
    /// token instead of a comparison with every object.
    pub objects_by_first: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// Whether the passive voice codes the same event with roles swapped.
    pub passive: bool,
    /// Whether the subject suffered the event even in the active voice ("died under
    /// torture"): roles as in the passive.
    pub victim: bool,
    /// The nouns name a weapon, an event only right before a verb saying it went off.
    pub weapon: bool,
}

/// The kinds of cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Carries an event noun ("carry out").
    Light,
    /// Intent frame ("agree to", "will").
    Intent,
    /// Threat frame ("threaten to").
    Threat,
    /// Consideration frame ("consider", "could").
    Consider,
    /// Refusal frame ("refuse to").
    Refuse,
    /// Negation ("not").
    Negate,
    /// Denial ("deny").
    Deny,
    /// Demand frame.
    Demand,
    /// Appeal frame.
    Appeal,
    /// Reporting verb ("say").
    Report,
    /// Reporting phrase before the speaker ("according to").
    ReportBefore,
    /// Clause boundary.
    Clause,
    /// Both parties ("both countries").
    Compound,
    /// Pronoun.
    Pronoun,
    /// Death word.
    Killed,
    /// Injury word.
    Injured,
    /// Sport / markets / entertainment marker.
    Discard,
    /// Says an event noun before it happened ("took place", "rocked").
    Occur,
    /// An accident or disaster ("crashed", "derailed", "earthquake", "stampede"): a toll
    /// reported with it is no evidence of violence.
    Mishap,
}

impl Cue {
    /// A frame: a cue that governs another event and sets its modality (threats,
    /// considerations, intents, refusals, denials, demands, appeals).
    pub fn is_frame(self) -> bool {
        matches!(
            self,
            Cue::Threat | Cue::Consider | Cue::Intent | Cue::Refuse | Cue::Deny | Cue::Demand | Cue::Appeal
        )
    }
}

/// What a phrase pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// A verb phrase of an event rule.
    Verb(u32),
    /// An event noun of an event rule.
    Noun(u32),
    /// A cue.
    Cue(Cue),
}

/// A segment after a phrase's first contiguous words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Up to this many words may intervene.
    Gap(u8),
    /// These folded words must follow, in order.
    Words(Vec<String>),
}

/// A phrase: what it stands for, and the words that must follow its matched head.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// What the phrase stands for.
    pub kind: PhraseKind,
    /// Segments after the head.
    pub rest: Vec<Segment>,
    /// Number of words, for specificity.
    pub words: u8,
}

/// Every pattern of the lexicon (names, words, phrases) as a sequence of tokens in a trie
/// of token ids. Lexicon patterns only ever match whole tokens, so matching token by token
/// does the work of a byte automaton with one hash lookup per token of text, and builds in
/// a few milliseconds where an automaton over the same patterns takes tens.
#[derive(Debug, Default)]
pub struct Dictionary {
    /// Token key → token id.
    interner: rustc_hash::FxHashMap<Box<str>, u32>,
    /// Trie edges: `node << 32 | token id` → child node; node 0 is the root.
    trie: rustc_hash::FxHashMap<u64, u32>,
    /// The pattern each trie node completes, or [`Dictionary::NONE`].
    terminal: Vec<u32>,
    /// Each pattern's readings: a range of `readings`.
    ranges: Vec<(u32, u32)>,
    /// Readings of every pattern, back to back.
    readings: Vec<Entry>,
    /// While building: the readings of each pattern, by its token ids.
    building: rustc_hash::FxHashMap<Box<[u32]>, Vec<Entry>>,
}

impl Dictionary {
    /// No pattern ends at a node; no token id for a word.
    pub const NONE: u32 = u32::MAX;

    /// The comparison key of a token: its folded text without accents ("jüri" and "juri"
    /// are one key), with every possessive spelled `'s`.
    pub fn key<'a>(t: &crate::text::Token, folded: &'a str) -> std::borrow::Cow<'a, str> {
        if t.kind == crate::text::TokKind::Possessive {
            return std::borrow::Cow::Borrowed("'s");
        }
        crate::text::strip_accents(t.text(folded))
    }

    /// Adds a reading to the pattern made of `tokens` (of the folded `pattern`); a reading
    /// of the same kind is kept once.
    pub(crate) fn add(&mut self, tokens: &[crate::text::Token], pattern: &str, entry: Entry) {
        let mut ids = Vec::with_capacity(tokens.len());
        for t in tokens {
            let key = Self::key(t, pattern);
            let next = u32::try_from(self.interner.len()).unwrap_or(Self::NONE);
            let id = match self.interner.get(&*key) {
                Some(&id) => id,
                None => *self.interner.entry(key.into()).or_insert(next),
            };
            ids.push(id);
        }
        let list = self.building.entry(ids.into_boxed_slice()).or_default();
        if !list.iter().any(|e| e.kind == entry.kind) {
            list.push(entry);
        }
    }

    /// Builds the trie over every pattern added. Patterns are numbered in token-id order,
    /// so the same files give the same dictionary.
    pub(crate) fn finish(&mut self) {
        let mut patterns: Vec<(Box<[u32]>, Vec<Entry>)> =
            std::mem::take(&mut self.building).into_iter().collect();
        patterns.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.trie.clear();
        self.trie.reserve(patterns.len() * 2);
        self.terminal = vec![Self::NONE];
        self.ranges = Vec::with_capacity(patterns.len());
        self.readings.clear();
        for (id, (tokens, readings)) in patterns.into_iter().enumerate() {
            let mut node = 0u32;
            for &tok in &*tokens {
                let next = u32::try_from(self.terminal.len()).unwrap_or(Self::NONE);
                node = *self.trie.entry(u64::from(node) << 32 | u64::from(tok)).or_insert_with(|| {
                    self.terminal.push(Self::NONE);
                    next
                });
            }
            self.terminal[node as usize] = u32::try_from(id).unwrap_or(Self::NONE);
            let first = u32::try_from(self.readings.len()).unwrap_or(Self::NONE);
            self.readings.extend_from_slice(&readings);
            self.ranges.push((first, u32::try_from(readings.len()).unwrap_or(0)));
        }
        self.trie.shrink_to_fit();
        self.readings.shrink_to_fit();
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The readings of a pattern.
    pub fn readings(&self, pattern: u32) -> &[Entry] {
        let (first, len) = self.ranges[pattern as usize];
        &self.readings[first as usize..(first + len) as usize]
    }

    /// The token id of every token of a text ([`Dictionary::NONE`] for words no pattern
    /// has), into `out`.
    pub fn token_ids(&self, tokens: &[crate::text::Token], folded: &str, out: &mut Vec<u32>) {
        out.clear();
        out.extend(
            tokens.iter().map(|t| self.interner.get(&*Self::key(t, folded)).copied().unwrap_or(Self::NONE)),
        );
    }

    /// Every pattern that starts at `ids[0]`, shortest first, as (pattern, token count),
    /// into `out`. The walk is no longer than the lexicon's longest pattern.
    pub fn prefixes(&self, ids: &[u32], out: &mut Vec<(u32, usize)>) {
        out.clear();
        let mut node = 0u32;
        for (k, &tok) in ids.iter().enumerate() {
            if tok == Self::NONE {
                break;
            }
            let Some(&child) = self.trie.get(&(u64::from(node) << 32 | u64::from(tok))) else { break };
            node = child;
            let pattern = self.terminal[node as usize];
            if pattern != Self::NONE {
                out.push((pattern, k + 1));
            }
        }
    }
}

/// How the original text's letter case must look for an entry to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Any case.
    Any,
    /// First letter upper-case (names that are also common words).
    Capitalized,
    /// Exactly this spelling (acronyms), index into the exact-spelling table.
    Exact(u32),
}

/// What a matched pattern may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A country's name or alias.
    Country(u16),
    /// A country's demonym.
    Demonym(u16),
    /// A country's capital (the government).
    Capital(u16),
    /// A named actor.
    Named(u32),
    /// A person's full name or safe short name.
    Person(u32),
    /// A person's surname alone: valid after a full mention in the same article.
    Surname(u32),
    /// A sector agent noun.
    Agent(u16),
    /// A place.
    Place(u32),
    /// A treaty.
    Treaty(u16),
    /// A phrase (verb, event noun, cue), with the verb form of its first word.
    Phrase(u32, VerbForm),
}

/// One reading of a matched pattern.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// What it stands for.
    pub kind: EntryKind,
    /// The letter case it needs.
    pub case: CaseRule,
}

/// A compiled lexicon, immutable and shared read-only (`Arc<Lexicon>`).
#[derive(Debug)]
pub struct Lexicon {
    /// Every pattern (names, countries, agents, words, phrases) with its readings.
    pub(crate) dictionary: Dictionary,
    pub(crate) exact: Vec<String>,
    /// CAMEO codes.
    pub codes: Vec<CodeInfo>,
    pub(crate) code_index: HashMap<String, CodeId>,
    /// What the codes mean: classes, rungs, quad classes (`[class.*]`, `[rung.*]`,
    /// `[quad.*]` in `cameo.toml`).
    pub codebook: Codebook,
    /// States.
    pub countries: Vec<Country>,
    pub(crate) country_index: HashMap<String, u16>,
    /// Named actors.
    pub named: Vec<NamedActor>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// People.
    pub people: Vec<Person>,
    /// Places.
    pub places: Vec<Place>,
    /// Treaties.
    pub treaties: Vec<Treaty>,
    /// Event rules.
    pub rules: Vec<EventRule>,
    /// Phrases (verbs, event nouns, cues).
    pub phrases: Vec<Phrase>,
    /// Frame tables per kind: (CAMEO prefix, frame code), longest prefix first.
    pub(crate) frames: HashMap<Cue, Vec<(String, CodeId)>>,
    /// Number of patterns in the dictionary.
    pub pattern_count: usize,
    /// Phrasings per code ([`CodeId`]): the verb and noun lemmas of its event entries, and
    /// the frame-table entries that produce it.
    pub phrasings: Vec<u32>,
    /// Closed word classes (`grammar.toml`).
    pub grammar: Grammar,
    /// Number words (`grammar.toml`).
    pub numbers: Numbers,
    /// Irregular verbs (`verbs.toml`).
    pub verbs: Verbs,
    /// Sector codes and international types (`sectors.toml`).
    pub sectors: Sectors,
}

impl Lexicon {
    /// The codes with fewer than `min` phrasings, in code order, with their count: what the
    /// lexicon cannot yet find in text, or finds only one way.
    pub fn coverage(&self, min: u32) -> Vec<(&CodeInfo, u32)> {
        let mut out: Vec<(&CodeInfo, u32)> =
            self.codes.iter().zip(&self.phrasings).filter(|&(_, &n)| n < min).map(|(c, &n)| (c, n)).collect();
        out.sort_by(|a, b| a.0.code.cmp(&b.0.code));
        out
    }

    /// The seed lexicon embedded in the binary.
    ///
    /// # Errors
    /// Returns an error if the embedded files are invalid (a build of a broken lexicon).
    pub fn embedded() -> Result<Self, LexiconError> {
        let files: Vec<(String, String)> =
            EMBEDDED.iter().map(|(n, c)| ((*n).to_owned(), (*c).to_owned())).collect();
        compile::compile(&files)
    }

    /// Loads every `.toml` file of a directory.
    ///
    /// # Errors
    /// Returns an error naming the file (and line and entry) that cannot be read or is
    /// invalid.
    pub fn load_dir(dir: &Path) -> Result<Self, LexiconError> {
        let read_err = |source| LexiconError::Read { path: dir.to_path_buf(), source };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(LexiconError::Empty(dir.to_path_buf()));
        }
        let mut files = Vec::with_capacity(paths.len());
        for p in paths {
            let text = std::fs::read_to_string(&p)
                .map_err(|source| LexiconError::Read { path: p.clone(), source })?;
            files.push((p.display().to_string(), text));
        }
        compile::compile(&files)
    }

    /// Compiles a lexicon from (file name, contents) pairs.
    ///
    /// # Errors
    /// Returns the first invalid entry found.
    pub fn from_sources(files: &[(String, String)]) -> Result<Self, LexiconError> {
        compile::compile(files)
    }

    /// The code id of a CAMEO code string.
    pub fn code_id(&self, code: &str) -> Option<CodeId> {
        self.code_index.get(code).copied()
    }

    /// The most general CAMEO code of a PLOVER category (the shortest, then the first):
    /// what an event known only by its category is coded as.
    pub fn category_code(&self, plover: &str) -> Option<CodeId> {
        let (i, _) = self
            .codes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.plover == plover)
            .min_by(|(_, a), (_, b)| a.code.len().cmp(&b.code.len()).then_with(|| a.code.cmp(&b.code)))?;
        CodeId::try_from(i).ok()
    }

    /// The code info of an id.
    pub fn code(&self, id: CodeId) -> &CodeInfo {
        &self.codes[usize::from(id)]
    }

    /// The frame code for a governed action under a frame kind, if the table has one.
    pub fn frame_code(&self, kind: Cue, action: CodeId) -> Option<CodeId> {
        let action = &self.code(action).code;
        self.frames
            .get(&kind)?
            .iter()
            .find(|(prefix, _)| action.starts_with(prefix.as_str()))
            .map(|(_, c)| *c)
    }

    /// Whether a 3-letter chunk is a known country or international type.
    pub fn is_country(&self, chunk: &str) -> bool {
        self.country_index.contains_key(chunk) || self.sectors.is_international(chunk)
    }

    /// The country-level part of an actor code ("PAKGOV" → "PAK", "MIL" → "").
    pub fn country_of<'a>(&self, code: &'a str) -> &'a str {
        match code.get(..3) {
            Some(c) if self.is_country(c) => c,
            _ => "",
        }
    }

    /// The English name of a country code, or the code itself.
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.country_index.get(code).map_or(code, |&i| self.countries[usize::from(i)].name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Lexicon>();
    }

    #[test]
    fn embedded_lexicon_loads() {
        let lex = Lexicon::embedded().expect("seed lexicon is valid");
        assert!(lex.codes.len() >= 300);
        assert!(lex.pattern_count > 1000);
    }

    #[test]
    fn coverage_counts_event_lemmas_and_frames() {
        let lex = Lexicon::embedded().expect("seed lexicon is valid");
        let count = |code: &str| lex.phrasings[usize::from(lex.code_index[code])];
        // 190 (conventional military force) has many verbs ("attack", "shell", ...).
        assert!(count("190") >= 3, "190 has {}", count("190"));
        // The coverage list is ordered, below its bar, and grows with the bar.
        let thin = lex.coverage(3);
        assert!(thin.iter().all(|(_, n)| *n < 3));
        assert!(thin.windows(2).all(|w| w[0].0.code < w[1].0.code));
        assert!(lex.coverage(1).len() <= thin.len());
        assert!(!thin.iter().any(|(c, _)| c.code == "190"));
    }
}
