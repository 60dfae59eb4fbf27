//! Loading the codebook: the `[class.*]`, `[rung.*]` and `[quad.*]` tables of `cameo.toml`
//! checked against the `[[code]]` list and compiled into a [`Codebook`]; and the seed's
//! codebook, loaded once for [`Codebook::standard`].

use std::collections::HashMap;
use std::sync::OnceLock;

use toml::Spanned;

use super::compile::{Loc, compile_codes, parse_file};
use super::schema::{LexiconFile, SelectorEntry};
use super::{CodeId, EMBEDDED, LexiconError};
use crate::model::{Cameo, Class, Codebook, Quad, Rung, Selector};

/// The file of the seed lexicon that declares the codes and their classes.
const SEED_FILE: &str = "cameo.toml";

/// The seed lexicon's codebook (`seeds/lexicon/cameo.toml`, embedded), loaded and validated
/// on first use.
///
/// # Panics
/// If the embedded file is invalid: a build of a broken seed, which the lexicon's tests
/// catch.
pub fn standard_codebook() -> &'static Codebook {
    static BOOK: OnceLock<Codebook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let text = EMBEDDED.iter().find(|(name, _)| *name == SEED_FILE).map_or("", |(_, text)| *text);
        let load = || -> Result<Codebook, LexiconError> {
            let file = parse_file(SEED_FILE, text)?;
            let files = [(Loc { file: SEED_FILE, text }, file)];
            let (_, index) = compile_codes(&files)?;
            compile(&files, &index)
        };
        load().unwrap_or_else(|e| panic!("the embedded codebook is invalid: {e}"))
    })
}

/// Compiles the codebook tables of every file. With codes declared, every class must be
/// declared once, and the rung and quad tables must each give every root exactly one entry.
pub(super) fn compile(
    files: &[(Loc<'_>, LexiconFile)],
    codes: &HashMap<String, CodeId>,
) -> Result<Codebook, LexiconError> {
    let mut classes: Vec<(Class, Selector)> = Vec::new();
    let mut rungs: Vec<(Rung, Selector)> = Vec::new();
    let mut quads: Vec<(Quad, Selector)> = Vec::new();
    // Where the tables are, for errors about what is missing.
    let mut anchor: Option<(&Loc<'_>, &Spanned<SelectorEntry>)> = None;
    for (loc, f) in files {
        for (name, item) in &f.class {
            let entry = format!("class.{name}");
            let class = Class::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Class::ALL.iter().map(|c| c.name()).collect();
                loc.invalid(item, &entry, format!("unknown class; the classes are {}", known.join(", ")))
            })?;
            if classes.iter().any(|(c, _)| *c == class) {
                return Err(loc.invalid(item, entry, "declared twice"));
            }
            classes.push((class, selector(loc, item, &entry, codes)?));
            anchor.get_or_insert((loc, item));
        }
        for (name, item) in &f.rung {
            let entry = format!("rung.{name}");
            let rung = name
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= Rung::War.number())
                .map(Rung::from_number)
                .ok_or_else(|| loc.invalid(item, &entry, "a rung is a number 0 to 7"))?;
            if rungs.iter().any(|(r, _)| *r == rung) {
                return Err(loc.invalid(item, entry, "declared twice"));
            }
            let s = selector(loc, item, &entry, codes)?;
            if let Some(dup) = s.codes.iter().find(|c| rungs.iter().any(|(_, o)| o.codes.contains(c))) {
                return Err(loc.invalid(item, entry, format!("code {dup} has a rung already")));
            }
            rungs.push((rung, s));
            anchor.get_or_insert((loc, item));
        }
        for (name, item) in &f.quad {
            let entry = format!("quad.{name}");
            let quad = Quad::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Quad::ALL.iter().map(|q| q.as_str()).collect();
                loc.invalid(item, &entry, format!("unknown quad class; they are {}", known.join(", ")))
            })?;
            if quads.iter().any(|(q, _)| *q == quad) {
                return Err(loc.invalid(item, entry, "declared twice"));
            }
            quads.push((quad, selector(loc, item, &entry, codes)?));
            anchor.get_or_insert((loc, item));
        }
    }
    if codes.is_empty() && anchor.is_none() {
        // A lexicon without events needs no codebook.
        return Ok(Codebook::new([], Vec::new(), Vec::new()));
    }
    let missing = |what: String| match anchor {
        Some((loc, item)) => loc.invalid(item, what, "not declared"),
        None => LexiconError::Invalid {
            file: files.first().map_or_else(String::new, |(loc, _)| loc.file.to_owned()),
            line: 1,
            entry: what,
            message: "not declared: the codes have no classes, rungs or quad classes".to_owned(),
        },
    };
    if let Some(class) = Class::ALL.iter().find(|c| !classes.iter().any(|(d, _)| d == *c)) {
        return Err(missing(format!("class.{}", class.name())));
    }
    for root in Cameo::ROOTS {
        for (table, roots) in [
            (
                "rung",
                rungs.iter().map(|(_, s)| s.roots.iter().filter(|r| **r == root).count()).sum::<usize>(),
            ),
            ("quad", quads.iter().map(|(_, s)| s.roots.iter().filter(|r| **r == root).count()).sum()),
        ] {
            if roots != 1 {
                let what = format!("{table} of root {root:02}");
                return Err(match (roots, anchor) {
                    (0, _) | (_, None) => missing(what),
                    (_, Some((loc, item))) => loc.invalid(item, what, "given more than once"),
                });
            }
        }
    }
    Ok(Codebook::new(classes, rungs, quads))
}

