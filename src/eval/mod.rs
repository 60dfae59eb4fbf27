//! Scoring the analyzer against the labelled evaluation sets (`../shared/eval`, whose
//! README defines them): event triples, sentence classes, false alarms and violent-item
//! recall on articles, actor resolution. Pure: records in, metrics out.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use serde_json::Value;

use rayon::prelude::*;

use crate::analysis::Analyzer;
use crate::corpus;
use crate::model::{Analysis, Article, Modality, Quad};
use crate::reading;

/// Errors while reading an evaluation set.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A line is not valid JSON of the expected shape.
    #[error("line {line}: {message}")]
    Record {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The file's kind could not be recognised.
    #[error("unrecognised evaluation set: {0}")]
    Unknown(String),
}

/// The kind of an evaluation set, recognised from its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetKind {
    /// Gold event triples.
    Events,
    /// Conflict/cooperation class per sentence.
    Sentences,
    /// Whole articles with topic labels.
    Articles,
    /// Actor resolution queries.
    Actors,
    /// Headlines or stories labelled with the PLOVER category of their event (`label`, `mode`).
    Categories,
    /// Sentences labelled with what the police did (`labels`: kill, arrest, force).
    PoliceActions,
    /// Wire reports labelled with whether they report an attack (`incident`).
    Incidents,
}

/// The metrics of one evaluation run: a name per dataset and named numbers.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// Dataset name (from the records or the file).
    pub dataset: String,
    /// Kind of set.
    pub kind: String,
    /// Records scored.
    pub records: usize,
    /// Named metrics.
    pub metrics: BTreeMap<String, f64>,
}

impl Report {
    /// One summary line.
    pub fn line(&self) -> String {
        let mut s = format!("{} {}: records={}", self.kind, self.dataset, self.records);
        for (k, v) in &self.metrics {
            s.push_str(&format!(" {k}={v:.3}"));
        }
        s
    }

    /// Checks a requirement such as `f1>=0.70` or `false_alarm_rate<=0.01`.
    ///
    /// # Errors
    /// Returns a message naming the metric, its value and the bar when it is not met or
    /// the requirement is malformed.
    pub fn require(&self, req: &str) -> Result<(), String> {
        let (name, op, bar) = if let Some((n, b)) = req.split_once(">=") {
            (n, ">=", b)
        } else if let Some((n, b)) = req.split_once("<=") {
            (n, "<=", b)
        } else {
            return Err(format!("requirement {req:?} is not NAME>=VALUE or NAME<=VALUE"));
        };
        let bar: f64 =
            bar.trim().parse().map_err(|_| format!("requirement {req:?}: {bar:?} is not a number"))?;
        let name = name.trim();
        let value = *self.metrics.get(name).ok_or_else(|| {
            format!(
                "{}: no metric {name:?} (have: {})",
                self.dataset,
                self.metrics.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })?;
        let ok = if op == ">=" { value >= bar } else { value <= bar };
        if ok { Ok(()) } else { Err(format!("{}: {name} = {value:.3}, required {op} {bar}", self.dataset)) }
    }
}

/// Legacy CAMEO country codes found in gold data, and their ISO equivalents.
const LEGACY: &[(&str, &str)] =
    &[("JAP", "JPN"), ("ROM", "ROU"), ("UK", "GBR"), ("KSV", "XKX"), ("BUR", "MMR"), ("ZAR", "COD")];

fn normalise_country(c: &str) -> String {
    let c = c.trim();
    let c = c.get(..3).unwrap_or(c);
    LEGACY.iter().find(|(l, _)| *l == c).map_or(c, |(_, iso)| iso).to_owned()
}

/// Older PLOVER names in the gold data, scored as the current ones.
fn normalise_plover(c: &str) -> &str {
    match c {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

fn parse_lines(input: &str) -> Result<Vec<Value>, EvalError> {
    input
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| EvalError::Record { line: i + 1, message: e.to_string() })
        })
        .collect()
}

/// Recognises the kind of a set from its first record.
///
/// # Errors
/// Returns [`EvalError::Unknown`] when the record fits no known set.
pub fn kind_of(first: &Value) -> Result<SetKind, EvalError> {
    if first.get("events").is_some() {
        Ok(SetKind::Events)
    } else if first.get("incident").is_some() {
        Ok(SetKind::Incidents)
    } else if first.get("labels").is_some_and(Value::is_object) {
        Ok(SetKind::PoliceActions)
    } else if first.get("mode").is_some() && first.get("label").is_some() {
        Ok(SetKind::Categories)
    } else if first.get("method").is_some() && first.get("query").is_some() {
        Ok(SetKind::Actors)
    } else if let Some(label) = first.get("label").and_then(Value::as_str) {
        if SENTENCE_CLASSES.contains(&label) { Ok(SetKind::Sentences) } else { Ok(SetKind::Articles) }
    } else {
        Err(EvalError::Unknown("records have neither events, label nor query".to_owned()))
    }
}

