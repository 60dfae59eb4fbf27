//! Casualty counts: numbers (digits or words) next to death and injury words, as in
//! "the deaths of 26 tourists", "killed at least 26", "twenty-six people were killed".

use crate::text::{Punct, TokKind, Token};

const UNITS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("dozen", 12),
];
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Words allowed between a casualty word and a number after it ("killed at least 26",
/// "death toll rose to 26").
const FORWARD_FILLER: &[&str] = &[
    "at", "least", "more", "than", "nearly", "almost", "about", "around", "some", "over", "up", "to", "of",
    "the", "rose", "risen", "climbed", "reached", "stood", "is", "was", "has", "had", "a", "total",
    "another", "an", "estimated", "as", "many", "least", "roughly", "approximately", "upto", "toll",
];

/// Words that negate a count ("no one was killed").
const NONE_WORDS: &[&str] = &["no", "none", "nobody"];

/// Parses a number starting at token `i`: digits ("1,200") or words ("twenty-six",
/// "two hundred"). Years (1900–2100 written without a comma) are not counts.
/// Returns the value and the index after it.
pub fn number_at(folded: &str, tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    let w = t.text(folded);
    if t.kind == TokKind::Num {
        if w.contains('.') {
            return None;
        }
        let digits: String = w.chars().filter(char::is_ascii_digit).collect();
        let v: u32 = digits.parse().ok()?;
        if !w.contains(',') && (1900..=2100).contains(&v) && digits.len() == 4 {
            return None;
        }
        return Some((v, i + 1));
    }
    let word = |j: usize| tokens.get(j).map(|t| t.text(folded));
    let mut value;
    let mut j = i;
    if let Some(&(_, v)) = TENS.iter().find(|(n, _)| *n == w) {
        value = v;
        j += 1;
        // "twenty-six" or "twenty six"
        let k = if word(j) == Some("-") { j + 1 } else { j };
        if let Some(&(_, u)) = word(k).and_then(|x| UNITS.iter().find(|(n, _)| *n == x)) {
            if u < 10 {
                value += u;
                j = k + 1;
            }
        }
    } else if let Some(&(_, v)) = UNITS.iter().find(|(n, _)| *n == w) {
        value = v;
        j += 1;
    } else if (w == "a" || w == "an") && matches!(word(i + 1), Some("dozen" | "hundred")) {
        value = if word(i + 1) == Some("dozen") { 12 } else { 100 };
        j += 2;
    } else {
        return None;
    }
    match word(j) {
        Some("hundred") => {
            value *= 100;
            j += 1;
        }
        Some("thousand") => {
            value *= 1000;
            j += 1;
        }
        _ => {}
    }
    Some((value, j))
}

/// Which count a casualty word feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toll {
    /// Deaths.
    Killed,
    /// Injuries.
    Injured,
}

/// The count stated around a casualty word spanning tokens `[cs, ce)` of the sentence
/// `[s, e)`: a number just after it ("killed at least 26") or, failing that, just before
/// it ("26 people were killed").
pub fn count_near(
    folded: &str,
    tokens: &[Token],
    (s, e): (usize, usize),
    (cs, ce): (usize, usize),
) -> Option<u32> {
    // Forward.
    let mut j = ce;
    let mut steps = 0;
    while j < e && steps < 5 {
        if let Some((v, _)) = number_at(folded, tokens, j) {
            return Some(v);
        }
        let w = tokens[j].text(folded);
        if !FORWARD_FILLER.contains(&w) {
            break;
        }
        j += 1;
        steps += 1;
    }
    // Backward: the nearest number within six tokens, not across punctuation.
    let lo = cs.saturating_sub(7).max(s);
    let mut k = cs;
    while k > lo {
        k -= 1;
        let t = tokens[k];
        if matches!(t.kind, TokKind::Punct(Punct::Period | Punct::Semicolon | Punct::Colon | Punct::Terminal))
        {
            break;
        }
        let w = t.text(folded);
        if NONE_WORDS.contains(&w) {
            return None;
        }
        // Try a number starting here (or one token earlier, for "twenty - six").
        for start in [k.saturating_sub(2), k.saturating_sub(1), k] {
            if start < s {
                continue;
            }
            if let Some((v, end)) = number_at(folded, tokens, start)
                && end == k + 1
            {
                // "no one was killed"
                if start > s && NONE_WORDS.contains(&tokens[start - 1].text(folded)) {
                    return None;
                }
                return Some(v);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn toks(s: &str) -> (String, Vec<Token>) {
        let mut t = Vec::new();
        tokenize(s, &mut t);
        (s.to_lowercase(), t)
    }

    #[test]
    fn numbers() {
        let cases: &[(&str, Option<u32>)] = &[
            ("26", Some(26)),
            ("1,200", Some(1200)),
            ("twenty-six", Some(26)),
            ("twenty six", Some(26)),
            ("two hundred", Some(200)),
            ("a dozen", Some(12)),
            ("eleven", Some(11)),
            ("2025", None),
            ("3.5", None),
            ("many", None),
        ];
        for (input, expected) in cases {
            let (f, t) = toks(input);
            assert_eq!(number_at(&f, &t, 0).map(|x| x.0), *expected, "{input}");
        }
    }

    #[test]
    fn counts_near_words() {
        // (sentence, casualty word, expected)
        let cases: &[(&str, &str, Option<u32>)] = &[
            ("which resulted in the deaths of 26 tourists", "deaths", Some(26)),
            ("militants killed at least 26 people", "killed", Some(26)),
            ("twenty-six people were killed", "killed", Some(26)),
            ("the death toll rose to 31", "death", Some(31)),
            ("no one was killed", "killed", None),
            ("killed in 2019", "killed", None),
            ("3 soldiers were injured", "injured", Some(3)),
        ];
        for (s, word, expected) in cases {
            let (f, t) = toks(s);
            let i = t.iter().position(|x| x.text(&f) == *word).expect("word present");
            assert_eq!(count_near(&f, &t, (0, t.len()), (i, i + 1)), *expected, "{s}");
        }
    }
}
