//! Analyzer throughput on real news (Reuters-21578 from `../shared/eval`, or the file named
//! by `FLASHPOINT_BENCH_CORPUS`): sentences/s and bytes/s single-threaded, in the
//! benchmarking thread's CPU time (see `cpu_time`); and lexicon load time, in wall time (the
//! load parses its files on several threads). Run: `cargo bench --bench analyzer`.

mod cpu_time;

use std::hint::black_box;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flashpoint::analysis::Analyzer;
use flashpoint::corpus;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Article;
use flashpoint::reading::read;

use self::cpu_time::ThreadCpuTime;

fn corpus_path() -> std::path::PathBuf {
    std::env::var_os("FLASHPOINT_BENCH_CORPUS").map_or_else(
        || {
            std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../shared/eval/articles/reuters21578.jsonl"
            ))
        },
        std::path::PathBuf::from,
    )
}

fn bench(c: &mut Criterion<ThreadCpuTime>) {
    let path = corpus_path();
    let (records, errors) = corpus::read_file(&path);
    assert!(errors.is_empty() && !records.is_empty(), "cannot read the corpus {}", path.display());
    // A fixed slice of the corpus keeps one iteration around a second.
    // Title and body, read as every entry point reads them.
    let articles: Vec<Article> = records.into_iter().take(3000).map(|r| r.into_article(None)).collect();
    let analyzer = Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon")));
    let read_all = || articles.iter().map(|a| read(&analyzer, a).analysis).collect::<Vec<_>>();
    let bytes: usize = articles.iter().map(|a| a.text().len()).sum();
    let sentences: u64 = read_all().iter().map(|a| u64::from(a.sentences)).sum();
    eprintln!("corpus: {} articles, {} sentences, {} bytes", articles.len(), sentences, bytes);

    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sentences));
    g.bench_function("reuters_sentences", |b| b.iter(|| black_box(read_all())));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("reuters_bytes", |b| b.iter(|| black_box(read_all())));
    g.finish();
}

fn lexicon(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("load_embedded", |b| b.iter(|| black_box(Lexicon::embedded().expect("seed lexicon"))));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench
}
criterion_group!(load, lexicon);
criterion_main!(benches, load);
