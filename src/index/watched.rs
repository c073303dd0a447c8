//! The index directory as bireport sees it: tantivy's memory-mapped directory, with every
//! write watched, so a run learns at once that one failed (a full disk, a lost permission),
//! and readable on a read-only file system.
//!
//! tantivy's indexing threads end on a write error and keep it until the commit, while
//! the documents already sent stay in its channel: a run that waited for them to be taken
//! waited for ever. The first failed write is kept in a [`WriteFailure`] that the run's
//! waits look at, and that names the real cause (tantivy's own message only says that "a
//! worker thread encountered an error").

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::fault::{self, Fault};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// The first write that failed in a directory, shared by everything that writes there.
#[derive(Debug, Clone, Default)]
pub struct WriteFailure(Arc<Mutex<Option<(io::ErrorKind, String)>>>);

impl WriteFailure {
    /// Remembers `error` unless an earlier one is remembered already.
    fn record(&self, error: &io::Error) {
        let mut first = self.0.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert_with(|| (error.kind(), error.to_string()));
    }

    /// The first failed write's kind and message, if a write failed.
    pub fn get(&self) -> Option<(io::ErrorKind, String)> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// True once a write failed.
    pub fn happened(&self) -> bool {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// Passes `result` on, remembering its error.
    fn watch<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if let Err(error) = &result {
            self.record(error);
        }
        result
    }
}

/// [`MmapDirectory`] with its writes watched ([`WriteFailure`]).
#[derive(Debug, Clone)]
pub struct WatchedDirectory {
    inner: MmapDirectory,
    failure: WriteFailure,
}

impl WatchedDirectory {
    /// The directory `dir`, reporting failed writes to `failure`.
    pub fn open(dir: &Path, failure: WriteFailure) -> tantivy::Result<WatchedDirectory> {
        Ok(WatchedDirectory {
            inner: MmapDirectory::open(dir)?,
            failure,
        })
    }
}

/// A file being written, its errors watched.
struct WatchedWrite {
    inner: WritePtr,
    failure: WriteFailure,
}

impl Write for WatchedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if fault::injected(Fault::Write) {
            return self.failure.watch(Err(fault::io_error()));
        }
        self.failure.watch(self.inner.write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if fault::injected(Fault::Write) {
            return self.failure.watch(Err(fault::io_error()));
        }
        self.failure.watch(self.inner.write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.failure.watch(self.inner.flush())
    }
}

impl TerminatingWrite for WatchedWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.failure.watch(self.inner.terminate_ref(token))
    }
}

impl Directory for WatchedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        // After a failed write no new file is started. The run is ending, and tantivy
        // leaves running the indexing threads it stopped waiting for when one failed:
        // files they started now would appear after the run has cleaned up.
        if let Some((kind, message)) = self.failure.get() {
            let refused = io::Error::new(kind, message);
            return Err(OpenWriteError::wrap_io_error(refused, path.to_path_buf()));
        }
        let inner = self.inner.open_write(path).inspect_err(|error| {
            if let OpenWriteError::IoError { io_error, .. } = error {
                self.failure.record(io_error);
            }
        })?;
        Ok(BufWriter::with_capacity(
            0,
            Box::new(WatchedWrite {
                inner,
                failure: self.failure.clone(),
            }),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        if fault::injected(Fault::Commit) && path == Path::new("meta.json") {
            return self.failure.watch(Err(fault::io_error()));
        }
        self.failure.watch(self.inner.atomic_write(path, data))
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.failure.watch(self.inner.sync_directory())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Readers take the (blocking) meta lock while they load a commit, so that a
            // writer's clean-up waits for them. Where the lock file cannot be made (a
            // read-only file system, a folder this user may only read) the index is
            // still searched: on a read-only disk nothing can commit, and otherwise a
            // clean-up racing the load makes it fail with an error, never answer wrongly.
            // The writer's lock is never faked.
            Err(LockError::IoError(io)) if lock.is_blocking && cannot_create(io.kind()) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// True for the errors of a lock file this process may not create.
fn cannot_create(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failed_write_is_kept() {
        let failure = WriteFailure::default();
        assert!(!failure.happened());
        assert_eq!(failure.watch(Ok(1)).unwrap(), 1);
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert!(failure.watch::<()>(Err(full)).is_err());
        assert!(failure
            .watch::<()>(Err(io::Error::from(io::ErrorKind::PermissionDenied)))
            .is_err());
        assert_eq!(failure.get().map(|f| f.0), Some(io::ErrorKind::StorageFull));
    }
}
