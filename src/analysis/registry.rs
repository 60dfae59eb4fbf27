//! The registry: every pass's rules in the order they apply to a sentence.

use super::rule::Rule;
use super::{actors, coding, frames, modality, predicates, roles, speakers};

/// The passes in order, each with its rules in order.
pub static PASSES: &[(&str, &[&Rule])] = &[
    ("actors", actors::RULES),
    ("predicates", predicates::RULES),
    ("speakers", speakers::RULES),
    ("frames", frames::RULES),
    ("roles", roles::RULES),
    ("modality", modality::RULES),
    ("coding", coding::RULES),
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
