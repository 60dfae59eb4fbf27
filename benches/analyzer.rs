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
use flashpoint::analysis::{Analyzer, Document};
use flashpoint::corpus;
use flashpoint::lexicon::Lexicon;

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
    let records: Vec<_> = records.into_iter().take(3000).collect();
    let analyzer = Analyzer::new(Arc::new(Lexicon::embedded().expect("seed lexicon")));
    let docs: Vec<Document<'_>> =
        records.iter().map(|r| Document { id: &r.id, text: &r.text, date: None }).collect();
    let bytes: usize = records.iter().map(|r| r.text.len()).sum();
    let sentences: u64 =
        analyzer.analyze_batch(docs.iter().cloned()).iter().map(|a| u64::from(a.sentences)).sum();
    eprintln!("corpus: {} articles, {} sentences, {} bytes", docs.len(), sentences, bytes);

    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sentences));
    g.bench_function("reuters_sentences", |b| {
        b.iter(|| black_box(analyzer.analyze_batch(docs.iter().cloned())))
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("reuters_bytes", |b| b.iter(|| black_box(analyzer.analyze_batch(docs.iter().cloned()))));
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
