//! The pair store: every pair of counterparts of a commit, with its score and evidence,
//! in one file beside the index segments (`pairs-<hash>.bin`).
//!
//! Like the incremental store ([`super::incremental`]) it is written during the run and
//! named by the commit's payload ([`StoreRef`]), so it changes atomically with the commit.
//! The last commit's store is removed by the run after the next, not at once: a search that
//! read the last commit just before a new one landed may still be about to open it.
//! Unlike it, searches read it: a page's counterparts, `show`, `pairs` and the `--cross`
//! join. The file is mapped into memory, so a search reads only the pages it touches.
//!
//! Why not in the index: as documents of their own, each pair would cost two unique id
//! terms (to be found by either record) and a stored document, indexed and merged with
//! the records though no search scores them. Here a pair costs its JSON and 28 bytes of
//! sorted keys.
//!
//! Format: a header line; a zstd dictionary (its length, 4 bytes, then its bytes; none if
//! the length is 0); the pairs' JSON ([`StoredPair`]) in zstd frames of [`FRAME_PAIRS`]
//! pairs each, compressed with the dictionary (the JSON alone would make the index markedly
//! larger); the frames' table (where each starts, its
//! compressed and its raw length: 8 + 4 + 4 bytes); the entries sorted by Lithuanian record
//! key (that key, the English record's key, the pair's frame, where its JSON starts in the
//! frame and its length: 8 + 8 + 4 + 4 + 4 bytes); the entries' numbers sorted by English
//! record key (4 bytes each); and a trailer of where the frames' table starts and how many
//! frames and entries there are (8 + 8 + 8 bytes), all little-endian. Keys are
//! [`super::record_key`]s: a look-up by key yields candidates whose ids the caller checks.
//!
//! Why a dictionary: a page of hits looks up the counterpart of each hit, a frame each, so
//! frames must be small to decompress quickly; without a dictionary small frames compress
//! poorly, since each starts with no context. A dictionary trained on the first
//! [`TRAIN_PAIRS`] pairs (their keys and phrasing repeat) gives small frames that compress
//! as well as large ones. A store of fewer than [`MIN_TRAIN_PAIRS`] pairs, or one whose
//! training fails, has none (its dictionary length is 0).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::incremental::{self, HashingWriter, Partial, StoreRef};
use super::StoredPair;

/// First bytes of every pair store file (the version is the format's).
const HEADER: &[u8] = b"bireport pair store 2\n";
/// Pair store files are named `pairs-<hash>.bin`.
const PREFIX: &str = "pairs-";
/// Where a pair store is written until the commit names it.
const PARTIAL_PREFIX: &str = "pairs.partial-";
/// Pairs a zstd frame holds.
pub const FRAME_PAIRS: usize = 8;
/// Pairs the dictionary is trained on: the first ones added.
pub const TRAIN_PAIRS: usize = 2048;
/// Fewer pairs than this in all and the store has no dictionary.
pub const MIN_TRAIN_PAIRS: usize = 256;
/// Largest dictionary trained.
const DICTIONARY_BYTES: usize = 16 * 1024;
/// zstd level of the frames.
const ZSTD_LEVEL: i32 = 1;
/// Bytes of one entry.
const ENTRY_BYTES: usize = 28;
/// Bytes of one frame's line in the frames' table.
const FRAME_BYTES: usize = 16;
/// Bytes of the trailer.
const TRAILER_BYTES: usize = 24;

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// Why a commit's pair store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PairStoreError {
    /// The commit names no pair store.
    #[error("the last commit names no pair store")]
    NotNamed,
    /// The commit names a file that is not a pair store's.
    #[error("{0:?} is not a pair store file name")]
    NotAStoreName(String),
    /// The file cannot be opened or mapped.
    #[error("{}: {source}", .path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is there, but not as the commit wrote it.
    #[error("{} is damaged ({damage})", .path.display())]
    DamagedFile { path: PathBuf, damage: Damage },
    /// A pair the store's tables point at cannot be read.
    #[error(transparent)]
    DamagedPair(#[from] Damage),
}