/// The five sentence classes: the quad classes ([`Quad`]) by name.
pub const SENTENCE_CLASSES: &[&str] = &[
    Quad::MakeStatement.as_str(),
    Quad::VerbalCooperation.as_str(),
    Quad::MaterialCooperation.as_str(),
    Quad::VerbalConflict.as_str(),
    Quad::MaterialConflict.as_str(),
];

/// Scores a set given as JSON Lines text. Records are analysed in parallel on the current
/// rayon pool (every core, unless the caller installs a smaller pool) and scored in order.
///
/// # Errors
/// Returns an error for malformed records or an unknown set.
pub fn score(analyzer: &Analyzer, name: &str, input: &str) -> Result<Report, EvalError> {
    let records = parse_lines(input)?;
    let first = records.first().ok_or_else(|| EvalError::Unknown("empty file".to_owned()))?;
    match kind_of(first)? {
        SetKind::Events => score_events(analyzer, name, &records),
        SetKind::Sentences => Ok(score_sentences(analyzer, name, &records)),
        SetKind::Articles => Ok(score_articles(analyzer, name, &records)),
        SetKind::Actors => Ok(score_actors(analyzer, name, &records)),
        SetKind::Categories => Ok(score_categories(analyzer, name, &records)),
        SetKind::PoliceActions => Ok(score_police(analyzer, name, &records)),
        SetKind::Incidents => Ok(score_incidents(analyzer, name, &records)),
    }
}

/// Every record's analysis, worked in parallel, in record order.
fn analyses(analyzer: &Analyzer, records: &[Value]) -> Vec<Analysis> {
    records.par_iter().map(|r| analyze_record(analyzer, r)).collect()
}

fn report(name: &str, kind: &str, records: usize, metrics: &[(&str, f64)]) -> Report {
    Report {
        dataset: name.to_owned(),
        kind: kind.to_owned(),
        records,
        metrics: metrics.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
    }
}

/// Category recall: a record counts when an event of its PLOVER category is found in any
/// modality but negated; the top event is the one of largest Goldstein weight.
fn score_categories(analyzer: &Analyzer, name: &str, records: &[Value]) -> Report {
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut hit, mut top, mut none) = (0, 0, 0);
    for (r, a) in records.iter().zip(analyses(analyzer, records)) {
        let label = r.get("label").and_then(Value::as_str).unwrap_or("");
        let ev: Vec<_> = a.events.iter().filter(|e| e.modality != Modality::Negated).collect();
        let found = ev.iter().any(|e| e.plover == label);
        let slot = per.entry(label.to_owned()).or_default();
        slot.0 += 1;
        slot.1 += usize::from(found);
        hit += usize::from(found);
        none += usize::from(ev.is_empty());
        let strongest = ev.iter().max_by(|x, y| x.goldstein.abs().total_cmp(&y.goldstein.abs()));
        top += usize::from(strongest.is_some_and(|e| e.plover == label));
    }
    #[allow(clippy::cast_precision_loss)]
    let macro_recall = per.values().map(|&(n, h)| ratio(h, n)).sum::<f64>() / per.len().max(1) as f64;
    let n = records.len();
    report(
        name,
        "categories",
        n,
        &[
            ("category_recall", ratio(hit, n)),
            ("macro_category_recall", macro_recall),
            ("top_event_accuracy", ratio(top, n)),
            ("no_event_share", ratio(none, n)),
        ],
    )
}

/// Whether an actor code is the police, the military or an intelligence service.
fn by_forces(code: &str) -> bool {
    ["COP", "MIL", "SPY"].iter().any(|x| code == *x || code.get(3..).is_some_and(|rest| rest.contains(x)))
}

