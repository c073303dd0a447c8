//! `bireport check`: finds damage in the index that searches would not notice.

use clap::Args;

use bireport::index::check::check;

use super::{
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    output: OutputArgs,
}

/// Exit 0 for a sound index, 1 for a damaged one (or none: then one line says why).
pub fn run(context: &Context, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let report = check(&context.index_dir)?;
    if args.output.json {
        print::json(&serde_json::json!({
            "dir": context.index_dir.display().to_string(),
            "sound": report.sound(),
            "segment_files": report.segment_files,
            "segments": report.segments,
            "records": report.records,
            "files": report.files,
            "pairs": report.pairs,
            "problems": report.problems,
        }))?;
    } else {
        Printer::stdout(context).check(&report, &context.index_dir)?;
    }
    Ok(if report.sound() {
        Outcome::Success
    } else {
        Outcome::Incomplete
    })
}