/// What is wrong inside a pair store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("{found} bytes, the commit says {recorded}")]
    Length { found: usize, recorded: u64 },
    #[error("no header")]
    NoHeader,
    #[error("no dictionary length")]
    NoDictionaryLength,
    #[error("a dictionary past its end")]
    DictionaryPastEnd,
    #[error("its dictionary: {0}")]
    Dictionary(String),
    #[error("its sections do not add up")]
    SectionsDoNotAddUp,
    #[error("its contents changed since the commit")]
    ContentsChanged,
    #[error("a pair in no frame")]
    PairInNoFrame,
    #[error("a frame outside the store")]
    FrameOutside,
    #[error("a damaged frame ({0})")]
    Frame(String),
    #[error("a frame of the wrong length")]
    FrameLength,
    #[error("a pair outside its frame")]
    PairOutsideFrame,
    #[error("a damaged pair ({0})")]
    Pair(String),
    #[error("{found} pairs where its table counts {counted}")]
    Count { found: usize, counted: usize },
}

/// One pair's keys and where its JSON is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    lt_key: u64,
    en_key: u64,
    frame: u32,
    /// Where the JSON starts in the frame's raw bytes.
    start: u32,
    len: u32,
}

impl Entry {
    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(&self.lt_key.to_le_bytes())?;
        out.write_all(&self.en_key.to_le_bytes())?;
        out.write_all(&self.frame.to_le_bytes())?;
        out.write_all(&self.start.to_le_bytes())?;
        out.write_all(&self.len.to_le_bytes())
    }

    fn read(bytes: &[u8]) -> Entry {
        Entry {
            lt_key: u64_at(bytes, 0),
            en_key: u64_at(bytes, 8),
            frame: u32_at(bytes, 16),
            start: u32_at(bytes, 20),
            len: u32_at(bytes, 24),
        }
    }
}

/// Where one frame is: (offset, compressed length, raw length).
type Frame = (u64, u32, u32);

/// A pair store being written; the file is removed unless [`PairStoreWriter::finish`] is
/// reached.
pub struct PairStoreWriter {
    dir: PathBuf,
    partial: Partial,
    out: BufWriter<HashingWriter<File>>,
    /// Bytes written so far (where the next frame starts).
    at: u64,
    /// The JSON of the pairs of the frame being filled.
    raw: Vec<u8>,
    /// Until the dictionary is settled, the JSON of the frames filled so far; then their
    /// compressor (with the dictionary, if one was trained).
    frames_out: FramesOut,
    frames: Vec<Frame>,
    entries: Vec<Entry>,
}

/// Where a [`PairStoreWriter`]'s filled frames go.
enum FramesOut {
    /// Held back (the JSON of each frame) until there are pairs enough to train on.
    Held(Vec<Vec<u8>>),
    /// Compressed and written.
    Compressing(zstd::bulk::Compressor<'static>),
}

impl PairStoreWriter {
    /// Starts a pair store in `dir` (under a temporary name).
    pub fn create(dir: &Path) -> std::io::Result<PairStoreWriter> {
        let path = dir.join(format!("{PARTIAL_PREFIX}{}", std::process::id()));
        let file = File::create(&path)?;
        let partial = Partial::new(path);
        let out = BufWriter::with_capacity(1 << 16, HashingWriter::new(file));
        Ok(PairStoreWriter {
            dir: dir.to_path_buf(),
            partial,
            out,
            at: 0,
            raw: Vec::new(),
            frames_out: FramesOut::Held(Vec::new()),
            frames: Vec::new(),
            entries: Vec::new(),
        })
    }

    /// Adds one pair.
    pub fn add(&mut self, pair: &StoredPair) -> std::io::Result<()> {
        let too_big = || std::io::Error::other("a frame of pairs over 4 GB");
        let start = u32::try_from(self.raw.len()).map_err(|_| too_big())?;
        serde_json::to_writer(&mut self.raw, pair).map_err(std::io::Error::other)?;
        let end = u32::try_from(self.raw.len()).map_err(|_| too_big())?;
        self.entries.push(Entry {
            lt_key: super::record_key(&pair.lt),
            en_key: super::record_key(&pair.en),
            frame: u32::try_from(self.entries.len() / FRAME_PAIRS).map_err(|_| too_big())?,
            start,
            len: end - start,
        });
        if self.entries.len().is_multiple_of(FRAME_PAIRS) {
            self.end_frame()?;
        }
        if self.entries.len() == TRAIN_PAIRS {
            self.settle_dictionary()?;
        }
        Ok(())
    }

