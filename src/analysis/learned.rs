//! The learned pass: a headline that names a party but in which no rule could build an
//! event ("Chad troops pull back from border town", "Kenya expands maritime cooperation
//! with Tanzania") gets the PLOVER category a linear model reads from its words. It reads headlines only
//! (an article's title, or a text that is one line without a full stop, as feeds deliver
//! them): that is the register it learned from.
//!
//! The model is a multinomial logistic regression over sparse features of the sentence: its
//! content words (cut to a stem) and word pairs, the PLOVER categories of the lexicon's event
//! phrases found in it, its cues (threat, demand, occurrence) and the sectors of its actors.
//! Actor names are left out, so what it learns is how an act is said, not who did it. It is
//! trained by `flashpoint learn` on labelled development files only, deterministically (fixed
//! order, no randomness), and stored as text in `seeds/model/categories.tsv`.
//!
//! Its events are marked `learned`: they are shown and scored, but the escalation engine
//! reads only the rules' events, so a model's guess never moves a dyad's ladder.

use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;

use crate::lexicon::{EntryKind, Lexicon, PhraseKind};
use crate::text::TokKind;

use crate::model::{Event, Modality};

use super::hits::Hit;
use super::state::{Ctx, Member, Sentence};

/// The model shipped with the binary (`flashpoint learn` writes it).
const EMBEDDED: &str = include_str!("../../seeds/model/categories.tsv");

/// Letters a word is cut to: "criticizes" and "criticism" share "critic".
const STEM: usize = 6;

/// A model file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("model line {line}: {what}")]
pub struct ModelError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

/// A multinomial logistic regression over named features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The categories, in weight order.
    pub classes: Vec<String>,
    /// Per-class bias.
    pub bias: Vec<f32>,
    /// Per-feature weights, one per class.
    pub weights: FxHashMap<String, Vec<f32>>,
    /// The least probability at which a category is taken.
    pub threshold: f32,
}

impl Model {
    /// The embedded model, parsed once.
    ///
    /// # Panics
    /// Never in a released build: a test parses the embedded file.
    pub fn embedded() -> Arc<Model> {
        static MODEL: LazyLock<Arc<Model>> =
            LazyLock::new(|| Arc::new(Model::parse(EMBEDDED).expect("the embedded model parses")));
        Arc::clone(&MODEL)
    }

    /// Reads the text form written by [`Model::to_text`]: a `threshold` line, a `classes`
    /// line, a `bias` line, then one line per feature, tab-separated.
    ///
    /// # Errors
    /// [`ModelError`] naming the line that does not parse.
    pub fn parse(src: &str) -> Result<Model, ModelError> {
        let mut classes = Vec::new();
        let mut bias = Vec::new();
        let mut threshold = 0.5;
        let mut weights = FxHashMap::default();
        for (i, line) in src.lines().enumerate() {
            let err = |what: &str| ModelError { line: i + 1, what: what.to_owned() };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let head = cols.next().unwrap_or("");
            let rest: Vec<&str> = cols.collect();
            let numbers = |rest: &[&str]| -> Result<Vec<f32>, ModelError> {
                rest.iter()
                    .map(|x| x.parse::<f32>().map_err(|_| err(&format!("not a number: {x:?}"))))
                    .collect()
            };
            match head {
                "threshold" => {
                    threshold =
                        numbers(&rest)?.first().copied().ok_or_else(|| err("threshold without a value"))?;
                }
                "classes" => classes = rest.iter().map(|s| (*s).to_owned()).collect(),
                "bias" => bias = numbers(&rest)?,
                feature => {
                    let w = numbers(&rest)?;
                    if w.len() != classes.len() {
                        return Err(err(&format!("{} weights for {} classes", w.len(), classes.len())));
                    }
                    weights.insert(feature.to_owned(), w);
                }
            }
        }
        if classes.is_empty() || bias.len() != classes.len() {
            return Err(ModelError { line: 0, what: "no classes, or a bias per class missing".to_owned() });
        }
        Ok(Model { classes, bias, weights, threshold })
    }

