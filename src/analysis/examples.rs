//! Rule examples: sentences of the team's own, each tied to one rule, with what the analysis
//! must show. A rule's `change` examples must show it with the rule on and fail with it
//! off; its `keep` examples must show it and come out the same with the rule off. One
//! table-driven test (`tests/rules.rs`) and `flashpoint rules --check` run them all.
//!
//! Expectations, one string each:
//! - `SRC>TGT CODE [modality]`: an event from actor code SRC to TGT (either may be empty)
//!   whose CAMEO code starts with CODE, in that modality when one is given;
//! - `actor CODE`: an actor mention with that code; `killed N`, `injured N`: the article's
//!   tolls; `events N`: the number of events; `dyad A-B`: a dyad of two countries among the
//!   article's dyad summaries; `evidence TEXT`: an event whose evidence is exactly TEXT
//!   (for rules that only move where the evidence starts or ends);
//! - a leading `!` turns any of them into "there is no such ...".
//!
//! The same expectations check the lexicon's code examples (`tests/lexicon/codes.toml`): one
//! sentence or more for every CAMEO code of the codebook, each coded with that code.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::{Analyzer, Document, RuleSet, registry};
use crate::model::{Analysis, Modality};

/// One file of examples: `[[example]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFile {
    /// The examples.
    #[serde(default)]
    pub example: Vec<Example>,
}

/// One example sentence for one rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The rule id.
    pub rule: String,
    /// `change`: the rule makes the expectations hold; `keep`: the rule leaves this text alone.
    pub kind: ExampleKind,
    /// The text analysed.
    pub text: String,
    /// A title read before the text, as the service reads it.
    #[serde(default)]
    pub title: Option<String>,
    /// The publication date (`YYYY-MM-DD`), for dated roles.
    #[serde(default)]
    pub date: Option<String>,
    /// What the analysis must show (see the module docs); at least one positive.
    pub expect: Vec<String>,
}

/// Whether an example shows the rule at work or shows it leaving a text alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// With the rule on the expectations hold; with it off one fails.
    Change,
    /// The expectations hold and the analysis is the same with the rule off.
    Keep,
}

/// One expectation, parsed.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Event { source: String, target: String, code: String, modality: Option<Modality> },
    Actor(String),
    Killed(u32),
    Injured(u32),
    Events(usize),
    Dyad(String, String),
    Evidence(String),
}

fn parse_modality(s: &str) -> Option<Modality> {
    Some(match s {
        "asserted" => Modality::Asserted,
        "reported" => Modality::Reported,
        "threatened" => Modality::Threatened,
        "considered" => Modality::Considered,
        "negated" => Modality::Negated,
        _ => return None,
    })
}

/// Parses one expectation into (negated, what).
fn parse(e: &str) -> Result<(bool, Expect), String> {
    let (neg, body) = match e.trim().strip_prefix('!') {
        Some(rest) => (true, rest.trim()),
        None => (false, e.trim()),
    };
    let words: Vec<&str> = body.split_whitespace().collect();
    let number = |w: Option<&&str>| -> Result<u32, String> {
        w.and_then(|n| n.parse().ok()).ok_or_else(|| format!("{e:?}: expected a number"))
    };
    let what = match words.as_slice() {
        ["actor", code] => Expect::Actor((*code).to_owned()),
        ["killed", ..] => Expect::Killed(number(words.get(1))?),
        ["injured", ..] => Expect::Injured(number(words.get(1))?),
        ["events", ..] => Expect::Events(number(words.get(1))? as usize),
        ["evidence", rest @ ..] if !rest.is_empty() => Expect::Evidence(rest.join(" ")),
        ["dyad", pair] => {
            let (a, b) = pair.split_once('-').ok_or_else(|| format!("{e:?}: expected dyad A-B"))?;
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            Expect::Dyad(a.to_owned(), b.to_owned())
        }
        [pair, code, rest @ ..] if pair.contains('>') && rest.len() <= 1 => {
            let (source, target) = pair.split_once('>').unwrap_or_default();
            let modality = match rest.first() {
                Some(m) => Some(parse_modality(m).ok_or_else(|| format!("{e:?}: unknown modality {m:?}"))?),
                None => None,
            };
            Expect::Event {
                source: source.to_owned(),
                target: target.to_owned(),
                code: (*code).to_owned(),
                modality,
            }
        }
        _ => return Err(format!("{e:?}: not an expectation (see src/analysis/examples.rs)")),
    };
    Ok((neg, what))
}

