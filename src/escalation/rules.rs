//! Alert rules: when a dyad's state becomes an alert. Read from TOML (`[engine]` and
//! `[alerts]` tables); every field has a named default, documented in `docs/alerts.md`.

use serde::{Deserialize, Serialize};

/// Default half-life of conflict and cooperation intensity, in hours.
pub const DEFAULT_HALF_LIFE_HOURS: f64 = 72.0;
/// Default lateness: articles this much older than the newest seen are still applied at
/// their own time, in minutes.
pub const DEFAULT_LATENESS_MINUTES: i64 = 60;
/// Default: publication times further ahead of the receive time are rejected, in hours.
pub const DEFAULT_MAX_FUTURE_HOURS: i64 = 24;
/// Default: publication times further back than this are rejected, in days.
pub const DEFAULT_MAX_PAST_DAYS: i64 = 3650;
/// Default cap on dyads held; the coldest are evicted beyond it.
pub const DEFAULT_MAX_DYADS: usize = 100_000;
/// Default window for story dedup, in hours.
pub const DEFAULT_DEDUP_WINDOW_HOURS: i64 = 72;
/// Default share of word bigrams (estimated) two articles must have in common to be one story.
pub const DEFAULT_DEDUP_MIN_SIMILARITY: f64 = 0.5;
/// Default cap on stories remembered for dedup.
pub const DEFAULT_MAX_STORIES: usize = 200_000;
/// Default rung at which an escalation alert fires (3: diplomatic and economic measures).
pub const DEFAULT_FIRE_RUNG: u8 = 3;
/// Default number of independent stories that must carry a dyad's qualifying events before an
/// escalation alert fires, unless the other side answered (reciprocity fires at once).
pub const DEFAULT_MIN_STORIES: usize = 2;
/// Default death toll of a mass-casualty alert.
pub const DEFAULT_MASS_CASUALTY_KILLED: u32 = 10;
/// Default window in which a measure must be answered to count as reciprocal, in hours.
pub const DEFAULT_RECIPROCITY_WINDOW_HOURS: i64 = 168;
/// Default window in which events hold a dyad's rung up, in hours (two weeks: a suspended
/// treaty or a closed border stays so until someone reverses it).
pub const DEFAULT_RUNG_WINDOW_HOURS: i64 = 336;
/// Default time a dyad must stay below the alert condition before the alert resolves, hours.
pub const DEFAULT_RESOLVE_HOLD_HOURS: i64 = 72;
/// Default robust z-score of a spike.
pub const DEFAULT_SPIKE_Z: f64 = 3.5;
/// Default minimum daily conflict (sum of |Goldstein|) of a spike.
pub const DEFAULT_SPIKE_MIN_CONFLICT: f64 = 30.0;
/// Default days of history a spike is measured against.
pub const DEFAULT_BASELINE_DAYS: usize = 30;
/// Default days a dyad must have been watched before spikes count.
pub const DEFAULT_BASELINE_MIN_DAYS: usize = 7;
/// Default number of evidence items an alert carries.
pub const DEFAULT_MAX_EVIDENCE: usize = 12;

/// Engine settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EngineRules {
    /// Half-life of intensities, hours.
    pub half_life_hours: f64,
    /// Out-of-order tolerance, minutes of event time.
    pub lateness_minutes: i64,
    /// Rejection bound ahead of the receive time, hours.
    pub max_future_hours: i64,
    /// Rejection bound behind the receive time, days.
    pub max_past_days: i64,
    /// Cap on dyads held.
    pub max_dyads: usize,
    /// Story dedup window, hours.
    pub dedup_window_hours: i64,
    /// Story dedup similarity, 0 to 1.
    pub dedup_min_similarity: f64,
    /// Cap on stories held.
    pub max_stories: usize,
}

impl Default for EngineRules {
    fn default() -> Self {
        EngineRules {
            half_life_hours: DEFAULT_HALF_LIFE_HOURS,
            lateness_minutes: DEFAULT_LATENESS_MINUTES,
            max_future_hours: DEFAULT_MAX_FUTURE_HOURS,
            max_past_days: DEFAULT_MAX_PAST_DAYS,
            max_dyads: DEFAULT_MAX_DYADS,
            dedup_window_hours: DEFAULT_DEDUP_WINDOW_HOURS,
            dedup_min_similarity: DEFAULT_DEDUP_MIN_SIMILARITY,
            max_stories: DEFAULT_MAX_STORIES,
        }
    }
}