/// Police actions: `kill` is violence by police or military with a death toll, `arrest` an
/// arrest by police, government, judiciary or an unnamed agent, `force` violence or crowd
/// control by police or military. Factual events only.
fn score_police(analyzer: &Analyzer, name: &str, records: &[Value]) -> Report {
    const KINDS: [&str; 3] = ["kill", "arrest", "force"];
    let mut st = [Prf::default(), Prf::default(), Prf::default()];
    for (r, a) in records.iter().zip(analyses(analyzer, records)) {
        let ev: Vec<_> = a.events.iter().filter(|e| counted(e.modality)).collect();
        let guess = [
            a.casualties.killed > 0 && ev.iter().any(|e| by_forces(&e.source) && e.code().is_violent()),
            ev.iter().any(|e| {
                e.code().is_arrest()
                    && (by_forces(&e.source)
                        || e.source.is_empty()
                        || matches!(e.source.get(3..6), Some("GOV" | "JUD")))
            }),
            ev.iter().any(|e| by_forces(&e.source) && (e.code().is_violent() || e.code().is_crowd_control())),
        ];
        for (k, kind) in KINDS.iter().enumerate() {
            let gold = r.get("labels").and_then(|l| l.get(kind)).and_then(Value::as_i64).unwrap_or(0) != 0;
            let p = &mut st[k];
            p.tp += usize::from(gold && guess[k]);
            p.fp += usize::from(guess[k] && !gold);
            p.fn_ += usize::from(gold && !guess[k]);
        }
    }
    let micro = Prf {
        tp: st.iter().map(|p| p.tp).sum(),
        fp: st.iter().map(|p| p.fp).sum(),
        fn_: st.iter().map(|p| p.fn_).sum(),
    };
    let (p, r, f) = micro.metrics();
    let mut metrics =
        vec![("police_action_precision", p), ("police_action_recall", r), ("police_action_f1", f)];
    let names = ["kill_f1", "arrest_f1", "force_f1"];
    for (k, n) in names.iter().enumerate() {
        metrics.push((n, st[k].metrics().2));
    }
    report(name, "police_actions", records.len(), &metrics)
}

/// Incident recall: a report of an attack counts when a factual violent event is found;
/// violence found in the other reports is shown beside it.
fn score_incidents(analyzer: &Analyzer, name: &str, records: &[Value]) -> Report {
    let (mut tp, mut fn_, mut fa, mut neg) = (0, 0, 0, 0);
    for (r, a) in records.iter().zip(analyses(analyzer, records)) {
        let found = a.events.iter().any(|e| counted(e.modality) && e.code().is_violent());
        if r.get("incident").and_then(Value::as_bool).unwrap_or(false) {
            tp += usize::from(found);
            fn_ += usize::from(!found);
        } else {
            neg += 1;
            fa += usize::from(found);
        }
    }
    report(
        name,
        "incidents",
        records.len(),
        &[("incident_recall", ratio(tp, tp + fn_)), ("violence_in_non_incident_docs", ratio(fa, neg))],
    )
}

/// The article a record holds: `id`, `title`, `text` (its body) and `published_at`, read
/// offline (no receive time), as `flashpoint analyze` reads it.
fn article_of(r: &Value) -> Article {
    let field = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    Article {
        id: field("id"),
        title: field("title"),
        body: field("text"),
        published: r.get("published_at").and_then(Value::as_str).and_then(corpus::published_time),
        received: None,
    }
}

fn analyze_record(analyzer: &Analyzer, r: &Value) -> Analysis {
    reading::read(analyzer, &article_of(r)).analysis
}

#[derive(Deserialize)]
struct GoldEvent {
    #[serde(default)]
    source: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    code: String,
}

