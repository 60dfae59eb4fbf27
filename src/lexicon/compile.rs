//! Parses, validates and compiles lexicon files into a [`Lexicon`]. Every error names the
//! file, the line and the entry.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use jiff::civil::Date;
use toml::Spanned;

use super::grammar::{Grammar, Numbers, Sector, Sectors, Verbs, WordClass};
use super::morph::{self, VerbForm};
use super::schema::{CuesEntry, LexiconFile};
use super::{
    Agent, CaseRule, CodeId, CodeInfo, Country, Cue, Dictionary, Entry, EntryKind, EventRule, Lexicon,
    LexiconError, NamedActor, PLOVER, Person, Phrase, PhraseKind, Place, Role, Segment, Treaty,
};
use crate::model::Cameo;
use crate::text;

/// Where an entry is: file and 1-based line.
pub(super) struct Loc<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
}

impl Loc<'_> {
    fn line(&self, offset: usize) -> usize {
        self.text.as_bytes()[..offset.min(self.text.len())].iter().filter(|&&b| b == b'\n').count() + 1
    }

    pub(super) fn invalid<T>(
        &self,
        item: &Spanned<T>,
        entry: impl Into<String>,
        message: impl Into<String>,
    ) -> LexiconError {
        LexiconError::Invalid {
            file: self.file.to_owned(),
            line: self.line(item.span().start),
            entry: entry.into(),
            message: message.into(),
        }
    }
}

/// Collects patterns: every folded pattern, tokenized as text is, with its readings.
#[derive(Default)]
struct Patterns {
    dictionary: Dictionary,
    exact: Vec<String>,
    common: FxHashSet<String>,
    tokens: Vec<text::Token>,
}

impl Patterns {
    fn case_rule(&mut self, spelling: &str, check_common: bool) -> CaseRule {
        let letters = spelling.chars().filter(|c| c.is_alphabetic()).count();
        let upper = spelling.chars().filter(|c| c.is_uppercase()).count();
        if upper >= 2 && letters <= 6 {
            self.exact.push(spelling.to_owned());
            return CaseRule::Exact(u32::try_from(self.exact.len() - 1).unwrap_or(u32::MAX));
        }
        if check_common {
            let folded = text::strip_accents(&text::fold(spelling)).into_owned();
            match folded.rsplit_once(' ') {
                None if self.common.contains(&folded) => return CaseRule::Capitalized,
                // "Russia Today" ends in an ordinary word: only as written, so "visited Russia
                // today" is a visit to Russia.
                Some((_, last)) if self.common.contains(last) => {
                    self.exact.push(spelling.to_owned());
                    return CaseRule::Exact(u32::try_from(self.exact.len() - 1).unwrap_or(u32::MAX));
                }
                _ => {}
            }
        }
        CaseRule::Any
    }

    fn push(&mut self, folded: String, entry: Entry) {
        text::tokenize(&folded, &mut self.tokens);
        if self.tokens.is_empty() {
            return;
        }
        self.dictionary.add(&self.tokens, &folded, entry);
    }

    /// A proper name with its engine-made variants.
    fn name(&mut self, name: &str, kind: EntryKind) {
        for v in morph::variants(name.trim()) {
            let case = self.case_rule(&v, true);
            self.push(text::fold(&v), Entry { kind, case });
        }
    }

    /// A name forced to need capitalisation (surnames).
    fn capitalized(&mut self, name: &str, kind: EntryKind) {
        for v in morph::variants(name.trim()) {
            let case = match self.case_rule(&v, false) {
                CaseRule::Any => CaseRule::Capitalized,
                other => other,
            };
            self.push(text::fold(&v), Entry { kind, case });
        }
    }

    /// A common noun and its plural.
    fn noun(&mut self, noun: &str, kind: EntryKind) {
        let noun = noun.trim();
        let mut forms = vec![noun.to_owned()];
        if !noun.ends_with('s') && !noun.ends_with("ese") && !noun.ends_with("sh") && !noun.ends_with("ch") {
            forms.push(morph::plural(noun));
        }
        for f in forms {
            for v in morph::variants(&f) {
                let case = self.case_rule(&v, false);
                self.push(text::fold(&v), Entry { kind, case });
            }
        }
    }
}

/// A phrase split into its contiguous head and the segments after it.
fn split_phrase(phrase: &str) -> Option<(String, Vec<Segment>, u8)> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.is_empty() || words[0] == "*" {
        return None;
    }
    let head_len = words.iter().position(|w| *w == "*").unwrap_or(words.len());
    let head = words[..head_len].join(" ");
    let mut rest = Vec::new();
    let mut buf: Vec<String> = Vec::new();
    for w in &words[head_len..] {
        if *w == "*" {
            if !buf.is_empty() {
                rest.push(Segment::Words(std::mem::take(&mut buf)));
            }
            rest.push(Segment::Gap(3));
        } else {
            buf.extend(token_words(w));
        }
    }
    if !buf.is_empty() {
        rest.push(Segment::Words(buf));
    }
    if matches!(rest.last(), Some(Segment::Gap(_))) {
        return None;
    }
    let n = u8::try_from(words.iter().filter(|w| **w != "*").count()).unwrap_or(u8::MAX);
    Some((head, rest, n))
}