fn holds(a: &Analysis, what: &Expect) -> bool {
    match what {
        Expect::Event { source, target, code, modality } => a.events.iter().any(|ev| {
            ev.source == *source
                && ev.target == *target
                && ev.cameo.starts_with(code.as_str())
                && modality.is_none_or(|m| ev.modality == m)
        }),
        Expect::Actor(code) => a.actors.iter().any(|m| m.code == *code),
        Expect::Killed(n) => a.casualties.killed == *n,
        Expect::Injured(n) => a.casualties.injured == *n,
        Expect::Events(n) => a.events.len() == *n,
        Expect::Dyad(x, y) => a.dyads.iter().any(|d| d.a == *x && d.b == *y),
        Expect::Evidence(text) => a.events.iter().any(|e| e.text == *text),
    }
}

/// A short account of an analysis, for failure messages.
fn describe(a: &Analysis) -> String {
    let events: Vec<String> = a
        .events
        .iter()
        .map(|e| format!("{}>{} {} {:?}", e.source, e.target, e.cameo, e.modality).to_lowercase())
        .collect();
    let actors: Vec<&str> = a.actors.iter().map(|m| m.code.as_str()).collect();
    format!(
        "events [{}], actors [{}], killed {}, injured {}",
        events.join(", "),
        actors.join(" "),
        a.casualties.killed,
        a.casualties.injured
    )
}

/// Whether every parsed expectation holds of `a` (`raw`: as written, for the message).
fn all_hold(a: &Analysis, parsed: &[(bool, Expect)], raw: &[String]) -> Result<(), String> {
    match parsed.iter().zip(raw).find(|((neg, what), _)| holds(a, what) == *neg) {
        Some((_, raw)) => Err(format!("{raw:?} does not hold: {}", describe(a))),
        None => Ok(()),
    }
}

/// Reads and parses one TOML file of examples.
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

impl Example {
    fn analyze(&self, analyzer: &Analyzer) -> Result<Analysis, String> {
        let (text, title_end) = match &self.title {
            Some(t) => (format!("{t}\n\n{}", self.text), t.len() + 2),
            None => (self.text.clone(), 0),
        };
        let date = match &self.date {
            Some(d) => Some(d.parse::<Date>().map_err(|e| format!("date {d:?}: {e}"))?),
            None => None,
        };
        Ok(analyzer.analyze(&Document { id: "example", text: &text, date, title_end }))
    }

