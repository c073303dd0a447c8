//! The incremental store: what the next run needs of the last commit's records that the
//! index itself does not keep cheaply — each source file's content hash, and each record's
//! id and pairing features.
//!
//! It is one file beside the index segments (`incremental-<hash>.bin`), written while the
//! run indexes and named by the commit's payload ([`StoreRef`]), so it changes atomically
//! with the commit: a run that dies before its commit leaves the old payload naming the
//! old file. The payload also holds the file's length and hash; a store that is missing,
//! cut short or altered is not used, and every file is then read again (nothing is lost:
//! the store only saves work).
//!
//! Why not in the index: as a fast bytes column the values, unique to every record, would
//! cost tantivy a sorted, zstd-compressed dictionary per segment, rebuilt at every merge,
//! though no search reads them; written here they cost one sequential write.
//!
//! Format: a header line, then one zstd stream (level 1, the fastest: every run writes
//! the whole store) of, per source file, its path, content hash and record
//! count, then per record its id and features; strings and byte strings each after their
//! length (4 bytes, little-endian).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// First bytes of every store file (the version is the format's).
const HEADER: &[u8] = b"bireport incremental store 1\n";
/// zstd level of the store's body.
const ZSTD_LEVEL: i32 = 1;
/// Store files are named `incremental-<hash>.bin`.
const PREFIX: &str = "incremental-";
/// Ending of every store file's name (this one's and the pair store's).
pub(super) const SUFFIX: &str = ".bin";
/// Where a store is written until the commit names it.
const PARTIAL_PREFIX: &str = "incremental.partial-";

/// The store a commit refers to (in its payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreRef {
    /// File name, inside the index directory.
    pub file: String,
    /// Length in bytes.
    pub bytes: u64,
    /// xxh3-128 of the whole file, hex.
    pub hash: String,
}

/// One source file as the store holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredFile {
    /// Hash of the file's bytes when indexed ([`crate::pipeline::content_hash`]).
    pub content_hash: String,
    /// Its records: (id, encoded pairing features).
    pub entries: Vec<(String, Vec<u8>)>,
}

/// Reads the store `reference` names in `dir`, by source path; `Err` says why it cannot
/// be used.
pub fn read(dir: &Path, reference: &StoreRef) -> Result<BTreeMap<String, StoredFile>, String> {
    let path = dir.join(&reference.file);
    if !is_store_name(&reference.file, PREFIX) {
        return Err(format!("{:?} is not a store file name", reference.file));
    }
    let file = File::open(&path).map_err(|err| format!("{}: {err}", path.display()))?;
    let damaged = |what: &str| format!("{}: {what}", path.display());
    let mut raw = HashingReader {
        inner: file,
        hasher: Xxh3::new(),
        bytes: 0,
    };
    let mut header = [0u8; HEADER.len()];
    raw.read_exact(&mut header)
        .map_err(|_| damaged("too short"))?;
    if header != HEADER {
        return Err(damaged("not a store of this version"));
    }
    let decoder = zstd::stream::read::Decoder::new(raw).map_err(|err| damaged(&err.to_string()))?;
    let mut reader = BufReader::with_capacity(1 << 16, decoder);
    let mut files = BTreeMap::new();
    let mut first = [0u8; 1];
    loop {
        // The end of the stream exactly between two source files, or damage.
        match reader.read(&mut first) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => return Err(damaged(&err.to_string())),
        }
        let block = read_file_block(&mut reader, first[0]).ok_or_else(|| damaged("cut short"))?;
        files.insert(block.0, block.1);
    }
    // Whatever follows the stream counts towards length and hash too.
    let mut rest = reader.into_inner().finish();
    std::io::copy(&mut rest, &mut std::io::sink()).map_err(|err| damaged(&err.to_string()))?;
    let raw = rest.into_inner();
    if raw.bytes != reference.bytes || hex(raw.hasher.digest128()) != reference.hash {
        return Err(damaged("its length or hash is not the commit's"));
    }
    Ok(files)
}

/// One source's block, whose first byte was read already.
fn read_file_block(reader: &mut impl Read, first: u8) -> Option<(String, StoredFile)> {
    let mut len = [first, 0, 0, 0];
    reader.read_exact(&mut len[1..]).ok()?;
    let source = read_string(reader, u32::from_le_bytes(len))?;
    let content_hash = read_prefixed_string(reader)?;
    let count = read_u32(reader)? as usize;
    let mut entries = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let id = read_prefixed_string(reader)?;
        let len = read_u32(reader)?;
        let features = read_bytes(reader, len)?;
        entries.push((id, features));
    }
    Some((
        source,
        StoredFile {
            content_hash,
            entries,
        },
    ))
}

