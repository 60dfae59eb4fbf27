//! Escalation over time: the seed article's alert, a timeline modelled on the April–May
//! 2025 India–Pakistan crisis, story dedup, out-of-order arrival, snapshots and bad input.

mod support;

use flashpoint::escalation::Rejected;
use flashpoint::escalation::rules::Rules;
use flashpoint::model::{AlertEventType, AlertKind};
use support::{Article, CRISIS, digest, engine, feed, replay, secs};

const SEED: &str = include_str!("../seeds/000_dde2283d958822b8.txt");

fn ind_pak(events: &[flashpoint::model::AlertEvent]) -> Vec<&flashpoint::model::AlertEvent> {
    events
        .iter()
        .filter(|e| e.alert.kind == AlertKind::Escalation && e.alert.dyad == ["IND", "PAK"])
        .collect()
}

#[test]
fn the_seed_alone_fires_one_reciprocal_india_pakistan_alert() {
    let events = replay(Rules::default(), &[("seed", "2025-04-27T09:00:00Z", SEED)]);
    assert_eq!(events.len(), 1, "{:#?}", digest(&events));
    let e = &events[0];
    assert_eq!(e.kind, AlertEventType::Fired);
    let a = &e.alert;
    assert_eq!(a.dyad, ["IND", "PAK"]);
    assert!(a.rung >= 3);
    assert!(a.reciprocal);
    assert_eq!(a.casualties.killed, 26);
    let quoted: Vec<&str> = a.evidence.iter().map(|x| x.text.as_str()).collect();
    assert!(quoted.iter().any(|t| t.contains("Indus Waters Treaty")), "{quoted:?}");
    assert!(quoted.iter().any(|t| t.contains("reciprocal measures")), "{quoted:?}");
    for ev in &a.evidence {
        assert_eq!(SEED.get(ev.span.start as usize..ev.span.end as usize), Some(ev.text.as_str()));
        assert!(ev.sentence.contains(&ev.text));
    }
    assert!(events.iter().all(|e| e.alert.dyad != ["CHN", "PAK"]));
}

#[test]
fn the_crisis_fires_steps_up_and_resolves_in_order() {
    let events = replay(Rules::default(), CRISIS);
    let esc = ind_pak(&events);
    let kinds: Vec<AlertEventType> = esc.iter().map(|e| e.kind).collect();
    assert_eq!(kinds.first(), Some(&AlertEventType::Fired), "{:#?}", digest(&events));
    assert_eq!(kinds.last(), Some(&AlertEventType::Resolved));
    assert!(kinds[1..kinds.len() - 1].iter().all(|k| *k == AlertEventType::Updated), "{kinds:?}");
    // India's measures alone are one story; the alert fires when Pakistan answers them,
    // at the time of the answer, marked reciprocal.
    assert_eq!(esc[0].alert.event_time, "2025-04-24T14:00:00Z");
    assert_eq!(esc[0].alert.rung, 3);
    assert!(esc[0].alert.reciprocal);
    // Stepped up by the strikes.
    let strikes = esc.iter().find(|e| e.alert.event_time == "2025-05-07T01:30:00Z").expect("step-up");
    assert_eq!(strikes.kind, AlertEventType::Updated);
    assert!(strikes.alert.rung >= 5);
    // Times never go backwards.
    assert!(esc.windows(2).all(|w| w[0].alert.event_time <= w[1].alert.event_time));
    // Resolved a hold time after the ceasefire.
    let hold = Rules::default().alerts.resolve_hold_hours * 3600;
    let resolved = esc.last().expect("resolved");
    assert_eq!(secs(&resolved.alert.event_time), secs("2025-05-10T15:00:00Z") + hold);
    // The attack itself is a mass-casualty alert.
    assert!(
        events.iter().any(|e| e.alert.kind == AlertKind::MassCasualty && e.alert.casualties.killed == 26)
    );
}

#[test]
fn ten_outlets_count_once() {
    let mut copies: Vec<(String, String, String)> = Vec::new();
    for (id, t, text) in CRISIS {
        copies.push(((*id).to_owned(), (*t).to_owned(), (*text).to_owned()));
        if *id == "s2" || *id == "s5" {
            for k in 0..9 {
                // Light edits, as outlets make them.
                let edited = text
                    .replace("India", "New Delhi")
                    .replace(" early on Wednesday", "")
                    .replace("a day after", "one day after");
                let body = if k % 2 == 0 { edited } else { format!("{text} (Reuters)") };
                copies.push((format!("{id}-copy{k}"), (*t).to_owned(), body));
            }
        }
    }
    let articles: Vec<Article<'_>> =
        copies.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    let one = replay(Rules::default(), CRISIS);
    let ten = replay(Rules::default(), &articles);
    assert_eq!(digest(&one), digest(&ten));
    // The copies of India's measures join the evidence of the alert they fire with.
    let first = |events: &[flashpoint::model::AlertEvent]| {
        events.iter().find(|e| e.alert.kind == AlertKind::Escalation).expect("alert").alert.sources
    };
    assert_eq!(first(&ten), first(&one) + 9);
}

