//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use flashpoint::analysis::Analyzer;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Analysis;

/// The seed lexicon, compiled once per test binary.
pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon is valid"))))
}

/// Checks the invariants every analysis must hold: spans lie on character boundaries of
/// the text and quote it exactly.
pub fn assert_spans_valid(text: &str, a: &Analysis) {
    for e in &a.events {
        let s = e.span.slice(text);
        assert!(s.is_some(), "event span {:?} is not on char boundaries", e.span);
        assert_eq!(s, Some(e.text.as_str()));
        assert!(e.span.start < e.span.end);
    }
    for m in &a.actors {
        assert!(m.span.slice(text).is_some(), "actor span {:?} is not on char boundaries", m.span);
    }
}

use flashpoint::escalation::rules::Rules;
use flashpoint::escalation::{ArticleFacts, Engine, names_from};
use flashpoint::model::AlertEvent;

/// An article of a scenario: id, publication time (RFC 3339), text.
pub type Article<'a> = (&'a str, &'a str, &'a str);

/// Seconds since the epoch of an RFC 3339 time.
pub fn secs(t: &str) -> i64 {
    t.parse::<jiff::Timestamp>().expect("RFC 3339").as_second()
}

/// A new engine over the seed lexicon.
pub fn engine(rules: Rules) -> Engine {
    Engine::new(rules, names_from(analyzer().lexicon()))
}

/// The engine's facts of an untitled article published at `time` (seconds).
pub fn facts(id: &str, time: i64, body: &str) -> ArticleFacts {
    let article = flashpoint::model::Article {
        id: id.to_owned(),
        body: body.to_owned(),
        published: Some(time),
        ..flashpoint::model::Article::default()
    };
    flashpoint::reading::read(analyzer(), &article).facts().expect("a published article has facts")
}

/// Analyses one article and hands it to the engine (received at its publication time).
pub fn feed(engine: &mut Engine, (id, time, text): Article<'_>) -> Vec<AlertEvent> {
    let t = secs(time);
    engine.observe(facts(id, t, text), t).expect("within time bounds")
}

/// Replays articles in the given arrival order, then flushes.
pub fn replay(rules: Rules, articles: &[Article<'_>]) -> Vec<AlertEvent> {
    let mut e = engine(rules);
    let mut out: Vec<AlertEvent> = articles.iter().flat_map(|a| feed(&mut e, *a)).collect();
    out.extend(e.flush());
    out
}

/// What a subscriber would see of an alert event, without which outlets carried it.
pub fn digest(events: &[AlertEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            format!(
                "{:?} {} {:?} {:?} rung={} {:?} {} killed={} reciprocal={} evidence={}",
                e.kind,
                e.alert.event_time,
                e.alert.kind,
                e.alert.dyad,
                e.alert.rung,
                e.alert.severity,
                e.alert.fingerprint,
                e.alert.casualties.killed,
                e.alert.reciprocal,
                e.alert.evidence.len()
            )
        })
        .collect()
}

/// A timeline we wrote, modelled on the April–May 2025 crisis: attack, measures,
/// counter-measures, threats, cross-border strikes, ceasefire.
pub const CRISIS: &[Article<'static>] = &[
    (
        "s1",
        "2025-04-22T12:00:00Z",
        "Militants killed 26 tourists in an attack near Pahalgam in Indian-administered Kashmir on Tuesday, the deadliest attack on civilians in the region in years.",
    ),
    (
        "s2",
        "2025-04-23T16:00:00Z",
        "India suspended the Indus Waters Treaty with Pakistan, revoked visas for Pakistani nationals and closed the Attari border crossing, a day after the attack.",
    ),
    (
        "s3",
        "2025-04-24T14:00:00Z",
        "Pakistan closed its airspace to Indian airlines, suspended all trade with India and expelled Indian diplomats in response.",
    ),
    (
        "s4",
        "2025-04-30T09:00:00Z",
        "Pakistan warned that it would respond forcefully to any Indian military action.",
    ),
    (
        "s5",
        "2025-05-07T01:30:00Z",
        "India launched missile strikes on nine sites in Pakistan and Pakistan-administered Kashmir early on Wednesday.",
    ),
    (
        "s6",
        "2025-05-07T20:00:00Z",
        "Pakistani forces shelled Indian positions along the Line of Control and Pakistan said it had shot down five Indian fighter jets.",
    ),
    (
        "s7",
        "2025-05-10T15:00:00Z",
        "India and Pakistan agreed to a full and immediate ceasefire after talks between their military commanders.",
    ),
    (
        "s8",
        "2025-05-20T10:00:00Z",
        "Trade officials in Brazil and Argentina met in Buenos Aires to discuss tariffs on steel.",
    ),
];

pub mod server;
