//! Looks the text's tokens up in the lexicon's dictionary and keeps the longest matches
//! that meet their letter-case rule.

use crate::lexicon::{CaseRule, Entry, Lexicon};

use crate::text::Token;

/// A lexicon match aligned to tokens.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// First token.
    pub ts: usize,
    /// One past the last token.
    pub te: usize,
    /// Offset of its readings in the entry buffer.
    pub first: u32,
    /// Number of readings.
    pub len: u32,
}

/// All hits of a text, in order, and their readings.
#[derive(Debug, Default)]
pub struct Hits {
    /// The hits.
    pub hits: Vec<Hit>,
    /// Readings, referenced by `Hit::first .. first + len`.
    pub entries: Vec<Entry>,
}

impl Hits {
    /// The readings of a hit.
    pub fn entries(&self, h: &Hit) -> &[Entry] {
        &self.entries[h.first as usize..(h.first + h.len) as usize]
    }
}

fn case_ok(lex: &Lexicon, text: &str, start: usize, end: usize, rule: CaseRule) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Capitalized => {
            text.get(start..).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase)
        }
        CaseRule::Exact(i) => text.get(start..end) == lex.exact.get(i as usize).map(String::as_str),
    }
}

/// Reusable buffers of [`find`].
#[derive(Debug, Default)]
pub struct Scratch {
    ids: Vec<u32>,
    prefixes: Vec<(u32, usize)>,
}

/// Finds every hit, leftmost-longest: at each token the longest pattern that starts there
/// and has a reading whose case rule the text meets (else the next shorter one), then on
/// after it. Linear in the text: one lookup per token, and a walk no longer than the
/// lexicon's longest pattern.
pub fn find(lex: &Lexicon, text: &str, folded: &str, tokens: &[Token], sc: &mut Scratch, out: &mut Hits) {
    out.hits.clear();
    out.entries.clear();
    let dict = &lex.dictionary;
    dict.token_ids(tokens, folded, &mut sc.ids);
    let mut i = 0;
    while i < tokens.len() {
        dict.prefixes(&sc.ids[i..], &mut sc.prefixes);
        let mut next = i + 1;
        for &(pattern, len) in sc.prefixes.iter().rev() {
            let (s, e) = (tokens[i].start as usize, tokens[i + len - 1].end as usize);
            let first = u32::try_from(out.entries.len()).unwrap_or(u32::MAX);
            out.entries.extend(dict.readings(pattern).iter().filter(|en| case_ok(lex, text, s, e, en.case)));
            let n = u32::try_from(out.entries.len()).unwrap_or(u32::MAX) - first;
            if n > 0 {
                out.hits.push(Hit { ts: i, te: i + len, first, len: n });
                next = i + len;
                break;
            }
        }
        i = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;
    use std::sync::OnceLock;

    fn lexicon() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::embedded().expect("seed lexicon"))
    }

    /// The texts of the hits of `s`.
    fn hits(s: &str) -> Vec<String> {
        let lex = lexicon();
        let mut folded = Vec::new();
        text::fold_into(s, &mut folded);
        let folded = String::from_utf8(folded).expect("folding keeps UTF-8");
        let mut tokens = Vec::new();
        text::tokenize(s, &mut tokens);
        let mut out = Hits::default();
        find(lex, s, &folded, &tokens, &mut Scratch::default(), &mut out);
        out.hits
            .iter()
            .map(|h| s[tokens[h.ts].start as usize..tokens[h.te - 1].end as usize].to_owned())
            .collect()
    }

    #[test]
    fn longest_whole_token_matches() {
        // (name, text, a hit that must be found)
        let cases: &[(&str, &str, &str)] = &[
            ("longest wins", "North Korea fired a missile.", "North Korea"),
            ("a pattern across a word's end hides nothing", "Five men were arrested.", "arrested"),
            ("coordinated verbs inflect together", "Soldiers shot and killed a militant.", "shot and killed"),
            ("accents fold", "Officials in Malé met.", "Malé"),
            ("spacing does not matter", "the Prime  Minister said", "Prime  Minister"),
        ];
        for (name, text, expected) in cases {
            let got = hits(text);
            assert!(got.iter().any(|h| h == expected), "{name}: {expected:?} not among {got:?}");
        }
    }

    #[test]
    fn case_rules_hold() {
        // A capital that is also a common word needs its capital letter; acronyms their
        // exact spelling.
        assert!(!hits("the male nurses met").iter().any(|h| h == "male"));
        assert!(hits("Talks in Male ended.").iter().any(|h| h == "Male"));
        assert!(!hits("let us go").iter().any(|h| h == "us"));
    }
}
