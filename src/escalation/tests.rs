//! The engine's clock: articles held back by the lateness bound, alerts resolved by a quiet
//! tick, repeats. Whole scenarios are in `tests/escalation.rs`.

use std::sync::{Arc, OnceLock};

use super::*;
use crate::alerts::story::signature;
use crate::analysis::Analyzer;
use crate::lexicon::Lexicon;
use crate::model::{AlertEventType, Article, Casualties, CasualtyMention, Evidence, Modality};

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon"))))
}

/// 2025-04-22T00:00:00Z.
const T0: i64 = 1_745_280_000;

/// Two states closing their borders to each other: a reciprocal alert on its own.
const TIT_FOR_TAT: &str =
    "India closed its border with Pakistan on Monday. Pakistan closed its border with India in response.";

fn facts(id: &str, time: i64, text: &str) -> ArticleFacts {
    let article = Article { id: id.into(), body: text.into(), published: Some(time), ..Article::default() };
    crate::reading::read(analyzer(), &article).facts().expect("a published article has facts")
}

fn engine() -> Engine {
    Engine::new(Rules::default(), names_from(analyzer().lexicon()))
}

fn kinds(events: &[AlertEvent]) -> Vec<AlertEventType> {
    events.iter().map(|e| e.kind).collect()
}

#[test]
fn an_article_waits_out_the_lateness_bound_then_fires() {
    let mut e = engine();
    let lateness = e.rules().engine.lateness_minutes * 60;
    assert!(lateness > 0, "the default rules hold articles back");
    let out = e.observe(facts("a", T0, TIT_FOR_TAT), T0).expect("in bounds");
    assert!(out.is_empty(), "applied before the bound passed: {out:?}");
    assert_eq!(e.pending(), 1);
    assert!(e.advance(T0 + lateness - 1).is_empty());
    let out = e.advance(T0 + lateness);
    assert_eq!(kinds(&out), [AlertEventType::Fired], "{out:?}");
    assert_eq!(out[0].alert.dyad, ["IND".to_owned(), "PAK".to_owned()]);
    assert_eq!(out[0].alert.event_time, stamp(T0), "an alert carries its article's time");
    assert_eq!(e.pending(), 0);
}

#[test]
fn a_quiet_clock_resolves_an_alert_after_its_hold() {
    let mut e = engine();
    e.observe(facts("a", T0, TIT_FOR_TAT), T0).expect("in bounds");
    let fired = e.flush();
    assert_eq!(kinds(&fired), [AlertEventType::Fired]);
    // Nothing resolves while the measures are recent.
    assert!(e.advance(T0 + DAY).is_empty());
    let r = &e.rules().alerts;
    let quiet = (r.rung_window_hours + r.resolve_hold_hours) * HOUR + e.rules().engine.lateness_minutes * 60;
    let out = e.advance(T0 + quiet + DAY);
    assert_eq!(kinds(&out), [AlertEventType::Resolved], "{out:?}");
    assert_eq!(out[0].alert.fingerprint, fired[0].alert.fingerprint, "the same alert resolves");
    assert_eq!(e.active_alerts().count(), 0);
    // Resolution is not repeated by later ticks.
    assert!(e.advance(T0 + quiet + 10 * DAY).is_empty());
}

#[test]
fn a_repeated_id_is_known_and_changes_nothing() {
    let mut e = engine();
    e.observe(facts("a", T0, TIT_FOR_TAT), T0).expect("in bounds");
    assert!(e.knows("a"), "pending articles are known");
    let first = e.flush();
    assert!(e.knows("a"), "applied articles are known");
    let again = e.observe(facts("a", T0 + HOUR, TIT_FOR_TAT), T0 + HOUR).expect("in bounds");
    assert!(again.is_empty() && e.flush().is_empty(), "a repeat raised events");
    assert_eq!(first.len(), 1);
}

#[test]
fn the_time_bounds_reject_with_the_bound_named() {
    let mut e = engine();
    let future = e.rules().engine.max_future_hours * HOUR + 1;
    let err = e.observe(facts("f", T0 + future, TIT_FOR_TAT), T0).expect_err("beyond the future bound");
    assert!(err.to_string().contains(&e.rules().engine.max_future_hours.to_string()), "{err}");
    let past = e.rules().engine.max_past_days * DAY + 1;
    let err = e.observe(facts("p", T0 - past, TIT_FOR_TAT), T0).expect_err("beyond the past bound");
    assert!(err.to_string().contains(&e.rules().engine.max_past_days.to_string()), "{err}");
    assert!(!e.knows("f") && !e.knows("p"), "a rejected article is not remembered");
}

