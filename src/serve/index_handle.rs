//! The index a server answers from: opened once, and opened again when `bireport index`
//! (or `pairs link`) has committed since. A commit replaces `meta.json` in one rename, so a
//! changed file means a whole new commit; a search holds the commit it started with, so
//! it never sees half of one. Each opened commit carries its own [`Answers`], so answers
//! kept for an older commit go with it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use bireport::error::Error;
use bireport::search::Engine;

use super::answers::Answers;

/// What identifies a commit from outside: `meta.json`'s file, size and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    inode: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(dir: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(dir.join("meta.json")).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            inode,
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// One opened commit: its engine and the answers given from it.
pub struct Commit {
    pub engine: Engine,
    pub answers: Answers,
}

/// The index's latest commit.
pub struct IndexHandle {
    dir: PathBuf,
    /// Bytes of answers each commit may keep.
    answer_bytes: u64,
    current: Mutex<Option<(Stamp, Arc<Commit>)>>,
}

impl IndexHandle {
    pub fn new(dir: PathBuf, answer_bytes: u64) -> IndexHandle {
        IndexHandle {
            dir,
            answer_bytes,
            current: Mutex::new(None),
        }
    }

    /// The latest commit if it is already open; `None` when it must be opened (or there
    /// is no index), which [`IndexHandle::commit`] does. Costs one `stat`, so it may run
    /// on the async threads.
    pub fn opened(&self) -> Option<Arc<Commit>> {
        let stamp = Stamp::of(&self.dir)?;
        let current = self
            .current
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        match &*current {
            Some((seen, commit)) if *seen == stamp => Some(Arc::clone(commit)),
            _ => None,
        }
    }

    /// The latest commit, opened now if the index changed since the last request. Blocks
    /// while it opens: call it off the async threads.
    pub fn commit(&self) -> Result<Arc<Commit>, Error> {
        let stamp = Stamp::of(&self.dir);
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        match (&*current, stamp) {
            (Some((seen, commit)), Some(now)) if *seen == now => return Ok(Arc::clone(commit)),
            (_, None) => {
                *current = None;
                return Err(match bireport::index::dir_state(&self.dir) {
                    Err(err) => err,
                    Ok(_) => Error::NoIndex(self.dir.clone()),
                });
            }
            _ => {}
        }
        match Engine::open(&self.dir) {
            Ok(engine) => {
                let commit = Arc::new(Commit {
                    engine,
                    answers: Answers::new(self.answer_bytes),
                });
                *current = stamp.map(|now| (now, Arc::clone(&commit)));
                Ok(commit)
            }
            // A commit that cannot be opened (yet): the last one keeps answering.
            Err(err) => match &*current {
                Some((_, commit)) => {
                    eprintln!("bireport: keeping the last commit: {err}");
                    Ok(Arc::clone(commit))
                }
                None => Err(err),
            },
        }
    }
}
