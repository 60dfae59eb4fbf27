//! Sparse-parse rules over one sentence: actor phrases from the lexicon's hits, predicates
//! (verbs, and event nouns under a light verb or a frame), frames and modality, and the
//! source and target of each event. No parser: only word order, clause boundaries and a few
//! closed word classes.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::lexicon::{Cue, Entry, EntryKind, EventRule, Lexicon, PhraseKind, Segment, VerbForm};
use crate::model::{ActorMention, Event, Modality, Span};

use super::hits::{Hit, Hits};
use crate::text::{Punct, TokKind, Token};

/// Words that are auxiliaries or modals: between a subject and its verb, never a subject.
const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "also",
    "reportedly", "allegedly", "then", "now", "already", "again", "still", "further", "jointly", "today",
    "yesterday", "recently", "later", "earlier", "not", "never", "just", "once",
];
/// Forms of "be" (and "get") that make a past participle passive.
const BE: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "am", "get", "gets", "got", "gotten", "getting"];
/// Modal heads: frames made of them never stand alone as events.
const MODALS: &[&str] = &["will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll"];
/// Determiners and similar words that mark a following word as a noun.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my",
    "some", "several", "many", "any", "each", "every", "another", "such", "no", "more", "further", "new",
    "fresh", "first", "second", "last", "latest", "recent", "deadly", "major", "possible", "alleged",
    "joint", "continued", "renewed", "military", "cross-border", "terror", "terrorist", "suicide",
    "militant", "fierce", "heavy", "two", "three", "both", "of", "in", "for", "on", "after", "before",
    "during", "amid", "following",
];
/// Subject pronouns: a verb right after one is finite.
const SUBJECT_PRONOUNS: &[&str] = &["it", "they", "he", "she", "we", "i", "you", "who", "which"];
/// Words after a comma that continue a list of targets.
const LIST_CONTINUERS: &[&str] =
    &["including", "such", "namely", "especially", "notably", "particularly", "like"];
/// Conjunctions that make their whole clause conditional.
const CONDITIONALS: &[&str] = &["if", "unless", "whether"];
/// Verbs whose infinitive complement happened ("began to shell", "had to cancel"): after
/// any other word a bare "to" + verb is a purpose or a plan, not a fact.
const ASSERTING_BEFORE_TO: &[&str] = &[
    "begin", "began", "begun", "begins", "beginning", "start", "starts", "started", "starting", "continue",
    "continues", "continued", "continuing", "resume", "resumed", "resumes", "proceed", "proceeded",
    "proceeds", "manage", "managed", "manages", "on", "have", "has", "had", "having", "forced", "compelled",
    "obliged", "used", "allowed", "permitted", "first", "last",
];
/// Verbs of perception: the actor phrase before one witnessed what follows.
const PERCEPTION: &[&str] = &["saw", "seen", "watched", "witnessed", "heard"];

/// Prepositions whose object is never the subject of a later verb ("by" is left out: the
/// agent of a passive acts again in ", killing").
const PREPOSITIONS: &[&str] = &[
    "in", "into", "near", "at", "to", "from", "for", "with", "against", "on", "towards", "toward", "across",
    "inside", "outside", "over", "under",
];
/// Days of the week: "threatened Monday to resume" is one frame.
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/// Months, for dates.
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];
/// Words that are no noun a one-word actor phrase could modify ("Senegalese and", "terrorists
/// were"): conjunctions, prepositions, relatives, auxiliaries, reporting verbs.
const NOT_A_NOUN: &[&str] = &[
    "and", "or", "of", "in", "to", "from", "with", "at", "on", "by", "for", "as", "near", "who", "which",
    "that", "whose", "during", "after", "before", "into", "across", "over", "against", "since", "until",
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says",
];
/// Relative pronouns: the subject of the verb after them is the phrase before them.
const RELATIVES: &[&str] = &["which", "who", "that", "whom"];
/// Prepositions that tie a bare agent to a country or place after it ("police in Peshawar").
const OF_IN: &[&str] = &["of", "in", "from", "at", "across", "throughout", "inside"];
/// Words that may sit between a country and its agent ("Pakistan's federal government").
const AGENT_GLUE: &[&str] = &[
    "the", "a", "an", "'s", "’s", "senior", "top", "former", "new", "local", "federal", "state", "national",
    "vice", "chief", "deputy", "acting", "interim", "official", "officials", "own", "main", "ruling",
    "elite", "special", "armed", "security", "border", "military", "government", "-", "backed", "led",
    "based", "allied", "regular", "provincial", "regional", "central", "naval", "navy", "army", "air",
    "police", "forces",
];

/// A member without a country but with a sector, given the country of `other` when that is
/// a state (not an international type). In violence (`violent`) the other side must be a
/// state's institution or group, not a bare country name: "a gunboat attacking Japanese
/// planes" is no Japanese gunboat.
fn domestic<'a>(m: &Member<'a>, other: &Member<'a>, violent: bool) -> Member<'a> {
    let bare = m.country.is_empty() && (!m.sector.is_empty() || !m.rest.is_empty());
    let institution = !other.sector.is_empty() || !other.rest.is_empty();
    if bare
        && (institution || !violent)
        && other.country.len() == 3
        && !INTERNATIONAL.contains(&other.country)
    {
        Member { country: other.country, ..*m }
    } else {
        *m
    }
}

/// Country chunks that are international types, not states.
const INTERNATIONAL: &[&str] = &["IGO", "NGO", "IMG", "MNC"];

/// What an actor atom is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Name,
    Demonym,
    Capital,
    Named,
    Person,
    Agent,
    /// "it", "they", "its"...
    Pronoun,
    /// "both countries", "the two sides".
    Compound,
    Place(u32),
    Treaty(u16),
}

/// One actor of an actor phrase: country (or international type), organisation and sector
/// chunks, and a display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member<'a> {
    /// Country or international type ("PAK", "IGO"), or "" when unknown.
    pub country: &'a str,
    /// Chunks after the country from a named actor or person ("UNO", "GOV").
    pub rest: &'a str,
    /// Sector from an agent noun, added when `rest` has none.
    pub sector: &'a str,
    /// Display name.
    pub name: &'a str,
}

/// Sectors that make an actor political even without a country.
const POLITICAL_SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "PRM", "CRM", "HRI",
    "ELI",
];

/// Sectors of organisations that a later "it" can stand for: firms and outlets.
const ORGANISATION_SECTORS: &[&str] = &["BUS", "MED"];

/// Sectors that carry arms.
const ARMED_SECTORS: &[&str] = &["MIL", "REB", "COP", "UAF", "PRM", "INS", "SEP", "SPY"];

impl Member<'_> {
    /// Whether the actor carries arms: soldiers, police, militants, gunmen.
    pub fn is_armed(&self) -> bool {
        ARMED_SECTORS.contains(&self.sector)
            || (0..self.rest.len() / 3).any(|i| ARMED_SECTORS.contains(&&self.rest[i * 3..i * 3 + 3]))
    }

    /// Whether the actor is a state, an international body, or a political or armed sector.
    pub fn is_political(&self) -> bool {
        let chunks = || {
            std::iter::once(self.sector).chain((0..self.rest.len() / 3).map(|i| &self.rest[i * 3..i * 3 + 3]))
        };
        // "British Airways", "Pakistani villagers": a country with a civilian sector is not
        // a political actor.
        if !self.sector.is_empty()
            && !POLITICAL_SECTORS.contains(&self.sector)
            && !chunks().any(|c| POLITICAL_SECTORS.contains(&c))
        {
            return false;
        }
        !self.country.is_empty() || chunks().any(|c| POLITICAL_SECTORS.contains(&c))
    }

    /// The CAMEO-style code.
    pub fn code(&self) -> String {
        let mut s = String::with_capacity(12);
        s.push_str(self.country);
        s.push_str(self.rest);
        if !self.sector.is_empty() && !self.rest.contains(self.sector) {
            s.push_str(self.sector);
        }
        s
    }
}

#[derive(Debug, Clone)]
struct Atom<'a> {
    ts: usize,
    te: usize,
    kind: AtomKind,
    members: Vec<Member<'a>>,
}

/// An actor phrase: one or more members (a compound "India and Pakistan" has two).
#[derive(Debug, Clone)]
struct Np<'a> {
    ts: usize,
    te: usize,
    members: Vec<Member<'a>>,
    /// Followed by a possessive `'s`.
    possessive: bool,
    /// Made only of a pronoun or a compound reference.
    referential: bool,
    /// Names the speaker of a report.
    speaker: bool,
    /// Taken as the target of predicate i.
    target_of: Option<usize>,
    /// A possessive pronoun's own forces ("its troops"): never the target of its owner.
    own: bool,
    /// One demonym or one agent noun and nothing else ("Senegalese", "terrorist"): may be
    /// a modifier of the noun after it.
    lone: bool,
}

impl Np<'_> {
    fn country(&self) -> &str {
        self.members.first().map_or("", |m| m.country)
    }
}

/// A predicate: a verb phrase or a governed event noun.
#[derive(Debug, Clone)]
struct Pred {
    /// Where source search starts (the light verb for "carried out strikes").
    anchor: usize,
    /// The phrase's own tokens (for nouns, the noun).
    ts: usize,
    te: usize,
    /// Where the object head that selected the rule ends (`te` when none did).
    object_end: usize,
    /// Event rule.
    rule: u32,
    form: VerbForm,
    noun: bool,
    /// Suppressed (a frame cue's own verb reading when the frame governs something).
    dead: bool,
    /// Governed by a casualty word before it ("killed in an attack"): its subject is the
    /// victim.
    victim: bool,
    /// An event noun governed by a negation ("was not the murder", "no sign of an attack").
    negated: bool,
}

/// A cue found in the sentence.
#[derive(Debug, Clone, Copy)]
struct CueAt {
    cue: Cue,
    ts: usize,
    te: usize,
    /// The cue's head is a modal ("would"), so it never stands alone as an event.
    modal: bool,
    /// The same hit also reads as an event verb (that predicate's index).
    verb_pred: Option<usize>,
    /// The verb form of the cue's first word.
    form: VerbForm,
}

/// Who the source is.
#[derive(Debug, Clone, Copy)]
enum Subject {
    Np(usize),
    Inherit(usize),
    None,
}

/// Per-article memory that outlives a sentence: people seen, acronyms defined, recent
/// actors for pronouns and "both countries", recent dyads for targetless measures.
#[derive(Debug, Default)]
pub struct Discourse<'a> {
    seen_people: Vec<u32>,
    acronyms: HashMap<String, Vec<Member<'a>>>,
    last_subject: Vec<Member<'a>>,
    recent_countries: Vec<Member<'a>>,
    recent_dyads: Vec<(&'a str, &'a str)>,
    prev_dyads: Vec<(&'a str, &'a str)>,
}

/// Read-only inputs for one article.
pub struct Ctx<'a> {
    /// The lexicon.
    pub lex: &'a Lexicon,
    /// Original text.
    pub text: &'a str,
    /// Folded text, same offsets.
    pub folded: &'a str,
    /// Tokens.
    pub tokens: &'a [Token],
    /// Hits.
    pub hits: &'a Hits,
    /// Publication date, for dated roles.
    pub date: Option<Date>,
    /// The article reads as sport, markets, entertainment or technology (several distinct
    /// discard words): hostile events need an armed actor.
    pub non_political: bool,
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.folded))
    }

    fn is_punct(&self, i: usize, p: Punct) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct(p))
    }

    fn is_adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() > 4 && w.ends_with("ly") && self.tokens[i].kind == TokKind::Word
    }

    /// Whether token `i` is a hyphen inside a word ("cruise-missile", "ISIS-held"): glued
    /// to the words on both sides, it joins them rather than separating phrases.
    fn is_inner_hyphen(&self, i: usize) -> bool {
        let t = |k: usize| self.tokens.get(k);
        match (i.checked_sub(1).and_then(t), t(i), t(i + 1)) {
            (Some(a), Some(h), Some(b)) => {
                h.kind == TokKind::Punct(Punct::Dash) && a.end == h.start && h.end == b.start
            }
            _ => false,
        }
    }

    fn span(&self, ts: usize, te: usize) -> Span {
        Span { start: self.tokens[ts].start, end: self.tokens[te - 1].end }
    }
}