/// A deterministic stream over many dyads: tit-for-tat measures, attacks with tolls,
/// talks and ceasefires, quiet gaps of days, and now and then an article later than the
/// lateness bound (time steps back).
fn stream(n: usize) -> Vec<(String, i64, String)> {
    let countries: Vec<String> =
        analyzer().lexicon().countries.iter().take(12).map(|c| c.name.clone()).collect();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut t = T0;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = next();
        t += match r % 10 {
            0 => 5 * DAY,
            1 | 2 => DAY,
            _ => i64::try_from(r % 7200).unwrap_or(0),
        };
        let a = &countries[usize::try_from(next() % 12).unwrap_or(0)];
        let mut b = &countries[usize::try_from(next() % 12).unwrap_or(0)];
        if a == b {
            b = &countries[(usize::try_from(next() % 11).unwrap_or(0) + 1) % 12];
        }
        let text = match next() % 5 {
            0 => format!("{a} closed its border with {b}. {b} closed its border with {a} in response."),
            1 => format!("{a} expelled the ambassador of {b}."),
            2 => format!("Troops of {a} attacked soldiers of {b}, killing 14 soldiers."),
            3 => format!("{a} and {b} agreed to a ceasefire and held talks."),
            _ => format!("{a} accused {b} of shelling border villages."),
        };
        // One in fifteen arrives a day late, past the lateness bound.
        let time = if next() % 15 == 0 { t - DAY } else { t };
        out.push((format!("s{i}"), time, text));
    }
    out
}

#[test]
fn the_end_index_gives_what_checking_every_alert_gives() {
    let run = |full_scan: bool| {
        let mut e = engine();
        e.ends.0.full_scan = full_scan;
        let mut events = Vec::new();
        let mut clock = T0;
        for (id, time, text) in stream(600) {
            clock = clock.max(time);
            events.extend(e.observe(facts(&id, time, &text), clock).expect("in bounds"));
        }
        events.extend(e.advance(clock + 30 * DAY));
        events
    };
    let indexed = run(false);
    let scanned = run(true);
    let resolved = scanned.iter().filter(|e| e.kind == AlertEventType::Resolved).count();
    assert!(
        resolved >= 10 && scanned.len() >= 50,
        "the stream must exercise the lifecycle: {resolved} resolved"
    );
    assert_eq!(indexed, scanned);
}

#[test]
fn a_restored_engine_rebuilds_its_end_index() {
    let articles = stream(300);
    let (head, tail) = articles.split_at(150);
    let feed = |e: &mut Engine, part: &[(String, i64, String)]| {
        part.iter()
            .flat_map(|(id, time, text)| e.observe(facts(id, *time, text), *time + DAY).expect("in bounds"))
            .collect::<Vec<_>>()
    };
    let mut whole = engine();
    let mut expected = feed(&mut whole, &articles);
    expected.extend(whole.advance(T0 + 400 * DAY));
    let mut first = engine();
    let mut got = feed(&mut first, head);
    let mut restored =
        Engine::restore(&first.snapshot().expect("snapshot"), names_from(analyzer().lexicon()))
            .expect("restore");
    got.extend(feed(&mut restored, tail));
    got.extend(restored.advance(T0 + 400 * DAY));
    assert_eq!(got, expected);
}

