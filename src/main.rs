//! The `bireport` binary: parse the command line, run, report errors as one line.

mod cli;

/// Indexing allocates per token and per record on four threads at once; mimalloc's
/// thread-local pages spend less time there than the system allocator (5–15% less CPU
/// indexing 300k–1M records) and keep memory flat past the writer budget (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
