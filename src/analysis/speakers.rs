//! Pass 3, speakers: actor phrases that name who reports ("the ministry said", "according
//! to") are marked, so they are never an event's source or target.

use crate::lexicon::{Cue, VerbForm};
use crate::text::{Punct, TokKind};

use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// Marks actor phrases that name the speaker of a report ("the statement said",
    /// ", said the minister", "according to X").
    pub(super) fn mark_speakers(&mut self) {
        let mut speakers = Vec::new();
        for c in &self.cues {
            // "Guatemala declared martial law", "declared a state of siege": a reporting
            // verb that is itself the event verb, or the light verb of an event noun, names
            // an actor, not a speaker.
            let acts = c.verb_pred.is_some_and(|v| !self.preds[v].noun)
                || self.cues.iter().any(|l| l.cue == Cue::Light && l.ts == c.ts)
                    && self.preds.iter().any(|p| p.noun && p.ts >= c.te && p.ts <= c.te + 5);
            match c.cue {
                Cue::Report if acts && self.ctx.on(&REPORTING_VERB_ACTS) => {}
                Cue::Report => {
                    // Before: up to three tokens of time words, adverbs or brackets.
                    let mut j = c.ts;
                    let mut skipped = 0;
                    while j > self.s && skipped <= 4 {
                        j -= 1;
                        if let Some(k) = self.np_at(j) {
                            if self.ctx.on(&BEFORE_REPORT) {
                                speakers.push(k);
                            }
                            break;
                        }
                        // ", adding that", ", saying": the participle's speaker is the
                        // clause's subject, not the phrase before the comma.
                        if j + 1 == c.ts
                            && c.form == VerbForm::Gerund
                            && self.ctx.is_punct(j, Punct::Comma)
                            && self.ctx.on(&PARTICIPLE_SPEAKER)
                        {
                            break;
                        }
                        let w = self.ctx.word(j);
                        let skippable = self.ctx.lex.grammar.aux.contains(w)
                            || self.ctx.is_adverb(j)
                            || matches!(self.ctx.tokens[j].kind, TokKind::Punct(Punct::Open | Punct::Close))
                            || w.chars().all(|ch| ch.is_ascii_uppercase() || !ch.is_alphabetic())
                            || self.ctx.lex.grammar.weekdays.contains(w)
                            || self.ctx.lex.grammar.speaker_filler.contains(w);
                        if !(skippable && self.ctx.on(&SKIPS_TIME_WORDS)) {
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
                        && self.ctx.on(&AFTER_REPORT)
                    {
                        speakers.push(k);
                    }
                }
                Cue::ReportBefore => {
                    // "according to the ministry"; but in "according to reports, France is
                    // drafting" the source is unnamed and France is the subject.
                    for j in c.te..(c.te + 3).min(self.e) {
                        if let Some(k) = self.np_at(j) {
                            if self.ctx.on(&ACCORDING_TO) {
                                speakers.push(k);
                            }
                            break;
                        }
                        if !self.ctx.lex.grammar.articles.contains(self.ctx.word(j)) {
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
        self.speaker = self.nps.iter().find(|np| np.speaker).map(|np| np.members.clone());
        self.reported = self.speaker.is_some()
            || self.cues.iter().any(|c| matches!(c.cue, Cue::Report | Cue::ReportBefore));
    }
}

super::rule::rules! {
    /// A reporting verb that is the event verb or an event noun's light verb names an actor, not a speaker ("declared martial law").
    REPORTING_VERB_ACTS = "speakers.reporting-verb-acts";
    /// The actor phrase right before a reporting verb is its speaker ("the ministry said").
    BEFORE_REPORT = "speakers.before-report";
    /// The speaker of ", saying" is the clause's subject, not the phrase before the comma.
    PARTICIPLE_SPEAKER = "speakers.participle-speaker";
    /// Time words, adverbs, acronyms and "statement" may sit between a speaker and its verb ("the ministry on Monday said").
    SKIPS_TIME_WORDS = "speakers.skips-time-words";
    /// A report closing the sentence names its speaker after it (", said the minister").
    AFTER_REPORT = "speakers.after-report";
    /// The actor phrase after "according to" is the speaker.
    ACCORDING_TO = "speakers.according-to";
}
