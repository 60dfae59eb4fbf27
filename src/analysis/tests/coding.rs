//! Tests of the coding pass: which events are kept: political actors, sanctions, sport, restatements.

use super::*;

#[test]
fn non_political_actors_make_no_events() {
    let a = run("The companies denied the claims and blamed the regulators.");
    assert!(a.events.is_empty(), "{:?}", a.events);
}

mod regression {
    use super::*;

    /// (name, text): sentences with no hostile event of Goldstein -5 or below.
    const NOT_HOSTILE: &[(&str, &str)] = &[
        (
            "past form after an article is no verb",
            "Retailers are bracing for a slew of returns after the holidays.",
        ),
        ("active kill with no one named", "On execution, the code tries to kill the processes."),
        ("modal demand without a speaker", "Players must battle soldiers, zombies and aliens."),
        (
            "game review: armed target, no source",
            "In the game, players wipe out enemy troops and seize waypoints.",
        ),
        (
            "purpose clause is no order",
            "The mill must double its output in order to meet rising demand in Brazil.",
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
            "Kenya Airways is to halt its flights to Lebanon. The carrier said the move was a commercial one. \
             KQ flies three times a week from Nairobi to Beirut and Tripoli. \
             It suspended flights to Lebanon for two months in 2019.",
        ),
        (
            "a power granted to oneself is no act",
            "Hardliners in the Iranian parliament have given themselves a veto over foreign investment deals.",
        ),
        ("a witness is no doer", "More than 9 million people saw the soap villain killed off on Sunday."),
        ("airlines are no state", "Pakistan International Airlines suspended flights to India."),
        (
            "a pronoun after a firm is the firm",
            "Portugal grounded jets. The airline said that it had to scrap 60 flights, leaving Portuguese travellers stuck.",
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

    /// (name, text): close twins of `NOT_HOSTILE` cases where the hostile reading is the
    /// right one, so that an analyzer that codes nothing fails.
    const HOSTILE_TWINS: &[(&str, &str)] = &[
        ("a past form after a subject is the verb", "Bandits slew two Nigerian soldiers near Kaduna."),
        ("a demand that is the main verb", "Brazil demanded higher exports from Argentina."),
        (
            "a pronoun after a state is the state",
            "Kenya is to review its ties with Lebanon. The government said the decision was a political one. \
             It suspended flights to Lebanon for two months.",
        ),
        (
            "a pronoun after a government is the government",
            "Portugal grounded jets. The government said that it had to cancel 60 flights, stranding Spanish travellers.",
        ),
    ];

    #[test]
    fn the_hostile_twins_are_hostile() {
        for (name, text) in HOSTILE_TWINS {
            let a = run(text);
            assert!(
                a.events.iter().any(|e| e.modality.is_factual() && e.goldstein <= -5.0),
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
        let a =
            run("China has delivered an ultimatum to Taiwanese troops to withdraw or face a military storm.");
        assert!(has(&a, "CHN", "TWN", "13", Modality::Asserted), "{:?}", a.events);
    }

    #[test]
    fn a_countrys_people_protesting_is_political() {
        let a = run("Thousands of Mexican workers went on strike for better wages.");
        assert!(
            a.events.iter().any(|e| e.modality.is_factual() && e.source_country == "MEX" && e.root() == 14),
            "{:#?}",
            a.events
        );
        let a = run("The workers went on strike for better wages.");
        assert!(a.events.is_empty(), "{:#?}", a.events);
    }

    #[test]
    fn a_targeted_event_replaces_its_untargeted_restatement() {
        for text in [
            "Egyptian police opened fire on Monday, killing one person.",
            "Recent Israeli raids, occurring about once a week, have killed five Hamas commanders.",
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
}

/// Accidents and disasters with a toll: one sentence of our own per kind of mishap the
/// lexicon's `mishap` cues name. None is violence, whoever owned the vehicle.
#[test]
fn accidents_and_disasters_are_not_violence() {
    let cases: &[(&str, &str)] = &[
        (
            "bus into a ravine",
            "A bus plunged into a ravine in northern India on Sunday, killing 25 passengers.",
        ),
        ("derailment", "Eleven people died when a passenger train derailed near Lahore in Pakistan."),
        ("stampede", "A stampede at a shrine in Nepal killed 30 pilgrims on Friday."),
        (
            "factory fire",
            "A fire at a garment factory near Dhaka killed 40 workers, Bangladeshi officials said.",
        ),
        ("earthquake", "The earthquake in eastern Turkey killed more than 300 people."),
        (
            "army helicopter",
            "An army helicopter crashed in northern Syria, killing all 12 soldiers on board.",
        ),
        (
            "military aircraft",
            "A Nigerian military aircraft crashed near Kaduna, killing seven crew members.",
        ),
        (
            "road collision",
            "A collision between a truck and a minibus killed 24 people on a highway in Kenya.",
        ),
        ("flood", "Floods in Sudan have killed 60 people and destroyed thousands of homes."),
        ("building collapse", "A building collapsed in Lagos, killing 18 residents."),
        ("capsized ferry", "A ferry capsized off the coast of Senegal, and 40 migrants drowned."),
        ("gas explosion", "A gas explosion at a restaurant in Moscow killed six people."),
        ("landslide", "A landslide buried a village in Colombia, killing 20 people."),
        ("blaze", "A blaze swept through a hospital ward in Baghdad, killing 82 patients."),
        (
            "toll in the next sentence",
            "An army helicopter crashed in northern Syria on Tuesday. All 12 soldiers on board were killed.",
        ),
    ];
    for (name, text) in cases {
        let a = run(text);
        let violent: Vec<_> =
            a.events.iter().filter(|e| matches!(&e.cameo[..2], "18" | "19" | "20")).collect();
        assert!(violent.is_empty(), "{name}: {violent:?}");
    }
}

/// An attack named beside the mishap keeps its toll as violence.
#[test]
fn an_attack_beside_a_mishap_stays_violent() {
    let cases: &[(&str, &str)] = &[
        (
            "shot down",
            "Militants shot down an army helicopter in northern Syria, killing all 12 soldiers on board.",
        ),
        ("ambushed bus", "Gunmen ambushed a bus, which overturned, killing 24 passengers in Kenya."),
        ("opened fire", "Gunmen opened fire on a bus in Kenya, killing 24 passengers."),
        ("stormed", "Troops stormed a village in Zamfara, killing 12 people."),
    ];
    for (name, text) in cases {
        let a = run(text);
        assert!(
            a.events.iter().any(|e| e.cameo.starts_with("19") || e.cameo.starts_with("18")),
            "{name}: {:?}",
            a.events
        );
    }
}