/// A selector whose roots are CAMEO roots and whose codes are in the code list.
fn selector(
    loc: &Loc<'_>,
    item: &Spanned<SelectorEntry>,
    entry: &str,
    codes: &HashMap<String, CodeId>,
) -> Result<Selector, LexiconError> {
    let e = item.get_ref();
    if e.roots.is_empty() && e.codes.is_empty() {
        return Err(loc.invalid(item, entry, "takes no roots and no codes"));
    }
    if let Some(r) = e.roots.iter().find(|r| !Cameo::ROOTS.contains(r)) {
        return Err(loc.invalid(item, entry, format!("root {r} is not a CAMEO root (1 to 20)")));
    }
    let mut out = Selector { roots: e.roots.clone(), codes: Vec::with_capacity(e.codes.len()) };
    for c in &e.codes {
        match Cameo::parse(c) {
            Some(code) if codes.contains_key(c) => out.codes.push(code),
            _ => return Err(loc.invalid(item, entry, format!("code {c:?} is not in the [[code]] list"))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;

    fn load(tables: &str) -> Result<Codebook, LexiconError> {
        let codes = "[[code]]\ncode = \"19\"\nname = \"Fight\"\ngoldstein = -10.0\nplover = \"ASSAULT\"\n\n\
                     [[code]]\ncode = \"195\"\nname = \"Employ aerial weapons\"\ngoldstein = -10.0\nplover = \"ASSAULT\"\n";
        let text = format!("{codes}\n{tables}");
        let files = [(Loc { file: "test.toml", text: &text }, parse_file("test.toml", &text)?)];
        let (_, index) = compile_codes(&files)?;
        compile(&files, &index)
    }

    /// Every root once in a table, as TOML.
    const ALL_ROOTS: &str = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]";

    fn valid_tables() -> String {
        let classes: String =
            Class::ALL.iter().map(|c| format!("[class.{}]\nroots = [19]\n", c.name())).collect();
        format!(
            "{classes}[rung.5]\nroots = {ALL_ROOTS}\n[rung.6]\ncodes = [\"195\"]\n[quad.material_conflict]\nroots = {ALL_ROOTS}\n"
        )
    }

    #[test]
    fn the_seed_codebook_loads_and_is_the_lexicons() {
        let lex = crate::lexicon::Lexicon::embedded().expect("seed lexicon");
        assert_eq!(&lex.codebook, standard_codebook());
        assert!(Cameo::of("195").is_violent() && !Cameo::of("172").is_violent());
        assert_eq!(Cameo::of("195").rung_as(Modality::Threatened), Rung::Threats);
    }

    /// The rung as `model::Rung::of_code` computed it at 08cc5e5, before the codebook.
    fn rung_before(cameo: &str, modality: Modality) -> Rung {
        let root: u8 = cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
        let full = match root {
            0..=8 => Rung::Cooperation,
            9..=12 | 14 => Rung::Rhetoric,
            13 => Rung::Threats,
            16 => Rung::Measures,
            17 if cameo.starts_with("171") || cameo.starts_with("175") => Rung::LimitedForce,
            17 => Rung::Measures,
            15 => Rung::Posture,
            18 => Rung::LimitedForce,
            19 if cameo.starts_with("193") || cameo.starts_with("196") || cameo == "19" || cameo == "190" => {
                Rung::LimitedForce
            }
            19 => Rung::MajorOperations,
            _ => Rung::War,
        };
        match modality {
            Modality::Asserted | Modality::Reported => full,
            Modality::Threatened => full.min(Rung::Threats),
            Modality::Considered | Modality::Negated => full.min(Rung::Rhetoric),
        }
    }

    #[test]
    fn the_seed_codebook_means_what_the_literals_meant() {
        // Every code of the seed, against the literals the codebook replaced (08cc5e5).
        let lex = crate::lexicon::Lexicon::embedded().expect("seed lexicon");
        let modalities = [
            Modality::Asserted,
            Modality::Reported,
            Modality::Threatened,
            Modality::Considered,
            Modality::Negated,
        ];
        for info in &lex.codes {
            let (s, root, c) = (info.code.as_str(), info.root, Cameo::of(&info.code));
            assert_eq!(c.root(), root, "{s}");
            assert_eq!(c.is_violent(), root >= 18, "violent {s}");
            assert_eq!(c.is_measure(), matches!(root, 12 | 13 | 16 | 17), "measure {s}");
            assert_eq!(c.is_protest(), root == 14, "protest {s}");
            assert_eq!(c.is_dissent(), root == 14 || s.starts_with("082") || s == "1242", "dissent {s}");
            assert_eq!(c.is_coercion(), root == 17, "coerce {s}");
            let sanction = matches!(root, 16 | 17) || s.starts_with("131") || s.starts_with("132");
            assert_eq!(c.is_sanction(), sanction, "sanction {s}");
            assert_eq!(c.is_threat(), root == 13, "threat {s}");
            let de_escalates = s.starts_with("046")
                || s.starts_with("057")
                || s.starts_with("087")
                || s == "085"
                || s == "0356";
            assert_eq!(c.is_de_escalating(), de_escalates, "de-escalating {s}");
            assert_eq!(c.is_mutual_combat(), ["190", "193"].contains(&s), "mutual combat {s}");
            assert_eq!(c.is_denial(), s == "016", "denial {s}");
            assert_eq!(c.is_deployment(), matches!(root, 7 | 15), "deployment {s}");
            for m in modalities {
                assert_eq!(c.rung_as(m), rung_before(s, m), "rung {s} {m:?}");
            }
            let quad = match root {
                2..=5 => "verbal_cooperation",
                6..=8 => "material_cooperation",
                9..=13 => "verbal_conflict",
                14..=20 => "material_conflict",
                _ => "make_statement",
            };
            assert_eq!(c.quad().map(Quad::as_str), Some(quad), "quad {s}");
        }
    }

    #[test]
    fn tables_load() {
        let book = load(&valid_tables()).expect("valid");
        assert_eq!(book.rung(Cameo::of("195")), Rung::MajorOperations);
        assert_eq!(book.rung(Cameo::of("19")), Rung::LimitedForce);
        assert!(book.has(Class::Violent, Cameo::of("195")));
    }

    #[test]
    fn errors_name_the_entry() {
        let cases = [
            ("an unknown class", "[class.nasty]\nroots = [19]\n", "class.nasty"),
            ("a root out of range", "[class.violent]\nroots = [21]\n", "class.violent"),
            ("an unknown code", "[class.violent]\ncodes = [\"1999\"]\n", "class.violent"),
            ("an empty class", "[class.violent]\n", "class.violent"),
            ("a rung beyond 7", "[rung.8]\nroots = [19]\n", "rung.8"),
            ("an unknown quad class", "[quad.loud]\nroots = [19]\n", "quad.loud"),
        ];
        for (name, tables, entry) in cases {
            let err = load(tables).expect_err(name).to_string();
            assert!(err.contains(entry), "{name}: {err}");
        }
        // Tables that parse but leave something out.
        let without_threat = valid_tables().replace("[class.threat]\nroots = [19]\n", "");
        assert!(load(&without_threat).expect_err("a class missing").to_string().contains("class.threat"));
        let twice = valid_tables().replace("[rung.6]\ncodes = [\"195\"]", "[rung.6]\nroots = [19]");
        assert!(load(&twice).expect_err("a root twice").to_string().contains("rung of root 19"));
        let no_quad = valid_tables().replace(&format!("[quad.material_conflict]\nroots = {ALL_ROOTS}\n"), "");
        assert!(load(&no_quad).expect_err("no quads").to_string().contains("quad of root 01"));
        assert!(load("[class.violent]\nroots = 19\n").is_err(), "schema: roots is a list");
    }
}
