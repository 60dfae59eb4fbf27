//! Runs the lexicon's automaton over the folded text and keeps the matches that fall on
//! token boundaries and meet their letter-case rule.

use aho_corasick::{Anchored, Input};

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

/// A match of one automaton, aligned to tokens.
#[derive(Debug, Clone, Copy)]
struct Candidate<'l> {
    ts: usize,
    te: usize,
    readings: &'l [Entry],
}

/// Finds every hit. The automaton scans the text once (leftmost-longest) and the name
/// index looks up each token start; their matches merge leftmost-longest, and a span both
/// match keeps the readings of both. Linear in the text: cursors only move forward.
pub fn find(lex: &Lexicon, text: &str, folded: &[u8], tokens: &[Token], out: &mut Hits) {
    out.hits.clear();
    out.entries.clear();
    let mut cands: Vec<Candidate> = Vec::new();
    let mut ti = 0;
    for m in lex.matcher.find_iter(folded) {
        let (s, mut e) = (m.start(), m.end());
        let mut pattern = m.pattern().as_usize();
        while ti < tokens.len() && (tokens[ti].start as usize) < s {
            ti += 1;
        }
        if ti == tokens.len() || tokens[ti].start as usize != s {
            continue;
        }
        // The longest match may end inside a word ("rejected the allegation" in "...
        // allegations") or fail its case rule; then the longest shorter pattern that starts
        // here and ends on a token boundary stands instead.
        loop {
            let mut tj = ti;
            while tj < tokens.len() && (tokens[tj].end as usize) < e {
                tj += 1;
            }
            let aligned = tj < tokens.len() && tokens[tj].end as usize == e;
            let readings = &lex.entries[pattern];
            if aligned && readings.iter().any(|en| case_ok(lex, text, s, e, en.case)) {
                cands.push(Candidate { ts: ti, te: tj + 1, readings });
                break;
            }
            // The last token end strictly before `e`.
            let shorter = tokens[ti..tj.min(tokens.len())]
                .iter()
                .rev()
                .map(|t| t.end as usize)
                .find(|&x| x < e && x > s);
            let Some(limit) = shorter else { break };
            let input = Input::new(folded).range(s..limit).anchored(Anchored::Yes);
            match lex.matcher.find(input) {
                Some(m2) => {
                    e = m2.end();
                    pattern = m2.pattern().as_usize();
                }
                None => break,
            }
        }
    }
    let folded_str = std::str::from_utf8(folded).unwrap_or("");
    let mut i = 0;
    while i < tokens.len() {
        if let Some((id, len)) = lex.names.longest_at(tokens, folded_str, i) {
            let readings = &lex.names.entries[id as usize];
            let (s, e) = (tokens[i].start as usize, tokens[i + len - 1].end as usize);
            if readings.iter().any(|en| case_ok(lex, text, s, e, en.case)) {
                cands.push(Candidate { ts: i, te: i + len, readings });
                i += len;
                continue;
            }
        }
        i += 1;
    }
    cands.sort_by(|a, b| a.ts.cmp(&b.ts).then(b.te.cmp(&a.te)));
    let mut covered = 0;
    let mut i = 0;
    while i < cands.len() {
        let c = cands[i];
        // Every candidate with the same span (one per automaton) contributes readings.
        let mut j = i;
        while j < cands.len() && cands[j].ts == c.ts && cands[j].te == c.te {
            j += 1;
        }
        if c.ts >= covered {
            let first = u32::try_from(out.entries.len()).unwrap_or(u32::MAX);
            for d in &cands[i..j] {
                for entry in d.readings {
                    let (s, e) = (tokens[d.ts].start as usize, tokens[d.te - 1].end as usize);
                    if case_ok(lex, text, s, e, entry.case) {
                        out.entries.push(*entry);
                    }
                }
            }
            let len = u32::try_from(out.entries.len()).unwrap_or(u32::MAX) - first;
            out.hits.push(Hit { ts: c.ts, te: c.te, first, len });
            covered = c.te;
        }
        i = j;
    }
}
