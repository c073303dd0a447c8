//! The command line: clap definitions (raw flags) and dispatch to one file per
//! subcommand. Each subcommand turns its flags into library calls and hands the typed
//! result to `print`; nothing below this module knows about clap.

mod bench_cmd;
mod check_cmd;
mod completions_cmd;
pub(crate) mod counterpart_cmd;
mod eval_cmd;
mod export_cmd;
mod gen_cmd;
mod glossary;
mod index_cmd;
pub(crate) mod pairs_cmd;
mod print;
mod progress;
mod search_cmd;
mod serve_cmd;
mod show_cmd;
mod stats_cmd;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use bireport::index::{DEFAULT_INDEX_DIR, INDEX_ENV};

/// Full-text search over bilingual (Lithuanian/English) grant project reports.
///
/// With no index yet, `search` builds one from the sample reports compiled into bireport.
#[derive(Debug, Parser)]
#[command(name = "bireport", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index directory [default: ./index].
    #[arg(long, global = true, value_name = "DIR", env = INDEX_ENV)]
    index: Option<PathBuf>,

    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// More messages on stderr (timings, each skipped file); repeat for more.
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    verbose: u8,

    /// Only errors on stderr: no notices, hints or skipped-file lines.
    #[arg(short, long, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Index report files and folders (or, with no paths, the embedded sample corpus).
    Index(index_cmd::IndexArgs),
    /// Search the index.
    Search(search_cmd::SearchArgs),
    /// Show one whole record.
    Show(show_cmd::ShowArgs),
    /// Count records and facets in the index.
    Stats(stats_cmd::StatsArgs),
    /// Look for damage in the index: checksums, segments, stored records, stores, counts.
    Check(check_cmd::CheckArgs),
    /// Show a record and its counterpart in the other language, with the evidence.
    Counterpart(counterpart_cmd::CounterpartArgs),
    /// List every Lithuanian–English pair and every unpaired record.
    Pairs(pairs_cmd::PairsArgs),
    /// Generate a deterministic synthetic corpus in the sample reports' formats.
    GenCorpus(gen_cmd::GenArgs),
    /// Measure ingest, pairing, indexing and query speed on a generated corpus.
    Bench(bench_cmd::BenchArgs),
    /// Print every record as one JSON document per line (NDJSON).
    Export(export_cmd::ExportArgs),
    /// Score search rankings against hand-made judgements (nDCG@10, MRR, recall@50).
    Eval(eval_cmd::EvalArgs),
    /// Serve the index over HTTP: a JSON API and a web page with the side-by-side view.
    Serve(serve_cmd::ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions_cmd::CompletionsArgs),
    /// Print the man page (roff) generated from this command line.
    Man,
}

impl Command {
    /// The command's name as typed.
    fn name(&self) -> &'static str {
        match self {
            Command::Index(_) => "index",
            Command::Search(_) => "search",
            Command::Show(_) => "show",
            Command::Stats(_) => "stats",
            Command::Check(_) => "check",
            Command::Counterpart(_) => "counterpart",
            Command::Pairs(_) => "pairs",
            Command::GenCorpus(_) => "gen-corpus",
            Command::Bench(_) => "bench",
            Command::Export(_) => "export",
            Command::Eval(_) => "eval",
            Command::Serve(_) => "serve",
            Command::Completions(_) => "completions",
            Command::Man => "man",
        }
    }
}

/// Flags shared by commands that print results.
#[derive(Debug, Clone, Copy, Args)]
pub struct OutputArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// How much to say on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, notices and hints.
    Normal,
    /// Also timings and details.
    Verbose,
}

/// Settings every command needs, resolved from the global flags.
pub struct Context {
    /// The index directory.
    pub index_dir: PathBuf,
    /// True when the user named the index directory (`--index`, `BIREPORT_INDEX`): then a
    /// missing index is an error, never the embedded samples built in its place.
    pub index_named: bool,
    /// Whether to emit ANSI colour.
    pub color: bool,
    /// How much to say on stderr.
    pub verbosity: Verbosity,
}

impl Context {
    /// Prints a notice on stderr unless `--quiet`.
    pub fn notice(&self, message: impl std::fmt::Display) {
        if self.verbosity >= Verbosity::Normal {
            eprintln!("bireport: {message}");
        }
    }

    /// Prints a detail on stderr with `--verbose`.
    pub fn detail(&self, message: impl std::fmt::Display) {
        if self.verbosity >= Verbosity::Verbose {
            eprintln!("bireport: {message}");
        }
    }
}

