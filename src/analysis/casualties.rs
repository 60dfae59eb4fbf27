//! Casualty counts: numbers (digits or words) next to death and injury words, as in
//! "the deaths of 26 tourists", "killed at least 26", "twenty-six people were killed".

use crate::lexicon::Lexicon;
use crate::text::{Punct, TokKind, Token};

/// Parses a number starting at token `i`: digits ("1,200") or words ("twenty-six",
/// "two hundred"). Years (1900–2100 written without a comma) are not counts.
/// Returns the value and the index after it.
pub fn number_at(lex: &Lexicon, folded: &str, tokens: &[Token], i: usize) -> Option<(u32, usize)> {
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
    let numbers = &lex.numbers;
    if let Some(v) = numbers.ten(w) {
        value = v;
        j += 1;
        // "twenty-six" or "twenty six"
        let k = if word(j) == Some("-") { j + 1 } else { j };
        if let Some(u) = word(k).and_then(|x| numbers.unit(x)) {
            if u < 10 {
                value += u;
                j = k + 1;
            }
        }
    } else if let Some(v) = numbers.unit(w) {
        value = v;
        j += 1;
    } else if lex.grammar.indefinite_articles.contains(w) && matches!(word(i + 1), Some("dozen" | "hundred"))
    {
        value = if word(i + 1) == Some("dozen") { 12 } else { 100 };
        j += 2;
    } else {
        return None;
    }
    match word(j) {
        // "two dozen": a multiple of a dozen ("a dozen" is read above).
        Some("dozen") if value < 12 => {
            value *= 12;
            j += 1;
        }
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

/// Whether a token is a word written with a capital and then lower case ("Korram", not
/// "KORRAM": text in capitals says nothing about names).
fn titlecase(text: &str, t: &Token) -> bool {
    let w = text.get(t.start as usize..t.end as usize).unwrap_or("");
    let mut chars = w.chars();
    t.kind == TokKind::Word && chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Whether the number at tokens `[start, end)` is no count of people: in brackets
/// ("Ramesh Gogoi (42) was killed"), an age, duration or amount ("a 16-year-old student",
/// "a 48 hour strike", "20 rounds"), a date ("on March 14 ... killed"), or, `after_name` is
/// asked, an age after a person's name ("Ramu Korram 41", "John Smith, 35,").
fn not_a_count(
    lex: &Lexicon,
    text: &str,
    folded: &str,
    tokens: &[Token],
    (start, end): (usize, usize),
    after_name: bool,
) -> bool {
    let is = |i: usize, p: Punct| tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct(p));
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(folded));
    let bracketed = start > 0 && is(start - 1, Punct::Open) && is(end, Punct::Close);
    let after = if is(end, Punct::Dash) { end + 1 } else { end };
    let g = &lex.grammar;
    let aged = g.not_people.contains(word(after));
    // The token before the number, past a full stop ("Sept. 21") or a comma ("Smith, 35").
    let before = |p: Punct| start.checked_sub(1).map(|b| if is(b, p) { b.checked_sub(1) } else { Some(b) });
    let dated = before(Punct::Period).flatten().is_some_and(|b| g.is_month(word(b)));
    let named = after_name
        && before(Punct::Comma).flatten().is_some_and(|b| {
            b > 0 && titlecase(text, &tokens[b]) && titlecase(text, &tokens[b - 1]) && !g.is_month(word(b))
        });
    bracketed || aged || dated || named
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
    lex: &Lexicon,
    text: &str,
    folded: &str,
    tokens: &[Token],
    (s, e): (usize, usize),
    (cs, ce): (usize, usize),
) -> Option<u32> {
    let g = &lex.grammar;
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(folded));
    // "planned to kill 16 residents": an intention, not a toll.
    if cs > s && word(cs - 1) == "to" && word(cs) == "kill" {
        return None;
    }
    // "32 municipal bodies" are councils, not the dead.
    if cs > s && matches!(word(cs), "body" | "bodies") && g.institution.contains(word(cs - 1)) {
        return None;
    }
    // Forward.
    let mut j = ce;
    let mut steps = 0;
    while j < e && steps < 5 {
        if let Some((v, end)) = number_at(lex, folded, tokens, j) {
            if not_a_count(lex, text, folded, tokens, (j, end), false) {
                break;
            }
            return Some(v);
        }
        let w = tokens[j].text(folded);
        if !g.forward_filler.contains(w) {
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
        if g.none_words.contains(w) {
            return None;
        }
        // Try a number starting here (or one token earlier, for "twenty - six").
        for start in [k.saturating_sub(2), k.saturating_sub(1), k] {
            if start < s {
                continue;
            }
            if let Some((v, end)) = number_at(lex, folded, tokens, start)
                && end == k + 1
                && !not_a_count(lex, text, folded, tokens, (start, end), true)
            {
                // "no one was killed"
                if start > s && g.none_words.contains(tokens[start - 1].text(folded)) {
                    return None;
                }
                return Some(v);
            }
        }
        // A count further back lies across a preposition or a clause: "10 commandos in an
        // encounter killed their commander" counts the killers.
        if g.gap_stop.contains(w) || g.perception.contains(w) {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn lex() -> &'static Lexicon {
        static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEX.get_or_init(|| Lexicon::embedded().expect("seed lexicon"))
    }

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
            ("two dozen", Some(24)),
            ("eleven", Some(11)),
            ("2025", None),
            ("3.5", None),
            ("many", None),
        ];
        for (input, expected) in cases {
            let (f, t) = toks(input);
            assert_eq!(number_at(lex(), &f, &t, 0).map(|x| x.0), *expected, "{input}");
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
            assert_eq!(count_near(lex(), s, &f, &t, (0, t.len()), (i, i + 1)), *expected, "{s}");
        }
    }

    /// Bugs fixed: each case once gave a wrong count.
    #[test]
    fn regression() {
        let cases: &[(&str, &str, Option<u32>)] = &[
            // An age in brackets after a name is no death toll (it once read as "killed" and the age).
            ("one man, identified as ramesh gogoi (42) was reportedly killed", "killed", None),
            ("anil das (31) and meena das (54) died in hospital", "died", None),
            // Nor is an age in years.
            ("the home of a 16 year old student, who had died in May", "died", None),
            ("a 13-year-old girl died", "died", None),
            // A count still counts.
            ("killing at least 7 villagers and injuring 11", "killing", Some(7)),
            ("twelve (12) troopers were killed", "killed", Some(12)),
            // "two dozen" is 24, not a dozen.
            ("roughly two dozen police officers were killed", "killed", Some(24)),
            ("more than 9 million people saw the soap villain killed off", "killed", None),
            ("14 million people killed", "killed", None),
            // Nor durations or munitions.
            ("ahead of a 48 hour general strike on March 9 died", "died", None),
            ("fired 20 rounds at the car, killing them instantly", "killing", None),
            // An intention is no toll; councils are no bodies; a count across a preposition
            // counts someone else.
            ("the cell plotted to kill 9 workers of the plant", "kill", None),
            ("elections in the State's 32 municipal bodies", "bodies", None),
            ("a squad which included CRPF 12 jawans in an operation killed the leader", "killed", None),
            ("23 bodies were recovered in the area", "bodies", Some(23)),
            ("at least 18 burned and decomposed bodies were found", "bodies", Some(18)),
            ("one of the three gunmen who were killed in the raid", "killed", Some(3)),
            ("12 members of the family were killed", "killed", Some(12)),
            // A date is no count either.
            ("in Sopore town on March 14 reports The Hindu The slain villagers", "slain", None),
            ("the June 8, 2019, killing of a local trader", "killing", None),
            // Nor an age after a name, with or without its commas.
            ("attacked head constable Ramu Korram 41 killing him", "killing", None),
            ("Police said John Smith, 35, was killed", "killed", None),
            // But capitals alone make no name.
            ("MILITANTS KILLED 26 IN KASHMIR", "killed", Some(26)),
            ("At least 26 tourists were killed", "killed", Some(26)),
        ];
        for (s, word, expected) in cases {
            let (f, t) = toks(s);
            let i = t.iter().position(|x| x.text(&f) == *word).expect("word present");
            assert_eq!(count_near(lex(), s, &f, &t, (0, t.len()), (i, i + 1)), *expected, "{s}");
        }
    }
}
