//! The registry: every pass's rules in the order they apply to a sentence; the word-order
//! tests of `clause` first, since every pass asks them.

use super::rule::Rule;
use super::{
    actors, article, clause, coding, frames, learned, modality, predicates, roles, sentence, speakers,
};

/// The passes in order, each with its rules in order.
pub static PASSES: &[(&str, &[&Rule])] = &[
    ("clause", clause::RULES),
    ("actors", actors::RULES),
    ("predicates", predicates::RULES),
    ("speakers", speakers::RULES),
    ("frames", frames::RULES),
    ("roles", roles::RULES),
    ("modality", modality::RULES),
    ("coding", coding::RULES),
    ("learned", learned::RULES),
    ("discourse", sentence::RULES),
    ("article", article::RULES),
];

/// Every rule, in the order they apply.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    PASSES.iter().flat_map(|(_, rules)| rules.iter().copied())
}

/// The rule with id `id`.
pub fn find(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// Where `rule` stands in [`rules`].
pub(super) fn position(rule: &'static Rule) -> Option<usize> {
    rules().position(|r| std::ptr::eq(r, rule))
}
