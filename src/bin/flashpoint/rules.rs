//! `flashpoint rules`: the analyzer's named rules in the order they apply, their examples
//! checked, and `eval --rules`: what each rule is worth on a set.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use flashpoint::analysis::{self, Analyzer, RuleSet, examples};
use flashpoint::eval;
use flashpoint::lexicon::Lexicon;

/// Lists the rules by pass, or checks the examples in `check`.
pub fn list_or_check(lexicon: Lexicon, check: Option<&Path>) -> Result<ExitCode, String> {
    let Some(dir) = check else {
        for (pass, rules) in analysis::PASSES {
            println!("{pass}");
            for r in *rules {
                println!("  {:<44} {}", r.id, r.summary());
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let analyzer = Analyzer::new(Arc::new(lexicon));
    let checked = examples::check_dir(&analyzer, dir)?;
    for f in &checked.failures {
        println!("FAIL {f}");
    }
    for m in &checked.missing {
        println!("MISSING {m}");
    }
    println!(
        "{} examples, {} failures, {} rules without a change and a keep example",
        checked.examples,
        checked.failures.len(),
        checked.missing.len()
    );
    Ok(if checked.failures.is_empty() && checked.missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The analyzer with rules `without` switched off.
pub fn analyzer_without(lexicon: Arc<Lexicon>, without: &[String]) -> Result<Analyzer, String> {
    let rules = RuleSet::without(without).map_err(|e| e.to_string())?;
    Ok(Analyzer::new(lexicon).with_rules(rules))
}

/// Scores `text` with every rule counted, then once without each rule that fired, and
/// prints per rule how often it fired and how each metric moves without it.
pub fn eval_rules(lexicon: Arc<Lexicon>, name: &str, text: &str, json: bool) -> Result<(), String> {
    let counting = Analyzer::new(lexicon.clone()).with_rules(RuleSet::all().counting());
    let base = eval::score(&counting, name, text).map_err(|e| e.to_string())?;
    if !json {
        println!("{}", base.line());
        println!("{:<44} {:>7}  metrics without the rule (change)", "rule", "fired");
    }
    for (rule, fired) in counting.rules().fired() {
        let mut row = serde_json::json!({"rule": rule.id, "fired": fired});
        let mut cells = Vec::new();
        if fired > 0 {
            let off = Analyzer::new(lexicon.clone())
                .with_rules(RuleSet::without(&[rule.id]).map_err(|e| e.to_string())?);
            let report = eval::score(&off, name, text).map_err(|e| e.to_string())?;
            for (k, v) in &report.metrics {
                let was = base.metrics.get(k).copied().unwrap_or(0.0);
                row[k.as_str()] = serde_json::json!(v);
                if (v - was).abs() > 1e-9 {
                    cells.push(format!("{k}={v:.3} ({:+.3})", v - was));
                }
            }
        }
        if json {
            println!("{row}");
        } else {
            let cells = if fired == 0 {
                "-".to_owned()
            } else if cells.is_empty() {
                "unchanged".to_owned()
            } else {
                cells.join(" ")
            };
            println!("{:<44} {:>7}  {cells}", rule.id, fired);
        }
    }
    Ok(())
}
