//! When alerts end: each active alert's condition re-checked as event time passes, visiting
//! only the dyads that changed and the alerts whose due time has come ([`EndIndex`]).

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Alert, AlertKind};

use super::decisions::alert_fingerprint;
use super::{DAY, DyadKey, Engine, HOUR};

/// When each active alert's condition can next end, so that a check visits only the alerts
/// on dyads that changed and those whose time has come, not every active alert. Between
/// changes to its dyad an alert's condition ends at a time known in advance: an escalation
/// when its last qualifying event leaves the rung window, a mass-casualty alert a hold time
/// after its last incident, a spike at the next day boundary. Derived from the engine's
/// state and rebuilt by a full check after a restore.
#[derive(Debug, Clone, Default)]
pub(super) struct EndIndex {
    /// Every active alert not yet ended has its due time here (false after a restore).
    built: bool,
    /// The latest time checked.
    checked: i64,
    /// Dyads changed since the last check.
    pub(super) dirty: FxHashSet<DyadKey>,
    /// (due time, fingerprint), earliest first, and each fingerprint's entry.
    queue: BTreeSet<(i64, String)>,
    due: FxHashMap<String, i64>,
    /// Tests: check every alert every time, the behaviour the index must equal.
    #[cfg(test)]
    pub(super) full_scan: bool,
}

impl EndIndex {
    fn set(&mut self, fingerprint: &str, due: Option<i64>) {
        if let Some(old) = self.due.remove(fingerprint) {
            self.queue.remove(&(old, fingerprint.to_owned()));
        }
        if let Some(at) = due {
            self.due.insert(fingerprint.to_owned(), at);
            self.queue.insert((at, fingerprint.to_owned()));
        }
    }

    fn clear(&mut self) {
        self.dirty.clear();
        self.queue.clear();
        self.due.clear();
    }
}

impl Engine {
    pub(super) fn check_ended(&mut self, t: i64) {
        if self.book.is_empty() {
            self.ends.0.clear();
            self.ends.0.built = true;
            self.ends.0.checked = t;
            return;
        }
        // A full check first after a restore, and whenever time steps back (an article
        // later than the lateness bound): dues assume time only moves forward.
        #[cfg(test)]
        let forced = self.ends.0.full_scan;
        #[cfg(not(test))]
        let forced = false;
        let full = forced || !self.ends.0.built || t < self.ends.0.checked;
        let mut candidates: Vec<String> = Vec::new();
        if full {
            self.ends.0.clear();
            candidates.extend(self.book.active().map(|a| a.alert.fingerprint.clone()));
        } else {
            for key in std::mem::take(&mut self.ends.0.dirty) {
                let dyad = key.pair();
                for kind in [AlertKind::Escalation, AlertKind::Spike, AlertKind::MassCasualty] {
                    let fp = alert_fingerprint(kind, &dyad);
                    if self.book.get(&fp).is_some() {
                        candidates.push(fp);
                    }
                }
            }
            while let Some((at, _)) = self.ends.0.queue.first()
                && *at <= t
            {
                if let Some((_, fp)) = self.ends.0.queue.pop_first() {
                    self.ends.0.due.remove(&fp);
                    candidates.push(fp);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
        }
        self.ends.0.built = true;
        self.ends.0.checked = t;
        for fp in candidates {
            let Some(a) = self.book.get(&fp) else {
                self.ends.0.set(&fp, None);
                continue;
            };
            if a.below_since.is_some() {
                self.ends.0.set(&fp, None);
                continue;
            }
            match self.end_of(&a.alert, t) {
                Ok(since) => {
                    self.book.ended(&fp, since);
                    self.ends.0.set(&fp, None);
                }
                Err(due) => self.ends.0.set(&fp, due),
            }
        }
    }

    /// Whether an alert's condition has ended by `t`: `Ok(since)` when it has, else
    /// `Err(due)`, the time it ends if its dyad does not change (none: not by time alone).
    fn end_of(&self, alert: &Alert, t: i64) -> Result<i64, Option<i64>> {
        let r = &self.rules.alerts;
        let window = r.rung_window_hours * HOUR;
        let hold = r.resolve_hold_hours * HOUR;
        let key = DyadKey::of_pair(&alert.dyad);
        match alert.kind {
            AlertKind::Escalation => {
                let Some(d) = self.dyads.get(&key) else { return Err(None) };
                if d.rung(t, window) < r.fire_rung {
                    return Ok(d.below_since(t, window, r.fire_rung));
                }
                // The rung holds while its latest qualifying event is in the window.
                let last = d
                    .holding(t, window)
                    .filter(|x| x.goldstein < 0.0 && x.rung >= r.fire_rung)
                    .map(|x| x.time)
                    .max();
                Err(last.map(|l| l + window))
            }
            AlertKind::Spike => {
                let Some(d) = self.dyads.get(&key) else { return Err(None) };
                let day = t.div_euclid(DAY);
                let still = d
                    .spike(t, r.baseline_min_days, r.baseline_days)
                    .is_some_and(|(today, _, z)| z >= r.spike_z && today >= r.spike_min_conflict);
                if still {
                    // Without new events the day's figures change only with the day.
                    return Err(Some((day + 1) * DAY));
                }
                // The spike ended with the last day that had one.
                let last = d.recent.iter().filter(|x| x.factual() && x.goldstein < 0.0).map(|x| x.time).max();
                Ok(last.map_or(day * DAY, |l| (l.div_euclid(DAY) + 1) * DAY).min(t))
            }
            // Ended with the last incident; resolves a hold time later.
            AlertKind::MassCasualty => {
                let last = self.incidents.get(&key).and_then(|l| l.iter().map(|i| i.time).max());
                match last {
                    Some(l) if t - l >= hold => Ok(l),
                    Some(l) => Err(Some(l + hold)),
                    None => Err(None),
                }
            }
        }
    }
}