#[derive(Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn add<T: Eq + std::hash::Hash>(&mut self, gold: &HashSet<T>, pred: &HashSet<T>) {
        let tp = gold.intersection(pred).count();
        self.tp += tp;
        self.fp += pred.len() - tp;
        self.fn_ += gold.len() - tp;
    }

    fn metrics(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn counted(m: Modality) -> bool {
    m.is_factual()
}

fn score_events(analyzer: &Analyzer, name: &str, records: &[Value]) -> Result<Report, EvalError> {
    let mut exact = Prf::default();
    let mut root = Prf::default();
    let mut exact_records = 0;
    let mut plover = false;
    let analyses: Vec<Analysis> = records.par_iter().map(|r| analyze_record(analyzer, r)).collect();
    for (i, (r, a)) in records.iter().zip(analyses).enumerate() {
        let gold: Vec<GoldEvent> = serde_json::from_value(r.get("events").cloned().unwrap_or(Value::Null))
            .map_err(|e| EvalError::Record { line: i + 1, message: e.to_string() })?;
        plover |= r.get("code_scheme").and_then(Value::as_str) == Some("PLOVER");
        let cut = |c: &str, level: usize| c.get(..level).unwrap_or(c).to_owned();
        let (g_exact, p_exact, g_root, p_root): (HashSet<_>, HashSet<_>, HashSet<_>, HashSet<_>) = if plover {
            let g: HashSet<_> = gold
                .iter()
                .map(|e| {
                    (
                        normalise_country(&e.source),
                        normalise_country(&e.target),
                        normalise_plover(&e.code).to_owned(),
                    )
                })
                .collect();
            let p: HashSet<_> = a
                .events
                .iter()
                .filter(|e| counted(e.modality) && !e.plover.is_empty())
                .map(|e| (e.source_country.clone(), e.target_country.clone(), e.plover.clone()))
                .collect();
            (g.clone(), p.clone(), g, p)
        } else {
            let g: HashSet<_> =
                gold.iter().map(|e| (e.source.clone(), e.target.clone(), e.code.clone())).collect();
            let p: HashSet<_> = a
                .events
                .iter()
                .filter(|e| counted(e.modality))
                .map(|e| (e.source.clone(), e.target.clone(), e.cameo.clone()))
                .collect();
            let gr = g.iter().map(|(s, t, c)| (s.clone(), t.clone(), cut(c, 2))).collect();
            let pr = p.iter().map(|(s, t, c)| (s.clone(), t.clone(), cut(c, 2))).collect();
            (g, p, gr, pr)
        };
        exact.add(&g_exact, &p_exact);
        root.add(&g_root, &p_root);
        if g_exact == p_exact {
            exact_records += 1;
        }
    }
    let (p, r, f) = exact.metrics();
    let (rp, rr, rf) = root.metrics();
    let mut metrics = BTreeMap::new();
    metrics.insert("precision".to_owned(), p);
    metrics.insert("recall".to_owned(), r);
    metrics.insert("f1".to_owned(), f);
    metrics.insert("root_precision".to_owned(), rp);
    metrics.insert("root_recall".to_owned(), rr);
    metrics.insert("root_f1".to_owned(), rf);
    metrics.insert("exact_records".to_owned(), ratio(exact_records, records.len()));
    Ok(Report { dataset: name.to_owned(), kind: "events".to_owned(), records: records.len(), metrics })
}

/// The sentence class of an analysis: the quad class of its most intense counted event.
pub fn sentence_class(a: &Analysis) -> &'static str {
    let best = a
        .events
        .iter()
        .filter(|e| counted(e.modality))
        .max_by(|x, y| x.goldstein.abs().total_cmp(&y.goldstein.abs()));
    best.and_then(|e| e.code().quad()).unwrap_or(Quad::MakeStatement).as_str()
}

