//! Typed errors for what callers must tell apart: a user's mistake (exit 2), a busy or
//! incompatible index, an unreadable file. The CLI adds context with `anyhow` at the edge.

use std::path::{Path, PathBuf};

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
    /// No index has been built in the directory (it is missing or empty).
    #[error("no index at {dir}; run `bireport index --index {dir} PATHS`", dir = .0.display())]
    NoIndex(PathBuf),
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
        /// Where, as a character count from 1, when the fault has a place.
        position: Option<usize>,
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
    /// The search engine failed. tantivy's error is the message, not the source: its
    /// text already holds its own causes, which a chain printed in full would repeat.
    #[error("index error: {0}")]
    Tantivy(tantivy::TantivyError),
    /// Writing the index failed (an I/O error the disk or the kernel gave); the last
    /// commit is untouched.
    #[error("writing the index in {} failed: {message} ({kept})", .dir.display())]
    WriteFailed {
        /// The index directory.
        dir: PathBuf,
        /// The failed write's kind.
        kind: std::io::ErrorKind,
        /// The failed write's message.
        message: String,
        /// What is left of the index.
        kept: Kept,
    },
    /// The disk filled up while indexing; the last commit is untouched.
    #[error("no space left on device writing {} ({kept}; about {needed_mb} MB more are needed)", .dir.display())]
    NoSpace {
        /// The index directory.
        dir: PathBuf,
        /// About how many more megabytes the run needs.
        needed_mb: u64,
        /// What is left of the index.
        kept: Kept,
        /// The error as the file system gave it (shown with `--verbose`).
        detail: String,
    },
    /// The index directory is on a file system mounted read-only.
    #[error("cannot write the index in {}: its file system is read-only (nothing was changed; searching it still works, or choose another --index directory)", .dir.display())]
    ReadOnly {
        /// The index directory.
        dir: PathBuf,
        /// The error as the file system gave it (shown with `--verbose`).
        detail: String,
    },
    /// This user may not read or write the index directory.
    #[error("cannot {access} the index in {}: permission denied (nothing was changed; ask for {access} access or choose another --index directory)", .dir.display())]
    NoPermission {
        /// The index directory.
        dir: PathBuf,
        /// What was refused.
        access: Access,
        /// The error as the file system gave it (shown with `--verbose`).
        detail: String,
    },
    /// A part of bireport failed where it never should (a bug); the run stopped.
    #[error(
        "failed while {during}: {message} ({kept}); this is a bug in bireport, please report it"
    )]
    Internal {
        /// What the run was doing, e.g. `reading reports/a.txt`.
        during: String,
        /// What failed.
        message: String,
        /// What is left of the index.
        kept: Kept,
    },
    /// A file bireport keeps (not a report) cannot be read as what it should be.
    #[error("{}: {reason}; correct or remove it", .path.display())]
    InvalidData {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A line (or JSON entry) of a judgement file for `bireport eval` cannot be read.
    #[error("{}: {at}: {reason}", .path.display())]
    InvalidJudgement {
        /// The judgement file.
        path: PathBuf,
        /// The line or entry.
        at: crate::eval::Location,
        /// What is wrong with it.
        reason: String,
    },
    /// A file operation failed. The OS error is part of the message rather than its
    /// source, so a chain printed in full does not say it twice.
    #[error("{}: {error}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        error: std::io::Error,
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

    /// The kind of the I/O error under this one, however it came: a failed write of the
    /// index, of a store beside it, or nested in tantivy's errors.
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        use std::io::ErrorKind;
        match self {
            Error::WriteFailed { kind, .. } => Some(*kind),
            Error::Io { error, .. } => Some(error.kind()),
            Error::Tantivy(err) => tantivy_io_error(err).map(|io| io.kind()),
            Error::NoSpace { .. } => Some(ErrorKind::StorageFull),
            Error::ReadOnly { .. } => Some(ErrorKind::ReadOnlyFilesystem),
            Error::NoPermission { .. } => Some(ErrorKind::PermissionDenied),
            _ => None,
        }
    }

    /// This error as a run that wrote the index in `dir` reports it: a full disk, a
    /// read-only file system or a refused permission named as such, whatever layer met it
    /// (bireport's stores, tantivy's files, its lock), and what is left of the index said.
    /// `needed_mb` estimates the space a full disk lacked. Every command that writes an
    /// index passes its errors through here, so each cause reads the same everywhere.
    pub fn writing_index(self, dir: &Path, kept: Kept, needed_mb: impl FnOnce() -> u64) -> Error {
        use std::io::ErrorKind;
        let detail = self.to_string();
        match self.io_kind() {
            Some(ErrorKind::StorageFull) => Error::NoSpace {
                dir: dir.to_path_buf(),
                needed_mb: needed_mb(),
                kept,
                detail,
            },
            Some(ErrorKind::ReadOnlyFilesystem) => Error::ReadOnly {
                dir: dir.to_path_buf(),
                detail,
            },
            Some(ErrorKind::PermissionDenied) => Error::NoPermission {
                dir: dir.to_path_buf(),
                access: Access::Write,
                detail,
            },
            _ => match self {
                Error::WriteFailed {
                    dir, kind, message, ..
                } => Error::WriteFailed {
                    dir,
                    kind,
                    message,
                    kept,
                },
                Error::Internal {
                    during, message, ..
                } => Error::Internal {
                    during,
                    message,
                    kept,
                },
                Error::Tantivy(err) => match tantivy_io_error(&err) {
                    Some(io) => Error::WriteFailed {
                        dir: dir.to_path_buf(),
                        kind: io.kind(),
                        message: io.to_string(),
                        kept,
                    },
                    None => Error::Tantivy(err),
                },
                other => other,
            },
        }
    }

    /// What the one-line message leaves out, for `--verbose`: the error as the layer
    /// under bireport gave it.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Error::NoSpace { detail, .. }
            | Error::ReadOnly { detail, .. }
            | Error::NoPermission { detail, .. } => Some(detail),
            Error::WriteFailed { message, .. } => Some(message),
            _ => None,
        }
    }

    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// A panic caught while `during`, as an error (its payload is the message).
    pub fn from_panic(during: String, payload: &(dyn std::any::Any + Send)) -> Error {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "it panicked".to_string());
        Error::Internal {
            during,
            message,
            kept: Kept::Previous,
        }
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(err: tantivy::TantivyError) -> Error {
        Error::Tantivy(err)
    }
}

/// What a file system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reading.
    Read,
    /// Writing.
    Write,
}

impl std::fmt::Display for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Access::Read => "read",
            Access::Write => "write",
        })
    }
}

/// What a failed run leaves of the index it was writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The last commit, as it was before the run.
    Previous,
    /// Nothing: there was no index before the run.
    Nothing,
}

impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kept::Previous => "the previous index is intact",
            Kept::Nothing => "there was no index there before",
        })
    }
}

/// The I/O error nested in a tantivy error, where it keeps one.
pub(crate) fn tantivy_io_error(err: &tantivy::TantivyError) -> Option<&std::io::Error> {
    use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
    use tantivy::TantivyError as T;
    match err {
        T::IoError(io) => Some(io),
        T::OpenWriteError(OpenWriteError::IoError { io_error, .. })
        | T::OpenReadError(OpenReadError::IoError { io_error, .. })
        | T::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. }) => Some(io_error),
        T::LockFailure(LockError::IoError(io), _) => Some(io),
        _ => None,
    }
}

/// Result with bireport's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
