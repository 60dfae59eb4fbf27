//! The orchestrator: runs the passes over one sentence in order — actors, predicates,
//! speakers, frames, then for each predicate roles, modality and coding — and updates the
//! article's discourse memory.

use crate::model::{ActorMention, Event};
use crate::text::TokKind;

use super::hits::Hit;
use super::state::*;

impl<'c, 'a> Sentence<'c, 'a> {
    /// Runs the rules over sentence `index` spanning tokens `[s, e)` whose hits are
    /// `hits`, appending events and actor mentions.
    pub fn run(
        ctx: &'c Ctx<'a>,
        (s, e): (usize, usize),
        index: u32,
        hits: &[Hit],
        disc: &mut Discourse<'a>,
        events: &mut Vec<Event>,
        actors: &mut Vec<ActorMention>,
    ) {
        let n = e - s;
        let mut r = Sentence {
            ctx,
            s,
            e,
            index,
            nps: Vec::new(),
            preds: Vec::new(),
            cues: Vec::new(),
            treaties: Vec::new(),
            places: Vec::new(),
            np_at: vec![None; n],
            pred_at: vec![None; n],
            cue_at: vec![None; n],
            frames: Vec::new(),
            subjects: Vec::new(),
            targets: Vec::new(),
            governed: Vec::new(),
            speaker: None,
            reported: false,
        };
        let (atoms, phrases) = r.read_hits(hits, disc);
        r.build_nps(atoms, disc);
        r.define_acronyms(disc);
        for h in &phrases {
            r.read_phrases(h, ctx.hits.entries(h));
        }
        r.mark_speakers();
        r.govern_nouns();
        for np in &r.nps {
            if np.referential {
                continue;
            }
            for m in &np.members {
                actors.push(ActorMention {
                    code: m.code(),
                    name: m.name.to_owned(),
                    span: ctx.span(np.ts, np.te),
                });
            }
        }
        let before = events.len();
        r.code_events(disc, events);
        if let Some(keep) = ctx.features {
            keep.borrow_mut().push(r.model_features(hits));
        } else if events.len() == before
            && let Some(model) = ctx.model
        {
            r.learned_event(model, hits, events);
        }
        // The article's last subject: a state's actor, or a firm or an outlet even as the
        // speaker ("the airline said ... It suspended flights": "it" is the airline).
        let firm = |np: &Np<'_>| {
            np.members.iter().all(|m| m.country.is_empty() && ctx.lex.sectors.is_organisation(m.sector))
                && ctx.on(&FIRM_LAST_SUBJECT)
        };
        // A phrase after a preposition ("flights to Alexandria and Cairo") is no subject.
        let governed = |np: &Np<'_>| {
            (np.ts.saturating_sub(3).max(r.s)..np.ts)
                .rev()
                .take_while(|&j| !matches!(ctx.tokens[j].kind, TokKind::Punct(_)))
                .any(|j| ctx.lex.grammar.directional.contains(ctx.word(j)))
                && ctx.on(&GOVERNED_NO_SUBJECT)
        };
        if let Some(np) = r.nps.iter().find(|np| {
            !np.referential
                && !governed(np)
                && (firm(np) || !np.speaker && np.members.iter().any(|m| !m.country.is_empty()))
        }) {
            disc.last_subject.clone_from(&np.members);
        }
        for np in &r.nps {
            for m in &np.members {
                if !m.country.is_empty() && !disc.recent_countries.iter().any(|x| x.country == m.country) {
                    disc.recent_countries.push(*m);
                }
            }
        }
        let keep = disc.recent_countries.len().saturating_sub(6);
        disc.recent_countries.drain(..keep);
        disc.prev_dyads = std::mem::take(&mut disc.recent_dyads);
        disc.after_mishap = r.tells_mishap_only();
    }

    /// Codes each predicate that stands as an event — roles, then modality, then the
    /// events — in sentence order (a later verb inherits an earlier one's subject), then the
    /// frames that stand alone.
    fn code_events(&mut self, disc: &mut Discourse<'a>, events: &mut Vec<Event>) {
        self.assign_frames();
        let n = self.preds.len();
        self.subjects = vec![Vec::new(); n];
        self.targets = vec![Vec::new(); n];
        self.governed = vec![false; self.cues.len()];
        for p in 0..n {
            if !self.stands(p) {
                continue;
            }
            let roles = self.roles(p, disc);
            if let Some((c, _)) = self.frames[p] {
                self.governed[c] = true;
            }
            let mood = self.mood(p, &roles);
            self.code(p, &roles, mood, disc, events);
        }
        self.bare_frames(disc, events);
    }
}

super::rule::rules! {
    /// A firm or an outlet, even as the speaker, is the article's last subject ("the airline said ... It suspended").
    FIRM_LAST_SUBJECT = "discourse.firm-last-subject";
    /// A phrase after "to", "from", "into" or "via" is no last subject ("flights to Cairo").
    GOVERNED_NO_SUBJECT = "discourse.governed-no-subject";
}
