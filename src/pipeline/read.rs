//! The read stage: one file to what the index and pairing take of it — its content hash,
//! its records as documents, their pairing features and the warnings they carry. Runs on
//! the worker threads ([`super::workers`]).

use crate::error::Error;
use crate::index::Fields;
use crate::ingest::{self, InputFile, Skipped};
use crate::pairing::Features;

/// What a worker made of one file.
pub(super) enum FileOutcome {
    /// Unreadable: the index keeps what it has of the file.
    Unreadable(Skipped),
    /// Same bytes as in the last commit.
    Unchanged,
    /// Not indexable (not text, or no records): old records go.
    Rejected(Skipped),
    /// New or changed: what it gave.
    Indexed(ProcessedFile),
    /// Reading it panicked (a bug): the run must stop, naming the file.
    Crashed(Error),
}

/// What a new or changed file gave.
pub(super) struct ProcessedFile {
    /// Hash of its bytes ([`content_hash`]).
    pub content_hash: String,
    /// Its records as documents.
    pub documents: Vec<tantivy::TantivyDocument>,
    /// Their pairing features, with their encoded form (which the incremental store and
    /// the pairing spill take as it is).
    pub features: Vec<(Features, Vec<u8>)>,
    /// What its records wrote that could not be read, each naming the record.
    pub warnings: Vec<String>,
}

/// Reads, parses and turns one file into documents; runs on a worker thread.
pub(super) fn process_file(
    file: &InputFile,
    previous_hash: Option<&str>,
    fields: &Fields,
) -> FileOutcome {
    if crate::fault::injected(crate::fault::Fault::Read) {
        panic!("injected fault");
    }
    let bytes = match file.bytes() {
        Ok(bytes) => bytes,
        Err(skip) => return FileOutcome::Unreadable(skip),
    };
    let hash = content_hash(&bytes);
    if previous_hash == Some(hash.as_str()) {
        return FileOutcome::Unchanged;
    }
    let records = match file.decode(bytes) {
        Ok(text) => ingest::records(&text),
        Err(skip) => return FileOutcome::Rejected(skip),
    };
    if records.is_empty() {
        return FileOutcome::Rejected(no_records(file));
    }
    let features: Vec<(Features, Vec<u8>)> = records
        .iter()
        .map(|record| {
            let features = Features::of(record);
            let encoded = features.encode();
            (features, encoded)
        })
        .collect();
    let documents = records
        .iter()
        .map(|record| crate::index::record_document(fields, record))
        .collect();
    let warnings = records
        .iter()
        .flat_map(|record| {
            record
                .warnings
                .iter()
                .map(move |warning| format!("{}: {warning}", record.id))
        })
        .collect();
    FileOutcome::Indexed(ProcessedFile {
        content_hash: hash,
        documents,
        features,
        warnings,
    })
}

/// Hash of a file's bytes, as stored in the index.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn no_records(file: &InputFile) -> Skipped {
    Skipped {
        path: file.display_path(),
        reason: "no records found".to_string(),
    }
}
