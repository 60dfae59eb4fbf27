//! Pass 7, coding: the events of each predicate and frame, one per source and target, kept
//! only when they concern states, armed or political actors.

use crate::lexicon::{Cue, VerbForm};
use crate::model::{Cameo, Event, Modality};
use crate::text::TokKind;

use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// Emits the events of predicate `p`: its own, and the speech act of its frame.
    pub(super) fn code(
        &self,
        p: usize,
        r: &Roles<'a>,
        mood: Mood<'a>,
        disc: &mut Discourse<'a>,
        events: &mut Vec<Event>,
    ) {
        let pred = &self.preds[p];
        let frame = self.frames[p];
        let (code, source, target, anchor) = (r.code, &r.source, &r.target, r.anchor);
        let (evidence_end, subj_np, target_np) = (r.evidence_end, r.subj_np, r.target_np);
        let Mood { modality, frame_event, frame_source, frame_modality } = mood;
        let spk = self.speaker.as_ref().and_then(|s| s.first()).map(Member::code).unwrap_or_default();
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
        // "A bus plunged into a ravine, killing 25": a toll told with an accident or a
        // disaster is a tragedy, not violence, unless the sentence also names an attack.
        // So is a toll with nobody named that follows such a sentence ("An army helicopter
        // crashed. All 12 soldiers on board were killed.").
        let toll = self.ctx.lex.code(code).cameo().is_violent() && self.casualty_word(&self.preds[p]);
        let mishap = toll
            && self.names_no_attack()
            && (self.cues.iter().any(|c| c.cue == Cue::Mishap) && self.ctx.on(&MISHAP_TOLL)
                || source.is_empty() && disc.after_mishap && self.ctx.on(&MISHAP_TOLL_NEXT));
        if !mishap {
            self.emit(events, disc, source, target, code, modality, (span_ts, span_te), &spk);
        }
        // A frame is a speech act (a threat, a plea, a promise): its maker is the
        // subject, else the one reported to speak ("North Korea reiterated its demand
        // that"); with nobody making it ("will be prosecuted") there is no such event.
        let fs = match frame_source.as_deref() {
            Some(f) => f,
            None if source.is_empty() && self.ctx.on(&SPEAKER_MAKES_FRAME) => {
                self.speaker.as_deref().unwrap_or(&[])
            }
            None => source,
        };
        // A request or demand named by a noun ("refused a French request to extradite")
        // was made by whoever the noun names, not by the subject of the sentence.
        let noun_plea = frame.is_some_and(|(c, _)| {
            let cue = &self.cues[c];
            // "its demands that", "India's request": the owner made it.
            let owned = cue.ts > self.s
                && (self.ctx.tokens[cue.ts - 1].kind == TokKind::Possessive
                    || ({
                        let w = self.ctx.word(cue.ts - 1);
                        self.ctx.lex.grammar.possessives.contains(w) || w == "our"
                    }));
            matches!(cue.cue, Cue::Appeal | Cue::Demand)
                && !cue.modal
                && !owned
                && match cue.form {
                    VerbForm::Base | VerbForm::Third => !self.base_is_verb(cue.ts),
                    _ => false,
                }
        }) && self.ctx.on(&NOUN_PLEA);
        if let Some((f, ft)) = frame_event.filter(|_| !fs.is_empty() && !noun_plea) {
            self.emit(events, disc, fs, &ft, f, frame_modality, (span_ts, span_te), &spk);
        }
    }

    /// Whether a predicate is a casualty word ("killing", "died", "death toll").
    fn casualty_word(&self, q: &Pred) -> bool {
        self.covered(q, Cue::Killed) || self.covered(q, Cue::Injured)
    }

    fn covered(&self, q: &Pred, cue: Cue) -> bool {
        self.cues.iter().any(|c| c.cue == cue && c.ts <= q.ts && q.ts < c.te)
    }

    /// Whether the sentence names no violence but casualty words (an event word inside an
    /// accident's own phrase, "gas explosion", is the accident).
    pub(super) fn names_no_attack(&self) -> bool {
        let lex = self.ctx.lex;
        !self.preds.iter().any(|q| {
            !q.dead
                && !self.casualty_word(q)
                && !self.covered(q, Cue::Mishap)
                && lex.code(lex.rules[q.rule as usize].code).cameo().is_violent()
        })
    }

    /// Whether the sentence tells of an accident or a disaster and of no attack.
    pub(super) fn tells_mishap_only(&self) -> bool {
        self.cues.iter().any(|c| c.cue == Cue::Mishap) && self.names_no_attack()
    }

    /// Frames that govern nothing but are verbs themselves: "threatened Pakistan", "urged
    /// restraint", "refused".
    pub(super) fn bare_frames(&mut self, disc: &mut Discourse<'a>, events: &mut Vec<Event>) {
        let lex = self.ctx.lex;
        for (ci, c) in self.cues.clone().iter().enumerate() {
            // "Human Rights Watch said the Sudanese authorities must ensure security": a
            // reported "must" is the speaker's demand of its subject, whatever is demanded.
            if !self.governed[ci]
                && c.modal
                && c.cue == Cue::Demand
                && self.ctx.on(&REPORTED_MUST)
                && let Some(spk) = self.speaker.as_ref().filter(|s| !s.is_empty())
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
            if self.governed[ci] || c.modal || c.verb_pred.is_some_and(|v| !self.preds[v].dead) {
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
            if !verbal && self.ctx.on(&BARE_FRAME_IS_VERB) {
                continue;
            }
            let source = match self.subject(c.ts, false, None) {
                Subject::Np(k) => self.nps[k].members.clone(),
                Subject::Inherit(q) => self.subjects[q].clone(),
                Subject::None => Vec::new(),
            };
            let (obj, _, _) = self.object(c.te, source.first().map_or("", |m| m.country), usize::MAX);
            let target = obj.map(|k| self.nps[k].members.clone()).unwrap_or_default();
            // A bare frame needs a speaker, and a bare threat, demand or appeal someone it is
            // addressed to.
            if (source.is_empty()
                || (target.is_empty() && matches!(kind, Cue::Threat | Cue::Demand | Cue::Appeal)))
                && self.ctx.on(&BARE_FRAME_NEEDS_PARTIES)
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
            } else if self.reported {
                Modality::Reported
            } else {
                Modality::Asserted
            };
            let spk = self.speaker.as_ref().and_then(|s| s.first()).map(Member::code).unwrap_or_default();
            self.emit(events, disc, &source, &target, code, modality, (c.ts, c.te), &spk);
        }
    }

    /// Appends one event per (source, target) pair.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit(
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
        let political = source.iter().chain(target).any(|m| m.is_political(&lex.sectors));
        let casualties = self.cues.iter().any(|c| matches!(c.cue, Cue::Killed | Cue::Injured));
        // Protest (14) is dissent aimed at authority even when no authority is named:
        // "Mexican workers went on strike" is a political event, "the band went on tour" none.
        // So is ending a protest or refusing to (082, 1242): "Brazilian workers called off
        // the strike".
        let cameo = info.cameo();
        let dissent = cameo.is_dissent() && source.iter().any(|m| !m.country.is_empty());
        // Arrest and crowd control (173, 175) are acts of authority by definition: "forty
        // people were arrested" tells of the police or the courts though neither is named.
        // Not in a story with words of sport, markets or entertainment: "three men were
        // arrested for trying to extort a star player" is crime news.
        let authority = || {
            source.is_empty()
                && (cameo.is_arrest() || cameo.is_crowd_control())
                && self.ctx.discards == 0
                && self.ctx.on(&ARREST_BY_AUTHORITY)
        };
        if !(political || dissent || cameo.is_violent() && casualties || authority())
            && self.ctx.on(&POLITICAL_ONLY)
        {
            return;
        }
        // Sanctions, reduced relations and coercion (roots 16-17, and threats of them) are
        // acts of states and armed groups: a carrier suspending its route to a capital or
        // cancelling dozens of flights is commerce.
        if cameo.is_sanction()
            && !source.is_empty()
            && !source.iter().any(|m| m.is_political(&lex.sectors))
            && self.ctx.on(&SANCTIONS_BY_STATES)
        {
            return;
        }
        // In sport, markets or entertainment, "attack", "beat" and "booked" are not hostile
        // acts and countries are teams: a hostile event there needs an armed actor.
        // An armed target needs a known source or casualties: in a game review "players must
        // battle soldiers" and "wipe out enemy troops" name no one who acts and no victims.
        // In an article that reads as sport or entertainment throughout, an armed word needs
        // its country: "Rangers" and "Raiders" are clubs, a "gunboat" is in a game.
        let discarded = self.ctx.non_political || self.cues.iter().any(|c| c.cue == Cue::Discard);
        let is_armed = |m: &Member<'_>| {
            m.is_armed(&self.ctx.lex.sectors) && (!self.ctx.non_political || !m.country.is_empty())
        };
        let armed =
            source.iter().any(is_armed) || (casualties || !source.is_empty()) && target.iter().any(is_armed);
        if discarded && info.goldstein < 0.0 && !armed && self.ctx.on(&NON_POLITICAL_NEEDS_ARMS) {
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
            let with = if target.is_empty() && srcs.len() > 1 && self.ctx.on(&COMPOUND_ACTS_WITH) {
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
                // actor is taken to be of that state: "officials asked the Estonian parliament
                // for funds" are Estonian. Only domestic dyads come of it, so no
                // dyad between two countries is ever invented.
                let violent = cameo.is_violent();
                let (s, t) = if self.ctx.on(&DOMESTIC_SECTOR) {
                    (
                        domestic(&self.ctx.lex.sectors, s, t, violent),
                        domestic(&self.ctx.lex.sectors, t, s, violent),
                    )
                } else {
                    (*s, *t)
                };
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
                        e.source == sc && !e.target.is_empty() && Cameo::of(&e.cameo).root() == cameo.root()
                    })
                    && self.ctx.on(&UNTARGETED_RESTATES)
                {
                    continue;
                }
                // "Egyptian police opened fire, killing one person": the targeted event says
                // what the untargeted one of the same kind by the same actor did.
                if !tc.is_empty() && self.ctx.on(&TARGETED_REPLACES) {
                    let from = events.iter().rposition(|e| e.sentence != self.index).map_or(0, |i| i + 1);
                    let mut k = from;
                    while k < events.len() {
                        let e = &events[k];
                        if e.source == sc
                            && e.target.is_empty()
                            && e.modality == modality
                            && Cameo::of(&e.cameo).root() == cameo.root()
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
                    learned: false,
                });
            }
        }
    }
}

