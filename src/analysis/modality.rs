//! Pass 6, modality: whether each predicate happened, was threatened, considered, denied
//! or reported — from its frame, negations, purposes, denials and claims.

use crate::lexicon::Cue;
use crate::model::Modality;
use crate::text::{Punct, TokKind};

use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// The modality of predicate `p` with roles `r`, and the speech act its frame makes.
    pub(super) fn mood(&self, p: usize, r: &Roles<'a>) -> Mood<'a> {
        let lex = self.ctx.lex;
        let pred = &self.preds[p];
        let frame = self.frames[p];
        let (code, source, target) = (r.code, &r.source, &r.target);
        let info = lex.code(code);
        let mut modality = Modality::Asserted;
        let mut frame_event: Option<(crate::lexicon::CodeId, Vec<Member<'a>>)> = None;
        let mut frame_source: Option<Vec<Member<'a>>> = None;
        if let Some((c, obj)) = frame {
            let cue = self.cues[c].cue;
            let frame_target = obj.map(|k| self.nps[k].members.clone()).unwrap_or_else(|| target.clone());
            match cue {
                Cue::Negate | Cue::Deny if self.ctx.on(&NEGATING_FRAME) => modality = Modality::Negated,
                Cue::Refuse if self.ctx.on(&REFUSED) => {
                    modality = Modality::Negated;
                    frame_event = lex.frame_code(Cue::Refuse, code).map(|f| (f, frame_target));
                }
                Cue::Threat if self.ctx.on(&THREATENED) => {
                    modality = Modality::Threatened;
                    frame_event = lex.frame_code(Cue::Threat, code).map(|f| (f, frame_target));
                }
                // An offer is never a threat: "offered to send troops" to a partner.
                Cue::Intent
                    if info.goldstein < 0.0
                        && !self.ctx.word(self.cues[c].ts).starts_with("offer")
                        && self.ctx.on(&HOSTILE_INTENT_THREATENS) =>
                {
                    modality = Modality::Threatened;
                    frame_event = lex.frame_code(Cue::Threat, code).map(|f| (f, frame_target));
                }
                Cue::Intent if self.ctx.on(&INTENDED) => {
                    modality = Modality::Considered;
                    frame_event = lex.frame_code(Cue::Intent, code).map(|f| (f, frame_target));
                }
                Cue::Consider if self.ctx.on(&CONSIDERED) => modality = Modality::Considered,
                // "Pakistan must act, India said": a modal demand is the speaker's, made of
                // the subject; with no speaker ("players must battle soldiers") it is no
                // demand at all.
                Cue::Demand if self.cues[c].modal && self.ctx.on(&MODAL_DEMAND) => {
                    modality = Modality::Considered;
                    if let Some(spk) = self.speaker.as_ref().filter(|s| !s.is_empty()) {
                        frame_source = Some(spk.clone());
                        frame_event = lex.frame_code(cue, code).map(|f| (f, source.clone()));
                    }
                }
                Cue::Demand | Cue::Appeal if self.ctx.on(&DEMANDED) => {
                    modality = Modality::Considered;
                    frame_event = lex.frame_code(cue, code).map(|f| (f, frame_target));
                }
                _ => {}
            }
        }
        if frame.is_none()
            && (!pred.noun || pred.anchor != pred.ts)
            && self.purpose(pred.anchor)
            && self.ctx.on(&PURPOSE)
        {
            modality = Modality::Considered;
        }
        let frame_negated =
            frame.is_some_and(|(c, _)| self.negated(self.cues[c].ts)) && self.ctx.on(&NEGATED_FRAME);
        if self.negated(pred.anchor) && self.ctx.on(&NEGATED)
            || frame_negated
            || self.denied(pred.anchor) && self.ctx.on(&DENIED)
            || pred.negated && self.ctx.on(&NEGATED_NOUN)
        {
            modality = Modality::Negated;
        }
        // "The Houthis claimed that they had attacked the airport": a party's claim of
        // its own deed is its statement, not yet a fact. Claiming responsibility for an
        // attack ("claimed responsibility for the bomb attack") is no such clause.
        let self_claim = self.speaker.as_ref().is_some_and(|spk| {
            !source.is_empty() && source.iter().all(|m| spk.iter().any(|s| s.code() == m.code()))
        }) && self.cues.iter().any(|c| {
            c.cue == Cue::Report
                && c.ts < pred.anchor
                && self.ctx.word(c.ts).starts_with("claim")
                && (self.ctx.word(c.te) == "that"
                    || self.ctx.lex.grammar.subject_pronouns.contains(self.ctx.word(c.te)))
        });
        if self_claim && modality == Modality::Asserted && self.ctx.on(&OWN_CLAIM) {
            modality = Modality::Considered;
        }
        let factual = |m: Modality| {
            if m == Modality::Asserted && self.reported && self.ctx.on(&REPORTED) {
                Modality::Reported
            } else {
                m
            }
        };
        // A frame inside another ("must be ready to mediate", "refused to commit to aid"):
        // the outer one says whether the inner speech act was made.
        let frame_modality = match frame
            .filter(|_| frame_event.is_some() && self.ctx.on(&OUTER_FRAME))
            .and_then(|(c, _)| self.outer_modality(c))
        {
            _ if frame_negated => Modality::Negated,
            Some(m) => m,
            None => factual(Modality::Asserted),
        };
        Mood { modality: factual(modality), frame_event, frame_source, frame_modality }
    }

    /// Whether a negation sits right before `anchor` ("did not attack", "never").
    pub(super) fn negated(&self, anchor: usize) -> bool {
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
            if !(self.ctx.lex.grammar.aux.contains(w) || self.ctx.is_adverb(j) || w == "to") {
                return false;
            }
            steps += 1;
        }
        false
    }

    /// The modality another frame gives frame cue `c` ("must be ready to mediate", "refused
    /// to commit to aid"): whether the inner speech act was made at all. A demand repeated
    /// ("insisted on its demands that") is still a demand.
    pub(super) fn outer_modality(&self, c: usize) -> Option<Modality> {
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
    pub(super) fn purpose(&self, anchor: usize) -> bool {
        let mut j = anchor;
        while j > self.s && self.ctx.is_adverb(j - 1) {
            j -= 1;
        }
        if j <= self.s + 1 || self.ctx.word(j - 1) != "to" {
            return false;
        }
        let before = self.ctx.word(j - 2);
        !(self.ctx.lex.grammar.asserting_before_to.contains(before) && self.ctx.on(&ASSERTING_INFINITIVE))
            && self.ctx.tokens[j - 2].kind == TokKind::Word
    }

    /// Whether a denial governs `anchor`: everything after "denied" up to the end of its
    /// clause is what is denied ("denied any involvement in the attack").
    pub(super) fn denied(&self, anchor: usize) -> bool {
        let mut j = anchor;
        while j > self.s {
            j -= 1;
            if self.denial_at(j) {
                return true;
            }
            if let Some(c) = self.cue_at(j) {
                match self.cues[c].cue {
                    // "denied claims that troops fired": the claim is the denied one.
                    Cue::Report if self.ctx.on(&DENIED_CLAIM) => {
                        return j > self.s
                            && (self.denial_at(j - 1)
                                || j > self.s + 1
                                    && self.ctx.lex.grammar.determiners.contains(self.ctx.word(j - 1))
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
            if self.ctx.word(j) == "and"
                && self.pred_at(j + 1).is_none()
                && self.ctx.word(j + 1) == "has"
                && self.ctx.on(&SECOND_VERB_ENDS_DENIAL)
            {
                return false;
            }
        }
        false
    }

    /// Whether token `j` is a denial: a denial cue ("denied", "dismissed") or an event of
    /// denying responsibility ("rejected allegations", "denied the charges").
    pub(super) fn denial_at(&self, j: usize) -> bool {
        let lex = self.ctx.lex;
        self.cue_at(j).is_some_and(|c| self.cues[c].cue == Cue::Deny)
            || self
                .pred_at(j)
                .is_some_and(|p| lex.code(lex.rules[self.preds[p].rule as usize].code).cameo().is_denial())
    }
}

super::rule::rules! {
    /// A negating or denying frame negates what it governs ("denied attacking").
    NEGATING_FRAME = "modality.negating-frame";
    /// A refusal negates what it governs and is itself a refusal event ("refused to withdraw").
    REFUSED = "modality.refused";
    /// A threat frame makes what it governs threatened, and is itself a threat ("threatened to strike").
    THREATENED = "modality.threatened";
    /// A stated intent to do something hostile is a threat ("vowed to retaliate"); an offer never is.
    HOSTILE_INTENT_THREATENS = "modality.hostile-intent-threatens";
    /// A stated intent to do something else is considered, and an intent event ("plans to hold talks").
    INTENDED = "modality.intended";
    /// What is considered, conditional or possible is not asserted ("is considering sanctions").
    CONSIDERED = "modality.considered";
    /// A modal demand ("Pakistan must act, India said") is the speaker's demand of the subject.
    MODAL_DEMAND = "modality.modal-demand";
    /// What is demanded or appealed for is considered, and a demand or appeal event ("urged India to talk").
    DEMANDED = "modality.demanded";
    /// A bare infinitive of purpose or plan ("used tear gas to disperse") has not happened.
    PURPOSE = "modality.purpose";
    /// A negation right before a frame negates the frame and what it governs ("did not threaten to").
    NEGATED_FRAME = "modality.negated-frame";
    /// A negation right before the verb negates it ("did not attack", "never").
    NEGATED = "modality.negated";
    /// What a denial governs, to the end of its clause, is negated ("denied any role in the attack").
    DENIED = "modality.denied";
    /// An event noun a negation governs is negated ("no sign of an attack").
    NEGATED_NOUN = "modality.negated-noun";
    /// A party's claim that it did something is its statement, not yet a fact ("claimed that they had attacked").
    OWN_CLAIM = "modality.own-claim";
    /// A fact in a sentence that reports ("the ministry said") is reported.
    REPORTED = "modality.reported";
    /// A frame inside another takes the outer one's modality ("refused to promise aid": no promise).
    OUTER_FRAME = "modality.outer-frame";
    /// After "began", "continued", "had" or "forced", "to" + verb happened ("began to shell").
    ASSERTING_INFINITIVE = "modality.asserting-infinitive";
    /// A denial before a reporting noun denies the claim and what it reports ("denied claims that troops fired").
    DENIED_CLAIM = "modality.denied-claim";
    /// A second verb after "and has" starts its own assertion, out of the denial's reach.
    SECOND_VERB_ENDS_DENIAL = "modality.second-verb-ends-denial";
}
