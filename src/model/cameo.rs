//! What a CAMEO code means: the [`Cameo`] code type and the [`Codebook`] of its classes
//! (violent, measure, protest, sanction, threat, de-escalating ...), ladder rungs and quad
//! classes. The classes are data, declared in `seeds/lexicon/cameo.toml` and loaded and
//! validated by the lexicon loader; nothing outside that file names a code number.

use std::fmt;
use std::ops::RangeInclusive;

use super::{Modality, Rung};

/// A CAMEO event code: two to four digits, the first two its root ("19", "190", "1711").
/// Copy, no allocation; a text that is no code reads as [`Cameo::NONE`], which has root 0
/// and no class.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Cameo {
    digits: [u8; 4],
    len: u8,
}

impl Cameo {
    /// No code: root 0, in no class, rung [`Rung::Cooperation`].
    pub const NONE: Cameo = Cameo { digits: [0; 4], len: 0 };

    /// The roots a codebook has, 01 to 20.
    pub const ROOTS: RangeInclusive<u8> = 1..=20;

    /// A code from its text: two to four ASCII digits, else `None`.
    pub fn parse(text: &str) -> Option<Cameo> {
        let b = text.as_bytes();
        if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut digits = [0; 4];
        digits[..b.len()].copy_from_slice(b);
        Some(Cameo { digits, len: u8::try_from(b.len()).unwrap_or(0) })
    }

    /// A code from its text, [`Cameo::NONE`] when it is none (codes in events come from the
    /// codebook, so this is the reading for them).
    pub fn of(text: &str) -> Cameo {
        Cameo::parse(text).unwrap_or(Cameo::NONE)
    }

    /// The code's text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or("")
    }

    /// The root, 1 to 20 for a codebook code (0 for [`Cameo::NONE`]).
    pub fn root(self) -> u8 {
        if self.len < 2 {
            return 0;
        }
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// Number of digits, 2 to 4 (0 for none).
    pub fn len(self) -> usize {
        usize::from(self.len)
    }

    /// Whether this is [`Cameo::NONE`].
    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// Whether this code is `parent` or under it ("1711" is under "171" and "17").
    pub fn is_under(self, parent: Cameo) -> bool {
        parent.len > 0
            && parent.len <= self.len
            && self.digits[..parent.len()] == parent.digits[..parent.len()]
    }

    /// Whether the codebook puts this code in `class`.
    pub fn is(self, class: Class) -> bool {
        Codebook::standard().has(class, self)
    }

    /// Violence: assault, fighting, mass violence (roots 18-20).
    pub fn is_violent(self) -> bool {
        self.is(Class::Violent)
    }

    /// A measure or threat aimed at another party (rejection, threats, reduced relations,
    /// coercion): aimed at no one named, it aims at the other party of the article's dyad.
    pub fn is_measure(self) -> bool {
        self.is(Class::Measure)
    }

    /// Protest (root 14).
    pub fn is_protest(self) -> bool {
        self.is(Class::Protest)
    }

    /// Dissent: protest, and ending or refusing to end one.
    pub fn is_dissent(self) -> bool {
        self.is(Class::Dissent)
    }

    /// Coercion: repression, seizures, arrests (root 17).
    pub fn is_coercion(self) -> bool {
        self.is(Class::Coerce)
    }

    /// A sanction: reduced relations and coercion, and threats of them.
    pub fn is_sanction(self) -> bool {
        self.is(Class::Sanction)
    }

    /// A threat (root 13).
    pub fn is_threat(self) -> bool {
        self.is(Class::Threat)
    }

    /// De-escalating between the parties when it happens: talks, agreements, ceasefires,
    /// withdrawals, lifted sanctions.
    pub fn is_de_escalating(self) -> bool {
        self.is(Class::DeEscalating)
    }

    /// Fighting done to each other (clashes, exchanges of fire): between the members of a
    /// compound subject it is one's against the other.
    pub fn is_mutual_combat(self) -> bool {
        self.is(Class::MutualCombat)
    }

    /// Denying responsibility.
    pub fn is_denial(self) -> bool {
        self.is(Class::Denial)
    }

    /// Sending or deploying forces (aid, military posture): the troops are the actor's
    /// means, not whom it acts on.
    pub fn is_deployment(self) -> bool {
        self.is(Class::Deployment)
    }

    /// Arresting or detaining.
    pub fn is_arrest(self) -> bool {
        self.is(Class::Arrest)
    }

    /// Crowd control by force (tear gas, batons).
    pub fn is_crowd_control(self) -> bool {
        self.is(Class::CrowdControl)
    }

    /// The rung the event reaches when it happened.
    pub fn rung(self) -> Rung {
        Codebook::standard().rung(self)
    }

    /// The rung the event reaches with this modality (see [`Rung::capped`]).
    pub fn rung_as(self, modality: Modality) -> Rung {
        self.rung().capped(modality)
    }

    /// The quad class, `None` for no code.
    pub fn quad(self) -> Option<Quad> {
        Codebook::standard().quad(self)
    }
}

