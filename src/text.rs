//! Text primitives shared by the lexicon and the analyzer: case folding that keeps byte
//! offsets, tokens, and sentences. Tokens are byte ranges; their folded (lower-case) form
//! is read from the folded copy at the same offsets.

use crate::lexicon::Grammar;

/// Folds case the way the matcher sees text: ASCII and same-length Unicode letters
/// lower-cased, every whitespace character a space. Byte offsets are preserved, so a match
/// in the folded copy is a span of the original.
pub fn fold_into(text: &str, out: &mut Vec<u8>) {
    out.clear();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(if b.is_ascii_whitespace() { b' ' } else { b.to_ascii_lowercase() });
            i += 1;
            continue;
        }
        // Non-ASCII: decode one char; `text` is a str so boundaries are valid.
        let ch_len = utf8_len(b);
        let s = &text[i..i + ch_len];
        let mut chars = s.chars();
        let c = chars.next().unwrap_or(' ');
        if c.is_whitespace() {
            out.extend(std::iter::repeat_n(b' ', ch_len));
        } else {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == ch_len => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.extend_from_slice(s.as_bytes()),
            }
        }
        i += ch_len;
    }
}

/// Folds a pattern string (same rules as text) into a new `String`.
pub fn fold(s: &str) -> String {
    let mut v = Vec::with_capacity(s.len());
    fold_into(s, &mut v);
    String::from_utf8(v).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A string without its accents ("malé" → "male"); ASCII is returned as is.
pub fn strip_accents(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(
            s.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect(),
        )
    }
}

/// Length of the UTF-8 sequence that starts with `b`.
pub fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Punctuation classes the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punct {
    /// `.`
    Period,
    /// `!` or `?`
    Terminal,
    /// `,`
    Comma,
    /// `;`
    Semicolon,
    /// `:`
    Colon,
    /// Quotation marks of any kind.
    Quote,
    /// `(` or `[`
    Open,
    /// `)` or `]`
    Close,
    /// Hyphens and dashes.
    Dash,
    /// Anything else.
    Other,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (and digits inside words), with inner apostrophes ("didn't").
    Word,
    /// A number: digits with inner `,` or `.`.
    Num,
    /// The possessive `'s` / `’s`.
    Possessive,
    /// Punctuation.
    Punct(Punct),
}

/// A token: a byte range of the text.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Kind.
    pub kind: TokKind,
}

impl Token {
    /// The token's bytes in `s` (the original or the folded copy).
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

fn is_apostrophe_at(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i) == Some(&b'\'') {
        1
    } else if bytes.get(i..i + 3) == Some(&[0xE2, 0x80, 0x99]) {
        3
    } else {
        0
    }
}

fn char_at(text: &str, i: usize) -> (char, usize) {
    let n = utf8_len(text.as_bytes()[i]);
    let c = text.get(i..i + n).and_then(|s| s.chars().next()).unwrap_or(' ');
    (c, n)
}

fn is_word_char(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i];
    if b < 0x80 { b.is_ascii_alphanumeric() } else { char_at(text, i).0.is_alphanumeric() }
}

