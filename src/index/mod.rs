//! The on-disk index (a tantivy index in a directory, `./index` by default): creating,
//! opening and checking it. "Index" here always means that directory, never a list.
//!
//! Every commit carries a JSON payload ([`Payload`]) with the schema version, the counts
//! `stats` reports and the name of its incremental store, so a reader learns them
//! atomically with the data. A directory is in one of three states ([`DirState`]): empty
//! (safe to create an index in), a bireport index, or something else, which bireport
//! refuses to touch.

pub mod check;
pub mod incremental;
pub mod pairs;
pub mod profile;
mod queue;
pub mod schema;
pub mod watched;
mod writer;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{DateTime, Index, IndexReader, ReloadPolicy};

use crate::analysis::{self, Mode};
use crate::error::{Error, Result};
pub use profile::{facet_profile, facet_term, parse_facet_profile, Facet, PROFILE_FIELD};
pub use schema::{field, Fields, LangFields, SCHEMA_VERSION};
pub use writer::{record_document, IndexSession, IndexedFile, PairsJob, StoredPair, WriteOptions};

/// Environment variable naming the index directory.
pub const INDEX_ENV: &str = "BIREPORT_INDEX";
/// The default index directory, relative to the working directory.
pub const DEFAULT_INDEX_DIR: &str = "index";

/// What each commit records about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// [`SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
    /// [`crate::pairing::PAIRING_VERSION`] of the pairs in this commit.
    #[serde(default)]
    pub pairing_version: u32,
    /// Files indexed.
    pub files: usize,
    /// Records indexed.
    pub records: usize,
    /// The incremental store written with this commit ([`incremental`]); `None` before
    /// the first commit.
    #[serde(default)]
    pub incremental: Option<incremental::StoreRef>,
    /// The pair store written with this commit ([`pairs`]); `None` before the first.
    #[serde(default)]
    pub pairs: Option<incremental::StoreRef>,
    /// The fingerprint of the person's pairing decisions the pairs follow
    /// ([`crate::pairing::decisions`]); `None` for none.
    #[serde(default)]
    pub decisions: Option<String>,
    /// The fingerprint of the user's glossary the features were made with
    /// ([`crate::pairing::glossary::fingerprint`]); `None` for none.
    #[serde(default)]
    pub glossary: Option<String>,
}

/// What an indexing run says about the commit it makes; the session adds the rest of the
/// [`Payload`] (the schema version and the stores it wrote).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitSummary {
    /// [`crate::pairing::PAIRING_VERSION`] of the pairs.
    pub pairing_version: u32,
    /// Files indexed.
    pub files: usize,
    /// Records indexed.
    pub records: usize,
    /// The fingerprint of the person's pairing decisions the pairs follow.
    pub decisions: Option<String>,
    /// The fingerprint of the user's glossary the features were made with.
    pub glossary: Option<String>,
}

/// What an index directory holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirState {
    /// Missing, empty, or only dotfiles (like the tracked `index/.gitignore`).
    Empty,
    /// A tantivy index (compatibility is checked by [`open`]).
    Index,
}

/// An opened, compatible bireport index.
pub struct OpenIndex {
    /// The directory.
    pub dir: PathBuf,
    /// The tantivy index, analyzers registered.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// The last commit's payload.
    pub payload: Payload,
    /// The first write that failed in the directory (opened for indexing only).
    pub write_failure: watched::WriteFailure,
}

impl OpenIndex {
    /// A reader on the last commit.
    /// A file that cannot be opened makes the index damaged, named by that file (tantivy's
    /// own error nests the same message three times).
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|err| {
                let (file, reason) = check::describe(err);
                Error::DamagedIndex {
                    dir: self.dir.clone(),
                    reason: if file.is_empty() {
                        reason
                    } else {
                        format!("{file}: {reason}")
                    },
                }
            })
    }
}

/// Classifies `dir`.
pub fn dir_state(dir: &Path) -> Result<DirState> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(DirState::Empty),
        Err(err) if err.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: "it is a file".to_string(),
            })
        }
        Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(Error::NoPermission {
                dir: dir.to_path_buf(),
                access: crate::error::Access::Read,
                detail: err.to_string(),
            })
        }
        Err(err) => return Err(Error::io(dir, err)),
    };
    if dir.join("meta.json").is_file() {
        return Ok(DirState::Index);
    }
    let mut others = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io(dir, err))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            others.push(name);
        }
    }
    if others.is_empty() {
        Ok(DirState::Empty)
    } else {
        others.sort();
        others.truncate(3);
        Err(Error::NotAnIndex {
            dir: dir.to_path_buf(),
            reason: format!("it holds other files: {}", others.join(", ")),
        })
    }
}

