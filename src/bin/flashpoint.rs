//! The `flashpoint` command line: the server (`serve`, `demo`), its client (`ingest`,
//! `subscribe`, `alerts`, `bench`) and the offline tools (`analyze`, `eval`, `lexicon`,
//! `replay`).

use std::io::Write as _;
use std::num::NonZeroUsize;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use flashpoint::analysis::{Analyzer, learned};
use flashpoint::api::client;
use flashpoint::config::Config;
use flashpoint::corpus::{self, InputError};
use flashpoint::escalation::rules::Rules;
use flashpoint::escalation::{Engine, names_from};
use flashpoint::eval;
use flashpoint::lexicon::Lexicon;
use flashpoint::model::{AlertEvent, Analysis, Article};
use flashpoint::proto;
use flashpoint::reading;

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
    /// Run the gRPC server on an embedded durable store.
    Serve {
        /// Listen address [default: 127.0.0.1:50051].
        #[arg(long, env = "FLASHPOINT_LISTEN")]
        listen: Option<String>,
        /// Data directory [default: ./flashpoint-data].
        #[arg(long, env = "FLASHPOINT_DATA")]
        data: Option<PathBuf>,
        /// Configuration file (TOML: [server], [store], [rules.engine], [rules.alerts]).
        #[arg(long, env = "FLASHPOINT_CONFIG")]
        config: Option<PathBuf>,
        /// Limit on an article's title and body, bytes [default: 1048576].
        #[arg(long, env = "FLASHPOINT_MAX_ARTICLE_BYTES")]
        max_article_bytes: Option<usize>,
        /// Cap on open subscriptions [default: 10000].
        #[arg(long, env = "FLASHPOINT_MAX_SUBSCRIBERS")]
        max_subscribers: Option<usize>,
        /// Log JSON lines instead of readable text.
        #[arg(long, env = "FLASHPOINT_LOG_JSON")]
        log_json: bool,
    },
    /// Start a server on a temporary store, ingest the seed articles, print the alerts as
    /// they stream, and exit.
    Demo {
        /// Articles to ingest [default: seeds/, else the embedded seed article].
        paths: Vec<PathBuf>,
    },
    /// Send articles to a server: text files, JSON, JSON Lines; directories recurse.
    Ingest {
        /// Server URL.
        #[arg(long, env = "FLASHPOINT_SERVER", default_value = DEFAULT_SERVER)]
        server: String,
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Follow the alert stream.
    Subscribe {
        /// Server URL.
        #[arg(long, env = "FLASHPOINT_SERVER", default_value = DEFAULT_SERVER)]
        server: String,
        /// Resume after this seq.
        #[arg(long, conflicts_with = "from_start")]
        after: Option<u64>,
        /// Start from the oldest retained event (default: from now).
        #[arg(long)]
        from_start: bool,
        #[command(flatten)]
        filter: FilterArgs,
        /// JSON Lines, in the shape `replay --json` prints plus `seq`.
        #[arg(long)]
        json: bool,
        /// Exit after this many seconds without an alert event.
        #[arg(long, value_name = "SECS")]
        exit_when_idle: Option<u64>,
    },
    /// Query alerts.
    Alerts {
        #[command(subcommand)]
        command: AlertsCommand,
    },
    /// Load tool: stream synthetic articles into a server while subscribers follow, and
    /// report throughput and delivery latency.
    Bench {
        /// Server URL; without it, an in-process server on a temporary store.
        #[arg(long)]
        server: Option<String>,
        /// Articles to ingest.
        #[arg(long, default_value_t = 20_000)]
        articles: usize,
        /// Concurrent ingest streams.
        #[arg(long, default_value_t = 2)]
        streams: usize,
        /// Subscribers following the alert stream.
        #[arg(long, default_value_t = 0)]
        subscribers: usize,
        /// Share of articles (0 to 1) that carry escalating events and raise alerts.
        #[arg(long, default_value_t = 0.05)]
        hostile: f64,
        /// Articles per second across all streams; 0 sends as fast as the server takes them
        /// (throughput), a rate below capacity measures latency without queueing.
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
    },
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
        /// Switch a rule off (repeatable; `flashpoint rules` lists them).
        #[arg(long = "without", value_name = "RULE_ID")]
        without: Vec<String>,
        /// Threads to analyse on [default: one per core]; 1 is single-threaded.
        #[arg(long)]
        threads: Option<NonZeroUsize>,
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
        /// Switch a rule off (repeatable; `flashpoint rules` lists them).
        #[arg(long = "without", value_name = "RULE_ID")]
        without: Vec<String>,
        /// Per rule: how often it fired, and the metrics with it switched off.
        #[arg(long, conflicts_with_all = ["require", "without"])]
        rules: bool,
        /// Threads to analyse on [default: one per core]; 1 is single-threaded.
        #[arg(long)]
        threads: Option<NonZeroUsize>,
    },
    /// The analyzer's named rules, by pass in the order they apply; `--check DIR` runs their
    /// examples (each rule must change one sentence and leave another alone).
    Rules {
        /// A directory of example files (`tests/rules`).
        #[arg(long, value_name = "DIR")]
        check: Option<PathBuf>,
    },
    /// Train the category model (`seeds/model/categories.tsv`) on labelled JSON Lines whose
    /// records carry a PLOVER `label` and a headline (`title`, else `text`); prints its
    /// accuracy by cross-validation over whole templates first.
    Learn {
        /// Labelled files (development halves only).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Folds of the cross-validation by template (0 or 1: none).
        #[arg(long, default_value_t = 10)]
        folds: usize,
        /// The least probability at which the model's category is taken.
        #[arg(long, default_value_t = 0.4)]
        threshold: f32,
        /// Passes over the examples.
        #[arg(long, default_value_t = 30)]
        epochs: u32,
    },
    /// Load and validate a lexicon, and print its size and load time.
    Lexicon {
        /// Also list the CAMEO codes with fewer than `--min` phrasings (verb and noun
        /// lemmas of event entries, frame-table entries).
        #[arg(long)]
        coverage: bool,
        /// The fewest phrasings a code should have.
        #[arg(long, default_value_t = 3)]
        min: u32,
    },
    /// Replay articles through the analyzer and the escalation engine, in publication-time
    /// order, and print the alert events they raise (backtest rule changes this way).
    Replay {
        /// JSON Lines of `{"id", "title"?, "text", "published_at"?}`.
        #[arg(long)]
        input: PathBuf,
        /// Alert rules (TOML); defaults otherwise.
        #[arg(long, env = "FLASHPOINT_RULES")]
        rules: Option<PathBuf>,
        /// JSON Lines output (`{"type", "alert"}`).
        #[arg(long)]
        json: bool,
        /// Give articles without `published_at` synthetic times from this instant (RFC 3339)…
        #[arg(long)]
        synthetic_start: Option<String>,
        /// …one every this many seconds.
        #[arg(long, default_value_t = 60)]
        synthetic_step: i64,
        /// Threads to analyse on [default: one per core]; 1 is single-threaded. The engine
        /// takes the articles in input order whatever the number.
        #[arg(long)]
        threads: Option<NonZeroUsize>,
    },
}