/// Splits text into tokens. Linear in the input.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let len = bytes.len();
    let to32 = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut i = 0;
    while i < len {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let (c, n) = char_at(text, i);
            if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{FFFD}' {
                i += n;
                continue;
            }
        }
        let start = i;
        if b.is_ascii_digit() {
            i += 1;
            while i < len {
                if bytes[i].is_ascii_digit() {
                    i += 1;
                } else if matches!(bytes[i], b',' | b'.') && i + 1 < len && bytes[i + 1].is_ascii_digit() {
                    i += 2;
                } else {
                    break;
                }
            }
            // "1990s", "26th": letters glued to digits stay one word.
            if i < len && is_word_char(text, i) {
                while i < len && is_word_char(text, i) {
                    i += utf8_len(bytes[i]);
                }
                out.push(Token { start: to32(start), end: to32(i), kind: TokKind::Word });
            } else {
                out.push(Token { start: to32(start), end: to32(i), kind: TokKind::Num });
            }
            continue;
        }
        if is_word_char(text, i) {
            while i < len {
                if is_word_char(text, i) {
                    i += utf8_len(bytes[i]);
                    continue;
                }
                let ap = is_apostrophe_at(bytes, i);
                if ap > 0 && i + ap < len && is_word_char(text, i + ap) {
                    // A possessive "'s" ends the word; "didn't", "d'Ivoire" do not.
                    let s_end = i + ap + 1;
                    let is_poss =
                        matches!(bytes[i + ap], b's' | b'S') && (s_end >= len || !is_word_char(text, s_end));
                    if is_poss {
                        break;
                    }
                    i += ap;
                    continue;
                }
                break;
            }
            out.push(Token { start: to32(start), end: to32(i), kind: TokKind::Word });
            continue;
        }
        let ap = is_apostrophe_at(bytes, i);
        if ap > 0
            && i + ap < len
            && matches!(bytes[i + ap], b's' | b'S')
            && (i + ap + 1 >= len || !is_word_char(text, i + ap + 1))
        {
            i += ap + 1;
            out.push(Token { start: to32(start), end: to32(i), kind: TokKind::Possessive });
            continue;
        }
        let (c, n) = if b < 0x80 { (b as char, 1) } else { char_at(text, i) };
        let p = match c {
            '.' => Punct::Period,
            '!' | '?' => Punct::Terminal,
            ',' => Punct::Comma,
            ';' => Punct::Semicolon,
            ':' => Punct::Colon,
            '"' | '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{00AB}'
            | '\u{00BB}' => Punct::Quote,
            '(' | '[' | '{' => Punct::Open,
            ')' | ']' | '}' => Punct::Close,
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => Punct::Dash,
            _ => Punct::Other,
        };
        i += n;
        out.push(Token { start: to32(start), end: to32(i), kind: TokKind::Punct(p) });
    }
}

/// The end (token index) of a wire dateline at the start of a text: "BAGHDAD (Reuters) -",
/// "PORT LOUIS, Mauritius March 4, 2011 -", "AP -". The first word must be in capitals (or
/// one of the lexicon's news agencies) and a dash must come within fifteen tokens; 0 when
/// there is none.
pub fn dateline(text: &str, tokens: &[Token], grammar: &Grammar) -> usize {
    let Some(first) = tokens.first() else { return 0 };
    let w = first.text(text);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters >= 2 && w.chars().all(|c| !c.is_lowercase());
    if !caps && !grammar.agencies.contains(&w.to_ascii_lowercase()) {
        return 0;
    }
    for (i, t) in tokens.iter().enumerate().take(16) {
        // A hyphen inside a word ("al-Qaeda", "US-led") joins it, it ends no dateline.
        let inner =
            i > 0 && tokens[i - 1].end == t.start && tokens.get(i + 1).is_some_and(|n| n.start == t.end);
        match t.kind {
            TokKind::Punct(Punct::Dash) if !inner => return i + 1,
            TokKind::Punct(Punct::Period | Punct::Terminal | Punct::Semicolon)
                if i > 0 && tokens[i - 1].kind != TokKind::Word =>
            {
                return 0;
            }
            _ => {}
        }
    }
    0
}

/// The longest a sentence may run, in tokens, before it is cut at the next comma (or
/// hard at twice this): keeps the rules linear on text without punctuation.
pub const MAX_SENTENCE_TOKENS: usize = 80;