/// The analysis of one sentence.
pub struct SentenceRules<'c, 'a> {
    ctx: &'c Ctx<'a>,
    s: usize,
    e: usize,
    index: u32,
    nps: Vec<Np<'a>>,
    preds: Vec<Pred>,
    cues: Vec<CueAt>,
    treaties: Vec<(usize, usize, u16)>,
    places: Vec<(usize, usize, u32)>,
    /// For each token of the sentence: the NP covering it.
    np_at: Vec<Option<usize>>,
    /// For each token: the predicate covering it.
    pred_at: Vec<Option<usize>>,
    /// For each token: the cue covering it.
    cue_at: Vec<Option<usize>>,
}

impl<'c, 'a> SentenceRules<'c, 'a> {
    /// Runs the rules over sentence `index` spanning tokens `[s, e)` whose hits are
    /// `hits`, appending events and actor mentions.
    pub fn run(
        ctx: &'c Ctx<'a>,
        (s, e): (usize, usize),
        index: u32,
        hits: &[Hit],
        disc: &mut Discourse<'a>,
        events: &mut Vec<Event>,
        actors: &mut Vec<ActorMention>,
    ) {
        let n = e - s;
        let mut r = SentenceRules {
            ctx,
            s,
            e,
            index,
            nps: Vec::new(),
            preds: Vec::new(),
            cues: Vec::new(),
            treaties: Vec::new(),
            places: Vec::new(),
            np_at: vec![None; n],
            pred_at: vec![None; n],
            cue_at: vec![None; n],
        };
        let (atoms, phrases) = r.read_hits(hits, disc);
        r.build_nps(atoms, disc);
        r.define_acronyms(disc);
        for h in &phrases {
            r.read_phrases(h, ctx.hits.entries(h));
        }
        r.mark_speakers();
        r.govern_nouns();
        for np in &r.nps {
            if np.referential {
                continue;
            }
            for m in &np.members {
                actors.push(ActorMention {
                    code: m.code(),
                    name: m.name.to_owned(),
                    span: ctx.span(np.ts, np.te),
                });
            }
        }
        r.code_events(disc, events);
        // The article's last subject: a state's actor, or a firm or an outlet even as the
        // speaker ("the airline said ... It suspended flights": "it" is the airline).
        let firm = |np: &Np<'_>| {
            np.members.iter().all(|m| m.country.is_empty() && ORGANISATION_SECTORS.contains(&m.sector))
        };
        // A phrase after a preposition ("flights to Alexandria and Cairo") is no subject.
        let governed = |np: &Np<'_>| {
            (np.ts.saturating_sub(3).max(r.s)..np.ts)
                .rev()
                .take_while(|&j| !matches!(ctx.tokens[j].kind, TokKind::Punct(_)))
                .any(|j| matches!(ctx.word(j), "to" | "from" | "into" | "via"))
        };
        if let Some(np) = r.nps.iter().find(|np| {
            !np.referential
                && !governed(np)
                && (firm(np) || !np.speaker && np.members.iter().any(|m| !m.country.is_empty()))
        }) {
            disc.last_subject.clone_from(&np.members);
        }
        for np in &r.nps {
            for m in &np.members {
                if !m.country.is_empty() && !disc.recent_countries.iter().any(|x| x.country == m.country) {
                    disc.recent_countries.push(*m);
                }
            }
        }
        let keep = disc.recent_countries.len().saturating_sub(6);
        disc.recent_countries.drain(..keep);
        disc.prev_dyads = std::mem::take(&mut disc.recent_dyads);
    }

    fn local(&self, i: usize) -> usize {
        i - self.s
    }

    fn np_at(&self, i: usize) -> Option<usize> {
        if i < self.s || i >= self.e { None } else { self.np_at[self.local(i)] }
    }

    fn pred_at(&self, i: usize) -> Option<usize> {
        if i < self.s || i >= self.e { None } else { self.pred_at[self.local(i)] }
    }

    fn cue_at(&self, i: usize) -> Option<usize> {
        if i < self.s || i >= self.e { None } else { self.cue_at[self.local(i)] }
    }

    /// Turns hits into actor atoms, predicates, cues, treaties and places.
    fn read_hits(&mut self, hits: &[Hit], disc: &mut Discourse<'a>) -> (Vec<Atom<'a>>, Vec<Hit>) {
        let lex = self.ctx.lex;
        let mut atoms: Vec<Atom<'a>> = Vec::new();
        let mut phrases: Vec<Hit> = Vec::new();
        let mut title_end = None;
        for h in hits {
            let entries = self.ctx.hits.entries(h);
            let titled = title_end == Some(h.ts);
            let actor = self.actor_atom(h, entries, disc, titled);
            title_end = actor.as_ref().filter(|a| a.kind == AtomKind::Agent).map(|a| a.te);
            let verb_form = entries.iter().find_map(|en| match en.kind {
                EntryKind::Phrase(p, f) if matches!(lex.phrases[p as usize].kind, PhraseKind::Verb(_)) => {
                    Some(f)
                }
                _ => None,
            });
            // An inflected verb reading (past, participle, gerund) in verbal context beats
            // an actor reading ("forces" stays an actor, "forced" a verb).
            let prefer_phrase = match (&actor, verb_form) {
                (Some(_), Some(f)) => {
                    !matches!(f, VerbForm::Base | VerbForm::Third) && self.verbal_context(h.ts, f)
                }
                (Some(_), None) => false,
                (None, _) => true,
            };
            if let Some(a) = actor.filter(|_| !prefer_phrase) {
                match a.kind {
                    AtomKind::Treaty(t) => self.treaties.push((a.ts, a.te, t)),
                    AtomKind::Place(p) => {
                        self.places.push((a.ts, a.te, p));
                        atoms.push(a);
                    }
                    _ => atoms.push(a),
                }
                continue;
            }
            // Phrases are read once actor phrases exist: "India suspends" is a verb because
            // an actor precedes it.
            phrases.push(*h);
        }
        // Acronyms the article defined earlier ("Foreign Office (FO)").
        if !disc.acronyms.is_empty() {
            for i in self.s..self.e {
                let t = self.ctx.tokens[i];
                if t.kind != TokKind::Word || atoms.iter().any(|a| a.ts <= i && i < a.te) {
                    continue;
                }
                if let Some(m) = disc.acronyms.get(t.text(self.ctx.text)) {
                    atoms.push(Atom { ts: i, te: i + 1, kind: AtomKind::Named, members: m.clone() });
                }
            }
            atoms.sort_by_key(|a| a.ts);
        }
        (atoms, phrases)
    }

    /// Whether a reporting verb ("said", "told") starts at token `i`: usable before the
    /// sentence's phrases are read.
    fn reporting_verb_at(&self, i: usize) -> bool {
        let hits = &self.ctx.hits;
        hits.hits.binary_search_by_key(&i, |h| h.ts).is_ok_and(|k| {
            hits.entries(&hits.hits[k]).iter().any(|en| {
                matches!(en.kind, EntryKind::Phrase(p, _)
                    if matches!(self.ctx.lex.phrases[p as usize].kind, PhraseKind::Cue(Cue::Report)))
            })
        })
    }

    /// Whether a name goes on at token `i`: a capitalised word the lexicon does not know
    /// ("Abdelaziz Bouteflika", but not "Hicks Said" in a headline).
    fn name_goes_on(&self, i: usize) -> bool {
        self.capitalised_word(i) && self.ctx.hits.hits.binary_search_by_key(&i, |h| h.ts).is_err()
    }

    /// The actor reading of a hit, if any. `titled`: a title ends right before it, so a
    /// surname alone ("Deputy Secretary Hicks") is read even without an earlier full name.
    fn actor_atom(
        &self,
        h: &Hit,
        entries: &[Entry],
        disc: &mut Discourse<'a>,
        titled: bool,
    ) -> Option<Atom<'a>> {
        let lex = self.ctx.lex;
        let rank = |k: &EntryKind| match k {
            EntryKind::Person(_) => 0,
            EntryKind::Surname(_) => 1,
            EntryKind::Named(_) => 2,
            EntryKind::Capital(_) => 3,
            EntryKind::Country(_) => 4,
            EntryKind::Demonym(_) => 5,
            EntryKind::Treaty(_) => 6,
            EntryKind::Place(_) => 7,
            EntryKind::Agent(_) => 8,
            EntryKind::Phrase(..) => 9,
        };
        let mut best: Option<&Entry> = None;
        for en in entries {
            let usable = match en.kind {
                EntryKind::Phrase(p, _) => {
                    matches!(lex.phrases[p as usize].kind, PhraseKind::Cue(Cue::Pronoun | Cue::Compound))
                }
                // "President Abdelaziz Bouteflika": a name that goes on is not the surname
                // of another bearer of its first word.
                EntryKind::Surname(p) => {
                    (titled || disc.seen_people.contains(&p)) && !self.name_goes_on(h.te)
                }
                _ => true,
            };
            // Among people sharing a surname, the one mentioned most recently, else one in
            // office on the article's date.
            let better = |b: &Entry| match (en.kind, b.kind) {
                (EntryKind::Surname(x), EntryKind::Surname(y)) => {
                    let recent = |p| disc.seen_people.iter().rposition(|&q| q == p);
                    match (recent(x), recent(y)) {
                        (Some(i), Some(j)) => i > j,
                        (Some(_), None) => true,
                        (None, Some(_)) => false,
                        (None, None) => {
                            !lex.people[x as usize].role_on(self.ctx.date).1
                                && lex.people[y as usize].role_on(self.ctx.date).1
                        }
                    }
                }
                _ => rank(&en.kind) < rank(&b.kind),
            };
            if usable && best.is_none_or(better) {
                best = Some(en);
            }
        }
        let en = best?;
        let member = |country: &'a str, rest: &'a str, sector: &'a str, name: &'a str| Member {
            country,
            rest,
            sector,
            name,
        };
        let split = |code: &'a str| -> (&'a str, &'a str) {
            let c = lex.country_of(code);
            (c, &code[c.len()..])
        };
        let (kind, members) = match en.kind {
            EntryKind::Country(i) => {
                let c = &lex.countries[usize::from(i)];
                (AtomKind::Name, vec![member(&c.code, "", "", &c.name)])
            }
            EntryKind::Demonym(i) => {
                let c = &lex.countries[usize::from(i)];
                (AtomKind::Demonym, vec![member(&c.code, "", "", &c.name)])
            }
            EntryKind::Capital(i) => {
                let c = &lex.countries[usize::from(i)];
                (AtomKind::Capital, vec![member(&c.code, "", "GOV", &c.name)])
            }
            EntryKind::Named(i) => {
                let a = &lex.named[i as usize];
                let (c, rest) = split(&a.code);
                (AtomKind::Named, vec![member(c, rest, "", &a.name)])
            }
            EntryKind::Person(i) | EntryKind::Surname(i) => {
                let p = &lex.people[i as usize];
                // Most recent last: a bare surname refers to the latest bearer.
                disc.seen_people.retain(|&q| q != i);
                disc.seen_people.push(i);
                let (code, former) = p.role_on(self.ctx.date);
                let (c, rest) = split(code);
                let (rest, sector) = if former { ("", "ELI") } else { (rest, "") };
                (AtomKind::Person, vec![member(c, rest, sector, &p.name)])
            }
            EntryKind::Agent(i) => {
                let a = &lex.agents[usize::from(i)];
                (AtomKind::Agent, vec![member(&a.country, "", &a.sector, &a.sector)])
            }
            EntryKind::Place(i) => (AtomKind::Place(i), Vec::new()),
            EntryKind::Treaty(i) => (AtomKind::Treaty(i), Vec::new()),
            EntryKind::Phrase(p, _) => match lex.phrases[p as usize].kind {
                PhraseKind::Cue(Cue::Compound) => (AtomKind::Compound, Vec::new()),
                _ => (AtomKind::Pronoun, Vec::new()),
            },
        };
        Some(Atom { ts: h.ts, te: h.te, kind, members })
    }

    /// Whether token `i` of the sentence is a word starting with a capital letter.
    fn capitalised_word(&self, i: usize) -> bool {
        i < self.e
            && self.ctx.tokens[i].kind == TokKind::Word
            && self.ctx.tokens[i].text(self.ctx.text).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the words before token `i` make a verb there likely: a subject, an
    /// auxiliary, "to", or a participle's "be".
    fn verbal_context(&self, i: usize, form: VerbForm) -> bool {
        // "ahead of Mr Jones' sentencing", "his sentencing": a gerund that a possessive or
        // "ahead of" governs is a noun, and one still to come.
        if form == VerbForm::Gerund {
            let mut j = i;
            while j > self.s && j + 5 > i {
                j -= 1;
                if j + 1 == i && self.ctx.tokens[j].kind == TokKind::Possessive {
                    return false;
                }
                if matches!(self.ctx.tokens[j].kind, TokKind::Punct(_)) {
                    break;
                }
                if self.ctx.word(j) == "of" && j > self.s && self.ctx.word(j - 1) == "ahead" {
                    return false;
                }
            }
        }
        let mut j = i;
        while j > self.s {
            j -= 1;
            if self.ctx.is_adverb(j) {
                continue;
            }
            let w = self.ctx.word(j);
            if DETERMINERS.contains(&w) && !matches!(form, VerbForm::Past) {
                return false;
            }
            return true;
        }
        // Sentence-initial: a gerund or past form opens a clause ("Expressing gratitude").
        !matches!(form, VerbForm::Base | VerbForm::Third)
    }

    /// Whether a base or third-person form at `i` reads as a verb rather than a noun.
    fn base_is_verb(&self, i: usize) -> bool {
        let mut j = i;
        while j > self.s {
            j -= 1;
            if self.ctx.is_adverb(j) {
                continue;
            }
            let w = self.ctx.word(j);
            if w == "to" || AUX.contains(&w) || SUBJECT_PRONOUNS.contains(&w) || w.ends_with("n't") {
                return true;
            }
            // Right after an actor phrase: "Hamas attacks Israel"; but an actor phrase after
            // an article modifies a noun ("a U.S. request", "an Australian ultimatum").
            return self.np_at(j).is_some_and(|k| {
                let ts = self.nps[k].ts;
                ts == self.s || !matches!(self.ctx.word(ts - 1), "a" | "an")
            });
        }
        false
    }

    /// Reads the phrase readings of a hit: predicates and cues.
    fn read_phrases(&mut self, h: &Hit, entries: &[Entry]) {
        let lex = self.ctx.lex;
        // Candidates: (rule, form, end token, noun, specificity)
        let mut best: Option<(u32, VerbForm, usize, bool, u32, usize)> = None;
        let mut verb_at: Option<usize> = None;
        for en in entries {
            let EntryKind::Phrase(p, form) = en.kind else {
                continue;
            };
            let phrase = &lex.phrases[p as usize];
            let Some(end) = self.match_rest(h.te, &phrase.rest) else {
                continue;
            };
            match phrase.kind {
                PhraseKind::Verb(rule) | PhraseKind::Noun(rule) => {
                    let noun = matches!(phrase.kind, PhraseKind::Noun(_));
                    let r = &lex.rules[rule as usize];
                    let objects = !r.objects.is_empty();
                    let (object_end, object_len) = if objects {
                        match self.find_object(end, r) {
                            Some(o) => o,
                            None => continue,
                        }
                    } else {
                        (end, 0)
                    };
                    // Verb or noun: inflected forms are verbs; base forms need verbal context.
                    if !noun && matches!(form, VerbForm::Base | VerbForm::Third) && !self.base_is_verb(h.ts) {
                        continue;
                    }
                    if noun && self.base_is_verb(h.ts) && entries.iter().any(|x| matches!(x.kind, EntryKind::Phrase(q, _) if matches!(lex.phrases[q as usize].kind, PhraseKind::Verb(_)))) {
                        continue;
                    }
                    if !noun && form == VerbForm::Gerund && !self.verbal_context(h.ts, form) {
                        continue;
                    }
                    // Right after an article a past form is a noun or an adjective, not a
                    // verb: "a slew of data", "the banned group".
                    if !noun
                        && matches!(form, VerbForm::Past | VerbForm::Participle)
                        && h.ts > self.s
                        && matches!(self.ctx.word(h.ts - 1), "a" | "an" | "the")
                    {
                        continue;
                    }
                    // Specificity: an object beats none, a longer object a shorter one, a nearer
                    // object a farther one ("called for sanctions against China over human
                    // rights" is about sanctions), a longer phrase a shorter one, a verb a noun.
                    let nearness = if objects {
                        99 - u32::try_from((object_end - object_len).saturating_sub(h.ts))
                            .unwrap_or(99)
                            .min(99)
                    } else {
                        0
                    };
                    let spec = u32::from(objects) * 1_000_000
                        + u32::try_from(object_len).unwrap_or(0) * 100_000
                        + nearness * 1000
                        + u32::from(phrase.words) * 10
                        + u32::from(!noun);
                    if best.is_none_or(|b| spec > b.4) {
                        best = Some((rule, form, end, noun, spec, object_end));
                    }
                }
                PhraseKind::Cue(_) => {}
            }
        }
        if let Some((rule, form, end, noun, _, object_end)) = best {
            let idx = self.preds.len();
            self.preds.push(Pred {
                anchor: h.ts,
                object_end,
                ts: h.ts,
                te: end,
                rule,
                form,
                noun,
                dead: noun,
                victim: lex.rules[rule as usize].victim,
                negated: false,
            });
            for i in h.ts..end.min(self.e) {
                let l = self.local(i);
                self.pred_at[l] = Some(idx);
            }
            if !noun {
                verb_at = Some(idx);
            }
        }
        for en in entries {
            let EntryKind::Phrase(p, form) = en.kind else {
                continue;
            };
            let phrase = &lex.phrases[p as usize];
            let PhraseKind::Cue(cue) = phrase.kind else {
                continue;
            };
            if matches!(cue, Cue::Pronoun | Cue::Compound) {
                continue;
            }
            let Some(end) = self.match_rest(h.te, &phrase.rest) else {
                continue;
            };
            let head = self.ctx.word(h.ts);
            if self.cues.iter().any(|c| c.cue == cue && c.ts == h.ts) {
                continue;
            }
            let idx = self.cues.len();
            self.cues.push(CueAt {
                cue,
                ts: h.ts,
                te: end,
                modal: MODALS.contains(&head),
                verb_pred: verb_at,
                form,
            });
            for i in h.ts..end.min(self.e) {
                let l = self.local(i);
                if self.cue_at[l].is_none() {
                    self.cue_at[l] = Some(idx);
                }
            }
        }
    }

    /// Matches a phrase's segments after token `i`; returns the end token.
    fn match_rest(&self, mut i: usize, rest: &[Segment]) -> Option<usize> {
        let mut gap = 0usize;
        for seg in rest {
            match seg {
                Segment::Gap(n) => gap = usize::from(*n),
                Segment::Words(words) => {
                    let mut found = None;
                    for start in i..=(i + gap).min(self.e) {
                        if words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| start + k < self.e && self.ctx.word(start + k) == w)
                        {
                            found = Some(start + words.len());
                            break;
                        }
                        if start < self.e && matches!(self.ctx.tokens[start].kind, TokKind::Punct(_)) {
                            break;
                        }
                    }
                    i = found?;
                    gap = 0;
                }
            }
        }
        Some(i)
    }

    /// Where one of `objects` ends, if one heads a phrase within the clause after token `i`.
    /// The earliest (then longest) match is returned as (end, length in tokens).
    fn find_object(&self, i: usize, rule: &EventRule) -> Option<(usize, usize)> {
        let end = (i + 8).min(self.e);
        for j in i..end {
            if matches!(
                self.ctx.tokens[j].kind,
                TokKind::Punct(Punct::Semicolon | Punct::Period | Punct::Colon)
            ) {
                break;
            }
            // Only the objects that start with this word can match here.
            let Some(candidates) = rule.objects_by_first.get(self.ctx.word(j)) else {
                continue;
            };
            let longest = candidates
                .iter()
                .map(|&k| &rule.objects[k as usize])
                .filter(|o| {
                    o.iter().enumerate().skip(1).all(|(k, w)| j + k < self.e && self.ctx.word(j + k) == w)
                })
                .map(Vec::len)
                .max();
            if let Some(len) = longest {
                return Some((j + len, len));
            }
        }
        None
    }

    /// Groups actor atoms into actor phrases: country + agent ("Pakistani troops"),
    /// agent + of/in + country ("the army of Pakistan"), title + person, apposition,
    /// compounds ("India and Pakistan"), pronouns and "both countries".
    fn build_nps(&mut self, atoms: Vec<Atom<'a>>, disc: &Discourse<'a>) {
        let mut i = 0;
        while i < atoms.len() {
            let a = &atoms[i];
            let mut np = match a.kind {
                AtomKind::Place(_) | AtomKind::Treaty(_) => {
                    // A place before an agent gives it a country ("Peshawar police").
                    let pl = match a.kind {
                        AtomKind::Place(p) => &self.ctx.lex.places[p as usize],
                        _ => {
                            i += 1;
                            continue;
                        }
                    };
                    if let Some(next) = atoms.get(i + 1)
                        && next.kind == AtomKind::Agent
                        && next.ts == a.te
                        && !pl.country.is_empty()
                    {
                        let mut m = next.members[0];
                        m.country = &pl.country;
                        i += 2;
                        self.push_np(Np {
                            ts: a.ts,
                            te: next.te,
                            members: vec![m],
                            possessive: false,
                            referential: false,
                            speaker: false,
                            target_of: None,
                            own: false,
                            lone: false,
                        });
                        continue;
                    }
                    i += 1;
                    continue;
                }
                AtomKind::Pronoun => {
                    let w = self.ctx.word(a.ts);
                    let possessive_pron = matches!(w, "its" | "their" | "his" | "her");
                    let ante = self.antecedent(a.ts, disc);
                    // "its army": the pronoun's country plus the agent.
                    if possessive_pron {
                        if let Some(next) = atoms.get(i + 1)
                            && next.kind == AtomKind::Agent
                            && self.glue_only(a.te, next.ts, AGENT_GLUE)
                            && !ante.is_empty()
                        {
                            let members = ante
                                .iter()
                                .map(|m| Member {
                                    country: m.country,
                                    rest: "",
                                    sector: next.members[0].sector,
                                    name: m.name,
                                })
                                .collect();
                            i += 2;
                            self.push_np(Np {
                                ts: a.ts,
                                te: next.te,
                                members,
                                possessive: false,
                                referential: false,
                                speaker: false,
                                target_of: None,
                                own: true,
                                lone: false,
                            });
                            continue;
                        }
                        i += 1;
                        continue;
                    }
                    if ante.is_empty() || !matches!(w, "it" | "they" | "he" | "she") {
                        i += 1;
                        continue;
                    }
                    Np {
                        ts: a.ts,
                        te: a.te,
                        members: ante,
                        possessive: false,
                        referential: true,
                        speaker: false,
                        target_of: None,
                        own: false,
                        lone: false,
                    }
                }
                AtomKind::Compound => {
                    let both = self.recent_pair(a.ts, disc);
                    if both.len() < 2 {
                        i += 1;
                        continue;
                    }
                    Np {
                        ts: a.ts,
                        te: a.te,
                        members: both,
                        possessive: false,
                        referential: true,
                        speaker: false,
                        target_of: None,
                        own: false,
                        lone: false,
                    }
                }
                _ => Np {
                    ts: a.ts,
                    te: a.te,
                    members: a.members.clone(),
                    possessive: false,
                    referential: false,
                    speaker: false,
                    target_of: None,
                    own: false,
                    lone: false,
                },
            };
            let mut last_kind = a.kind;
            i += 1;
            // Extend with following atoms.
            while i < atoms.len() {
                let b = &atoms[i];
                if let Some(merged) = self.merge(&np, last_kind, b) {
                    np = merged;
                    last_kind = b.kind;
                    i += 1;
                    continue;
                }
                break;
            }
            np.possessive = self.ctx.tokens.get(np.te).is_some_and(|t| t.kind == TokKind::Possessive);
            np.lone = np.te == a.te && matches!(a.kind, AtomKind::Demonym | AtomKind::Agent);
            self.push_np(np);
        }
    }

    fn push_np(&mut self, np: Np<'a>) {
        let idx = self.nps.len();
        for t in np.ts..np.te.min(self.e) {
            let l = self.local(t);
            self.np_at[l] = Some(idx);
        }
        self.nps.push(np);
    }

    /// Whether every token in `[from, to)` is in `glue`.
    fn glue_only(&self, from: usize, to: usize, glue: &[&str]) -> bool {
        to >= from && to - from <= 4 && (from..to).all(|k| glue.contains(&self.ctx.word(k)))
    }

    /// Tries to extend actor phrase `np` (whose last atom is of kind `last`) with atom `b`.
    fn merge(&self, np: &Np<'a>, last: AtomKind, b: &Atom<'a>) -> Option<Np<'a>> {
        let gap: Vec<&str> = (np.te..b.ts).map(|k| self.ctx.word(k)).collect();
        let has_country = np.members.iter().all(|m| !m.country.is_empty());
        let mut out = np.clone();
        out.te = b.te;
        match b.kind {
            // Country (or person) then agent: "Pakistan's army", "Indian troops", "US and British forces".
            AtomKind::Agent
                if has_country && last != AtomKind::Agent && self.glue_only(np.te, b.ts, AGENT_GLUE) =>
            {
                let sector = b.members[0].sector;
                if last == AtomKind::Person {
                    return Some(out);
                }
                for m in &mut out.members {
                    // A named body keeps its own sector ("IGOUNO" + troops is fine, a
                    // party + troops is not).
                    let open = m.rest.is_empty() || (m.rest.len() <= 3 && last != AtomKind::Named);
                    if m.sector.is_empty() && open && !m.rest.contains(sector) {
                        m.sector = sector;
                    }
                }
                Some(out)
            }
            // Two agents in a row ("security forces personnel", "Foreign Minister, Senator"): keep the first.
            AtomKind::Agent
                if last == AtomKind::Agent && (gap.is_empty() || gap == ["and"] || gap == [","]) =>
            {
                Some(out)
            }
            // Agent then "of/in/from" + country or place: "the army of Pakistan", "police in Peshawar".
            AtomKind::Name | AtomKind::Demonym | AtomKind::Capital | AtomKind::Place(_)
                if !has_country
                    && last == AtomKind::Agent
                    && !gap.is_empty()
                    && OF_IN.contains(&gap[0])
                    && gap.len() <= 3
                    && gap[1..].iter().all(|w| {
                        matches!(
                            *w,
                            "the"
                                | "northern"
                                | "southern"
                                | "eastern"
                                | "western"
                                | "central"
                                | "north"
                                | "south"
                                | "east"
                                | "west"
                        )
                    }) =>
            {
                let country: &'a str = match b.kind {
                    AtomKind::Place(p) => &self.ctx.lex.places[p as usize].country,
                    _ => b.members[0].country,
                };
                if country.is_empty() {
                    return None;
                }
                for m in &mut out.members {
                    m.country = country;
                }
                Some(out)
            }
            // Title or country-phrase then person: "Foreign Minister Wang Yi", "China's Foreign Minister, Wang Yi".
            AtomKind::Person
                if (gap.is_empty() || gap == [","] || gap == ["the"])
                    && (last == AtomKind::Agent
                        || last == AtomKind::Demonym
                        || last == AtomKind::Name
                        || last == AtomKind::Capital) =>
            {
                let p = b.members[0];
                if np.members.len() == 1 && (np.country().is_empty() || np.country() == p.country) {
                    out.members = vec![p];
                    Some(out)
                } else {
                    None
                }
            }
            // Person then ", the <title>" apposition: keep the person.
            AtomKind::Agent
                if last == AtomKind::Person && (gap == [","] || gap == [",", "the"] || gap.is_empty()) =>
            {
                Some(out)
            }
            // Country then named body of the same country: "Pakistan's Foreign Office" when it is named.
            AtomKind::Named
                if (gap.is_empty() || gap == ["'s"] || gap == ["’s"] || gap == ["the"])
                    && matches!(last, AtomKind::Name | AtomKind::Demonym) =>
            {
                let nm = b.members[0];
                if np.members.len() == 1 && (nm.country == np.country() || nm.country.is_empty()) {
                    let mut m = nm;
                    if m.country.is_empty() {
                        m.country = np.members[0].country;
                    }
                    out.members = vec![m];
                    Some(out)
                } else {
                    None
                }
            }
            // Compounds: "India and Pakistan", "Saudi Arabia, Iran, and Egypt", "US and British".
            AtomKind::Name | AtomKind::Demonym | AtomKind::Capital | AtomKind::Named | AtomKind::Person
                if matches!(
                    gap.as_slice(),
                    ["and"] | [","] | [",", "and"] | ["and", "the"] | [",", "and", "the"] | ["or"]                ) && (last != AtomKind::Agent || has_country)
                    && !b.members.is_empty()
                    // A bare comma joins a list only if the list goes on ("Saudi Arabia,
                    // Iran, and Egypt"), not "engaging China, Pakistan has".
                    && (gap != [","] || matches!(self.ctx.word(b.te), "," | "and" | "or")) =>
            {
                out.members.extend(b.members.iter().copied());
                Some(out)
            }
            _ => None,
        }
    }

    /// A bare sector's actor phrase, or the country it is said to be in right after ("aid to
    /// refugees fleeing the civil war in Liberia"): the country is what the event reaches.
    fn located(&self, k: usize) -> usize {
        let np = &self.nps[k];
        if !np.members.iter().all(|m| m.country.is_empty()) {
            return k;
        }
        let mut j = np.te;
        while j < (np.te + 7).min(self.e) {
            if matches!(self.ctx.tokens[j].kind, TokKind::Punct(_))
                || self.cue_at(j).is_some_and(|c| matches!(self.cues[c].cue, Cue::Clause | Cue::Report))
            {
                break;
            }
            if let Some(c) = self.np_at(j) {
                let found = &self.nps[c];
                let located = matches!(self.ctx.word(j.wrapping_sub(1)), "in" | "from")
                    && found
                        .members
                        .iter()
                        .all(|m| m.country.len() == 3 && !INTERNATIONAL.contains(&m.country))
                    && found.members.iter().all(|m| m.sector.is_empty() && m.rest.is_empty());
                return if located { c } else { k };
            }
            j += 1;
        }
        k
    }

    /// Whether a one-word actor phrase (a demonym or a bare agent noun) modifies the plain
    /// noun after it: "a Senegalese peace plan", "terrorist activities".
    fn modifies(&self, np: &Np<'a>) -> bool {
        let next = np.te;
        np.lone
            && next < self.e
            && self.ctx.tokens[next].kind == TokKind::Word
            && self.np_at(next).is_none()
            && self.pred_at(next).is_none()
            && self.cue_at(next).is_none()
            && !self.capitalised_word(next)
            && !self.ctx.word(next).ends_with("ed")
            && !self.ctx.word(next).ends_with("ing")
            && !NOT_A_NOUN.contains(&self.ctx.word(next))
    }

    /// The actors a subject pronoun at `i` refers to: the nearest country-bearing actor
    /// phrase before it in this sentence, else the last subject of the article.
    fn antecedent(&self, i: usize, disc: &Discourse<'a>) -> Vec<Member<'a>> {
        // "The US lifted sanctions on Sudan, saying it had": the participle's subject, so its
        // pronoun's, is the sentence's subject.
        let mut j = i;
        while j > self.s && self.ctx.word(j - 1) == "that" {
            j -= 1;
        }
        let after_participle = j > self.s + 1
            && self.ctx.word(j - 1).ends_with("ing")
            && self.reporting_verb_at(j - 1)
            && self.ctx.is_punct(j - 2, Punct::Comma);
        if after_participle
            && let Some(np) =
                self.nps.iter().find(|np| np.te <= i && np.members.iter().any(|m| !m.country.is_empty()))
        {
            return np.members.clone();
        }
        for np in self.nps.iter().rev().filter(|np| np.te <= i) {
            // "rejected a Senegalese peace plan, and said they": a modifier is no antecedent.
            let modifier =
                np.ts > self.s && matches!(self.ctx.word(np.ts - 1), "a" | "an") && self.modifies(np);
            if !modifier && np.members.iter().any(|m| !m.country.is_empty()) {
                return np.members.clone();
            }
            // "the company said it had to cancel flights", "farmers said they would": a firm
            // or people speaking nearer than any state are what the pronoun stands for ("it"
            // only for a firm or an outlet, not for "people who work for it"; a counted group
            // that does not speak, "killed 23 people when they blew themselves up", is the
            // victims).
            let plural = matches!(self.ctx.word(i), "they" | "their" | "them");
            let counted = np.ts > self.s && self.ctx.tokens[np.ts - 1].kind == TokKind::Num;
            if (self.reporting_verb_at(np.te) || !counted)
                && np.members.iter().all(|m| {
                    !m.sector.is_empty()
                        && !m.is_political()
                        && (plural || ORGANISATION_SECTORS.contains(&m.sector))
                })
            {
                return np.members.clone();
            }
        }
        disc.last_subject.clone()
    }

    /// The last two distinct countries mentioned, for "both countries".
    fn recent_pair(&self, i: usize, disc: &Discourse<'a>) -> Vec<Member<'a>> {
        let mut out: Vec<Member<'a>> = Vec::new();
        let here = self.nps.iter().rev().filter(|np| np.te <= i).flat_map(|np| np.members.iter().copied());
        for m in here.chain(disc.recent_countries.iter().rev().copied()) {
            if !m.country.is_empty() && !out.iter().any(|x| x.country == m.country) {
                out.push(m);
                if out.len() == 2 {
                    break;
                }
            }
        }
        out.reverse();
        out
    }

    /// "Pakistan's Foreign Office (FO)": the capitalised word in brackets names the phrase
    /// for the rest of the article.
    fn define_acronyms(&self, disc: &mut Discourse<'a>) {
        for np in &self.nps {
            let (o, w, c) = (np.te, np.te + 1, np.te + 2);
            if c < self.e && self.ctx.is_punct(o, Punct::Open) && self.ctx.is_punct(c, Punct::Close) {
                let t = self.ctx.tokens[w];
                let word = t.text(self.ctx.text);
                if t.kind == TokKind::Word
                    && word.len() >= 2
                    && word.chars().all(|ch| ch.is_ascii_uppercase())
                {
                    disc.acronyms.entry(word.to_owned()).or_insert_with(|| np.members.clone());
                }
            }
        }
    }

    /// Marks actor phrases that name the speaker of a report ("the statement said",
    /// ", said the minister", "according to X").
    fn mark_speakers(&mut self) {
        let mut speakers = Vec::new();
        for c in &self.cues {
            // "Guatemala declared martial law", "declared a state of siege": a reporting
            // verb that is itself the event verb, or the light verb of an event noun, names
            // an actor, not a speaker.
            let acts = c.verb_pred.is_some_and(|v| !self.preds[v].noun)
                || self.cues.iter().any(|l| l.cue == Cue::Light && l.ts == c.ts)
                    && self.preds.iter().any(|p| p.noun && p.ts >= c.te && p.ts <= c.te + 5);
            match c.cue {
                Cue::Report if acts => {}
                Cue::Report => {
                    // Before: up to three tokens of time words, adverbs or brackets.
                    let mut j = c.ts;
                    let mut skipped = 0;
                    while j > self.s && skipped <= 4 {
                        j -= 1;
                        if let Some(k) = self.np_at(j) {
                            speakers.push(k);
                            break;
                        }
                        // ", adding that", ", saying": the participle's speaker is the
                        // clause's subject, not the phrase before the comma.
                        if j + 1 == c.ts && c.form == VerbForm::Gerund && self.ctx.is_punct(j, Punct::Comma) {
                            break;
                        }
                        let w = self.ctx.word(j);
                        let skippable = AUX.contains(&w)
                            || self.ctx.is_adverb(j)
                            || matches!(self.ctx.tokens[j].kind, TokKind::Punct(Punct::Open | Punct::Close))
                            || w.chars().all(|ch| ch.is_ascii_uppercase() || !ch.is_alphabetic())
                            || matches!(
                                w,
                                "on" | "monday"
                                    | "tuesday"
                                    | "wednesday"
                                    | "thursday"
                                    | "friday"
                                    | "saturday"
                                    | "sunday"
                                    | "in"
                                    | "a"
                                    | "statement"
                                    | "spokesman"
                                    | "spokesperson"
                                    | "spokeswoman"
                            );
                        if !skippable {
                            break;
                        }
                        skipped += 1;
                    }
                    // After, when the report closes the sentence: ", said the minister".
                    let before_comma = c.ts > self.s
                        && (self.ctx.is_punct(c.ts - 1, Punct::Comma)
                            || self.ctx.is_punct(c.ts - 1, Punct::Quote));
                    // ", saying he must resign": what follows a participle is what was said.
                    if before_comma
                        && c.form != VerbForm::Gerund
                        && let Some(k) = (c.te..(c.te + 3).min(self.e)).find_map(|j| self.np_at(j))
                    {
                        speakers.push(k);
                    }
                }
                Cue::ReportBefore => {
                    // "according to the ministry"; but in "according to reports the UK is
                    // pushing" the source is unnamed and the UK is the subject.
                    for j in c.te..(c.te + 3).min(self.e) {
                        if let Some(k) = self.np_at(j) {
                            speakers.push(k);
                            break;
                        }
                        if !matches!(self.ctx.word(j), "the" | "a" | "an") {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        for k in speakers {
            self.nps[k].speaker = true;
        }
    }

    /// Keeps event nouns that something governs: a light verb ("carried out strikes"), a
    /// frame ("warning of the suspension"), a possessive actor ("India's strikes"), or
    /// "by"/"between" actors after them.
    fn govern_nouns(&mut self) {
        for p in 0..self.preds.len() {
            if !self.preds[p].noun {
                continue;
            }
            let ts = self.preds[p].ts;
            let mut j = ts;
            let mut steps = 0;
            let mut anchor = None;
            while j > self.s && steps < 6 {
                j -= 1;
                // A word can be two cues ("declared" reports and carries a noun): the light
                // verb reading wins before an event noun.
                let light = self.cues.iter().position(|c| c.cue == Cue::Light && c.ts <= j && j < c.te);
                if let Some(c) = light.or_else(|| self.cue_at(j)) {
                    let cue = self.cues[c];
                    if cue.cue == Cue::Light {
                        anchor = Some(cue.ts);
                    } else if matches!(cue.cue, Cue::Killed | Cue::Injured) {
                        // "killed in an encounter", "injured in a blast": the casualties are
                        // the victims, not the attackers.
                        anchor = Some(ts);
                        self.preds[p].victim = true;
                    } else if matches!(
                        cue.cue,
                        Cue::Threat
                            | Cue::Consider
                            | Cue::Intent
                            | Cue::Refuse
                            | Cue::Deny
                            | Cue::Demand
                            | Cue::Appeal
                            | Cue::Negate
                    ) {
                        self.preds[p].negated = cue.cue == Cue::Negate;
                        anchor = Some(ts);
                    }
                    break;
                }
                if self.pred_at(j).is_some()
                    || matches!(self.ctx.tokens[j].kind, TokKind::Punct(_)) && !self.ctx.is_inner_hyphen(j)
                {
                    break;
                }
                // "any Indian military action": hypothetical, not something that happened
                // ("launched further strikes" did happen); "to cut the number of assaults":
                // the noun is another verb's object.
                // "ahead of Mr Jones' sentencing", "ahead of the vote": still to come;
                // "have given themselves a veto": a power granted to oneself, not an act.
                if matches!(
                    self.ctx.word(j),
                    "any"
                        | "no"
                        | "possible"
                        | "potential"
                        | "future"
                        | "themselves"
                        | "itself"
                        | "himself"
                        | "herself"
                ) || self.ctx.word(j) == "of" && j > self.s && self.ctx.word(j - 1) == "ahead"
                    || j > self.s
                        && self.ctx.word(j - 1) == "to"
                        && (j + 1..ts).any(|k| self.ctx.word(k) == "of")
                {
                    break;
                }
                if self.np_at(j).is_some() {
                    // "India's strikes on", "Pakistani retaliatory measures"; not "Hussein's
                    // proposal for a cease-fire", where the possessor owns another noun.
                    let owned = (j + 1..ts).all(|k| !PREPOSITIONS.contains(&self.ctx.word(k)));
                    if owned
                        && (self.ctx.tokens[j].kind == TokKind::Possessive
                            || j + 1 == ts
                            || self.ctx.tokens[j + 1].kind == TokKind::Possessive)
                    {
                        anchor = Some(ts);
                    }
                    break;
                }
                steps += 1;
            }
            // "an IED explosion injured seven soldiers", "a blast took place near".
            if anchor.is_none() {
                let te = self.preds[p].te;
                let occurs = (te..(te + 3).min(self.e)).find_map(|k| self.cue_at(k)).is_some_and(|c| {
                    let cue = self.cues[c].cue;
                    matches!(cue, Cue::Occur | Cue::Killed | Cue::Injured)
                });
                if occurs {
                    anchor = Some(ts);
                }
            }
            if anchor.is_none() {
                let te = self.preds[p].te;
                let next = self.ctx.word(te);
                if matches!(next, "by" | "between")
                    && (te + 1..(te + 4).min(self.e)).any(|k| self.np_at(k).is_some())
                {
                    anchor = Some(ts);
                }
            }
            if let Some(a) = anchor {
                self.preds[p].anchor = a;
                self.preds[p].dead = false;
            }
        }
    }

    /// The frame governing a predicate anchored at `anchor`: a cue close before it with only
    /// "to", determiners, adverbs or (for appeals and demands) an actor phrase between.
    /// For an event noun standing on its own (`noun`), any word may sit between, as in
    /// the walk that found the cue governing it ("warned of a massive military offensive").
    fn frame_of(&self, anchor: usize, noun: bool) -> Option<(usize, Option<usize>)> {
        let mut j = anchor;
        let mut steps = 0;
        let mut object_np = None;
        while j > self.s && steps < 7 {
            j -= 1;
            if let Some(c) = self.cue_at(j) {
                let cue = &self.cues[c];
                match cue.cue {
                    Cue::Threat
                    | Cue::Consider
                    | Cue::Intent
                    | Cue::Refuse
                    | Cue::Deny
                    | Cue::Demand
                    | Cue::Appeal => {
                        // A conditional conjunction governs a whole clause, its subject
                        // included: "if it is attacked", "unless Baghdad accepts".
                        if cue.cue == Cue::Consider && CONDITIONALS.contains(&self.ctx.word(cue.ts)) {
                            return Some((c, None));
                        }
                        if object_np.is_some() && !matches!(cue.cue, Cue::Demand | Cue::Appeal | Cue::Intent)
                        {
                            return None;
                        }
                        return Some((c, object_np));
                    }
                    Cue::Negate | Cue::Light => {
                        j = cue.ts;
                        continue;
                    }
                    _ => return None,
                }
            }
            if let Some(k) = self.np_at(j) {
                if object_np.is_some() {
                    return None;
                }
                object_np = Some(k);
                j = self.nps[k].ts;
                steps += 1;
                continue;
            }
            if self.pred_at(j).is_some() || matches!(self.ctx.tokens[j].kind, TokKind::Punct(_)) {
                return None;
            }
            let w = self.ctx.word(j);
            // ... but not across another verb ("aims to cut the number of assaults").
            let ok = noun
                && self.ctx.tokens[j].kind == TokKind::Word
                && !(self.ctx.word(j.wrapping_sub(1)) == "to"
                    && (j + 1..anchor).any(|k| self.ctx.word(k) == "of"))
                || matches!(
                    w,
                    "to" | "that"
                        | "the"
                        | "a"
                        | "an"
                        | "of"
                        | "be"
                        | "its"
                        | "their"
                        | "on"
                        | "for"
                        | "with"
                        | "about"
                        | "possible"
                        | "further"
                        | "fresh"
                        | "new"
                        | "more"
                        | "retaliatory"
                        | "immediate"
                        | "and"
                )
                || WEEKDAYS.contains(&w)
                || AUX.contains(&w)
                || self.ctx.is_adverb(j);
            if !ok {
                return None;
            }
            steps += 1;
        }
        None
    }

    /// Whether a death or injury word of the sentence has a count next to it ("two
    /// persons were killed", "killed 26").
    fn counted_casualties(&self) -> bool {
        self.cues.iter().filter(|c| matches!(c.cue, Cue::Killed | Cue::Injured)).any(|c| {
            super::casualties::count_near(
                self.ctx.text,
                self.ctx.folded,
                self.ctx.tokens,
                (self.s, self.e),
                (c.ts, c.te.min(self.e)),
            )
            .is_some()
        })
    }

    /// Whether a negation sits right before `anchor` ("did not attack", "never").
    fn negated(&self, anchor: usize) -> bool {
        let mut j = anchor;
        let mut steps = 0;
        while j > self.s && steps < 4 {
            j -= 1;
            let w = self.ctx.word(j);
            if w.ends_with("n't") || w.ends_with("n’t") {
                return true;
            }
            if let Some(c) = self.cue_at(j)
                && self.cues[c].cue == Cue::Negate
            {
                return true;
            }
            if !(AUX.contains(&w) || self.ctx.is_adverb(j) || w == "to") {
                return false;
            }
            steps += 1;
        }
        false
    }

    /// The modality another frame gives frame cue `c` ("must be ready to mediate", "refused
    /// to commit to aid"): whether the inner speech act was made at all. A demand repeated
    /// ("insisted on its demands that") is still a demand.
    fn outer_modality(&self, c: usize) -> Option<Modality> {
        let inner = self.cues[c].cue;
        let (o, _) = self.frame_of(self.cues[c].ts, false)?;
        match self.cues[o].cue {
            Cue::Refuse | Cue::Negate | Cue::Deny => Some(Modality::Negated),
            Cue::Consider => Some(Modality::Considered),
            Cue::Demand | Cue::Appeal if !matches!(inner, Cue::Demand | Cue::Appeal) => {
                Some(Modality::Considered)
            }
            // "would insist on reforms", "will demand": a demand still to be made.
            Cue::Intent if matches!(inner, Cue::Demand | Cue::Appeal) => Some(Modality::Considered),
            _ => None,
        }
    }

    /// Whether the verb at `anchor` is a bare infinitive of purpose or plan ("used tear gas
    /// to disperse", "in order to meet", "told them to leave"): what it names has not
    /// happened. Verbs whose complement did happen ("began to shell") are listed apart.
    fn purpose(&self, anchor: usize) -> bool {
        let mut j = anchor;
        while j > self.s && self.ctx.is_adverb(j - 1) {
            j -= 1;
        }
        if j <= self.s + 1 || self.ctx.word(j - 1) != "to" {
            return false;
        }
        let before = self.ctx.word(j - 2);
        !ASSERTING_BEFORE_TO.contains(&before) && self.ctx.tokens[j - 2].kind == TokKind::Word
    }

    /// Whether a denial governs `anchor`: everything after "denied" up to the end of its
    /// clause is what is denied ("denied any involvement in the attack").
    fn denied(&self, anchor: usize) -> bool {
        let mut j = anchor;
        while j > self.s {
            j -= 1;
            if self.denial_at(j) {
                return true;
            }
            if let Some(c) = self.cue_at(j) {
                match self.cues[c].cue {
                    // "denied claims that troops fired": the claim is the denied one.
                    Cue::Report => {
                        return j > self.s
                            && (self.denial_at(j - 1)
                                || j > self.s + 1
                                    && DETERMINERS.contains(&self.ctx.word(j - 1))
                                    && self.denial_at(j - 2));
                    }
                    Cue::Clause | Cue::ReportBefore => return false,
                    _ => {}
                }
            }
            if matches!(
                self.ctx.tokens[j].kind,
                TokKind::Punct(Punct::Semicolon | Punct::Colon | Punct::Comma)
            ) {
                return false;
            }
            // "denied the charge and offered talks": a second verb starts its own assertion.
            if self.ctx.word(j) == "and" && self.pred_at(j + 1).is_none() && self.ctx.word(j + 1) == "has" {
                return false;
            }
        }
        false
    }

    /// Whether token `j` is a denial: a denial cue ("denied", "dismissed") or an event of
    /// denying responsibility ("rejected allegations", "denied the charges").
    fn denial_at(&self, j: usize) -> bool {
        let lex = self.ctx.lex;
        self.cue_at(j).is_some_and(|c| self.cues[c].cue == Cue::Deny)
            || self
                .pred_at(j)
                .is_some_and(|p| lex.code(lex.rules[self.preds[p].rule as usize].code).code == "016")
    }

    /// Whether the event noun at `ts` follows "by" ("killed by an improvised explosive
    /// device"): the means of another event.
    fn instrument(&self, ts: usize) -> bool {
        let mut j = ts;
        while j > self.s && ts - j < 4 {
            j -= 1;
            if self.ctx.word(j) == "by" {
                return true;
            }
            if self.np_at(j).is_some()
                || self.pred_at(j).is_some()
                || matches!(self.ctx.tokens[j].kind, TokKind::Punct(_)) && !self.ctx.is_inner_hyphen(j)
            {
                return false;
            }
        }
        false
    }

    /// Whether the predicate at `anchor` is in a relative clause ("where", "when", "who",
    /// "whom") dated before the story: past perfect, "ago", "last March", "this year" (a
    /// tally so far).
    fn background(&self, anchor: usize) -> bool {
        let mut j = anchor;
        let mut opener = None;
        while j > self.s && anchor - j < 12 {
            j -= 1;
            if matches!(self.ctx.word(j), "where" | "when" | "who" | "whom") {
                opener = Some(j);
                break;
            }
            if self.pred_at(j).is_some_and(|q| !self.preds[q].dead)
                || self.cue_at(j).is_some_and(|c| self.cues[c].cue == Cue::Clause)
            {
                return false;
            }
        }
        let Some(o) = opener else {
            return false;
        };
        let end = (anchor..self.e)
            .find(|&k| {
                matches!(
                    self.ctx.tokens[k].kind,
                    TokKind::Punct(Punct::Comma | Punct::Semicolon | Punct::Period | Punct::Terminal)
                )
            })
            .unwrap_or(self.e);
        (o + 1..end).any(|k| match self.ctx.word(k) {
            "ago" | "had" => true,
            "this" => self.ctx.word(k + 1) == "year",
            "last" => {
                let next = self.ctx.word(k + 1);
                matches!(next, "year" | "month" | "week" | "spring" | "summer" | "autumn" | "winter")
                    || MONTHS.contains(&next)
                    || WEEKDAYS.contains(&next)
            }
            _ => false,
        })
    }

    /// Whether "once" at `j` is an adverb ("about once every three days", "once again"),
    /// not a conjunction opening a clause.
    fn adverbial_once(&self, j: usize) -> bool {
        self.ctx.word(j) == "once"
            && (matches!(self.ctx.word(j + 1), "again" | "every" | "more" | "a" | "or" | "and")
                || j > self.s && matches!(self.ctx.word(j - 1), "about" | "at" | "than" | "only" | "just"))
    }

    /// The country of the first place named in the sentence.
    fn place_country(&self) -> Option<&'a str> {
        let lex = self.ctx.lex;
        self.places.iter().map(|&(_, _, p)| lex.places[p as usize].country.as_str()).find(|c| !c.is_empty())
    }

    /// Whether the verb at `p` is passive: a form of "be" before a participle.
    fn passive(&self, p: &Pred) -> bool {
        if p.noun || !matches!(p.form, VerbForm::Participle | VerbForm::Past) {
            return false;
        }
        let mut j = p.ts;
        let mut steps = 0;
        while j > self.s && steps < 3 {
            j -= 1;
            let w = self.ctx.word(j);
            if BE.contains(&w) {
                return true;
            }
            if !(self.ctx.is_adverb(j) || matches!(w, "not" | "also" | "reportedly" | "allegedly")) {
                return false;
            }
            steps += 1;
        }
        false
    }

    /// Finds the subject of a predicate anchored at `anchor`.
    fn subject(&self, anchor: usize, nonfinite: bool, me: Option<usize>) -> Subject {
        let mut j = anchor;
        let lo = anchor.saturating_sub(40).max(self.s);
        while j > lo {
            j -= 1;
            if let Some(k) = self.np_at(j) {
                let np = &self.nps[k];
                if np.speaker {
                    j = np.ts;
                    continue;
                }
                // "aid to Albanian rebels in Macedonia and would deny": the object of a
                // preposition after another actor is no subject ("a camp for Congolese
                // refugees was attacked" has no other).
                if np.ts > lo + 1
                    && PREPOSITIONS.contains(&self.ctx.word(np.ts - 1))
                    && self.np_at(np.ts - 2).is_some()
                    && np.target_of.is_none()
                {
                    j = np.ts;
                    continue;
                }
                // "Russian aircraft including helicopter gunships killed": a listed example
                // is part of the phrase before it, which is the subject.
                if np.ts > lo
                    && LIST_CONTINUERS.contains(&self.ctx.word(np.ts - 1))
                    && (np.ts.saturating_sub(4).max(lo)..np.ts - 1).any(|i| self.np_at(i).is_some())
                {
                    j = np.ts - 1;
                    continue;
                }
                // "X, which attacked": the relative's antecedent is the subject; "X blamed Y
                // and took": Y belongs to "blamed", whose subject is shared.
                if let Some(owner) = np.target_of
                    && Some(owner) != me
                {
                    // "threatened to attack if Iraq withdraws": the threat's target is
                    // also the condition's subject.
                    let rel = RELATIVES.contains(&self.ctx.word(np.te))
                        || RELATIVES.contains(&self.ctx.word(np.te + 1))
                        || np.ts > self.s && CONDITIONALS.contains(&self.ctx.word(np.ts - 1));
                    if !rel {
                        return Subject::Inherit(owner);
                    }
                }
                return Subject::Np(k);
            }
            if let Some(p) = self.pred_at(j)
                && Some(p) != me
            {
                if !self.preds[p].dead {
                    return Subject::Inherit(p);
                }
                // "the bombing ... that killed 85": an event noun that a relative clause
                // hangs from is itself the subject, so there is no actor further back.
                if (self.preds[p].te..anchor).any(|k| RELATIVES.contains(&self.ctx.word(k))) {
                    return Subject::None;
                }
            }
            if let Some(c) = self.cue_at(j) {
                match self.cues[c].cue {
                    Cue::Clause if !nonfinite && !self.adverbial_once(j) => return Subject::None,
                    Cue::Report | Cue::ReportBefore => return Subject::None,
                    _ => {}
                }
            }
            if matches!(self.ctx.tokens[j].kind, TokKind::Punct(Punct::Semicolon | Punct::Colon)) {
                return Subject::None;
            }
            // "9 million people saw the villain killed off": whoever saw or heard it is a
            // witness; the doer is not named.
            if PERCEPTION.contains(&self.ctx.word(j)) {
                return Subject::None;
            }
        }
        // A clause opening the sentence ("Expressing gratitude for X, the FO noted"): the
        // subject is the first actor after the next comma.
        if nonfinite
            && (self.s..anchor).all(|k| self.np_at(k).is_none())
            && let Some(comma) = (anchor..self.e).find(|&k| self.ctx.is_punct(k, Punct::Comma))
            && let Some(k) = (comma + 1..(comma + 4).min(self.e)).find_map(|k| self.np_at(k))
        {
            return Subject::Np(k);
        }
        Subject::None
    }

    /// Finds the target of a predicate ending at token `from`: the first actor phrase in
    /// its clause, else a treaty's or disputed place's other party, else a place's country.
    fn object(&self, from: usize, source_country: &str, me: usize) -> (Option<usize>, Vec<&'a str>, usize) {
        let lex = self.ctx.lex;
        let mut fallback: Vec<&'a str> = Vec::new();
        let mut fallback_end = from;
        let mut first_same: Option<usize> = None;
        // Troops a state sends, deploys or contributes (aid 07, posture 15) are its own
        // means, not whom it acts on: "France will contribute troops to a force in Liberia".
        let means = self
            .preds
            .get(me)
            .is_some_and(|p| matches!(lex.code(lex.rules[p.rule as usize].code).root, 7 | 15));
        let mut j = from;
        let hi = (from + 14).min(self.e);
        // "resume terrorist activities in Israel": a modifier is the target only when no
        // actor follows it.
        let mut weak: Option<usize> = None;
        while j < hi {
            // "agreed on Wednesday that ...": a complement clause has its own subject.
            if j < from + 3 && self.ctx.word(j) == "that" && self.np_at(j).is_none() {
                break;
            }
            // "warned they will continue the protests": a nominative pronoun is no object but
            // the subject of a complement clause.
            if matches!(self.ctx.word(j), "they" | "he" | "she" | "we" | "i") {
                break;
            }
            if let Some(k) = self.np_at(j) {
                let np = &self.nps[k];
                let same = !source_country.is_empty() && np.country() == source_country;
                let own_means = means && np.members.iter().all(|m| m.country.is_empty() && m.is_armed());
                if !(np.speaker || own_means || same && (np.possessive || np.own)) {
                    if same && np.members.len() == 1 {
                        first_same.get_or_insert(k);
                    } else if first_same.is_some() && np.country().is_empty() {
                        // "pounded the Taliban hideouts with heavy artillery": a bare sector
                        // later on does not beat an actor of the source's country.
                        break;
                    } else if np.members.len() == 1 && self.modifies(np) {
                        weak.get_or_insert(k);
                    } else if weak.is_some_and(|w| np.ts > self.nps[w].te + 4) {
                        // "tariffs on Chinese goods in exchange for ...": too far to be the
                        // modified noun's complement.
                        break;
                    } else {
                        return (Some(self.located(k)), fallback, fallback_end);
                    }
                }
                j = np.te;
                continue;
            }
            if let Some(&(_, te, t)) = self.treaties.iter().find(|(ts, _, _)| *ts == j) {
                if fallback.is_empty() {
                    fallback = lex.treaties[usize::from(t)]
                        .parties
                        .iter()
                        .map(String::as_str)
                        .filter(|c| *c != source_country)
                        .collect();
                    fallback_end = te;
                }
                j = te;
                continue;
            }
            if let Some(&(_, te, p)) = self.places.iter().find(|(ts, _, _)| *ts == j) {
                let pl = &lex.places[p as usize];
                if fallback.is_empty() {
                    if pl.country.is_empty() {
                        if pl.disputed.iter().any(|d| d == source_country) {
                            fallback = pl
                                .disputed
                                .iter()
                                .map(String::as_str)
                                .filter(|c| *c != source_country)
                                .collect();
                        }
                    } else {
                        fallback = vec![pl.country.as_str()];
                    }
                    fallback_end = te;
                }
                j = te;
                continue;
            }
            if let Some(p) = self.pred_at(j)
                && p != me
                && !self.preds[p].dead
            {
                break;
            }
            if let Some(c) = self.cue_at(j)
                && matches!(self.cues[c].cue, Cue::Clause | Cue::Report | Cue::ReportBefore)
            {
                break;
            }
            match self.ctx.tokens[j].kind {
                TokKind::Punct(Punct::Semicolon | Punct::Colon | Punct::Period | Punct::Terminal) => break,
                TokKind::Punct(Punct::Comma) if !LIST_CONTINUERS.contains(&self.ctx.word(j + 1)) => break,
                _ => {}
            }
            j += 1;
        }
        (weak.map(|w| self.located(w)).or(first_same), fallback, fallback_end)
    }

    fn code_events(&mut self, disc: &mut Discourse<'a>, events: &mut Vec<Event>) {
        let lex = self.ctx.lex;
        let n = self.preds.len();
        // Frames: which cue governs which predicate; the cue's own verb reading then yields.
        let mut frames: Vec<Option<(usize, Option<usize>)>> = vec![None; n];
        for (p, frame) in frames.iter_mut().enumerate() {
            if self.preds[p].dead {
                continue;
            }
            let pr = &self.preds[p];
            *frame = self.frame_of(pr.anchor, pr.noun && pr.anchor == pr.ts);
            if let Some((c, _)) = *frame
                && let Some(v) = self.cues[c].verb_pred
                && v != p
            {
                self.preds[v].dead = true;
            }
        }
        let speaker: Option<Vec<Member<'a>>> =
            self.nps.iter().find(|np| np.speaker).map(|np| np.members.clone());
        let reported =
            speaker.is_some() || self.cues.iter().any(|c| matches!(c.cue, Cue::Report | Cue::ReportBefore));
        let mut subjects: Vec<Vec<Member<'a>>> = vec![Vec::new(); n];
        let mut targets: Vec<Vec<Member<'a>>> = vec![Vec::new(); n];
        let mut governed_cues = vec![false; self.cues.len()];
        for p in 0..n {
            if self.preds[p].dead {
                continue;
            }
            let pred = self.preds[p].clone();
            // "rejected accusations by the US": an event noun that is the object selecting
            // another predicate's code is part of that event, not one of its own.
            if pred.noun
                && self
                    .preds
                    .iter()
                    .enumerate()
                    .any(|(q, o)| q != p && !o.dead && !o.noun && o.te <= pred.ts && pred.ts < o.object_end)
            {
                continue;
            }
            // "killed by an improvised explosive device": the device is how the killing was
            // done, not an event of its own.
            if pred.noun && pred.victim && self.instrument(pred.ts) {
                continue;
            }
            // "where 24 people were killed last March", "whom they had taken hostage two
            // weeks ago": a relative clause dated in the past recalls an earlier event.
            if self.background(pred.anchor) {
                continue;
            }
            let frame = frames[p];
            let passive = (self.passive(&pred) && lex.rules[pred.rule as usize].passive) || pred.victim;
            // A condition's subject is inside it ("unless Iraq withdraws"); other frames
            // share their subject with the frame verb ("Iran threatened to attack").
            let anchor = frame
                .filter(|&(c, _)| !CONDITIONALS.contains(&self.ctx.word(self.cues[c].ts)))
                .map_or(pred.anchor, |(c, _)| self.cues[c].ts);
            let nonfinite =
                matches!(pred.form, VerbForm::Gerund) || self.ctx.word(anchor.saturating_sub(1)) == "to";
            let found = self.subject(anchor, nonfinite, Some(p));
            let subj = match found {
                Subject::Np(k) => self.nps[k].members.clone(),
                Subject::Inherit(q) => subjects[q].clone(),
                Subject::None => Vec::new(),
            };
            let subj_np = match found {
                Subject::Np(k) => Some(k),
                _ => None,
            };
            let mut evidence_end = pred.object_end;
            // Passive: the subject is the target; "by X" is the source.
            let (mut source, mut target, target_np) = if passive {
                // "accused of misusing funds, much of it believed embezzled, by officials": the
                // agent may come late, but not past the clause.
                let by = (pred.te..(pred.te + 24).min(self.e))
                    .take_while(|&k| {
                        !self.cue_at(k).is_some_and(|c| matches!(self.cues[c].cue, Cue::Clause | Cue::Report))
                            && !matches!(
                                self.ctx.tokens[k].kind,
                                TokKind::Punct(Punct::Semicolon | Punct::Period)
                            )
                    })
                    .find(|&k| self.ctx.word(k) == "by")
                    .and_then(|k| {
                        (k + 1..(k + 5).min(self.e))
                            .take_while(|&j| !matches!(self.ctx.tokens[j].kind, TokKind::Punct(_)))
                            .find_map(|j| self.np_at(j))
                    });
                let members = by.map(|k| self.nps[k].members.clone()).unwrap_or_default();
                (members, subj.clone(), by.or(subj_np))
            } else {
                let src_country = subj.first().map_or("", |m| m.country);
                let (obj, fallback, fb_end) = self.object(pred.te, src_country, p);
                evidence_end = fb_end;
                let tgt: Vec<Member<'a>> = match obj {
                    Some(k) => self.nps[k].members.clone(),
                    // A place in a bare country's own land is where it acted, not whom it
                    // acted on ("Iraqis demonstrated in Kirkuk"); its agents act on it
                    // ("Iraqi forces assaulted Mosul").
                    None => fallback
                        .iter()
                        .filter(|c| {
                            **c != src_country
                                || subj.first().is_some_and(|m| !m.sector.is_empty() || !m.rest.is_empty())
                        })
                        .map(|c| Member { country: c, rest: "", sector: "", name: lex.country_name(c) })
                        .collect(),
                };
                if let Some(k) = obj {
                    self.nps[k].target_of = Some(p);
                }
                (subj.clone(), tgt, obj)
            };
            // Noun with "between A and B": A acts towards B.
            if pred.noun
                && self.ctx.word(pred.te) == "between"
                && let Some(k) = (pred.te + 1..(pred.te + 4).min(self.e)).find_map(|j| self.np_at(j))
            {
                let m = &self.nps[k].members;
                if m.len() >= 2 {
                    source = vec![m[0]];
                    target = m[1..].to_vec();
                }
            }
            // Noun with "by X": X is the source ("an attack by militants on").
            if pred.noun
                && source.is_empty()
                && self.ctx.word(pred.te) == "by"
                && let Some(k) = (pred.te + 1..(pred.te + 4).min(self.e)).find_map(|j| self.np_at(j))
            {
                source = self.nps[k].members.clone();
                let (obj, _, _) = self.object(self.nps[k].te, source.first().map_or("", |m| m.country), p);
                target = obj.map(|o| self.nps[o].members.clone()).unwrap_or_default();
            }
            // Possessive actor right before a noun: "India's strikes".
            if pred.noun && source.is_empty() && pred.ts > self.s {
                let before = if self.ctx.tokens[pred.ts - 1].kind == TokKind::Possessive {
                    pred.ts.saturating_sub(2)
                } else {
                    pred.ts - 1
                };
                if let Some(k) = self.np_at(before) {
                    source = self.nps[k].members.clone();
                }
            }
            let code = lex.rules[pred.rule as usize].code;
            let info = lex.code(code);
            // A bare sector acting on a state's people is of that state (see `domestic`), and
            // stays so for the verbs that share its subject (", suspending ... and arresting").
            subjects[p] = match target.first() {
                Some(t) => source.iter().map(|m| domestic(m, t, info.root >= 18)).collect(),
                None => source.clone(),
            };
            if info.root >= 18 {
                // "killed one soldier and wounded two others": the others are on the same
                // side; ", killing at least 156 people": those killed are the ones the
                // clause before struck.
                let prev = (0..p).rev().find(|&q| !targets[q].is_empty()).map(|q| targets[q].clone());
                let others = self.ctx.word(pred.te) == "others" || self.ctx.word(pred.te + 1) == "others";
                let participle = !passive
                    && pred.form == VerbForm::Gerund
                    && pred.ts > self.s
                    && self.ctx.is_punct(pred.ts - 1, Punct::Comma)
                    && target.iter().all(|m| m.country.is_empty());
                if let Some(prev) = prev.filter(|_| others || participle) {
                    target = prev;
                }
                // Deadly violence by no one named, or against people of no named country,
                // took place where the sentence says: "a roadside bomb near Samarra killed".
                if self.cues.iter().any(|c| matches!(c.cue, Cue::Killed | Cue::Injured))
                    && let Some(pc) = self.place_country()
                {
                    // The attacker is the place's only when a group of people was hit.
                    if source.is_empty() && target.iter().any(|m| !m.sector.is_empty() || !m.rest.is_empty())
                    {
                        source =
                            vec![Member { country: pc, rest: "", sector: "", name: lex.country_name(pc) }];
                    }
                    if target.iter().all(|m| m.country.is_empty()) {
                        for m in &mut target {
                            m.country = pc;
                        }
                    }
                }
            }
            // Violence that killed or hurt people nobody named: the victims are people. An
            // active verb with nobody named around it ("tries to kill the processes", "a drug
            // overdose killed the star") says so only with a count of the dead or hurt.
            if info.root >= 18
                && source.is_empty()
                && target.is_empty()
                && self.cues.iter().any(|c| matches!(c.cue, Cue::Killed | Cue::Injured))
                && (pred.noun || passive || self.counted_casualties())
            {
                target = vec![Member { country: "", rest: "", sector: "CVL", name: "people" }];
            }
            // Measures and threats aimed at no one in the text aim at the other party of the
            // dyad the article is about.
            if target.is_empty() && matches!(info.root, 12 | 13 | 16 | 17) {
                if let Some(src) = source.first().map(|m| m.country).filter(|c| !c.is_empty()) {
                    let partner =
                        disc.recent_dyads.iter().chain(disc.prev_dyads.iter()).rev().find_map(|&(a, b)| {
                            if a == src && !b.is_empty() && b != src {
                                Some(b)
                            } else if b == src && !a.is_empty() && a != src {
                                Some(a)
                            } else {
                                None
                            }
                        });
                    if let Some(c) = partner {
                        target = vec![Member { country: c, rest: "", sector: "", name: lex.country_name(c) }];
                    }
                }
            }
            // Protest and repression aimed at no one named stay at home: demonstrators
            // protest their own government, a government arrests or imposes curfews on its
            // own people. Such an event makes no dyad between two countries.
            if target.is_empty()
                && matches!(info.root, 14 | 17)
                && let Some(src) = source.first().map(|m| m.country).filter(|c| c.len() == 3)
                && !INTERNATIONAL.contains(&src)
            {
                let sector = if info.root == 14 { "GOV" } else { "CVL" };
                target = vec![Member { country: src, rest: "", sector, name: lex.country_name(src) }];
            }
            targets[p].clone_from(&target);
            let mut modality = Modality::Asserted;
            let mut frame_event: Option<(crate::lexicon::CodeId, Vec<Member<'a>>)> = None;
            let mut frame_source: Option<Vec<Member<'a>>> = None;
            if let Some((c, obj)) = frame {
                governed_cues[c] = true;
                let cue = self.cues[c].cue;
                let frame_target = obj.map(|k| self.nps[k].members.clone()).unwrap_or_else(|| target.clone());
                match cue {
                    Cue::Negate | Cue::Deny => modality = Modality::Negated,
                    Cue::Refuse => {
                        modality = Modality::Negated;
                        frame_event = lex.frame_code(Cue::Refuse, code).map(|f| (f, frame_target));
                    }
                    Cue::Threat => {
                        modality = Modality::Threatened;
                        frame_event = lex.frame_code(Cue::Threat, code).map(|f| (f, frame_target));
                    }
                    // An offer is never a threat: "offered to send troops" to a partner.
                    Cue::Intent
                        if info.goldstein < 0.0 && !self.ctx.word(self.cues[c].ts).starts_with("offer") =>
                    {
                        modality = Modality::Threatened;
                        frame_event = lex.frame_code(Cue::Threat, code).map(|f| (f, frame_target));
                    }
                    Cue::Intent => {
                        modality = Modality::Considered;
                        frame_event = lex.frame_code(Cue::Intent, code).map(|f| (f, frame_target));
                    }
                    Cue::Consider => modality = Modality::Considered,
                    // "Pakistan must act, India said": a modal demand is the speaker's, made of
                    // the subject; with no speaker ("players must battle soldiers") it is no
                    // demand at all.
                    Cue::Demand if self.cues[c].modal => {
                        modality = Modality::Considered;
                        if let Some(spk) = speaker.as_ref().filter(|s| !s.is_empty()) {
                            frame_source = Some(spk.clone());
                            frame_event = lex.frame_code(cue, code).map(|f| (f, source.clone()));
                        }
                    }
                    Cue::Demand | Cue::Appeal => {
                        modality = Modality::Considered;
                        frame_event = lex.frame_code(cue, code).map(|f| (f, frame_target));
                    }
                    _ => {}
                }
            }
            if frame.is_none() && (!pred.noun || pred.anchor != pred.ts) && self.purpose(pred.anchor) {
                modality = Modality::Considered;
            }
            let frame_negated = frame.is_some_and(|(c, _)| self.negated(self.cues[c].ts));
            if self.negated(pred.anchor) || frame_negated || self.denied(pred.anchor) || pred.negated {
                modality = Modality::Negated;
            }
            // "The Houthis claimed that they had attacked the airport": a party's claim of
            // its own deed is its statement, not yet a fact. Claiming responsibility for an
            // attack ("claimed responsibility for the bomb attack") is no such clause.
            let self_claim = speaker.as_ref().is_some_and(|spk| {
                !source.is_empty() && source.iter().all(|m| spk.iter().any(|s| s.code() == m.code()))
            }) && self.cues.iter().any(|c| {
                c.cue == Cue::Report
                    && c.ts < pred.anchor
                    && self.ctx.word(c.ts).starts_with("claim")
                    && (self.ctx.word(c.te) == "that" || SUBJECT_PRONOUNS.contains(&self.ctx.word(c.te)))
            });
            if self_claim && modality == Modality::Asserted {
                modality = Modality::Considered;
            }
            let factual = |m: Modality| {
                if m == Modality::Asserted && reported { Modality::Reported } else { m }
            };
            let spk = speaker.as_ref().and_then(|s| s.first()).map(Member::code).unwrap_or_default();
            // Evidence: from the subject (when it is in this clause) to the object.
            let mut span_ts = anchor.min(pred.anchor);
            let mut span_te = pred.te.max(pred.object_end).max(evidence_end);
            if let Some(k) = subj_np {
                span_ts = span_ts.min(self.nps[k].ts);
                span_te = span_te.max(self.nps[k].te);
            }
            if let Some(k) = target_np {
                span_ts = span_ts.min(self.nps[k].ts);
                span_te = span_te.max(self.nps[k].te);
            }
            self.emit(events, disc, &source, &target, code, factual(modality), (span_ts, span_te), &spk);
            // A frame is a speech act (a threat, a plea, a promise): its maker is the
            // subject, else the one reported to speak ("North Korea reiterated its demand
            // that"); with nobody making it ("will be prosecuted") there is no such event.
            let fs = match frame_source.as_deref() {
                Some(f) => f,
                None if source.is_empty() => speaker.as_deref().unwrap_or(&[]),
                None => &source,
            };
            // A request or demand named by a noun ("rejected a U.S. request to interrogate")
            // was made by whoever the noun names, not by the subject of the sentence.
            let noun_plea = frame.is_some_and(|(c, _)| {
                let cue = &self.cues[c];
                // "its demands that", "India's request": the owner made it.
                let owned = cue.ts > self.s
                    && (self.ctx.tokens[cue.ts - 1].kind == TokKind::Possessive
                        || matches!(self.ctx.word(cue.ts - 1), "its" | "their" | "his" | "her" | "our"));
                matches!(cue.cue, Cue::Appeal | Cue::Demand)
                    && !cue.modal
                    && !owned
                    && match cue.form {
                        VerbForm::Base | VerbForm::Third => !self.base_is_verb(cue.ts),
                        _ => false,
                    }
            });
            if let Some((f, ft)) = frame_event.filter(|_| !fs.is_empty() && !noun_plea) {
                // A frame inside another ("must be ready to mediate", "refused to commit to
                // aid"): the outer one says whether the inner speech act was made.
                let fm = match frame.and_then(|(c, _)| self.outer_modality(c)) {
                    _ if frame_negated => Modality::Negated,
                    Some(m) => m,
                    None => factual(Modality::Asserted),
                };
                self.emit(events, disc, fs, &ft, f, fm, (span_ts, span_te), &spk);
            }
        }
        // Frames that govern nothing but are verbs themselves: "threatened Pakistan",
        // "urged restraint", "refused".
        for (ci, c) in self.cues.clone().iter().enumerate() {
            // "Human Rights Watch said the Sudanese authorities must ensure security": a
            // reported "must" is the speaker's demand of its subject, whatever is demanded.
            if !governed_cues[ci]
                && c.modal
                && c.cue == Cue::Demand
                && let Some(spk) = speaker.as_ref().filter(|s| !s.is_empty())
                && let Subject::Np(k) = self.subject(c.ts, false, None)
                // Its subject right before it, and not what "must be avoided".
                && (self.nps[k].te..c.ts).all(|j| self.ctx.is_adverb(j))
                && !(self.ctx.word(c.te) == "be" && self.ctx.word(c.te + 1).ends_with("ed"))
                && let Some(code) =
                    lex.frames.get(&Cue::Demand).and_then(|l| l.iter().find(|(w, _)| w.is_empty())).map(|(_, c)| *c)
            {
                let target = self.nps[k].members.clone();
                if spk.iter().all(|m| target.iter().all(|t| t.code() != m.code())) {
                    let spk_code = spk.first().map(Member::code).unwrap_or_default();
                    let ts = self.nps[k].ts.min(c.ts);
                    self.emit(events, disc, spk, &target, code, Modality::Reported, (ts, c.te), &spk_code);
                }
                continue;
            }
            if governed_cues[ci] || c.modal || c.verb_pred.is_some_and(|v| !self.preds[v].dead) {
                continue;
            }
            let kind = match c.cue {
                Cue::Threat | Cue::Demand | Cue::Appeal | Cue::Refuse => c.cue,
                Cue::Intent => Cue::Intent,
                _ => continue,
            };
            let Some(code) =
                lex.frames.get(&kind).and_then(|l| l.iter().find(|(w, _)| w.is_empty())).map(|(_, c)| *c)
            else {
                continue;
            };
            // Only a verb stands alone as an event ("demanded", not "consumer demand").
            let verbal = match c.form {
                VerbForm::Base | VerbForm::Third => self.base_is_verb(c.ts),
                f => self.verbal_context(c.ts, f),
            };
            if !verbal {
                continue;
            }
            let source = match self.subject(c.ts, false, None) {
                Subject::Np(k) => self.nps[k].members.clone(),
                Subject::Inherit(q) => subjects[q].clone(),
                Subject::None => Vec::new(),
            };
            let (obj, _, _) = self.object(c.te, source.first().map_or("", |m| m.country), usize::MAX);
            let target = obj.map(|k| self.nps[k].members.clone()).unwrap_or_default();
            // A bare frame needs a speaker, and a bare threat, demand or appeal someone it is
            // addressed to.
            if source.is_empty()
                || (target.is_empty() && matches!(kind, Cue::Threat | Cue::Demand | Cue::Appeal))
            {
                continue;
            }
            let modality = if self.negated(c.ts) {
                Modality::Negated
            } else if let Some(m) = self.outer_modality(ci) {
                m
            } else if self.purpose(c.ts) {
                // "should cooperate to encourage refugees to return": a purpose, not a plea.
                Modality::Considered
            } else if reported {
                Modality::Reported
            } else {
                Modality::Asserted
            };
            let spk = speaker.as_ref().and_then(|s| s.first()).map(Member::code).unwrap_or_default();
            self.emit(events, disc, &source, &target, code, modality, (c.ts, c.te), &spk);
        }
    }

    /// Appends one event per (source, target) pair.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        events: &mut Vec<Event>,
        disc: &mut Discourse<'a>,
        source: &[Member<'a>],
        target: &[Member<'a>],
        code: crate::lexicon::CodeId,
        modality: Modality,
        (ts, te): (usize, usize),
        speaker: &str,
    ) {
        if source.is_empty() && target.is_empty() {
            return;
        }
        let lex = self.ctx.lex;
        let info = lex.code(code);
        // Events between companies, students or fans are not this analyzer's business: one
        // side at least must be a state, an organisation or a political or armed sector.
        // Violence (roots 18-20) against anyone is, when people were killed or hurt.
        let political = source.iter().chain(target).any(Member::is_political);
        let casualties = self.cues.iter().any(|c| matches!(c.cue, Cue::Killed | Cue::Injured));
        // Protest (14) is dissent aimed at authority even when no authority is named:
        // "Mexican workers went on strike" is a political event, "the band went on tour" none.
        // So is ending a protest or refusing to (082, 1242): "Brazilian workers called off
        // the strike".
        let protest = info.root == 14 || info.code.starts_with("082") || info.code == "1242";
        let dissent = protest && source.iter().any(|m| !m.country.is_empty());
        if !(political || dissent || info.root >= 18 && casualties) {
            return;
        }
        // Sanctions, reduced relations and coercion (roots 16-17, and threats of them) are
        // acts of states and armed groups: "British Airways is to halt its flights to
        // Riyadh" and "the airline cancelled 77 flights" are commerce.
        let sanction =
            matches!(info.root, 16 | 17) || info.code.starts_with("131") || info.code.starts_with("132");
        if sanction && !source.is_empty() && !source.iter().any(Member::is_political) {
            return;
        }
        // In sport, markets or entertainment, "attack", "beat" and "booked" are not hostile
        // acts and countries are teams: a hostile event there needs an armed actor.
        // An armed target needs a known source or casualties: in a game review "players must
        // battle soldiers" and "wipe out enemy troops" name no one who acts and no victims.
        // In an article that reads as sport or entertainment throughout, an armed word needs
        // its country: "Rangers" and "Raiders" are clubs, a "gunboat" is in a game.
        let discarded = self.ctx.non_political || self.cues.iter().any(|c| c.cue == Cue::Discard);
        let is_armed = |m: &Member<'_>| m.is_armed() && (!self.ctx.non_political || !m.country.is_empty());
        let armed =
            source.iter().any(is_armed) || (casualties || !source.is_empty()) && target.iter().any(is_armed);
        if discarded && info.goldstein < 0.0 && !armed {
            return;
        }
        let none = [Member { country: "", rest: "", sector: "", name: "" }];
        let srcs: &[Member<'a>] = if source.is_empty() { &none } else { source };
        let tgts: &[Member<'a>] = if target.is_empty() { &none } else { target };
        let span = self.ctx.span(ts, te.min(self.e).max(ts + 1));
        let text = span.slice(self.ctx.text).unwrap_or("").to_owned();
        for (si, s) in srcs.iter().enumerate() {
            // "India and Pakistan agreed to a ceasefire": with no target, each member of a
            // compound subject acts with the others.
            let with = if target.is_empty() && srcs.len() > 1 {
                srcs.iter().enumerate().find(|(i, o)| *i != si && o.country != s.country).map(|(_, o)| *o)
            } else {
                None
            };
            for t in tgts {
                let (sc, tc) = (s.code(), t.code());
                if sc.is_empty() && tc.is_empty() {
                    continue;
                }
                if sc == tc {
                    continue;
                }
                // A bare sector ("officials", "rebels", "workers") acting on or with a state's
                // actor is taken to be of that state: "officials demanded support from the
                // Montenegro Assembly" is Montenegrin. Only domestic dyads come of it, so no
                // dyad between two countries is ever invented.
                let violent = info.root >= 18;
                let (s, t) = (domestic(s, t, violent), domestic(t, s, violent));
                let (sc, tc) = (s.code(), t.code());
                // Only this sentence's events can repeat one (and scanning the whole article's
                // would make long texts quadratic).
                if events
                    .iter()
                    .rev()
                    .take_while(|e| e.sentence == self.index)
                    .any(|e| e.span == span && e.source == sc && e.target == tc && e.cameo == info.code)
                {
                    continue;
                }
                // "hosted the Japanese premier for an informal meeting": an untargeted event
                // of the same kind by the same actor restates one the sentence already has.
                if tc.is_empty()
                    && events.iter().rev().take_while(|e| e.sentence == self.index).any(|e| {
                        e.source == sc && !e.target.is_empty() && e.cameo.get(..2) == info.code.get(..2)
                    })
                {
                    continue;
                }
                // "Egyptian police opened fire, killing one person": the targeted event says
                // what the untargeted one of the same kind by the same actor did.
                if !tc.is_empty() {
                    let from = events.iter().rposition(|e| e.sentence != self.index).map_or(0, |i| i + 1);
                    let mut k = from;
                    while k < events.len() {
                        let e = &events[k];
                        if e.source == sc
                            && e.target.is_empty()
                            && e.modality == modality
                            && e.cameo.get(..2) == info.code.get(..2)
                        {
                            events.remove(k);
                        } else {
                            k += 1;
                        }
                    }
                }
                if modality.is_factual() || modality == Modality::Threatened {
                    disc.recent_dyads.push((s.country, t.country));
                }
                events.push(Event {
                    source: sc,
                    target: tc,
                    cameo: info.code.clone(),
                    plover: info.plover.clone(),
                    goldstein: info.goldstein,
                    modality,
                    sentence: self.index,
                    sentence_span: self.ctx.span(self.s, self.e),
                    span,
                    text: text.clone(),
                    speaker: if modality == Modality::Reported { speaker.to_owned() } else { String::new() },
                    source_country: s.country.to_owned(),
                    target_country: t.country.to_owned(),
                    with: with.map(|w| w.code()).unwrap_or_default(),
                    with_country: with.map(|w| w.country.to_owned()).unwrap_or_default(),
                });
            }
        }
    }
}