#[test]
fn arrival_order_within_the_lateness_bound_does_not_matter() {
    let mut rules = Rules::default();
    rules.engine.lateness_minutes = 60 * 24 * 40;
    let in_order = replay(rules.clone(), CRISIS);
    let mut shuffled = CRISIS.to_vec();
    shuffled.reverse();
    shuffled.swap(0, 3);
    assert_eq!(digest(&in_order), digest(&replay(rules.clone(), &shuffled)));
    // With the default bound, articles within the hour may come in any order.
    let close: Vec<Article<'_>> = vec![
        ("c1", "2025-04-23T16:00:00Z", CRISIS[1].2),
        ("c2", "2025-04-23T16:20:00Z", CRISIS[2].2),
        ("c3", "2025-04-23T16:40:00Z", "India recalled its high commissioner from Islamabad."),
    ];
    let mut reversed = close.clone();
    reversed.reverse();
    assert_eq!(digest(&replay(Rules::default(), &close)), digest(&replay(Rules::default(), &reversed)));
}

#[test]
fn snapshot_restore_continue_equals_an_uninterrupted_run() {
    let whole = replay(Rules::default(), CRISIS);
    let mut first = engine(Rules::default());
    let mut got: Vec<_> = CRISIS[..4].iter().flat_map(|a| feed(&mut first, *a)).collect();
    let bytes = first.snapshot().expect("snapshot");
    let mut second = flashpoint::escalation::Engine::restore(
        &bytes,
        flashpoint::escalation::names_from(support::analyzer().lexicon()),
    )
    .expect("restore");
    assert_eq!(second, first, "restored state equals the original");
    got.extend(CRISIS[4..].iter().flat_map(|a| feed(&mut second, *a)));
    got.extend(second.flush());
    assert_eq!(digest(&got), digest(&whole));
}

#[test]
fn bad_times_are_rejected_and_repeats_count_once() {
    let mut e = engine(Rules::default());
    let now = secs("2025-04-23T16:00:00Z");
    let future = support::facts("x", now + 30 * 24 * 3600, CRISIS[1].2);
    assert!(matches!(e.observe(future, now), Err(Rejected::Future { .. })));
    let past = support::facts("x", now - 20 * 365 * 24 * 3600, CRISIS[1].2);
    let err = e.observe(past, now).expect_err("too old");
    assert!(err.to_string().contains("more than 3650 days before"), "{err}");
    // The same article a thousand times is one story: no alert from it alone...
    let mut all = Vec::new();
    for _ in 0..1000 {
        all.extend(feed(&mut e, ("dup", "2025-04-23T16:00:00Z", CRISIS[1].2)));
    }
    assert!(all.is_empty(), "{:#?}", digest(&all));
    // ...and one alert once Pakistan answers.
    all.extend(feed(&mut e, CRISIS[2]));
    all.extend(e.flush());
    assert_eq!(all.iter().filter(|x| x.kind == AlertEventType::Fired).count(), 1);
    assert_eq!(all[0].alert.sources, 2);
}

#[test]
fn dyads_stay_bounded() {
    let mut rules = Rules::default();
    rules.engine.max_dyads = 1000;
    rules.engine.max_stories = 1000;
    let mut e = engine(rules);
    let lex = support::analyzer().lexicon();
    let codes: Vec<&str> = lex.countries.iter().map(|c| c.code.as_str()).collect();
    let mut n = 0;
    'outer: for a in &codes {
        for b in &codes {
            if a >= b {
                continue;
            }
            let text = format!("{} accused {} of aggression.", lex.country_name(a), lex.country_name(b));
            let id = format!("d{n}");
            let t = secs("2025-01-01T00:00:00Z") + n;
            e.observe(support::facts(&id, t, &text), t).expect("in bounds");
            n += 1;
            if n >= 5000 {
                break 'outer;
            }
        }
    }
    e.flush();
    assert!(e.dyad_count() <= 1000, "{} dyads", e.dyad_count());
    assert!(e.dyad_count() > 500);
    // Every other kind of state is bounded by its own rule, not by the stream's length.
    let held = e.held();
    assert!(held.stories <= 1000, "{held:?}");
    assert!(held.seen <= 1001, "{held:?}");
    assert!(held.story_dyads <= 2 * 1000 + 1024, "{held:?}");
    assert!(held.records <= 256 * held.dyads, "{held:?}");
}

/// Bugs fixed in the engine's reading of tolls and compound subjects, each once an alert.
mod regression {
    use super::*;

    fn mass_casualty(events: &[flashpoint::model::AlertEvent]) -> Vec<u32> {
        events
            .iter()
            .filter(|e| e.alert.kind == AlertKind::MassCasualty && e.kind != AlertEventType::Resolved)
            .map(|e| e.alert.casualties.killed)
            .collect()
    }

