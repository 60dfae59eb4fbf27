//! Alert decisions: what a dyad's state at a time means — an escalation up the ladder, a
//! spike against its baseline, a mass-casualty incident — each an [`Alert`] or none. Reads
//! the engine's state; changes nothing but the alert book.

use std::collections::{BTreeSet, HashMap};

use crate::alerts::fingerprint;
use crate::lexicon::{Lexicon, Sectors};
use crate::model::{Alert, AlertEvent, AlertKind, Casualties, Evidence, Rung, Severity};

use super::dyad::{DyadState, Record};
use super::{DAY, DyadKey, Engine, HOUR, stamp};

/// An alert's fingerprint: its kind, its dyad and its kind's band (the band does not follow
/// the rung, so a step-up updates the same alert).
pub(super) fn alert_fingerprint(kind: AlertKind, dyad: &[String; 2]) -> String {
    let band = match kind {
        AlertKind::Escalation => "high",
        AlertKind::Spike => "spike",
        AlertKind::MassCasualty => "violence",
    };
    fingerprint(kind, dyad, band)
}

/// What the engine knows of codes from the lexicon: names in summaries, and which codes are
/// sectors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// Display names by code.
    names: HashMap<String, String>,
    /// The lexicon's sector codes.
    sectors: Sectors,
    /// Demonyms by country code, for a country's sectors ("Nigerian military").
    demonyms: HashMap<String, String>,
}

impl Names {
    /// What a party is called in summaries: a country or a sector by its name, a country's
    /// sector by demonym and sector ("NGAMIL": "Nigerian military", "IRQREB": "Iraqi
    /// rebels"); a code it cannot spell out stays as it is.
    pub fn of(&self, code: &str) -> String {
        if let Some(name) = self.names.get(code) {
            return name.clone();
        }
        let country = code.get(..3).filter(|c| self.demonyms.contains_key(*c));
        let (prefix, rest) = match country {
            Some(c) => (self.demonyms.get(c).map(String::as_str), &code[3..]),
            None => (None, code),
        };
        let sector = rest.get(..3).and_then(|s| self.names.get(s).filter(|_| self.sectors.is_sector(s)));
        match (prefix, sector) {
            (Some(p), Some(s)) => format!("{p} {s}"),
            (None, Some(s)) => s.clone(),
            _ => code.to_owned(),
        }
    }
}

impl Names {
    /// The lexicon's sectors without display names: summaries show the codes themselves.
    pub fn codes_only(lex: &Lexicon) -> Names {
        Names { names: HashMap::new(), sectors: lex.sectors.clone(), demonyms: HashMap::new() }
    }
}

/// Names for codes in summaries: countries from the lexicon, sectors and international
/// types in words (`sectors.toml`).
pub fn names_from(lex: &Lexicon) -> Names {
    let mut names: HashMap<String, String> =
        lex.countries.iter().map(|c| (c.code.clone(), c.name.clone())).collect();
    for (code, name) in lex.sectors.names() {
        names.entry(code.to_owned()).or_insert_with(|| name.to_owned());
    }
    let demonyms = lex.countries.iter().map(|c| (c.code.clone(), c.demonym.clone())).collect();
    Names { names, sectors: lex.sectors.clone(), demonyms }
}

impl Engine {
    fn name(&self, code: &str) -> String {
        self.names.of(code)
    }

    fn is_state(&self, code: &str) -> bool {
        code.len() == 3 && !self.names.sectors.is_sector(code)
    }

    /// A dyad between two states, and its parties; escalation and spike alerts are only
    /// raised between states.
    fn state_dyad(&self, key: &DyadKey) -> Option<(&DyadState, &str, &str)> {
        let d = self.dyads.get(key)?;
        let [a, b] = &d.parties;
        (self.is_state(a) && self.is_state(b)).then_some((d, a.as_str(), b.as_str()))
    }

