//! The service over a real socket: ingest, subscribe, resume, restart, retention, slow
//! subscribers, shutdown, bad input, health and reflection.

mod support;

use std::time::Duration;

use flashpoint::proto;
use flashpoint::proto::subscribe_request::Start;
use support::CRISIS;
use support::server::{PATIENCE, TestServer, article, events, heartbeat, ingest, subscribe};
use tonic::Code;

const SEED: &str = include_str!("../seeds/000_dde2283d958822b8.txt");
const SEED_TIME: &str = "2025-04-27T09:00:00Z";

/// Ingests the crisis timeline; returns the seqs its articles caused, in order.
async fn ingest_crisis(server: &TestServer) -> Vec<u64> {
    let mut client = server.ingest().await;
    let mut seqs = Vec::new();
    for (id, t, text) in CRISIS {
        let r = ingest(&mut client, article(id, t, text)).await;
        assert!(!r.duplicate);
        seqs.extend(r.caused.iter().map(|c| c.seq));
    }
    seqs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seed_article_reaches_a_subscriber_and_a_repeat_is_a_duplicate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |_| {}).await;
    let mut alerts = server.alerts().await;
    let mut stream = subscribe(&mut alerts, None, proto::AlertFilter::default()).await.expect("subscribe");
    let mut client = server.ingest().await;

    let first = ingest(&mut client, article("seed", SEED_TIME, SEED)).await;
    assert!(!first.duplicate);
    assert!(first.events > 10, "{} events", first.events);
    assert_eq!(first.caused.len(), 1);
    assert_eq!(first.caused[0].r#type, proto::AlertEventType::Fired as i32);

    let got = events(&mut stream, 1).await;
    let e = &got[0];
    assert_eq!(e.seq, first.caused[0].seq);
    let a = e.alert.as_ref().expect("alert");
    assert_eq!(a.dyad, ["IND", "PAK"]);
    assert!(a.rung >= 3 && a.reciprocal);
    assert_eq!(a.casualties.expect("casualties").killed, 26);
    assert_eq!(a.fingerprint, first.caused[0].fingerprint);
    assert!(a.evidence.iter().any(|x| x.text.contains("Indus Waters Treaty")));
    for x in &a.evidence {
        let span = x.span.expect("span");
        assert_eq!(SEED.get(span.start as usize..span.end as usize), Some(x.text.as_str()));
    }

    let again = ingest(&mut client, article("seed", SEED_TIME, SEED)).await;
    assert!(again.duplicate);
    assert_eq!(again.caused, first.caused, "a duplicate reports what the first ingest caused");
    // Nothing new: the next heartbeat still has the head at the first event.
    assert_eq!(heartbeat(&mut stream).await, e.seq);
    // The same text without an id is its own idempotency key.
    let mut anon = article("", SEED_TIME, SEED);
    anon.id.clear();
    let a1 = ingest(&mut client, anon.clone()).await;
    let a2 = ingest(&mut client, anon).await;
    assert!(a1.article_id.starts_with("sha256:") && a1.article_id == a2.article_id);
    assert!(!a1.duplicate && a2.duplicate);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_resumes_from_its_cursor_across_reconnects_and_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |_| {}).await;
    let seqs = ingest_crisis(&server).await;
    let n = seqs.len();
    assert!(n >= 4, "the crisis raises several alert events: {seqs:?}");
    assert_eq!(seqs, (1..=n as u64).collect::<Vec<_>>(), "gap-free from 1");

    // Read K of N, disconnect, resume after the K-th: exactly the other N-K, in order.
    let k = 2;
    let mut alerts = server.alerts().await;
    let mut s = subscribe(&mut alerts, Some(Start::FromOldest(true)), proto::AlertFilter::default())
        .await
        .expect("sub");
    let head = events(&mut s, k).await;
    drop(s);
    let mut s = subscribe(&mut alerts, Some(Start::AfterSeq(head[k - 1].seq)), proto::AlertFilter::default())
        .await
        .expect("resume");
    let rest = events(&mut s, n - k).await;
    assert_eq!(rest.iter().map(|e| e.seq).collect::<Vec<_>>(), seqs[k..]);
    assert_eq!(heartbeat(&mut s).await, n as u64, "nothing more");
    drop(s);
    server.stop().await;

    // Restart on the same directory: the cursor and the article index survive, and the
    // engine's state with them.
    let server = TestServer::start(dir.path(), |_| {}).await;
    let mut alerts = server.alerts().await;
    let mut s = subscribe(&mut alerts, Some(Start::AfterSeq(k as u64)), proto::AlertFilter::default())
        .await
        .expect("resume after restart");
    let rest = events(&mut s, n - k).await;
    assert_eq!(rest.iter().map(|e| e.seq).collect::<Vec<_>>(), seqs[k..]);
    let mut client = server.ingest().await;
    let (id, t, text) = CRISIS[1];
    assert!(ingest(&mut client, article(id, t, text)).await.duplicate);
    let dyad = alerts
        .get_dyad(proto::GetDyadRequest { dyad: Some(proto::DyadKey { a: "PAK".into(), b: "IND".into() }) })
        .await
        .expect("dyad survives the restart")
        .into_inner();
    assert_eq!((dyad.a.as_str(), dyad.b.as_str()), ("IND", "PAK"));
    // New events continue the log without a gap.
    let r = ingest(
        &mut client,
        article(
            "later",
            "2025-06-01T10:00:00Z",
            "India expelled two Pakistani diplomats and Pakistan expelled two Indian diplomats in response.",
        ),
    )
    .await;
    if let Some(c) = r.caused.first() {
        assert_eq!(c.seq, n as u64 + 1);
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cursor_outside_the_log_is_out_of_range() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |c| c.store.retention.events = 3).await;
    let seqs = ingest_crisis(&server).await;
    let head = *seqs.last().expect("events");
    let oldest = head - 2;
    let mut alerts = server.alerts().await;
    let err = subscribe(&mut alerts, Some(Start::AfterSeq(0)), proto::AlertFilter::default())
        .await
        .expect_err("compacted");
    assert_eq!(err.code(), Code::OutOfRange);
    assert!(err.message().contains(&format!("oldest available is {oldest}")), "{}", err.message());
    let err = subscribe(&mut alerts, Some(Start::AfterSeq(head + 5)), proto::AlertFilter::default())
        .await
        .expect_err("future");
    assert_eq!(err.code(), Code::OutOfRange);
    // From the oldest retained: exactly the last three.
    let mut s = subscribe(&mut alerts, Some(Start::FromOldest(true)), proto::AlertFilter::default())
        .await
        .expect("sub");
    let got = events(&mut s, 3).await;
    assert_eq!(got.iter().map(|e| e.seq).collect::<Vec<_>>(), [oldest, oldest + 1, head]);
    server.stop().await;
}