/// Alert settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AlertRules {
    /// Rung at which an escalation alert fires.
    pub fire_rung: u8,
    /// Independent stories needed to fire without reciprocity.
    pub min_stories: usize,
    /// Deaths that make violence a mass-casualty alert.
    pub mass_casualty_killed: u32,
    /// Reciprocity window, hours.
    pub reciprocity_window_hours: i64,
    /// Window in which events hold the rung up, hours.
    pub rung_window_hours: i64,
    /// Hold below the condition before resolving, hours.
    pub resolve_hold_hours: i64,
    /// Robust z-score of a spike.
    pub spike_z: f64,
    /// Minimum daily conflict of a spike.
    pub spike_min_conflict: f64,
    /// Baseline length, days.
    pub baseline_days: usize,
    /// Days watched before spikes count.
    pub baseline_min_days: usize,
    /// Evidence items per alert.
    pub max_evidence: usize,
}

impl Default for AlertRules {
    fn default() -> Self {
        AlertRules {
            fire_rung: DEFAULT_FIRE_RUNG,
            min_stories: DEFAULT_MIN_STORIES,
            mass_casualty_killed: DEFAULT_MASS_CASUALTY_KILLED,
            reciprocity_window_hours: DEFAULT_RECIPROCITY_WINDOW_HOURS,
            rung_window_hours: DEFAULT_RUNG_WINDOW_HOURS,
            resolve_hold_hours: DEFAULT_RESOLVE_HOLD_HOURS,
            spike_z: DEFAULT_SPIKE_Z,
            spike_min_conflict: DEFAULT_SPIKE_MIN_CONFLICT,
            baseline_days: DEFAULT_BASELINE_DAYS,
            baseline_min_days: DEFAULT_BASELINE_MIN_DAYS,
            max_evidence: DEFAULT_MAX_EVIDENCE,
        }
    }
}

/// Everything the engine is configured with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// Engine settings.
    pub engine: EngineRules,
    /// Alert settings.
    pub alerts: AlertRules,
}

/// A rule value out of range.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid rule {field}: {message}")]
pub struct RulesError {
    /// The field, as `table.key`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Rules {
    /// Parses rules from TOML; absent fields keep their defaults.
    ///
    /// # Errors
    /// Returns the TOML error, or the first invalid value.
    pub fn from_toml(text: &str) -> Result<Rules, RulesError> {
        let rules: Rules =
            toml::from_str(text).map_err(|e| RulesError { field: "toml", message: e.to_string() })?;
        rules.validate()?;
        Ok(rules)
    }

    /// Checks every value is usable.
    ///
    /// # Errors
    /// Names the first field out of range.
    pub fn validate(&self) -> Result<(), RulesError> {
        let e = &self.engine;
        let a = &self.alerts;
        let bad = |field: &'static str, message: &str| Err(RulesError { field, message: message.to_owned() });
        if !(e.half_life_hours > 0.0 && e.half_life_hours.is_finite()) {
            return bad("engine.half_life_hours", "must be a positive number of hours");
        }
        if e.lateness_minutes < 0 {
            return bad("engine.lateness_minutes", "must not be negative");
        }
        if e.max_future_hours < 0 || e.max_past_days <= 0 {
            return bad("engine.max_future_hours", "time bounds must be positive");
        }
        if e.max_dyads == 0 || e.max_stories == 0 {
            return bad("engine.max_dyads", "caps must be at least 1");
        }
        if !(e.dedup_min_similarity > 0.0 && e.dedup_min_similarity <= 1.0) {
            return bad("engine.dedup_min_similarity", "must lie in (0, 1]");
        }
        if !(1..=7).contains(&a.fire_rung) {
            return bad("alerts.fire_rung", "must be 1 to 7");
        }
        if a.reciprocity_window_hours <= 0 || a.rung_window_hours <= 0 || a.resolve_hold_hours < 0 {
            return bad("alerts.rung_window_hours", "windows must be positive");
        }
        if a.baseline_days < 2 || a.baseline_min_days > a.baseline_days {
            return bad(
                "alerts.baseline_days",
                "need at least 2 days, and baseline_min_days <= baseline_days",
            );
        }
        if a.min_stories == 0 {
            return bad("alerts.min_stories", "must be at least 1");
        }
        if a.max_evidence == 0 {
            return bad("alerts.max_evidence", "must be at least 1");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_toml_overrides() {
        assert!(Rules::default().validate().is_ok());
        let r = Rules::from_toml("[alerts]\nfire_rung = 4\n").expect("valid");
        assert_eq!(r.alerts.fire_rung, 4);
        assert_eq!(r.engine.half_life_hours, DEFAULT_HALF_LIFE_HOURS);
        let cases = [
            ("[alerts]\nfire_rung = 9\n", "alerts.fire_rung"),
            ("[engine]\nhalf_life_hours = 0.0\n", "engine.half_life_hours"),
            ("[engine]\nbogus = 1\n", "toml"),
        ];
        for (text, field) in cases {
            assert_eq!(Rules::from_toml(text).expect_err(text).field, field, "{text}");
        }
    }
}
