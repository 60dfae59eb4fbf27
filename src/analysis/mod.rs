//! Text → events: normalise, tokenize, split sentences, match the lexicon, then per
//! sentence find actors, predicates, frames and roles, and per article casualties and dyads.
//! Pure and synchronous (`Send + Sync`): no tokio, no tonic, no clock.

mod actors;
mod article;
mod casualties;
mod clause;
mod coding;
pub mod examples;
mod frames;
mod hits;
pub mod learned;
mod modality;
mod predicates;
mod registry;
mod roles;
mod rule;
mod sentence;
mod speakers;
mod state;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::lexicon::{Cue, EntryKind, Lexicon, PhraseKind};
use crate::model::{Analysis, Casualties, CasualtyMention, DyadSummary, Event, Rung};
use crate::text::{self, Token};

use self::casualties::Toll;
use self::hits::Hits;
use self::state::{Ctx, Discourse, Sentence};

pub use self::registry::{PASSES, find as find_rule, rules};
pub use self::rule::{Rule, RuleSet, UnknownRule};

/// An article to analyse.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// Identifier, echoed in the analysis.
    pub id: &'a str,
    /// Body text; spans are byte ranges into it.
    pub text: &'a str,
    /// Publication date: picks the role officials held then.
    pub date: Option<Date>,
    /// Where the headline ends: `text[..title_end]` is the title (0 when there is none).
    pub title_end: usize,
}

/// The analyzer: a compiled lexicon shared read-only. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
    rules: Arc<RuleSet>,
    model: Option<Arc<learned::Model>>,
}

/// Reusable buffers, so a batch allocates once.
#[derive(Debug, Default)]
struct Scratch {
    folded: Vec<u8>,
    tokens: Vec<Token>,
    sentences: Vec<(usize, usize)>,
    hits: Hits,
    lookup: hits::Scratch,
}

