//! The state of one dyad over event time: decayed conflict and cooperation per direction,
//! the recent events that hold its ladder rung up, daily conflict for the baseline, the last
//! de-escalation, and casualty marks.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::model::{Cameo, Evidence, Modality, Rung};

/// An exponentially decayed sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Decayed {
    /// Value at `at`.
    pub value: f64,
    /// Event time of `value`, seconds.
    pub at: i64,
}

impl Decayed {
    /// The value at time `t` (never before `at`).
    pub fn at(&self, t: i64, half_life_secs: f64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let dt = (t - self.at).max(0) as f64;
        self.value * (0.5f64).powf(dt / half_life_secs)
    }

    /// Adds `x` at time `t`.
    pub fn add(&mut self, x: f64, t: i64, half_life_secs: f64) {
        let t = t.max(self.at);
        self.value = self.at(t, half_life_secs) + x;
        self.at = t;
    }
}

/// One event as the dyad remembers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Apply order, across the engine: later records have larger numbers.
    pub seq: u64,
    /// Event time, seconds.
    pub time: i64,
    /// 0: from the dyad's first party to the second; 1: the other way.
    pub dir: u8,
    /// CAMEO code.
    pub cameo: String,
    /// Goldstein weight.
    pub goldstein: f64,
    /// Modality.
    pub modality: Modality,
    /// Rung this event reaches.
    pub rung: u8,
    /// The story it came from.
    pub story: u64,
    /// Deaths reported in its article.
    pub killed: u32,
    /// Injuries reported in its article.
    pub injured: u32,
    /// What an alert quotes.
    pub evidence: Evidence,
}

impl Record {
    /// Whether the event counts as having happened.
    pub fn factual(&self) -> bool {
        self.modality.is_factual()
    }

    /// A hostile measure: material conflict (rung 3 and up) that happened.
    pub fn measure(&self) -> bool {
        self.factual() && self.rung >= Rung::Measures.number()
    }
}

/// The state of one dyad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DyadState {
    /// The two parties, sorted.
    pub parties: [String; 2],
    /// First event time seen.
    pub first_seen: i64,
    /// Last event time seen.
    pub last_time: i64,
    /// Decayed conflict, per direction (first → second, second → first).
    pub conflict: [Decayed; 2],
    /// Decayed cooperation, per direction.
    pub cooperation: [Decayed; 2],
    /// Recent events, oldest first, bounded.
    pub recent: VecDeque<Record>,
    /// Daily conflict sums (UTC day number, sum), oldest first, bounded.
    pub daily: VecDeque<(i64, f64)>,
    /// Apply order and time of the last de-escalation.
    pub deescalated: Option<(u64, i64)>,
}

/// Records kept per dyad at most; the oldest go first.
pub const MAX_RECORDS: usize = 256;

impl DyadState {
    /// A new dyad first seen at `t`.
    pub fn new(parties: [String; 2], t: i64) -> Self {
        DyadState {
            parties,
            first_seen: t,
            last_time: t,
            conflict: [Decayed { value: 0.0, at: t }; 2],
            cooperation: [Decayed { value: 0.0, at: t }; 2],
            recent: VecDeque::new(),
            daily: VecDeque::new(),
            deescalated: None,
        }
    }

    /// Adds an event; forgets records older than `keep_secs` and days beyond
    /// `baseline_days`.
    pub fn add(&mut self, r: Record, half_life_secs: f64, keep_secs: i64, baseline_days: usize) {
        let t = r.time;
        self.last_time = self.last_time.max(t);
        let w = r.modality.weight();
        let dir = usize::from(r.dir.min(1));
        if r.goldstein < 0.0 {
            self.conflict[dir].add(-r.goldstein * w, t, half_life_secs);
            if r.factual() {
                let day = t.div_euclid(86_400);
                match self.daily.back_mut() {
                    Some((d, sum)) if *d == day => *sum += -r.goldstein,
                    _ => self.daily.push_back((day, -r.goldstein)),
                }
                while self.daily.len() > baseline_days + 1 {
                    self.daily.pop_front();
                }
            }
        } else {
            self.cooperation[dir].add(r.goldstein * w, t, half_life_secs);
        }
        // Talks, agreements, ceasefires, withdrawals (`[class.de_escalating]`).
        if r.factual() && Cameo::of(&r.cameo).is_de_escalating() {
            self.deescalated = Some((r.seq, t));
        }
        self.recent.push_back(r);
        while self.recent.front().is_some_and(|x| self.last_time - x.time > keep_secs)
            || self.recent.len() > MAX_RECORDS
        {
            self.recent.pop_front();
        }
    }

    /// Records that hold the rung up at time `t`: in the window, after the last
    /// de-escalation, happened or threatened.
    pub fn holding(&self, t: i64, window_secs: i64) -> impl Iterator<Item = &Record> {
        let after = self.deescalated.map_or(0, |(seq, _)| seq);
        self.recent.iter().filter(move |r| {
            r.seq > after && r.time <= t && t - r.time < window_secs && r.modality != Modality::Negated
        })
    }

    /// The rung at time `t`.
    pub fn rung(&self, t: i64, window_secs: i64) -> u8 {
        self.holding(t, window_secs).filter(|r| r.goldstein < 0.0).map(|r| r.rung).max().unwrap_or(0)
    }

    /// Whether hostile measures went both ways within `recip_secs` of each other.
    pub fn reciprocal(&self, t: i64, window_secs: i64, recip_secs: i64) -> bool {
        let measures: Vec<&Record> = self.holding(t, window_secs).filter(|r| r.measure()).collect();
        measures
            .iter()
            .any(|x| measures.iter().any(|y| x.dir != y.dir && (x.time - y.time).abs() <= recip_secs))
    }

