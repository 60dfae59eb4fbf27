//! The state of one sentence that the passes share: tokens and hits (read-only, [`Ctx`]),
//! then the layers each pass adds (actor phrases, predicates, cues, frames, roles). A leaf:
//! it imports no pass.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::lexicon::{CodeId, Cue, Lexicon, Sectors, VerbForm};
use crate::model::{Modality, Span};
use crate::text::{Punct, TokKind, Token};

use super::hits::Hits;
use super::learned::Model;
use super::rule::{Rule, RuleSet};

/// A member without a country but with a sector, given the country of `other` when that is
/// a state (not an international type). In violence (`violent`) the other side must be a
/// state's institution or group, not a bare country name: "a gunboat attacking Japanese
/// planes" is no Japanese gunboat.
pub(super) fn domestic<'a>(
    sectors: &Sectors,
    m: &Member<'a>,
    other: &Member<'a>,
    violent: bool,
) -> Member<'a> {
    let bare = m.country.is_empty() && (!m.sector.is_empty() || !m.rest.is_empty());
    let institution = !other.sector.is_empty() || !other.rest.is_empty();
    if bare
        && (institution || !violent)
        && other.country.len() == 3
        && !sectors.is_international(other.country)
    {
        Member { country: other.country, ..*m }
    } else {
        *m
    }
}

/// What an actor atom is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AtomKind {
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
pub(super) struct Member<'a> {
    /// Country or international type ("PAK", "IGO"), or "" when unknown.
    pub(super) country: &'a str,
    /// Chunks after the country from a named actor or person ("UNO", "GOV").
    pub(super) rest: &'a str,
    /// Sector from an agent noun, added when `rest` has none.
    pub(super) sector: &'a str,
    /// Display name.
    pub(super) name: &'a str,
}

impl Member<'_> {
    /// Whether the actor carries arms: soldiers, police, militants, gunmen.
    pub fn is_armed(&self, sectors: &Sectors) -> bool {
        sectors.is_armed(self.sector)
            || (0..self.rest.len() / 3).any(|i| sectors.is_armed(&self.rest[i * 3..i * 3 + 3]))
    }

    /// Whether the actor is a state, an international body, or a political or armed sector.
    pub fn is_political(&self, sectors: &Sectors) -> bool {
        let chunks = || {
            std::iter::once(self.sector).chain((0..self.rest.len() / 3).map(|i| &self.rest[i * 3..i * 3 + 3]))
        };
        // "British Airways", "Pakistani villagers": a country with a civilian sector is not
        // a political actor.
        if !self.sector.is_empty()
            && !sectors.is_political(self.sector)
            && !chunks().any(|c| sectors.is_political(c))
        {
            return false;
        }
        !self.country.is_empty() || chunks().any(|c| sectors.is_political(c))
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
pub(super) struct Atom<'a> {
    pub(super) ts: usize,
    pub(super) te: usize,
    pub(super) kind: AtomKind,
    pub(super) members: Vec<Member<'a>>,
}

/// An actor phrase: one or more members (a compound "India and Pakistan" has two).
#[derive(Debug, Clone)]
pub(super) struct Np<'a> {
    pub(super) ts: usize,
    pub(super) te: usize,
    pub(super) members: Vec<Member<'a>>,
    /// Followed by a possessive `'s`.
    pub(super) possessive: bool,
    /// Made only of a pronoun or a compound reference.
    pub(super) referential: bool,
    /// Names the speaker of a report.
    pub(super) speaker: bool,
    /// Taken as the target of predicate i.
    pub(super) target_of: Option<usize>,
    /// A possessive pronoun's own forces ("its troops"): never the target of its owner.
    pub(super) own: bool,
    /// One demonym or one agent noun and nothing else ("Senegalese", "terrorist"): may be
    /// a modifier of the noun after it.
    pub(super) lone: bool,
    /// A capital read as the city alone ("in Cairo"): where its own country acted, never
    /// its target.
    pub(super) city: bool,
}

impl<'a> Np<'a> {
    /// A phrase over tokens `[ts, te)` with its members and no other mark.
    pub(super) fn new(ts: usize, te: usize, members: Vec<Member<'a>>) -> Self {
        Np {
            ts,
            te,
            members,
            possessive: false,
            referential: false,
            speaker: false,
            target_of: None,
            own: false,
            lone: false,
            city: false,
        }
    }