    /// Re-decides the alerts of one dyad at time `t`.
    pub(super) fn evaluate(&mut self, key: &DyadKey, t: i64) -> Vec<AlertEvent> {
        let mut out = Vec::new();
        if let Some(alert) = self.escalation_alert(key, t) {
            out.extend(self.book.holds(alert));
        }
        if let Some(alert) = self.spike_alert(key, t) {
            out.extend(self.book.holds(alert));
        }
        if let Some(alert) = self.incident_alert(key, t) {
            out.extend(self.book.holds(alert));
        }
        out
    }

    /// How many outlets carried the stories behind an alert, and their articles.
    fn sources(&self, stories: impl IntoIterator<Item = u64>, evidence: &[Evidence]) -> (u32, Vec<String>) {
        let mut articles: Vec<String> = Vec::new();
        let push = |a: &String, articles: &mut Vec<String>| {
            if !articles.contains(a) {
                articles.push(a.clone());
            }
        };
        for e in evidence {
            push(&e.article_id, &mut articles);
        }
        let mut sources = 0;
        for id in stories.into_iter().collect::<BTreeSet<u64>>() {
            // A story already out of the dedup window counts as one outlet.
            match self.stories.get(id) {
                Some(s) => {
                    sources += s.sources;
                    for a in &s.articles {
                        push(a, &mut articles);
                    }
                }
                None => sources += 1,
            }
        }
        (sources.max(u32::from(!articles.is_empty())), articles)
    }

    fn escalation_alert(&self, key: &DyadKey, t: i64) -> Option<Alert> {
        let (d, a, b) = self.state_dyad(key)?;
        let r = &self.rules.alerts;
        let window = r.rung_window_hours * HOUR;
        let rung = d.rung(t, window);
        if rung < r.fire_rung {
            return None;
        }
        let reciprocal = d.reciprocal(t, window, r.reciprocity_window_hours * HOUR);
        // One report of one side's act is a lead, not yet a situation: it takes the other
        // side answering, or independent stories.
        let stories: BTreeSet<u64> = d
            .holding(t, window)
            .filter(|x| x.goldstein < 0.0 && x.rung >= r.fire_rung)
            .map(|x| x.story)
            .collect();
        if !reciprocal && stories.len() < r.min_stories {
            return None;
        }
        let holding: Vec<&Record> = d.holding(t, window).collect();
        let killed = holding.iter().map(|x| x.killed).max().unwrap_or(0);
        let injured = holding.iter().map(|x| x.injured).max().unwrap_or(0);
        let mut qualifying: Vec<&Record> = holding
            .iter()
            .copied()
            .filter(|x| x.goldstein < 0.0 && (x.rung >= r.fire_rung || x.measure()))
            .collect();
        let skip = qualifying.len().saturating_sub(r.max_evidence);
        qualifying.drain(..skip);
        let evidence: Vec<Evidence> = qualifying.iter().map(|x| x.evidence.clone()).collect();
        let (sources, articles) = self.sources(qualifying.iter().map(|x| x.story), &evidence);
        let severity =
            if rung >= Rung::LimitedForce.number() || (reciprocal && rung >= Rung::Posture.number()) {
                Severity::Critical
            } else if rung >= Rung::Measures.number() || reciprocal {
                Severity::Warning
            } else {
                Severity::Info
            };
        let label = Rung::from_number(rung).label();
        let mut summary = format!(
            "{}–{}: {}{label} (rung {rung} of 7)",
            self.name(a),
            self.name(b),
            if reciprocal { "reciprocal " } else { "" }
        );
        if killed > 0 {
            summary.push_str(&format!(" after an attack that killed {killed}"));
        }
        let dyad = [a.to_owned(), b.to_owned()];
        Some(Alert {
            fingerprint: alert_fingerprint(AlertKind::Escalation, &dyad),
            kind: AlertKind::Escalation,
            dyad,
            rung,
            severity,
            summary,
            event_time: stamp(t),
            casualties: Casualties { killed, injured },
            reciprocal,
            sources,
            articles,
            evidence,
        })
    }