fn read_u32(reader: &mut impl Read) -> Option<u32> {
    let mut bytes = [0u8; 4];
    reader.read_exact(&mut bytes).ok()?;
    Some(u32::from_le_bytes(bytes))
}

fn read_bytes(reader: &mut impl Read, len: u32) -> Option<Vec<u8>> {
    let len = len as usize;
    if len <= EXACT_READ_BYTES {
        let mut bytes = vec![0; len];
        reader.read_exact(&mut bytes).ok()?;
        return Some(bytes);
    }
    // A damaged length may be huge: `take` bounds the allocation by what the file holds.
    let mut bytes = Vec::new();
    reader
        .take(len as u64)
        .read_to_end(&mut bytes)
        .ok()
        .filter(|n| *n == len)?;
    Some(bytes)
}

/// Values up to this length are read into an allocation of their exact size
/// (`read_to_end` leaves spare capacity in each, and the store's values, an id and
/// features per record, are all held at once).
const EXACT_READ_BYTES: usize = 1 << 16;

fn read_string(reader: &mut impl Read, len: u32) -> Option<String> {
    String::from_utf8(read_bytes(reader, len)?).ok()
}

fn read_prefixed_string(reader: &mut impl Read) -> Option<String> {
    let len = read_u32(reader)?;
    read_string(reader, len)
}

/// A store being written; the file is removed unless [`StoreWriter::finish`] is reached.
pub struct StoreWriter {
    dir: PathBuf,
    partial: Partial,
    out: BufWriter<zstd::stream::write::Encoder<'static, HashingWriter<File>>>,
}

/// A file removed when dropped, unless kept.
pub(super) struct Partial(Option<PathBuf>);

impl Partial {
    /// `path`, removed when dropped.
    pub(super) fn new(path: PathBuf) -> Partial {
        Partial(Some(path))
    }

    /// The file's path.
    pub(super) fn path(&self) -> &Path {
        self.0.as_deref().expect("a partial file not yet kept")
    }

    /// Keeps the file (it has been renamed into place).
    pub(super) fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if let Some(path) = &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl StoreWriter {
    /// Starts a store in `dir` (under a temporary name).
    pub fn create(dir: &Path) -> std::io::Result<StoreWriter> {
        let path = dir.join(format!("{PARTIAL_PREFIX}{}", std::process::id()));
        let file = File::create(&path)?;
        let partial = Partial::new(path);
        let mut raw = HashingWriter::new(file);
        raw.write_all(HEADER)?;
        let encoder = zstd::stream::write::Encoder::new(raw, ZSTD_LEVEL)?;
        Ok(StoreWriter {
            dir: dir.to_path_buf(),
            partial,
            out: BufWriter::with_capacity(1 << 16, encoder),
        })
    }

    /// Adds one source file and its records: (id, encoded features).
    pub fn add_file<'e>(
        &mut self,
        source: &str,
        content_hash: &str,
        entries: impl ExactSizeIterator<Item = (&'e str, &'e [u8])>,
    ) -> std::io::Result<()> {
        self.put(source.as_bytes())?;
        self.put(content_hash.as_bytes())?;
        self.out.write_all(&len_u32(entries.len())?.to_le_bytes())?;
        for (id, features) in entries {
            self.put(id.as_bytes())?;
            self.put(features)?;
        }
        Ok(())
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(&len_u32(bytes.len())?.to_le_bytes())?;
        self.out.write_all(bytes)
    }

    /// Writes the store to disk under its final name and says how a payload refers to it.
    pub fn finish(self) -> std::io::Result<StoreRef> {
        let StoreWriter { dir, partial, out } = self;
        let encoder = out.into_inner().map_err(|err| err.into_error())?;
        publish(&dir, partial, PREFIX, encoder.finish()?)
    }
}

/// Syncs a store written through `written` to disk and renames it from its `partial` name
/// to `<prefix><hash>.bin` in `dir`; says how a payload refers to it.
pub(super) fn publish(
    dir: &Path,
    partial: Partial,
    prefix: &str,
    written: HashingWriter<File>,
) -> std::io::Result<StoreRef> {
    let (file, bytes, hash) = written.finish();
    file.sync_all()?;
    let name = format!("{prefix}{}{SUFFIX}", &hash[..16]);
    std::fs::rename(partial.path(), dir.join(&name))?;
    partial.keep();
    Ok(StoreRef {
        file: name,
        bytes,
        hash,
    })
}

