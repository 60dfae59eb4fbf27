//! Pass 4, frames: event nouns are kept where something governs them (a light verb, a frame,
//! a possessor), and each predicate gets the frame cue that governs it ("threatened to").

use crate::lexicon::Cue;
use crate::text::TokKind;

use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// Gives each live predicate the frame cue that governs it; the cue's own verb reading
    /// then yields ("threatened to attack" is one threat of an attack, not two events).
    pub(super) fn assign_frames(&mut self) {
        let n = self.preds.len();
        self.frames = vec![None; n];
        for p in 0..n {
            if self.preds[p].dead {
                continue;
            }
            let pr = &self.preds[p];
            let frame = self.frame_of(pr.anchor, pr.noun && pr.anchor == pr.ts);
            self.frames[p] = frame;
            if let Some((c, _)) = frame
                && let Some(v) = self.cues[c].verb_pred
                && v != p
                && self.ctx.on(&FRAME_VERB_YIELDS)
            {
                self.preds[v].dead = true;
            }
        }
    }

    /// Whether predicate `p` stands as an event of its own.
    pub(super) fn stands(&self, p: usize) -> bool {
        let pred = &self.preds[p];
        if pred.dead {
            return false;
        }
        // "rejected accusations by the US": an event noun that is the object selecting
        // another predicate's code is part of that event, not one of its own.
        if pred.noun
            && self
                .preds
                .iter()
                .enumerate()
                .any(|(q, o)| q != p && !o.dead && !o.noun && o.te <= pred.ts && pred.ts < o.object_end)
            && self.ctx.on(&NOUN_INSIDE_OBJECT)
        {
            return false;
        }
        // "killed by an improvised explosive device": the device is how the killing was
        // done, not an event of its own.
        if pred.noun && pred.victim && self.instrument(pred.ts) {
            return false;
        }
        // "where a dozen soldiers died last May", "whom the gang had seized a month
        // before": a relative clause dated in the past recalls an earlier event.
        if self.background(pred.anchor) {
            return false;
        }
        true
    }

    /// Keeps event nouns that something governs: a light verb ("carried out strikes"), a
    /// frame ("warning of the suspension"), a possessive actor ("India's strikes"), or
    /// "by"/"between" actors after them.
    pub(super) fn govern_nouns(&mut self) {
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
                        if self.ctx.on(&LIGHT_VERB) {
                            anchor = Some(cue.ts);
                        }
                    } else if matches!(cue.cue, Cue::Killed | Cue::Injured) && self.ctx.on(&CASUALTY_NOUN) {
                        // "killed in an encounter", "injured in a blast": the casualties are
                        // the victims, not the attackers.
                        anchor = Some(ts);
                        self.preds[p].victim = true;
                    } else if (cue.cue.is_frame() || cue.cue == Cue::Negate) && self.ctx.on(&FRAMED_NOUN) {
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
                if (self.ctx.lex.grammar.hypothetical.contains(self.ctx.word(j))
                    || self.ctx.word(j) == "of" && j > self.s && self.ctx.word(j - 1) == "ahead"
                    || j > self.s
                        && self.ctx.word(j - 1) == "to"
                        && (j + 1..ts).any(|k| self.ctx.word(k) == "of"))
                    && self.ctx.on(&HYPOTHETICAL_NOUN)
                {
                    break;
                }
                if self.np_at(j).is_some() {
                    // "India's strikes on", "Pakistani retaliatory measures"; not "Hussein's
                    // proposal for a cease-fire", where the possessor owns another noun.
                    let owned =
                        (j + 1..ts).all(|k| !self.ctx.lex.grammar.prepositions.contains(self.ctx.word(k)));
                    if owned
                        && (self.ctx.tokens[j].kind == TokKind::Possessive
                            || j + 1 == ts
                            || self.ctx.tokens[j + 1].kind == TokKind::Possessive)
                        && self.ctx.on(&POSSESSED_NOUN)
                    {
                        anchor = Some(ts);
                    }
                    break;
                }
                steps += 1;
            }
            // "an IED explosion injured seven soldiers", "a blast took place near".
            // "a bomb blast at a bank in Peshawar injured five": a phrase of place may stand
            // between, up to the clause's next punctuation or predicate (a violent verb such
            // as "killed" is an event of its own, and the noun then only names it).
            if anchor.is_none() {
                let te = self.preds[p].te;
                let weapon = self.ctx.lex.rules[self.preds[p].rule as usize].weapon;
                let occurring = |cue: Cue| matches!(cue, Cue::Occur | Cue::Killed | Cue::Injured);
                let near =
                    (te..(te + 3).min(self.e)).find_map(|k| self.cue_at(k).map(|c| (k, self.cues[c].cue)));
                let occurs = match near {
                    Some((k, cue)) if weapon => k == te && cue == Cue::Occur,
                    Some((_, cue)) => occurring(cue),
                    None => {
                        !weapon
                            && self.ctx.lex.grammar.prepositions.contains(self.ctx.word(te))
                            && (te..(te + 9).min(self.e))
                                .take_while(|&k| {
                                    !matches!(self.ctx.tokens[k].kind, TokKind::Punct(_))
                                        && self.pred_at(k).is_none()
                                })
                                .find_map(|k| self.cue_at(k))
                                .is_some_and(|c| occurring(self.cues[c].cue))
                            && self.ctx.on(&OCCURRING_NOUN_AFTER_PHRASE)
                    }
                };
                if occurs && self.ctx.on(&OCCURRING_NOUN) {
                    anchor = Some(ts);
                }
            }
            if anchor.is_none() {
                let te = self.preds[p].te;
                let next = self.ctx.word(te);
                if matches!(next, "by" | "between")
                    && (te + 1..(te + 4).min(self.e)).any(|k| self.np_at(k).is_some())
                    && self.ctx.on(&NOUN_BY_BETWEEN)
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
    pub(super) fn frame_of(&self, anchor: usize, noun: bool) -> Option<(usize, Option<usize>)> {
        let mut j = anchor;
        let mut steps = 0;
        let mut object_np = None;
        while j > self.s && steps < 7 {
            j -= 1;
            if let Some(c) = self.cue_at(j) {
                let cue = &self.cues[c];
                match cue.cue {
                    kind if kind.is_frame() => {
                        // A conditional conjunction governs a whole clause, its subject
                        // included: "if it is attacked", "unless Baghdad accepts".
                        if cue.cue == Cue::Consider
                            && self.ctx.lex.grammar.conditionals.contains(self.ctx.word(cue.ts))
                            && self.ctx.on(&CONDITIONAL)
                        {
                            return Some((c, None));
                        }
                        if object_np.is_some()
                            && !matches!(cue.cue, Cue::Demand | Cue::Appeal | Cue::Intent)
                            && self.ctx.on(&ADDRESSEE_ONLY_FOR_PLEAS)
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
                && self.ctx.on(&NOUN_FRAME_REACH)
                || self.ctx.lex.grammar.noun_frame_filler.contains(w)
                || self.ctx.lex.grammar.weekdays.contains(w)
                || self.ctx.lex.grammar.aux.contains(w)
                || self.ctx.is_adverb(j);
            if !ok {
                return None;
            }
            steps += 1;
        }
        None
    }
}

super::rule::rules! {
    /// A frame cue that governs a predicate is no event of its own ("threatened to attack" is one threat).
    FRAME_VERB_YIELDS = "frames.frame-verb-yields";
    /// An event noun that is the object selecting another verb's code is part of that event ("rejected accusations").
    NOUN_INSIDE_OBJECT = "frames.noun-inside-object";
    /// An event noun after a light verb is an event whose subject is the light verb's ("carried out strikes").
    LIGHT_VERB = "frames.light-verb";
    /// An event noun after a death or injury word ("killed in an attack") is an event whose subject is the victim.
    CASUALTY_NOUN = "frames.casualty-noun";
    /// An event noun a frame governs ("warned of an offensive", "no sign of an attack") is an event.
    FRAMED_NOUN = "frames.framed-noun";
    /// An event noun after "any", "no", "possible", a reflexive, "ahead of" or another verb's "to ... of" is not an act.
    HYPOTHETICAL_NOUN = "frames.hypothetical-noun";
    /// An event noun an actor owns ("India's strikes", "Pakistani measures") is an event.
    POSSESSED_NOUN = "frames.possessed-noun";
    /// An event noun that occurs, kills or injures ("a blast killed") is an event.
    OCCURRING_NOUN = "frames.occurring-noun";
    /// A phrase of place may stand between the event noun and the verb that says it happened ("a blast at a bank in Peshawar injured five").
    OCCURRING_NOUN_AFTER_PHRASE = "frames.occurring-noun-after-phrase";
    /// An event noun followed by "by" or "between" and actors ("an attack by militants") is an event.
    NOUN_BY_BETWEEN = "frames.noun-by-between";
    /// A conditional conjunction frames its whole clause, subject included ("unless Baghdad accepts").
    CONDITIONAL = "frames.conditional";
    /// Only a demand, appeal or promise frames a verb across its addressee ("urged India to talk").
    ADDRESSEE_ONLY_FOR_PLEAS = "frames.addressee-only-for-pleas";
    /// A frame reaches an event noun across any words but another verb ("warned of a massive military offensive").
    NOUN_FRAME_REACH = "frames.noun-frame-reach";
}
