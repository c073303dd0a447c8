//! The pipeline: files (or the embedded corpus) → records → index, in one call, for the
//! CLI, the benchmarks and the tests alike.
//!
//! Indexing streams: each file is read, hashed, and — only if its content changed since
//! the last commit — split, parsed and handed to the writer, so memory holds one file's
//! records at a time plus the compact pairing features of all records. Pairs are
//! recomputed over all records whenever anything changed and written in the same commit.
//!
//! The stages, one file each: [`read`] (a file to documents and pairing features, on the
//! [`workers`] pool), [`run`] (a whole run: what changed, what each file's outcome does to
//! the index, what is gone, the commit), [`pairs`] (the features waiting for pairing, and
//! pairing an index again after a person's decision), [`first_run`] (what a failed first
//! run leaves behind).

mod first_run;
mod pairs;
mod read;
mod run;
mod workers;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Kept, Result};
use crate::index::WriteOptions;
use crate::ingest::{self, InputFile, Skipped, WalkOptions};
pub use pairs::decide;
pub use read::content_hash;

/// What to index.
#[derive(Debug, Clone)]
pub enum Input {
    /// The sample reports compiled into the binary.
    Embedded,
    /// Files and folders on disk.
    Paths(Vec<PathBuf>),
}

impl Input {
    /// The files of this input, in order, with what the walk had to skip.
    pub fn files(&self, walk: WalkOptions) -> Result<(Vec<InputFile>, Vec<Skipped>)> {
        match self {
            Input::Embedded => Ok((ingest::embedded_files(), Vec::new())),
            Input::Paths(paths) => {
                let (found, skipped) = ingest::walk(paths, walk)?;
                Ok((found.into_iter().map(InputFile::from).collect(), skipped))
            }
        }
    }
}

/// Options of an indexing run.
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexOptions {
    /// Walk options (size limit).
    pub walk: WalkOptions,
    /// Writer options (threads, memory, rebuild).
    pub write: WriteOptions,
}

/// What `bireport index` reports. `added`, `updated`, `removed` and `unchanged` count files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Files in the index after the run.
    pub files: usize,
    /// Records in the index after the run.
    pub records: usize,
    /// Files indexed for the first time.
    pub added: usize,
    /// Files whose content changed and were re-indexed.
    pub updated: usize,
    /// Files no longer in the input whose records were removed.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// What went wrong without stopping the run (the index is complete regardless).
    pub warnings: Vec<String>,
}

/// Told how an indexing run advances, e.g. to draw a progress bar.
pub trait Progress {
    /// The run will look at `files` files of `bytes` bytes in all.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// One more file was looked at (indexed, unchanged or skipped).
    fn file_done(&self, _bytes: u64) {}
    /// Files are done; pairing and the commit follow.
    fn committing(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Indexes `input` into `dir`: afterwards the index holds exactly the input's records.
/// Files whose content is unchanged since the last commit are not re-read into records.
pub fn build_index(dir: &Path, input: &Input, options: IndexOptions) -> Result<IndexReport> {
    build_index_with(dir, input, options, &NoProgress)
}

/// [`build_index`], reporting progress to `progress`.
///
/// Files are processed by `options.write.threads` workers (read, hash, parse, detect,
/// build documents) while this thread hands their documents to the writer, so parsing
/// runs in parallel with tantivy's own indexing threads. A bounded channel keeps at most a
/// few files' documents in flight.
pub fn build_index_with(
    dir: &Path,
    input: &Input,
    options: IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let first = first_run::FirstRun::note(dir);
    let kept = match first {
        Some(_) => Kept::Nothing,
        None => Kept::Previous,
    };
    run::index_input(dir, input, options, progress).map_err(|err| {
        if let Some(first) = first.filter(|_| !matches!(err, Error::IndexLocked(_))) {
            first.clean_up(dir);
        }
        err.writing_index(dir, kept, || {
            first_run::more_space_needed(dir, input, options.walk)
        })
    })
}