super::rule::rules! {
    /// An event needs a state, organisation, political or armed actor, a protest, or violence with casualties.
    POLITICAL_ONLY = "coding.political-only";
    /// An arrest or crowd control with no agent named is by the authorities ("forty people were arrested").
    ARREST_BY_AUTHORITY = "coding.arrest-by-authority";
    /// A toll told with an accident or disaster ("crashed, killing 12") is no violence unless the sentence names an attack.
    MISHAP_TOLL = "coding.mishap-toll";
    /// A toll with nobody named right after a sentence telling only of an accident or disaster is its toll.
    MISHAP_TOLL_NEXT = "coding.mishap-toll-next";
    /// Sanctions, reduced relations and coercion are acts of states and armed groups; a firm halting flights is commerce.
    SANCTIONS_BY_STATES = "coding.sanctions-by-states";
    /// In sport, markets or entertainment a hostile event needs an armed actor ("attack", "beat" are games).
    NON_POLITICAL_NEEDS_ARMS = "coding.non-political-needs-arms";
    /// With no target, each member of a compound subject acts with the others ("India and Pakistan agreed").
    COMPOUND_ACTS_WITH = "coding.compound-acts-with";
    /// A bare sector acting on or with a state's actor is of that state; only domestic dyads come of it.
    DOMESTIC_SECTOR = "coding.domestic-sector";
    /// An untargeted event of the kind the same actor already did to someone in the sentence restates it.
    UNTARGETED_RESTATES = "coding.untargeted-restates";
    /// A targeted event replaces an untargeted one of the same kind by the same actor in the sentence.
    TARGETED_REPLACES = "coding.targeted-replaces";
    /// A request or demand named by a noun ("rejected a U.S. request") was made by the noun's owner, not the subject.
    NOUN_PLEA = "coding.noun-plea";
    /// A frame with no subject is made by the one reported to speak ("North Korea reiterated its demand that").
    SPEAKER_MAKES_FRAME = "coding.speaker-makes-frame";
    /// A reported "must" is the speaker's demand of its subject ("X said the authorities must act").
    REPORTED_MUST = "coding.reported-must";
    /// A frame standing alone is an event only as a verb ("demanded", not "consumer demand").
    BARE_FRAME_IS_VERB = "coding.bare-frame-is-verb";
    /// A bare frame needs its maker, and a bare threat, demand or appeal someone it is addressed to.
    BARE_FRAME_NEEDS_PARTIES = "coding.bare-frame-needs-parties";
}