    /// Ends the frame being filled, if it holds anything: holds it back, or compresses and
    /// writes it.
    fn end_frame(&mut self) -> std::io::Result<()> {
        if self.raw.is_empty() {
            return Ok(());
        }
        match &mut self.frames_out {
            FramesOut::Held(held) => held.push(std::mem::take(&mut self.raw)),
            FramesOut::Compressing(compressor) => {
                let compressed = compressor.compress(&self.raw)?;
                write_frame(
                    &mut self.out,
                    &mut self.at,
                    &mut self.frames,
                    &compressed,
                    self.raw.len(),
                )?;
                self.raw.clear();
            }
        }
        Ok(())
    }

    /// Trains the dictionary on the pairs held back (if there are enough), writes the
    /// header and the dictionary, then the held frames; later frames are written as they
    /// fill. Does nothing once settled.
    fn settle_dictionary(&mut self) -> std::io::Result<()> {
        let FramesOut::Held(held) = &mut self.frames_out else {
            return Ok(());
        };
        let held = std::mem::take(held);
        let dictionary = if self.entries.len() >= MIN_TRAIN_PAIRS {
            let samples = held.concat();
            let sizes: Vec<usize> = self.entries.iter().map(|e| e.len as usize).collect();
            // A failed training (samples too alike or too few) leaves the store without one.
            zstd::dict::from_continuous(&samples, &sizes, DICTIONARY_BYTES).unwrap_or_default()
        } else {
            Vec::new()
        };
        let dictionary_len = u32::try_from(dictionary.len())
            .map_err(|_| std::io::Error::other("a dictionary over 4 GB"))?;
        self.out.write_all(HEADER)?;
        self.out.write_all(&dictionary_len.to_le_bytes())?;
        self.out.write_all(&dictionary)?;
        self.at = (HEADER.len() + 4 + dictionary.len()) as u64;
        let mut compressor = zstd::bulk::Compressor::with_dictionary(ZSTD_LEVEL, &dictionary)?;
        for raw in &held {
            let compressed = compressor.compress(raw)?;
            write_frame(
                &mut self.out,
                &mut self.at,
                &mut self.frames,
                &compressed,
                raw.len(),
            )?;
        }
        self.frames_out = FramesOut::Compressing(compressor);
        Ok(())
    }

    /// Writes the last frame and the tables, then the store under its final name; says
    /// how a payload refers to it.
    pub fn finish(mut self) -> std::io::Result<StoreRef> {
        self.end_frame()?;
        self.settle_dictionary()?;
        let PairStoreWriter {
            dir,
            partial,
            mut out,
            at,
            raw: _,
            frames_out: _,
            frames,
            mut entries,
        } = self;
        for &(offset, compressed, raw) in &frames {
            out.write_all(&offset.to_le_bytes())?;
            out.write_all(&compressed.to_le_bytes())?;
            out.write_all(&raw.to_le_bytes())?;
        }
        entries.sort_unstable_by_key(|e| (e.lt_key, e.en_key));
        let count = u32::try_from(entries.len())
            .map_err(|_| std::io::Error::other("over 4 billion pairs"))?;
        for entry in &entries {
            entry.write(&mut out)?;
        }
        let mut by_english: Vec<u32> = (0..count).collect();
        by_english.sort_unstable_by_key(|&i| {
            let e = &entries[i as usize];
            (e.en_key, e.lt_key)
        });
        for i in by_english {
            out.write_all(&i.to_le_bytes())?;
        }
        out.write_all(&at.to_le_bytes())?;
        out.write_all(&(frames.len() as u64).to_le_bytes())?;
        out.write_all(&u64::from(count).to_le_bytes())?;
        let written = out.into_inner().map_err(|err| err.into_error())?;
        incremental::publish(&dir, partial, PREFIX, written)
    }
}

/// Writes one compressed frame at `at` and notes where it is in `frames`.
fn write_frame(
    out: &mut impl Write,
    at: &mut u64,
    frames: &mut Vec<Frame>,
    compressed: &[u8],
    raw_len: usize,
) -> std::io::Result<()> {
    let len = |n: usize| u32::try_from(n).map_err(|_| std::io::Error::other("a frame over 4 GB"));
    frames.push((*at, len(compressed.len())?, len(raw_len)?));
    out.write_all(compressed)?;
    *at += compressed.len() as u64;
    Ok(())
}

/// Removes every pair store file in `dir` but those in `keep`, and partial ones left by
/// runs that died (best effort: a file left behind costs only space).
pub fn remove_others(dir: &Path, keep: &[&str]) {
    incremental::remove_stale(dir, PREFIX, PARTIAL_PREFIX, keep);
}

impl std::fmt::Debug for PairStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairStore")
            .field("bytes", &self.map.len())
            .field("frames_start", &self.frames_start)
            .field("frames", &self.frames)
            .field("count", &self.count)
            .finish()
    }
}

