//! Typed errors for what callers must tell apart: a user's mistake (exit 2), a busy or
//! incompatible index, an unreadable file. The CLI adds context with `anyhow` at the edge.

use std::path::PathBuf;

/// bireport's library error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("{}: no such file or directory", .0.display())]
    MissingPath(PathBuf),
    /// Another process holds the index writer lock.
    #[error("index {} is being written by another bireport process; try again when it has finished", .0.display())]
    IndexLocked(PathBuf),
    /// The index was written by a bireport with another schema.
    #[error("index {} has schema version {found}, this bireport needs version {expected}; rebuild it with `bireport index --rebuild [PATHS…]`", .dir.display())]
    OldSchema {
        /// Index directory.
        dir: PathBuf,
        /// Version found in the index.
        found: u32,
        /// Version this build writes.
        expected: u32,
    },
    /// The directory holds something other than a bireport index.
    #[error("{} is not a bireport index ({reason}); choose another --index directory or remove it", .dir.display())]
    NotAnIndex {
        /// The directory.
        dir: PathBuf,
        /// What was found there.
        reason: String,
    },
    /// A file the index's last commit names beside its segments is missing or damaged.
    #[error("index {} is damaged ({reason}); run `bireport check` for details or `bireport index --rebuild PATHS` to rebuild it", .dir.display())]
    DamagedIndex {
        /// Index directory.
        dir: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The query could not be parsed.
    #[error("invalid query {query:?}: {reason}")]
    Query {
        /// The query as typed.
        query: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A flag value is not acceptable.
    #[error("invalid {flag} {value:?}: {reason}")]
    InvalidArgument {
        /// The flag, e.g. `--from`.
        flag: &'static str,
        /// The value given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// No record has this id.
    #[error("no record with id {0:?} (ids look like `001_aa89047c32f4e6b6.txt#2`; `bireport search` lists them)")]
    UnknownId(String),
    /// The search engine failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Writing the index failed (the disk is full, a permission was lost); the last commit
    /// is untouched.
    #[error("{}", write_failed_message(dir, *kind, message))]
    WriteFailed {
        /// The index directory.
        dir: PathBuf,
        /// The failed write's kind.
        kind: std::io::ErrorKind,
        /// The failed write's message.
        message: String,
    },
    /// The disk filled up while indexing; the last commit is untouched.
    #[error("no space left on device writing {} (the previous index is intact; about {needed_mb} MB more are needed)", .dir.display())]
    NoSpace {
        /// The index directory.
        dir: PathBuf,
        /// About how many more megabytes the run needs.
        needed_mb: u64,
    },
    /// A file bireport keeps (not a report) cannot be read as what it should be.
    #[error("{}: {reason}; correct or remove it", .path.display())]
    InvalidData {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file operation failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

impl Error {
    /// True for mistakes the user must correct (exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::MissingPath(_)
                | Error::Query { .. }
                | Error::InvalidArgument { .. }
                | Error::UnknownId(_)
        )
    }

    /// True when the error is a full disk, however it came: a failed write of the index,
    /// of a store beside it, or tantivy's own.
    pub fn storage_full(&self) -> bool {
        let full = std::io::ErrorKind::StorageFull;
        match self {
            Error::WriteFailed { kind, .. } => *kind == full,
            Error::Io { source, .. } => source.kind() == full,
            Error::Tantivy(tantivy::TantivyError::IoError(io)) => io.kind() == full,
            Error::NoSpace { .. } => true,
            _ => false,
        }
    }

    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with bireport's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn write_failed_message(dir: &std::path::Path, kind: std::io::ErrorKind, message: &str) -> String {
    match kind {
        std::io::ErrorKind::StorageFull => format!(
            "no space left on device writing {} (the previous index is intact)",
            dir.display()
        ),
        _ => format!(
            "writing the index in {} failed: {message} (the previous index is intact)",
            dir.display()
        ),
    }
}
