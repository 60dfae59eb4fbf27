//! Tests of the actors pass: actor phrases, pronouns, acronyms.

use super::*;

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

mod regression {
    use super::*;

    #[test]
    fn a_bare_comma_does_not_make_a_compound() {
        let a = run("In addition to engaging China, Pakistan has reached out to Iran.");
        assert!(!a.events.iter().any(|e| e.source_country == "CHN"), "{:?}", a.events);
    }

    #[test]
    fn a_counted_group_that_does_not_speak_is_no_antecedent() {
        let a = run("Three Palestinian bombers killed 15 people when they blew themselves up in Haifa.");
        assert!(a.events.iter().all(|e| e.source_country == "PSE"), "{:?}", a.events);
    }
}

#[test]
fn the_countries_and_the_neighbours_are_the_articles_two_parties() {
    let two = run("Thailand and Cambodia disputed the temple grounds for years.\n\n\
         On Thursday the countries traded fire along the border, and the neighbours later \
         recalled their ambassadors.");
    assert!(two.dyads.iter().any(|d| d.a == "KHM" && d.b == "THA" && d.rung >= 5), "{:?}", two.dyads);
    assert!(two.events.iter().any(|e| e.source == "THA" && e.cameo.starts_with("161")));
    // With one country named before, "the countries" stands for no pair.
    let one =
        run("Thailand held elections in May.\n\nOn Thursday the countries traded fire along the border.");
    assert!(one.dyads.is_empty(), "{:?}", one.dyads);
}

#[test]
fn national_and_ethnic_groups_are_people_of_a_country() {
    // A group of one state takes it; an "ethnic" group its kin state; a group spread over
    // several states the country of the place the text names.
    for (text, source) in [
        ("Rohingya refugees staged a sit-in outside the UN office.", "MMRCVL"),
        ("Uyghurs rallied in Istanbul against China.", "CHNCVL"),
        ("Ethnic Serbs in northern Kosovo went on a hunger strike.", "SRBCVL"),
        ("Thousands of Hazaras demonstrated in Quetta on Sunday.", "PAKCVL"),
    ] {
        let a = run(text);
        assert!(
            a.events.iter().any(|e| e.source == source && e.cameo.starts_with("14")),
            "{text}: {:?}",
            a.events.iter().map(|e| (&e.source, &e.target, &e.cameo)).collect::<Vec<_>>()
        );
    }
}