/// Checks that the store `reference` names in `dir` is there, whole and unaltered (its
/// length and hash as the commit recorded them); `Err` says why not.
pub fn verify(dir: &Path, reference: &StoreRef) -> Result<(), PairStoreError> {
    let store = PairStore::open(dir, reference)?;
    let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&store.map));
    if hash != reference.hash {
        return Err(PairStoreError::DamagedFile {
            path: dir.join(&reference.file),
            damage: Damage::ContentsChanged,
        });
    }
    Ok(())
}

/// A commit's pair store, mapped into memory.
pub struct PairStore {
    map: memmap2::Mmap,
    /// Where the first frame starts (after the header and the dictionary).
    frames_start: usize,
    /// A decompressor holding the store's dictionary, if it has one (reused: making one
    /// costs more than decompressing a frame).
    decompressor: Mutex<zstd::bulk::Decompressor<'static>>,
    /// Where the frames' table starts.
    frames_at: usize,
    frames: usize,
    /// Where the entries start.
    entries_at: usize,
    count: usize,
}

impl PairStore {
    /// Opens the store `reference` names in `dir`; `Err` says why it cannot be used.
    pub fn open(dir: &Path, reference: &StoreRef) -> Result<PairStore, PairStoreError> {
        if !incremental::is_store_name(&reference.file, PREFIX) {
            return Err(PairStoreError::NotAStoreName(reference.file.clone()));
        }
        let path = dir.join(&reference.file);
        let unreadable = |source| PairStoreError::Unreadable {
            path: path.clone(),
            source,
        };
        let file = File::open(&path).map_err(unreadable)?;
        // SAFETY: store files are written once under a temporary name, renamed into place
        // and never changed after; a later commit removes them, which leaves the mapping
        // valid on Unix (tantivy maps its segment files the same way).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(unreadable)?;
        let damaged = |damage| PairStoreError::DamagedFile {
            path: path.clone(),
            damage,
        };
        if map.len() as u64 != reference.bytes {
            return Err(damaged(Damage::Length {
                found: map.len(),
                recorded: reference.bytes,
            }));
        }
        if !map.starts_with(HEADER) || map.len() < HEADER.len() + TRAILER_BYTES {
            return Err(damaged(Damage::NoHeader));
        }
        // After the header: the dictionary's length and bytes, then the frames.
        let len = map
            .get(HEADER.len()..HEADER.len() + 4)
            .map(|bytes| u32_at(bytes, 0) as usize)
            .ok_or_else(|| damaged(Damage::NoDictionaryLength))?;
        let start = HEADER.len() + 4;
        let dictionary = map
            .get(start..)
            .and_then(|rest| rest.get(..len))
            .ok_or_else(|| damaged(Damage::DictionaryPastEnd))?;
        let frames_start = start + len;
        let decompressor = zstd::bulk::Decompressor::with_dictionary(dictionary)
            .map_err(|err| damaged(Damage::Dictionary(err.to_string())))?;
        let trailer = &map[map.len() - TRAILER_BYTES..];
        let (frames_at, frames, count) =
            (u64_at(trailer, 0), u64_at(trailer, 8), u64_at(trailer, 16));
        let tables = frames
            .checked_mul(FRAME_BYTES as u64)
            .zip(count.checked_mul((ENTRY_BYTES + 4) as u64))
            .and_then(|(a, b)| a.checked_add(b))
            .and_then(|n| n.checked_add(frames_at))
            .and_then(|n| n.checked_add(TRAILER_BYTES as u64));
        if frames_at < frames_start as u64 || tables != Some(map.len() as u64) {
            return Err(damaged(Damage::SectionsDoNotAddUp));
        }
        let (frames_at, frames) = (frames_at as usize, frames as usize);
        Ok(PairStore {
            frames_start,
            decompressor: Mutex::new(decompressor),
            frames_at,
            frames,
            entries_at: frames_at + frames * FRAME_BYTES,
            count: count as usize,
            map,
        })
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the store holds no pair.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn entry(&self, i: usize) -> Entry {
        let at = self.entries_at + i * ENTRY_BYTES;
        Entry::read(&self.map[at..at + ENTRY_BYTES])
    }

    /// The `rank`th entry in English key order.
    fn by_english(&self, rank: usize) -> Entry {
        let at = self.entries_at + self.count * ENTRY_BYTES + rank * 4;
        let i = u32::from_le_bytes(self.map[at..at + 4].try_into().expect("4 bytes"));
        self.entry(i as usize)
    }

    fn frame(&self, i: usize) -> Frame {
        let at = self.frames_at + i * FRAME_BYTES;
        let bytes = &self.map[at..at + FRAME_BYTES];
        (u64_at(bytes, 0), u32_at(bytes, 8), u32_at(bytes, 12))
    }

    /// The raw JSON of frame `i`.
    fn frame_json(&self, i: usize) -> Result<Vec<u8>, Damage> {
        if i >= self.frames {
            return Err(Damage::PairInNoFrame);
        }
        let (offset, compressed, raw) = self.frame(i);
        let compressed = usize::try_from(offset)
            .ok()
            .and_then(|start| Some(start..start.checked_add(compressed as usize)?))
            .filter(|range| range.start >= self.frames_start && range.end <= self.frames_at)
            .map(|range| &self.map[range])
            .ok_or(Damage::FrameOutside)?;
        let json = self
            .decompressor
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .decompress(compressed, raw as usize)
            .map_err(|err| Damage::Frame(err.to_string()))?;
        if json.len() != raw as usize {
            return Err(Damage::FrameLength);
        }
        Ok(json)
    }

    fn pair(&self, entry: Entry) -> Result<StoredPair, Damage> {
        let json = self.frame_json(entry.frame as usize)?;
        let (start, end) = (
            entry.start as usize,
            entry.start as usize + entry.len as usize,
        );
        let json = json.get(start..end).ok_or(Damage::PairOutsideFrame)?;
        serde_json::from_slice(json).map_err(|err| Damage::Pair(err.to_string()))
    }

    /// The pairs with a record of key `key` on either side (one at most, unless two ids
    /// share a key: the caller compares ids).
    pub fn with_key(&self, key: u64) -> Result<Vec<StoredPair>, Damage> {
        let mut found = Vec::new();
        self.push_with_key(key, |i| self.entry(i), |e| e.lt_key, &mut found)?;
        self.push_with_key(key, |rank| self.by_english(rank), |e| e.en_key, &mut found)?;
        Ok(found)
    }

    /// Pushes the pairs whose `key_of` is `key` onto `found`, the entries taken in an order
    /// sorted by it (`nth`).
    fn push_with_key(
        &self,
        key: u64,
        nth: impl Fn(usize) -> Entry,
        key_of: impl Fn(&Entry) -> u64,
        found: &mut Vec<StoredPair>,
    ) -> Result<(), Damage> {
        let first = partition_point(self.count, |i| key_of(&nth(i)) < key);
        for entry in (first..self.count)
            .map(nth)
            .take_while(|e| key_of(e) == key)
        {
            found.push(self.pair(entry)?);
        }
        Ok(())
    }

    /// The keys of the counterparts of the records whose keys `is_key` accepts: of
    /// Lithuanian records if `from_lithuanian`, else of English ones.
    pub fn counterpart_keys(
        &self,
        from_lithuanian: bool,
        is_key: impl Fn(u64) -> bool,
    ) -> Vec<u64> {
        (0..self.count)
            .map(|i| self.entry(i))
            .filter_map(|e| {
                let (from, to) = if from_lithuanian {
                    (e.lt_key, e.en_key)
                } else {
                    (e.en_key, e.lt_key)
                };
                is_key(from).then_some(to)
            })
            .collect()
    }

    /// Every pair, in the order they were added.
    pub fn all(&self) -> Result<Vec<StoredPair>, Damage> {
        let mut pairs = Vec::with_capacity(self.count);
        for i in 0..self.frames {
            let json = self.frame_json(i)?;
            for pair in serde_json::Deserializer::from_slice(&json).into_iter::<StoredPair>() {
                pairs.push(pair.map_err(|err| Damage::Pair(err.to_string()))?);
            }
        }
        if pairs.len() != self.count {
            return Err(Damage::Count {
                found: pairs.len(),
                counted: self.count,
            });
        }
        Ok(pairs)
    }
}

/// The first of `0..len` for which `before` is false (`before` true for a prefix).
fn partition_point(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::evidence::{Day, Evidence, SharedWord};

    fn pair(lt: &str, en: &str) -> StoredPair {
        StoredPair {
            lt: lt.to_string(),
            en: en.to_string(),
            score: 0.75,
            evidence: vec![Evidence::SharedPlace {
                place: lt.to_string().into(),
                lithuanian: en.to_string().into(),
            }],
        }
    }

    fn written(dir: &Path, pairs: &[StoredPair]) -> StoreRef {
        let mut writer = PairStoreWriter::create(dir).unwrap();
        for pair in pairs {
            writer.add(pair).unwrap();
        }
        writer.finish().unwrap()
    }

    #[test]
    fn pairs_are_found_by_either_record_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let pairs: Vec<StoredPair> = (0..500)
            .map(|i| pair(&format!("lt_{i}.txt#1"), &format!("en_{i}.txt#{}", i % 7)))
            .collect();
        let reference = written(dir.path(), &pairs);
        let store = PairStore::open(dir.path(), &reference).unwrap();
        assert_eq!(store.len(), 500);
        for p in &pairs {
            for id in [&p.lt, &p.en] {
                let found = store.with_key(super::super::record_key(id)).unwrap();
                assert_eq!(found, vec![p.clone()], "{id}");
            }
        }
        assert!(store
            .with_key(super::super::record_key("nobody"))
            .unwrap()
            .is_empty());
        let mut all = store.all().unwrap();
        all.sort_by(|a, b| a.lt.cmp(&b.lt));
        let mut expected = pairs.clone();
        expected.sort_by(|a, b| a.lt.cmp(&b.lt));
        assert_eq!(all, expected);
        let lt_keys: std::collections::HashSet<u64> = pairs[..10]
            .iter()
            .map(|p| super::super::record_key(&p.lt))
            .collect();
        let mut to_english = store.counterpart_keys(true, |k| lt_keys.contains(&k));
        to_english.sort_unstable();
        let mut expected: Vec<u64> = pairs[..10]
            .iter()
            .map(|p| super::super::record_key(&p.en))
            .collect();
        expected.sort_unstable();
        assert_eq!(to_english, expected);
        // An empty store is a store.
        let empty = written(dir.path(), &[]);
        let store = PairStore::open(dir.path(), &empty).unwrap();
        assert!(store.is_empty());
        assert!(store.all().unwrap().is_empty());
    }

