//! `bireport stats`: record, file and facet counts of the index.

use clap::Args;

use super::{
    open_or_build,
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(context: &Context, args: &StatsArgs) -> anyhow::Result<Outcome> {
    let stats = open_or_build(context)?.stats()?;
    if args.output.json {
        print::json(&stats)?;
    } else {
        Printer::stdout(context).stats(&stats, &context.index_dir)?;
    }
    Ok(Outcome::Success)
}
