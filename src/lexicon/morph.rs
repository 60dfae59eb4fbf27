//! English morphology for the lexicon: verb inflections, noun plurals and spelling variants.
//! Pure functions; the irregular verbs come from the lexicon (`verbs.toml`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Verbs;

/// The grammatical form of an inflected verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// Lemma / present ("blame").
    Base,
    /// Third person singular ("blames").
    Third,
    /// Simple past ("blamed", "took").
    Past,
    /// Past participle ("blamed", "taken"); passive voice needs it.
    Participle,
    /// Gerund / present participle ("blaming").
    Gerund,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a word ends consonant-vowel-consonant, so that its final consonant may double
/// ("ban" → "banned"); stress decides in English, so callers emit both spellings.
fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && is_vowel(w[n - 2])
        && !is_vowel(w[n - 3])
}

fn third_person(w: &str, verbs: &Verbs) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if let Some(third) = verbs.third_person(w) {
        return third.to_owned();
    }
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || (w.ends_with('o') && n >= 2 && !is_vowel(b[n - 2]))
    {
        format!("{w}es")
    } else if w.ends_with('y') && n >= 2 && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    }
}

fn regular_past(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('e') {
        vec![format!("{w}d")]
    } else if w.ends_with('y') && n >= 2 && !is_vowel(b[n - 2]) {
        vec![format!("{}ied", &w[..n - 1])]
    } else if ends_cvc(b) {
        vec![format!("{w}ed"), format!("{w}{}ed", b[n - 1] as char)]
    } else {
        vec![format!("{w}ed")]
    }
}

fn gerunds(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with("ie") {
        vec![format!("{}ying", &w[..n - 2])]
    } else if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") && n > 2 {
        vec![format!("{}ing", &w[..n - 1])]
    } else if ends_cvc(b) {
        vec![format!("{w}ing"), format!("{w}{}ing", b[n - 1] as char)]
    } else {
        vec![format!("{w}ing")]
    }
}