/// A phrase as the analyzer sees it: folded token texts ("sit-in" is "sit", "-", "in").
fn token_words(s: &str) -> Vec<String> {
    let folded = text::fold(s);
    let mut tokens = Vec::new();
    text::tokenize(&folded, &mut tokens);
    tokens
        .iter()
        .map(
            |t| {
                if t.kind == text::TokKind::Possessive { "'s".to_owned() } else { t.text(&folded).to_owned() }
            },
        )
        .collect()
}

/// The plural of an event noun: the word before its first preposition inflects.
fn noun_plural(noun: &str, prepositions: &WordClass) -> String {
    let words: Vec<&str> = noun.split(' ').collect();
    match words.iter().position(|w| prepositions.contains(w)) {
        Some(p) if p > 0 => {
            let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
            out[p - 1] = morph::plural(words[p - 1]);
            out.join(" ")
        }
        _ => morph::plural(noun),
    }
}

fn parse_date(s: &str) -> Option<Date> {
    s.parse::<Date>().ok()
}

fn valid_chunks(code: &str) -> bool {
    !code.is_empty() && code.len() % 3 == 0 && code.bytes().all(|b| b.is_ascii_uppercase())
}

struct Compiler<'a> {
    files: Vec<(Loc<'a>, LexiconFile)>,
    pats: Patterns,
    countries: Vec<Country>,
    country_index: HashMap<String, u16>,
    grammar: Grammar,
    verbs: Verbs,
    sectors: Sectors,
}

impl Compiler<'_> {
    fn is_country(&self, chunk: &str) -> bool {
        self.country_index.contains_key(chunk) || self.sectors.is_international(chunk)
    }

    /// An actor code: a country or international type then any chunks, or sectors alone.
    fn check_code(&self, code: &str) -> Result<(), String> {
        if !valid_chunks(code) {
            return Err(format!("actor code {code:?} is not 3-letter upper-case chunks"));
        }
        let first = &code[..3];
        if self.is_country(first) {
            return Ok(());
        }
        if self.sectors.is_sector(first) {
            let all_sectors = (0..code.len() / 3).all(|i| self.sectors.is_sector(&code[i * 3..i * 3 + 3]));
            if all_sectors {
                return Ok(());
            }
        }
        Err(format!("unknown actor code {code:?}: it must start with a country, IGO/NGO/IMG/MNC or a sector"))
    }
}

pub(super) fn parse_file(name: &str, text: &str) -> Result<LexiconFile, LexiconError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text.as_bytes()[..s.start.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
        });
        LexiconError::Parse { file: name.to_owned(), line, message: e.message().to_owned() }
    })
}

/// Parses and compiles lexicon files.
pub(super) fn compile(files: &[(String, String)]) -> Result<Lexicon, LexiconError> {
    // One file at a time: parsing them on threads saved a few milliseconds but held every
    // file's parse tree (and a heap per thread) at once, a third more peak memory.
    let results: Vec<Result<LexiconFile, LexiconError>> =
        files.iter().map(|(name, text)| parse_file(name, text)).collect();
    let mut parsed = Vec::with_capacity(files.len());
    for ((name, text), r) in files.iter().zip(results) {
        parsed.push((Loc { file: name, text }, r?));
    }
    let mut c = Compiler {
        files: parsed,
        pats: Patterns::default(),
        countries: Vec::new(),
        country_index: HashMap::new(),
        grammar: Grammar::default(),
        verbs: Verbs::default(),
        sectors: Sectors::default(),
    };
    c.grammar = compile_grammar(&c.files)?;
    let numbers = compile_numbers(&c.files)?;
    c.verbs = compile_verbs(&c.files)?;
    c.sectors = compile_sectors(&c.files)?;
    for (_, f) in &c.files {
        c.pats.common.extend(f.words.iter().map(|w| text::strip_accents(&text::fold(w.trim())).into_owned()));
    }

    let (codes, code_index) = compile_codes(&c.files)?;
    let codebook = super::codebook::compile(&c.files, &code_index)?;
    let frames = compile_frames(&c, &code_index)?;
    compile_countries(&mut c)?;
    let agents = compile_agents(&mut c)?;
    let named = compile_named(&mut c)?;
    let people = compile_people(&mut c)?;
    let places = compile_places(&mut c)?;
    let treaties = compile_treaties(&mut c)?;
    let mut phrases = Vec::new();
    let rules = compile_events(&mut c, &code_index, &mut phrases)?;
    compile_cues(&mut c, &mut phrases)?;
    // Phrasings per code: each verb or noun lemma of an event entry, and each frame table
    // entry that re-codes a governed event as this code ("threatened to strike": 138).
    let mut phrasings = vec![0u32; codes.len()];
    for (_, f) in &c.files {
        for item in &f.event {
            let e = item.get_ref();
            if let Some(&id) = code_index.get(&e.code) {
                phrasings[usize::from(id)] +=
                    u32::try_from(e.verbs.len() + e.nouns.len()).unwrap_or(u32::MAX);
            }
        }
    }
    for list in frames.values() {
        for (_, id) in list {
            phrasings[usize::from(*id)] += 1;
        }
    }

    let mut dictionary = std::mem::take(&mut c.pats.dictionary);
    dictionary.finish();
    // Freeing the parse trees takes milliseconds nobody needs to wait for.
    let files = std::mem::take(&mut c.files).into_iter().map(|(_, f)| f).collect::<Vec<_>>();
    std::thread::spawn(move || drop(files));
    let pattern_count = dictionary.len();
    Ok(Lexicon {
        dictionary,
        exact: c.pats.exact,
        codes,
        code_index,
        codebook,
        countries: c.countries,
        country_index: c.country_index,
        named,
        agents,
        people,
        places,
        treaties,
        rules,
        phrases,
        frames,
        pattern_count,
        phrasings,
        grammar: c.grammar,
        numbers,
        verbs: c.verbs,
        sectors: c.sectors,
    })
}