/// A small world built from hand-made facts (not through the analyzer, so it stays fixed
/// while the analyzer changes): a reciprocal measure, a copy of its story, an attack that
/// killed 14, a ceasefire on another dyad, and articles still waiting out the lateness.
fn hand_made_world() -> Vec<ArticleFacts> {
    use crate::model::Span;
    let fact = |id: &str, t: i64, src: &str, tgt: &str, cameo: &str, g: f64| Fact {
        source_party: src.to_owned(),
        source_armed: true,
        target_party: tgt.to_owned(),
        cameo: cameo.to_owned(),
        goldstein: g,
        modality: Modality::Asserted,
        sentence: 0,
        evidence: Evidence {
            article_id: id.to_owned(),
            sentence: format!("{src} acted on {tgt}."),
            span: Span { start: 0, end: 3 },
            text: src.to_owned(),
            cameo: cameo.to_owned(),
            source: src.to_owned(),
            target: tgt.to_owned(),
            modality: Modality::Asserted,
            time: stamp(t),
            received_time: false,
        },
    };
    let article = |id: &str, t: i64, text: &str, killed: u32, facts: Vec<Fact>| ArticleFacts {
        id: id.to_owned(),
        time: t,
        received_time: false,
        signature: signature(text),
        casualties: Casualties { killed, injured: 0 },
        casualty_mentions: if killed > 0 {
            vec![CasualtyMention { sentence: 0, at: 5, count: killed, injured: false }]
        } else {
            Vec::new()
        },
        facts,
    };
    let measures = "India closed its border with Pakistan; Pakistan closed its border with India in turn.";
    vec![
        article(
            "m1",
            T0,
            measures,
            0,
            vec![fact("m1", T0, "IND", "PAK", "172", -5.0), fact("m1", T0, "PAK", "IND", "172", -5.0)],
        ),
        article("m2", T0 + HOUR, measures, 0, vec![fact("m2", T0 + HOUR, "IND", "PAK", "172", -5.0)]),
        article(
            "k1",
            T0 + 2 * HOUR,
            "Indian troops attacked a Pakistani post, killing 14 soldiers on the line of control.",
            14,
            vec![fact("k1", T0 + 2 * HOUR, "IND", "PAK", "190", -10.0)],
        ),
        article(
            "c1",
            T0 + 3 * HOUR,
            "Israel struck Gaza before both sides agreed to a ceasefire brokered in Cairo on Friday.",
            0,
            vec![
                fact("c1", T0 + 3 * HOUR, "ISR", "PSE", "195", -10.0),
                fact("c1", T0 + 3 * HOUR, "ISR", "PSE", "0871", 9.0),
            ],
        ),
        article(
            "w1",
            T0 + 3 * HOUR + 1800,
            "Pakistan expelled the Indian envoy from Islamabad over the attack on its border post.",
            0,
            vec![fact("w1", T0 + 3 * HOUR + 1800, "PAK", "IND", "1711", -7.0)],
        ),
    ]
}

fn hand_made_engine() -> (Engine, Vec<AlertEvent>) {
    let mut e = Engine::new(Rules::default(), Names::codes_only(analyzer().lexicon()));
    let mut out = Vec::new();
    for a in hand_made_world() {
        let t = a.time;
        out.extend(e.observe(a, t).expect("in bounds"));
    }
    (e, out)
}

/// `hand_made_engine()` snapshotted by the build of commit 08cc5e5, before the dyad key
/// and the incident became types of their own.
const SNAPSHOT_08CC5E5: &[u8] = include_bytes!("fixtures/snapshot-08cc5e5.msgpack");

#[test]
fn a_snapshot_of_an_older_build_restores() {
    let (mut fed, events) = hand_made_engine();
    assert!(!events.is_empty(), "the world fires alerts");
    let mut restored =
        Engine::restore(SNAPSHOT_08CC5E5, Names::codes_only(analyzer().lexicon())).expect("restore");
    assert_eq!(restored, fed, "the restored state is the state this build reaches");
    // The format is unchanged too (dyad keys as "A|B" strings, incidents as tuples), so an
    // older build reads this build's snapshots.
    assert!(fed.snapshot().expect("snapshot") == SNAPSHOT_08CC5E5, "the snapshot bytes changed");
    assert_eq!(restored.held(), fed.held());
    assert_eq!(restored.pending(), 2, "the last hour's articles still wait");
    assert!(restored.dyad("PAK", "IND").is_some());
    assert_eq!(restored.flush(), fed.flush(), "and goes on the same way");
    assert_eq!(restored.advance(T0 + 40 * DAY), fed.advance(T0 + 40 * DAY));
}

#[test]
fn parties_are_named_for_people_not_codes() {
    let names = names_from(analyzer().lexicon());
    for (code, name) in [
        ("IND", "India"),
        ("NGAMIL", "Nigerian military"),
        ("IRQCOP", "Iraqi police"),
        ("PAKREB", "Pakistani rebels"),
        ("INDCVL", "Indian civilians"),
        ("REB", "rebels"),
        // A code it cannot spell out stays as it is rather than being half-named.
        ("QQQ", "QQQ"),
        ("INDQQQ", "INDQQQ"),
    ] {
        assert_eq!(names.of(code), name, "{code}");
    }
}
