//! Text → events: normalise, tokenize, split sentences, match the lexicon, then per
//! sentence find actors, predicates, frames and roles, and per article casualties and dyads.
//! Pure and synchronous (`Send + Sync`): no tokio, no tonic, no clock.

mod actors;
mod casualties;
mod clause;
mod coding;
pub mod examples;
mod frames;
mod hits;
mod modality;
mod predicates;
mod registry;
mod roles;
mod rule;
mod sentence;
mod speakers;
mod state;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::lexicon::{Cue, EntryKind, Lexicon, PhraseKind};
use crate::model::{Analysis, Casualties, CasualtyMention, DyadSummary, Event, Rung};
use crate::text::{self, Token};

use self::casualties::Toll;
use self::hits::Hits;
use self::state::{Ctx, Discourse, Sentence};

pub use self::registry::{PASSES, find as find_rule, rules};
pub use self::rule::{Rule, RuleSet, UnknownRule};

/// An article to analyse.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// Identifier, echoed in the analysis.
    pub id: &'a str,
    /// Body text; spans are byte ranges into it.
    pub text: &'a str,
    /// Publication date: picks the role officials held then.
    pub date: Option<Date>,
}

/// The analyzer: a compiled lexicon shared read-only. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
    rules: Arc<RuleSet>,
}

/// Reusable buffers, so a batch allocates once.
#[derive(Debug, Default)]
struct Scratch {
    folded: Vec<u8>,
    tokens: Vec<Token>,
    sentences: Vec<(usize, usize)>,
    hits: Hits,
    lookup: hits::Scratch,
}

impl Analyzer {
    /// An analyzer over a compiled lexicon.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        Analyzer { lexicon, rules: Arc::new(RuleSet::all()) }
    }

    /// The same analyzer under `rules` (some switched off, or counted): how
    /// `eval --without` and `eval --rules` measure what a rule is worth.
    pub fn with_rules(self, rules: RuleSet) -> Self {
        Analyzer { rules: Arc::new(rules), ..self }
    }

    /// The rules this analyzer applies, with their counts when counting.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyses one article. Never panics; time is linear in the text. Buffers are reused
    /// per thread, so a stream of articles allocates little.
    pub fn analyze(&self, doc: &Document<'_>) -> Analysis {
        let rules = &*self.rules;
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => self.analyze_with(doc, &mut scratch, rules),
            // Re-entered on this thread (not done today): fall back to fresh buffers.
            Err(_) => self.analyze_with(doc, &mut Scratch::default(), rules),
        })
    }

    fn analyze_with(&self, doc: &Document<'_>, sc: &mut Scratch, rules: &RuleSet) -> Analysis {
        let lex = &*self.lexicon;
        let text = doc.text;
        text::fold_into(text, &mut sc.folded);
        let folded = std::str::from_utf8(&sc.folded).unwrap_or("");
        text::tokenize(text, &mut sc.tokens);
        text::sentences(text, folded, &sc.tokens, &lex.grammar, &mut sc.sentences);
        hits::find(lex, text, folded, &sc.tokens, &mut sc.lookup, &mut sc.hits);
        // A wire dateline ("GAZA CITY, Gaza Strip (Reuters) -") names where the story was
        // filed, not who acted: its words are no actors.
        let dateline = text::dateline(text, &sc.tokens, &lex.grammar);
        sc.hits.hits.retain(|h| h.ts >= dateline);
        let non_political = discard_words(lex, &sc.hits) >= NON_POLITICAL_DISCARDS;
        let ctx = Ctx {
            lex,
            text,
            folded,
            tokens: &sc.tokens,
            hits: &sc.hits,
            date: doc.date,
            non_political,
            rules,
        };
        let mut disc = Discourse::default();
        let mut events = Vec::new();
        let mut actors = Vec::new();
        let mut casualties = Casualties::default();
        let mut casualty_mentions = Vec::new();
        let mut h = 0;
        let all = &sc.hits.hits;
        for (index, &(s, e)) in sc.sentences.iter().enumerate() {
            while h < all.len() && all[h].ts < s {
                h += 1;
            }
            let first = h;
            while h < all.len() && all[h].ts < e {
                h += 1;
            }
            let sent_hits = &all[first..h];
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            Sentence::run(&ctx, (s, e), index, sent_hits, &mut disc, &mut events, &mut actors);
            for hit in sent_hits {
                for en in sc.hits.entries(hit) {
                    let EntryKind::Phrase(p, _) = en.kind else {
                        continue;
                    };
                    let toll = match lex.phrases[p as usize].kind {
                        PhraseKind::Cue(Cue::Killed) => Toll::Killed,
                        PhraseKind::Cue(Cue::Injured) => Toll::Injured,
                        _ => continue,
                    };
                    if let Some(n) =
                        casualties::count_near(lex, text, folded, &sc.tokens, (s, e), (hit.ts, hit.te.min(e)))
                    {
                        let slot = match toll {
                            Toll::Killed => &mut casualties.killed,
                            Toll::Injured => &mut casualties.injured,
                        };
                        *slot = (*slot).max(n);
                        casualty_mentions.push(CasualtyMention {
                            sentence: index,
                            at: sc.tokens[hit.ts].start,
                            count: n,
                            injured: toll == Toll::Injured,
                        });
                    }
                }
            }
        }
        let dyads = dyads(&events);
        Analysis {
            id: doc.id.to_owned(),
            events,
            actors,
            casualties,
            casualty_mentions,
            dyads,
            sentences: u32::try_from(sc.sentences.len()).unwrap_or(u32::MAX),
        }
    }

    /// Analyses many articles, reusing buffers.
    pub fn analyze_batch<'d>(&self, docs: impl IntoIterator<Item = Document<'d>>) -> Vec<Analysis> {
        let mut scratch = Scratch::default();
        docs.into_iter().map(|d| self.analyze_with(&d, &mut scratch, &self.rules)).collect()
    }

    /// Resolves a short actor description ("Pakistani Army", "Beijing") to a code: the first
    /// actor phrase that has a country, else the first one.
    pub fn resolve_actor(&self, query: &str, date: Option<Date>) -> Option<String> {
        let a = self.analyze(&Document { id: "", text: query, date });
        let lex = &*self.lexicon;
        a.actors
            .iter()
            .find(|m| !lex.country_of(&m.code).is_empty())
            .or(a.actors.first())
            .map(|m| m.code.clone())
    }
}

