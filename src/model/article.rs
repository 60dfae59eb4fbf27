//! An article as every entry point hands it to the analyzer: id, title, body and its times.
//! Plain data: the text it is read as, where the body starts in it, and its event time.

use std::borrow::Cow;

use jiff::civil::Date;

/// One news article, whichever way it came in (the service, a file, an evaluation set).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// Identifier: the idempotency key and the id echoed in the analysis.
    pub id: String,
    /// Headline; empty (or blank) when the article has none.
    pub title: String,
    /// Body text.
    pub body: String,
    /// Publication time, seconds since the Unix epoch.
    pub published: Option<i64>,
    /// Receive time, seconds since the Unix epoch; `None` when read offline (`analyze`,
    /// `eval`), where no clock is consulted.
    pub received: Option<i64>,
}

/// What separates the title from the body in [`Article::text`].
const TITLE_BREAK: &str = "\n\n";

impl Article {
    /// Whether the article has a title to read (a blank one counts as none).
    pub fn has_title(&self) -> bool {
        !self.title.trim().is_empty()
    }

    /// The text the analyzer reads, and the one every span indexes into: the title, a blank
    /// line and the body when there is a title, else the body alone.
    pub fn text(&self) -> Cow<'_, str> {
        if self.has_title() {
            Cow::Owned(format!("{}{TITLE_BREAK}{}", self.title, self.body))
        } else {
            Cow::Borrowed(&self.body)
        }
    }

    /// The byte offset in [`Article::text`] where the body starts (0 without a title): a
    /// span before it lies in the title.
    pub fn body_start(&self) -> usize {
        if self.has_title() { self.title.len() + TITLE_BREAK.len() } else { 0 }
    }

    /// The event time escalation runs on: the publication time, else the receive time.
    pub fn event_time(&self) -> Option<i64> {
        self.published.or(self.received)
    }

    /// Whether [`Article::event_time`] is the receive time, for want of a publication time.
    pub fn received_time(&self) -> bool {
        self.published.is_none()
    }

    /// The UTC date of the event time: it picks the role officials held then.
    pub fn date(&self) -> Option<Date> {
        let t = jiff::Timestamp::from_second(self.event_time()?).ok()?;
        Some(t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        Article { id: "a".into(), title: title.into(), body: body.into(), ..Article::default() }
    }

    #[test]
    fn text_and_body_start() {
        let cases = [
            (
                "titled",
                article("Border shut", "The crossing closed."),
                "Border shut\n\nThe crossing closed.",
                13,
            ),
            ("untitled", article("", "The crossing closed."), "The crossing closed.", 0),
            ("blank title", article(" \t", "The crossing closed."), "The crossing closed.", 0),
        ];
        for (name, a, text, start) in cases {
            assert_eq!(a.text(), text, "{name}");
            assert_eq!(a.body_start(), start, "{name}");
            assert_eq!(&a.text()[a.body_start()..], a.body, "{name}: the body follows body_start");
        }
    }

    #[test]
    fn event_time_prefers_publication() {
        // 2025-04-22T00:00:00Z and a day later.
        let (published, received) = (1_745_280_000, 1_745_366_400);
        let mut a = Article { published: Some(published), received: Some(received), ..article("", "x") };
        assert_eq!((a.event_time(), a.received_time()), (Some(published), false));
        assert_eq!(a.date().map(|d| d.to_string()), Some("2025-04-22".to_owned()));
        a.published = None;
        assert_eq!((a.event_time(), a.received_time()), (Some(received), true));
        assert_eq!(a.date().map(|d| d.to_string()), Some("2025-04-23".to_owned()));
        a.received = None;
        assert_eq!((a.event_time(), a.date()), (None, None));
    }
}
