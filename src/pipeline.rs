//! The pipeline: files (or the embedded corpus) → records → index, in one call, for the
//! CLI, the benchmarks and the tests alike.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Result;
use crate::index::{self, WriteOptions};
use crate::ingest::{self, Skipped, SourceText, WalkOptions};
use crate::record::Record;

/// What to index.
#[derive(Debug, Clone)]
pub enum Input {
    /// The sample reports compiled into the binary.
    Embedded,
    /// Files and folders on disk.
    Paths(Vec<PathBuf>),
}

/// Options of an indexing run.
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexOptions {
    /// Walk options (size limit).
    pub walk: WalkOptions,
    /// Writer options (threads, memory, rebuild).
    pub write: WriteOptions,
}

/// Records read from an input, with what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Records, in file order.
    pub records: Vec<Record>,
    /// Files that gave text.
    pub files: usize,
    /// Files that did not, with reasons.
    pub skipped: Vec<Skipped>,
}

/// What `bireport index` reports.
#[derive(Debug, Clone, Serialize)]
pub struct IndexReport {
    /// Files indexed.
    pub files: usize,
    /// Records indexed.
    pub records: usize,
    /// Files skipped, with reasons.
    pub skipped: Vec<Skipped>,
}

/// Reads every record of `input`.
pub fn load(input: &Input, walk: WalkOptions) -> Result<Loaded> {
    let (texts, mut skipped): (Vec<SourceText>, Vec<Skipped>) = match input {
        Input::Embedded => ingest::embedded(),
        Input::Paths(paths) => {
            let (found, mut skipped) = ingest::walk(paths, walk)?;
            let mut texts = Vec::with_capacity(found.len());
            for file in &found {
                match ingest::read(file) {
                    Ok(text) => texts.push(text),
                    Err(skip) => skipped.push(skip),
                }
            }
            (texts, skipped)
        }
    };
    let mut loaded = Loaded::default();
    for text in &texts {
        let records = ingest::records(text);
        if records.is_empty() {
            skipped.push(Skipped {
                path: text.source.clone(),
                reason: "no records found".to_string(),
            });
            continue;
        }
        loaded.files += 1;
        loaded.records.extend(records);
    }
    loaded.skipped = skipped;
    Ok(loaded)
}

/// Indexes `input` into `dir`, replacing what was there, in one commit.
pub fn build_index(dir: &Path, input: &Input, options: IndexOptions) -> Result<IndexReport> {
    let loaded = load(input, options.walk)?;
    let summary = index::write(dir, &loaded.records, loaded.files, options.write)?;
    Ok(IndexReport {
        files: summary.files,
        records: summary.records,
        skipped: loaded.skipped,
    })
}
