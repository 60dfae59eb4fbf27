//! Engine memory with many dyads. Feeds the escalation engine synthetic articles, each with
//! one event between a pair of parties never seen before, and reports what the engine holds
//! and the process's resident memory (`VmRSS`, `VmHWM` from `/proc/self/status`) before and
//! after, and the snapshot size. With more dyads than `engine.max_dyads`, the coldest are
//! evicted and the count stays at the cap.
//!
//! Run: `cargo run --release --example engine_memory -- [DYADS] [MAX_DYADS]`
//! (defaults: 100000 dyads, the default cap).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use std::time::Instant;

use flashpoint::alerts::story::{HASHES, Signature};
use flashpoint::analysis::Analyzer;
use flashpoint::escalation::rules::Rules;
use flashpoint::escalation::{Engine, names_from};
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Article;
use flashpoint::reading;

/// 2025-01-01T00:00:00Z.
const START: i64 = 1_735_689_600;

/// A `/proc/self/status` field in kB (0 where the file or field is missing).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// The MinHash signature of a story unlike any other: pseudo-random minima (SplitMix64).
fn distinct_signature(i: usize) -> Signature {
    let mut mins = [0u32; HASHES];
    let mut x = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for m in &mut mins {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        *m = (z ^ (z >> 31)) as u32;
    }
    Signature { mins, shingles: 40 }
}

/// A three-letter party code for a number (AAA, AAB, ...): looks like a country code, so
/// the dyads are the kind the engine alerts on.
fn code(n: usize) -> String {
    let b = |k: usize| char::from(b'A' + u8::try_from(k % 26).unwrap_or(0));
    [b(n / 676), b(n / 26), b(n)].iter().collect()
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dyads: usize = args.next().map_or(Ok(100_000), |a| a.parse()).map_err(|e| format!("DYADS: {e}"))?;
    let mut rules = Rules::default();
    if let Some(a) = args.next() {
        rules.engine.max_dyads = a.parse().map_err(|e| format!("MAX_DYADS: {e}"))?;
    }
    rules.validate().map_err(|e| e.to_string())?;

    let lexicon = Arc::new(Lexicon::embedded().map_err(|e| e.to_string())?);
    let analyzer = Analyzer::new(lexicon.clone());
    // One real event, its evidence and all, as the template of every synthetic article.
    let text = "India accused Pakistan of aggression along the Line of Control on Tuesday.";
    let article =
        Article { id: "template".into(), body: text.into(), published: Some(START), ..Article::default() };
    let template = reading::read(&analyzer, &article).facts().ok_or("the template article has no time")?;
    if template.facts.is_empty() {
        return Err("the template sentence codes no event".to_owned());
    }
    let mut engine = Engine::new(rules.clone(), names_from(&lexicon));

    let (rss0, hwm0) = (status_kb("VmRSS:"), status_kb("VmHWM:"));
    let started = Instant::now();
    // Party pairs (a, b) with a in the first 500 codes and b beyond: all distinct.
    for i in 0..dyads {
        let (a, b) = (code(i % 500), code(500 + i / 500));
        let mut facts = template.clone();
        facts.id = format!("m{i}");
        facts.time = START + i64::try_from(i).unwrap_or(i64::MAX);
        facts.signature = distinct_signature(i);
        for f in &mut facts.facts {
            f.source_party.clone_from(&a);
            f.target_party.clone_from(&b);
            f.evidence.article_id.clone_from(&facts.id);
        }
        let t = facts.time;
        engine.observe(facts, t).map_err(|e| e.to_string())?;
        if (i + 1) % (dyads / 10).max(1) == 0 {
            let h = engine.held();
            println!(
                "  fed {:>8}: dyads {:>7}, stories {:>7}, VmRSS {:>7} kB",
                i + 1,
                h.dyads,
                h.stories,
                status_kb("VmRSS:")
            );
        }
    }
    engine.flush();
    let elapsed = started.elapsed();
    let (rss1, hwm1) = (status_kb("VmRSS:"), status_kb("VmHWM:"));
    let held = engine.held();
    let snapshot = engine.snapshot().map_err(|e| e.to_string())?.len();

    println!("dyads fed            {dyads}");
    println!("engine.max_dyads     {}", rules.engine.max_dyads);
    println!("held                 {held:?}");
    println!("VmRSS before / after {rss0} kB / {rss1} kB (+{} kB)", rss1.saturating_sub(rss0));
    println!("VmHWM before / after {hwm0} kB / {hwm1} kB");
    println!("snapshot             {snapshot} bytes ({} bytes per dyad held)", snapshot / held.dyads.max(1));
    #[allow(clippy::cast_precision_loss)]
    let per_article = elapsed.as_secs_f64() * 1e6 / dyads.max(1) as f64;
    println!("time                 {:.2} s ({per_article:.1} µs per article)", elapsed.as_secs_f64());
    Ok(())
}
