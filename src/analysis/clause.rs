//! Word-order tests over one sentence that every pass uses: whether a word reads as a
//! verb, a passive, a capitalised name, a modifier, a clause dated in the past. They read
//! the state and change nothing.

use crate::lexicon::{Cue, EntryKind, PhraseKind, VerbForm, WordClass};
use crate::text::{Punct, TokKind};

use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// Whether a reporting verb ("said", "told") starts at token `i`: usable before the
    /// sentence's phrases are read.
    pub(super) fn reporting_verb_at(&self, i: usize) -> bool {
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
    pub(super) fn name_goes_on(&self, i: usize) -> bool {
        self.capitalised_word(i) && self.ctx.hits.hits.binary_search_by_key(&i, |h| h.ts).is_err()
    }

    /// Whether token `i` of the sentence is a word starting with a capital letter.
    pub(super) fn capitalised_word(&self, i: usize) -> bool {
        i < self.e
            && self.ctx.tokens[i].kind == TokKind::Word
            && self.ctx.tokens[i].text(self.ctx.text).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the words before token `i` make a verb there likely: a subject, an
    /// auxiliary, "to", or a participle's "be".
    pub(super) fn verbal_context(&self, i: usize, form: VerbForm) -> bool {
        // "ahead of Mr Jones' sentencing", "his sentencing": a gerund that a possessive or
        // "ahead of" governs is a noun, and one still to come.
        if form == VerbForm::Gerund {
            let mut j = i;
            while j > self.s && j + 5 > i {
                j -= 1;
                if j + 1 == i
                    && self.ctx.tokens[j].kind == TokKind::Possessive
                    && self.ctx.on(&POSSESSED_GERUND)
                {
                    return false;
                }
                if matches!(self.ctx.tokens[j].kind, TokKind::Punct(_)) {
                    break;
                }
                if self.ctx.word(j) == "of"
                    && j > self.s
                    && self.ctx.word(j - 1) == "ahead"
                    && self.ctx.on(&AHEAD_OF_GERUND)
                {
                    return false;
                }
            }
        }
        match self.before_adverbs(i) {
            Some(j) => {
                !(self.ctx.lex.grammar.determiners.contains(self.ctx.word(j))
                    && !matches!(form, VerbForm::Past)
                    && self.ctx.on(&DETERMINER_NOUN))
            }
            // Sentence-initial: a gerund or past form opens a clause ("Expressing gratitude").
            None => !matches!(form, VerbForm::Base | VerbForm::Third) && self.ctx.on(&OPENING_PARTICIPLE),
        }
    }

    /// The nearest token before `i` in the sentence that is not an adverb.
    pub(super) fn before_adverbs(&self, i: usize) -> Option<usize> {
        (self.s..i).rev().find(|&j| !self.ctx.is_adverb(j))
    }

    /// Whether a base or third-person form at `i` reads as a verb rather than a noun.
    pub(super) fn base_is_verb(&self, i: usize) -> bool {
        let Some(j) = self.before_adverbs(i) else {
            return false;
        };
        let w = self.ctx.word(j);
        if (w == "to"
            || self.ctx.lex.grammar.aux.contains(w)
            || self.ctx.lex.grammar.subject_pronouns.contains(w)
            || w.ends_with("n't"))
            && self.ctx.on(&BASE_AFTER_AUXILIARY)
        {
            return true;
        }
        // Right after an actor phrase: "Hamas attacks Israel"; but an actor phrase after
        // an article modifies a noun ("a U.S. request", "an Australian ultimatum").
        self.np_at(j).is_some_and(|k| {
            let ts = self.nps[k].ts;
            ts == self.s || !self.ctx.lex.grammar.indefinite_articles.contains(self.ctx.word(ts - 1))
        }) && self.ctx.on(&BASE_AFTER_ACTOR)
    }

    /// Whether every token in `[from, to)` is in `glue`.
    pub(super) fn glue_only(&self, from: usize, to: usize, glue: &WordClass) -> bool {
        to >= from && to - from <= 4 && (from..to).all(|k| glue.contains(self.ctx.word(k)))
    }

    /// Whether a one-word actor phrase (a demonym or a bare agent noun) modifies the plain
    /// noun after it: "a Senegalese peace plan", "terrorist activities".
    pub(super) fn modifies(&self, np: &Np<'a>) -> bool {
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
            && !self.ctx.lex.grammar.not_a_noun.contains(self.ctx.word(next))
            && self.ctx.on(&MODIFIER)
    }

    /// Whether the event noun at `ts` follows "by" ("killed by an improvised explosive
    /// device"): the means of another event.
    pub(super) fn instrument(&self, ts: usize) -> bool {
        let mut j = ts;
        while j > self.s && ts - j < 4 {
            j -= 1;
            if self.ctx.word(j) == "by" {
                return self.ctx.on(&INSTRUMENT);
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
    pub(super) fn background(&self, anchor: usize) -> bool {
        let mut j = anchor;
        let mut opener = None;
        while j > self.s && anchor - j < 12 {
            j -= 1;
            if self.ctx.lex.grammar.relative_openers.contains(self.ctx.word(j)) {
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
        let g = &self.ctx.lex.grammar;
        let dated = (o + 1..end).any(|k| match self.ctx.word(k) {
            w if g.past_markers.contains(w) => true,
            "this" => self.ctx.word(k + 1) == "year",
            "last" => {
                let next = self.ctx.word(k + 1);
                g.periods.contains(next) || g.months.contains(next) || g.weekdays.contains(next)
            }
            _ => false,
        });
        dated && self.ctx.on(&DATED_RELATIVE)
    }

    /// Whether "once" at `j` is an adverb ("about once every three days", "once again"),
    /// not a conjunction opening a clause.
    pub(super) fn adverbial_once(&self, j: usize) -> bool {
        self.ctx.word(j) == "once"
            && (self.ctx.lex.grammar.once_after.contains(self.ctx.word(j + 1))
                || j > self.s && self.ctx.lex.grammar.once_before.contains(self.ctx.word(j - 1)))
            && self.ctx.on(&ADVERBIAL_ONCE)
    }

    /// Whether the verb at `p` is passive: a form of "be" before a participle.
    pub(super) fn passive(&self, p: &Pred) -> bool {
        if p.noun || !matches!(p.form, VerbForm::Participle | VerbForm::Past) {
            return false;
        }
        let mut j = p.ts;
        let mut steps = 0;
        while j > self.s && steps < 3 {
            j -= 1;
            let w = self.ctx.word(j);
            if self.ctx.lex.grammar.be.contains(w) {
                return self.ctx.on(&PASSIVE);
            }
            if !(self.ctx.is_adverb(j) || self.ctx.lex.grammar.passive_adverbs.contains(w)) {
                return self.reduced_passive(p, j);
            }
            steps += 1;
        }
        false
    }

    /// A past participle right after an actor phrase with no object after it is passive
    /// without its auxiliary, as headlines and reduced relatives put it: "Opposition
    /// leader arrested in Kampala", "troops deployed ahead of the vote", "the men detained
    /// after the raid". `j` is the word before the verb.
    fn reduced_passive(&self, p: &Pred, j: usize) -> bool {
        let after = p.te;
        p.te == p.ts + 1
            && p.object_end <= p.te
            && self.np_at(j).is_some_and(|k| self.nps[k].te == j + 1)
            // At the very end only where no full stop follows, as in a headline: "the plan
            // the envoy rejected." has its object before it.
            && (after >= self.e
                || self.ctx.lex.grammar.passive_followers.contains(self.ctx.word(after))
                    && !self.ctx.lex.grammar.passive_followers.contains(self.ctx.word(after + 1)))
            && self.ctx.on(&REDUCED_PASSIVE)
    }

    /// The country of the first place named in the sentence.
    pub(super) fn place_country(&self) -> Option<&'a str> {
        let lex = self.ctx.lex;
        self.places.iter().map(|&(_, _, p)| lex.places[p as usize].country.as_str()).find(|c| !c.is_empty())
    }

    /// Whether a death or injury word of the sentence has a count next to it ("two
    /// persons were killed", "killed 26").
    pub(super) fn counted_casualties(&self) -> bool {
        self.cues.iter().filter(|c| matches!(c.cue, Cue::Killed | Cue::Injured)).any(|c| {
            super::casualties::count_near(
                self.ctx.lex,
                self.ctx.text,
                self.ctx.folded,
                self.ctx.tokens,
                (self.s, self.e),
                (c.ts, c.te.min(self.e)),
            )
            .is_some()
        })
    }
}

super::rule::rules! {
    /// A gerund right after a possessive is a noun ("his sentencing").
    POSSESSED_GERUND = "clause.possessed-gerund";
    /// A gerund governed by "ahead of" is a noun, and one still to come.
    AHEAD_OF_GERUND = "clause.ahead-of-gerund";
    /// After a determiner, any form but the simple past is a noun ("the attacks", "a shelling").
    DETERMINER_NOUN = "clause.determiner-noun";
    /// A gerund or past form opening the sentence is a verb ("Shelling the town, ...").
    OPENING_PARTICIPLE = "clause.opening-participle";
    /// A base form after "to", an auxiliary, a subject pronoun or a negation is a verb.
    BASE_AFTER_AUXILIARY = "clause.base-after-auxiliary";
    /// A base form right after an actor phrase is a verb, unless an article opens the phrase ("a U.S. request").
    BASE_AFTER_ACTOR = "clause.base-after-actor";
    /// A lone demonym or agent noun before a plain noun modifies it ("a Senegalese peace plan").
    MODIFIER = "clause.modifier";
    /// An event noun after "by" names the means of another event ("killed by a roadside bomb").
    INSTRUMENT = "clause.instrument";
    /// A relative clause dated before the story ("where ... last March", "who had") recalls an earlier event.
    DATED_RELATIVE = "clause.dated-relative";
    /// "once" as an adverb ("once again", "about once a week") opens no clause.
    ADVERBIAL_ONCE = "clause.adverbial-once";
    /// A form of "be" or "get" before a participle makes it passive.
    PASSIVE = "clause.passive";
    /// A participle after an actor with no object after it is passive without "was" ("opposition leader arrested in Kampala").
    REDUCED_PASSIVE = "clause.reduced-passive";
}
