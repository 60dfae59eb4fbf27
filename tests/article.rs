//! One article entry point: a title and body are read the same way by the service
//! (`Analyze`, `IngestStream`), by `flashpoint analyze` and by the library's
//! `reading::read`; the title is part of what is read.

mod support;

use std::process::Command;

use flashpoint::api::convert;
use flashpoint::model::Article;
use flashpoint::proto;
use flashpoint::proto::analysis_service_client::AnalysisServiceClient;
use flashpoint::reading::read;
use futures_util::StreamExt;
use support::server::TestServer;

/// 2025-03-14T09:00:00Z.
const PUBLISHED: i64 = 1_741_942_800;

/// Articles of our own: the event of the first two is in the title only.
fn articles() -> Vec<Article> {
    let a = |id: &str, title: &str, body: &str| Article {
        id: id.to_owned(),
        title: title.to_owned(),
        body: body.to_owned(),
        published: Some(PUBLISHED),
        received: None,
    };
    vec![
        a("titled", "Chile expels Peruvian envoy", "Officials in Santiago gave no reason on Friday."),
        a("titled-2", "Norway accuses Russia of spying", "Officials in Oslo gave no details on Tuesday."),
        a("untitled", "", "Chile expelled the Peruvian envoy on Friday."),
        a("blank title", "  ", "Norway accused Russia of spying on Tuesday."),
        a("no event", "Markets calm", "Shares closed flat in quiet trading."),
    ]
}

fn request(a: &Article) -> proto::Article {
    proto::Article {
        id: a.id.clone(),
        title: a.title.clone(),
        body: a.body.clone(),
        published_at: a.published.map(|seconds| prost_types::Timestamp { seconds, nanos: 0 }),
        ..proto::Article::default()
    }
}

#[test]
fn the_title_is_read() {
    for a in &articles()[..2] {
        let r = read(support::analyzer(), a);
        assert!(
            r.analysis.events.iter().any(|e| (e.span.end as usize) <= a.body_start()),
            "{}: no event in the title: {:?}",
            a.id,
            r.analysis.events
        );
        let untitled = Article { title: String::new(), ..a.clone() };
        let body_only = read(support::analyzer(), &untitled).analysis;
        assert!(body_only.events.is_empty(), "{}: the body alone codes no event", a.id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_reads_as_the_library_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = TestServer::start(dir.path(), |_| {}).await;
    let mut client = AnalysisServiceClient::new(server.channel().await);
    for a in articles() {
        let req = request(&a);
        let got = client
            .analyze(proto::AnalyzeRequest { article: Some(req.clone()) })
            .await
            .expect("analyze")
            .into_inner();
        let want = convert::analysis(&read(support::analyzer(), &a).analysis, req.published_at);
        assert_eq!(got, want, "{}", a.id);
    }

    // Ingest over one stream, many articles in flight: answers in request order, each with
    // the number of events the library reads, a bad article answered in its place.
    let mut sent: Vec<Article> = Vec::new();
    for round in 0..40 {
        for a in articles() {
            sent.push(Article { id: format!("{}-{round}", a.id), ..a });
        }
    }
    let mut requests: Vec<proto::IngestRequest> =
        sent.iter().map(|a| proto::IngestRequest { article: Some(request(a)) }).collect();
    requests[7].article.as_mut().expect("article").body.clear();
    let mut ingest = server.ingest().await;
    let answers: Vec<proto::IngestResponse> = ingest
        .ingest_stream(futures_util::stream::iter(requests))
        .await
        .expect("stream")
        .into_inner()
        .map(|r| r.expect("answer"))
        .collect()
        .await;
    assert_eq!(answers.len(), sent.len());
    for (i, (a, answer)) in sent.iter().zip(&answers).enumerate() {
        assert_eq!(answer.article_id, a.id, "answers in request order");
        if i == 7 {
            assert!(answer.rejection.is_some(), "the empty body is rejected in its place");
            continue;
        }
        assert!(answer.rejection.is_none(), "{}: {:?}", a.id, answer.rejection);
        let events = read(support::analyzer(), a).analysis.events.len();
        assert_eq!(answer.events as usize, events, "{}", a.id);
    }
    server.stop().await;
}

#[test]
fn analyze_reads_as_the_library_does_on_any_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("articles.jsonl");
    let lines: Vec<String> = articles()
        .iter()
        .map(|a| {
            serde_json::json!({"id": a.id, "title": a.title, "text": a.body, "published_at": "2025-03-14T09:00:00Z"})
                .to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).expect("write");
    let want: Vec<String> = articles()
        .iter()
        .map(|a| serde_json::to_string(&read(support::analyzer(), a).analysis).expect("json"))
        .collect();
    for threads in ["1", "2", "3"] {
        let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(["analyze", "--json", "--threads", threads, "--input"])
            .arg(&path)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let got: Vec<&str> = std::str::from_utf8(&out.stdout).expect("utf-8").lines().collect();
        assert_eq!(got, want, "--threads {threads}");
    }
}