    pub(super) fn country(&self) -> &str {
        self.members.first().map_or("", |m| m.country)
    }
}

/// A predicate: a verb phrase or a governed event noun.
#[derive(Debug, Clone)]
pub(super) struct Pred {
    /// Where source search starts (the light verb for "carried out strikes").
    pub(super) anchor: usize,
    /// The phrase's own tokens (for nouns, the noun).
    pub(super) ts: usize,
    pub(super) te: usize,
    /// Where the object head that selected the rule ends (`te` when none did).
    pub(super) object_end: usize,
    /// Event rule.
    pub(super) rule: u32,
    pub(super) form: VerbForm,
    pub(super) noun: bool,
    /// Suppressed (a frame cue's own verb reading when the frame governs something).
    pub(super) dead: bool,
    /// Governed by a casualty word before it ("killed in an attack"): its subject is the
    /// victim.
    pub(super) victim: bool,
    /// An event noun governed by a negation ("was not the murder", "no sign of an attack").
    pub(super) negated: bool,
}

/// A cue found in the sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct CueAt {
    pub(super) cue: Cue,
    pub(super) ts: usize,
    pub(super) te: usize,
    /// The cue's head is a modal ("would"), so it never stands alone as an event.
    pub(super) modal: bool,
    /// The same hit also reads as an event verb (that predicate's index).
    pub(super) verb_pred: Option<usize>,
    /// The verb form of the cue's first word.
    pub(super) form: VerbForm,
}

/// Who the source is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Subject {
    Np(usize),
    Inherit(usize),
    None,
}

/// The roles of one predicate, found by the roles pass.
#[derive(Debug, Clone)]
pub(super) struct Roles<'a> {
    /// Where the subject search started (the frame verb for a framed predicate).
    pub(super) anchor: usize,
    /// Who acts.
    pub(super) source: Vec<Member<'a>>,
    /// Whom the act reaches.
    pub(super) target: Vec<Member<'a>>,
    /// The subject's phrase, when it is in this clause.
    pub(super) subj_np: Option<usize>,
    /// The target's phrase (the subject's, for a passive).
    pub(super) target_np: Option<usize>,
    /// Where the evidence ends: past the object, a treaty or a place.
    pub(super) evidence_end: usize,
    /// The event code.
    pub(super) code: CodeId,
}

/// The modality of one predicate and the speech act its frame makes, found by the modality
/// pass.
#[derive(Debug, Clone)]
pub(super) struct Mood<'a> {
    /// Asserted, reported, threatened, considered or negated.
    pub(super) modality: Modality,
    /// The frame's own event (a threat, a demand) and its target.
    pub(super) frame_event: Option<(CodeId, Vec<Member<'a>>)>,
    /// Who makes the frame's speech act, when not the source.
    pub(super) frame_source: Option<Vec<Member<'a>>>,
    /// The modality of the frame's speech act.
    pub(super) frame_modality: Modality,
}

/// Per-article memory that outlives a sentence: people seen, acronyms defined, recent
/// actors for pronouns and "both countries", recent dyads for targetless measures.
#[derive(Debug, Default)]
pub(super) struct Discourse<'a> {
    pub(super) seen_people: Vec<u32>,
    pub(super) acronyms: HashMap<String, Vec<Member<'a>>>,
    pub(super) last_subject: Vec<Member<'a>>,
    pub(super) recent_countries: Vec<Member<'a>>,
    pub(super) recent_dyads: Vec<(&'a str, &'a str)>,
    pub(super) prev_dyads: Vec<(&'a str, &'a str)>,
    /// The sentence before told of an accident or a disaster and of no attack.
    pub(super) after_mishap: bool,
}

