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
