//! The one way an article is read: its text (title and body) analysed, then reduced to the
//! escalation engine's facts. The service, `analyze`, `eval`, `replay`, the benches, tests
//! and examples all go through [`read`]. Pure and synchronous: no tokio, no clock.

use std::borrow::Cow;

use crate::analysis::{Analyzer, Document};
use crate::escalation::ArticleFacts;
use crate::lexicon::Lexicon;
use crate::model::{Analysis, Article};

/// An article read by the analyzer: its analysis, and the text its spans index into.
#[derive(Debug)]
pub struct Reading<'a> {
    article: &'a Article,
    lexicon: &'a Lexicon,
    text: Cow<'a, str>,
    /// What the analyzer found; its spans are byte ranges into [`Reading::text`].
    pub analysis: Analysis,
}

/// Reads an article: analyses [`Article::text`] (title, blank line, body) on the date of
/// its event time.
pub fn read<'a>(analyzer: &'a Analyzer, article: &'a Article) -> Reading<'a> {
    let text = article.text();
    let title_end = if article.has_title() { article.body_start() } else { 0 };
    let doc = Document { id: &article.id, text: &text, date: article.date(), title_end };
    let analysis = analyzer.analyze(&doc);
    Reading { article, lexicon: analyzer.lexicon(), text, analysis }
}

impl Reading<'_> {
    /// The text that was analysed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The article read.
    pub fn article(&self) -> &Article {
        self.article
    }

    /// The escalation engine's input: the events with their evidence, at the article's event
    /// time. `None` when the article has no time at all (neither published nor received, as
    /// offline reading gives it).
    pub fn facts(&self) -> Option<ArticleFacts> {
        let time = self.article.event_time()?;
        Some(ArticleFacts::from_analysis(
            self.lexicon,
            &self.text,
            &self.analysis,
            time,
            self.article.received_time(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, OnceLock};

    use super::*;

    fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon"))))
    }

    /// 2025-04-22T00:00:00Z.
    const T0: i64 = 1_745_280_000;

    #[test]
    fn the_title_is_read_with_the_body() {
        let a = Article {
            id: "t1".into(),
            title: "Chile expels Peruvian envoy".into(),
            body: "Officials in Santiago gave no reason on Friday.".into(),
            published: Some(T0),
            received: None,
        };
        let r = read(analyzer(), &a);
        assert_eq!(r.text(), a.text());
        assert!(
            r.analysis.events.iter().any(|e| e.span.end as usize <= a.body_start()),
            "an event in the title: {:?}",
            r.analysis.events
        );
        let facts = r.facts().expect("a published article has facts");
        assert_eq!((facts.id.as_str(), facts.time, facts.received_time), ("t1", T0, false));
        assert!(!facts.facts.is_empty(), "the title's event reaches the engine");
    }

    #[test]
    fn without_a_title_the_body_alone_is_read() {
        let body = "Chile expelled the Peruvian envoy on Friday.";
        let a = Article { id: "t2".into(), body: body.into(), received: Some(T0), ..Article::default() };
        let r = read(analyzer(), &a);
        assert_eq!(r.text(), body);
        assert_eq!(
            r.analysis,
            analyzer().analyze(&Document { id: "t2", text: body, date: a.date(), title_end: 0 })
        );
        let facts = r.facts().expect("a received article has facts");
        assert_eq!((facts.time, facts.received_time), (T0, true));
    }

    #[test]
    fn an_article_without_times_has_no_facts() {
        let a = Article {
            id: "t3".into(),
            body: "Chile expelled the Peruvian envoy.".into(),
            ..Article::default()
        };
        assert!(read(analyzer(), &a).facts().is_none());
    }
}