impl fmt::Display for Cameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Cameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cameo({:?})", self.as_str())
    }
}

/// A class of codes the analyzer and the engine ask about; each is declared in
/// `cameo.toml` as `[class.NAME]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// `violent`.
    Violent,
    /// `measure`.
    Measure,
    /// `protest`.
    Protest,
    /// `dissent`.
    Dissent,
    /// `coerce`.
    Coerce,
    /// `sanction`.
    Sanction,
    /// `threat`.
    Threat,
    /// `de_escalating`.
    DeEscalating,
    /// `mutual_combat`.
    MutualCombat,
    /// `denial`.
    Denial,
    /// `deployment`.
    Deployment,
    /// `arrest`.
    Arrest,
    /// `crowd_control`.
    CrowdControl,
}

impl Class {
    /// Every class, in declaration order.
    pub const ALL: [Class; 13] = [
        Class::Violent,
        Class::Measure,
        Class::Protest,
        Class::Dissent,
        Class::Coerce,
        Class::Sanction,
        Class::Threat,
        Class::DeEscalating,
        Class::MutualCombat,
        Class::Denial,
        Class::Deployment,
        Class::Arrest,
        Class::CrowdControl,
    ];

    /// Its name in `cameo.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Class::Violent => "violent",
            Class::Measure => "measure",
            Class::Protest => "protest",
            Class::Dissent => "dissent",
            Class::Coerce => "coerce",
            Class::Sanction => "sanction",
            Class::Threat => "threat",
            Class::DeEscalating => "de_escalating",
            Class::MutualCombat => "mutual_combat",
            Class::Denial => "denial",
            Class::Deployment => "deployment",
            Class::Arrest => "arrest",
            Class::CrowdControl => "crowd_control",
        }
    }

    /// The class of a name.
    pub fn from_name(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The quad class of a root: cooperation or conflict, verbal or material, with the
/// neutral statements of root 01 apart. Declared in `cameo.toml` as `[quad.NAME]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quad {
    /// `make_statement`: neutral statements.
    MakeStatement,
    /// `verbal_cooperation`.
    VerbalCooperation,
    /// `material_cooperation`.
    MaterialCooperation,
    /// `verbal_conflict`.
    VerbalConflict,
    /// `material_conflict`.
    MaterialConflict,
}

impl Quad {
    /// Every quad class.
    pub const ALL: [Quad; 5] = [
        Quad::MakeStatement,
        Quad::VerbalCooperation,
        Quad::MaterialCooperation,
        Quad::VerbalConflict,
        Quad::MaterialConflict,
    ];

    /// Its name in `cameo.toml` and in evaluation labels.
    pub const fn as_str(self) -> &'static str {
        match self {
            Quad::MakeStatement => "make_statement",
            Quad::VerbalCooperation => "verbal_cooperation",
            Quad::MaterialCooperation => "material_cooperation",
            Quad::VerbalConflict => "verbal_conflict",
            Quad::MaterialConflict => "material_conflict",
        }
    }

    /// The quad class of a name.
    pub fn from_name(name: &str) -> Option<Quad> {
        Quad::ALL.into_iter().find(|q| q.as_str() == name)
    }
}

/// Which codes an entry of the codebook takes: whole roots, and codes with every code
/// under them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    /// Whole roots.
    pub roots: Vec<u8>,
    /// Codes, each with the codes under it.
    pub codes: Vec<Cameo>,
}

impl Selector {
    /// How specifically this selector takes `code`: the number of digits of its longest
    /// match (a root counts two), `None` when it does not take it.
    pub fn specificity(&self, code: Cameo) -> Option<usize> {
        let by_code = self.codes.iter().filter(|c| code.is_under(**c)).map(|c| c.len()).max();
        let by_root = (!code.is_empty() && self.roots.contains(&code.root())).then_some(2);
        by_code.max(by_root)
    }

