//! A run that creates an index and fails leaves the folder as it found it, and says how
//! much more space it would have needed.

use std::collections::BTreeSet;
use std::path::Path;

use super::Input;
use crate::ingest::WalkOptions;

/// What `dir` held before a run that creates the index there, so a run that fails
/// leaves it as it found it: a half-written index would make the next run refuse the
/// folder as "not a bireport index".
pub(super) struct FirstRun {
    existed: bool,
    entries: BTreeSet<std::ffi::OsString>,
}

impl FirstRun {
    /// `Some` when `dir` holds no index yet (it is missing or empty).
    pub(super) fn note(dir: &Path) -> Option<FirstRun> {
        if crate::index::dir_state(dir).ok()? != crate::index::DirState::Empty {
            return None;
        }
        let entries = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        Some(FirstRun {
            existed: dir.exists(),
            entries,
        })
    }

    /// Removes what the failed run created in `dir`, and `dir` itself if it made it.
    pub(super) fn clean_up(&self, dir: &Path) {
        if !self.existed {
            // An indexing thread tantivy let go may still be closing a file it had
            // started: removing the folder fails while it is not empty.
            for _ in 0..20 {
                match std::fs::remove_dir_all(dir) {
                    Err(err) if err.kind() == std::io::ErrorKind::DirectoryNotEmpty => {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    _ => return,
                }
            }
            return;
        }
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if !self.entries.contains(&entry.file_name()) {
                let path = entry.path();
                let _ = match path.is_dir() {
                    true => std::fs::remove_dir_all(&path),
                    false => std::fs::remove_file(&path),
                };
            }
        }
    }
}

/// About how many more megabytes indexing `input` into `dir` needs than its disk has
/// free: the index takes about two thirds of the text, and the pairing features wait
/// beside it while the run lasts (a quarter more).
pub(super) fn more_space_needed(dir: &Path, input: &Input, walk: WalkOptions) -> u64 {
    let bytes: u64 = input
        .files(walk)
        .map(|(files, _)| files.iter().map(|f| f.size).sum())
        .unwrap_or(0);
    let needed = bytes / 10 * 9;
    let free = crate::index::free_space(dir).unwrap_or(0);
    (needed.saturating_sub(free) / 1_000_000).max(1)
}
