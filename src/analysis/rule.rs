//! Named rules: every heuristic of the sentence passes has an id (`pass.name`), a doc line
//! and examples of its own (`tests/rules/`). A [`RuleSet`] switches rules off by id and
//! counts how often each fired; the passes ask it before applying a rule.

use std::sync::atomic::{AtomicU64, Ordering};

use super::registry;

/// One heuristic of a pass.
#[derive(Debug)]
pub struct Rule {
    /// `pass.name`, e.g. `roles.passive-agent`.
    pub id: &'static str,
    /// What the rule does, in one line.
    pub doc: &'static str,
}

impl Rule {
    /// The pass the rule belongs to: the part of its id before the dot.
    pub fn pass(&self) -> &'static str {
        self.id.split_once('.').map_or(self.id, |(p, _)| p)
    }

    /// The doc line without the leading space doc comments carry.
    pub fn summary(&self) -> &'static str {
        self.doc.trim()
    }
}

/// Declares a pass's rules, each with its doc comment, and `RULES`: them in the order the
/// pass applies them.
macro_rules! rules {
    ($($(#[doc = $doc:literal])+ $name:ident = $id:literal;)*) => {
        $(
            $(#[doc = $doc])+
            pub(in crate::analysis) static $name: $crate::analysis::rule::Rule =
                $crate::analysis::rule::Rule { id: $id, doc: concat!($($doc),+) };
        )*
        /// This pass's rules in the order they apply.
        pub(in crate::analysis) static RULES: &[&$crate::analysis::rule::Rule] = &[$(&$name),*];
    };
}
pub(super) use rules;

/// A rule id that no pass declares.
#[derive(Debug, thiserror::Error)]
#[error("unknown rule {0:?} (flashpoint rules lists them)")]
pub struct UnknownRule(pub String);

/// Which rules apply, and (when counting) how often each fired. The default applies every
/// rule and counts nothing, at the cost of one branch per rule.
#[derive(Debug, Default)]
pub struct RuleSet {
    off: Vec<&'static str>,
    counts: Option<Vec<AtomicU64>>,
}

impl RuleSet {
    /// Every rule on, nothing counted.
    pub const fn all() -> Self {
        RuleSet { off: Vec::new(), counts: None }
    }

    /// Every rule but `ids`.
    ///
    /// # Errors
    /// [`UnknownRule`] for an id no pass declares.
    pub fn without<S: AsRef<str>>(ids: &[S]) -> Result<Self, UnknownRule> {
        let mut off = Vec::with_capacity(ids.len());
        for id in ids {
            let rule = registry::find(id.as_ref()).ok_or_else(|| UnknownRule(id.as_ref().to_owned()))?;
            off.push(rule.id);
        }
        Ok(RuleSet { off, counts: None })
    }

    /// The same set, counting how often each rule fires.
    pub fn counting(mut self) -> Self {
        self.counts = Some(registry::rules().map(|_| AtomicU64::new(0)).collect());
        self
    }

    /// Whether `rule` applies; counts it as fired when it does. Call it once the rule's
    /// condition holds, so the count is how often the rule changed something.
    #[inline]
    pub fn on(&self, rule: &'static Rule) -> bool {
        if self.off.is_empty() && self.counts.is_none() {
            return true;
        }
        self.check(rule)
    }

    fn check(&self, rule: &'static Rule) -> bool {
        if self.off.contains(&rule.id) {
            return false;
        }
        if let Some(counts) = &self.counts
            && let Some(i) = registry::position(rule)
        {
            counts[i].fetch_add(1, Ordering::Relaxed);
        }
        true
    }

    /// Each rule with how often it fired, in registry order (all zero when not counting).
    pub fn fired(&self) -> Vec<(&'static Rule, u64)> {
        registry::rules()
            .enumerate()
            .map(|(i, r)| {
                let n = self.counts.as_ref().map_or(0, |c| c[i].load(Ordering::Relaxed));
                (r, n)
            })
            .collect()
    }
}
