//! Pass 2, predicates: the phrase readings of the hits become predicates (event verbs and
//! event nouns, with the object that selected their code) and cues (frames, reports,
//! negations, casualties).

use crate::lexicon::{Cue, Entry, EntryKind, EventRule, PhraseKind, Segment, VerbForm};
use crate::text::{Punct, TokKind};

use super::hits::Hit;
use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// Reads the phrase readings of a hit: predicates and cues.
    pub(super) fn read_phrases(&mut self, h: &Hit, entries: &[Entry]) {
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
                            None if self.ctx.on(&OBJECT_REQUIRED) => continue,
                            None => (end, 0),
                        }
                    } else {
                        (end, 0)
                    };
                    // Verb or noun: inflected forms are verbs; base forms need verbal context.
                    let headline_verb =
                        || self.verb_after_noun(h.ts, form, entries) && self.ctx.on(&VERB_AFTER_NOUN);
                    if !noun
                        && matches!(form, VerbForm::Base | VerbForm::Third)
                        && !self.base_is_verb(h.ts)
                        && !headline_verb()
                        && self.ctx.on(&BASE_NEEDS_VERBAL_CONTEXT)
                    {
                        continue;
                    }
                    if noun
                        && self.base_is_verb(h.ts)
                        && entries.iter().any(|x| {
                            // Where base_is_verb looks a base or third-person form is a verb,
                            // and a gerund only after a plural, as a participle ("rebels
                            // fighting to topple"): after a modifier it is a noun ("Indian
                            // firing", "police firing").
                            matches!(x.kind, EntryKind::Phrase(q, f)
                                if matches!(lex.phrases[q as usize].kind, PhraseKind::Verb(_))
                                    && (matches!(f, VerbForm::Base | VerbForm::Third)
                                        || f == VerbForm::Gerund && self.plural_before(h.ts)))
                        })
                        && self.ctx.on(&NOUN_YIELDS_TO_VERB)
                    {
                        continue;
                    }
                    if !noun
                        && form == VerbForm::Gerund
                        && !self.verbal_context(h.ts, form)
                        && self.ctx.on(&GERUND_NEEDS_VERBAL_CONTEXT)
                    {
                        continue;
                    }
                    // Right after an article a past form is a noun or an adjective, not a
                    // verb: "a slew of data", "the banned group".
                    if !noun
                        && matches!(form, VerbForm::Past | VerbForm::Participle)
                        && h.ts > self.s
                        && self.ctx.lex.grammar.articles.contains(self.ctx.word(h.ts - 1))
                        && self.ctx.on(&PAST_AFTER_ARTICLE)
                    {
                        continue;
                    }
                    // Specificity: an object beats none, a longer object a shorter one, a nearer
                    // object a farther one ("pressed for an embargo on Iran over its missile
                    // tests" is about the embargo), a longer phrase a shorter one, a verb a noun.
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
            // "shelled Indian posts on Tuesday": a reporting word in a base or third-person
            // form right after a bare demonym is a noun the demonym modifies, not a report.
            if cue == Cue::Report
                && matches!(form, VerbForm::Base | VerbForm::Third)
                && h.ts > self.s
                && self.np_at(h.ts - 1).is_some_and(|k| {
                    let np = &self.nps[k];
                    np.lone
                        && np.te == h.ts
                        && np.members.iter().all(|m| m.sector.is_empty() && m.rest.is_empty())
                })
                && self.ctx.on(&REPORT_NOUN_AFTER_DEMONYM)
            {
                continue;
            }
            let idx = self.cues.len();
            self.cues.push(CueAt {
                cue,
                ts: h.ts,
                te: end,
                modal: self.ctx.lex.grammar.modals.contains(head),
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

    /// Whether a present form at token `i` that cannot be read as a noun follows an actor
    /// and the noun it modifies, as a finite verb does in a headline: "Japan leader
    /// criticizes France", "Kenya ministers reject plan" (a third-person form after any
    /// noun, a base form after a plural). "Attacks" and "talks" can be nouns and stay out.
    fn verb_after_noun(&self, i: usize, form: VerbForm, entries: &[Entry]) -> bool {
        let lex = self.ctx.lex;
        if i < self.s + 2
            || self.ctx.tokens[i - 1].kind != TokKind::Word
            || self.np_at(i - 1).is_some()
            || self.np_at(i - 2).is_none_or(|k| self.nps[k].te != i - 1)
            || entries.iter().any(|x| {
                matches!(x.kind, EntryKind::Phrase(q, _) if matches!(lex.phrases[q as usize].kind, PhraseKind::Noun(_)))
            })
        {
            return false;
        }
        let w = self.ctx.word(i - 1);
        let g = &lex.grammar;
        if g.determiners.contains(w) || g.not_a_noun.contains(w) || g.aux.contains(w) || g.be.contains(w) {
            return false;
        }
        form == VerbForm::Third || self.plural_before(i)
    }

    /// Whether the word before token `i` is a plural noun ("rebels", "troops"), not a
    /// modifier ("Indian", "police").
    fn plural_before(&self, i: usize) -> bool {
        i > self.s && {
            let w = self.ctx.word(i - 1);
            w.ends_with('s') && !w.ends_with("ss")
        }
    }

    /// Matches a phrase's segments after token `i`; returns the end token.
    pub(super) fn match_rest(&self, mut i: usize, rest: &[Segment]) -> Option<usize> {
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
    pub(super) fn find_object(&self, i: usize, rule: &EventRule) -> Option<(usize, usize)> {
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
}

super::rule::rules! {
    /// A reporting word right after a bare demonym is a noun it modifies ("Indian posts on the border"), not a report.
    REPORT_NOUN_AFTER_DEMONYM = "predicates.report-noun-after-demonym";
    /// A phrasing that names its object ("imposed sanctions") codes only when that object follows in the clause.
    OBJECT_REQUIRED = "predicates.object-required";
    /// A base or third-person form is a verb only where a verb can stand ("India attacks", not "the attacks").
    BASE_NEEDS_VERBAL_CONTEXT = "predicates.base-needs-verbal-context";
    /// Where a word reads as a verb, its noun reading yields ("Hamas attacks Israel").
    NOUN_YIELDS_TO_VERB = "predicates.noun-yields-to-verb";
    /// A present form that cannot be a noun is a verb after an actor's noun ("Japan leader criticizes France").
    VERB_AFTER_NOUN = "predicates.verb-after-noun";
    /// A gerund is a verb only where a verb can stand ("the shelling" is a noun).
    GERUND_NEEDS_VERBAL_CONTEXT = "predicates.gerund-needs-verbal-context";
    /// Right after an article a past form is an adjective, not a verb ("the banned group").
    PAST_AFTER_ARTICLE = "predicates.past-after-article";
}
