//! `flashpoint learn`: trains the category model on labelled JSON Lines, reports its
//! accuracy by cross-validation over whole headline templates, and writes it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flashpoint::analysis::learned::{self, Example, Training};
use flashpoint::analysis::{Analyzer, Document};
use serde_json::Value;

/// What `learn` is asked to do.
pub struct Options {
    pub files: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub folds: usize,
    pub training: Training,
}

/// The examples of one file: each record's headline (`title`, else `text`) with its `label`,
/// grouped by its `template` (else its id), so a fold never holds one phrasing twice.
fn examples(analyzer: &Analyzer, path: &Path) -> Result<Vec<Example>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let r: Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let field = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("");
        let label = field("label");
        let headline = if field("title").is_empty() { field("text") } else { field("title") };
        if label.is_empty() || headline.is_empty() {
            return Err(format!(
                "{}:{}: a record needs `label` and a `title` or `text`",
                path.display(),
                i + 1
            ));
        }
        let group = if field("template").is_empty() { field("id") } else { field("template") };
        let mut features: Vec<String> = analyzer
            .sentence_features(&Document { id: "", text: headline, date: None, title_end: 0 })
            .into_iter()
            .flatten()
            .collect();
        features.sort_unstable();
        features.dedup();
        out.push(Example { features, label: label.to_owned(), group: group.to_owned() });
    }
    Ok(out)
}

/// Trains, prints the cross-validation, and writes the model to `--out`.
pub fn run(analyzer: &Analyzer, o: &Options) -> Result<ExitCode, String> {
    let mut all = Vec::new();
    for f in &o.files {
        all.extend(examples(analyzer, f)?);
    }
    let groups = {
        let mut g: Vec<&str> = all.iter().map(|e| e.group.as_str()).collect();
        g.sort_unstable();
        g.dedup();
        g.len()
    };
    println!("{} examples in {groups} groups", all.len());
    if o.folds > 1 {
        let (acc, sure, sure_acc) = learned::cross_validate(&all, o.folds, &o.training);
        println!(
            "cross-validation over {} folds of whole groups: accuracy {acc:.3}; {:.3} of examples reach p >= {}, accuracy there {sure_acc:.3}",
            o.folds, sure, o.training.threshold
        );
    }
    let model = learned::train(&all, &o.training);
    println!("{} features, {} classes", model.weights.len(), model.classes.len());
    if let Some(out) = &o.out {
        std::fs::write(out, model.to_text()).map_err(|e| format!("{}: {e}", out.display()))?;
        println!("wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