impl Context {
    fn from_cli(cli: &Cli) -> Context {
        use std::io::IsTerminal;
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        let verbosity = match (cli.quiet, cli.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, 0) => Verbosity::Normal,
            (false, _) => Verbosity::Verbose,
        };
        Context {
            index_named: cli.index.is_some(),
            index_dir: cli
                .index
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR)),
            color,
            verbosity,
        }
    }
}

/// What a command wants the process to exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything done.
    Success,
    /// Done, but the user asked to fail on skipped files (`--strict`).
    Incomplete,
}

/// Exit codes, documented in the README.
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
}

/// Parses the command line, runs the command, prints errors, returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                Exit::Usage as u8
            } else {
                Exit::Success as u8
            });
        }
    };
    let context = Context::from_cli(&cli);
    let given = match &cli.command {
        Command::Index(args) => args.glossary.as_deref(),
        _ => None,
    };
    quiet_panics(context.verbosity);
    // A panic anywhere in a command ends it with one line, like any other error.
    let result = std::panic::catch_unwind(|| {
        glossary::load(&context.index_dir, given).and_then(|()| match &cli.command {
            Command::Index(args) => index_cmd::run(&context, args),
            Command::Search(args) => search_cmd::run(&context, args),
            Command::Show(args) => show_cmd::run(&context, args),
            Command::Stats(args) => stats_cmd::run(&context, args),
            Command::Check(args) => check_cmd::run(&context, args),
            Command::Counterpart(args) => counterpart_cmd::run(&context, args),
            Command::Pairs(args) => pairs_cmd::run(&context, args),
            Command::GenCorpus(args) => gen_cmd::run(&context, args),
            Command::Export(args) => export_cmd::run(&context, args),
            Command::Eval(args) => eval_cmd::run(&context, args),
            Command::Bench(args) => bench_cmd::run(&context, args),
            Command::Serve(args) => serve_cmd::run(&context, args),
            Command::Completions(args) => completions_cmd::completions(args),
            Command::Man => completions_cmd::man(),
        })
    })
    .unwrap_or_else(|panic| {
        let during = format!("running `{}`", cli.command.name());
        Err(bireport::Error::from_panic(during, &*panic).into())
    });
    match result {
        Ok(Outcome::Success) => ExitCode::from(Exit::Success as u8),
        Ok(Outcome::Incomplete) => ExitCode::from(Exit::Failure as u8),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(Exit::Success as u8),
        Err(err) => {
            let _ = std::io::stdout().flush();
            eprintln!("bireport: {err:#}");
            let ours = err.downcast_ref::<bireport::Error>();
            if let Some(detail) = ours.and_then(bireport::Error::detail) {
                context.detail(format_args!("the cause as reported: {detail}"));
            }
            let usage = ours.is_some_and(bireport::Error::is_usage);
            ExitCode::from(if usage {
                Exit::Usage as u8
            } else {
                Exit::Failure as u8
            })
        }
    }
}

/// Panics are caught and reported as errors in one line ([`bireport::Error::Internal`]);
/// where the panic happened is printed too with `--verbose`, for the bug report.
fn quiet_panics(verbosity: Verbosity) {
    std::panic::set_hook(Box::new(move |info| {
        if verbosity >= Verbosity::Verbose {
            eprintln!("bireport: panic: {info}");
        }
    }));
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|cause| {
        let ours = cause
            .downcast_ref::<bireport::Error>()
            .and_then(bireport::Error::io_kind);
        // serde_json wraps the writer's error without exposing it as a source.
        cause.downcast_ref::<std::io::Error>().map(|io| io.kind()) == broken
            || ours == broken
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == broken
    })
}

/// Opens the index for reading; with no index yet at the default `./index`, builds it
/// from the embedded corpus first and says so on stderr.
pub fn open_or_build(context: &Context) -> anyhow::Result<bireport::search::Engine> {
    use anyhow::Context as _;
    use bireport::index::{dir_state, DirState};
    use bireport::pipeline::{build_index, IndexOptions, Input};
    if dir_state(&context.index_dir)? == DirState::Empty {
        // A typo in a named path must not answer from the wrong data.
        if context.index_named {
            return Err(bireport::Error::NoIndex(context.index_dir.clone()).into());
        }
        context.notice(format_args!(
            "no index yet at {}; building one from the embedded sample corpus",
            context.index_dir.display()
        ));
        build_index(
            &context.index_dir,
            &Input::Embedded,
            IndexOptions::default(),
        )
        .context("indexing the embedded corpus")?;
    }
    Ok(bireport::search::Engine::open(&context.index_dir)?)
}