/// Country pairs whose border closures each raise an alert of their own.
const COUNTRIES: &[&str] = &[
    "France", "Germany", "Spain", "Italy", "Poland", "Hungary", "Austria", "Greece", "Turkey", "Egypt",
    "Kenya", "Nigeria", "Brazil", "Peru", "Chile", "Japan",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_subscriber_neither_delays_a_fast_one_nor_loses_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every closure its own alert: one story suffices, and the templated texts are not
    // taken for copies of one another.
    let server = TestServer::start(dir.path(), |c| {
        c.rules.alerts.min_stories = 1;
        c.rules.engine.dedup_min_similarity = 1.0;
    })
    .await;
    let mut alerts = server.alerts().await;
    // Subscribed first, never read until the end.
    let mut stalled = subscribe(&mut alerts, Some(Start::FromOldest(true)), proto::AlertFilter::default())
        .await
        .expect("sub");
    let mut fast = subscribe(&mut alerts, Some(Start::FromOldest(true)), proto::AlertFilter::default())
        .await
        .expect("sub");
    let mut client = server.ingest().await;
    let mut caused = 0;
    let mut k = 0;
    for a in COUNTRIES {
        for b in COUNTRIES {
            if a >= b {
                continue;
            }
            k += 1;
            let text = format!("{a} closed its border with {b} and suspended all trade with {b} on Monday.");
            let r = ingest(&mut client, article(&format!("b{k}"), "2025-03-01T00:00:00Z", &text)).await;
            caused += r.caused.len();
        }
    }
    assert!(caused > 60, "enough alert events to fill the stalled stream's buffers: {caused}");
    let got = events(&mut fast, caused).await;
    assert_eq!(got.last().map(|e| e.seq), Some(caused as u64));
    let late = events(&mut stalled, caused).await;
    assert_eq!(late.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=caused as u64).collect::<Vec<_>>());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_ends_every_stream_with_unavailable_and_a_resume_point() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |_| {}).await;
    let seqs = ingest_crisis(&server).await;
    let mut alerts = server.alerts().await;
    let mut streams = Vec::new();
    for _ in 0..3 {
        let mut s = subscribe(&mut alerts, Some(Start::FromOldest(true)), proto::AlertFilter::default())
            .await
            .expect("sub");
        events(&mut s, seqs.len()).await;
        streams.push(s);
    }
    let took = server.stop().await;
    assert!(took < PATIENCE, "{took:?}");
    for mut s in streams {
        let end = loop {
            match tokio::time::timeout(PATIENCE, s.message()).await.expect("ends") {
                Ok(Some(_)) => continue,
                other => break other,
            }
        };
        let status = end.expect_err("ends with a status");
        assert_eq!(status.code(), Code::Unavailable, "{status:?}");
        assert!(status.message().contains(&format!("after_seq = {}", seqs.len())), "{}", status.message());
    }
}