/// Splits tokens into sentences (token index ranges). Robust to abbreviations, initials,
/// quotes after the stop, and blank lines; long runs without punctuation are cut. A full stop
/// after one of the lexicon's abbreviations ends no sentence.
pub fn sentences(
    text: &str,
    folded: &str,
    tokens: &[Token],
    grammar: &Grammar,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        let mut end_here = false;
        match t.kind {
            TokKind::Punct(Punct::Terminal) => end_here = true,
            TokKind::Punct(Punct::Period) => {
                // A closing quote or bracket may sit between the stop and the space.
                let mut k = i + 1;
                while k < n
                    && tokens[k].start == tokens[k - 1].end
                    && matches!(tokens[k].kind, TokKind::Punct(Punct::Quote | Punct::Close))
                {
                    k += 1;
                }
                let spaced = k >= n || tokens[k].start > tokens[k - 1].end;
                let prev_abbrev = i > 0 && {
                    let p = tokens[i - 1];
                    let w = p.text(folded);
                    p.kind == TokKind::Word
                        && p.end == t.start
                        && (grammar.is_abbreviation(w)
                            || (w.chars().count() == 1 && w.chars().all(char::is_alphabetic)))
                };
                end_here = spaced && !prev_abbrev;
            }
            _ => {}
        }
        // A blank line ends a paragraph, hence a sentence.
        if !end_here && i + 1 < n {
            let gap = &bytes[t.end as usize..tokens[i + 1].start as usize];
            if gap.iter().filter(|&&b| b == b'\n').count() >= 2 {
                end_here = true;
            }
        }
        let len = i + 1 - start;
        if !end_here && len >= MAX_SENTENCE_TOKENS {
            let is_comma = matches!(t.kind, TokKind::Punct(Punct::Comma | Punct::Semicolon));
            end_here = is_comma || len >= 2 * MAX_SENTENCE_TOKENS;
        }
        if end_here {
            // Closing quotes and brackets belong to the sentence they close.
            while i + 1 < n
                && matches!(tokens[i + 1].kind, TokKind::Punct(Punct::Quote | Punct::Close))
                && tokens[i + 1].start == tokens[i].end
            {
                i += 1;
            }
            out.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut t = Vec::new();
        tokenize(s, &mut t);
        t.iter().map(|t| t.text(s).to_owned()).collect()
    }

    fn sents(s: &str) -> Vec<String> {
        static LEX: std::sync::OnceLock<crate::lexicon::Lexicon> = std::sync::OnceLock::new();
        let lex = LEX.get_or_init(|| crate::lexicon::Lexicon::embedded().expect("seed lexicon"));
        let mut t = Vec::new();
        tokenize(s, &mut t);
        let mut f = Vec::new();
        fold_into(s, &mut f);
        let folded = String::from_utf8(f).expect("utf-8");
        let mut out = Vec::new();
        sentences(s, &folded, &t, &lex.grammar, &mut out);
        out.iter().map(|&(a, b)| s[t[a].start as usize..t[b - 1].end as usize].to_owned()).collect()
    }

    #[test]
    fn tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("Pakistan’s Foreign Office", &["Pakistan", "’s", "Foreign", "Office"]),
            ("India's army didn't", &["India", "'s", "army", "didn't"]),
            ("killed 1,200 in 2025.", &["killed", "1,200", "in", "2025", "."]),
            ("Wagah-Attari", &["Wagah", "-", "Attari"]),
            ("Côte d'Ivoire", &["Côte", "d'Ivoire"]),
            ("“Stop,” he said", &["“", "Stop", ",", "”", "he", "said"]),
            ("the Pakistanis' view", &["the", "Pakistanis", "'", "view"]),
            ("", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(toks(input), *expected, "tokens of {input:?}");
        }
    }

    #[test]
    fn sentence_splitting() {
        let cases: &[(&str, &[&str])] = &[
            ("India acted. Pakistan replied.", &["India acted.", "Pakistan replied."]),
            ("Gen. Munir met Mr. Dar. They spoke.", &["Gen. Munir met Mr. Dar.", "They spoke."]),
            ("The U.S. Army moved. It stopped.", &["The U.S. Army moved.", "It stopped."]),
            ("he said. then he left.", &["he said.", "then he left."]),
            ("\"We will respond.\" The army said so.", &["\"We will respond.\"", "The army said so."]),
            ("Para one\n\nPara two", &["Para one", "Para two"]),
            ("Is it war? No!", &["Is it war?", "No!"]),
            ("Rates rose 3.5 percent.", &["Rates rose 3.5 percent."]),
        ];
        for (input, expected) in cases {
            assert_eq!(sents(input), *expected, "sentences of {input:?}");
        }
    }

    #[test]
    fn fold_keeps_offsets() {
        let s = "Pakistan’s\tDAR Über İstanbul";
        let mut out = Vec::new();
        fold_into(s, &mut out);
        assert_eq!(out.len(), s.len());
        let f = String::from_utf8(out).expect("valid utf-8");
        assert!(f.starts_with("pakistan’s dar über"));
    }

    #[test]
    fn long_runs_are_cut() {
        let s = "India ".repeat(1000);
        let got = sents(&s);
        assert!(got.len() >= 1000 / (2 * MAX_SENTENCE_TOKENS));
    }
}
