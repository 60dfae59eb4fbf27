//! Alert identity and lifecycle: the fingerprint of an alert's labels, the book of active
//! alerts, and the decision between FIRED, UPDATED and RESOLVED; plus story dedup. Pure:
//! no tokio, no tonic, no clock.

pub mod story;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Alert, AlertEvent, AlertEventType, AlertKind};

/// The fingerprint of an alert's labels (kind, dyad, rung band): the first 16 hex digits
/// of the SHA-256 of the labels, each followed by a unit separator. A specified hash, so a
/// fingerprint stays the same across restarts, machines, word sizes and dependency
/// upgrades (users route and silence alerts by it).
pub fn fingerprint(kind: AlertKind, dyad: &[String; 2], band: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [kind.as_str(), dyad[0].as_str(), dyad[1].as_str(), band] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// An active alert and, once its condition has ended, since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Active {
    /// The alert as last emitted (or silently refreshed).
    pub alert: Alert,
    /// Event time (seconds) the condition stopped holding, if it has.
    pub below_since: Option<i64>,
}

/// The active alerts, by fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertBook {
    active: BTreeMap<String, Active>,
    /// The alerts whose condition has ended, as (since, fingerprint): resolving visits only
    /// those due. Derived from `active` (rebuilt after a restore).
    #[serde(skip)]
    ending: Derived<(bool, std::collections::BTreeSet<(i64, String)>)>,
}

/// State derived from the rest of a value, kept to make a lookup cheap: not part of the
/// value (`==` ignores it) nor of its serialised form (it is rebuilt).
#[derive(Debug, Clone, Default)]
pub struct Derived<T>(pub T);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Whether two versions of an alert differ in what a subscriber is told about: severity,
/// rung, reciprocity, casualties or evidence.
fn changed(old: &Alert, new: &Alert) -> bool {
    old.severity != new.severity
        || old.rung != new.rung
        || old.reciprocal != new.reciprocal
        || old.casualties != new.casualties
        || old.evidence.len() != new.evidence.len()
        || old
            .evidence
            .iter()
            .zip(&new.evidence)
            .any(|(a, b)| a.article_id != b.article_id || a.span != b.span)
}

impl AlertBook {
    /// Active alerts, by fingerprint.
    pub fn active(&self) -> impl Iterator<Item = &Active> {
        self.active.values()
    }

    /// An active alert.
    pub fn get(&self, fingerprint: &str) -> Option<&Active> {
        self.active.get(fingerprint)
    }

    /// Number of active alerts.
    pub fn len(&self) -> usize {
        self.active.len()
    }

    /// Whether no alert is active.
    pub fn is_empty(&self) -> bool {
        self.active.is_empty()
    }

    /// The condition holds with this alert state: fires it, updates it if what subscribers
    /// see changed, or keeps it quietly (a later resolution is cancelled either way).
    pub fn holds(&mut self, alert: Alert) -> Option<AlertEvent> {
        match self.active.get_mut(&alert.fingerprint) {
            None => {
                self.active
                    .insert(alert.fingerprint.clone(), Active { alert: alert.clone(), below_since: None });
                Some(AlertEvent { kind: AlertEventType::Fired, alert })
            }
            Some(a) => {
                if let Some(since) = a.below_since.take() {
                    self.ending.0.1.remove(&(since, alert.fingerprint.clone()));
                }
                if changed(&a.alert, &alert) {
                    a.alert = alert.clone();
                    Some(AlertEvent { kind: AlertEventType::Updated, alert })
                } else {
                    // Same situation, nothing new to say (a copy of a story, say): keep the
                    // freshest counts without telling anyone.
                    a.alert.sources = alert.sources;
                    a.alert.articles = alert.articles;
                    None
                }
            }
        }
    }

    /// The condition of an active alert stopped holding at `since`; nothing happens until
    /// the hold time has passed.
    pub fn ended(&mut self, fingerprint: &str, since: i64) {
        if let Some(a) = self.active.get_mut(fingerprint)
            && a.below_since.is_none()
        {
            a.below_since = Some(since);
            self.ending.0.1.insert((since, fingerprint.to_owned()));
        }
    }