    /// The text form, features sorted so that retraining on the same data writes the same file.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# flashpoint learn: PLOVER category from a sentence's features");
        let _ = writeln!(out, "threshold\t{}", self.threshold);
        let _ = writeln!(out, "classes\t{}", self.classes.join("\t"));
        let row = |w: &[f32]| w.iter().map(|x| format!("{x:.4}")).collect::<Vec<_>>().join("\t");
        let _ = writeln!(out, "bias\t{}", row(&self.bias));
        let mut keys: Vec<&String> = self.weights.keys().collect();
        keys.sort();
        for k in keys {
            let _ = writeln!(out, "{k}\t{}", row(&self.weights[k]));
        }
        out
    }

    /// Class probabilities for a feature list.
    pub fn probabilities(&self, features: &[String]) -> Vec<f32> {
        let mut z = self.bias.clone();
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for (zi, wi) in z.iter_mut().zip(w) {
                    *zi += wi;
                }
            }
        }
        softmax(&mut z);
        z
    }

    /// The most probable category and its probability.
    pub fn predict(&self, features: &[String]) -> (usize, f32) {
        let p = self.probabilities(features);
        p.iter().enumerate().fold((0, 0.0), |best, (i, &x)| if x > best.1 { (i, x) } else { best })
    }
}

fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for x in z.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    for x in z.iter_mut() {
        *x /= sum;
    }
}

/// One labelled sentence for training.
#[derive(Debug, Clone)]
pub struct Example {
    /// Its features.
    pub features: Vec<String>,
    /// Its category.
    pub label: String,
    /// What it must not be split from in cross-validation (a headline template).
    pub group: String,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    /// Passes over the examples.
    pub epochs: u32,
    /// Step size.
    pub rate: f32,
    /// L2 penalty per step.
    pub l2: f32,
    /// The least probability at which the model's category is taken.
    pub threshold: f32,
}

impl Default for Training {
    fn default() -> Self {
        Training { epochs: 30, rate: 0.2, l2: 1e-4, threshold: 0.4 }
    }
}

