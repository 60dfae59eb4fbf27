//! Text → events: normalise, tokenize, split sentences, match the lexicon, then per
//! sentence find actors, predicates, frames and roles, and per article casualties and dyads.
//! Pure and synchronous (`Send + Sync`): no tokio, no tonic, no clock.

mod casualties;
mod hits;
mod rules;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::lexicon::{Cue, EntryKind, Lexicon, PhraseKind};
use crate::model::{Analysis, Casualties, DyadSummary, Event, Rung};
use crate::text::{self, Token};

use self::casualties::Toll;
use self::hits::Hits;
use self::rules::{Ctx, Discourse, SentenceRules};

/// An article to analyse.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// Identifier, echoed in the analysis.
    pub id: &'a str,
    /// Body text; spans are byte ranges into it.
    pub text: &'a str,
    /// Publication date: picks the role officials held then.
    pub date: Option<Date>,
}

/// The analyzer: a compiled lexicon shared read-only. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
}

/// Reusable buffers, so a batch allocates once.
#[derive(Debug, Default)]
struct Scratch {
    folded: Vec<u8>,
    tokens: Vec<Token>,
    sentences: Vec<(usize, usize)>,
    hits: Hits,
}

impl Analyzer {
    /// An analyzer over a compiled lexicon.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        Analyzer { lexicon }
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyses one article. Never panics; time is linear in the text.
    pub fn analyze(&self, doc: &Document<'_>) -> Analysis {
        let mut scratch = Scratch::default();
        self.analyze_with(doc, &mut scratch)
    }

    fn analyze_with(&self, doc: &Document<'_>, sc: &mut Scratch) -> Analysis {
        let lex = &*self.lexicon;
        let text = doc.text;
        text::fold_into(text, &mut sc.folded);
        let folded = std::str::from_utf8(&sc.folded).unwrap_or("");
        text::tokenize(text, &mut sc.tokens);
        text::sentences(text, folded, &sc.tokens, &mut sc.sentences);
        hits::find(lex, text, &sc.folded, &sc.tokens, &mut sc.hits);
        let ctx = Ctx { lex, text, folded, tokens: &sc.tokens, hits: &sc.hits, date: doc.date };
        let mut disc = Discourse::default();
        let mut events = Vec::new();
        let mut actors = Vec::new();
        let mut casualties = Casualties::default();
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
            SentenceRules::run(&ctx, (s, e), index, sent_hits, &mut disc, &mut events, &mut actors);
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
                        casualties::count_near(folded, &sc.tokens, (s, e), (hit.ts, hit.te.min(e)))
                    {
                        let slot = match toll {
                            Toll::Killed => &mut casualties.killed,
                            Toll::Injured => &mut casualties.injured,
                        };
                        *slot = (*slot).max(n);
                    }
                }
            }
        }
        let dyads = dyads(&events);
        Analysis {
            id: doc.id.to_owned(),
            events,
            actors,
            casualties,
            dyads,
            sentences: u32::try_from(sc.sentences.len()).unwrap_or(u32::MAX),
        }
    }

    /// Analyses many articles, reusing buffers.
    pub fn analyze_batch<'d>(&self, docs: impl IntoIterator<Item = Document<'d>>) -> Vec<Analysis> {
        let mut scratch = Scratch::default();
        docs.into_iter().map(|d| self.analyze_with(&d, &mut scratch)).collect()
    }

    /// Resolves a short actor description ("Pakistani Army", "Beijing") to a code: the first
    /// actor phrase that has a country, else the first one.
    pub fn resolve_actor(&self, query: &str, date: Option<Date>) -> Option<String> {
        let a = self.analyze(&Document { id: "", text: query, date });
        let lex = &*self.lexicon;
        a.actors
            .iter()
            .find(|m| !lex.country_of(&m.code).is_empty())
            .or(a.actors.first())
            .map(|m| m.code.clone())
    }
}

/// Per-dyad sums and rungs over an article's events between two different countries.
fn dyads(events: &[Event]) -> Vec<DyadSummary> {
    let mut map: BTreeMap<(String, String), DyadSummary> = BTreeMap::new();
    for e in events {
        let (s, t) = (&e.source_country, &e.target_country);
        if s.is_empty() || t.is_empty() || s == t || e.modality == crate::model::Modality::Negated {
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
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Analyzer>();
    }
}
