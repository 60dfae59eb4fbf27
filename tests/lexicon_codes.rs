//! Every CAMEO code of the codebook has an invented sentence (`tests/lexicon/codes.toml`)
//! that the analyzer codes with that code: a code the lexicon cannot find in text fails.

use std::path::Path;
use std::sync::Arc;

use flashpoint::analysis::{Analyzer, examples};
use flashpoint::lexicon::Lexicon;

#[test]
fn every_code_has_a_sentence_that_holds() {
    let lexicon = Arc::new(Lexicon::embedded().expect("embedded lexicon"));
    let analyzer = Analyzer::new(lexicon);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lexicon/codes.toml");
    let checked = examples::check_codes(&analyzer, &path).expect("code examples load");
    assert!(
        checked.failures.is_empty(),
        "{} of {} code examples fail:\n{}",
        checked.failures.len(),
        checked.examples,
        checked.failures.join("\n")
    );
    assert!(
        checked.missing.is_empty(),
        "{} codes have no example:\n{}",
        checked.missing.len(),
        checked.missing.join(" ")
    );
}
