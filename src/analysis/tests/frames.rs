//! Tests of the frames pass: event nouns kept and frames.

use super::*;

mod regression {
    use super::*;

    #[test]
    fn an_event_noun_that_is_another_events_object_is_not_its_own_event() {
        let a = run("Ethiopia rejected accusations by the United States that its army committed abuses.");
        assert!(a.events.iter().any(|e| e.cameo == "016"), "{:?}", a.events);
        assert!(!a.events.iter().any(|e| e.cameo.starts_with("11")), "{:?}", a.events);
    }

    #[test]
    fn a_light_verb_reaches_its_noun_across_hyphens_and_further() {
        let cases = [
            ("hyphenated modifier", "Saudi forces launched a drone-swarm attack on Houthi positions."),
            ("further", "Turkish jets have launched further bombing raids on PKK positions."),
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
    fn a_frame_reaches_its_noun_across_adjectives() {
        let a = run("Pakistan warned of a massive military offensive by India.");
        assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() == 19), "{:#?}", a.events);
        assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 13), "{:#?}", a.events);
    }

    #[test]
    fn a_noun_another_verb_governs_is_no_event_of_the_frame() {
        // Twins: the same nouns made by a subject are events.
        for text in
            ["Rebels mounted a frontal attack on the port.", "Gangs carried out knife attacks in Dublin."]
        {
            let a = run(text);
            assert!(
                a.events.iter().any(|e| e.modality.is_factual() && e.goldstein <= -5.0),
                "{text}\n{:#?}",
                a.events
            );
        }
        for text in [
            "It would be easy to mount a frontal attack on the port.",
            "The Irish government aims to halve the number of knife attacks.",
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
    fn background_and_instruments_are_no_events() {
        // (name, text, its twin, CAMEO prefix of no factual event in the text but of one
        // in the twin)
        let cases = [
            (
                "instrument of a killing",
                "Two policemen were killed by a roadside explosive device in Helmand.",
                "A roadside bomb killed two policemen in Helmand.",
                "183",
            ),
            (
                "a tally dated this year",
                "Ecuador lifted the curfew in Guayaquil, where 15 people have died in unrest this month.",
                "Ecuador lifted the curfew in Guayaquil, where police killed 15 protesters on Monday.",
                "1",
            ),
            (
                "a past perfect relative clause",
                "The gunmen said they would release the engineer, whom they had kidnapped three days earlier.",
                "The gunmen kidnapped the engineer three days ago.",
                "18",
            ),
        ];
        for (name, text, twin, code) in cases {
            let a = run(text);
            assert!(
                !a.events.iter().any(|e| e.modality.is_factual() && e.cameo.starts_with(code)),
                "{name}: {text}\n{:#?}",
                a.events
            );
            let a = run(twin);
            assert!(
                a.events.iter().any(|e| e.modality.is_factual() && e.cameo.starts_with(code)),
                "{name} (twin): {twin}\n{:#?}",
                a.events
            );
        }
        // A place lends its country to the attacker only when people were hit.
        let a = run("The designer later killed himself in New York.");
        assert!(a.events.iter().all(|e| e.source_country.is_empty()), "{:#?}", a.events);
    }
}
