//! The `flashpoint` command line: analyze articles, score the analyzer against labelled
//! sets, check a lexicon.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use flashpoint::analysis::{Analyzer, Document};
use flashpoint::corpus::{self, ArticleRecord};
use flashpoint::eval;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Analysis;

/// Flashpoint: reads the news and warns when a conflict is escalating.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Lexicon directory to load instead of the embedded seed lexicon.
    #[arg(long, global = true, env = "FLASHPOINT_LEXICON")]
    lexicon: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code the events in articles: JSON Lines records or plain-text files.
    Analyze {
        /// A JSON Lines file of `{"id", "title"?, "text", "published_at"?}` records.
        #[arg(long)]
        input: Option<PathBuf>,
        /// Files or directories (plain text, .json, .jsonl).
        paths: Vec<PathBuf>,
        /// One JSON object per article instead of a readable report.
        #[arg(long)]
        json: bool,
    },
    /// Score the analyzer against labelled sets (see ../shared/eval/README.md).
    Eval {
        /// Gold files (JSON Lines); the kind of set is recognised from its records.
        #[arg(long, required = true, num_args = 1..)]
        gold: Vec<PathBuf>,
        /// JSON output.
        #[arg(long)]
        json: bool,
        /// Fail unless a metric meets a bar, e.g. `f1>=0.70` or `false_alarm_rate<=0.01`.
        #[arg(long = "require")]
        require: Vec<String>,
    },
    /// Load and validate a lexicon, and print its size and load time.
    Lexicon,
}

fn load_lexicon(dir: Option<&PathBuf>) -> Result<Lexicon, String> {
    match dir {
        Some(d) => Lexicon::load_dir(d),
        None => Lexicon::embedded(),
    }
    .map_err(|e| format!("lexicon: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Lexicon => {
            let t = Instant::now();
            let lex = load_lexicon(cli.lexicon.as_ref())?;
            println!(
                "lexicon ok: {} codes, {} countries, {} named actors, {} people, {} places, {} treaties, {} event rules, {} patterns; loaded in {:.1} ms",
                lex.codes.len(),
                lex.countries.len(),
                lex.named.len(),
                lex.people.len(),
                lex.places.len(),
                lex.treaties.len(),
                lex.rules.len(),
                lex.pattern_count,
                t.elapsed().as_secs_f64() * 1e3
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { input, paths, json } => {
            let analyzer = Analyzer::new(Arc::new(load_lexicon(cli.lexicon.as_ref())?));
            let mut all: Vec<PathBuf> = input.into_iter().collect();
            all.extend(paths);
            if all.is_empty() {
                return Err("analyze: give --input FILE.jsonl or one or more paths".to_owned());
            }
            analyze(&analyzer, &all, json)
        }
        Command::Eval { gold, json, require } => {
            let analyzer = Analyzer::new(Arc::new(load_lexicon(cli.lexicon.as_ref())?));
            let mut failures = Vec::new();
            for path in &gold {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("set");
                let report =
                    eval::score(&analyzer, name, &text).map_err(|e| format!("{}: {e}", path.display()))?;
                if json {
                    println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
                } else {
                    println!("{}", report.line());
                }
                for req in &require {
                    if let Err(m) = report.require(req) {
                        failures.push(m);
                    }
                }
            }
            if failures.is_empty() {
                Ok(ExitCode::SUCCESS)
            } else {
                for f in &failures {
                    eprintln!("quality gate failed: {f}");
                }
                Ok(ExitCode::FAILURE)
            }
        }
    }
}

fn analyze(analyzer: &Analyzer, paths: &[PathBuf], json: bool) -> Result<ExitCode, String> {
    let (files, mut errors) = corpus::expand(paths);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failure: Option<String> = None;
    for f in &files {
        corpus::for_each(f, |r| {
            if failure.is_some() {
                return;
            }
            let r = match r {
                Ok(r) => r,
                Err(e) => return errors.push(e),
            };
            let a = analyzer.analyze(&Document { id: &r.id, text: &r.text, date: r.date() });
            let written = if json {
                serde_json::to_writer(&mut out, &a).map_err(std::io::Error::from).and_then(|()| writeln!(out))
            } else {
                write_report(&mut out, &r, &a)
            };
            if let Err(e) = written {
                failure = Some(e.to_string());
            }
        });
        if let Some(e) = failure {
            // A closed pipe (`| head`) ends the run quietly.
            return if e.contains("Broken pipe") { Ok(ExitCode::SUCCESS) } else { Err(e) };
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

fn write_report(out: &mut impl std::io::Write, r: &ArticleRecord, a: &Analysis) -> std::io::Result<()> {
    writeln!(out, "== {} ({} sentences, {} events)", a.id, a.sentences, a.events.len())?;
    if let Some(t) = &r.title {
        writeln!(out, "   {t}")?;
    }
    for e in &a.events {
        let src = if e.source.is_empty() { "-" } else { &e.source };
        let tgt = if e.target.is_empty() { "-" } else { &e.target };
        writeln!(
            out,
            "  [{:<10}] {src:>9} -> {tgt:<9} {:<4} {:<9} {:>5.1}  \"{}\"",
            e.modality.as_str(),
            e.cameo,
            e.plover,
            e.goldstein,
            e.text
        )?;
    }
    if a.casualties.killed > 0 || a.casualties.injured > 0 {
        writeln!(out, "  casualties: {} killed, {} injured", a.casualties.killed, a.casualties.injured)?;
    }
    for d in &a.dyads {
        writeln!(
            out,
            "  dyad {}-{}: rung {} conflict {:.1} cooperation {:.1}",
            d.a, d.b, d.rung, d.conflict, d.cooperation
        )?;
    }
    Ok(())
}
