//! Replay throughput, single-threaded: analysis + escalation engine over AG News items (from
//! `../shared/eval`, or the file named by `FLASHPOINT_BENCH_REPLAY`) with synthetic
//! publication times (2025-01-01T00:00:00Z, then one every 600 s, as `flashpoint replay
//! --synthetic-start 2025-01-01T00:00:00Z --synthetic-step 600` gives them). Sub-benches
//! split the cost: analysis alone, reduction to engine facts (with the story signature), the
//! signature alone, and the engine alone. Times are the benchmarking thread's CPU time (see
//! `cpu_time`). Run: `cargo bench --bench replay`.

mod cpu_time;

use std::hint::black_box;
use std::sync::Arc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use flashpoint::alerts::story::signature;
use flashpoint::analysis::Analyzer;
use flashpoint::corpus;
use flashpoint::escalation::rules::Rules;
use flashpoint::escalation::{ArticleFacts, Engine, names_from};
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Article;
use flashpoint::reading::read;

use self::cpu_time::ThreadCpuTime;

/// 2025-01-01T00:00:00Z.
const START: i64 = 1_735_689_600;
const STEP: i64 = 600;

fn corpus_path() -> std::path::PathBuf {
    std::env::var_os("FLASHPOINT_BENCH_REPLAY").map_or_else(
        || {
            std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/eval/articles/ag_news_test_dev.jsonl"
            ))
        },
        std::path::PathBuf::from,
    )
}

fn bench(c: &mut Criterion<ThreadCpuTime>) {
    let path = corpus_path();
    let (records, errors) = corpus::read_file(&path);
    assert!(errors.is_empty() && !records.is_empty(), "cannot read the corpus {}", path.display());
    // Each article published at its synthetic time (title and body read, as everywhere).
    let items: Vec<Article> = records
        .into_iter()
        .zip(0..)
        .map(|(r, i)| Article { published: Some(START + i * STEP), ..r.into_article(None) })
        .collect();
    let lexicon = Arc::new(Lexicon::embedded().expect("seed lexicon"));
    let analyzer = Analyzer::new(lexicon.clone());
    let names = names_from(&lexicon);
    let time = |it: &Article| it.published.unwrap_or(START);
    let facts_of = |it: &Article| read(&analyzer, it).facts().expect("a published article has facts");
    let n = items.len() as u64;
    let bytes: usize = items.iter().map(|it| it.text().len()).sum();

    // What the engine is fed, computed once for the engine-only bench.
    let facts: Vec<ArticleFacts> = items.iter().map(facts_of).collect();
    let events: usize = facts.iter().map(|f| f.facts.len()).sum();
    let alerts = {
        let mut e = Engine::new(Rules::default(), names.clone());
        let mut k = 0;
        for f in facts.iter().cloned() {
            let t = f.time;
            k += e.observe(f, t).expect("in bounds").len();
        }
        k + e.flush().len()
    };
    eprintln!("corpus: {n} articles, {bytes} bytes, {events} engine facts, {alerts} alert events");

    let mut g = c.benchmark_group("replay");
    g.sample_size(20);
    g.throughput(Throughput::Elements(n));
    g.bench_function("ag_news_analysis_and_engine", |b| {
        b.iter(|| {
            let mut engine = Engine::new(Rules::default(), names.clone());
            let mut raised = 0;
            for it in &items {
                raised += engine.observe(facts_of(it), time(it)).map_or(0, |v| v.len());
            }
            raised += engine.flush().len();
            black_box(raised)
        })
    });
    g.bench_function("ag_news_analysis_only", |b| {
        b.iter(|| {
            for it in &items {
                black_box(read(&analyzer, it).analysis);
            }
        })
    });
    g.bench_function("ag_news_analysis_and_facts", |b| {
        b.iter(|| {
            for it in &items {
                black_box(facts_of(it));
            }
        })
    });
    g.bench_function("ag_news_story_signature_only", |b| {
        b.iter(|| {
            for it in &items {
                black_box(signature(&it.text()));
            }
        })
    });
    g.bench_function("ag_news_engine_only", |b| {
        b.iter_batched(
            || facts.clone(),
            |facts| {
                let mut engine = Engine::new(Rules::default(), names.clone());
                let mut raised = 0;
                for f in facts {
                    let t = f.time;
                    raised += engine.observe(f, t).map_or(0, |v| v.len());
                }
                raised += engine.flush().len();
                black_box(raised)
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench
}
criterion_main!(benches);