/// Whether a word of a word list is folded as text is: lower case, no accents, no outer
/// spaces, not empty.
fn is_folded(w: &str) -> bool {
    !w.is_empty() && w.trim() == w && text::strip_accents(&text::fold(w)) == w
}

/// The one file's table among all files, if any; a second file with it is an error.
fn only_one<'f, 'a, T>(
    files: &'f [(Loc<'a>, LexiconFile)],
    table: &str,
    get: impl Fn(&'f LexiconFile) -> Option<&'f Spanned<T>>,
) -> Result<Option<(&'f Loc<'a>, &'f Spanned<T>)>, LexiconError> {
    let mut found: Option<(&Loc<'_>, &Spanned<T>)> = None;
    for (loc, f) in files {
        if let Some(item) = get(f) {
            if let Some((first, _)) = found {
                return Err(loc.invalid(
                    item,
                    format!("[{table}]"),
                    format!("already defined in {}", first.file),
                ));
            }
            found = Some((loc, item));
        }
    }
    Ok(found)
}

/// A lexicon without a table the code needs.
fn missing(what: String) -> LexiconError {
    LexiconError::Missing(what)
}

/// The closed word classes (`[grammar]`): every class the code reads, each word folded and
/// listed once, and no class the code does not know.
fn compile_grammar(files: &[(Loc<'_>, LexiconFile)]) -> Result<Grammar, LexiconError> {
    let Some((loc, table)) = only_one(files, "grammar", |f| f.grammar.as_ref())? else {
        return Err(missing("[grammar] (grammar.toml)".to_owned()));
    };
    let mut classes = HashMap::new();
    for (name, list) in table.get_ref() {
        let entry = format!("grammar class {name:?}");
        if !Grammar::CLASSES.contains(&name.as_str()) {
            return Err(loc.invalid(list, entry, "unknown class: the code reads no class of this name"));
        }
        let mut seen = FxHashSet::default();
        for w in list.get_ref() {
            if !is_folded(w) {
                return Err(loc.invalid(list, entry, format!("{w:?} is not lower-case and folded")));
            }
            if !seen.insert(w.as_str()) {
                return Err(loc.invalid(list, entry, format!("{w:?} is listed twice")));
            }
        }
        classes.insert(name.clone(), WordClass::new(list.get_ref().iter().map(String::as_str)));
    }
    Grammar::from_classes(classes)
        .map_err(|class| loc.invalid(table, "[grammar]", format!("missing class {class:?}")))
}

/// Number words (`[numbers]`): folded, each once.
fn compile_numbers(files: &[(Loc<'_>, LexiconFile)]) -> Result<Numbers, LexiconError> {
    let Some((loc, table)) = only_one(files, "numbers", |f| f.numbers.as_ref())? else {
        return Err(missing("[numbers] (grammar.toml)".to_owned()));
    };
    let e = table.get_ref();
    let mut numbers = Numbers::default();
    for (list, out) in [(&e.units, &mut numbers.units), (&e.tens, &mut numbers.tens)] {
        for (w, &v) in list {
            if !is_folded(w) {
                return Err(loc.invalid(table, "[numbers]", format!("{w:?} is not lower-case and folded")));
            }
            out.insert(w.as_str().into(), v);
        }
    }
    if let Some(w) = e.units.keys().find(|w| e.tens.contains_key(*w)) {
        return Err(loc.invalid(table, "[numbers]", format!("{w:?} is both a unit and a ten")));
    }
    Ok(numbers)
}

/// Irregular verbs (`[verbs]`): folded, each lemma once.
fn compile_verbs(files: &[(Loc<'_>, LexiconFile)]) -> Result<Verbs, LexiconError> {
    let Some((loc, table)) = only_one(files, "verbs", |f| f.verbs.as_ref())? else {
        return Err(missing("[verbs] (verbs.toml)".to_owned()));
    };
    let e = table.get_ref();
    let invalid = |m: String| loc.invalid(table, "[verbs]", m);
    let mut verbs = Verbs::default();
    let present = e.third_person.iter().flat_map(|(l, t)| [l, t]);
    let other = e.other_present.iter().flat_map(|(l, f)| std::iter::once(l).chain(f));
    for w in e
        .prefixes
        .iter()
        .chain(&e.regular_too)
        .chain(e.irregular.iter().flatten())
        .chain(present)
        .chain(other)
    {
        if !is_folded(w) || w.contains(' ') {
            return Err(invalid(format!("{w:?} is not one lower-case, folded word")));
        }
    }
    for [lemma, past, participle] in &e.irregular {
        if verbs
            .irregular
            .insert(lemma.as_str().into(), (past.as_str().into(), participle.as_str().into()))
            .is_some()
        {
            return Err(invalid(format!("irregular verb {lemma:?} is listed twice")));
        }
    }
    if let Some(w) = e.regular_too.iter().find(|w| !verbs.irregular.contains_key(w.as_str())) {
        return Err(invalid(format!("regular_too: {w:?} is no irregular verb")));
    }
    for (i, p) in e.prefixes.iter().enumerate() {
        if e.prefixes[..i].contains(p) {
            return Err(invalid(format!("prefix {p:?} is listed twice")));
        }
    }
    verbs.regular_too = WordClass::new(e.regular_too.iter().map(String::as_str));
    verbs.prefixes = e.prefixes.iter().map(|p| p.as_str().into()).collect();
    verbs.third_person = e.third_person.iter().map(|(l, t)| (l.as_str().into(), t.as_str().into())).collect();
    verbs.other_present = e
        .other_present
        .iter()
        .map(|(l, f)| (l.as_str().into(), f.iter().map(|w| w.as_str().into()).collect()))
        .collect();
    Ok(verbs)
}

/// Sector codes and international types (`[[sector]]`, `[[international]]`): three
/// capitals, each code once; an international type has a name only.
fn compile_sectors(files: &[(Loc<'_>, LexiconFile)]) -> Result<Sectors, LexiconError> {
    let mut sectors = Vec::new();
    let mut international = Vec::new();
    let mut seen = FxHashSet::default();
    for (loc, f) in files {
        for (items, out, kind) in
            [(&f.sector, &mut sectors, "sector"), (&f.international, &mut international, "international")]
        {
            for item in items {
                let e = item.get_ref();
                let entry = format!("{kind} {:?}", e.code);
                if e.code.len() != 3 || !e.code.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(loc.invalid(item, entry, "a code is three capital letters"));
                }
                if !seen.insert(e.code.clone()) {
                    return Err(loc.invalid(item, entry, "code listed twice"));
                }
                if kind == "international" && (e.armed || e.political || e.organisation) {
                    return Err(loc.invalid(item, entry, "an international type has no sector flags"));
                }
                out.push(Sector {
                    code: e.code.clone(),
                    name: e.name.clone(),
                    armed: e.armed,
                    political: e.political,
                    organisation: e.organisation,
                });
            }
        }
    }
    if sectors.is_empty() {
        return Err(missing("[[sector]] (sectors.toml)".to_owned()));
    }
    if international.is_empty() {
        return Err(missing("[[international]] (sectors.toml)".to_owned()));
    }
    Ok(Sectors::new(sectors, international))
}

pub(super) fn compile_codes(
    files: &[(Loc<'_>, LexiconFile)],
) -> Result<(Vec<CodeInfo>, HashMap<String, CodeId>), LexiconError> {
    let mut codes = Vec::new();
    let mut index = HashMap::new();
    for (loc, f) in files {
        for item in &f.code {
            let e = item.get_ref();
            let entry = format!("code {:?}", e.code);
            let Some(code) = Cameo::parse(&e.code) else {
                return Err(loc.invalid(item, entry, "a CAMEO code is 2 to 4 digits"));
            };
            let root = code.root();
            if !Cameo::ROOTS.contains(&root) {
                return Err(loc.invalid(item, entry, "CAMEO roots run from 01 to 20"));
            }
            if !(-10.0..=10.0).contains(&e.goldstein) {
                return Err(loc.invalid(item, entry, "goldstein must lie in -10 ... 10"));
            }
            if !e.plover.is_empty() && !PLOVER.contains(&e.plover.as_str()) {
                return Err(loc.invalid(item, entry, format!("unknown PLOVER category {:?}", e.plover)));
            }
            let id = CodeId::try_from(codes.len())
                .map_err(|_| loc.invalid(item, entry.clone(), "too many codes"))?;
            if index.insert(e.code.clone(), id).is_some() {
                return Err(loc.invalid(item, entry, "duplicate code"));
            }
            codes.push(CodeInfo {
                code: e.code.clone(),
                name: e.name.clone(),
                goldstein: e.goldstein,
                plover: e.plover.clone(),
                mode: e.mode.clone(),
                root,
            });
        }
    }
    Ok((codes, index))
}

fn compile_frames(
    c: &Compiler<'_>,
    code_index: &HashMap<String, CodeId>,
) -> Result<HashMap<Cue, Vec<(String, CodeId)>>, LexiconError> {
    let mut frames: HashMap<Cue, Vec<(String, CodeId)>> = HashMap::new();
    for (loc, f) in &c.files {
        for item in &f.frame {
            let e = item.get_ref();
            let entry = format!("frame {} {:?}", e.kind, e.when);
            let kind = match e.kind.as_str() {
                "intent" => Cue::Intent,
                "threat" => Cue::Threat,
                "refuse" => Cue::Refuse,
                "demand" => Cue::Demand,
                "appeal" => Cue::Appeal,
                other => {
                    return Err(loc.invalid(item, entry, format!("unknown frame kind {other:?}")));
                }
            };
            if !e.when.bytes().all(|b| b.is_ascii_digit()) {
                return Err(loc.invalid(item, entry, "`when` is a CAMEO prefix of digits"));
            }
            let code = *code_index
                .get(&e.code)
                .ok_or_else(|| loc.invalid(item, entry, format!("unknown CAMEO code {:?}", e.code)))?;
            frames.entry(kind).or_default().push((e.when.clone(), code));
        }
    }
    for list in frames.values_mut() {
        list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
    }
    Ok(frames)
}

fn compile_countries(c: &mut Compiler<'_>) -> Result<(), LexiconError> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.country {
                let e = item.get_ref();
                let entry = format!("country {:?}", e.code);
                if e.code.len() != 3 || !valid_chunks(&e.code) {
                    return Err(loc.invalid(item, entry, "a country code is 3 upper-case letters"));
                }
                let idx = u16::try_from(c.countries.len())
                    .map_err(|_| loc.invalid(item, entry.clone(), "too many countries"))?;
                if c.country_index.insert(e.code.clone(), idx).is_some() {
                    return Err(loc.invalid(item, entry, "duplicate country code"));
                }
                c.countries.push(Country {
                    code: e.code.clone(),
                    name: e.name.clone(),
                    historical: e.historical,
                    demonym: e.demonyms.first().unwrap_or(&e.name).trim().to_owned(),
                });
                let names = std::iter::once(&e.name).chain(&e.aliases).chain(&e.demonyms).chain(&e.capitals);
                for n in names {
                    if n.trim().is_empty() {
                        return Err(loc.invalid(item, entry, "empty name"));
                    }
                    if let Some(other) = seen.insert(text::fold(n.trim()), e.code.clone())
                        && other != e.code
                    {
                        return Err(loc.invalid(item, entry, format!("{n:?} already names {other}")));
                    }
                }
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    c.pats.name(n, EntryKind::Country(idx));
                }
                for d in &e.demonyms {
                    c.pats.name(d, EntryKind::Demonym(idx));
                    let d = d.trim();
                    if !(d.ends_with('s') || d.ends_with("sh") || d.ends_with("ch") || d.ends_with("ese")) {
                        c.pats.name(&morph::plural(d), EntryKind::Demonym(idx));
                    }
                }
                for cap in &e.capitals {
                    c.pats.name(cap, EntryKind::Capital(idx));
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result
}

fn compile_agents(c: &mut Compiler<'_>) -> Result<Vec<Agent>, LexiconError> {
    let mut agents = Vec::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.agent {
                let e = item.get_ref();
                let entry = format!("agent {:?}", e.sector);
                if !c.sectors.is_sector(&e.sector) {
                    return Err(loc.invalid(item, entry, format!("unknown sector {:?}", e.sector)));
                }
                if !e.country.is_empty() && !c.is_country(&e.country) {
                    return Err(loc.invalid(item, entry, format!("unknown country {:?}", e.country)));
                }
                let idx = u16::try_from(agents.len())
                    .map_err(|_| loc.invalid(item, entry.clone(), "too many agents"))?;
                agents.push(Agent { sector: e.sector.clone(), country: e.country.clone() });
                for n in &e.nouns {
                    if n.trim().is_empty() {
                        return Err(loc.invalid(item, entry, "empty noun"));
                    }
                    c.pats.noun(n, EntryKind::Agent(idx));
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result.map(|()| agents)
}

fn compile_named(c: &mut Compiler<'_>) -> Result<Vec<NamedActor>, LexiconError> {
    let mut named = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.actor {
                let e = item.get_ref();
                let entry = format!("actor {:?}", e.name);
                c.check_code(&e.code).map_err(|m| loc.invalid(item, entry.clone(), m))?;
                let idx = u32::try_from(named.len())
                    .map_err(|_| loc.invalid(item, entry.clone(), "too many actors"))?;
                named.push(NamedActor { code: e.code.clone(), name: e.name.clone() });
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    if n.trim().is_empty() {
                        return Err(loc.invalid(item, entry, "empty name"));
                    }
                    if let Some(other) = seen.insert(n.trim().to_owned(), e.name.clone())
                        && other != e.name
                    {
                        return Err(loc.invalid(item, entry, format!("{n:?} already names actor {other:?}")));
                    }
                    c.pats.name(n, EntryKind::Named(idx));
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result.map(|()| named)
}

fn compile_people(c: &mut Compiler<'_>) -> Result<Vec<Person>, LexiconError> {
    let mut people = Vec::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.person {
                let e = item.get_ref();
                let entry = format!("person {:?}", e.name);
                if e.roles.is_empty() {
                    return Err(loc.invalid(item, entry, "a person needs at least one role"));
                }
                let mut roles = Vec::with_capacity(e.roles.len());
                for (i, r) in e.roles.iter().enumerate() {
                    let what = |m: String| loc.invalid(item, entry.clone(), format!("role {}: {m}", i + 1));
                    c.check_code(&r.code).map_err(what)?;
                    let from = parse_date(&r.from)
                        .ok_or_else(|| what(format!("bad date {:?} (YYYY-MM-DD)", r.from)))?;
                    let to = match &r.to {
                        Some(t) => {
                            Some(parse_date(t).ok_or_else(|| what(format!("bad date {t:?} (YYYY-MM-DD)")))?)
                        }
                        None => None,
                    };
                    if to.is_some_and(|t| t < from) {
                        return Err(what("`to` is before `from`".to_owned()));
                    }
                    roles.push(Role { code: r.code.clone(), title: r.title.clone(), from, to });
                }
                let idx = u32::try_from(people.len())
                    .map_err(|_| loc.invalid(item, entry.clone(), "too many people"))?;
                people.push(Person { name: e.name.clone(), roles });
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    if n.trim().is_empty() {
                        return Err(loc.invalid(item, entry, "empty name"));
                    }
                    c.pats.name(n, EntryKind::Person(idx));
                    // The surname alone refers back to this person after a full mention.
                    let words: Vec<&str> = n.split_whitespace().collect();
                    if let [.., last] = words.as_slice()
                        && words.len() >= 2
                        && last.chars().filter(|ch| ch.is_alphabetic()).count() >= 3
                    {
                        c.pats.capitalized(last, EntryKind::Surname(idx));
                    }
                }
                for s in &e.short {
                    c.pats.capitalized(s, EntryKind::Person(idx));
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result.map(|()| people)
}

fn compile_places(c: &mut Compiler<'_>) -> Result<Vec<Place>, LexiconError> {
    let mut places = Vec::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.places {
                let e = item.get_ref();
                let entry = format!("places {:?}", e.names.first().map_or("", String::as_str));
                if !e.country.is_empty() && !c.is_country(&e.country) {
                    return Err(loc.invalid(item, entry, format!("unknown country {:?}", e.country)));
                }
                if let Some(bad) = e.disputed.iter().find(|d| !c.is_country(d)) {
                    return Err(loc.invalid(item, entry, format!("unknown disputing party {bad:?}")));
                }
                for n in &e.names {
                    if n.trim().is_empty() {
                        return Err(loc.invalid(item, entry, "empty name"));
                    }
                    let idx = u32::try_from(places.len())
                        .map_err(|_| loc.invalid(item, entry.clone(), "too many places"))?;
                    places.push(Place {
                        name: n.clone(),
                        country: e.country.clone(),
                        disputed: e.disputed.clone(),
                    });
                    c.pats.name(n, EntryKind::Place(idx));
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result.map(|()| places)
}

fn compile_treaties(c: &mut Compiler<'_>) -> Result<Vec<Treaty>, LexiconError> {
    let mut treaties = Vec::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.treaty {
                let e = item.get_ref();
                let entry = format!("treaty {:?}", e.name);
                if let Some(bad) = e.parties.iter().find(|d| !c.is_country(d)) {
                    return Err(loc.invalid(item, entry, format!("unknown party {bad:?}")));
                }
                let idx = u16::try_from(treaties.len())
                    .map_err(|_| loc.invalid(item, entry.clone(), "too many treaties"))?;
                treaties.push(Treaty { name: e.name.clone(), parties: e.parties.clone() });
                for n in std::iter::once(&e.name).chain(&e.aliases) {
                    c.pats.name(n, EntryKind::Treaty(idx));
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result.map(|()| treaties)
}

/// Adds a phrase's patterns: every inflection of its head (verbs), or singular and plural
/// (nouns), or the words as written.
fn add_phrase(
    pats: &mut Patterns,
    phrases: &mut Vec<Phrase>,
    text: &str,
    kind: PhraseKind,
    inflect: Inflect,
    (grammar, verbs): (&Grammar, &Verbs),
) -> Result<(), String> {
    let (head, rest, words) = split_phrase(text).ok_or_else(|| format!("bad phrase {text:?}"))?;
    let idx = u32::try_from(phrases.len()).map_err(|_| "too many phrases".to_owned())?;
    phrases.push(Phrase { kind, rest, words });
    let forms: Vec<(String, VerbForm)> = match inflect {
        Inflect::Verb => morph::verb_forms(&head, verbs),
        Inflect::Noun => {
            let mut v = vec![(head.clone(), VerbForm::Base)];
            if !head.ends_with('s') {
                v.push((noun_plural(&head, &grammar.event_noun_prepositions), VerbForm::Base));
            }
            v
        }
        Inflect::None => vec![(head, VerbForm::Base)],
    };
    for (form, vf) in forms {
        for v in morph::variants(&form) {
            let case = pats.case_rule(&v, false);
            pats.push(text::fold(&v), Entry { kind: EntryKind::Phrase(idx, vf), case });
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Inflect {
    Verb,
    Noun,
    None,
}

fn compile_events(
    c: &mut Compiler<'_>,
    code_index: &HashMap<String, CodeId>,
    phrases: &mut Vec<Phrase>,
) -> Result<Vec<EventRule>, LexiconError> {
    let mut rules = Vec::new();
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            for item in &f.event {
                let e = item.get_ref();
                let first = e.verbs.first().or(e.nouns.first()).map_or("", String::as_str);
                let entry = format!("event {} {first:?}", e.code);
                let code = *code_index.get(&e.code).ok_or_else(|| {
                    loc.invalid(item, entry.clone(), format!("unknown CAMEO code {:?}", e.code))
                })?;
                if e.verbs.is_empty() && e.nouns.is_empty() {
                    return Err(loc.invalid(item, entry, "an event needs verbs or nouns"));
                }
                let mut objects = Vec::new();
                for o in &e.objects {
                    let o = o.trim();
                    if o.is_empty() {
                        return Err(loc.invalid(item, entry, "empty object"));
                    }
                    let mut forms = vec![o.to_owned()];
                    if !o.ends_with('s') {
                        forms.push(morph::plural(o));
                    }
                    for f in forms {
                        for v in morph::variants(&f) {
                            let words = token_words(&v);
                            if words.is_empty() {
                                return Err(loc.invalid(item, entry, format!("object {o:?} has no words")));
                            }
                            if !objects.contains(&words) {
                                objects.push(words);
                            }
                        }
                    }
                }
                let mut objects_by_first: FxHashMap<String, Vec<u32>> = FxHashMap::default();
                for (k, words) in objects.iter().enumerate() {
                    let k =
                        u32::try_from(k).map_err(|_| loc.invalid(item, entry.clone(), "too many objects"))?;
                    objects_by_first.entry(words[0].clone()).or_default().push(k);
                }
                let idx = u32::try_from(rules.len())
                    .map_err(|_| loc.invalid(item, entry.clone(), "too many rules"))?;
                rules.push(EventRule {
                    code,
                    objects,
                    objects_by_first,
                    passive: e.passive,
                    victim: e.victim,
                    weapon: e.weapon,
                });
                for v in &e.verbs {
                    add_phrase(
                        &mut c.pats,
                        phrases,
                        v,
                        PhraseKind::Verb(idx),
                        Inflect::Verb,
                        (&c.grammar, &c.verbs),
                    )
                    .map_err(|m| loc.invalid(item, entry.clone(), m))?;
                }
                for n in &e.nouns {
                    add_phrase(
                        &mut c.pats,
                        phrases,
                        n,
                        PhraseKind::Noun(idx),
                        Inflect::Noun,
                        (&c.grammar, &c.verbs),
                    )
                    .map_err(|m| loc.invalid(item, entry.clone(), m))?;
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result.map(|()| rules)
}

fn compile_cues(c: &mut Compiler<'_>, phrases: &mut Vec<Phrase>) -> Result<(), LexiconError> {
    let files = std::mem::take(&mut c.files);
    let result = (|| {
        for (loc, f) in &files {
            let Some(item) = &f.cues else { continue };
            let e: &CuesEntry = item.get_ref();
            let lists: [(&Vec<String>, Cue, Inflect); 19] = [
                (&e.light_verbs, Cue::Light, Inflect::Verb),
                (&e.intent, Cue::Intent, Inflect::Verb),
                (&e.threat, Cue::Threat, Inflect::Verb),
                (&e.consider, Cue::Consider, Inflect::Verb),
                (&e.refuse, Cue::Refuse, Inflect::Verb),
                (&e.negate, Cue::Negate, Inflect::None),
                (&e.deny, Cue::Deny, Inflect::Verb),
                (&e.demand, Cue::Demand, Inflect::Verb),
                (&e.appeal, Cue::Appeal, Inflect::Verb),
                (&e.report, Cue::Report, Inflect::Verb),
                (&e.report_before, Cue::ReportBefore, Inflect::None),
                (&e.clause, Cue::Clause, Inflect::None),
                (&e.compound, Cue::Compound, Inflect::None),
                (&e.pronouns, Cue::Pronoun, Inflect::None),
                (&e.killed, Cue::Killed, Inflect::Verb),
                (&e.injured, Cue::Injured, Inflect::Verb),
                (&e.discard, Cue::Discard, Inflect::Noun),
                (&e.occur, Cue::Occur, Inflect::Verb),
                (&e.mishap, Cue::Mishap, Inflect::Verb),
            ];
            for (list, cue, inflect) in lists {
                for p in list {
                    add_phrase(
                        &mut c.pats,
                        phrases,
                        p,
                        PhraseKind::Cue(cue),
                        inflect,
                        (&c.grammar, &c.verbs),
                    )
                    .map_err(|m| loc.invalid(item, format!("cues {cue:?}"), m))?;
                }
            }
        }
        Ok(())
    })();
    c.files = files;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon of `text` and the embedded grammar, verbs and sectors.
    fn compile_one(text: &str) -> Result<Lexicon, LexiconError> {
        let mut files: Vec<(String, String)> = super::super::EMBEDDED
            .iter()
            .filter(|(n, _)| ["grammar.toml", "verbs.toml", "sectors.toml"].contains(n))
            .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
            .collect();
        files.push(("test.toml".to_owned(), text.to_owned()));
        compile(&files)
    }

    #[test]
    fn errors_name_file_line_and_entry() {
        let cases: &[(&str, &str, &str)] = &[
            ("unknown field", "[[country]]\ncode = \"PAK\"\nname = \"Pakistan\"\nflag = 1\n", "test.toml:4"),
            ("bad code", "[[code]]\ncode = \"9\"\nname = \"x\"\ngoldstein = 0.0\n", "code \"9\""),
            (
                "bad person code",
                "[[country]]\ncode = \"PAK\"\nname = \"Pakistan\"\n\n[[person]]\nname = \"Ishaq Dar\"\nroles = [{ code = \"PKA\", from = \"2024-03-11\" }]\n",
                "test.toml:5: person \"Ishaq Dar\": role 1: unknown actor code \"PKA\"",
            ),
            (
                "bad date",
                "[[country]]\ncode = \"PAK\"\nname = \"Pakistan\"\n[[person]]\nname = \"X Y\"\nroles = [{ code = \"PAK\", from = \"2024-13-11\" }]\n",
                "bad date",
            ),
            (
                "duplicate country name",
                "[[country]]\ncode = \"PAK\"\nname = \"Pakistan\"\n[[country]]\ncode = \"IND\"\nname = \"India\"\naliases = [\"Pakistan\"]\n",
                "already names PAK",
            ),
        ];
        for (name, text, expected) in cases {
            let err = compile_one(text).expect_err(name).to_string();
            assert!(err.contains(expected), "{name}: {err}");
        }
    }

    #[test]
    fn grammar_errors_name_file_and_class() {
        let embedded = |name: &str| {
            let (n, c) = super::super::EMBEDDED.iter().find(|(n, _)| *n == name).expect("embedded file");
            ((*n).to_owned(), (*c).to_owned())
        };
        let grammar = embedded("grammar.toml").1;
        let with_grammar = |text: String| {
            compile(&[("grammar.toml".to_owned(), text), embedded("verbs.toml"), embedded("sectors.toml")])
                .expect_err("invalid grammar")
                .to_string()
        };
        let no_aux = grammar.replacen("aux = [", "aux_ = [", 1);
        assert!(with_grammar(no_aux).contains("unknown class"), "renamed class");
        let start = grammar.find("aux = [").expect("aux");
        let end = start + grammar[start..].find("]\n").expect("end of aux") + 2;
        let missing = format!("{}{}", &grammar[..start], &grammar[end..]);
        let err = with_grammar(missing);
        assert!(err.starts_with("grammar.toml:") && err.contains("missing class \"aux\""), "{err}");
        let upper = grammar.replacen("\"is\", \"are\"", "\"Is\", \"are\"", 1);
        assert!(with_grammar(upper).contains("\"Is\" is not lower-case"), "upper case");
        let twice = grammar.replacen("\"is\", \"are\"", "\"is\", \"is\"", 1);
        assert!(with_grammar(twice).contains("\"is\" is listed twice"), "duplicate");
        let err =
            compile(&[embedded("verbs.toml"), embedded("sectors.toml")]).expect_err("no grammar").to_string();
        assert!(err.contains("[grammar]"), "{err}");
        let err = compile_one("[grammar]\naux = []\n").expect_err("second grammar").to_string();
        assert!(err.contains("already defined in grammar.toml"), "{err}");
    }

    #[test]
    fn sectors_carry_their_flags() {
        let lex = compile_one("").expect("embedded grammar, verbs and sectors");
        let s = &lex.sectors;
        assert!(s.is_sector("MIL") && s.is_armed("MIL") && s.is_political("MIL"));
        assert!(s.is_sector("CVL") && !s.is_armed("CVL") && !s.is_political("CVL"));
        assert!(s.is_organisation("MED") && !s.is_organisation("GOV"));
        assert!(s.is_international("IGO") && !s.is_sector("IGO"));
        assert!(s.names().any(|(c, n)| c == "UAF" && n == "gunmen"));
    }

    #[test]
    fn phrases_split_into_head_and_rest() {
        let (head, rest, n) = split_phrase("put * on alert").expect("valid");
        assert_eq!(head, "put");
        assert_eq!(rest, vec![Segment::Gap(3), Segment::Words(vec!["on".into(), "alert".into()])]);
        assert_eq!(n, 3);
        assert!(split_phrase("* attack").is_none());
        assert!(split_phrase("attack *").is_none());
    }

    #[test]
    fn event_nouns_pluralise_before_their_preposition() {
        let p = WordClass::new(["of", "by"]);
        assert_eq!(noun_plural("suspension of", &p), "suspensions of");
        assert_eq!(noun_plural("air strike", &p), "air strikes");
    }
}