    #[test]
    fn a_toll_counts_with_the_violence_it_is_stated_with() {
        let cases: &[(&str, &str, &[u32])] = &[
            (
                "an age is no toll",
                "One man, identified as Ramesh Gogoi (42) was reportedly killed by unknown attackers with a knife in his shop.",
                &[],
            ),
            (
                "a toll of another incident in the same sentence",
                "A grenade has exploded in northern Nigeria, killing one person and wounding about 15, in what may be the first response to the deaths of 60 protesters last week.",
                &[],
            ),
            (
                "a date is no toll",
                "Militants shot dead a village headman on September 21 in Pulwama District.",
                &[],
            ),
            (
                "the toll of the attack",
                "Militants killed 26 tourists in an attack near Pahalgam on Tuesday.",
                &[26],
            ),
        ];
        for (name, text, expected) in cases {
            let events = replay(Rules::default(), &[("a", "2025-04-22T12:00:00Z", text)]);
            assert_eq!(mass_casualty(&events), *expected, "{name}: {:#?}", digest(&events));
        }
    }

    #[test]
    fn other_news_on_the_dyad_does_not_update_a_mass_casualty_alert() {
        let events = replay(
            Rules::default(),
            &[
                ("a", "2025-04-22T12:00:00Z", CRISIS[0].2),
                // Mass violence on the same dyad, with no toll: a higher rung, not an incident.
                ("b", "2025-04-22T18:00:00Z", "Militants massacred villagers near Pahalgam on Wednesday."),
            ],
        );
        let kinds: Vec<AlertEventType> =
            events.iter().filter(|e| e.alert.kind == AlertKind::MassCasualty).map(|e| e.kind).collect();
        assert_eq!(kinds.first(), Some(&AlertEventType::Fired), "{:#?}", digest(&events));
        assert!(!kinds.contains(&AlertEventType::Updated), "{:#?}", digest(&events));
    }

    #[test]
    fn co_actors_are_not_each_others_targets() {
        // Two stories of a compound subject acting together: no alert between its members.
        let text = "Somali police and African Union troops moved into a district that has become a hotbed of unrest, using bulldozers to clear a wall of burned-out cars that had blocked the roads of the capital.";
        let other = "Somali police and African Union peacekeepers stormed a district of Mogadishu on Friday and tore down roadblocks that gangs had put up across the main street.";
        let events = replay(
            Rules::default(),
            &[("a", "2025-01-10T10:00:00Z", text), ("b", "2025-01-11T10:00:00Z", other)],
        );
        assert!(events.iter().all(|e| e.alert.kind != AlertKind::Escalation), "{:#?}", digest(&events));
        // Twin: a compound subject that fights itself is two sides, and its members' dyad alerts.
        let text = "Somali police and Kenyan troops clashed near Mandera on Thursday, using mortars against each other.";
        let other = "Somali police and Kenyan troops clashed again near Mandera on Friday, firing mortars at each other.";
        let events = replay(
            Rules::default(),
            &[("a", "2025-01-10T10:00:00Z", text), ("b", "2025-01-11T10:00:00Z", other)],
        );
        assert!(
            events.iter().any(|e| e.alert.kind == AlertKind::Escalation && e.alert.dyad == ["KEN", "SOM"]),
            "{:#?}",
            digest(&events)
        );
    }
}

/// Accidents and disasters with a toll are tragedies, not escalation: a week of them in one
/// country raises no alert, while a bombing with the same toll still raises a mass-casualty
/// alert. Sentences of our own.
#[test]
fn accident_tolls_raise_no_alert_but_a_bombing_with_the_same_toll_does() {
    let accidents: &[Article<'_>] = &[
        (
            "bus",
            "2026-03-02T08:00:00Z",
            "A bus plunged into a gorge in the hills of northern India on Monday, killing 25 passengers.",
        ),
        (
            "helicopter",
            "2026-03-03T09:00:00Z",
            "An army helicopter crashed in the mountains of India, killing all 25 soldiers on board.",
        ),
        (
            "fire",
            "2026-03-04T10:00:00Z",
            "A fire at a chemical plant near Mumbai killed 25 workers, Indian officials said.",
        ),
        (
            "collision",
            "2026-03-05T11:00:00Z",
            "A truck collided with a tractor on a highway in India, killing 25 farm workers.",
        ),
        (
            "train",
            "2026-03-05T18:00:00Z",
            "Twenty-five people died when a passenger train derailed in eastern India.",
        ),
    ];
    let events = replay(Rules::default(), accidents);
    assert!(events.is_empty(), "{:#?}", digest(&events));

    let bombing = (
        "bomb",
        "2026-03-06T12:00:00Z",
        "Militants detonated a car bomb at a market in Srinagar in India, killing 25 people.",
    );
    let mut all = accidents.to_vec();
    all.push(bombing);
    let events = replay(Rules::default(), &all);
    let mass: Vec<_> = events
        .iter()
        .filter(|e| e.alert.kind == AlertKind::MassCasualty && e.kind == AlertEventType::Fired)
        .collect();
    assert_eq!(mass.len(), 1, "{:#?}", digest(&events));
    assert_eq!(mass[0].alert.casualties.killed, 25);
    assert_eq!(mass[0].alert.event_time, "2026-03-06T12:00:00Z");
}