impl Analyzer {
    /// An analyzer over a compiled lexicon, with the embedded category model.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        Analyzer { lexicon, rules: Arc::new(RuleSet::all()), model: Some(learned::Model::embedded()) }
    }

    /// The same analyzer under `rules` (some switched off, or counted): how
    /// `eval --without` and `eval --rules` measure what a rule is worth.
    pub fn with_rules(self, rules: RuleSet) -> Self {
        Analyzer { rules: Arc::new(rules), ..self }
    }

    /// The rules this analyzer applies, with their counts when counting.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyses one article. Never panics; time is linear in the text. Buffers are reused
    /// per thread, so a stream of articles allocates little.
    pub fn analyze(&self, doc: &Document<'_>) -> Analysis {
        let rules = &*self.rules;
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => self.analyze_with(doc, &mut scratch, rules, None),
            // Re-entered on this thread (not done today): fall back to fresh buffers.
            Err(_) => self.analyze_with(doc, &mut Scratch::default(), rules, None),
        })
    }

    /// The category model's features of each sentence of `doc`, in order: what
    /// `flashpoint learn` trains on.
    pub fn sentence_features(&self, doc: &Document<'_>) -> Vec<Vec<String>> {
        let keep = std::cell::RefCell::new(Vec::new());
        self.analyze_with(doc, &mut Scratch::default(), &self.rules, Some(&keep));
        keep.into_inner()
    }

    fn analyze_with(
        &self,
        doc: &Document<'_>,
        sc: &mut Scratch,
        rules: &RuleSet,
        features: Option<&std::cell::RefCell<Vec<Vec<String>>>>,
    ) -> Analysis {
        let lex = &*self.lexicon;
        let text = doc.text;
        text::fold_into(text, &mut sc.folded);
        let folded = std::str::from_utf8(&sc.folded).unwrap_or("");
        text::tokenize(text, &mut sc.tokens);
        text::sentences(text, folded, &sc.tokens, &lex.grammar, &mut sc.sentences);
        hits::find(lex, text, folded, &sc.tokens, &mut sc.lookup, &mut sc.hits);
        // A wire dateline ("GAZA CITY, Gaza Strip (Reuters) -") names where the story was
        // filed, not who acted: its words are no actors.
        let dateline = text::dateline(text, &sc.tokens, &lex.grammar);
        sc.hits.hits.retain(|h| h.ts >= dateline);
        let discards = discard_words(lex, &sc.hits);
        let non_political = discards >= NON_POLITICAL_DISCARDS;
        let headline_end = if doc.title_end > 0 {
            doc.title_end
        } else if sc.sentences.len() == 1 && !text.trim_end().ends_with(['.', '!', '?', '"']) {
            text.len()
        } else {
            0
        };
        let ctx = Ctx {
            headline_end,
            lex,
            text,
            folded,
            tokens: &sc.tokens,
            hits: &sc.hits,
            date: doc.date,
            non_political,
            discards,
            rules,
            model: self.model.as_deref(),
            features,
        };
        let mut disc = Discourse::default();
        let mut events = Vec::new();
        let mut actors = Vec::new();
        let mut casualties = Casualties::default();
        let mut casualty_mentions = Vec::new();
        let mut h = 0;
        let all = &sc.hits.hits;
        for (index, &(s, e)) in sc.sentences.iter().enumerate() {
            while h < all.len() && all[h].ts < s {
                h += 1;
            }
            let first = h;
            while h < all.len() && all[h].ts < e {
                h += 1;
            }
            let sent_hits = &all[first..h];
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            Sentence::run(&ctx, (s, e), index, sent_hits, &mut disc, &mut events, &mut actors);
            for hit in sent_hits {
                for en in sc.hits.entries(hit) {
                    let EntryKind::Phrase(p, _) = en.kind else {
                        continue;
                    };
                    let toll = match lex.phrases[p as usize].kind {
                        PhraseKind::Cue(Cue::Killed) => Toll::Killed,
                        PhraseKind::Cue(Cue::Injured) => Toll::Injured,
                        _ => continue,
                    };
                    if let Some(n) =
                        casualties::count_near(lex, text, folded, &sc.tokens, (s, e), (hit.ts, hit.te.min(e)))
                    {
                        let slot = match toll {
                            Toll::Killed => &mut casualties.killed,
                            Toll::Injured => &mut casualties.injured,
                        };
                        *slot = (*slot).max(n);
                        casualty_mentions.push(CasualtyMention {
                            sentence: index,
                            at: sc.tokens[hit.ts].start,
                            count: n,
                            injured: toll == Toll::Injured,
                        });
                    }
                }
            }
        }
        article::weigh_headline(&mut events, doc.title_end, rules);
        let dyads = dyads(&events);
        Analysis {
            id: doc.id.to_owned(),
            events,
            actors,
            casualties,
            casualty_mentions,
            dyads,
            sentences: u32::try_from(sc.sentences.len()).unwrap_or(u32::MAX),
        }
    }

    /// Analyses many articles, reusing buffers.
    pub fn analyze_batch<'d>(&self, docs: impl IntoIterator<Item = Document<'d>>) -> Vec<Analysis> {
        let mut scratch = Scratch::default();
        docs.into_iter().map(|d| self.analyze_with(&d, &mut scratch, &self.rules, None)).collect()
    }

    /// Resolves a short actor description ("Pakistani Army", "Beijing") to a code: the first
    /// actor phrase that has a country, else the first one.
    pub fn resolve_actor(&self, query: &str, date: Option<Date>) -> Option<String> {
        let a = self.analyze(&Document { id: "", text: query, date, title_end: 0 });
        let lex = &*self.lexicon;
        a.actors
            .iter()
            .find(|m| !lex.country_of(&m.code).is_empty())
            .or(a.actors.first())
            .map(|m| m.code.clone())
    }
}

/// Distinct discard words (sport, markets, entertainment) that make an article non-political.
const NON_POLITICAL_DISCARDS: usize = 3;

/// How many distinct discard words an article uses.
fn discard_words(lex: &Lexicon, hits: &Hits) -> usize {
    let mut seen: Vec<u32> = Vec::new();
    for h in &hits.hits {
        for en in hits.entries(h) {
            if let EntryKind::Phrase(p, _) = en.kind
                && lex.phrases[p as usize].kind == PhraseKind::Cue(Cue::Discard)
                && !seen.contains(&p)
            {
                seen.push(p);
            }
        }
    }
    seen.len()
}

/// Per-dyad sums and rungs over an article's events between two different countries.
fn dyads(events: &[Event]) -> Vec<DyadSummary> {
    let mut map: BTreeMap<(String, String), DyadSummary> = BTreeMap::new();
    for e in events {
        let t = if e.target_country.is_empty() { &e.with_country } else { &e.target_country };
        let s = &e.source_country;
        if s.is_empty()
            || t.is_empty()
            || s == t
            || e.modality == crate::model::Modality::Negated
            || e.learned
        {
            continue;
        }
        let (a, b) = if s < t { (s, t) } else { (t, s) };
        let d = map.entry((a.clone(), b.clone())).or_insert_with(|| DyadSummary {
            a: a.clone(),
            b: b.clone(),
            rung: 0,
            conflict: 0.0,
            cooperation: 0.0,
        });
        let w = e.modality.weight();
        if e.goldstein < 0.0 {
            d.conflict += -e.goldstein * w;
            d.rung = d.rung.max(Rung::of_code(&e.cameo, e.modality).number());
        } else {
            d.cooperation += e.goldstein * w;
        }
    }
    map.into_values().collect()
}

#[cfg(test)]
mod tests;
