//! `bireport gen-corpus DIR --records N [--seed S]`: a deterministic synthetic corpus in
//! the sample reports' formats, written file by file.

use std::path::PathBuf;

use clap::Args;

use bireport::generate::{write_to, GenOptions};

use super::{print, Context, Outcome, OutputArgs};

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Folder to write the corpus into (created if missing).
    dir: PathBuf,

    /// Records to generate (initiatives in either language and project pages).
    #[arg(long, short = 'n', value_name = "N")]
    records: usize,

    /// Seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,

    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(context: &Context, args: &GenArgs) -> anyhow::Result<Outcome> {
    use anyhow::Context as _;
    let options = GenOptions {
        records: args.records,
        seed: args.seed,
    };
    let summary = write_to(&args.dir, options)
        .with_context(|| format!("writing the corpus to {}", args.dir.display()))?;
    if args.output.json {
        print::json(&serde_json::json!({
            "dir": args.dir,
            "files": summary.files,
            "records": summary.records,
            "bytes": summary.bytes,
            "seed": args.seed,
        }))?;
    } else {
        context.notice(format_args!(
            "wrote {} records in {} files ({:.1} MB) to {}",
            summary.records,
            summary.files,
            summary.bytes as f64 / 1e6,
            args.dir.display()
        ));
    }
    Ok(Outcome::Success)
}
