//! `bireport bench`: measures ingest, pairing, indexing and query latency on a generated
//! (or given) corpus and prints a table, or JSON.

use std::path::PathBuf;

use clap::Args;

use bireport::bench::{run as run_bench, BenchOptions};

use super::{
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Records to generate.
    #[arg(long, short = 'n', default_value_t = 100_000, value_name = "N")]
    records: usize,

    /// Indexing threads [default: number of cores, at most 4].
    #[arg(long, value_name = "T")]
    threads: Option<usize>,

    /// Seed of the generated corpus.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,

    /// Measure this corpus instead of generating one.
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,

    /// Timed runs of each query of the mix.
    #[arg(long, default_value_t = 200, value_name = "N")]
    query_runs: usize,

    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(context: &Context, args: &BenchArgs) -> anyhow::Result<Outcome> {
    let threads = args
        .threads
        .unwrap_or_else(|| bireport::index::WriteOptions::default().threads);
    context.notice(format_args!(
        "benchmarking {} ({threads} indexing threads)…",
        match &args.corpus {
            Some(dir) => dir.display().to_string(),
            None => format!("{} generated records", args.records),
        }
    ));
    let report = run_bench(&BenchOptions {
        records: args.records,
        threads,
        seed: args.seed,
        corpus: args.corpus.clone(),
        query_runs: args.query_runs,
    })?;
    if args.output.json {
        print::json(&report)?;
    } else {
        Printer::stdout(context).bench(&report)?;
    }
    Ok(Outcome::Success)
}