const DEFAULT_SERVER: &str = "http://127.0.0.1:50051";

#[derive(Subcommand)]
enum AlertsCommand {
    /// List alerts, newest change first.
    List {
        /// Server URL.
        #[arg(long, env = "FLASHPOINT_SERVER", default_value = DEFAULT_SERVER)]
        server: String,
        /// Include resolved alerts.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        filter: FilterArgs,
        /// JSON Lines.
        #[arg(long)]
        json: bool,
    },
}

/// Alert filters shared by `subscribe` and `alerts list`.
#[derive(clap::Args, Clone, Default)]
struct FilterArgs {
    /// Minimum severity: info, warning or critical.
    #[arg(long)]
    min_severity: Option<String>,
    /// Alerts involving this code (repeatable): IND, PAK, REB...
    #[arg(long = "actor")]
    actors: Vec<String>,
    /// Alerts on this dyad (repeatable), as A-B: IND-PAK.
    #[arg(long = "dyad")]
    dyads: Vec<String>,
    /// Alerts of this kind (repeatable): escalation, spike, mass_casualty.
    #[arg(long = "kind")]
    kinds: Vec<String>,
    /// Label matcher (repeatable), as key=value.
    #[arg(long = "label")]
    labels: Vec<String>,
}

impl FilterArgs {
    fn to_proto(&self) -> Result<proto::AlertFilter, String> {
        let min_severity = match self.min_severity.as_deref() {
            None => proto::Severity::Unspecified,
            Some("info") => proto::Severity::Info,
            Some("warning") => proto::Severity::Warning,
            Some("critical") => proto::Severity::Critical,
            Some(s) => return Err(format!("--min-severity {s:?}: use info, warning or critical")),
        };
        let dyads = self
            .dyads
            .iter()
            .map(|d| match d.split_once('-') {
                Some((a, b)) => Ok(proto::DyadKey { a: a.to_owned(), b: b.to_owned() }),
                None => Err(format!("--dyad {d:?}: use A-B, e.g. IND-PAK")),
            })
            .collect::<Result<_, _>>()?;
        let kinds = self
            .kinds
            .iter()
            .map(|k| match k.as_str() {
                "escalation" => Ok(proto::AlertKind::Escalation as i32),
                "spike" => Ok(proto::AlertKind::Spike as i32),
                "mass_casualty" => Ok(proto::AlertKind::MassCasualty as i32),
                _ => Err(format!("--kind {k:?}: use escalation, spike or mass_casualty")),
            })
            .collect::<Result<_, _>>()?;
        let labels = self
            .labels
            .iter()
            .map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
            .collect::<Option<_>>()
            .ok_or("--label: use key=value")?;
        Ok(proto::AlertFilter {
            min_severity: min_severity.into(),
            actors: self.actors.clone(),
            dyads,
            kinds,
            labels,
        })
    }
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

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("runtime: {e}"))
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Serve { listen, data, config, max_article_bytes, max_subscribers, log_json } => {
            flashpoint::telemetry::init(log_json);
            let mut c = Config::load(config.as_deref()).map_err(|e| e.to_string())?;
            if let Some(l) = listen {
                c.server.listen = l;
            }
            if let Some(d) = data {
                c.store.data = d;
            }
            if let Some(m) = max_article_bytes {
                c.server.max_article_bytes = m;
            }
            if let Some(m) = max_subscribers {
                c.server.max_subscribers = m;
            }
            c.validate().map_err(|e| e.to_string())?;
            runtime()?.block_on(async move {
                let listener = tokio::net::TcpListener::bind(&c.server.listen)
                    .await
                    .map_err(|e| format!("listen on {}: {e}", c.server.listen))?;
                flashpoint::server::run(c, listener, shutdown_signal()).await.map_err(|e| e.to_string())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { paths } => runtime()?.block_on(demo::run(paths)),
        Command::Ingest { server, paths } => runtime()?.block_on(async move {
            let channel = client::connect(&server).await.map_err(|e| e.to_string())?;
            let s = client::ingest(channel, paths).await.map_err(|e| e.to_string())?;
            println!(
                "{} accepted, {} duplicate, {} rejected; {} alert events",
                s.accepted, s.duplicate, s.rejected, s.alert_events
            );
            Ok(if s.rejected == 0 { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }),
        Command::Subscribe { server, after, from_start, filter, json, exit_when_idle } => {
            let filter = filter.to_proto()?;
            runtime()?.block_on(async move {
                let channel = client::connect(&server).await.map_err(|e| e.to_string())?;
                let start = match (after, from_start) {
                    (Some(a), _) => Some(proto::subscribe_request::Start::AfterSeq(a)),
                    (None, true) => Some(proto::subscribe_request::Start::FromOldest(true)),
                    (None, false) => None,
                };
                let o = client::SubscribeOptions {
                    start,
                    filter,
                    json,
                    exit_when_idle: exit_when_idle.map(std::time::Duration::from_secs),
                    evidence: 3,
                };
                client::subscribe(channel, o, &mut std::io::stdout()).await.map_err(|e| e.to_string())?;
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Alerts { command: AlertsCommand::List { server, all, filter, json } } => {
            let filter = filter.to_proto()?;
            runtime()?.block_on(async move {
                let channel = client::connect(&server).await.map_err(|e| e.to_string())?;
                let stdout = std::io::stdout();
                let as_of = client::list_alerts(channel, filter, all, json, &mut stdout.lock())
                    .await
                    .map_err(|e| e.to_string())?;
                eprintln!("as of seq {as_of}");
                Ok(ExitCode::SUCCESS)
            })
        }
        Command::Bench { server, articles, streams, subscribers, hostile, rate } => runtime()?
            .block_on(bench::run(bench::Options { server, articles, streams, subscribers, hostile, rate })),
        Command::Lexicon { coverage, min } => {
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
            if coverage {
                let thin = lex.coverage(min);
                for (c, n) in &thin {
                    println!("{:<5} {n:>3}  {}", c.code, c.name);
                }
                println!("{} of {} codes have fewer than {min} phrasings", thin.len(), lex.codes.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Replay { input, rules, json, synthetic_start, synthetic_step, threads } => {
            let lexicon = Arc::new(load_lexicon(cli.lexicon.as_ref())?);
            let rules = match rules {
                Some(p) => {
                    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                    Rules::from_toml(&text).map_err(|e| format!("{}: {e}", p.display()))?
                }
                None => Rules::default(),
            };
            let start = match synthetic_start {
                Some(s) => Some(
                    s.parse::<jiff::Timestamp>()
                        .map_err(|e| format!("--synthetic-start {s:?}: {e}"))?
                        .as_second(),
                ),
                None => None,
            };
            let pool = ordered::pool(threads)?;
            pool.install(|| replay(lexicon, rules, &input, json, start.map(|s| (s, synthetic_step))))
        }
        Command::Learn { files, out, folds, threshold, epochs } => {
            let analyzer = Analyzer::new(Arc::new(load_lexicon(cli.lexicon.as_ref())?));
            let training = learned::Training { threshold, epochs, ..learned::Training::default() };
            learn::run(&analyzer, &learn::Options { files, out, folds, training })
        }
        Command::Rules { check } => {
            rules::list_or_check(load_lexicon(cli.lexicon.as_ref())?, check.as_deref())
        }
        Command::Analyze { input, paths, json, without, threads } => {
            let analyzer = rules::analyzer_without(Arc::new(load_lexicon(cli.lexicon.as_ref())?), &without)?;
            let mut all: Vec<PathBuf> = input.into_iter().collect();
            all.extend(paths);
            if all.is_empty() {
                return Err("analyze: give --input FILE.jsonl or one or more paths".to_owned());
            }
            ordered::pool(threads)?.install(|| analyze(&analyzer, &all, json))
        }
        Command::Eval { gold, json, require, without, rules: per_rule, threads } => {
            let lexicon = Arc::new(load_lexicon(cli.lexicon.as_ref())?);
            let analyzer = rules::analyzer_without(lexicon.clone(), &without)?;
            let pool = ordered::pool(threads)?;
            let mut failures = Vec::new();
            for path in &gold {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("set");
                if per_rule {
                    pool.install(|| rules::eval_rules(lexicon.clone(), name, &text, json))
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    continue;
                }
                let report = pool
                    .install(|| eval::score(&analyzer, name, &text))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
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

/// Analyses the articles of `paths` on the current rayon pool and prints them in input order.
fn analyze(analyzer: &Analyzer, paths: &[PathBuf], json: bool) -> Result<ExitCode, String> {
    let (files, mut errors) = corpus::expand(paths);
    let records = files.iter().flat_map(|f| corpus::records(f));
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut failure: Option<String> = None;
    ordered::for_each_in_order(
        records,
        |r| r.map(|r| render(analyzer, &r.into_article(None), json)),
        |rendered| {
            let written = match rendered {
                Err(e) => {
                    errors.push(e);
                    return ControlFlow::Continue(());
                }
                Ok(bytes) => bytes.and_then(|b| out.write_all(&b).map_err(|e| e.to_string())),
            };
            match written {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failure = Some(e);
                    ControlFlow::Break(())
                }
            }
        },
    );
    if let Some(e) = failure {
        // A closed pipe (`| head`) ends the run quietly.
        return if e.contains("Broken pipe") { Ok(ExitCode::SUCCESS) } else { Err(e) };
    }
    out.flush().map_err(|e| e.to_string())?;
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// One article's output: its analysis as a JSON line, or the readable report.
fn render(analyzer: &Analyzer, article: &Article, json: bool) -> Result<Vec<u8>, String> {
    let a = reading::read(analyzer, article).analysis;
    let mut buf = Vec::new();
    if json {
        serde_json::to_writer(&mut buf, &a).map_err(|e| e.to_string())?;
        buf.push(b'\n');
    } else {
        write_report(&mut buf, article, &a).map_err(|e| e.to_string())?;
    }
    Ok(buf)
}

fn write_report(out: &mut impl std::io::Write, article: &Article, a: &Analysis) -> std::io::Result<()> {
    writeln!(out, "== {} ({} sentences, {} events)", a.id, a.sentences, a.events.len())?;
    if article.has_title() {
        writeln!(out, "   {}", article.title)?;
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

/// An article of a replay, read: what the engine takes, or what to tell about it.
enum Replayed {
    /// The article's facts, and when it was received.
    Read { facts: Box<flashpoint::escalation::ArticleFacts>, received: i64, untimed: bool },
    /// The line could not be read.
    Unreadable(InputError),
    /// The article has no time to replay it at (cannot happen: it is given a receive time).
    Untimed(String),
}

/// Replays `input` through the analyzer (on the current rayon pool) and the engine (in
/// input order).
fn replay(
    lexicon: Arc<Lexicon>,
    rules: Rules,
    input: &std::path::Path,
    json: bool,
    synthetic: Option<(i64, i64)>,
) -> Result<ExitCode, String> {
    let analyzer = Analyzer::new(lexicon.clone());
    let mut engine = Engine::new(rules, names_from(&lexicon));
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut errors = 0usize;
    let emit = |events: Vec<AlertEvent>, out: &mut dyn std::io::Write| -> std::io::Result<()> {
        for e in events {
            if json {
                serde_json::to_writer(&mut *out, &e)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} {:<8} {} [{:?}] {}",
                    e.alert.event_time,
                    format!("{:?}", e.kind).to_uppercase(),
                    e.alert.fingerprint,
                    e.alert.severity,
                    e.alert.summary
                )?;
            }
        }
        Ok(())
    };
    // Times are given in input order, as the articles are taken from the file.
    let mut index = 0i64;
    let articles = corpus::records(input).map(|r| {
        r.map(|r| {
            let now = jiff::Timestamp::now().as_second();
            let mut article = r.into_article(Some(now));
            if let (None, Some((start, step))) = (article.published, synthetic) {
                article.published = Some(start + index * step);
            }
            index += 1;
            article
        })
    });
    let read = |r: Result<Article, InputError>| match r {
        Err(e) => Replayed::Unreadable(e),
        Ok(article) => {
            let received = article.received.unwrap_or_default();
            match reading::read(&analyzer, &article).facts() {
                Some(facts) => {
                    Replayed::Read { facts: Box::new(facts), received, untimed: article.received_time() }
                }
                None => Replayed::Untimed(article.id),
            }
        }
    };
    let mut failure = None;
    ordered::for_each_in_order(articles, read, |replayed| {
        let (facts, received, untimed) = match replayed {
            Replayed::Unreadable(e) => {
                eprintln!("error: {e}");
                errors += 1;
                return ControlFlow::Continue(());
            }
            Replayed::Untimed(id) => {
                eprintln!("error: article {id} has no time");
                errors += 1;
                return ControlFlow::Continue(());
            }
            Replayed::Read { facts, received, untimed } => (*facts, received, untimed),
        };
        if untimed {
            eprintln!("notice: article {} has no published_at; using the receive time", facts.id);
        }
        // A replay receives an archived article when it was published: old archives replay,
        // and a publication time beyond the wall clock is still rejected as the future.
        let time = facts.time;
        match engine.observe(facts, received.min(time)) {
            Ok(events) => {
                if let Err(e) = emit(events, &mut out) {
                    failure = Some(e.to_string());
                    return ControlFlow::Break(());
                }
            }
            Err(e) => {
                eprintln!("rejected: {e}");
                errors += 1;
            }
        }
        ControlFlow::Continue(())
    });
    if let Some(e) = failure {
        return if e.contains("Broken pipe") { Ok(ExitCode::SUCCESS) } else { Err(e) };
    }
    emit(engine.flush(), &mut out).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(if errors == 0 { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

#[path = "flashpoint/bench.rs"]
mod bench;
#[path = "flashpoint/demo.rs"]
mod demo;
#[path = "flashpoint/learn.rs"]
mod learn;
#[path = "flashpoint/ordered.rs"]
mod ordered;
#[path = "flashpoint/rules.rs"]
mod rules;
