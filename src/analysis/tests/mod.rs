//! The analyzer's tests, one file per pass; helpers shared by them here.

pub(super) use super::*;
pub(super) use crate::model::Modality;
pub(super) use std::sync::OnceLock;

mod actors;
mod coding;
mod frames;
mod modality;
mod predicates;
mod roles;
mod speakers;

pub(super) fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon"))))
}

pub(super) fn run(text: &str) -> Analysis {
    analyzer().analyze(&Document { id: "t", text, date: None, title_end: 0 })
}

pub(super) fn codes(text: &str) -> Vec<String> {
    run(text).actors.into_iter().map(|a| a.code).collect()
}

/// (source country, target country, CAMEO prefix, modality) is among the events.
pub(super) fn has(a: &Analysis, s: &str, t: &str, code: &str, m: Modality) -> bool {
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
fn dyads_sum_and_rank() {
    let a = run("India blamed Pakistan. India suspended the Indus Waters Treaty.");
    let d = a.dyads.iter().find(|d| d.a == "IND" && d.b == "PAK").expect("IND-PAK dyad");
    assert_eq!(d.rung, 3);
    assert!(d.conflict > 0.0 && d.cooperation == 0.0);
}