    fn spike_alert(&self, key: &DyadKey, t: i64) -> Option<Alert> {
        let (d, a, b) = self.state_dyad(key)?;
        let r = &self.rules.alerts;
        let (today, median, z) = d.spike(t, r.baseline_min_days, r.baseline_days)?;
        if z < r.spike_z || today < r.spike_min_conflict {
            return None;
        }
        let window = r.rung_window_hours * HOUR;
        let rung = d.rung(t, window);
        let day = t.div_euclid(DAY);
        let mut today_records: Vec<&Record> = d
            .recent
            .iter()
            .filter(|x| x.time.div_euclid(DAY) == day && x.factual() && x.goldstein < 0.0)
            .collect();
        let skip = today_records.len().saturating_sub(r.max_evidence);
        today_records.drain(..skip);
        let evidence: Vec<Evidence> = today_records.iter().map(|x| x.evidence.clone()).collect();
        let (sources, articles) = self.sources(today_records.iter().map(|x| x.story), &evidence);
        let dyad = [a.to_owned(), b.to_owned()];
        Some(Alert {
            fingerprint: alert_fingerprint(AlertKind::Spike, &dyad),
            kind: AlertKind::Spike,
            dyad,
            rung,
            severity: if rung >= Rung::LimitedForce.number() {
                Severity::Critical
            } else {
                Severity::Warning
            },
            summary: format!(
                "{}–{}: conflict spike, {today:.0} against a baseline of {median:.0} a day (rung {rung} of 7)",
                self.name(a),
                self.name(b)
            ),
            event_time: stamp(t),
            casualties: Casualties::default(),
            reciprocal: false,
            sources,
            articles,
            evidence,
        })
    }

    /// The mass-casualty alert of a dyad: its incidents within the hold time of the latest
    /// (the list holds no others). It changes only when an incident comes; other news on the
    /// dyad does not update it.
    fn incident_alert(&self, key: &DyadKey, t: i64) -> Option<Alert> {
        let list = self.incidents.get(key)?;
        let hold = (self.rules.alerts.resolve_hold_hours * HOUR).max(1);
        let last = list.iter().map(|i| i.time).max()?;
        if t - last >= hold {
            return None;
        }
        let killed = list.iter().map(|i| i.killed).max().unwrap_or(0);
        let injured = list.iter().map(|i| i.injured).max().unwrap_or(0);
        let (a, b) = (key.first(), key.second());
        // The rung of the violence itself, at least limited use of force.
        let rung = list
            .iter()
            .map(|i| Rung::of_code(&i.evidence.cameo, i.evidence.modality).number())
            .max()
            .unwrap_or(0)
            .max(Rung::LimitedForce.number());
        let recent = &list[list.len().saturating_sub(self.rules.alerts.max_evidence)..];
        let evidence: Vec<Evidence> = recent.iter().map(|i| i.evidence.clone()).collect();
        let (sources, articles) = self.sources(recent.iter().map(|i| i.story), &evidence);
        let dyad = key.pair();
        let severity = if killed >= self.rules.alerts.mass_casualty_killed * 5 {
            Severity::Critical
        } else {
            Severity::Warning
        };
        let mut summary = format!("{}–{}: violence that killed {killed}", self.name(a), self.name(b));
        if injured > 0 {
            summary.push_str(&format!(" and injured {injured}"));
        }
        summary.push_str(&format!(" (rung {rung} of 7)"));
        Some(Alert {
            fingerprint: alert_fingerprint(AlertKind::MassCasualty, &dyad),
            kind: AlertKind::MassCasualty,
            dyad,
            rung,
            severity,
            summary,
            event_time: stamp(t),
            casualties: Casualties { killed, injured },
            reciprocal: false,
            sources,
            articles,
            evidence,
        })
    }
}
