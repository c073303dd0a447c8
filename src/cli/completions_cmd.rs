//! `bireport completions SHELL` and `bireport man`: generated from the clap definition, so
//! they never drift from the real flags.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Outcome};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "bireport", &mut std::io::stdout());
    Ok(Outcome::Success)
}

pub fn man() -> anyhow::Result<Outcome> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(&mut std::io::stdout())?;
    Ok(Outcome::Success)
}
