//! The lexicon's vocabulary of English itself (`grammar.toml`, `verbs.toml`, `sectors.toml`):
//! closed word classes, number words, irregular verbs and sector codes, loaded and validated
//! once so that no word list lives in code (`docs/lexicon.md`).

use std::collections::HashMap;

/// A closed class of folded words with a fast membership test: the passes ask one for most
/// tokens of every sentence. A word of up to [`WordClass::SHORT`] bytes is compared as one
/// integer (its bytes and its length), so a test is a length check and a binary search over
/// integers, with no string comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordClass {
    /// The words, sorted.
    words: Box<[Box<str>]>,
    /// The keys of the short words, sorted.
    short: Box<[u128]>,
    /// The longer words.
    long: Box<[Box<str>]>,
    /// Bit `n` set when some word is `n` bytes long (`n` < 64): most words asked about are
    /// rejected on their length alone.
    lengths: u64,
}

impl WordClass {
    /// The longest word compared as an integer.
    const SHORT: usize = 15;

    /// A class of these words (sorted and kept once each).
    pub fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(words: I) -> Self {
        let mut words: Vec<Box<str>> = words.into_iter().map(Into::into).collect();
        words.sort_unstable();
        words.dedup();
        let lengths = words.iter().fold(0u64, |m, w| m | Self::bit(w.len()));
        let mut short: Vec<u128> = words.iter().filter_map(|w| Self::key(w)).collect();
        short.sort_unstable();
        let long = words.iter().filter(|w| w.len() > Self::SHORT).cloned().collect();
        WordClass { words: words.into_boxed_slice(), short: short.into_boxed_slice(), long, lengths }
    }

    fn bit(len: usize) -> u64 {
        1u64 << len.min(63)
    }

    /// A short word as an integer: its bytes, then its length in the last byte.
    #[inline]
    fn key(w: &str) -> Option<u128> {
        let b = w.as_bytes();
        if b.len() > Self::SHORT {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        buf[15] = b.len() as u8;
        Some(u128::from_le_bytes(buf))
    }

    /// Whether the folded word `w` is in the class.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        if self.lengths & Self::bit(w.len()) == 0 {
            return false;
        }
        match Self::key(w) {
            Some(k) => self.short.binary_search(&k).is_ok(),
            None => self.long.iter().any(|x| **x == *w),
        }
    }

    /// The words, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| &**w)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the class has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Declares the closed word classes: one field of [`Grammar`] per class, each a list of
/// `grammar.toml`'s `[grammar]` table under the same name.
macro_rules! word_classes {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// The closed word classes of `grammar.toml`, one field per class.
        #[derive(Debug, Clone, Default)]
        pub struct Grammar {
            $($(#[doc = $doc])* pub $name: WordClass,)*
        }

        impl Grammar {
            /// The name of every class, as written in `grammar.toml`.
            pub const CLASSES: &[&str] = &[$(stringify!($name)),*];

            /// The grammar of these classes, or the name of the first class missing.
            pub(super) fn from_classes(
                mut classes: HashMap<String, WordClass>,
            ) -> Result<Grammar, &'static str> {
                Ok(Grammar { $($name: classes.remove(stringify!($name)).ok_or(stringify!($name))?,)* })
            }
        }
    };
}

