//! Tests of the speakers pass: speakers of reports.

use super::*;

mod regression {
    use super::*;

    #[test]
    fn posts_are_a_target_not_a_reporting_verb() {
        let a = run("Indian troops shelled Pakistani posts along the border.");
        assert!(has(&a, "IND", "PAK", "19", Modality::Asserted), "{:?}", a.events);
        let a = run("The minister posted on X that India had attacked Pakistan.");
        assert!(has(&a, "IND", "PAK", "19", Modality::Reported), "{:?}", a.events);
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
                a.events.iter().any(|e| e.modality.is_factual() && e.source_country == s && e.cameo == code),
                "{name}: {text}\n{:#?}",
                a.events
            );
        }
    }
}
