//! Every rule's examples (`tests/rules/*.toml`), run with the rule on and off: each rule has
//! a sentence it must change and one it must leave alone.

use std::path::Path;
use std::sync::Arc;

use flashpoint::analysis::{Analyzer, examples};
use flashpoint::lexicon::Lexicon;

#[test]
fn every_rule_has_examples_that_hold() {
    let lexicon = Arc::new(Lexicon::embedded().expect("embedded lexicon"));
    let analyzer = Analyzer::new(lexicon);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let checked = examples::check_dir(&analyzer, &dir).expect("examples load");
    assert!(checked.examples > 0, "no examples in {}", dir.display());
    assert!(
        checked.failures.is_empty(),
        "{} failing examples:\n{}",
        checked.failures.len(),
        checked.failures.join("\n")
    );
    assert!(
        checked.missing.is_empty(),
        "{} rules lack a change or a keep example:\n{}",
        checked.missing.len(),
        checked.missing.join("\n")
    );
}
