//! Conversions between the domain model and the generated protobuf types. Only `api/`
//! names generated types.

use prost_types::Timestamp;

use crate::escalation::dyad::DyadState;
use crate::escalation::rules::Rules;
use crate::hub::labels;
use crate::model::{self, Modality, Rung, Severity};
use crate::proto;
use crate::store::LoggedEvent;

/// A timestamp from seconds since the epoch.
pub fn timestamp(secs: i64) -> Timestamp {
    Timestamp { seconds: secs, nanos: 0 }
}

/// A timestamp from milliseconds since the epoch.
pub fn timestamp_ms(ms: i64) -> Timestamp {
    Timestamp {
        seconds: ms.div_euclid(1000),
        nanos: i32::try_from(ms.rem_euclid(1000) * 1_000_000).unwrap_or(0),
    }
}

/// A timestamp from RFC 3339 (`None` when it does not parse).
pub fn timestamp_rfc3339(s: &str) -> Option<Timestamp> {
    let t: jiff::Timestamp = s.parse().ok()?;
    Some(Timestamp { seconds: t.as_second(), nanos: t.subsec_nanosecond() })
}

fn span(s: model::Span) -> proto::Span {
    proto::Span { start: s.start, end: s.end }
}

fn modality(m: Modality) -> proto::Modality {
    match m {
        Modality::Asserted => proto::Modality::Asserted,
        Modality::Reported => proto::Modality::Reported,
        Modality::Threatened => proto::Modality::Threatened,
        Modality::Considered => proto::Modality::Considered,
        Modality::Negated => proto::Modality::Negated,
    }
}

/// The proto severity of a model severity.
pub fn severity(s: Severity) -> proto::Severity {
    match s {
        Severity::Info => proto::Severity::Info,
        Severity::Warning => proto::Severity::Warning,
        Severity::Critical => proto::Severity::Critical,
    }
}

/// The model severity of a proto one (`None` for unspecified).
pub fn severity_from(s: proto::Severity) -> Option<Severity> {
    match s {
        proto::Severity::Unspecified => None,
        proto::Severity::Info => Some(Severity::Info),
        proto::Severity::Warning => Some(Severity::Warning),
        proto::Severity::Critical => Some(Severity::Critical),
    }
}

/// The proto kind of a model kind.
pub fn kind(k: model::AlertKind) -> proto::AlertKind {
    match k {
        model::AlertKind::Escalation => proto::AlertKind::Escalation,
        model::AlertKind::Spike => proto::AlertKind::Spike,
        model::AlertKind::MassCasualty => proto::AlertKind::MassCasualty,
    }
}

/// The model kind of a proto one (`None` for unspecified).
pub fn kind_from(k: proto::AlertKind) -> Option<model::AlertKind> {
    match k {
        proto::AlertKind::Unspecified => None,
        proto::AlertKind::Escalation => Some(model::AlertKind::Escalation),
        proto::AlertKind::Spike => Some(model::AlertKind::Spike),
        proto::AlertKind::MassCasualty => Some(model::AlertKind::MassCasualty),
    }
}

/// The proto type of an alert event type.
pub fn event_type(t: model::AlertEventType) -> proto::AlertEventType {
    match t {
        model::AlertEventType::Fired => proto::AlertEventType::Fired,
        model::AlertEventType::Updated => proto::AlertEventType::Updated,
        model::AlertEventType::Resolved => proto::AlertEventType::Resolved,
    }
}

fn casualties(c: model::Casualties) -> proto::Casualties {
    proto::Casualties { killed: c.killed, injured: c.injured }
}

/// An analysis as the API returns it.
pub fn analysis(a: &model::Analysis, published: Option<Timestamp>) -> proto::Analysis {
    proto::Analysis {
        article_id: a.id.clone(),
        published_at: published,
        events: a
            .events
            .iter()
            .map(|e| proto::Event {
                source: e.source.clone(),
                target: e.target.clone(),
                cameo: e.cameo.clone(),
                plover: e.plover.clone(),
                goldstein: e.goldstein,
                modality: modality(e.modality).into(),
                sentence: e.sentence,
                span: Some(span(e.span)),
                speaker: e.speaker.clone(),
                learned: e.learned,
            })
            .collect(),
        actors: a
            .actors
            .iter()
            .map(|m| proto::ActorMention {
                code: m.code.clone(),
                name: m.name.clone(),
                span: Some(span(m.span)),
            })
            .collect(),
        casualties: Some(casualties(a.casualties)),
        dyads: a
            .dyads
            .iter()
            .map(|d| proto::DyadSummary {
                a: d.a.clone(),
                b: d.b.clone(),
                rung: u32::from(d.rung),
                conflict: d.conflict,
                cooperation: d.cooperation,
            })
            .collect(),
        sentences: a.sentences,
    }
}

fn evidence(e: &model::Evidence) -> proto::Evidence {
    proto::Evidence {
        article_id: e.article_id.clone(),
        sentence: e.sentence.clone(),
        span: Some(span(e.span)),
        text: e.text.clone(),
        cameo: e.cameo.clone(),
        source: e.source.clone(),
        target: e.target.clone(),
        modality: modality(e.modality).into(),
        time: timestamp_rfc3339(&e.time),
        received_time: e.received_time,
    }
}

/// An alert in the state an event left it.
pub fn alert(a: &model::Alert, resolved: bool) -> proto::Alert {
    proto::Alert {
        fingerprint: a.fingerprint.clone(),
        kind: kind(a.kind).into(),
        dyad: a.dyad.to_vec(),
        rung: u32::from(a.rung),
        severity: severity(a.severity).into(),
        summary: a.summary.clone(),
        event_time: timestamp_rfc3339(&a.event_time),
        casualties: Some(casualties(a.casualties)),
        reciprocal: a.reciprocal,
        sources: a.sources,
        articles: a.articles.clone(),
        evidence: a.evidence.iter().map(evidence).collect(),
        labels: labels(a).into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        resolved,
    }
}

/// A logged alert event.
pub fn alert_event(e: &LoggedEvent) -> proto::AlertEvent {
    proto::AlertEvent {
        seq: e.seq,
        r#type: event_type(e.event.kind).into(),
        alert: Some(alert(&e.event.alert, e.event.kind == model::AlertEventType::Resolved)),
        committed_at: Some(timestamp_ms(e.committed_ms)),
    }
}

/// A dyad's state at event time `now`.
pub fn dyad(d: &DyadState, rules: &Rules, now: i64) -> proto::Dyad {
    let window = rules.alerts.rung_window_hours * 3600;
    let recip = rules.alerts.reciprocity_window_hours * 3600;
    let half_life = rules.engine.half_life_hours * 3600.0;
    let rung = d.rung(now, window);
    let mut holding: Vec<proto::Evidence> = d.holding(now, window).map(|r| evidence(&r.evidence)).collect();
    holding.reverse();
    holding.truncate(12);
    proto::Dyad {
        a: d.parties[0].clone(),
        b: d.parties[1].clone(),
        rung: u32::from(rung),
        rung_label: Rung::from_number(rung).label().to_owned(),
        conflict: d.conflict.iter().map(|c| c.at(now, half_life)).collect(),
        cooperation: d.cooperation.iter().map(|c| c.at(now, half_life)).collect(),
        reciprocal: d.reciprocal(now, window, recip),
        first_seen: Some(timestamp(d.first_seen)),
        last_time: Some(timestamp(d.last_time)),
        holding,
    }
}