/// Every inflected form of a verb phrase; the first word inflects ("hold talks with" →
/// "held talks with"), and so does a verb coordinated with it ("shoot and kill" → "shot and
/// killed", "shooting and killing").
pub fn verb_forms(phrase: &str, verbs: &Verbs) -> Vec<(String, VerbForm)> {
    let (head, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
    // "V and W ...": W takes V's form.
    let coordinated = rest.split_once(' ').map_or((rest, ""), |(c, r)| (c, r));
    let (second, tail) = match coordinated {
        ("and" | "or", r) if !r.is_empty() => {
            let (w, t) = r.split_once(' ').unwrap_or((r, ""));
            (Some((coordinated.0, w)), t)
        }
        _ => (None, rest),
    };
    let tail = if tail.is_empty() { String::new() } else { format!(" {tail}") };
    let mut out: Vec<(String, VerbForm)> = Vec::with_capacity(6);
    for (word, form) in word_forms(head, verbs) {
        let phrase = match second {
            Some((conj, verb)) => {
                let forms = word_forms(verb, verbs);
                // The same form of the second verb (its first spelling), else its base.
                let w = forms.iter().find(|(_, f)| *f == form).map_or(verb, |(w, _)| w.as_str());
                format!("{word} {conj} {w}{tail}")
            }
            None => format!("{word}{tail}"),
        };
        if !out.iter().any(|(o, f)| *o == phrase && *f == form) {
            out.push((phrase, form));
        }
    }
    out
}

/// The inflected forms of one verb, base first.
fn word_forms(head: &str, verbs: &Verbs) -> Vec<(String, VerbForm)> {
    let mut out: Vec<(String, VerbForm)> = Vec::with_capacity(6);
    let mut push = |word: String, form: VerbForm| {
        if !out.iter().any(|(o, f)| *o == word && *f == form) {
            out.push((word, form));
        }
    };
    push(head.to_owned(), VerbForm::Base);
    push(third_person(head, verbs), VerbForm::Third);
    for w in verbs.other_present(head) {
        push(w.to_owned(), VerbForm::Base);
    }
    match verbs.irregular(head) {
        Some((past, participle)) => {
            push(past.to_owned(), VerbForm::Past);
            push(participle.to_owned(), VerbForm::Participle);
            if verbs.regular_too(head) {
                for p in regular_past(head) {
                    push(p.clone(), VerbForm::Past);
                    push(p, VerbForm::Participle);
                }
            }
        }
        None => {
            // A prefix on an irregular verb inflects like it ("overrun" → "overran"); the
            // regular forms stay too, for the words that only look prefixed ("relay").
            let prefixed = verbs.prefixes().find_map(|p| {
                let rest = head.strip_prefix(p)?;
                verbs.irregular(rest).map(|(past, part)| (p, past, part))
            });
            if let Some((p, past, participle)) = prefixed {
                push(format!("{p}{past}"), VerbForm::Past);
                push(format!("{p}{participle}"), VerbForm::Participle);
            }
            for p in regular_past(head) {
                push(p.clone(), VerbForm::Past);
                push(p, VerbForm::Participle);
            }
        }
    }
    for g in gerunds(head) {
        push(g, VerbForm::Gerund);
    }
    out
}

/// The regular plural of a noun phrase (last word inflects): "soldier" → "soldiers",
/// "army" → "armies", "gunman" → "gunmen".
pub fn plural(phrase: &str) -> String {
    let (init, last) = match phrase.rsplit_once(' ') {
        Some((i, l)) => (format!("{i} "), l),
        None => (String::new(), phrase),
    };
    let b = last.as_bytes();
    let n = b.len();
    let p = if n == 0 {
        String::new()
    } else if last.ends_with("man") && !last.ends_with("human") && n > 3 {
        format!("{}men", &last[..n - 3])
    } else if last.ends_with('s')
        || last.ends_with('x')
        || last.ends_with('z')
        || last.ends_with("ch")
        || last.ends_with("sh")
    {
        format!("{last}es")
    } else if last.ends_with('y') && n >= 2 && !is_vowel(b[n - 1 - 1]) {
        format!("{}ies", &last[..n - 1])
    } else {
        format!("{last}s")
    };
    format!("{init}{p}")
}

/// Spelling variants of a name the engine adds by itself: straight and curly apostrophes,
/// hyphen as space or nothing, accents folded. The original comes first.
pub fn variants(name: &str) -> Vec<String> {
    fn add(out: &mut Vec<String>, s: String) {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    let mut out = vec![name.to_owned()];
    if !name.is_ascii() {
        let folded: String = name.nfd().filter(|c| !is_combining_mark(*c)).collect();
        add(&mut out, folded);
    }
    for v in out.clone() {
        if v.contains('\'') {
            add(&mut out, v.replace('\'', "\u{2019}"));
        }
        if v.contains('\u{2019}') {
            add(&mut out, v.replace('\u{2019}', "'"));
        }
    }
    for v in out.clone() {
        if v.contains('-') {
            add(&mut out, v.replace('-', " "));
            add(&mut out, v.replace('-', ""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(p: &str) -> Vec<String> {
        static LEX: std::sync::OnceLock<crate::lexicon::Lexicon> = std::sync::OnceLock::new();
        let lex = LEX.get_or_init(|| crate::lexicon::Lexicon::embedded().expect("seed lexicon"));
        verb_forms(p, &lex.verbs).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn verbs_inflect_regularly_and_irregularly() {
        let cases: &[(&str, &[&str])] = &[
            ("blame", &["blame", "blames", "blamed", "blaming"]),
            ("accuse", &["accuses", "accused", "accusing"]),
            ("deny", &["denies", "denied", "denying"]),
            ("ban", &["bans", "banned", "banning"]),
            ("visit", &["visited", "visiting"]),
            ("shoot down", &["shot down", "shooting down", "shoots down"]),
            ("hold talks with", &["held talks with", "holding talks with"]),
            ("reach out to", &["reached out to", "reaching out to"]),
            ("take", &["took", "taken", "taking"]),
            ("die", &["died", "dying"]),
            ("agree", &["agreed", "agreeing"]),
            ("impose", &["imposed", "imposing"]),
            ("shoot and kill", &["shot and killed", "shooting and killing", "shoots and kills"]),
            ("overrun", &["overran", "overrunning"]),
            ("outfight", &["outfought"]),
            ("rebuild", &["rebuilt"]),
            ("burn", &["burnt", "burned", "burning"]),
            ("hang", &["hung", "hanged"]),
            ("relay", &["relayed"]),
            ("intercept and seize", &["intercepted and seized", "intercepting and seizing"]),
        ];
        for (lemma, expected) in cases {
            let got = forms(lemma);
            for e in *expected {
                assert!(got.iter().any(|g| g == e), "{lemma}: missing {e} in {got:?}");
            }
        }
    }

    #[test]
    fn nouns_pluralize() {
        let cases = [
            ("soldier", "soldiers"),
            ("army", "armies"),
            ("gunman", "gunmen"),
            ("policeman", "policemen"),
            ("militia", "militias"),
            ("human rights group", "human rights groups"),
            ("airstrike", "airstrikes"),
            ("day", "days"),
            ("human", "humans"),
        ];
        for (s, p) in cases {
            assert_eq!(plural(s), p, "plural of {s}");
        }
    }

    #[test]
    fn variants_cover_apostrophes_hyphens_accents() {
        let v = variants("Khürelsükh");
        assert!(v.contains(&"Khurelsukh".to_owned()));
        let v = variants("al-Shabaab");
        assert!(v.contains(&"al Shabaab".to_owned()) && v.contains(&"alShabaab".to_owned()));
        let v = variants("People's Republic of China");
        assert!(v.contains(&"People\u{2019}s Republic of China".to_owned()));
    }
}