/// Removes every store file in `dir` but `keep`, and partial ones left by runs that died
/// (best effort: a file left behind costs only space).
pub fn remove_others(dir: &Path, keep: Option<&str>) {
    remove_stale(dir, PREFIX, PARTIAL_PREFIX, keep.as_slice());
}

/// Removes the files in `dir` named `<prefix><hex hash>.bin` or starting with
/// `partial_prefix`, but those in `keep`.
pub(super) fn remove_stale(dir: &Path, prefix: &str, partial_prefix: &str, keep: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (is_store_name(&name, prefix) || name.starts_with(partial_prefix))
            && !keep.contains(&&*name)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is `<prefix><hex hash>.bin` (and so names a file inside the directory).
pub(super) fn is_store_name(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn len_u32(len: usize) -> std::io::Result<u32> {
    u32::try_from(len).map_err(|_| std::io::Error::other("a value over 4 GB"))
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// Counts and hashes what passes through to `inner`.
pub(super) struct HashingWriter<W> {
    inner: W,
    hasher: Xxh3,
    bytes: u64,
}

impl<W> HashingWriter<W> {
    /// Writes to `inner`.
    pub(super) fn new(inner: W) -> HashingWriter<W> {
        HashingWriter {
            inner,
            hasher: Xxh3::new(),
            bytes: 0,
        }
    }

    /// `inner`, the bytes written and their xxh3-128 hash (hex).
    pub(super) fn finish(self) -> (W, u64, String) {
        (self.inner, self.bytes, hex(self.hasher.digest128()))
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Counts and hashes what is read from `inner`.
struct HashingReader<R> {
    inner: R,
    hasher: Xxh3,
    bytes: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(dir: &Path) -> StoreRef {
        let mut writer = StoreWriter::create(dir).unwrap();
        writer
            .add_file(
                "a.txt",
                "00ff",
                [("a#1", &b"\x01features"[..]), ("a#2", &b""[..])].into_iter(),
            )
            .unwrap();
        writer.add_file("b/ė.txt", "", std::iter::empty()).unwrap();
        writer.finish().unwrap()
    }

    #[test]
    fn a_store_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let reference = sample(dir.path());
        let files = read(dir.path(), &reference).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(
            files["a.txt"],
            StoredFile {
                content_hash: "00ff".to_string(),
                entries: vec![
                    ("a#1".to_string(), b"\x01features".to_vec()),
                    ("a#2".to_string(), Vec::new())
                ],
            }
        );
        assert_eq!(files["b/ė.txt"], StoredFile::default());
        // Only the finished file is left.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![reference.file.clone()]);
    }

    #[test]
    fn a_cut_altered_or_missing_store_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let reference = sample(dir.path());
        let path = dir.path().join(&reference.file);
        let whole = std::fs::read(&path).unwrap();
        for cut in 0..whole.len() {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(read(dir.path(), &reference).is_err(), "cut at {cut}");
        }
        for at in 0..whole.len() {
            let mut altered = whole.clone();
            altered[at] ^= 0x20;
            std::fs::write(&path, &altered).unwrap();
            assert!(read(dir.path(), &reference).is_err(), "byte {at} altered");
        }
        let mut longer = whole.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert!(read(dir.path(), &reference).is_err(), "a byte appended");
        std::fs::write(&path, &whole).unwrap();
        assert!(read(dir.path(), &reference).is_ok());
        std::fs::remove_file(&path).unwrap();
        let err = read(dir.path(), &reference).unwrap_err();
        assert!(err.contains(&reference.file), "{err}");
        let outside = StoreRef {
            file: "../meta.json".to_string(),
            ..reference
        };
        assert!(read(dir.path(), &outside).is_err());
    }

    #[test]
    fn an_unfinished_store_leaves_nothing_and_old_stores_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = sample(dir.path());
        let mut writer = StoreWriter::create(dir.path()).unwrap();
        writer.add_file("c.txt", "1", std::iter::empty()).unwrap();
        drop(writer);
        std::fs::write(dir.path().join("meta.json"), "{}").unwrap();
        std::fs::write(dir.path().join(format!("{PARTIAL_PREFIX}1")), "").unwrap();
        let mut writer = StoreWriter::create(dir.path()).unwrap();
        writer.add_file("d.txt", "2", std::iter::empty()).unwrap();
        let new = writer.finish().unwrap();
        assert_ne!(old.file, new.file);
        remove_others(dir.path(), Some(&new.file));
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec![new.file.clone(), "meta.json".to_string()]);
    }
}