/// Opens the index in `dir`, checking that bireport of this schema version wrote it, and
/// registers the analyzers for `mode`.
pub fn open(dir: &Path, mode: Mode) -> Result<OpenIndex> {
    if dir_state(dir)? == DirState::Empty {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let write_failure = watched::WriteFailure::default();
    // The writer's writes are watched, so a run learns at once that one failed; readers
    // open the same directory so that they can read a read-only one.
    let opened = watched::WatchedDirectory::open(dir, write_failure.clone()).and_then(Index::open);
    let mut index = opened.map_err(|err| match crate::error::tantivy_io_error(&err) {
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => Error::NoPermission {
            dir: dir.to_path_buf(),
            access: crate::error::Access::Read,
            detail: err.to_string(),
        },
        _ => Error::NotAnIndex {
            dir: dir.to_path_buf(),
            reason: format!("its meta.json cannot be read: {err}"),
        },
    })?;
    if mode == Mode::Searching {
        // Large indexes search their segments in parallel, one per core; on small ones
        // handing work to threads costs more than it saves.
        let segments = index.searchable_segment_metas()?;
        let docs: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if segments.len() > 1 && docs >= PARALLEL_SEARCH_DOCS && cores > 1 {
            index.set_multithread_executor(cores)?;
        }
    }
    register_tokenizers(&index, mode);
    let payload = read_payload(&index, dir)?;
    if payload.schema_version != SCHEMA_VERSION {
        return Err(Error::OldSchema {
            dir: dir.to_path_buf(),
            found: payload.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::OldSchema {
        dir: dir.to_path_buf(),
        found: payload.schema_version,
        expected: SCHEMA_VERSION,
    })?;
    Ok(OpenIndex {
        dir: dir.to_path_buf(),
        index,
        fields,
        payload,
        write_failure,
    })
}

fn read_payload(index: &Index, dir: &Path) -> Result<Payload> {
    let metas = index.load_metas()?;
    let not_ours = |reason: &str| Error::NotAnIndex {
        dir: dir.to_path_buf(),
        reason: reason.to_string(),
    };
    let text = metas
        .payload
        .ok_or_else(|| not_ours("a tantivy index that bireport did not write"))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|_| not_ours("a tantivy index that bireport did not write"))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| not_ours("a tantivy index that bireport did not write"))?;
    if version != u64::from(SCHEMA_VERSION) {
        return Ok(Payload {
            schema_version: u32::try_from(version).unwrap_or(u32::MAX),
            ..Payload::default()
        });
    }
    serde_json::from_value(value).map_err(|_| not_ours("its commit payload is damaged"))
}

/// The values of dictionary-encoded fast-column terms `ords`, decoded in one pass through
/// the column's dictionary. Decoding terms one by one decompresses a dictionary block per
/// call, which dominates any scan over many documents.
pub fn decode_ords(
    column: &tantivy::columnar::BytesColumn,
    ords: impl IntoIterator<Item = u64>,
) -> Result<std::collections::HashMap<u64, Vec<u8>>> {
    let mut ords: Vec<u64> = ords.into_iter().collect();
    ords.sort_unstable();
    ords.dedup();
    let mut values = std::collections::HashMap::with_capacity(ords.len());
    for_each_decoded(column, &ords, |ord, bytes| {
        values.insert(ord, bytes.to_vec());
    })?;
    Ok(values)
}

/// Calls `each` with every one of `sorted_ords` (ascending, no repeats) and its value, in
/// one pass through the column's dictionary, without copying the values.
pub fn for_each_decoded(
    column: &tantivy::columnar::BytesColumn,
    sorted_ords: &[u64],
    mut each: impl FnMut(u64, &[u8]),
) -> Result<()> {
    let mut next = sorted_ords.iter();
    column
        .dictionary()
        .sorted_ords_to_term_cb(sorted_ords, |bytes| {
            if let Some(&ord) = next.next() {
                each(ord, bytes);
            }
        })
        .map_err(tantivy::TantivyError::from)?;
    Ok(())
}

/// Documents from which an index searches its segments on all cores.
pub const PARALLEL_SEARCH_DOCS: u64 = 200_000;

/// The fast column of each record's numeric key (also what `id:` queries and
/// [`crate::search::Engine::get`] look records up by).
pub const KEY_FIELD: &str = "key";

/// A record's numeric key: a 64-bit hash of its id, so joins between records and pairs
/// (`search --cross`) read numbers from fast columns instead of decoding strings. Two of
/// a million ids collide with odds of about 1 in 36 billion.
pub fn record_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Registers the tokenizers of every field on `index`: the analyzers for `mode` and the
/// facet profile's. Call after every create and open.
pub fn register_tokenizers(index: &Index, mode: Mode) {
    analysis::register(index, mode);
    index.tokenizers().register(
        profile::PROFILE_TOKENIZER,
        profile::EntryTokenizer::default(),
    );
}

/// A calendar date as a tantivy date (midnight UTC).
pub fn date_value(date: time::Date) -> DateTime {
    DateTime::from_utc(date.midnight().assume_utc())
}

/// Bytes free for an unprivileged user on the file system holding `dir` (or its nearest
/// existing ancestor), where the system tells.
pub fn free_space(dir: &Path) -> Option<u64> {
    let existing = dir.ancestors().find(|d| d.exists())?;
    statvfs_free(existing)
}

#[cfg(target_os = "linux")]
fn statvfs_free(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a NUL-terminated string that outlives the call, and `stats` is
    // written by `statvfs` before it is read, only when the call succeeds.
    let stats = unsafe {
        if libc::statvfs(path.as_ptr(), stats.as_mut_ptr()) != 0 {
            return None;
        }
        stats.assume_init()
    };
    // The fields' types differ between platforms (u32 on some 32-bit ones).
    #[allow(clippy::useless_conversion)]
    let (blocks, size) = (u64::from(stats.f_bavail), u64::from(stats.f_frsize));
    Some(blocks.saturating_mul(size))
}

#[cfg(not(target_os = "linux"))]
fn statvfs_free(_path: &Path) -> Option<u64> {
    None
}
