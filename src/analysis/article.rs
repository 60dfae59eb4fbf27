//! The article pass, after every sentence is read: what a headline says counts as a fact
//! only where the body bears it out. Headlines are telegraphic (present tense for the past,
//! idiom, a sports "rally" or a trade "attack"), so an event read in one stays a claim to be
//! borne out until the body states an event of the same kind as fact.

use crate::model::{Cameo, Event, Modality};

use super::rule::RuleSet;

/// Downgrades the headline's factual events (those ending before `title_end`) that no
/// factual body event of the same CAMEO root bears out to considered.
pub(super) fn weigh_headline(events: &mut [Event], title_end: usize, rules: &RuleSet) {
    if title_end == 0 {
        return;
    }
    let in_title = |e: &Event| (e.span.end as usize) <= title_end;
    let borne_out: Vec<u8> = events
        .iter()
        .filter(|e| !in_title(e) && e.modality.is_factual())
        .map(|e| Cameo::of(&e.cameo).root())
        .collect();
    for e in events.iter_mut() {
        if in_title(e)
            && e.modality.is_factual()
            && !borne_out.contains(&Cameo::of(&e.cameo).root())
            && rules.on(&HEADLINE_NEEDS_BODY)
        {
            e.modality = Modality::Considered;
        }
    }
}

super::rule::rules! {
    /// A headline's event is a fact only when the body states an event of the same kind as fact; else it is considered.
    HEADLINE_NEEDS_BODY = "article.headline-needs-body";
}
