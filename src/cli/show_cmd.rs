//! `bireport show ID`: one whole record.

use clap::Args;

use super::{
    open_or_build,
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Record id, as printed by `search` (e.g. `001_aa89047c32f4e6b6.txt#2`).
    id: String,

    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(context: &Context, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let engine = open_or_build(context)?;
    let record = engine.get(args.id.trim())?;
    if args.output.json {
        print::json(&record)?;
    } else {
        Printer::stdout(context).record(&record)?;
    }
    Ok(Outcome::Success)
}
