//! The index a server answers from: opened once, and opened again when `bireport index`
//! (or `pairs link`) has committed since. A commit replaces `meta.json` in one rename, so a
//! changed file means a whole new commit; a search holds the engine it started with, so
//! it never sees half of one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use bireport::error::Error;
use bireport::search::Engine;

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

/// The engine of the index's latest commit.
pub struct IndexHandle {
    dir: PathBuf,
    current: Mutex<Option<(Stamp, Arc<Engine>)>>,
}

impl IndexHandle {
    pub fn new(dir: PathBuf) -> IndexHandle {
        IndexHandle {
            dir,
            current: Mutex::new(None),
        }
    }

    /// The engine of the latest commit, opened now if the index changed since the last
    /// request. Blocks while it opens: call it off the async threads.
    pub fn engine(&self) -> Result<Arc<Engine>, Error> {
        let stamp = Stamp::of(&self.dir);
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        match (&*current, stamp) {
            (Some((seen, engine)), Some(now)) if *seen == now => return Ok(Arc::clone(engine)),
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
                let engine = Arc::new(engine);
                *current = stamp.map(|now| (now, Arc::clone(&engine)));
                Ok(engine)
            }
            // A commit that cannot be opened (yet): the last one keeps answering.
            Err(err) => match &*current {
                Some((_, engine)) => {
                    eprintln!("bireport: keeping the last commit: {err}");
                    Ok(Arc::clone(engine))
                }
                None => Err(err),
            },
        }
    }
}