    /// Whether this selector takes `code`.
    pub fn matches(&self, code: Cameo) -> bool {
        self.specificity(code).is_some()
    }
}

/// The meaning of CAMEO codes: their classes, the rung each reaches, their quad class.
/// Built (and validated) by the lexicon loader from `cameo.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codebook {
    /// One selector per [`Class`], in [`Class::ALL`] order.
    classes: Vec<Selector>,
    /// Rungs: the most specific match wins.
    rungs: Vec<(Rung, Selector)>,
    /// Quad classes: the most specific match wins.
    quads: Vec<(Quad, Selector)>,
}

impl Codebook {
    /// A codebook from its tables (the lexicon loader checks them first). A class not
    /// given takes no code.
    pub fn new(
        classes: impl IntoIterator<Item = (Class, Selector)>,
        rungs: Vec<(Rung, Selector)>,
        quads: Vec<(Quad, Selector)>,
    ) -> Codebook {
        let mut by_class = vec![Selector::default(); Class::ALL.len()];
        for (class, selector) in classes {
            by_class[class as usize] = selector;
        }
        Codebook { classes: by_class, rungs, quads }
    }

    /// The codebook of the seed lexicon (`seeds/lexicon/cameo.toml`, embedded), loaded and
    /// validated once. [`Cameo`]'s methods read it.
    pub fn standard() -> &'static Codebook {
        crate::lexicon::standard_codebook()
    }

    /// The selector of a class.
    pub fn selector(&self, class: Class) -> &Selector {
        &self.classes[class as usize]
    }

    /// Whether `code` is in `class`.
    pub fn has(&self, class: Class, code: Cameo) -> bool {
        self.selector(class).matches(code)
    }

    /// The rung `code` reaches when it happened: the most specific entry's;
    /// [`Rung::Cooperation`] for a code no entry takes.
    pub fn rung(&self, code: Cameo) -> Rung {
        most_specific(&self.rungs, code).unwrap_or(Rung::Cooperation)
    }

    /// The quad class of `code`.
    pub fn quad(&self, code: Cameo) -> Option<Quad> {
        most_specific(&self.quads, code)
    }
}

fn most_specific<T: Copy>(table: &[(T, Selector)], code: Cameo) -> Option<T> {
    table
        .iter()
        .filter_map(|(t, s)| s.specificity(code).map(|n| (n, *t)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_and_nest() {
        let c = Cameo::parse("1711").expect("a code");
        assert_eq!((c.as_str(), c.root(), c.len()), ("1711", 17, 4));
        assert!(c.is_under(Cameo::of("171")) && c.is_under(Cameo::of("17")));
        assert!(!c.is_under(Cameo::of("172")) && !c.is_under(Cameo::NONE));
        for bad in ["", "1", "12345", "1a", "x19"] {
            assert_eq!(Cameo::parse(bad), None, "{bad:?}");
            assert_eq!(Cameo::of(bad).root(), 0);
        }
    }

    #[test]
    fn the_most_specific_entry_wins() {
        let sel = |roots: &[u8], codes: &[&str]| Selector {
            roots: roots.to_vec(),
            codes: codes.iter().map(|c| Cameo::of(c)).collect(),
        };
        let book = Codebook::new(
            [(Class::Violent, sel(&[18, 19, 20], &[]))],
            vec![(Rung::LimitedForce, sel(&[19], &[])), (Rung::MajorOperations, sel(&[], &["195"]))],
            vec![(Quad::MaterialConflict, sel(&[19], &[]))],
        );
        assert_eq!(book.rung(Cameo::of("190")), Rung::LimitedForce);
        assert_eq!(book.rung(Cameo::of("195")), Rung::MajorOperations);
        assert_eq!(book.rung(Cameo::of("041")), Rung::Cooperation);
        assert!(book.has(Class::Violent, Cameo::of("202")) && !book.has(Class::Threat, Cameo::of("13")));
        assert_eq!(book.quad(Cameo::of("193")), Some(Quad::MaterialConflict));
        assert_eq!(book.quad(Cameo::NONE), None);
    }

    #[test]
    fn names_round_trip() {
        for c in Class::ALL {
            assert_eq!(Class::from_name(c.name()), Some(c));
        }
        for q in Quad::ALL {
            assert_eq!(Quad::from_name(q.as_str()), Some(q));
        }
    }
}