    /// Pairs shaped like real ones: ids of generated files, evidence in sentences.
    fn realistic_pairs(n: usize) -> Vec<StoredPair> {
        (0..n)
            .map(|i| StoredPair {
                lt: format!("lt/reports_{:03}.txt#{}", i / 9, i % 9 + 1),
                en: format!("en/results_{:03}.txt#{}", i / 9, i % 9 + 1),
                score: (50 + i % 50) as f64 / 100.0,
                evidence: vec![
                    Evidence::SamePeriod {
                        from: Day(time::Date::from_julian_day(2_458_850 + i as i32).unwrap()),
                        to: Day(time::Date::from_julian_day(2_458_860 + i as i32).unwrap()),
                    },
                    Evidence::SharedNames {
                        names: vec![SharedWord {
                            key: format!("oslo{}", i % 13),
                            lithuanian: format!("Oslo{}", i % 13),
                            english: format!("Oslo{}", i % 13),
                        }],
                    },
                ],
            })
            .collect()
    }

    /// Every pair found by either id, and all of them read back in order.
    fn assert_reads_back(store: &PairStore, pairs: &[StoredPair]) {
        assert_eq!(store.len(), pairs.len());
        for p in pairs {
            for id in [&p.lt, &p.en] {
                let found = store.with_key(super::super::record_key(id)).unwrap();
                assert_eq!(found, vec![p.clone()], "{id}");
            }
        }
        assert_eq!(store.all().unwrap(), pairs);
    }