/// Trains a model by stochastic gradient descent on the cross-entropy, visiting examples in
/// a fixed interleaved order so that the result depends on the data alone.
pub fn train(examples: &[Example], t: &Training) -> Model {
    let mut classes: Vec<String> = examples.iter().map(|e| e.label.clone()).collect();
    classes.sort();
    classes.dedup();
    let k = classes.len();
    // Every feature seen gets a weight row; the L2 penalty keeps rare ones small.
    let mut weights: FxHashMap<String, Vec<f32>> =
        examples.iter().flat_map(|e| e.features.iter()).map(|f| (f.clone(), vec![0.0; k])).collect();
    let mut bias = vec![0.0f32; k];
    // A fixed stride walk over the examples: each epoch visits all of them, interleaved.
    let n = examples.len();
    let stride = (1..n.max(2)).rev().find(|s| gcd(*s, n) == 1 && *s <= n * 7 / 10 + 1).unwrap_or(1);
    for epoch in 0..t.epochs {
        let rate = t.rate / (1.0 + epoch as f32 * 0.1);
        for step in 0..n {
            let e = &examples[(step * stride + epoch as usize) % n];
            let Some(y) = classes.iter().position(|c| *c == e.label) else { continue };
            let mut z = bias.clone();
            for f in &e.features {
                if let Some(w) = weights.get(f) {
                    for (zi, wi) in z.iter_mut().zip(w) {
                        *zi += wi;
                    }
                }
            }
            softmax(&mut z);
            for (c, p) in z.iter().enumerate() {
                let g = p - f32::from(u8::from(c == y));
                bias[c] -= rate * g;
            }
            for f in &e.features {
                if let Some(w) = weights.get_mut(f) {
                    for (c, wc) in w.iter_mut().enumerate() {
                        let g = z[c] - f32::from(u8::from(c == y));
                        *wc -= rate * (g + t.l2 * *wc);
                    }
                }
            }
        }
    }
    weights.retain(|_, w| w.iter().any(|x| x.abs() >= 1e-3));
    Model { classes, bias, weights, threshold: t.threshold }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Accuracy of training on all groups but one fold and predicting that fold, over `folds`
/// folds of whole groups (a template never in both halves): what the model does on
/// phrasings it has not seen. Also the share of the fold's examples that reach the
/// threshold, and the accuracy among them.
pub fn cross_validate(examples: &[Example], folds: usize, t: &Training) -> (f64, f64, f64) {
    let mut groups: Vec<&str> = examples.iter().map(|e| e.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let fold_of = |g: &str| groups.binary_search(&g).unwrap_or(0) % folds.max(1);
    let (mut right, mut total, mut sure, mut sure_right) = (0usize, 0usize, 0usize, 0usize);
    for f in 0..folds.max(1) {
        let train_set: Vec<Example> = examples.iter().filter(|e| fold_of(&e.group) != f).cloned().collect();
        let model = train(&train_set, t);
        for e in examples.iter().filter(|e| fold_of(&e.group) == f) {
            let (c, p) = model.predict(&e.features);
            let ok = model.classes[c] == e.label;
            total += 1;
            right += usize::from(ok);
            if p >= t.threshold {
                sure += 1;
                sure_right += usize::from(ok);
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(right, total), ratio(sure, total), ratio(sure_right, sure))
}

/// A sentence's features: content words and word pairs outside actor phrases (`in_actor`
/// marks those tokens), the PLOVER categories of event phrases, cues, and actor sectors.
pub(super) fn features(
    ctx: &Ctx<'_>,
    (s, e): (usize, usize),
    hits: &[Hit],
    in_actor: impl Fn(usize) -> bool,
    sectors: &[&str],
) -> Vec<String> {
    let lex: &Lexicon = ctx.lex;
    let g = &lex.grammar;
    let mut out = Vec::new();
    let mut prev: Option<&str> = None;
    for i in s..e {
        let tok = &ctx.tokens[i];
        if !matches!(tok.kind, TokKind::Word) || in_actor(i) {
            prev = None;
            continue;
        }
        let w = ctx.word(i);
        if w.len() < 3
            || g.determiners.contains(w)
            || g.prepositions.contains(w)
            || g.aux.contains(w)
            || g.be.contains(w)
        {
            continue;
        }
        let stem = w.char_indices().nth(STEM).map_or(w, |(b, _)| &w[..b]);
        out.push(format!("w:{stem}"));
        if let Some(p) = prev {
            out.push(format!("b:{p}_{stem}"));
        }
        prev = Some(stem);
    }
    for h in hits {
        for en in ctx.hits.entries(h) {
            let EntryKind::Phrase(p, _) = en.kind else { continue };
            match lex.phrases[p as usize].kind {
                PhraseKind::Verb(r) | PhraseKind::Noun(r) => {
                    let plover = &lex.codes[lex.rules[r as usize].code as usize].plover;
                    if !plover.is_empty() {
                        out.push(format!("lex:{plover}"));
                    }
                }
                PhraseKind::Cue(c) => out.push(format!("cue:{c:?}")),
            }
        }
    }
    for sector in sectors {
        if !sector.is_empty() {
            out.push(format!("sec:{sector}"));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl<'a> Sentence<'_, 'a> {
    /// The parties the sentence names, in order: its actor phrases that are neither a
    /// reference back nor the speaker.
    fn parties(&self) -> Vec<Member<'a>> {
        let mut out: Vec<Member<'a>> = Vec::new();
        for np in self.nps.iter().filter(|np| !np.referential && !np.speaker) {
            for m in &np.members {
                if !out.iter().any(|o| o.code() == m.code()) {
                    out.push(*m);
                }
            }
        }
        out
    }

    /// This sentence's features for the model.
    pub(super) fn model_features(&self, hits: &[Hit]) -> Vec<String> {
        let sectors: Vec<&str> = self.nps.iter().flat_map(|np| np.members.iter().map(|m| m.sector)).collect();
        features(self.ctx, (self.s, self.e), hits, |i| self.np_at(i).is_some(), &sectors)
    }

    /// Where no rule coded an event in a headline: the model's category, when the headline
    /// names a party and the model is sure enough. Source and target are the first two
    /// parties; the evidence is the whole headline, since the model reads all of it.
    pub(super) fn learned_event(&self, model: &Model, hits: &[Hit], events: &mut Vec<Event>) {
        let ctx = self.ctx;
        // The model learned from headlines: it reads headlines only, and none in an article
        // with words of sport, markets or entertainment.
        let in_headline = ctx.tokens[self.e - 1].end as usize <= ctx.headline_end;
        if !in_headline || ctx.discards > 0 {
            return;
        }
        let parties = self.parties();
        let Some(source) = parties.first() else { return };
        let (class, p) = model.predict(&self.model_features(hits));
        if p < model.threshold {
            return;
        }
        let Some(code) = ctx.lex.category_code(&model.classes[class]) else { return };
        if !ctx.on(&LEARNED_CATEGORY) {
            return;
        }
        let info = ctx.lex.code(code);
        let target = parties.get(1);
        let span = ctx.span(self.s, self.e);
        events.push(Event {
            source: source.code(),
            target: target.map(Member::code).unwrap_or_default(),
            cameo: info.code.clone(),
            plover: info.plover.clone(),
            goldstein: info.goldstein,
            modality: Modality::Asserted,
            sentence: self.index,
            sentence_span: span,
            span,
            text: span.slice(ctx.text).unwrap_or("").trim().to_owned(),
            speaker: String::new(),
            source_country: source.country.to_owned(),
            target_country: target.map(|t| t.country.to_owned()).unwrap_or_default(),
            with: String::new(),
            with_country: String::new(),
            learned: true,
        });
    }
}

super::rule::rules! {
    /// A headline with a party but no rule's event takes the learned model's category ("Chad troops pull back from border town").
    LEARNED_CATEGORY = "learned.category";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_parses_and_round_trips() {
        let m = Model::embedded();
        assert!(m.classes.len() >= 10, "{:?}", m.classes);
        assert!(!m.weights.is_empty());
        let again = Model::parse(&m.to_text()).expect("the written model parses");
        assert_eq!(again.classes, m.classes);
        assert_eq!(again.weights.len(), m.weights.len());
    }

    #[test]
    fn a_weight_row_of_the_wrong_length_is_named_by_its_line() {
        let err = Model::parse("classes\tA\tB\nbias\t0\t0\nw:x\t1\n").expect_err("a short row is refused");
        assert_eq!(err.line, 3);
    }

    #[test]
    fn training_separates_two_phrasings_and_is_deterministic() {
        let ex = |w: &str, label: &str, g: &str| Example {
            features: vec![format!("w:{w}"), "w:today".to_owned()],
            label: label.to_owned(),
            group: g.to_owned(),
        };
        let data: Vec<Example> = (0..20)
            .flat_map(|i| {
                [ex("shell", "ASSAULT", &format!("a{i}")), ex("talks", "CONSULT", &format!("c{i}"))]
            })
            .collect();
        let t = Training::default();
        let m = train(&data, &t);
        let (c, p) = m.predict(&["w:shell".to_owned()]);
        assert_eq!(m.classes[c], "ASSAULT");
        assert!(p > 0.8, "{p}");
        assert_eq!(train(&data, &t), m);
        let (acc, _, _) = cross_validate(&data, 5, &t);
        assert!(acc > 0.99, "{acc}");
    }
}