/// Read-only inputs for one article.
pub(super) struct Ctx<'a> {
    /// The lexicon.
    pub(super) lex: &'a Lexicon,
    /// Original text.
    pub(super) text: &'a str,
    /// Folded text, same offsets.
    pub(super) folded: &'a str,
    /// Tokens.
    pub(super) tokens: &'a [Token],
    /// Hits.
    pub(super) hits: &'a Hits,
    /// Publication date, for dated roles.
    pub(super) date: Option<Date>,
    /// The article reads as sport, markets, entertainment or technology (several distinct
    /// discard words): hostile events need an armed actor.
    pub(super) non_political: bool,
    /// Distinct words of sport, markets or entertainment in the article (`non_political` is
    /// this count at its threshold).
    pub(super) discards: usize,
    /// The rules that apply.
    pub(super) rules: &'a RuleSet,
    /// Where the headline ends (bytes): the title, or a whole text that is one line without
    /// a full stop, as a feed of headlines delivers it; 0 when there is none.
    pub(super) headline_end: usize,
    /// The learned category model, asked where no rule coded an event.
    pub(super) model: Option<&'a Model>,
    /// When set, every sentence's model features are kept here (for training).
    pub(super) features: Option<&'a std::cell::RefCell<Vec<Vec<String>>>>,
}

impl<'a> Ctx<'a> {
    /// Whether `rule` applies (see [`RuleSet::on`]): asked once its condition holds.
    #[inline]
    pub(super) fn on(&self, rule: &'static Rule) -> bool {
        self.rules.on(rule)
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.folded))
    }

    pub(super) fn is_punct(&self, i: usize, p: Punct) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct(p))
    }

    pub(super) fn is_adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        w.len() > 4 && w.ends_with("ly") && self.tokens[i].kind == TokKind::Word
    }

    /// Whether token `i` is a hyphen inside a word ("cruise-missile", "ISIS-held"): glued
    /// to the words on both sides, it joins them rather than separating phrases.
    pub(super) fn is_inner_hyphen(&self, i: usize) -> bool {
        let t = |k: usize| self.tokens.get(k);
        match (i.checked_sub(1).and_then(t), t(i), t(i + 1)) {
            (Some(a), Some(h), Some(b)) => {
                h.kind == TokKind::Punct(Punct::Dash) && a.end == h.start && h.end == b.start
            }
            _ => false,
        }
    }

    pub(super) fn span(&self, ts: usize, te: usize) -> Span {
        Span { start: self.tokens[ts].start, end: self.tokens[te - 1].end }
    }
}

/// One sentence and the layers the passes add to it.
pub(super) struct Sentence<'c, 'a> {
    pub(super) ctx: &'c Ctx<'a>,
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) index: u32,
    pub(super) nps: Vec<Np<'a>>,
    pub(super) preds: Vec<Pred>,
    pub(super) cues: Vec<CueAt>,
    pub(super) treaties: Vec<(usize, usize, u16)>,
    pub(super) places: Vec<(usize, usize, u32)>,
    /// For each token of the sentence: the NP covering it.
    pub(super) np_at: Vec<Option<usize>>,
    /// For each token: the predicate covering it.
    pub(super) pred_at: Vec<Option<usize>>,
    /// For each token: the cue covering it.
    pub(super) cue_at: Vec<Option<usize>>,
    /// For each predicate: the frame cue governing it and the frame's own object phrase.
    pub(super) frames: Vec<Option<(usize, Option<usize>)>>,
    /// For each predicate coded so far: its source, shared with verbs that inherit it.
    pub(super) subjects: Vec<Vec<Member<'a>>>,
    /// For each predicate coded so far: its target.
    pub(super) targets: Vec<Vec<Member<'a>>>,
    /// For each cue: whether it frames a predicate.
    pub(super) governed: Vec<bool>,
    /// The speaker of the sentence's report, if one is named.
    pub(super) speaker: Option<Vec<Member<'a>>>,
    /// The sentence reports (a speaker or a reporting cue): facts in it are reported.
    pub(super) reported: bool,
}

impl<'a> Sentence<'_, 'a> {
    pub(super) fn local(&self, i: usize) -> usize {
        i - self.s
    }

    pub(super) fn np_at(&self, i: usize) -> Option<usize> {
        if i < self.s || i >= self.e { None } else { self.np_at[self.local(i)] }
    }

    pub(super) fn pred_at(&self, i: usize) -> Option<usize> {
        if i < self.s || i >= self.e { None } else { self.pred_at[self.local(i)] }
    }

    pub(super) fn cue_at(&self, i: usize) -> Option<usize> {
        if i < self.s || i >= self.e { None } else { self.cue_at[self.local(i)] }
    }

    pub(super) fn push_np(&mut self, np: Np<'a>) {
        let idx = self.nps.len();
        for t in np.ts..np.te.min(self.e) {
            let l = self.local(t);
            self.np_at[l] = Some(idx);
        }
        self.nps.push(np);
    }
}