word_classes! {
    /// Auxiliaries, modals and the adverbs that sit with them: between a subject and its
    /// verb, never a subject.
    aux,
    /// Forms of "be" (and "get") that make a past participle passive.
    be,
    /// Modal heads: frames made of them never stand alone as events.
    modals,
    /// Determiners and similar words that mark a following word as a noun.
    determiners,
    /// Subject pronouns: a verb right after one is finite.
    subject_pronouns,
    /// Words after a comma that continue a list of targets.
    list_continuers,
    /// Conjunctions that make their whole clause conditional.
    conditionals,
    /// Words after which an infinitive complement happened ("began to shell").
    asserting_before_to,
    /// Verbs of perception: the actor phrase before one witnessed what follows.
    perception,
    /// Prepositions whose object is never the subject of a later verb.
    prepositions,
    /// Days of the week.
    weekdays,
    /// Month names.
    months,
    /// Abbreviated month names ("Sept.").
    month_abbreviations,
    /// Words that are no noun a one-word actor phrase could modify.
    not_a_noun,
    /// Relative pronouns.
    relatives,
    /// Prepositions that tie a bare agent to a country or place after it.
    of_in,
    /// Words that may sit between a country and its agent.
    agent_glue,
    /// Abbreviations a full stop does not end a sentence after (with the month
    /// abbreviations).
    abbreviations,
    /// News agencies that appear in wire datelines.
    agencies,
    /// Words allowed between a casualty word and a number after it.
    forward_filler,
    /// Words that end the backward search for a count (with the perception verbs).
    gap_stop,
    /// Words that make a "body" an institution.
    institution,
    /// Words that negate a count.
    none_words,
    /// Words after a number that make it something other than people.
    not_people,
    /// Prepositions that end an event noun's head ("suspension of").
    event_noun_prepositions,
    /// Possessive determiners that refer back to an actor ("its troops", "their leaders").
    possessives,
    /// Pronouns that stand for an actor named before ("it", "they").
    referring_pronouns,
    /// Pronouns that stand for more than one actor.
    plural_pronouns,
    /// Indefinite articles: "a soldier" is no one named; "a dozen" is a number.
    indefinite_articles,
    /// Articles.
    articles,
    /// Words between "of"/"in" and a place that keep an agent in it ("police in northern
    /// Kashmir").
    place_modifiers,
    /// Words that open a relative clause a story may date before itself ("where", "when").
    relative_openers,
    /// Words that date a relative clause before the story ("two years ago", "had fired").
    past_markers,
    /// Periods after "last" that date a clause before the story ("last year").
    periods,
    /// Words after "once" that make it an adverb ("once again", "once every").
    once_after,
    /// Words before "once" that make it an adverb ("about once", "only once").
    once_before,
    /// Words between a form of "be" and its participle, besides -ly adverbs ("was also killed").
    passive_adverbs,
    /// Words before an event noun that make it hypothetical or reflexive ("any attack", "a
    /// possible strike", "gave themselves a veto").
    hypothetical,
    /// Words a frame may reach across to the event noun it governs ("threatened a fresh
    /// retaliatory strike").
    noun_frame_filler,
    /// Prepositions before a country that locate an event rather than name a party.
    locating_prepositions,
    /// Prepositions before a capital that name the city, not the government ("a blast in Kabul").
    city_prepositions,
    /// Words after a participle that show it has no object, so is passive ("arrested in").
    passive_followers,
    /// Prepositions after a death or injury word that name the act that caused it ("died in").
    casualty_prepositions,
    /// Nominative pronouns: after a verb one opens a complement clause ("warned they will").
    personal_subjects,
    /// Prepositions of movement whose object is no subject ("flights to Cairo").
    directional,
    /// Words a speaker search skips besides weekdays ("said on Monday in a statement").
    speaker_filler,
}

impl Grammar {
    /// Whether a folded word is a month name or its abbreviation.
    pub fn is_month(&self, w: &str) -> bool {
        self.months.contains(w) || self.month_abbreviations.contains(w)
    }

    /// Whether a folded word is an abbreviation a full stop does not end a sentence after.
    pub fn is_abbreviation(&self, w: &str) -> bool {
        self.abbreviations.contains(w) || self.month_abbreviations.contains(w)
    }
}

/// Number words (`grammar.toml`, `[numbers]`).
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    /// Units and teens, and "dozen".
    pub(super) units: HashMap<Box<str>, u32>,
    /// Tens.
    pub(super) tens: HashMap<Box<str>, u32>,
}

impl Numbers {
    /// The value of a unit or teen word ("six" → 6).
    pub fn unit(&self, w: &str) -> Option<u32> {
        self.units.get(w).copied()
    }

    /// The value of a tens word ("twenty" → 20).
    pub fn ten(&self, w: &str) -> Option<u32> {
        self.tens.get(w).copied()
    }
}

/// Irregular verbs (`verbs.toml`).
#[derive(Debug, Clone, Default)]
pub struct Verbs {
    /// Lemma → (past, past participle).
    pub(super) irregular: HashMap<Box<str>, (Box<str>, Box<str>)>,
    /// Irregular verbs whose regular forms are as common.
    pub(super) regular_too: WordClass,
    /// Prefixes that keep a verb's irregular forms, in file order.
    pub(super) prefixes: Vec<Box<str>>,
    /// Lemma → irregular third person singular ("be" → "is").
    pub(super) third_person: HashMap<Box<str>, Box<str>>,
    /// Lemma → other present forms, read as the lemma ("be" → "am", "are", "were").
    pub(super) other_present: HashMap<Box<str>, Vec<Box<str>>>,
}

