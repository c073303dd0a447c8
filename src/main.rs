//! The `bireport` binary: parse the command line, run, report errors as one line; and
//! `serve`, the index over HTTP.

mod cli;
mod serve;

/// Indexing allocates per token and per record on four threads at once; mimalloc serves
/// each thread from its own pages, so the threads do not contend for the system
/// allocator's shared arenas, and memory stays flat past the writer budget.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    disable_transparent_huge_pages();
    cli::main()
}

/// Keeps the kernel from backing this process's memory with transparent huge pages.
///
/// mimalloc asks for huge pages on its arenas, so with them the first touch of any 2 MiB
/// stretch — tantivy's fresh per-segment arena, a page mimalloc gave back and takes
/// again — has the kernel zero all 2 MiB, however little of it is used. Indexing makes
/// such fresh pages all the time; with small pages the kernel zeroes only what is
/// touched, and memory grows by what is used. Best effort: a kernel without the setting
/// changes nothing.
fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a flag on this
    // process; the result is ignored because failing leaves the kernel's default.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn transparent_huge_pages_are_disabled_for_the_process() {
        super::disable_transparent_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE reads this process's flag; the other arguments must be 0.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
