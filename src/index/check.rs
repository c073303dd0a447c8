//! Checking an index for damage that searches would not notice (`bireport check`): every
//! segment file against the checksum in its footer, every segment opened and every stored
//! record read once, the pair store and the incremental store against the length and hash
//! the commit recorded, and the counts of records, files and pairs against each other.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
use tantivy::TantivyDocument;

use super::{incremental, open, pairs, Mode};
use crate::error::{Error, Result};

/// One thing found wrong, with the file it is in where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, relative to the index directory; empty for the index as a whole.
    pub file: String,
    /// What is wrong.
    pub reason: String,
}

/// What a check looked at and found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Segment files whose checksums were verified.
    pub segment_files: usize,
    /// Segments opened.
    pub segments: usize,
    /// Stored records read.
    pub records: u64,
    /// Source files the incremental store lists.
    pub files: usize,
    /// Pairs in the pair store.
    pub pairs: usize,
    /// What is wrong; empty for a sound index.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn sound(&self) -> bool {
        self.problems.is_empty()
    }

    /// Adds a problem; one a file (the first found says most: the checksum).
    fn problem(&mut self, file: impl Into<String>, reason: impl Into<String>) {
        let file = file.into();
        if !file.is_empty() && self.problems.iter().any(|p| p.file == file) {
            return;
        }
        self.problems.push(Problem {
            file,
            reason: reason.into(),
        });
    }
}

/// Checks the index in `dir` (see the module doc). A folder that holds no bireport index
/// (or one of another schema, or one this user may not read) is an error, not damage:
/// rebuilding is not the answer there.
pub fn check(dir: &Path) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let opened = match open(dir, Mode::Searching) {
        Ok(opened) => opened,
        Err(err @ Error::DamagedIndex { .. }) => {
            report.problem("", err.to_string());
            return Ok(report);
        }
        Err(err) => return Err(err),
    };
    match opened.index.validate_checksum() {
        Ok(damaged) => {
            let mut damaged: Vec<_> = damaged.into_iter().collect();
            damaged.sort();
            for file in damaged {
                report.problem(
                    file.display().to_string(),
                    "its contents do not match the checksum in its footer",
                );
            }
        }
        Err(err) => {
            let (file, reason) = describe(err);
            report.problem(file, reason);
        }
    }
    if let (Ok(metas), Ok(entries)) = (opened.index.searchable_segment_metas(), dir.read_dir()) {
        let prefixes: Vec<String> = metas.iter().map(|m| m.id().uuid_string()).collect();
        report.segment_files = entries
            .filter_map(|entry| entry.ok())
            .filter(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                prefixes
                    .iter()
                    .any(|prefix| name.starts_with(prefix.as_str()))
            })
            .count();
    }
    // Counts are compared only when every segment could be read.
    let records = stored_records(&opened, &mut report);
    report.records = records.unwrap_or(0);

    let payload = &opened.payload;
    match &payload.incremental {
        Some(reference) => match incremental::read(dir, reference) {
            Ok(files) => {
                report.files = files.len();
                let ids: usize = files.values().map(|f| f.entries.len()).sum();
                if records.is_some_and(|records| ids as u64 != records) {
                    report.problem(
                        reference.file.clone(),
                        format!(
                            "lists {ids} records where the segments hold {}",
                            report.records
                        ),
                    );
                }
                if files.len() != payload.files {
                    report.problem(
                        reference.file.clone(),
                        format!(
                            "lists {} files where the commit counts {}",
                            files.len(),
                            payload.files
                        ),
                    );
                }
                check_pairs(dir, payload, &files, &mut report);
            }
            Err(reason) => report.problem(reference.file.clone(), reason),
        },
        None => report.problem("meta.json", "the last commit names no incremental store"),
    }
    if records.is_some_and(|records| records != payload.records as u64) {
        report.problem(
            "meta.json",
            format!(
                "the commit counts {} records where the segments hold {}",
                payload.records, report.records
            ),
        );
    }
    Ok(report)
}

/// The file and the reason of a tantivy error, the file where the error names one.
pub fn describe(err: tantivy::TantivyError) -> (String, String) {
    use tantivy::directory::error::OpenReadError;
    match err {
        tantivy::TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            (filepath.display().to_string(), io_error.to_string())
        }
        tantivy::TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            (path.display().to_string(), "is missing".to_string())
        }
        other => (String::new(), other.to_string()),
    }
}

/// Opens every segment and reads each stored record once; returns how many were read, or
/// `None` when a segment could not be read whole.
fn stored_records(opened: &super::OpenIndex, report: &mut CheckReport) -> Option<u64> {
    let reader = match opened.index.reader_builder().try_into() {
        Ok(reader) => reader,
        Err(err) => {
            let (file, reason) = describe(err);
            // A file the checksum pass named already explains it.
            let explained = report.problems.iter().any(|p| p.file == file)
                || (file.is_empty() && !report.problems.is_empty());
            if !explained {
                report.problem(file, format!("the segment cannot be opened: {reason}"));
            }
            return None;
        }
    };
    let reader: tantivy::IndexReader = reader;
    let mut whole = true;
    let searcher = reader.searcher();
    let mut records = 0;
    for segment in searcher.segment_readers() {
        report.segments += 1;
        let name = format!("{}.store", segment.segment_id().uuid_string());
        let store = match segment.get_store_reader(0) {
            Ok(store) => store,
            Err(err) => {
                report.problem(name, format!("cannot be opened: {err}"));
                whole = false;
                continue;
            }
        };
        for document in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            match document {
                Ok(_) => records += 1,
                Err(err) => {
                    report.problem(
                        name.clone(),
                        format!("a stored record cannot be read: {err}"),
                    );
                    whole = false;
                    break;
                }
            }
        }
    }
    whole.then_some(records)
}

/// The pair store: whole, and every pair of two records the index holds.
fn check_pairs(
    dir: &Path,
    payload: &super::Payload,
    files: &std::collections::BTreeMap<String, incremental::StoredFile>,
    report: &mut CheckReport,
) {
    let Some(reference) = &payload.pairs else {
        report.problem("meta.json", "the last commit names no pair store");
        return;
    };
    if let Err(reason) = pairs::verify(dir, reference) {
        report.problem(reference.file.clone(), reason.to_string());
        return;
    }
    let all = pairs::PairStore::open(dir, reference).and_then(|store| Ok(store.all()?));
    let all = match all {
        Ok(all) => all,
        Err(reason) => {
            report.problem(reference.file.clone(), reason.to_string());
            return;
        }
    };
    report.pairs = all.len();
    let ids: HashSet<&str> = files
        .values()
        .flat_map(|f| f.entries.iter().map(|(id, _)| id.as_str()))
        .collect();
    if let Some(stray) = all
        .iter()
        .find(|p| !ids.contains(p.lt.as_str()) || !ids.contains(p.en.as_str()))
    {
        report.problem(
            reference.file.clone(),
            format!(
                "pairs {} with {}, which the index does not hold",
                stray.lt, stray.en
            ),
        );
    }
}