fn score_sentences(analyzer: &Analyzer, name: &str, records: &[Value]) -> Report {
    let mut correct = 0;
    let mut per_class: BTreeMap<&str, Prf> = SENTENCE_CLASSES.iter().map(|c| (*c, Prf::default())).collect();
    let mut conflict = Prf::default();
    let predicted: Vec<&str> =
        records.par_iter().map(|r| sentence_class(&analyze_record(analyzer, r))).collect();
    for (r, pred) in records.iter().zip(predicted) {
        let gold = r.get("label").and_then(Value::as_str).unwrap_or("");
        if gold == pred {
            correct += 1;
        }
        for (c, prf) in &mut per_class {
            match (gold == *c, pred == *c) {
                (true, true) => prf.tp += 1,
                (false, true) => prf.fp += 1,
                (true, false) => prf.fn_ += 1,
                _ => {}
            }
        }
        let is_conflict = |l: &str| l.ends_with("_conflict");
        match (is_conflict(gold), is_conflict(pred)) {
            (true, true) => conflict.tp += 1,
            (false, true) => conflict.fp += 1,
            (true, false) => conflict.fn_ += 1,
            _ => {}
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let macro_f1 = per_class.values().map(|p| p.metrics().2).sum::<f64>() / per_class.len() as f64;
    let mut metrics = BTreeMap::new();
    metrics.insert("accuracy".to_owned(), ratio(correct, records.len()));
    metrics.insert("macro_f1".to_owned(), macro_f1);
    metrics.insert("conflict_f1".to_owned(), conflict.metrics().2);
    Report { dataset: name.to_owned(), kind: "sentences".to_owned(), records: records.len(), metrics }
}

/// Labels of items that should raise no escalation signal.
const BENIGN: &[&str] = &["Sports", "Business", "Sci/Tech", "sport", "tech", "entertainment", "business"];
/// Labels of violent SATP items.
const VIOLENT: &[&str] = &["armed_assault", "bombing_explosion", "kidnapping"];

/// What an article record of a scored kind gave: its kind, and whether it raised an alarm
/// and found violence.
struct ArticleOutcome {
    benign: bool,
    violent: bool,
    alarm: bool,
    violence: bool,
}

fn article_outcome(analyzer: &Analyzer, r: &Value) -> Option<ArticleOutcome> {
    let label = r.get("label").and_then(Value::as_str).unwrap_or("");
    let labels: Vec<&str> = label.split('|').collect();
    let benign = labels.iter().any(|l| BENIGN.contains(l));
    let violent = labels.iter().any(|l| VIOLENT.contains(l));
    if !benign && !violent {
        return None;
    }
    let a = analyze_record(analyzer, r);
    let alarm = a.events.iter().any(|e| counted(e.modality) && e.goldstein <= -5.0);
    let violence = a.events.iter().any(|e| counted(e.modality) && e.code().is_violent());
    Some(ArticleOutcome { benign, violent, alarm, violence })
}

fn score_articles(analyzer: &Analyzer, name: &str, records: &[Value]) -> Report {
    let (mut benign, mut alarms, mut violent, mut found, mut any_violent) = (0, 0, 0, 0, 0);
    let outcomes: Vec<Option<ArticleOutcome>> =
        records.par_iter().map(|r| article_outcome(analyzer, r)).collect();
    for o in outcomes.into_iter().flatten() {
        let ArticleOutcome { benign: is_benign, violent: is_violent, alarm, violence } = o;
        if is_benign {
            benign += 1;
            alarms += usize::from(alarm);
        }
        if is_violent {
            violent += 1;
            found += usize::from(violence);
        }
        any_violent += usize::from(violence);
    }
    let mut metrics = BTreeMap::new();
    if benign > 0 {
        metrics.insert("false_alarm_rate".to_owned(), ratio(alarms, benign));
        metrics.insert("benign_items".to_owned(), f64::from(u32::try_from(benign).unwrap_or(u32::MAX)));
    }
    if violent > 0 {
        metrics.insert("violent_recall".to_owned(), ratio(found, violent));
        metrics.insert("violent_items".to_owned(), f64::from(u32::try_from(violent).unwrap_or(u32::MAX)));
    }
    let _ = any_violent;
    Report { dataset: name.to_owned(), kind: "articles".to_owned(), records: records.len(), metrics }
}

fn score_actors(analyzer: &Analyzer, name: &str, records: &[Value]) -> Report {
    let (mut asked, mut right, mut wrong) = (0, 0, 0);
    let lex = analyzer.lexicon();
    for r in records {
        let expect = r.get("expect");
        let expected = expect
            .and_then(|e| e.get("cc").or_else(|| e.get("country")))
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim();
        let query = r.get("query").and_then(Value::as_str).unwrap_or("");
        if expected.is_empty() || query.is_empty() || query == "None" {
            continue;
        }
        asked += 1;
        let Some(code) = analyzer.resolve_actor(query, None) else {
            continue;
        };
        let country = lex.country_of(&code);
        if country.is_empty() {
            continue;
        }
        // International bodies: "IGOUNO" answers both "IGO" and "UNO".
        let chunks: Vec<&str> = (0..code.len() / 3).map(|i| &code[i * 3..i * 3 + 3]).collect();
        if country == normalise_country(expected) || chunks.contains(&expected) {
            right += 1;
        } else {
            wrong += 1;
        }
    }
    let mut metrics = BTreeMap::new();
    metrics.insert("expected_share".to_owned(), ratio(right, asked));
    metrics.insert("wrong_share".to_owned(), ratio(wrong, asked));
    Report { dataset: name.to_owned(), kind: "actors".to_owned(), records: asked, metrics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_parse_and_check() {
        let mut metrics = BTreeMap::new();
        metrics.insert("f1".to_owned(), 0.72);
        let r = Report { dataset: "d".into(), kind: "events".into(), records: 1, metrics };
        assert!(r.require("f1>=0.70").is_ok());
        assert!(r.require("f1>=0.75").is_err());
        assert!(r.require("f1<=0.75").is_ok());
        assert!(r.require("recall>=0.1").is_err());
        assert!(r.require("f1=0.7").is_err());
    }

    #[test]
    fn plover_names_normalise() {
        assert_eq!(normalise_plover("FIGHT"), "ASSAULT");
        assert_eq!(normalise_plover("DEMAND"), "REQUEST");
        assert_eq!(normalise_plover("AGREE"), "AGREE");
        assert_eq!(normalise_country("JAP"), "JPN");
        assert_eq!(normalise_country("PAKGOV"), "PAK");
    }
}
