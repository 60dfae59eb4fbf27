//! Pass 5, roles: the source and target of each predicate — subject, object, passive agent,
//! "between A and B", possessors — and the defaults when the text names none.

use crate::lexicon::{Cue, VerbForm};
use crate::text::{Punct, TokKind};

use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// The roles of predicate `p`: its source and target, and the phrases the evidence spans.
    pub(super) fn roles(&mut self, p: usize, disc: &Discourse<'a>) -> Roles<'a> {
        let lex = self.ctx.lex;
        let pred = self.preds[p].clone();
        let frame = self.frames[p];
        let passive = (self.passive(&pred) && lex.rules[pred.rule as usize].passive)
            || pred.victim && self.ctx.on(&VICTIM_SUBJECT);
        // A condition's subject is inside it ("unless Iraq withdraws"); other frames
        // share their subject with the frame verb ("Iran threatened to attack").
        let anchor = frame
            .filter(|&(c, _)| !self.ctx.lex.grammar.conditionals.contains(self.ctx.word(self.cues[c].ts)))
            .filter(|_| self.ctx.on(&FRAME_SHARES_SUBJECT))
            .map_or(pred.anchor, |(c, _)| self.cues[c].ts);
        let nonfinite =
            matches!(pred.form, VerbForm::Gerund) || self.ctx.word(anchor.saturating_sub(1)) == "to";
        let found = self.subject(anchor, nonfinite, Some(p));
        let subj = match found {
            Subject::Np(k) => self.nps[k].members.clone(),
            Subject::Inherit(q) => self.subjects[q].clone(),
            Subject::None => Vec::new(),
        };
        let subj_np = match found {
            Subject::Np(k) => Some(k),
            _ => None,
        };
        let mut evidence_end = pred.object_end;
        // Passive: the subject is the target; "by X" is the source.
        let (mut source, mut target, target_np) = if passive && self.ctx.on(&PASSIVE_AGENT) {
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
                            || !self.ctx.on(&OWN_LAND_NO_TARGET)
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
            if m.len() >= 2 && self.ctx.on(&NOUN_BETWEEN) {
                source = vec![m[0]];
                target = m[1..].to_vec();
            }
        }
        // Noun with "by X": X is the source ("an attack by militants on").
        if pred.noun
            && source.is_empty()
            && self.ctx.word(pred.te) == "by"
            && let Some(k) = (pred.te + 1..(pred.te + 4).min(self.e)).find_map(|j| self.np_at(j))
            && self.ctx.on(&NOUN_BY)
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
            if let Some(k) = self.np_at(before)
                && self.ctx.on(&POSSESSOR_SOURCE)
            {
                source = self.nps[k].members.clone();
            }
        }
        let code = lex.rules[pred.rule as usize].code;
        let cameo = lex.code(code).cameo();
        // A bare sector acting on a state's people is of that state (see `domestic`), and
        // stays so for the verbs that share its subject (", suspending ... and arresting").
        self.subjects[p] = match target.first().filter(|_| self.ctx.on(&DOMESTIC_SUBJECT)) {
            Some(t) => source.iter().map(|m| domestic(&lex.sectors, m, t, cameo.is_violent())).collect(),
            None => source.clone(),
        };
        if cameo.is_violent() {
            // "killed one soldier and wounded two others": the others are on the same
            // side; ", killing at least 156 people": those killed are the ones the
            // clause before struck.
            let prev = (0..p).rev().find(|&q| !self.targets[q].is_empty()).map(|q| self.targets[q].clone());
            let others = self.ctx.word(pred.te) == "others" || self.ctx.word(pred.te + 1) == "others";
            let participle = !passive
                && pred.form == VerbForm::Gerund
                && pred.ts > self.s
                && self.ctx.is_punct(pred.ts - 1, Punct::Comma)
                && target.iter().all(|m| m.country.is_empty());
            if let Some(prev) = prev.filter(|_| (others || participle) && self.ctx.on(&SAME_VICTIMS)) {
                target = prev;
            }
            // Deadly violence by no one named, or against people of no named country,
            // took place where the sentence says: "a roadside bomb near Samarra killed".
            if self.cues.iter().any(|c| matches!(c.cue, Cue::Killed | Cue::Injured))
                && let Some(pc) = self.place_country()
            {
                // The attacker is the place's only when a group of people was hit.
                if source.is_empty()
                    && target.iter().any(|m| !m.sector.is_empty() || !m.rest.is_empty())
                    && self.ctx.on(&UNNAMED_ATTACKER_OF_PLACE)
                {
                    source = vec![Member { country: pc, rest: "", sector: "", name: lex.country_name(pc) }];
                }
                if target.iter().all(|m| m.country.is_empty()) && self.ctx.on(&VICTIMS_OF_PLACE) {
                    for m in &mut target {
                        m.country = pc;
                    }
                }
            }
        }
        // "Two villagers died in Indian firing", "three were hurt in a police baton charge":
        // those who died or were hurt in an act of violence a noun names are its target.
        if (pred.noun || pred.form == VerbForm::Gerund)
            && cameo.is_violent()
            && target.is_empty()
            && let Some(c) = self.cues.iter().find(|c| {
                matches!(c.cue, Cue::Killed | Cue::Injured)
                    && c.te < pred.ts
                    && lex.grammar.casualty_prepositions.contains(self.ctx.word(c.te))
                    && (c.te + 1..pred.ts).all(|k| self.ctx.tokens[k].kind == TokKind::Word)
                    && pred.ts - c.te <= 5
            })
            && let Subject::Np(k) = self.subject(c.ts, false, None)
            && self.nps[k].te <= c.ts
            && !self.nps[k].members.iter().any(|m| source.iter().any(|s| s.code() == m.code()))
            && self.ctx.on(&VICTIMS_OF_NOUN)
        {
            target = self.nps[k].members.clone();
        }
        // Violence that killed or hurt people nobody named: the victims are people. An
        // active verb with nobody named around it ("tries to kill the processes", "a drug
        // overdose killed the star") says so only with a count of the dead or hurt.
        if cameo.is_violent()
            && source.is_empty()
            && target.is_empty()
            && self.cues.iter().any(|c| matches!(c.cue, Cue::Killed | Cue::Injured))
            && (pred.noun || passive || self.counted_casualties())
            && self.ctx.on(&UNNAMED_VICTIMS)
        {
            target = vec![Member { country: "", rest: "", sector: "CVL", name: "people" }];
        }
        // Measures and threats aimed at no one in the text aim at the other party of the
        // dyad the article is about.
        if target.is_empty() && cameo.is_measure() {
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
                if let Some(c) = partner
                    && self.ctx.on(&DYAD_PARTNER)
                {
                    target = vec![Member { country: c, rest: "", sector: "", name: lex.country_name(c) }];
                }
            }
        }
        // Protest and repression aimed at no one named stay at home: demonstrators
        // protest their own government, a government arrests or imposes curfews on its
        // own people. Such an event makes no dyad between two countries.
        if target.is_empty()
            && (cameo.is_protest() || cameo.is_coercion())
            && let Some(src) = source.first().map(|m| m.country).filter(|c| c.len() == 3)
            && !self.ctx.lex.sectors.is_international(src)
            && self.ctx.on(&AT_HOME)
        {
            let sector = if cameo.is_protest() { "GOV" } else { "CVL" };
            target = vec![Member { country: src, rest: "", sector, name: lex.country_name(src) }];
        }
        self.targets[p].clone_from(&target);
        Roles { anchor, source, target, subj_np, target_np, evidence_end, code }
    }

    /// A bare sector's actor phrase, or the country it is said to be in right after ("food for
    /// families displaced by the fighting in Chad"): the country is what the event reaches.
    pub(super) fn located(&self, k: usize) -> usize {
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
                let located =
                    self.ctx.lex.grammar.locating_prepositions.contains(self.ctx.word(j.wrapping_sub(1)))
                        && found.members.iter().all(|m| {
                            m.country.len() == 3 && !self.ctx.lex.sectors.is_international(m.country)
                        })
                        && found.members.iter().all(|m| m.sector.is_empty() && m.rest.is_empty());
                return if located && self.ctx.on(&LOCATED_SECTOR) { c } else { k };
            }
            j += 1;
        }
        k
    }

    /// Finds the subject of a predicate anchored at `anchor`.
    pub(super) fn subject(&self, anchor: usize, nonfinite: bool, me: Option<usize>) -> Subject {
        let mut j = anchor;
        let lo = anchor.saturating_sub(40).max(self.s);
        while j > lo {
            j -= 1;
            if let Some(k) = self.np_at(j) {
                let np = &self.nps[k];
                if np.speaker && self.ctx.on(&SPEAKER_NO_SUBJECT) {
                    j = np.ts;
                    continue;
                }
                // "arms for Kurdish fighters in Iraq and would refuse": the object of a
                // preposition after another actor is no subject ("a camp for Congolese
                // refugees was attacked" has no other).
                if np.ts > lo + 1
                    && self.ctx.lex.grammar.prepositions.contains(self.ctx.word(np.ts - 1))
                    && self.np_at(np.ts - 2).is_some()
                    && np.target_of.is_none()
                    && self.ctx.on(&PREPOSITION_OBJECT_NO_SUBJECT)
                {
                    j = np.ts;
                    continue;
                }
                // "Russian aircraft including helicopter gunships killed": a listed example
                // is part of the phrase before it, which is the subject.
                if np.ts > lo
                    && self.ctx.lex.grammar.list_continuers.contains(self.ctx.word(np.ts - 1))
                    && (np.ts.saturating_sub(4).max(lo)..np.ts - 1).any(|i| self.np_at(i).is_some())
                    && self.ctx.on(&LISTED_EXAMPLE)
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
                    let rel = self.ctx.lex.grammar.relatives.contains(self.ctx.word(np.te))
                        || self.ctx.lex.grammar.relatives.contains(self.ctx.word(np.te + 1))
                        || np.ts > self.s
                            && self.ctx.lex.grammar.conditionals.contains(self.ctx.word(np.ts - 1));
                    if !rel && self.ctx.on(&SHARED_SUBJECT) {
                        return Subject::Inherit(owner);
                    }
                }
                return Subject::Np(k);
            }
            if let Some(p) = self.pred_at(j)
                && Some(p) != me
            {
                if !self.preds[p].dead && self.ctx.on(&INHERIT_SUBJECT) {
                    return Subject::Inherit(p);
                }
                // "the bombing ... that killed 85": an event noun that a relative clause
                // hangs from is itself the subject, so there is no actor further back.
                if (self.preds[p].te..anchor)
                    .any(|k| self.ctx.lex.grammar.relatives.contains(self.ctx.word(k)))
                    && self.ctx.on(&NOUN_RELATIVE)
                {
                    return Subject::None;
                }
            }
            if let Some(c) = self.cue_at(j) {
                match self.cues[c].cue {
                    Cue::Clause if !nonfinite && !self.adverbial_once(j) && self.ctx.on(&CLAUSE_BOUNDARY) => {
                        return Subject::None;
                    }
                    Cue::Report | Cue::ReportBefore if self.ctx.on(&REPORT_BOUNDARY) => return Subject::None,
                    _ => {}
                }
            }
            if matches!(self.ctx.tokens[j].kind, TokKind::Punct(Punct::Semicolon | Punct::Colon)) {
                return Subject::None;
            }
            // "9 million people saw the villain killed off": whoever saw or heard it is a
            // witness; the doer is not named.
            if self.ctx.lex.grammar.perception.contains(self.ctx.word(j)) && self.ctx.on(&WITNESS) {
                return Subject::None;
            }
        }
        // A clause opening the sentence ("Expressing gratitude for X, the FO noted"): the
        // subject is the first actor after the next comma.
        if nonfinite
            && (self.s..anchor).all(|k| self.np_at(k).is_none())
            && let Some(comma) = (anchor..self.e).find(|&k| self.ctx.is_punct(k, Punct::Comma))
            && let Some(k) = (comma + 1..(comma + 4).min(self.e)).find_map(|k| self.np_at(k))
            && self.ctx.on(&OPENING_CLAUSE_SUBJECT)
        {
            return Subject::Np(k);
        }
        Subject::None
    }

    /// Finds the target of a predicate ending at token `from`: the first actor phrase in
    /// its clause, else a treaty's or disputed place's other party, else a place's country.
    pub(super) fn object(
        &self,
        from: usize,
        source_country: &str,
        me: usize,
    ) -> (Option<usize>, Vec<&'a str>, usize) {
        let lex = self.ctx.lex;
        let mut fallback: Vec<&'a str> = Vec::new();
        let mut fallback_end = from;
        let mut first_same: Option<usize> = None;
        // Troops a state sends, deploys or contributes (aid 07, posture 15) are its own
        // means, not whom it acts on: "France will contribute troops to a force in Liberia".
        let means = self
            .preds
            .get(me)
            .is_some_and(|p| lex.code(lex.rules[p.rule as usize].code).cameo().is_deployment())
            && self.ctx.on(&OWN_MEANS);
        let mut j = from;
        let hi = (from + 14).min(self.e);
        // "resume terrorist activities in Israel": a modifier is the target only when no
        // actor follows it.
        let mut weak: Option<usize> = None;
        while j < hi {
            // "agreed on Wednesday that ...": a complement clause has its own subject.
            if j < from + 3
                && self.ctx.word(j) == "that"
                && self.np_at(j).is_none()
                && self.ctx.on(&COMPLEMENT_CLAUSE)
            {
                break;
            }
            // "warned they will continue the protests": a nominative pronoun is no object but
            // the subject of a complement clause.
            if self.ctx.lex.grammar.personal_subjects.contains(self.ctx.word(j))
                && self.ctx.on(&NOMINATIVE_PRONOUN)
            {
                break;
            }
            if let Some(k) = self.np_at(j) {
                let np = &self.nps[k];
                let same = !source_country.is_empty() && np.country() == source_country;
                // "Egypt lifted the curfew in Cairo": its own capital is where it acted.
                if np.city && same {
                    if fallback.is_empty() {
                        fallback.push(np.members[0].country);
                        fallback_end = np.te;
                    }
                    j = np.te;
                    continue;
                }
                let own_means = means
                    && np.members.iter().all(|m| m.country.is_empty() && m.is_armed(&self.ctx.lex.sectors));
                if !(np.speaker || own_means || same && (np.possessive || np.own)) {
                    if same && np.members.len() == 1 && self.ctx.on(&SAME_COUNTRY_LAST) {
                        first_same.get_or_insert(k);
                    } else if first_same.is_some()
                        && np.country().is_empty()
                        && self.ctx.on(&SAME_COUNTRY_LAST)
                    {
                        // "struck Afghan militant camps with rockets": a bare sector
                        // later on does not beat an actor of the source's country.
                        break;
                    } else if np.members.len() == 1 && self.modifies(np) && self.ctx.on(&MODIFIER_TARGET_LAST)
                    {
                        weak.get_or_insert(k);
                    } else if weak.is_some_and(|w| np.ts > self.nps[w].te + 4) {
                        // "duties on Korean steel as part of ...": too far to be the
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
                if fallback.is_empty() && self.ctx.on(&TREATY_PARTY) {
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
                        if pl.disputed.iter().any(|d| d == source_country) && self.ctx.on(&DISPUTED_PLACE) {
                            fallback = pl
                                .disputed
                                .iter()
                                .map(String::as_str)
                                .filter(|c| *c != source_country)
                                .collect();
                        }
                    } else if self.ctx.on(&PLACE_COUNTRY) {
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
                TokKind::Punct(Punct::Comma)
                    if !(self.ctx.lex.grammar.list_continuers.contains(self.ctx.word(j + 1))
                        && self.ctx.on(&LIST_GOES_ON)) =>
                {
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        (weak.map(|w| self.located(w)).or(first_same), fallback, fallback_end)
    }
}

super::rule::rules! {
    /// The subject of an event noun after a death word ("killed in an attack") is its target, as in a passive.
    VICTIM_SUBJECT = "roles.victim-subject";
    /// A framed verb shares the frame verb's subject ("Iran threatened to attack"); a condition keeps its own.
    FRAME_SHARES_SUBJECT = "roles.frame-shares-subject";
    /// A passive's subject is the target and its "by" phrase, even late in the clause, the source.
    PASSIVE_AGENT = "roles.passive-agent";
    /// A place in a bare country's own land is where it acted, not whom ("Iraqis demonstrated in Kirkuk").
    OWN_LAND_NO_TARGET = "roles.own-land-no-target";
    /// An event noun "between A and B" has A as source and B as target.
    NOUN_BETWEEN = "roles.noun-between";
    /// An event noun "by X" has X as source and X's object as target ("an attack by militants on a post").
    NOUN_BY = "roles.noun-by";
    /// The actor owning an event noun is its source ("India's strikes").
    POSSESSOR_SOURCE = "roles.possessor-source";
    /// A bare sector acting on a state's people is of that state for the verbs sharing its subject.
    DOMESTIC_SUBJECT = "roles.domestic-subject";
    /// "... and wounded two others", ", killing 12": the victims are those the clause before struck.
    SAME_VICTIMS = "roles.same-victims";
    /// Deadly violence by no one named against a group of people is of the country of the place named.
    UNNAMED_ATTACKER_OF_PLACE = "roles.unnamed-attacker-of-place";
    /// Victims of deadly violence with no country are of the country of the place named ("a bomb near Samarra killed").
    VICTIMS_OF_PLACE = "roles.victims-of-place";
    /// Those who "died in Indian firing" or "were hurt in a baton charge" are the target of the act the noun names.
    VICTIMS_OF_NOUN = "roles.victims-of-noun";
    /// Violence that killed or hurt people nobody named has people as its target (a counted toll for an active verb).
    UNNAMED_VICTIMS = "roles.unnamed-victims";
    /// A measure or threat aimed at no one named aims at the other party of the dyad the article is about.
    DYAD_PARTNER = "roles.dyad-partner";
    /// Protest and repression aimed at no one named stay at home (the own government, the own people).
    AT_HOME = "roles.at-home";
    /// A bare sector's target is the country it is said to be in right after ("refugees in Liberia").
    LOCATED_SECTOR = "roles.located-sector";
    /// A speaker is never a subject.
    SPEAKER_NO_SUBJECT = "roles.speaker-no-subject";
    /// The object of a preposition after another actor is no subject ("aid to rebels in Macedonia").
    PREPOSITION_OBJECT_NO_SUBJECT = "roles.preposition-object-no-subject";
    /// A listed example ("including gunships") is part of the phrase before it, which is the subject.
    LISTED_EXAMPLE = "roles.listed-example";
    /// An earlier verb's object before a later verb belongs to it; the later verb shares its subject ("X blamed Y and left").
    SHARED_SUBJECT = "roles.shared-subject";
    /// A verb after another verb in its clause shares that verb's subject ("attacked and burned").
    INHERIT_SUBJECT = "roles.inherit-subject";
    /// An event noun with a relative clause ("the bombing that killed 85") leaves no actor further back.
    NOUN_RELATIVE = "roles.noun-relative";
    /// A subordinating conjunction before a finite verb ends the search for its subject.
    CLAUSE_BOUNDARY = "roles.clause-boundary";
    /// A reporting verb ends the search for a subject ("said the army shelled": the army, not the speaker).
    REPORT_BOUNDARY = "roles.report-boundary";
    /// Whoever saw, watched or heard an event is a witness, not its doer.
    WITNESS = "roles.witness";
    /// The subject of a clause opening the sentence is the first actor after its comma ("Shelling the town, the army ...").
    OPENING_CLAUSE_SUBJECT = "roles.opening-clause-subject";
    /// Troops a state sends or deploys (aid, posture) are its means, not its target.
    OWN_MEANS = "roles.own-means";
    /// A complement clause after the verb ("agreed that ...") has its own subject, no object of this verb.
    COMPLEMENT_CLAUSE = "roles.complement-clause";
    /// A nominative pronoun after the verb starts a complement clause ("warned they will").
    NOMINATIVE_PRONOUN = "roles.nominative-pronoun";
    /// An object of the source's own country is taken only when no other actor follows ("pounded Afghan Taliban hideouts").
    SAME_COUNTRY_LAST = "roles.same-country-last";
    /// A modifier ("terrorist activities") is the target only when no actor follows it closely.
    MODIFIER_TARGET_LAST = "roles.modifier-target-last";
    /// A treaty named after the verb reaches its other parties ("suspended the Indus Waters Treaty").
    TREATY_PARTY = "roles.treaty-party";
    /// A disputed place named after the verb reaches the other claimants.
    DISPUTED_PLACE = "roles.disputed-place";
    /// A place named after the verb reaches its country ("shelled Peshawar").
    PLACE_COUNTRY = "roles.place-country";
    /// After a comma, "including" or "such as" goes on with the list of targets.
    LIST_GOES_ON = "roles.list-goes-on";
}