    /// Checks the example against `on` (every rule) and `off` (this rule switched off).
    ///
    /// # Errors
    /// A message saying which expectation failed and what the analysis showed.
    pub fn check(&self, on: &Analyzer, off: &Analyzer) -> Result<(), String> {
        let parsed = self.expect.iter().map(|e| parse(e)).collect::<Result<Vec<_>, _>>()?;
        if !parsed.iter().any(|(neg, _)| !neg) {
            return Err("needs at least one positive expectation (an empty analysis must not pass)".into());
        }
        let with = self.analyze(on)?;
        all_hold(&with, &parsed, &self.expect)?;
        let without = self.analyze(off)?;
        match self.kind {
            ExampleKind::Change => {
                if parsed.iter().all(|(neg, what)| holds(&without, what) != *neg) {
                    return Err(format!(
                        "the expectations hold with the rule off too, so they do not show it: {}",
                        describe(&without)
                    ));
                }
            }
            ExampleKind::Keep => {
                if with != without {
                    return Err(format!(
                        "the rule changes this text: on {} / off {}",
                        describe(&with),
                        describe(&without)
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The outcome of checking examples: rule examples (`check_dir`) or code examples
/// (`check_codes`).
#[derive(Debug, Default)]
pub struct Checked {
    /// Examples checked.
    pub examples: usize,
    /// Failures: where (file and rule, or code), text and message.
    pub failures: Vec<String>,
    /// What lacks its examples: rules with no `change` or no `keep` example, or codes of the
    /// codebook with none.
    pub missing: Vec<String>,
}

/// Checks every `*.toml` file of examples in `dir` against `analyzer`'s lexicon.
///
/// # Errors
/// A message when a file cannot be read or parsed, or names an unknown rule.
pub fn check_dir(analyzer: &Analyzer, dir: &Path) -> Result<Checked, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Checked::default();
    let mut seen: BTreeMap<&'static str, (usize, usize)> =
        registry::rules().map(|r| (r.id, (0, 0))).collect();
    for path in files {
        let file: ExampleFile = read_toml(&path)?;
        for ex in file.example {
            let rule = registry::find(&ex.rule)
                .ok_or_else(|| format!("{}: unknown rule {:?}", path.display(), ex.rule))?;
            let off = Analyzer::new(analyzer.lexicon.clone())
                .with_rules(RuleSet::without(&[rule.id]).map_err(|e| e.to_string())?);
            out.examples += 1;
            if let Some(n) = seen.get_mut(rule.id) {
                match ex.kind {
                    ExampleKind::Change => n.0 += 1,
                    ExampleKind::Keep => n.1 += 1,
                }
            }
            if let Err(m) = ex.check(analyzer, &off) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                out.failures.push(format!("{name}: {} ({:?}) {:?}: {m}", ex.rule, ex.kind, ex.text));
            }
        }
    }
    out.missing = seen
        .into_iter()
        .filter(|(_, (c, k))| *c == 0 || *k == 0)
        .map(|(id, (c, k))| format!("{id}: {c} change, {k} keep"))
        .collect();
    Ok(out)
}

/// One file of code examples: `[[code]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeExampleFile {
    /// The examples.
    #[serde(default)]
    pub code: Vec<CodeExample>,
}

/// One sentence for one CAMEO code, which the analyzer must code with that code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeExample {
    /// The CAMEO code shown, as the codebook writes it.
    pub code: String,
    /// The text analysed.
    pub text: String,
    /// What the analysis must show; one event expectation must name `code` in full.
    pub expect: Vec<String>,
}

impl CodeExample {
    /// Checks the example against `analyzer`.
    ///
    /// # Errors
    /// A message saying which expectation failed and what the analysis showed, or that no
    /// event expectation names the example's code (a sentence coded with a parent or a
    /// sibling must not stand for the code).
    pub fn check(&self, analyzer: &Analyzer) -> Result<(), String> {
        let parsed = self.expect.iter().map(|e| parse(e)).collect::<Result<Vec<_>, _>>()?;
        let names_code = parsed
            .iter()
            .any(|(neg, what)| !neg && matches!(what, Expect::Event { code, .. } if *code == self.code));
        if !names_code {
            return Err(format!("no event expectation names code {}", self.code));
        }
        let a =
            analyzer.analyze(&Document { id: "code-example", text: &self.text, date: None, title_end: 0 });
        all_hold(&a, &parsed, &self.expect)
    }
}

/// Checks a file of code examples against `analyzer`, and that every code of its
/// lexicon's codebook has one.
///
/// # Errors
/// A message when the file cannot be read or parsed, or names a code the codebook lacks.
pub fn check_codes(analyzer: &Analyzer, path: &Path) -> Result<Checked, String> {
    let file: CodeExampleFile = read_toml(path)?;
    let mut seen: BTreeMap<&str, usize> =
        analyzer.lexicon.codes.iter().map(|c| (c.code.as_str(), 0)).collect();
    let mut out = Checked::default();
    for ex in &file.code {
        let n = seen
            .get_mut(ex.code.as_str())
            .ok_or_else(|| format!("{}: unknown code {:?}", path.display(), ex.code))?;
        *n += 1;
        out.examples += 1;
        if let Err(m) = ex.check(analyzer) {
            out.failures.push(format!("{} {:?}: {m}", ex.code, ex.text));
        }
    }
    out.missing = seen.into_iter().filter(|(_, n)| *n == 0).map(|(c, _)| c.to_owned()).collect();
    Ok(out)
}
