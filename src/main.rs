//! The `bireport` binary: parse the command line, run, report errors as one line.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