    /// When the rung last stopped being at least `rung` (at or before `t`): the later of
    /// the de-escalation and the expiry of the window after the last qualifying event.
    pub fn below_since(&self, t: i64, window_secs: i64, rung: u8) -> i64 {
        let last = self.recent.iter().filter(|r| r.rung >= rung && r.goldstein < 0.0).map(|r| r.time).max();
        let expiry = last.map_or(t, |l| (l + window_secs).min(t));
        match self.deescalated {
            Some((_, d)) if last.is_none_or(|l| d >= l) => d.min(expiry),
            _ => expiry,
        }
    }

    /// Today's conflict and the robust z-score against up to `baseline_days` previous days
    /// (median and MAD; days without events count as zero), or `None` with fewer than
    /// `min_days` of history.
    pub fn spike(&self, t: i64, min_days: usize, baseline_days: usize) -> Option<(f64, f64, f64)> {
        let day = t.div_euclid(86_400);
        let first = self.first_seen.div_euclid(86_400);
        let on = |d: i64| self.daily.iter().find(|(x, _)| *x == d).map_or(0.0, |(_, s)| *s);
        if usize::try_from(day - first).unwrap_or(0) < min_days.max(2) {
            return None;
        }
        let start = (day - i64::try_from(baseline_days).unwrap_or(i64::MAX)).max(first);
        let mut past: Vec<f64> = (start..day).map(on).collect();
        let today = on(day);
        let med = median(&mut past);
        let mut dev: Vec<f64> = past.iter().map(|x| (x - med).abs()).collect();
        let mad = median(&mut dev);
        // A floor keeps a quiet history from turning one event into an infinite z.
        let z = (today - med) / (1.4826 * mad).max(1.0);
        Some((today, med, z))
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn rec(seq: u64, time: i64, dir: u8, cameo: &str, g: f64, m: Modality) -> Record {
        Record {
            seq,
            time,
            dir,
            cameo: cameo.to_owned(),
            goldstein: g,
            modality: m,
            rung: Rung::of_code(cameo, m).number(),
            story: seq,
            killed: 0,
            injured: 0,
            evidence: Evidence {
                article_id: String::new(),
                sentence: String::new(),
                span: Span::default(),
                text: String::new(),
                cameo: cameo.to_owned(),
                source: String::new(),
                target: String::new(),
                modality: m,
                time: String::new(),
                received_time: false,
            },
        }
    }

    const H: f64 = 3600.0;
    const DAY: i64 = 86_400;

    #[test]
    fn decay_halves_per_half_life() {
        let mut d = Decayed::default();
        d.add(10.0, 0, H);
        assert!((d.at(3600, H) - 5.0).abs() < 1e-9);
        d.add(10.0, 3600, H);
        assert!((d.at(3600, H) - 15.0).abs() < 1e-9);
    }

    #[test]
    fn rung_reciprocity_and_de_escalation() {
        let mut s = DyadState::new(["IND".into(), "PAK".into()], 0);
        s.add(rec(1, 0, 0, "161", -4.0, Modality::Asserted), H, 30 * DAY, 30);
        assert_eq!(s.rung(10, 7 * DAY), 3);
        assert!(!s.reciprocal(10, 7 * DAY, 7 * DAY));
        s.add(rec(2, 100, 1, "172", -5.0, Modality::Asserted), H, 30 * DAY, 30);
        assert!(s.reciprocal(100, 7 * DAY, 7 * DAY));
        s.add(rec(3, 200, 0, "195", -10.0, Modality::Asserted), H, 30 * DAY, 30);
        assert_eq!(s.rung(200, 7 * DAY), 6);
        // A ceasefire clears what came before it.
        s.add(rec(4, 300, 0, "0871", 9.0, Modality::Asserted), H, 30 * DAY, 30);
        assert_eq!(s.rung(300, 7 * DAY), 0);
        assert_eq!(s.below_since(400, 7 * DAY, 3), 300);
        // The window expires too.
        let mut s = DyadState::new(["IND".into(), "PAK".into()], 0);
        s.add(rec(1, 0, 0, "161", -4.0, Modality::Asserted), H, 30 * DAY, 30);
        assert_eq!(s.rung(8 * DAY, 7 * DAY), 0);
        assert_eq!(s.below_since(8 * DAY, 7 * DAY, 3), 7 * DAY);
    }

    #[test]
    fn spikes_against_the_baseline() {
        let mut s = DyadState::new(["ISR".into(), "PSE".into()], 0);
        for d in 0..20 {
            s.add(rec(d as u64, d * DAY, 0, "111", -2.0, Modality::Asserted), H, 30 * DAY, 30);
        }
        let quiet = s.spike(19 * DAY, 7, 30).expect("history");
        assert!(quiet.2 < 1.0, "{quiet:?}");
        for k in 0..6 {
            s.add(
                rec(100 + k, 20 * DAY + i64::try_from(k).unwrap_or(0), 0, "195", -10.0, Modality::Asserted),
                H,
                30 * DAY,
                30,
            );
        }
        let (today, med, z) = s.spike(20 * DAY, 7, 30).expect("history");
        assert!(today >= 60.0 && med <= 2.0 && z > 3.5, "{today} {med} {z}");
        assert_eq!(DyadState::new(["A".into(), "B".into()], 0).spike(DAY, 7, 30), None, "too little history");
    }
}
