//! Tests of the modality pass: modality: frames, negation, purposes, claims.

use super::*;

#[test]
fn denial_is_not_an_admission() {
    let a = run("Pakistan denied any involvement in the attack.");
    assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() >= 18), "{:?}", a.events);
}

mod regression {
    use super::*;

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
            "Canada would defend Latvia if it were attacked.",
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
            "Ghana's finance minister said that her ministry would insist on better terms from China.",
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
    fn a_frame_is_made_by_its_subject_or_its_speaker_else_nobody() {
        let a = run("The corrupt officials will be prosecuted.");
        assert!(!a.events.iter().any(|e| e.root() == 13), "{:#?}", a.events);
        let a = run("Cuba has reiterated its demand that the US lift the embargo.");
        assert!(has(&a, "CUB", "USA", "10", Modality::Reported), "{:#?}", a.events);
    }

    /// (name, text, CAMEO root that must not be counted).
    const NOT_MADE_BY_THE_SUBJECT: &[(&str, &str, u8)] = &[
        ("a request named by a noun", "Sudan turned down a British request to question the suspects.", 2),
        ("an ultimatum named by a noun", "Serbia rejected an Australian ultimatum.", 13),
        ("an intent under a refusal", "Turkey refused to commit to any assistance to the United States.", 3),
        (
            "an intent under a demand",
            "Jordan said France must be willing to mediate between Armenia and Azerbaijan.",
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
        // Twins: the subject's own request and intent are counted.
        for (text, root) in [
            ("Britain urged Sudan to question the suspects.", 2),
            ("France said it is ready to mediate between Armenia and Azerbaijan.", 3),
        ] {
            let a = run(text);
            assert!(
                a.events.iter().any(|e| e.modality.is_factual() && e.root() == root),
                "{text}\n{:#?}",
                a.events
            );
        }
        let a = run("The rebels insisted on their demand that Burundi's government grant more rights.");
        assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 10), "{:#?}", a.events);
        let a = run("The United States banned all aid to Albanian rebels.");
        assert!(has(&a, "USA", "ALB", "162", Modality::Asserted), "{:#?}", a.events);
    }

    #[test]
    fn a_reported_must_is_the_speakers_demand_of_its_subject() {
        let a = run("Human Rights Watch said that the Sudanese authorities must ensure security.");
        assert!(
            a.events.iter().any(|e| e.source == "NGOHRI" && e.target == "SDNGOV" && e.root() == 10),
            "{:#?}",
            a.events
        );
        let a = run("The African Union said foreign interference in Sudan must be stopped.");
        assert!(!a.events.iter().any(|e| e.root() == 10), "{:#?}", a.events);
    }

    #[test]
    fn a_claim_of_ones_own_attack_is_a_statement() {
        for text in [
            "Hezbollah claimed that it had attacked an Israeli base near Haifa.",
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
        let a = run("Canada has offered to send soldiers to assist the Malian army.");
        assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() == 13), "{:#?}", a.events);
        assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 3), "{:#?}", a.events);
    }

    #[test]
    fn a_purpose_is_no_plea_and_an_object_of_a_preposition_no_subject() {
        let a = run(
            "Greek and Turkish ministers agreed that their countries should work together to help Syrian migrants to go home.",
        );
        assert!(!a.events.iter().any(|e| e.modality.is_factual() && e.root() == 2), "{:#?}", a.events);
        // Twin: a plea made outright.
        let a = run("Greece urged Turkey to take back Syrian migrants.");
        assert!(a.events.iter().any(|e| e.modality.is_factual() && e.root() == 2), "{:#?}", a.events);
        let a = run(
            "Britain cut off all funding to Kurdish militants in Syria and refused visas to their leaders.",
        );
        assert!(!a.events.iter().any(|e| e.source_country == "SYR"), "{:#?}", a.events);
        // The subject's own acts are still coded.
        assert!(has(&a, "GBR", "SYR", "16", Modality::Asserted), "{:#?}", a.events);
    }

    #[test]
    fn a_cancelled_plan_is_no_promise() {
        let a = run("The US cancelled plans to sell weapons to Taiwan.");
        assert!(!a.events.iter().any(|e| e.modality.is_factual()), "{:#?}", a.events);
    }
}

#[test]
fn demands_and_appeals_take_the_kind_of_what_they_ask_for() {
    for (text, source, target, code) in [
        ("Lebanon demanded humanitarian aid from the European Union.", "LBN", "IGOEUR", "1033"),
        ("Ukraine demanded more military aid from the United States.", "UKR", "USA", "1032"),
        ("Iraq demanded that Turkey share intelligence on the militants.", "IRQ", "TUR", "1014"),
        ("The opposition urged the government to lift the curfew.", "OPP", "GOV", "0251"),
    ] {
        let a = run(text);
        assert!(
            a.events.iter().any(|e| e.source == source && e.target == target && e.cameo == code),
            "{text}: {:?}",
            a.events.iter().map(|e| (&e.source, &e.target, &e.cameo)).collect::<Vec<_>>()
        );
    }
}