impl Verbs {
    /// The past and past participle of an irregular verb.
    pub fn irregular(&self, lemma: &str) -> Option<(&str, &str)> {
        self.irregular.get(lemma).map(|(p, pp)| (&**p, &**pp))
    }

    /// Whether an irregular verb's regular forms are as common.
    pub fn regular_too(&self, lemma: &str) -> bool {
        self.regular_too.contains(lemma)
    }

    /// The irregular third person singular of a verb ("is" for "be").
    pub fn third_person(&self, lemma: &str) -> Option<&str> {
        self.third_person.get(lemma).map(|w| &**w)
    }

    /// Other present forms of a verb, read as its lemma ("am", "are", "were" for "be").
    pub fn other_present(&self, lemma: &str) -> impl Iterator<Item = &str> {
        self.other_present.get(lemma).into_iter().flatten().map(|w| &**w)
    }

    /// Prefixes that keep a verb's irregular forms ("over" in "overrun").
    pub fn prefixes(&self) -> impl Iterator<Item = &str> {
        self.prefixes.iter().map(|p| &**p)
    }
}

/// A sector code or international actor type (`sectors.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    /// Three capitals.
    pub code: String,
    /// Display name in summaries, if any.
    pub name: Option<String>,
    /// Carries arms.
    pub armed: bool,
    /// Makes an actor political even without a country.
    pub political: bool,
    /// A firm or outlet a later "it" can stand for.
    pub organisation: bool,
}

/// Sector codes and international actor types (`sectors.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sectors {
    /// Sector codes, in file order.
    pub sectors: Vec<Sector>,
    /// International actor types, in file order: they stand where a country code stands.
    pub international: Vec<Sector>,
    /// Sector codes.
    all: WordClass,
    /// Armed sector codes.
    armed: WordClass,
    /// Political sector codes.
    political: WordClass,
    /// Organisation sector codes.
    organisation: WordClass,
    /// International types.
    international_codes: WordClass,
}

impl Sectors {
    /// The sectors and international types of these entries.
    pub(super) fn new(sectors: Vec<Sector>, international: Vec<Sector>) -> Sectors {
        let class =
            |f: fn(&Sector) -> bool| WordClass::new(sectors.iter().filter(|s| f(s)).map(|s| s.code.as_str()));
        Sectors {
            all: class(|_| true),
            armed: class(|s| s.armed),
            political: class(|s| s.political),
            organisation: class(|s| s.organisation),
            international_codes: WordClass::new(international.iter().map(|s| s.code.as_str())),
            sectors,
            international,
        }
    }

    /// Whether a 3-letter chunk is a sector code.
    pub fn is_sector(&self, chunk: &str) -> bool {
        self.all.contains(chunk)
    }

    /// Whether a sector code carries arms.
    pub fn is_armed(&self, chunk: &str) -> bool {
        self.armed.contains(chunk)
    }

    /// Whether a sector code makes an actor political.
    pub fn is_political(&self, chunk: &str) -> bool {
        self.political.contains(chunk)
    }

    /// Whether a sector code is of firms or outlets.
    pub fn is_organisation(&self, chunk: &str) -> bool {
        self.organisation.contains(chunk)
    }

    /// Whether a 3-letter chunk is an international actor type ("IGO").
    pub fn is_international(&self, chunk: &str) -> bool {
        self.international_codes.contains(chunk)
    }

    /// Display names of international types and sectors that have one, in file order.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.international
            .iter()
            .chain(&self.sectors)
            .filter_map(|s| Some((s.code.as_str(), s.name.as_deref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_class_contains_exactly_its_words() {
        let c = WordClass::new(["the", "a", "an", "'ll", "cross-border"]);
        for w in ["the", "a", "an", "'ll", "cross-border"] {
            assert!(c.contains(w), "{w}");
        }
        for w in ["", "th", "then", "b", "ll", "cross"] {
            assert!(!c.contains(w), "{w}");
        }
        let long = "x".repeat(70);
        assert!(WordClass::new([long.as_str()]).contains(&long));
        assert!(!WordClass::new([long.as_str()]).contains(&"x".repeat(64)));
        let c = WordClass::new(["fifteen-letters", "sixteen-letters!", "a"]);
        assert!(c.contains("fifteen-letters") && c.contains("sixteen-letters!") && c.contains("a"));
        assert!(!c.contains("fifteen-letter") && !c.contains("sixteen-letters") && !c.contains("a\0"));
    }
}