    /// Resolves every alert whose condition ended at least `hold` seconds before `now`,
    /// at the time the hold ran out, in time order.
    pub fn resolve_due(&mut self, now: i64, hold: i64, stamp: impl Fn(i64) -> String) -> Vec<AlertEvent> {
        let (built, ending) = &mut self.ending.0;
        if !*built {
            *ending =
                self.active.iter().filter_map(|(fp, a)| a.below_since.map(|s| (s, fp.clone()))).collect();
            *built = true;
        }
        let mut out = Vec::new();
        while let Some((since, _)) = ending.first()
            && since.saturating_add(hold) <= now
        {
            let Some((since, fp)) = ending.pop_first() else { break };
            if let Some(a) = self.active.remove(&fp) {
                let mut alert = a.alert;
                alert.event_time = stamp(since + hold);
                out.push(AlertEvent { kind: AlertEventType::Resolved, alert });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Casualties, Severity};

    #[test]
    fn fingerprints_are_a_specified_hash() {
        // SHA-256("escalation\x1fIND\x1fPAK\x1fhigh\x1f"), first 8 bytes, computed apart
        // (Python's hashlib): the identity users route by must not move with a platform or
        // an upgrade.
        let dyad = ["IND".to_owned(), "PAK".to_owned()];
        assert_eq!(fingerprint(AlertKind::Escalation, &dyad, "high"), "ef32e51e3e23b450");
    }

    fn alert(rung: u8) -> Alert {
        let dyad = ["IND".to_owned(), "PAK".to_owned()];
        Alert {
            fingerprint: fingerprint(AlertKind::Escalation, &dyad, "high"),
            kind: AlertKind::Escalation,
            dyad,
            rung,
            severity: Severity::Warning,
            summary: String::new(),
            event_time: String::new(),
            casualties: Casualties::default(),
            reciprocal: false,
            sources: 1,
            articles: Vec::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn fingerprints_are_stable_and_label_driven() {
        let d = ["IND".to_owned(), "PAK".to_owned()];
        assert_eq!(
            fingerprint(AlertKind::Escalation, &d, "high"),
            fingerprint(AlertKind::Escalation, &d, "high")
        );
        assert_ne!(fingerprint(AlertKind::Escalation, &d, "high"), fingerprint(AlertKind::Spike, &d, "high"));
        assert_eq!(fingerprint(AlertKind::Escalation, &d, "high").len(), 16);
    }

    #[test]
    fn lifecycle() {
        let mut book = AlertBook::default();
        assert_eq!(book.holds(alert(3)).map(|e| e.kind), Some(AlertEventType::Fired));
        assert_eq!(book.holds(alert(3)), None, "no change, no event");
        assert_eq!(book.holds(alert(5)).map(|e| e.kind), Some(AlertEventType::Updated));
        let fp = alert(5).fingerprint;
        book.ended(&fp, 100);
        assert!(book.resolve_due(150, 100, |t| t.to_string()).is_empty(), "hold not over");
        // Holding again cancels the pending resolution.
        assert_eq!(book.holds(alert(5)), None);
        book.ended(&fp, 300);
        let r = book.resolve_due(1000, 100, |t| t.to_string());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, AlertEventType::Resolved);
        assert_eq!(r[0].alert.event_time, "400");
        assert!(book.is_empty());
    }

    #[test]
    fn ended_alerts_resolve_in_time_order_also_after_a_restore() {
        let mut book = AlertBook::default();
        for (i, since) in [(0, 500), (1, 200), (2, 900), (3, 300)] {
            let mut a = alert(3);
            a.fingerprint = format!("fp{i}");
            book.holds(a);
            book.ended(&format!("fp{i}"), since);
        }
        let bytes = rmp_serde::to_vec_named(&book).expect("serialise");
        let mut restored: AlertBook = rmp_serde::from_slice(&bytes).expect("deserialise");
        for b in [&mut book, &mut restored] {
            let first: Vec<String> =
                b.resolve_due(700, 100, |t| t.to_string()).into_iter().map(|e| e.alert.event_time).collect();
            assert_eq!(first, ["300", "400", "600"]);
            assert_eq!(b.len(), 1, "the one ended at 900 waits");
            let last = b.resolve_due(1000, 100, |t| t.to_string());
            assert_eq!(last.iter().map(|e| e.alert.fingerprint.as_str()).collect::<Vec<_>>(), ["fp2"]);
        }
    }
}