    #[test]
    fn a_large_store_is_compressed_with_a_dictionary_trained_on_its_first_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let pairs = realistic_pairs(TRAIN_PAIRS * 2 + 3);
        let reference = written(dir.path(), &pairs);
        let store = PairStore::open(dir.path(), &reference).unwrap();
        let dictionary = store.frames_start - HEADER.len() - 4;
        assert!(
            dictionary > 0 && dictionary <= DICTIONARY_BYTES,
            "{store:?}"
        );
        assert_eq!(store.frames, pairs.len().div_ceil(FRAME_PAIRS));
        assert_reads_back(&store, &pairs);
        // The dictionary is what keeps small frames small: without one they are larger.
        let raw: usize = pairs
            .iter()
            .map(|p| serde_json::to_vec(p).unwrap().len())
            .sum();
        let without: usize = pairs
            .chunks(FRAME_PAIRS)
            .map(|chunk| {
                let json: Vec<u8> = chunk
                    .iter()
                    .flat_map(|p| serde_json::to_vec(p).unwrap())
                    .collect();
                zstd::bulk::compress(&json, ZSTD_LEVEL).unwrap().len()
            })
            .sum();
        let with = (store.frames_at - store.frames_start) + dictionary;
        assert!(
            with < without,
            "{with} bytes with, {without} without, {raw} raw"
        );
        // Too few pairs to train on: no dictionary, still a store.
        let few = realistic_pairs(MIN_TRAIN_PAIRS - 1);
        let reference = written(dir.path(), &few);
        let store = PairStore::open(dir.path(), &reference).unwrap();
        assert_eq!(store.frames_start, HEADER.len() + 4, "{store:?}");
        assert_reads_back(&store, &few);
    }

    #[test]
    fn a_dictionary_length_past_the_end_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let reference = written(dir.path(), &realistic_pairs(MIN_TRAIN_PAIRS));
        let path = dir.path().join(&reference.file);
        let mut bytes = std::fs::read(&path).unwrap();
        for len in [u32::MAX, bytes.len() as u32] {
            bytes[HEADER.len()..HEADER.len() + 4].copy_from_slice(&len.to_le_bytes());
            std::fs::write(&path, &bytes).unwrap();
            assert!(PairStore::open(dir.path(), &reference).is_err(), "{len}");
        }
    }

    #[test]
    fn a_cut_or_grown_store_is_refused_and_partial_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let reference = written(dir.path(), &[pair("a#1", "b#1"), pair("c#1", "d#1")]);
        let path = dir.path().join(&reference.file);
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(
                PairStore::open(dir.path(), &reference).is_err(),
                "cut at {cut}"
            );
            // Even when the payload's length agrees, the sections must add up.
            let lying = StoreRef {
                bytes: cut as u64,
                ..reference.clone()
            };
            assert!(PairStore::open(dir.path(), &lying).is_err(), "cut at {cut}");
        }
        std::fs::write(&path, &bytes).unwrap();
        assert!(PairStore::open(dir.path(), &reference).is_ok());
        std::fs::remove_file(&path).unwrap();
        let missing = PairStore::open(dir.path(), &reference).unwrap_err();
        assert!(
            matches!(&missing, PairStoreError::Unreadable { path, .. } if path.ends_with(&reference.file)),
            "{missing:?}"
        );
        // A cut store says what is wrong with it.
        let cut = StoreRef {
            bytes: 10,
            ..reference.clone()
        };
        std::fs::write(&path, &bytes[..10]).unwrap();
        assert_eq!(
            PairStore::open(dir.path(), &cut).unwrap_err().to_string(),
            format!("{} is damaged (no header)", path.display())
        );
        std::fs::remove_file(&path).unwrap();
        // A writer dropped before finishing leaves nothing; stale files are removed.
        drop(PairStoreWriter::create(dir.path()).unwrap());
        let kept = written(dir.path(), &[pair("e#1", "f#1")]);
        let stale = written(dir.path(), &[pair("g#1", "h#1")]);
        std::fs::write(dir.path().join(format!("{PARTIAL_PREFIX}1")), b"x").unwrap();
        remove_others(dir.path(), &[&kept.file]);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![kept.file.clone()], "{stale:?}");
    }
}
