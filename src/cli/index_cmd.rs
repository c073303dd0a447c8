//! `bireport index`: files and folders (or the embedded corpus) into the index.

use std::path::PathBuf;

use clap::Args;

use bireport::ingest::{WalkOptions, DEFAULT_MAX_FILE_BYTES};
use bireport::pipeline::{build_index_with, IndexOptions, Input};

use super::{
    print::{self, Printer},
    progress, Context, Outcome, OutputArgs, Verbosity,
};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index (folders: every .txt and .md below). None: the embedded sample corpus.
    paths: Vec<PathBuf>,

    /// Replace an index of an older schema (or anything unreadable) instead of refusing.
    #[arg(long)]
    rebuild: bool,

    /// Exit 1 when any file was skipped.
    #[arg(long)]
    strict: bool,

    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,

    /// Extra term pairs for pairing, in the format of `data/glossary.tsv`
    /// (`concept<TAB>English words<TAB>Lithuanian words`); the index keeps them for later
    /// runs.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,

    /// Indexing threads [default: number of cores, at most 4].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    threads: Option<u16>,

    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(context: &Context, args: &IndexArgs) -> anyhow::Result<Outcome> {
    let input = if args.paths.is_empty() {
        Input::Embedded
    } else {
        Input::Paths(args.paths.clone())
    };
    let mut options = IndexOptions {
        walk: WalkOptions {
            max_file_bytes: args.max_file_size,
        },
        ..IndexOptions::default()
    };
    options.write.rebuild = args.rebuild;
    if let Some(threads) = args.threads {
        options.write.threads = usize::from(threads);
    }
    let started = std::time::Instant::now();
    let bar = progress::Bar::new(context.verbosity > Verbosity::Quiet);
    let report = build_index_with(&context.index_dir, &input, options, &bar)?;
    drop(bar);
    if let Some(path) = &args.glossary {
        super::glossary::keep(&context.index_dir, path)?;
    }
    context.detail(format_args!(
        "indexing took {:.3} s ({} threads)",
        started.elapsed().as_secs_f64(),
        options.write.threads
    ));
    if args.output.json {
        print::json(&report)?;
    } else {
        for skipped in &report.skipped {
            context.notice(format_args!("skipped {}: {}", skipped.path, skipped.reason));
        }
        for warning in &report.warnings {
            context.notice(format_args!("warning: {warning}"));
        }
        Printer::stdout(context).index_report(&report, &context.index_dir)?;
    }
    Ok(if args.strict && !report.skipped.is_empty() {
        Outcome::Incomplete
    } else {
        Outcome::Success
    })
}