fn code_of<T: std::fmt::Debug>(r: Result<T, tonic::Status>) -> Code {
    r.expect_err("an error status").code()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_precise_status_and_the_server_keeps_serving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |c| {
        c.server.max_article_bytes = 4096;
        c.server.max_subscribers = 3;
    })
    .await;
    let mut client = server.ingest().await;
    let req = |a: proto::Article| proto::IngestRequest { article: Some(a) };
    let ok = article("ok", SEED_TIME, "India closed its border with Pakistan.");
    let cases: Vec<(&str, proto::IngestRequest, Code)> = vec![
        ("no article", proto::IngestRequest { article: None }, Code::InvalidArgument),
        ("empty body", req(proto::Article { body: String::new(), ..ok.clone() }), Code::InvalidArgument),
        (
            "whitespace body",
            req(proto::Article { body: " \n\t ".into(), ..ok.clone() }),
            Code::InvalidArgument,
        ),
        (
            "oversize",
            req(proto::Article { body: "India attacked Pakistan. ".repeat(400), ..ok.clone() }),
            Code::ResourceExhausted,
        ),
        (
            "bad nanos",
            req(proto::Article {
                published_at: Some(prost_types::Timestamp { seconds: 0, nanos: 2_000_000_000 }),
                ..ok.clone()
            }),
            Code::InvalidArgument,
        ),
        (
            "far future",
            req(proto::Article {
                published_at: Some(prost_types::Timestamp { seconds: 4_000_000_000, nanos: 0 }),
                ..ok.clone()
            }),
            Code::InvalidArgument,
        ),
        ("not English", req(proto::Article { language: "fr".into(), ..ok.clone() }), Code::InvalidArgument),
        ("control in id", req(proto::Article { id: "a\u{0}b".into(), ..ok.clone() }), Code::InvalidArgument),
    ];
    for (name, r, want) in cases {
        let got = client.ingest(r).await;
        assert_eq!(code_of(got), want, "{name}");
    }
    // A message far over the transport limit is refused by the transport itself.
    let huge = req(proto::Article { body: "x".repeat(1 << 20), ..ok.clone() });
    assert_ne!(code_of(client.ingest(huge).await), Code::Ok);

    let mut alerts = server.alerts().await;
    let bad_filters = vec![
        ("unknown kind", proto::AlertFilter { kinds: vec![99], ..Default::default() }),
        ("unspecified kind", proto::AlertFilter { kinds: vec![0], ..Default::default() }),
        ("lower-case actor", proto::AlertFilter { actors: vec!["ind".into()], ..Default::default() }),
        ("unknown severity", proto::AlertFilter { min_severity: 42, ..Default::default() }),
        (
            "unknown label",
            proto::AlertFilter { labels: [("team".to_owned(), "x".to_owned())].into(), ..Default::default() },
        ),
        (
            "one-sided dyad",
            proto::AlertFilter {
                dyads: vec![proto::DyadKey { a: "IND".into(), b: String::new() }],
                ..Default::default()
            },
        ),
    ];
    for (name, f) in bad_filters {
        assert_eq!(
            code_of(subscribe(&mut alerts, None, f.clone()).await),
            Code::InvalidArgument,
            "subscribe: {name}"
        );
        let list =
            alerts.list_alerts(proto::ListAlertsRequest { filter: Some(f), ..Default::default() }).await;
        assert_eq!(code_of(list), Code::InvalidArgument, "list: {name}");
    }
    let bad_page =
        alerts.list_alerts(proto::ListAlertsRequest { page_token: "x".into(), ..Default::default() }).await;
    assert_eq!(code_of(bad_page), Code::InvalidArgument);
    let missing = alerts.get_alert(proto::GetAlertRequest { fingerprint: "0000".into() }).await;
    assert_eq!(code_of(missing), Code::NotFound);
    let no_dyad = alerts
        .get_dyad(proto::GetDyadRequest { dyad: Some(proto::DyadKey { a: "FRA".into(), b: "DEU".into() }) })
        .await;
    assert_eq!(code_of(no_dyad), Code::NotFound);

    // The subscriber cap: the fourth gets RESOURCE_EXHAUSTED; closing one frees a place.
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(subscribe(&mut alerts, None, proto::AlertFilter::default()).await.expect("under the cap"));
    }
    assert_eq!(
        code_of(subscribe(&mut alerts, None, proto::AlertFilter::default()).await),
        Code::ResourceExhausted
    );
    drop(open.pop());
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        match subscribe(&mut alerts, None, proto::AlertFilter::default()).await {
            Ok(s) => {
                open.push(s);
                break;
            }
            Err(_) if tokio::time::Instant::now() < deadline => {
                // The server notices the closed stream at its next send (a heartbeat).
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("the cap never freed: {e}"),
        }
    }

    // In a stream, a bad article is answered in its place and the rest go on.
    let reqs = vec![
        req(article("s-1", SEED_TIME, "India closed its border with Pakistan.")),
        req(proto::Article { body: String::new(), ..article("s-2", SEED_TIME, "") }),
        req(article("s-3", SEED_TIME, "Pakistan closed its airspace to Indian airlines.")),
    ];
    let mut out = client.ingest_stream(tokio_stream::iter(reqs)).await.expect("stream").into_inner();
    let mut got = Vec::new();
    while let Some(r) = out.message().await.expect("responses") {
        got.push(r);
    }
    assert_eq!(got.iter().map(|r| r.article_id.as_str()).collect::<Vec<_>>(), ["s-1", "s-2", "s-3"]);
    assert!(got[0].rejection.is_none() && got[2].rejection.is_none());
    assert_eq!(got[1].rejection.as_ref().map(|r| r.code), Some(Code::InvalidArgument as i32));

    // Still serving.
    assert!(!ingest(&mut client, ok).await.duplicate);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_then_watch_and_dyads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |_| {}).await;
    let seqs = ingest_crisis(&server).await;
    let mut alerts = server.alerts().await;
    let all = alerts
        .list_alerts(proto::ListAlertsRequest { include_resolved: true, ..Default::default() })
        .await
        .expect("list")
        .into_inner();
    assert_eq!(all.as_of_seq, *seqs.last().expect("events"));
    assert!(all.alerts.iter().any(|a| a.dyad == ["IND", "PAK"]));
    let only_mc = alerts
        .list_alerts(proto::ListAlertsRequest {
            filter: Some(proto::AlertFilter {
                kinds: vec![proto::AlertKind::MassCasualty as i32],
                ..Default::default()
            }),
            include_resolved: true,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner();
    assert!(only_mc.alerts.iter().all(|a| a.kind == proto::AlertKind::MassCasualty as i32));
    let one = alerts
        .get_alert(proto::GetAlertRequest { fingerprint: all.alerts[0].fingerprint.clone() })
        .await
        .expect("get")
        .into_inner();
    assert_eq!(one, all.alerts[0]);
    // Watch from the list's position: the next event is the next one ingested.
    let mut s = subscribe(&mut alerts, Some(Start::AfterSeq(all.as_of_seq)), proto::AlertFilter::default())
        .await
        .expect("sub");
    assert_eq!(heartbeat(&mut s).await, all.as_of_seq);
    let dyads = alerts
        .list_dyads(proto::ListDyadsRequest { actor: "PAK".into(), ..Default::default() })
        .await
        .expect("dyads")
        .into_inner();
    assert!(dyads.dyads.iter().all(|d| d.a == "PAK" || d.b == "PAK"));
    assert!(dyads.dyads.iter().any(|d| d.a == "IND" && d.b == "PAK"));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_reflection_answer() {
    use tonic_health::pb::health_client::HealthClient;
    use tonic_health::pb::{HealthCheckRequest, health_check_response::ServingStatus};
    let dir = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start(dir.path(), |_| {}).await;
    let channel = server.channel().await;
    let mut health = HealthClient::new(channel.clone());
    for service in
        ["flashpoint.v1.IngestService", "flashpoint.v1.AnalysisService", "flashpoint.v1.AlertService", ""]
    {
        let r =
            health.check(HealthCheckRequest { service: service.into() }).await.expect("health").into_inner();
        assert_eq!(r.status, ServingStatus::Serving as i32, "{service:?}");
    }

    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;
    let mut reflection = ServerReflectionClient::new(channel.clone());
    let req = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut out = reflection
        .server_reflection_info(tokio_stream::iter(vec![req]))
        .await
        .expect("reflection")
        .into_inner();
    let resp = out.message().await.expect("answer").expect("one");
    let Some(MessageResponse::ListServicesResponse(list)) = resp.message_response else { panic!("{resp:?}") };
    let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    for want in ["flashpoint.v1.IngestService", "flashpoint.v1.AlertService", "flashpoint.v1.AnalysisService"]
    {
        assert!(names.iter().any(|n| n == want), "{names:?}");
    }

    use tonic_reflection::pb::v1alpha::ServerReflectionRequest as AlphaReq;
    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient as AlphaClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest as AlphaRequest;
    let mut alpha = AlphaClient::new(channel.clone());
    let req = AlphaReq {
        host: String::new(),
        message_request: Some(AlphaRequest::FileContainingSymbol("flashpoint.v1.AlertService".into())),
    };
    let mut out =
        alpha.server_reflection_info(tokio_stream::iter(vec![req])).await.expect("v1alpha").into_inner();
    assert!(out.message().await.expect("answer").is_some());

    // Analysis stores nothing.
    let mut analysis = proto::analysis_service_client::AnalysisServiceClient::new(channel);
    let a = analysis
        .analyze(proto::AnalyzeRequest { article: Some(article("seed", SEED_TIME, SEED)) })
        .await
        .expect("analyze")
        .into_inner();
    assert_eq!(a.casualties.expect("casualties").killed, 26);
    assert!(
        a.events
            .iter()
            .any(|e| e.source.starts_with("IND") && e.target.starts_with("PAK") && e.cameo.starts_with("16"))
    );
    let mut client = server.ingest().await;
    assert!(!ingest(&mut client, article("seed", SEED_TIME, SEED)).await.duplicate, "analyze stored nothing");
    server.stop().await;
}