/// Distinct discard words (sport, markets, entertainment) that make an article non-political.
const NON_POLITICAL_DISCARDS: usize = 3;

/// How many distinct discard words an article uses.
fn discard_words(lex: &Lexicon, hits: &Hits) -> usize {
    let mut seen: Vec<u32> = Vec::new();
    for h in &hits.hits {
        for en in hits.entries(h) {
            if let EntryKind::Phrase(p, _) = en.kind
                && lex.phrases[p as usize].kind == PhraseKind::Cue(Cue::Discard)
                && !seen.contains(&p)
            {
                seen.push(p);
            }
        }
    }
    seen.len()
}

/// Per-dyad sums and rungs over an article's events between two different countries.
fn dyads(events: &[Event]) -> Vec<DyadSummary> {
    let mut map: BTreeMap<(String, String), DyadSummary> = BTreeMap::new();
    for e in events {
        let t = if e.target_country.is_empty() { &e.with_country } else { &e.target_country };
        let s = &e.source_country;
        if s.is_empty() || t.is_empty() || s == t || e.modality == crate::model::Modality::Negated {
            continue;
        }
        let (a, b) = if s < t { (s, t) } else { (t, s) };
        let d = map.entry((a.clone(), b.clone())).or_insert_with(|| DyadSummary {
            a: a.clone(),
            b: b.clone(),
            rung: 0,
            conflict: 0.0,
            cooperation: 0.0,
        });
        let w = e.modality.weight();
        if e.goldstein < 0.0 {
            d.conflict += -e.goldstein * w;
            d.rung = d.rung.max(Rung::of_code(&e.cameo, e.modality).number());
        } else {
            d.cooperation += e.goldstein * w;
        }
    }
    map.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;
    use std::sync::OnceLock;

    fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon"))))
    }

    fn run(text: &str) -> Analysis {
        analyzer().analyze(&Document { id: "t", text, date: None })
    }

    fn codes(text: &str) -> Vec<String> {
        run(text).actors.into_iter().map(|a| a.code).collect()
    }

    /// (source country, target country, CAMEO prefix, modality) is among the events.
    fn has(a: &Analysis, s: &str, t: &str, code: &str, m: Modality) -> bool {
        a.events.iter().any(|e| {
            e.source_country == s && e.target_country == t && e.cameo.starts_with(code) && e.modality == m
        })
    }

    #[test]
    fn analyzer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Analyzer>();
    }

    #[test]
    fn actor_phrases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("demonym + agent", "Pakistani troops moved.", &["PAKMIL"]),
            ("agent of country", "The army of Pakistan moved.", &["PAKMIL"]),
            ("possessive country + title + person", "China's Foreign Minister, Wang Yi, spoke.", &["CHNGOV"]),
            ("capital as government", "Islamabad responded.", &["PAKGOV"]),
            ("compound with shared agent", "US and British forces advanced.", &["USAMIL", "GBRMIL"]),
            ("list", "Saudi Arabia, Iran, and Egypt met.", &["SAU", "IRN", "EGY"]),
            ("acronym in capitals only", "Let us go, the US said.", &["USA"]),
            ("vice title", "Taiwan's Vice Foreign Minister spoke.", &["TWNGOV"]),
            (
                "a name ending in a common word only as written",
                "The envoy visited Russia today.",
                &["GOV", "RUS"],
            ),
            ("a US administration", "The Bush administration spoke.", &["USAGOV"]),
            ("UNITA", "UNITA fighters spoke.", &["AGOREB"]),
        ];
        for (name, text, expected) in cases {
            assert_eq!(codes(text), *expected, "{name}: {text}");
        }
    }

    #[test]
    fn a_titled_surname_is_read_unless_the_name_goes_on() {
        let a = codes("President Abdelaziz Ferhani threatened to impose a curfew in Algiers.");
        assert!(!a.iter().any(|c| c.starts_with("ESH")), "{a:?}");
        assert!(codes("Deputy Secretary Hicks Said Russia Attacked.").contains(&"USAGOV".to_owned()));
    }

    #[test]
    fn acronyms_defined_in_brackets_refer_back() {
        let a = run("Pakistan's Foreign Office (FO) issued a statement. The FO blamed India.");
        assert!(has(&a, "PAK", "IND", "11", Modality::Asserted), "{:?}", a.events);
    }

    #[test]
    fn roles_and_modality() {
        use Modality::*;
        // (name, text, source, target, code prefix, modality)
        let cases: &[(&str, &str, &str, &str, &str, Modality)] = &[
            ("active", "New Delhi has blamed Islamabad for the attack.", "IND", "PAK", "112", Asserted),
            ("passive", "Islamabad was blamed by New Delhi for the attack.", "IND", "PAK", "112", Asserted),
            ("negated", "India did not blame Pakistan.", "IND", "PAK", "112", Negated),
            (
                "threat frame",
                "Pakistan warned of the suspension of the Simla Agreement.",
                "PAK",
                "IND",
                "1313",
                Asserted,
            ),
            (
                "threatened action",
                "Pakistan warned of the suspension of the Simla Agreement.",
                "PAK",
                "IND",
                "161",
                Threatened,
            ),
            (
                "considered",
                "Pakistan is considering the closure of its airspace to Indian flights.",
                "PAK",
                "IND",
                "172",
                Considered,
            ),
            (
                "reported",
                "India blamed Pakistan for the attack, the ministry said.",
                "IND",
                "PAK",
                "112",
                Reported,
            ),
            (
                "shared subject",
                "India blamed Pakistan and suspended the Indus Waters Treaty.",
                "IND",
                "PAK",
                "161",
                Asserted,
            ),
            (
                "treaty party as target",
                "India suspended the Indus Waters Treaty.",
                "IND",
                "PAK",
                "161",
                Asserted,
            ),
            (
                "between",
                "A phone call between India's foreign minister and China's foreign minister took place.",
                "IND",
                "CHN",
                "041",
                Asserted,
            ),
        ];
        for (name, text, s, t, code, m) in cases {
            let a = run(text);
            assert!(has(&a, s, t, code, *m), "{name}: {text}\n{:#?}", a.events);
        }
    }

    #[test]
    fn denial_is_not_an_admission() {
        let a = run("Pakistan denied any involvement in the attack.");
        assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() >= 18), "{:?}", a.events);
    }

    #[test]
    fn non_political_actors_make_no_events() {
        let a = run("The companies denied the claims and blamed the regulators.");
        assert!(a.events.is_empty(), "{:?}", a.events);
    }

    #[test]
    fn dyads_sum_and_rank() {
        let a = run("India blamed Pakistan. India suspended the Indus Waters Treaty.");
        let d = a.dyads.iter().find(|d| d.a == "IND" && d.b == "PAK").expect("IND-PAK dyad");
        assert_eq!(d.rung, 3);
        assert!(d.conflict > 0.0 && d.cooperation == 0.0);
    }

    /// (name, text, source country, target country, CAMEO code, PLOVER category): phrasings
    /// of the lexicon, counted as facts.
    const PHRASINGS: &[(&str, &str, &str, &str, &str, &str)] = &[
        ("lifting a curfew concedes", "Egypt lifted the curfew in Cairo.", "EGY", "EGY", "0813", "CONCEDE"),
        (
            "easing emergency measures",
            "Peru eased emergency measures on Friday.",
            "PER",
            "",
            "0814",
            "CONCEDE",
        ),
        (
            "cancelling restrictions",
            "Pakistan cancelled restrictions on travel.",
            "PAK",
            "",
            "081",
            "CONCEDE",
        ),
        (
            "a meeting held with",
            "Indian officials held their first meeting with Chinese diplomats.",
            "IND",
            "CHN",
            "040",
            "CONSULT",
        ),
        ("abusing detainees", "Egyptian police abused detainees in Cairo.", "EGY", "EGY", "182", "ASSAULT"),
        (
            "preventing a demonstration",
            "Turkish police prevented a demonstration by students.",
            "TUR",
            "TUR",
            "1721",
            "COERCE",
        ),
        (
            "an indictment accuses",
            "A UN court indicted Montenegro's prime minister.",
            "IGO",
            "MNE",
            "1121",
            "ACCUSE",
        ),
        (
            "ordering a newspaper closed",
            "Nicaragua's Sandinista government ordered the opposition newspaper La Prensa to suspend publication.",
            "NIC",
            "NIC",
            "1721",
            "COERCE",
        ),
        (
            "forcing an agency out",
            "Indonesia forced the UN refugee agency out of the country.",
            "IDN",
            "IGO",
            "166",
            "SANCTION",
        ),
        (
            "releasing a minister held",
            "Fijian rebels released the minister.",
            "FJI",
            "FJI",
            "0841",
            "RETREAT",
        ),
        (
            "evacuating settlements",
            "Israel evacuated settlements in the Gaza Strip.",
            "ISR",
            "PSE",
            "0874",
            "RETREAT",
        ),
        (
            "paying compensation",
            "Uganda paid compensation to British nationals.",
            "UGA",
            "GBR",
            "0842",
            "RETREAT",
        ),
        (
            "opposing peacekeepers",
            "Ivorian rebels opposed the deployment of a peacekeeping force.",
            "CIV",
            "IGO",
            "1245",
            "REJECT",
        ),
    ];

    #[test]
    fn lexicon_phrasings() {
        for (name, text, s, t, code, plover) in PHRASINGS {
            let a = run(text);
            assert!(
                a.events.iter().any(|e| e.modality.is_factual()
                    && e.source_country == *s
                    && e.target_country == *t
                    && e.cameo == *code
                    && e.plover == *plover),
                "{name}: {text}\n{:#?}",
                a.events
            );
        }
    }

    mod regression {
        use super::*;

        #[test]
        fn a_bare_comma_does_not_make_a_compound() {
            let a = run("In addition to engaging China, Pakistan has reached out to Iran.");
            assert!(!a.events.iter().any(|e| e.source_country == "CHN"), "{:?}", a.events);
        }

        /// (name, text): sentences with no hostile event of Goldstein -5 or below.
        const NOT_HOSTILE: &[(&str, &str)] = &[
            ("past form after an article is no verb", "Investors braced themselves for a slew of data."),
            ("active kill with no one named", "On execution, the code tries to kill the processes."),
            ("modal demand without a speaker", "Players must battle soldiers, zombies and aliens."),
            (
                "game review: armed target, no source",
                "In the game, players wipe out enemy troops and seize waypoints.",
            ),
            (
                "purpose clause is no order",
                "We need to expand production in order to meet growing demand in India.",
            ),
            ("a denial is no hostile act", "Pakistan denied the allegations of involvement."),
            (
                "an airline halting flights is commerce",
                "Qatar Airways is to halt its flights to Alexandria in Egypt.",
            ),
            ("a sentencing still to come", "Papers were lodged with a court ahead of mr jones sentencing."),
            (
                "a possessive gerund is a noun",
                "Turkish officials shared files with Saudi Arabia over Haddad's killing.",
            ),
            (
                "a pronoun after 'warned' starts a clause",
                "Chile was hit by a strike. Metro staff have warned they will keep up the protests.",
            ),
            (
                "a pronoun refers to the firm, not to a destination",
                "Qatar Airways is to halt its flights to Egypt. The airline said the decision was a commercial one. \
                 QR flies four times a week from Doha to Alexandria and Cairo. \
                 It suspended flights to Egypt for three weeks in 2017.",
            ),
            (
                "a power granted to oneself is no act",
                "Hardliners in the Iranian parliament have given themselves a veto over foreign investment deals.",
            ),
            ("a witness is no doer", "More than 9 million people saw the soap villain killed off on Sunday."),
            ("airlines are no state", "Pakistan International Airlines suspended flights to India."),
            (
                "a pronoun after a firm is the firm",
                "Germany grounded planes. The company said that it had to cancel 40 flights, stranding German passengers.",
            ),
        ];

        #[test]
        fn in_sport_or_entertainment_an_armed_word_needs_its_country() {
            let game = "The video game tops the charts, and the film and the album follow. \
                        Players board a gunboat attacking waves of Japanese planes.";
            assert!(!run(game).events.iter().any(|e| e.root() >= 18), "{:?}", run(game).events);
            let a = run(
                "The league match was called off, the coach and the striker said, after Israeli troops shelled the stadium in Gaza.",
            );
            assert!(has(&a, "ISR", "PSE", "19", Modality::Reported), "{:?}", a.events);
        }

        #[test]
        fn a_counted_group_that_does_not_speak_is_no_antecedent() {
            let a = run("Three Palestinian bombers killed 15 people when they blew themselves up in Haifa.");
            assert!(a.events.iter().all(|e| e.source_country == "PSE"), "{:?}", a.events);
        }

        #[test]
        fn a_state_halting_flights_is_a_sanction() {
            let a = run("Pakistan suspended all flights to India.");
            assert!(has(&a, "PAK", "IND", "17", Modality::Asserted), "{:?}", a.events);
        }

        #[test]
        fn figurative_and_benign_uses_are_not_hostile() {
            for (name, text) in NOT_HOSTILE {
                let a = run(text);
                assert!(
                    !a.events.iter().any(|e| e.modality.is_factual() && e.goldstein <= -5.0),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn unnamed_victims_of_counted_or_passive_violence_stay() {
            for text in ["Two persons were killed in the blast.", "A woman was killed in Quetta."] {
                let a = run(text);
                assert!(
                    a.events.iter().any(|e| e.modality.is_factual() && e.root() >= 18),
                    "{text}: {:?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_known_source_threatening_armed_forces_survives_a_discard_word() {
            let a = run(
                "Russia has issued an ultimatum to Ukrainian forces to clear out or face a military storm.",
            );
            assert!(has(&a, "RUS", "UKR", "13", Modality::Asserted), "{:?}", a.events);
        }

        #[test]
        fn an_event_noun_that_is_another_events_object_is_not_its_own_event() {
            let a = run("Ethiopia rejected accusations by the United States that its army committed abuses.");
            assert!(a.events.iter().any(|e| e.cameo == "016"), "{:?}", a.events);
            assert!(!a.events.iter().any(|e| e.cameo.starts_with("11")), "{:?}", a.events);
        }

        #[test]
        fn a_bare_sector_takes_the_state_it_acts_with_and_invents_no_dyad() {
            let a = run("Officials demanded support from the Montenegro Assembly.");
            assert!(has(&a, "MNE", "MNE", "10", Modality::Asserted), "{:?}", a.events);
            let a = run("Rebels attacked Indian troops near the border.");
            assert!(has(&a, "IND", "IND", "19", Modality::Asserted), "{:?}", a.events);
            assert!(a.dyads.is_empty(), "{:?}", a.dyads);
            // An international body lends no country.
            let a = run("UN officials criticised the rebels.");
            assert!(a.events.iter().all(|e| e.target == "REB"), "{:?}", a.events);
            // In violence a bare country name lends none to its attacker.
            let a = run("Troops attacked Japanese villages near the coast.");
            assert!(a.events.iter().all(|e| e.source_country.is_empty()), "{:?}", a.events);
        }

        /// (name, text, CAMEO prefix, modality): how a governed clause's event counts.
        const CLAUSE_MODALITY: &[(&str, &str, &str, Modality)] = &[
            (
                "purpose infinitive",
                "India sent troops to the border to attack Pakistan.",
                "190",
                Modality::Considered,
            ),
            (
                "purpose after a light verb",
                "Egyptian police opened fire to disperse the crowd.",
                "175",
                Modality::Considered,
            ),
            (
                "in order to",
                "Turkey closed the border in order to attack Syrian rebels.",
                "190",
                Modality::Considered,
            ),
            (
                "aspectual verb asserts",
                "Indian troops began to attack Pakistani troops.",
                "190",
                Modality::Asserted,
            ),
            (
                "if with its own subject",
                "Norway will defend Saudi Arabia if it is attacked.",
                "190",
                Modality::Considered,
            ),
            (
                "unless with its own subject",
                "Iran vowed to fight on unless Iraq withdraws its troops.",
                "087",
                Modality::Considered,
            ),
            (
                "a rejected allegation's clause",
                "The minister rejected allegations he pressured the police to arrest the protesters.",
                "100",
                Modality::Negated,
            ),
            (
                "a denied claim's clause",
                "Pakistan denied claims that its troops shelled Indian villages.",
                "19",
                Modality::Negated,
            ),
            (
                "a demand still to be made",
                "Kazakhstan's president said that his government would insist on a higher price from Russia.",
                "10",
                Modality::Considered,
            ),
        ];

        #[test]
        fn purposes_and_conditions_are_not_facts() {
            for (name, text, code, m) in CLAUSE_MODALITY {
                let a = run(text);
                let found: Vec<_> = a.events.iter().filter(|e| e.cameo.starts_with(code)).collect();
                assert!(
                    !found.is_empty() && found.iter().all(|e| e.modality == *m),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn posts_are_a_target_not_a_reporting_verb() {
            let a = run("Indian troops shelled Pakistani posts along the border.");
            assert!(has(&a, "IND", "PAK", "19", Modality::Asserted), "{:?}", a.events);
            let a = run("The minister posted on X that India had attacked Pakistan.");
            assert!(has(&a, "IND", "PAK", "19", Modality::Reported), "{:?}", a.events);
        }

        #[test]
        fn a_light_verb_reaches_its_noun_across_hyphens_and_further() {
            let cases = [
                ("hyphenated modifier", "Russian forces launched a cruise-missile attack on Syrian rebels."),
                ("further", "Iraqi forces have launched further airstrikes on Syrian rebels."),
            ];
            for (name, text) in cases {
                let a = run(text);
                assert!(
                    a.events.iter().any(|e| e.modality.is_factual() && e.root() == 19),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_reporting_verb_that_acts_names_no_speaker() {
            // (name, text, source country, CAMEO prefix)
            let cases = [
                ("event verb", "Guatemala declared martial law on Sunday.", "GTM", "1724"),
                ("light verb of an event noun", "Guatemala declared a state of siege.", "GTM", "1724"),
            ];
            for (name, text, s, code) in cases {
                let a = run(text);
                assert!(
                    a.events
                        .iter()
                        .any(|e| e.modality.is_factual() && e.source_country == s && e.cameo == code),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_countrys_people_protesting_is_political() {
            let a = run("Thousands of Mexican workers went on strike for better wages.");
            assert!(
                a.events
                    .iter()
                    .any(|e| e.modality.is_factual() && e.source_country == "MEX" && e.root() == 14),
                "{:#?}",
                a.events
            );
            let a = run("The workers went on strike for better wages.");
            assert!(a.events.is_empty(), "{:#?}", a.events);
        }

        #[test]
        fn a_negation_governing_an_event_noun_negates_it() {
            for text in [
                "Police said it was not an attack by militants.",
                "Officials found no evidence of an attack by Indian troops.",
            ] {
                let a = run(text);
                assert!(
                    !a.events.iter().any(|e| e.modality.is_factual() && e.root() == 19),
                    "{text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_frame_reaches_its_noun_across_adjectives() {
            let a = run("Pakistan warned of a massive military offensive by India.");
            assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() == 19), "{:#?}", a.events);
            assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 13), "{:#?}", a.events);
        }

        #[test]
        fn a_frame_is_made_by_its_subject_or_its_speaker_else_nobody() {
            let a = run("The corrupt officials will be prosecuted.");
            assert!(!a.events.iter().any(|e| e.root() == 13), "{:#?}", a.events);
            let a = run("North Korea has reiterated its demand that the US ease sanctions.");
            assert!(has(&a, "PRK", "USA", "10", Modality::Reported), "{:#?}", a.events);
        }

        #[test]
        fn untargeted_protest_and_repression_stay_at_home() {
            // (name, text, source country, target code, CAMEO prefix)
            let cases = [
                ("protest", "Argentines took to the streets.", "ARG", "ARGGOV", "14"),
                ("repression", "Iraq's government imposed a curfew on Monday.", "IRQ", "IRQCVL", "17"),
            ];
            for (name, text, s, t, code) in cases {
                let a = run(text);
                assert!(
                    a.events
                        .iter()
                        .any(|e| e.source_country == s && e.target == t && e.cameo.starts_with(code)),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
                assert!(a.dyads.is_empty(), "{name}: {:?}", a.dyads);
            }
        }

        #[test]
        fn troops_a_state_sends_are_its_means_not_its_target() {
            let a = run("Britain mobilized army reservists for a war against Iraq.");
            assert!(has(&a, "GBR", "IRQ", "154", Modality::Asserted), "{:#?}", a.events);
            let a = run("Pakistan deployed troops along the border with India.");
            assert!(has(&a, "PAK", "IND", "154", Modality::Asserted), "{:#?}", a.events);
        }

        /// (name, text, CAMEO root that must not be counted).
        const NOT_MADE_BY_THE_SUBJECT: &[(&str, &str, u8)] = &[
            ("a request named by a noun", "Yemen rejected a U.S. request to interrogate detainees.", 2),
            ("an ultimatum named by a noun", "Serbia rejected an Australian ultimatum.", 13),
            (
                "an intent under a refusal",
                "Turkey refused to commit to any assistance to the United States.",
                3,
            ),
            (
                "an intent under a demand",
                "Egypt said the US must be ready to mediate between Israel and the Palestinians.",
                3,
            ),
            (
                "an intent under a postponement",
                "The Azerbaijani opposition agreed to postpone the demonstration.",
                13,
            ),
            (
                "a restated untargeted meeting",
                "Russia hosted the Japanese prime minister for an informal meeting.",
                4,
            ),
        ];

        #[test]
        fn speech_acts_inside_other_frames_are_not_the_subjects() {
            for (name, text, root) in NOT_MADE_BY_THE_SUBJECT {
                let a = run(text);
                let bad = |e: &Event| {
                    e.modality.is_factual() && e.root() == *root && (*root != 4 || e.target.is_empty())
                };
                assert!(!a.events.iter().any(bad), "{name}: {text}\n{:#?}", a.events);
            }
            let a = run("The rebels insisted on their demand that Burundi's government grant more rights.");
            assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 10), "{:#?}", a.events);
            let a = run("The United States banned all aid to Albanian rebels.");
            assert!(has(&a, "USA", "ALB", "162", Modality::Asserted), "{:#?}", a.events);
        }

        #[test]
        fn opening_an_investigation_is_investigating() {
            let a = run("German prosecutors opened fraud investigations into the banks.");
            assert!(a.events.iter().any(|e| e.source == "DEUJUD" && e.root() == 9), "{:#?}", a.events);
        }

        #[test]
        fn a_reported_must_is_the_speakers_demand_of_its_subject() {
            let a = run("Human Rights Watch said that the Sudanese authorities must ensure security.");
            assert!(
                a.events.iter().any(|e| e.source == "NGOHRI" && e.target == "SDNGOV" && e.root() == 10),
                "{:#?}",
                a.events
            );
            let a = run("The EU said military intervention in Venezuela must be avoided.");
            assert!(!a.events.iter().any(|e| e.root() == 10), "{:#?}", a.events);
        }

        #[test]
        fn military_posture_and_human_shields() {
            // (text, source, CAMEO code)
            let cases = [
                ("Indian troops remained on alert on Wednesday.", "INDMIL", "152"),
                ("Israel mobilized the army for a ground assault.", "ISR", "154"),
                ("The militants held thousands of civilians as human shields.", "REB", "184"),
            ];
            for (text, s, code) in cases {
                let a = run(text);
                assert!(a.events.iter().any(|e| e.source == s && e.cameo == code), "{text}\n{:#?}", a.events);
            }
        }

        #[test]
        fn cyber_attacks_assaults_strikes_and_reinforcements() {
            // (text, source, target, CAMEO code)
            let cases = [
                ("Israel has launched cyber warfare against Iran.", "ISR", "IRN", "170"),
                ("Iraqi forces have begun their assault on Mosul.", "IRQMIL", "IRQ", "190"),
                ("Russia has strengthened its forces in Crimea.", "RUS", "UKR", "154"),
                ("Hundreds of Indonesian employees stopped work on Tuesday.", "IDNLAB", "IDNGOV", "143"),
                // A later bare sector ("heavy artillery") does not beat the Taliban.
                (
                    "The Afghan army pounded the Taliban hideouts with heavy artillery.",
                    "AFGMIL",
                    "AFGREB",
                    "194",
                ),
            ];
            for (text, s, t, code) in cases {
                let a = run(text);
                assert!(
                    a.events.iter().any(|e| e.source == s && e.target == t && e.cameo == code),
                    "{text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_noun_another_verb_governs_is_no_event_of_the_frame() {
            for text in [
                "It is possible to launch a direct assault on the city.",
                "The British government aims to cut the number of sexual assaults.",
            ] {
                let a = run(text);
                assert!(
                    !a.events.iter().any(|e| e.modality.is_factual() && e.goldstein <= -5.0),
                    "{text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_place_in_the_sources_own_country_is_no_target() {
            let a = run("Thousands of Iraqis demonstrated in Kirkuk.");
            assert!(
                a.events.iter().any(|e| e.source == "IRQ" && e.target == "IRQGOV" && e.root() == 14),
                "{:#?}",
                a.events
            );
        }

        #[test]
        fn wounding_soldiers_is_violence() {
            let a = run("Guerrillas wounded two British soldiers in a bomb attack.");
            assert!(a.events.iter().any(|e| e.target == "GBRMIL" && e.root() == 19), "{:#?}", a.events);
        }

        #[test]
        fn evacuating_the_wounded_is_aid_evacuating_a_town_a_retreat() {
            let a = run("UN helicopters evacuated the wounded from the besieged town.");
            assert!(a.events.iter().any(|e| e.cameo == "073"), "{:#?}", a.events);
            let a = run("Indian troops evacuated the town.");
            assert!(a.events.iter().any(|e| e.cameo == "0874"), "{:#?}", a.events);
        }

        /// (name, text, source code, CAMEO code): phrasings that code a counted event.
        const COUNTED_PHRASINGS: &[(&str, &str, &str, &str)] = &[
            (
                "talks that fail are a rejection",
                "The United States and South Korea failed to reach agreement on trade.",
                "USA",
                "120",
            ),
            (
                "a failed deal",
                "British negotiators have failed to reach a deal on the border.",
                "GBRGOV",
                "120",
            ),
            (
                "experts sent to investigate",
                "France has sent seven military experts to investigate the attacks.",
                "FRA",
                "090",
            ),
            (
                "officials sent somewhere to investigate",
                "The United States has sent top officials to Qatar to investigate the claims.",
                "USA",
                "090",
            ),
            (
                "guilty of violating a ceasefire",
                "The Indian army was guilty of violating the ceasefire agreement.",
                "INDMIL",
                "196",
            ),
            (
                "prison guards are police",
                "An inmate was tortured to death by Iranian prison guards.",
                "IRNCOP",
                "18",
            ),
            (
                "refusing to end a strike",
                "Indian doctors will not end the strike against the government.",
                "INDHLH",
                "1242",
            ),
            ("calling off a strike", "Brazil's truck drivers called off a four-day strike.", "BRA", "082"),
            ("a captured mosque", "Iraqi troops have captured the mosque in Mosul.", "IRQMIL", "192"),
            ("a struck area", "Syrian government missiles have struck a rebel-held area.", "SYRGOV", "195"),
            ("firing across a line", "Syria and Israel have fired across the ceasefire line.", "SYR", "193"),
            (
                "responsible for killings",
                "The Mexican cartel has been responsible for mass killings.",
                "MEXCRM",
                "202",
            ),
            ("behind an attack", "The army was behind the attack on the Indian convoy.", "MIL", "19"),
            ("calling for sanctions", "Greece called for sanctions against Turkey.", "GRC", "1312"),
            (
                "the nearer object decides",
                "China called for sanctions against Iran over human rights.",
                "CHN",
                "1312",
            ),
            ("burned, not only burnt", "Serbian protesters burned the Macedonian flag.", "SRBOPP", "141"),
            ("a country's workers end a strike", "Brazilian workers called off the strike.", "BRALAB", "082"),
            ("freeing a diplomat", "Congo has freed a US diplomat.", "COG", "0841"),
            ("freeing an employee", "A Turkish court freed an employee of the consulate.", "TURJUD", "0841"),
            (
                "a sum handed over",
                "The United States handed over more than $4 million of equipment.",
                "USA",
                "071",
            ),
            ("a sum paid", "Germany paid $662 million in aid to survivors.", "DEU", "071"),
            ("weapons returned", "The Pakistani army returned the weapons to the militia.", "PAKMIL", "0842"),
            (
                "defending a policy endorses it",
                "President Vladimir Putin defended Russia's involvement in Iraq.",
                "RUSGOV",
                "051",
            ),
            ("easing curfew hours", "Saudi Arabia eased curfew hours in several cities.", "SAU", "0813"),
            (
                "a libel lawsuit filed",
                "Three Kyrgyz politicians have filed a libel lawsuit against the former president.",
                "KGZ",
                "115",
            ),
            (
                "a suspension of air links",
                "Morocco announced a suspension of air links with Spain.",
                "MAR",
                "172",
            ),
            ("letting activists free", "Yemen let free nearly three dozen activists.", "YEM", "0841"),
            (
                "refusing to release kidnap victims",
                "The rebels will not release the kidnap victims.",
                "REB",
                "1243",
            ),
            (
                "military training provided",
                "The U.S. Government has provided peacekeeping training to AMISOM.",
                "USAGOV",
                "062",
            ),
            (
                "supplies made available",
                "Germany has made available ambulances and medical supplies to Liberia.",
                "DEU",
                "070",
            ),
        ];

        #[test]
        fn phrasings_that_code_counted_events() {
            for (name, text, s, code) in COUNTED_PHRASINGS {
                let a = run(text);
                assert!(
                    a.events
                        .iter()
                        .any(|e| e.modality.is_factual() && e.source == *s && e.cameo.starts_with(code)),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_claim_of_ones_own_attack_is_a_statement() {
            for text in [
                "The Houthis claimed that they had attacked the Saudi airport of Abha.",
                "The Taliban claimed they had attacked Afghan troops.",
            ] {
                let a = run(text);
                assert!(
                    !a.events.iter().any(|e| e.modality.is_factual() && e.root() >= 18),
                    "{text}\n{:#?}",
                    a.events
                );
            }
            // Another's deed claimed is reported as before.
            let a = run("India claimed that Pakistani troops had attacked Indian posts.");
            assert!(has(&a, "PAK", "IND", "19", Modality::Reported), "{:#?}", a.events);
        }

        #[test]
        fn an_offer_of_troops_is_no_threat() {
            let a = run("Australia has offered to send troops to help the Philippines army.");
            assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() == 13), "{:#?}", a.events);
            assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 3), "{:#?}", a.events);
        }

        #[test]
        fn who_dies_under_torture_is_its_target() {
            let a = run("An Iranian prisoner died due to continued torture by the police.");
            assert!(
                a.events.iter().any(|e| e.modality.is_factual()
                    && e.cameo == "1822"
                    && e.source == "COP"
                    && e.target_country == "IRN"),
                "{:#?}",
                a.events
            );
        }

        #[test]
        fn a_series_of_events_is_not_a_tv_series() {
            let a = run("Britain expelled two Russian diplomats in a series of spy rows.");
            assert!(has(&a, "GBR", "RUS", "16", Modality::Asserted), "{:#?}", a.events);
        }

        /// (name, text, source country, target country, CAMEO prefix): among the factual events.
        const WHO_DID_IT: &[(&str, &str, &str, &str, &str)] = &[
            (
                "a participle of saying names no speaker",
                "Britain expelled two Russian diplomats, adding to a row over spies.",
                "GBR",
                "RUS",
                "16",
            ),
            (
                "according to unnamed reports",
                "According to reports the UK blamed Russia.",
                "GBR",
                "RUS",
                "11",
            ),
            ("a frame across a weekday", "Hamas threatened Monday to attack Israel.", "PSE", "ISR", "13"),
            (
                "the head of a list with an example",
                "Russian aircraft including helicopter gunships killed 46 Afghan civilians.",
                "RUS",
                "AFG",
                "19",
            ),
            (
                "unattributed deadly violence takes the place's country",
                "A minefield explosion near Samarra killed two Iraqi youths.",
                "IRQ",
                "IRQ",
                "19",
            ),
            (
                "a hyphen is no dateline dash",
                "US drone strikes have killed eight al-Qaeda leaders.",
                "USA",
                "IMG",
                "19",
            ),
            (
                "'about once' opens no clause",
                "Recent US attacks, occurring about once every three days, have killed eight Taliban leaders.",
                "USA",
                "AFG",
                "19",
            ),
            (
                "a first name is no surname",
                "President Abdelaziz Ferhani threatened to impose a curfew in Algiers.",
                "DZA",
                "DZA",
                "13",
            ),
            (
                "an agent noun as a modifier",
                "Hamas threatened to resume terrorist activities in Israel.",
                "PSE",
                "ISR",
                "13",
            ),
            (
                "a demonym as a modifier is no antecedent",
                "Ivorian rebels rejected a Senegalese peace plan, and said they opposed the deployment of a peacekeeping force.",
                "CIV",
                "IGO",
                "12",
            ),
            (
                "a modifier's country beats the source's own",
                "France agreed to open its borders to German industrial products in return for support of French agriculture.",
                "FRA",
                "DEU",
                "03",
            ),
            (
                "a pronoun after ', saying' is the subject's",
                "Philippine President Rodrigo Duterte defended China's handling of the pandemic, saying his government shared information.",
                "PHL",
                "",
                "06",
            ),
            (
                "a passive's agent after a long aside",
                "Aristide has been accused of misusing public funds, much of it believed to have been embezzled, by Haitian opposition leaders.",
                "HTI",
                "HTI",
                "11",
            ),
        ];

        #[test]
        fn sources_and_targets_of_tricky_clauses() {
            for (name, text, s, t, code) in WHO_DID_IT {
                let a = run(text);
                assert!(
                    a.events.iter().any(|e| e.modality.is_factual()
                        && e.source_country == *s
                        && e.target_country == *t
                        && e.cameo.starts_with(code)),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn the_same_victims_on_the_same_side() {
            // (text, source country, target country): every factual violent event.
            let cases = [
                (
                    "A roadside bomb near Samarra killed one U.S. soldier and wounded two others.",
                    "IRQ",
                    "USA",
                ),
                (
                    "A camp for Congolese refugees was attacked by Burundian militiamen, killing 156 people.",
                    "BDI",
                    "COD",
                ),
            ];
            for (text, s, t) in cases {
                let a = run(text);
                let violent: Vec<_> =
                    a.events.iter().filter(|e| e.modality.is_factual() && e.root() == 19).collect();
                assert!(
                    !violent.is_empty()
                        && violent.iter().all(|e| e.source_country == s && e.target_country == t),
                    "{text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn background_and_instruments_are_no_events() {
            // (name, text, CAMEO prefix of no factual event)
            let cases = [
                (
                    "instrument of a killing",
                    "Three soldiers were killed by an improvised explosive device in Basra.",
                    "183",
                ),
                (
                    "a tally dated this year",
                    "Serbia lifted the curfew in Montenegro, where 28 people have been killed in riots this year.",
                    "1",
                ),
                (
                    "a past perfect relative clause",
                    "The rebels said they will free the minister, whom they had taken hostage two weeks ago.",
                    "18",
                ),
            ];
            for (name, text, code) in cases {
                let a = run(text);
                assert!(
                    !a.events.iter().any(|e| e.modality.is_factual() && e.cameo.starts_with(code)),
                    "{name}: {text}\n{:#?}",
                    a.events
                );
            }
            // A place lends its country to the attacker only when people were hit.
            let a = run("The designer later killed himself in New York.");
            assert!(a.events.iter().all(|e| e.source_country.is_empty()), "{:#?}", a.events);
        }

        #[test]
        fn a_targeted_event_replaces_its_untargeted_restatement() {
            for text in [
                "Egyptian police opened fire on Monday, killing one person.",
                "Recent US attacks, occurring about once every three days, have killed eight Taliban leaders.",
            ] {
                let a = run(text);
                assert!(
                    a.events.iter().any(|e| e.root() == 19)
                        && !a.events.iter().any(|e| e.root() == 19 && e.target.is_empty()),
                    "{text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn verbs_sharing_a_bare_subject_share_its_country() {
            let a = run(
                "The military government declared a state of siege in Haiti, suspending the constitution and arresting opponents.",
            );
            let coerce: Vec<_> = a.events.iter().filter(|e| e.root() == 17).collect();
            assert!(coerce.len() >= 3 && coerce.iter().all(|e| e.source_country == "HTI"), "{:#?}", a.events);
        }

        #[test]
        fn a_purpose_is_no_plea_and_an_object_of_a_preposition_no_subject() {
            let a = run(
                "Hungarian and Romanian officials agreed that their countries should cooperate to encourage Romanian refugees to return.",
            );
            assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() == 2), "{:#?}", a.events);
            let a = run(
                "The United States banned all aid to Albanian rebels in Macedonia and denied entry to their leaders.",
            );
            assert!(!a.events.iter().any(|e| e.source_country == "MKD"), "{:#?}", a.events);
        }

        #[test]
        fn what_a_possessor_owns_and_what_a_participle_says() {
            let a = run("Iran rejected Iraq's proposal for a cease-fire.");
            assert!(
                !a.events.iter().any(|e| e.modality.is_factual() && e.cameo.starts_with("087")),
                "{:#?}",
                a.events
            );
            let a = run("Activists staged rallies in Gaza against Mahmoud Abbas, saying he must resign.");
            assert!(!a.events.iter().any(|e| e.source == "PSEGOV" && e.root() == 10), "{:#?}", a.events);
        }

        #[test]
        fn a_bare_sector_is_where_it_is() {
            for text in [
                "The UN provided food aid to refugees fleeing the war in Liberia.",
                "The UN will provide food aid to refugees fleeing the civil war in Liberia, the WFP said.",
            ] {
                let a = run(text);
                assert!(
                    a.events.iter().any(|e| e.modality.is_factual() && e.target_country == "LBR"),
                    "{text}\n{:#?}",
                    a.events
                );
            }
        }

        #[test]
        fn a_cancelled_plan_is_no_promise() {
            let a = run("The US cancelled plans to sell weapons to Taiwan.");
            assert!(!a.events.iter().any(|e| e.modality.is_factual()), "{:#?}", a.events);
        }

        #[test]
        fn a_passives_agent_follows_by_closely() {
            let a = run(
                "A man has been arrested in England in the theft of the software blueprints used by Cisco Systems Inc.'s networking equipment, police and the company confirmed.",
            );
            assert!(!a.events.iter().any(|e| e.source == "COP"), "{:#?}", a.events);
        }

        #[test]
        fn same_code_twice_in_a_sentence_is_two_events() {
            let a = run("India revoked Pakistani visas and closed the border crossing with Pakistan.");
            let n = a.events.iter().filter(|e| e.cameo == "172" && e.target_country == "PAK").count();
            assert_eq!(n, 2, "{:?}", a.events);
        }
    }
}
