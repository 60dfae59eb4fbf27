//! Pass 1, actors: the lexicon's hits become actor atoms (countries, demonyms, capitals,
//! named bodies, people, agents, pronouns), grouped into actor phrases; acronyms defined in
//! brackets name a phrase for the rest of the article.

use crate::lexicon::{Cue, Entry, EntryKind, PhraseKind, VerbForm};
use crate::text::{Punct, TokKind};

use super::hits::Hit;
use super::state::*;

impl<'a> Sentence<'_, 'a> {
    /// Turns hits into actor atoms, predicates, cues, treaties and places.
    pub(super) fn read_hits(&mut self, hits: &[Hit], disc: &mut Discourse<'a>) -> (Vec<Atom<'a>>, Vec<Hit>) {
        let lex = self.ctx.lex;
        let mut atoms: Vec<Atom<'a>> = Vec::new();
        let mut phrases: Vec<Hit> = Vec::new();
        let mut title_end = None;
        for h in hits {
            let entries = self.ctx.hits.entries(h);
            let titled = title_end == Some(h.ts);
            let actor = self.actor_atom(h, entries, disc, titled);
            title_end = actor.as_ref().filter(|a| a.kind == AtomKind::Agent).map(|a| a.te);
            let verb_form = entries.iter().find_map(|en| match en.kind {
                EntryKind::Phrase(p, f) if matches!(lex.phrases[p as usize].kind, PhraseKind::Verb(_)) => {
                    Some(f)
                }
                _ => None,
            });
            // An inflected verb reading (past, participle, gerund) in verbal context beats
            // an actor reading ("forces" stays an actor, "forced" a verb).
            let prefer_phrase = match (&actor, verb_form) {
                (Some(_), Some(f)) => {
                    !matches!(f, VerbForm::Base | VerbForm::Third)
                        && self.verbal_context(h.ts, f)
                        && self.ctx.on(&INFLECTED_VERB_BEATS_ACTOR)
                }
                (Some(_), None) => false,
                (None, _) => true,
            };
            if let Some(a) = actor.filter(|_| !prefer_phrase) {
                match a.kind {
                    AtomKind::Treaty(t) => self.treaties.push((a.ts, a.te, t)),
                    AtomKind::Place(p) => {
                        self.places.push((a.ts, a.te, p));
                        atoms.push(a);
                    }
                    _ => atoms.push(a),
                }
                continue;
            }
            // Phrases are read once actor phrases exist: "India suspends" is a verb because
            // an actor precedes it.
            phrases.push(*h);
        }
        // Acronyms the article defined earlier ("Foreign Office (FO)").
        if !disc.acronyms.is_empty() {
            for i in self.s..self.e {
                let t = self.ctx.tokens[i];
                if t.kind != TokKind::Word || atoms.iter().any(|a| a.ts <= i && i < a.te) {
                    continue;
                }
                if let Some(m) = disc.acronyms.get(t.text(self.ctx.text))
                    && self.ctx.on(&ACRONYM_REFERS_BACK)
                {
                    atoms.push(Atom { ts: i, te: i + 1, kind: AtomKind::Named, members: m.clone() });
                }
            }
            atoms.sort_by_key(|a| a.ts);
        }
        (atoms, phrases)
    }

    /// The actor reading of a hit, if any. `titled`: a title ends right before it, so a
    /// surname alone ("Deputy Secretary Hicks") is read even without an earlier full name.
    pub(super) fn actor_atom(
        &self,
        h: &Hit,
        entries: &[Entry],
        disc: &mut Discourse<'a>,
        titled: bool,
    ) -> Option<Atom<'a>> {
        let lex = self.ctx.lex;
        let rank = |k: &EntryKind| match k {
            EntryKind::Person(_) => 0,
            EntryKind::Surname(_) => 1,
            EntryKind::Named(_) => 2,
            EntryKind::Capital(_) => 3,
            EntryKind::Country(_) => 4,
            EntryKind::Demonym(_) => 5,
            EntryKind::Treaty(_) => 6,
            EntryKind::Place(_) => 7,
            EntryKind::Agent(_) => 8,
            EntryKind::Phrase(..) => 9,
        };
        let mut best: Option<&Entry> = None;
        for en in entries {
            let usable = match en.kind {
                EntryKind::Phrase(p, _) => {
                    matches!(lex.phrases[p as usize].kind, PhraseKind::Cue(Cue::Pronoun | Cue::Compound))
                }
                // "President Abdelaziz Bouteflika": a name that goes on is not the surname
                // of another bearer of its first word.
                EntryKind::Surname(p) => {
                    (titled || disc.seen_people.contains(&p) && self.ctx.on(&SURNAME_AFTER_NAME))
                        && !(self.name_goes_on(h.te) && self.ctx.on(&NAME_GOES_ON))
                }
                _ => true,
            };
            // Among people sharing a surname, the one mentioned most recently, else one in
            // office on the article's date.
            let better = |b: &Entry| match (en.kind, b.kind) {
                (EntryKind::Surname(x), EntryKind::Surname(y)) => {
                    let recent = |p| disc.seen_people.iter().rposition(|&q| q == p);
                    match (recent(x), recent(y)) {
                        (Some(i), Some(j)) => i > j,
                        (Some(_), None) => true,
                        (None, Some(_)) => false,
                        (None, None) => {
                            !lex.people[x as usize].role_on(self.ctx.date).1
                                && lex.people[y as usize].role_on(self.ctx.date).1
                                && self.ctx.on(&SURNAME_IN_OFFICE)
                        }
                    }
                }
                _ => rank(&en.kind) < rank(&b.kind),
            };
            if usable && best.is_none_or(better) {
                best = Some(en);
            }
        }
        let en = best?;
        let member = |country: &'a str, rest: &'a str, sector: &'a str, name: &'a str| Member {
            country,
            rest,
            sector,
            name,
        };
        let split = |code: &'a str| -> (&'a str, &'a str) {
            let c = lex.country_of(code);
            (c, &code[c.len()..])
        };
        let (kind, members) = match en.kind {
            EntryKind::Country(i) => {
                let c = &lex.countries[usize::from(i)];
                (AtomKind::Name, vec![member(&c.code, "", "", &c.name)])
            }
            EntryKind::Demonym(i) => {
                let c = &lex.countries[usize::from(i)];
                (AtomKind::Demonym, vec![member(&c.code, "", "", &c.name)])
            }
            EntryKind::Capital(i) => {
                let c = &lex.countries[usize::from(i)];
                // "a car bomb in Mogadishu", "protests across central Nairobi": after a
                // preposition of place a capital is the city, in the country, not its
                // government.
                let city = (self.s..h.ts)
                    .rev()
                    .find(|&j| {
                        !lex.grammar.articles.contains(self.ctx.word(j))
                            && !lex.grammar.place_modifiers.contains(self.ctx.word(j))
                    })
                    .is_some_and(|j| lex.grammar.city_prepositions.contains(self.ctx.word(j)))
                    && self.ctx.on(&CAPITAL_AS_CITY);
                (AtomKind::Capital, vec![member(&c.code, "", if city { "" } else { "GOV" }, &c.name)])
            }
            EntryKind::Named(i) => {
                let a = &lex.named[i as usize];
                let (c, rest) = split(&a.code);
                (AtomKind::Named, vec![member(c, rest, "", &a.name)])
            }
            EntryKind::Person(i) | EntryKind::Surname(i) => {
                let p = &lex.people[i as usize];
                // Most recent last: a bare surname refers to the latest bearer.
                disc.seen_people.retain(|&q| q != i);
                disc.seen_people.push(i);
                let (code, former) = p.role_on(self.ctx.date);
                let (c, rest) = split(code);
                let (rest, sector) =
                    if former && self.ctx.on(&FORMER_OFFICIAL) { ("", "ELI") } else { (rest, "") };
                (AtomKind::Person, vec![member(c, rest, sector, &p.name)])
            }
            EntryKind::Agent(i) => {
                let a = &lex.agents[usize::from(i)];
                (AtomKind::Agent, vec![member(&a.country, "", &a.sector, &a.sector)])
            }
            EntryKind::Place(i) => (AtomKind::Place(i), Vec::new()),
            EntryKind::Treaty(i) => (AtomKind::Treaty(i), Vec::new()),
            EntryKind::Phrase(p, _) => match lex.phrases[p as usize].kind {
                PhraseKind::Cue(Cue::Compound) => (AtomKind::Compound, Vec::new()),
                _ => (AtomKind::Pronoun, Vec::new()),
            },
        };
        Some(Atom { ts: h.ts, te: h.te, kind, members })
    }

    /// Groups actor atoms into actor phrases: country + agent ("Pakistani troops"),
    /// agent + of/in + country ("the army of Pakistan"), title + person, apposition,
    /// compounds ("India and Pakistan"), pronouns and "both countries".
    pub(super) fn build_nps(&mut self, atoms: Vec<Atom<'a>>, disc: &Discourse<'a>) {
        let mut i = 0;
        while i < atoms.len() {
            let a = &atoms[i];
            let mut np = match a.kind {
                AtomKind::Place(_) | AtomKind::Treaty(_) => {
                    // A place before an agent gives it a country ("Peshawar police").
                    let pl = match a.kind {
                        AtomKind::Place(p) => &self.ctx.lex.places[p as usize],
                        _ => {
                            i += 1;
                            continue;
                        }
                    };
                    if let Some(next) = atoms.get(i + 1)
                        && next.kind == AtomKind::Agent
                        && next.ts == a.te
                        && !pl.country.is_empty()
                        && self.ctx.on(&PLACE_AGENT)
                    {
                        let mut m = next.members[0];
                        m.country = &pl.country;
                        i += 2;
                        self.push_np(Np::new(a.ts, next.te, vec![m]));
                        continue;
                    }
                    i += 1;
                    continue;
                }
                AtomKind::Pronoun => {
                    let w = self.ctx.word(a.ts);
                    let possessive_pron = self.ctx.lex.grammar.possessives.contains(w);
                    let ante = self.antecedent(a.ts, disc);
                    // "its army": the pronoun's country plus the agent.
                    if possessive_pron {
                        if let Some(next) = atoms.get(i + 1)
                            && next.kind == AtomKind::Agent
                            && self.glue_only(a.te, next.ts, &self.ctx.lex.grammar.agent_glue)
                            && !ante.is_empty()
                            && self.ctx.on(&POSSESSIVE_PRONOUN_AGENT)
                        {
                            let members = ante
                                .iter()
                                .map(|m| Member {
                                    country: m.country,
                                    rest: "",
                                    sector: next.members[0].sector,
                                    name: m.name,
                                })
                                .collect();
                            i += 2;
                            self.push_np(Np { own: true, ..Np::new(a.ts, next.te, members) });
                            continue;
                        }
                        i += 1;
                        continue;
                    }
                    if ante.is_empty()
                        || !self.ctx.lex.grammar.referring_pronouns.contains(w)
                        || !self.ctx.on(&PRONOUN)
                    {
                        i += 1;
                        continue;
                    }
                    Np { referential: true, ..Np::new(a.ts, a.te, ante) }
                }
                AtomKind::Compound => {
                    let both = self.recent_pair(a.ts, disc);
                    if both.len() < 2 || !self.ctx.on(&BOTH_COUNTRIES) {
                        i += 1;
                        continue;
                    }
                    Np { referential: true, ..Np::new(a.ts, a.te, both) }
                }
                _ => Np::new(a.ts, a.te, a.members.clone()),
            };
            let mut last_kind = a.kind;
            i += 1;
            // Extend with following atoms.
            while i < atoms.len() {
                let b = &atoms[i];
                if let Some(merged) = self.merge(&np, last_kind, b) {
                    np = merged;
                    last_kind = b.kind;
                    i += 1;
                    continue;
                }
                break;
            }
            np.possessive = self.ctx.tokens.get(np.te).is_some_and(|t| t.kind == TokKind::Possessive);
            np.lone = np.te == a.te && matches!(a.kind, AtomKind::Demonym | AtomKind::Agent);
            np.city = np.te == a.te && a.kind == AtomKind::Capital && a.members[0].sector.is_empty();
            self.push_np(np);
        }
    }

    /// Tries to extend actor phrase `np` (whose last atom is of kind `last`) with atom `b`.
    pub(super) fn merge(&self, np: &Np<'a>, last: AtomKind, b: &Atom<'a>) -> Option<Np<'a>> {
        let gap: Vec<&str> = (np.te..b.ts).map(|k| self.ctx.word(k)).collect();
        let has_country = np.members.iter().all(|m| !m.country.is_empty());
        let mut out = np.clone();
        out.te = b.te;
        match b.kind {
            // Country (or person) then agent: "Pakistan's army", "Indian troops", "US and British forces".
            AtomKind::Agent
                if has_country
                    && last != AtomKind::Agent
                    && self.glue_only(np.te, b.ts, &self.ctx.lex.grammar.agent_glue)
                    && self.ctx.on(&COUNTRY_AGENT) =>
            {
                let sector = b.members[0].sector;
                if last == AtomKind::Person {
                    return Some(out);
                }
                for m in &mut out.members {
                    // A named body keeps its own sector ("IGOUNO" + troops is fine, a
                    // party + troops is not).
                    let open = m.rest.is_empty() || (m.rest.len() <= 3 && last != AtomKind::Named);
                    if m.sector.is_empty() && open && !m.rest.contains(sector) {
                        m.sector = sector;
                    }
                }
                Some(out)
            }
            // Two agents in a row ("security forces personnel", "Foreign Minister, Senator"): keep the first.
            AtomKind::Agent
                if last == AtomKind::Agent
                    && (gap.is_empty() || gap == ["and"] || gap == [","])
                    && self.ctx.on(&AGENT_AGENT) =>
            {
                Some(out)
            }
            // Agent then "of/in/from" + country or place: "the army of Pakistan", "police in Peshawar".
            AtomKind::Name | AtomKind::Demonym | AtomKind::Capital | AtomKind::Place(_)
                if !has_country
                    && last == AtomKind::Agent
                    && !gap.is_empty()
                    && self.ctx.lex.grammar.of_in.contains(gap[0])
                    && gap.len() <= 3
                    && gap[1..].iter().all(|w| self.ctx.lex.grammar.place_modifiers.contains(w))
                    && self.ctx.on(&AGENT_OF_COUNTRY) =>
            {
                let country: &'a str = match b.kind {
                    AtomKind::Place(p) => &self.ctx.lex.places[p as usize].country,
                    _ => b.members[0].country,
                };
                if country.is_empty() {
                    return None;
                }
                for m in &mut out.members {
                    m.country = country;
                }
                Some(out)
            }
            // Title or country-phrase then person: "Foreign Minister Wang Yi", "China's Foreign Minister, Wang Yi".
            AtomKind::Person
                if (gap.is_empty() || gap == [","] || gap == ["the"])
                    && (last == AtomKind::Agent
                        || last == AtomKind::Demonym
                        || last == AtomKind::Name
                        || last == AtomKind::Capital)
                    && self.ctx.on(&TITLE_PERSON) =>
            {
                let p = b.members[0];
                if np.members.len() == 1 && (np.country().is_empty() || np.country() == p.country) {
                    out.members = vec![p];
                    Some(out)
                } else {
                    None
                }
            }
            // Person then ", the <title>" apposition: keep the person.
            AtomKind::Agent
                if last == AtomKind::Person
                    && (gap == [","] || gap == [",", "the"] || gap.is_empty())
                    && self.ctx.on(&PERSON_APPOSITION) =>
            {
                Some(out)
            }
            // Country then named body of the same country: "Pakistan's Foreign Office" when it is named.
            AtomKind::Named
                if (gap.is_empty() || gap == ["'s"] || gap == ["’s"] || gap == ["the"])
                    && matches!(last, AtomKind::Name | AtomKind::Demonym)
                    && self.ctx.on(&COUNTRY_NAMED_BODY) =>
            {
                let nm = b.members[0];
                if np.members.len() == 1 && (nm.country == np.country() || nm.country.is_empty()) {
                    let mut m = nm;
                    if m.country.is_empty() {
                        m.country = np.members[0].country;
                    }
                    out.members = vec![m];
                    Some(out)
                } else {
                    None
                }
            }
            // Compounds: "India and Pakistan", "Saudi Arabia, Iran, and Egypt", "US and British".
            AtomKind::Name | AtomKind::Demonym | AtomKind::Capital | AtomKind::Named | AtomKind::Person
                if matches!(
                    gap.as_slice(),
                    ["and"] | [","] | [",", "and"] | ["and", "the"] | [",", "and", "the"] | ["or"]                ) && (last != AtomKind::Agent || has_country)
                    && !b.members.is_empty()
                    // A bare comma joins a list only if the list goes on ("Saudi Arabia,
                    // Iran, and Egypt"), not "engaging China, Pakistan has".
                    && (gap != [","]
                        || matches!(self.ctx.word(b.te), "," | "and" | "or")
                        || self.headline_pair(np) && self.ctx.on(&HEADLINE_COMMA_PAIR))
                    && self.ctx.on(&COMPOUND) =>
            {
                out.members.extend(b.members.iter().copied());
                Some(out)
            }
            _ => None,
        }
    }

    /// Whether `np` opens a sentence with no full stop, as a headline does, where a comma
    /// stands for "and": "Ghana, Togo sign border pact".
    fn headline_pair(&self, np: &Np<'a>) -> bool {
        np.ts == self.s && self.e > self.s && !self.ctx.is_punct(self.e - 1, Punct::Period)
    }

    /// The actors a subject pronoun at `i` refers to: the nearest country-bearing actor
    /// phrase before it in this sentence, else the last subject of the article.
    pub(super) fn antecedent(&self, i: usize, disc: &Discourse<'a>) -> Vec<Member<'a>> {
        // "The US lifted sanctions on Sudan, saying it had": the participle's subject, so its
        // pronoun's, is the sentence's subject.
        let mut j = i;
        while j > self.s && self.ctx.word(j - 1) == "that" {
            j -= 1;
        }
        let after_participle = j > self.s + 1
            && self.ctx.word(j - 1).ends_with("ing")
            && self.reporting_verb_at(j - 1)
            && self.ctx.is_punct(j - 2, Punct::Comma);
        if after_participle
            && self.ctx.on(&PARTICIPLE_PRONOUN)
            && let Some(np) =
                self.nps.iter().find(|np| np.te <= i && np.members.iter().any(|m| !m.country.is_empty()))
        {
            return np.members.clone();
        }
        for np in self.nps.iter().rev().filter(|np| np.te <= i) {
            // "turned down a Malian truce offer, and said they": a modifier is no antecedent.
            let modifier = np.ts > self.s
                && self.ctx.lex.grammar.indefinite_articles.contains(self.ctx.word(np.ts - 1))
                && self.modifies(np)
                && self.ctx.on(&MODIFIER_NO_ANTECEDENT);
            if !modifier && np.members.iter().any(|m| !m.country.is_empty()) {
                return np.members.clone();
            }
            // "the company said it had to cancel flights", "farmers said they would": a firm
            // or people speaking nearer than any state are what the pronoun stands for ("it"
            // only for a firm or an outlet, not for "people who work for it"; a counted group
            // that does not speak, "killed 23 people when they blew themselves up", is the
            // victims).
            let plural = self.ctx.lex.grammar.plural_pronouns.contains(self.ctx.word(i));
            let counted = np.ts > self.s && self.ctx.tokens[np.ts - 1].kind == TokKind::Num;
            if (self.reporting_verb_at(np.te) || !counted)
                && np.members.iter().all(|m| {
                    !m.sector.is_empty()
                        && !m.is_political(&self.ctx.lex.sectors)
                        && (plural || self.ctx.lex.sectors.is_organisation(m.sector))
                })
                && self.ctx.on(&NEARER_FIRM_OR_PEOPLE)
            {
                return np.members.clone();
            }
        }
        disc.last_subject.clone()
    }

    /// The last two distinct countries mentioned, for "both countries".
    pub(super) fn recent_pair(&self, i: usize, disc: &Discourse<'a>) -> Vec<Member<'a>> {
        let mut out: Vec<Member<'a>> = Vec::new();
        let here = self.nps.iter().rev().filter(|np| np.te <= i).flat_map(|np| np.members.iter().copied());
        for m in here.chain(disc.recent_countries.iter().rev().copied()) {
            if !m.country.is_empty() && !out.iter().any(|x| x.country == m.country) {
                out.push(m);
                if out.len() == 2 {
                    break;
                }
            }
        }
        out.reverse();
        out
    }

    /// "Pakistan's Foreign Office (FO)": the capitalised word in brackets names the phrase
    /// for the rest of the article.
    pub(super) fn define_acronyms(&self, disc: &mut Discourse<'a>) {
        for np in &self.nps {
            let (o, w, c) = (np.te, np.te + 1, np.te + 2);
            if c < self.e && self.ctx.is_punct(o, Punct::Open) && self.ctx.is_punct(c, Punct::Close) {
                let t = self.ctx.tokens[w];
                let word = t.text(self.ctx.text);
                if t.kind == TokKind::Word
                    && word.len() >= 2
                    && word.chars().all(|ch| ch.is_ascii_uppercase())
                    && self.ctx.on(&ACRONYM_DEFINED)
                {
                    disc.acronyms.entry(word.to_owned()).or_insert_with(|| np.members.clone());
                }
            }
        }
    }
}

super::rule::rules! {
    /// After a preposition of place a capital is the city, in its country, not its government ("a blast in Kabul").
    CAPITAL_AS_CITY = "actors.capital-as-city";
    /// An inflected verb reading in verbal context beats an actor reading ("forced" a verb, "forces" an actor).
    INFLECTED_VERB_BEATS_ACTOR = "actors.inflected-verb-beats-actor";
    /// An acronym the article defined earlier names the same actor phrase again.
    ACRONYM_REFERS_BACK = "actors.acronym-refers-back";
    /// A bare surname is read only after a title or after the full name earlier in the article.
    SURNAME_AFTER_NAME = "actors.surname-after-name";
    /// A surname followed by an unknown capitalised word is another person's name going on, not this one.
    NAME_GOES_ON = "actors.name-goes-on";
    /// Among people sharing a surname, the last mentioned, else the one in office on the article's date.
    SURNAME_IN_OFFICE = "actors.surname-in-office";
    /// A person out of office on the article's date is an elite, not the office.
    FORMER_OFFICIAL = "actors.former-official";
    /// A place right before an agent gives it the place's country ("Peshawar police").
    PLACE_AGENT = "actors.place-agent";
    /// A possessive pronoun before an agent is the antecedent's own force ("its army").
    POSSESSIVE_PRONOUN_AGENT = "actors.possessive-pronoun-agent";
    /// A subject pronoun stands for its antecedent.
    PRONOUN = "actors.pronoun";
    /// "Both countries", "the two sides" stand for the last two countries named.
    BOTH_COUNTRIES = "actors.both-countries";
    /// A country, demonym or person before an agent gives it that country ("Indian troops", "Pakistan's army").
    COUNTRY_AGENT = "actors.country-agent";
    /// Two agents in a row make one phrase that keeps the first ("security forces personnel").
    AGENT_AGENT = "actors.agent-agent";
    /// An agent then "of", "in" or "from" a country or place takes that country ("the army of Pakistan").
    AGENT_OF_COUNTRY = "actors.agent-of-country";
    /// A title or a country phrase before a person is that person ("Foreign Minister Wang Yi").
    TITLE_PERSON = "actors.title-person";
    /// A person then ", the" title keeps the person.
    PERSON_APPOSITION = "actors.person-apposition";
    /// A country then a named body of its own is that body ("Pakistan's Foreign Office").
    COUNTRY_NAMED_BODY = "actors.country-named-body";
    /// Actors joined by "and", "or" or a list's commas make one compound phrase ("India and Pakistan").
    COMPOUND = "actors.compound";
    /// In a headline a comma after the opening name stands for "and" ("Ghana, Togo sign border pact").
    HEADLINE_COMMA_PAIR = "actors.headline-comma-pair";
    /// A pronoun after ", saying" stands for the sentence's subject.
    PARTICIPLE_PRONOUN = "actors.participle-pronoun";
    /// A modifier after "a"/"an" ("a Senegalese plan") is no antecedent.
    MODIFIER_NO_ANTECEDENT = "actors.modifier-no-antecedent";
    /// A pronoun takes a nearer firm, outlet or group of people that speaks or is not counted.
    NEARER_FIRM_OR_PEOPLE = "actors.nearer-firm-or-people";
    /// A capitalised word in brackets after an actor phrase defines an acronym for it ("Foreign Office (FO)").
    ACRONYM_DEFINED = "actors.acronym-defined";
}
