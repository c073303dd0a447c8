//! The pipeline: files (or the embedded corpus) → records → index, in one call, for the
//! CLI, the benchmarks and the tests alike.
//!
//! Indexing streams: each file is read, hashed, and — only if its content changed since
//! the last commit — split, parsed and handed to the writer, so memory holds one file's
//! records at a time plus the compact pairing features of all records. Pairs are
//! recomputed over all records whenever anything changed and written in the same commit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::error::{Error, Kept, Result};
use crate::index::pairs::PairStoreWriter;
use crate::index::{IndexSession, PairsJob, Payload, WriteOptions};
use crate::ingest::{self, InputFile, Skipped, WalkOptions};
use crate::pairing::decisions::Decisions;
use crate::pairing::lexicon;
use crate::pairing::spill::FeatureSpill;
use crate::pairing::{self, Features};
use crate::record::Record;

/// What to index.
#[derive(Debug, Clone)]
pub enum Input {
    /// The sample reports compiled into the binary.
    Embedded,
    /// Files and folders on disk.
    Paths(Vec<PathBuf>),
}

impl Input {
    /// The files of this input, in order, with what the walk had to skip.
    pub fn files(&self, walk: WalkOptions) -> Result<(Vec<InputFile>, Vec<Skipped>)> {
        match self {
            Input::Embedded => Ok((ingest::embedded_files(), Vec::new())),
            Input::Paths(paths) => {
                let (found, skipped) = ingest::walk(paths, walk)?;
                Ok((found.into_iter().map(InputFile::from).collect(), skipped))
            }
        }
    }
}

/// Options of an indexing run.
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexOptions {
    /// Walk options (size limit).
    pub walk: WalkOptions,
    /// Writer options (threads, memory, rebuild).
    pub write: WriteOptions,
}

/// Records read from an input, with what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Records, in file order.
    pub records: Vec<Record>,
    /// Files that gave records.
    pub files: usize,
    /// Files that did not, with reasons.
    pub skipped: Vec<Skipped>,
}

/// What `bireport index` reports. `added`, `updated`, `removed` and `unchanged` count files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Files in the index after the run.
    pub files: usize,
    /// Records in the index after the run.
    pub records: usize,
    /// Files indexed for the first time.
    pub added: usize,
    /// Files whose content changed and were re-indexed.
    pub updated: usize,
    /// Files no longer in the input whose records were removed.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// What went wrong without stopping the run (the index is complete regardless).
    pub warnings: Vec<String>,
}

/// Reads every record of `input` into memory (for small corpora, tests and benchmarks).
pub fn load(input: &Input, walk: WalkOptions) -> Result<Loaded> {
    let (files, mut skipped) = input.files(walk)?;
    let mut loaded = Loaded::default();
    for file in &files {
        let text = match file.bytes().and_then(|bytes| file.decode(bytes)) {
            Ok(text) => text,
            Err(skip) => {
                skipped.push(skip);
                continue;
            }
        };
        let records = ingest::records(&text);
        if records.is_empty() {
            skipped.push(no_records(file));
            continue;
        }
        loaded.files += 1;
        loaded.records.extend(records);
    }
    loaded.skipped = skipped;
    Ok(loaded)
}

fn no_records(file: &InputFile) -> Skipped {
    Skipped {
        path: file.display_path(),
        reason: "no records found".to_string(),
    }
}

/// Hash of a file's bytes, as stored in the index.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Told how an indexing run advances, e.g. to draw a progress bar.
pub trait Progress {
    /// The run will look at `files` files of `bytes` bytes in all.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// One more file was looked at (indexed, unchanged or skipped).
    fn file_done(&self, _bytes: u64) {}
    /// Files are done; pairing and the commit follow.
    fn committing(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Indexes `input` into `dir`: afterwards the index holds exactly the input's records.
/// Files whose content is unchanged since the last commit are not re-read into records.
pub fn build_index(dir: &Path, input: &Input, options: IndexOptions) -> Result<IndexReport> {
    build_index_with(dir, input, options, &NoProgress)
}

/// What a worker made of one file.
enum FileOutcome {
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
struct ProcessedFile {
    /// Hash of its bytes ([`content_hash`]).
    content_hash: String,
    /// Its records as documents.
    documents: Vec<tantivy::TantivyDocument>,
    /// Their pairing features, with their encoded form (which the incremental store and
    /// the pairing spill take as it is).
    features: Vec<(Features, Vec<u8>)>,
    /// What its records wrote that could not be read, each naming the record.
    warnings: Vec<String>,
}

/// Reads, parses and turns one file into documents; runs on a worker thread.
fn process_file(
    file: &InputFile,
    previous_hash: Option<&str>,
    fields: &crate::index::Fields,
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

/// [`build_index`], reporting progress to `progress`.
///
/// Files are processed by `options.write.threads` workers (read, hash, parse, detect,
/// build documents) while this thread hands their documents to the writer, so parsing
/// runs in parallel with tantivy's own indexing threads. A bounded channel keeps at most a
/// few files' documents in flight.
pub fn build_index_with(
    dir: &Path,
    input: &Input,
    options: IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let first = FirstRun::note(dir);
    let kept = match first {
        Some(_) => Kept::Nothing,
        None => Kept::Previous,
    };
    index_input(dir, input, options, progress).map_err(|err| {
        if let Some(first) = first.filter(|_| !matches!(err, Error::IndexLocked(_))) {
            first.clean_up(dir);
        }
        err.writing_index(dir, kept, || more_space_needed(dir, input, options.walk))
    })
}

/// What `dir` held before a run that creates the index there, so a run that fails
/// leaves it as it found it: a half-written index would make the next run refuse the
/// folder as "not a bireport index".
struct FirstRun {
    existed: bool,
    entries: BTreeSet<std::ffi::OsString>,
}

impl FirstRun {
    /// `Some` when `dir` holds no index yet (it is missing or empty).
    fn note(dir: &Path) -> Option<FirstRun> {
        if crate::index::dir_state(dir).ok()? != crate::index::DirState::Empty {
            return None;
        }
        let entries = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        Some(FirstRun {
            existed: dir.exists(),
            entries,
        })
    }

    /// Removes what the failed run created in `dir`, and `dir` itself if it made it.
    fn clean_up(&self, dir: &Path) {
        if !self.existed {
            // An indexing thread tantivy let go may still be closing a file it had
            // started: removing the folder fails while it is not empty.
            for _ in 0..20 {
                match std::fs::remove_dir_all(dir) {
                    Err(err) if err.kind() == std::io::ErrorKind::DirectoryNotEmpty => {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    _ => return,
                }
            }
            return;
        }
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if !self.entries.contains(&entry.file_name()) {
                let path = entry.path();
                let _ = match path.is_dir() {
                    true => std::fs::remove_dir_all(&path),
                    false => std::fs::remove_file(&path),
                };
            }
        }
    }
}

/// About how many more megabytes indexing `input` into `dir` needs than its disk has
/// free: the index takes about two thirds of the text, and the pairing features wait
/// beside it while the run lasts (a quarter more).
fn more_space_needed(dir: &Path, input: &Input, walk: WalkOptions) -> u64 {
    let bytes: u64 = input
        .files(walk)
        .map(|(files, _)| files.iter().map(|f| f.size).sum())
        .unwrap_or(0);
    let needed = bytes / 10 * 9;
    let free = crate::index::free_space(dir).unwrap_or(0);
    (needed.saturating_sub(free) / 1_000_000).max(1)
}

/// [`build_index_with`], with its errors as they came.
fn index_input(
    dir: &Path,
    input: &Input,
    options: IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    // Resolve the input first: a missing path is the user's mistake and creates nothing.
    let (files, mut skipped) = input.files(options.walk)?;
    let mut session = IndexSession::begin(dir, options.write)?;
    progress.start(files.len(), files.iter().map(|f| f.size).sum());
    let mut report = IndexReport::default();
    if let Some(problem) = session.store_problem() {
        report.warnings.push(format!(
            "the last commit's incremental store cannot be used ({problem}): every file is read again"
        ));
    }
    if let Some(problem) = session.pairs_problem() {
        report.warnings.push(format!(
            "the last commit's pair store cannot be used ({problem}): pairs are computed again"
        ));
    }
    let mut seen = BTreeSet::new();
    let decisions = Decisions::load(dir)?;
    let fingerprint = decisions.fingerprint();
    if session.previous().decisions != fingerprint {
        session.mark_changed();
    }
    let mut pairing = PairingInput::new(dir, decisions.clone())?;
    // Stored pairing features of another version, or made with other glossary terms, are
    // stale: such files are re-read.
    let glossary = pairing::glossary::fingerprint();
    let features_current = session.previous().pairing_version == pairing::PAIRING_VERSION
        && session.previous().glossary == glossary;
    if !features_current {
        session.mark_changed();
    }
    let previous_hashes: Vec<Option<String>> = files
        .iter()
        .map(|file| {
            session
                .indexed()
                .get(&file.source)
                .filter(|_| features_current)
                .map(|f| f.content_hash.clone())
        })
        .collect();
    let fields = session.fields();
    let workers = options.write.threads.max(1);
    let next = AtomicUsize::new(0);
    // The next file no thread has taken yet, read (helpers and this thread alike).
    let read_next = || {
        let at = next.fetch_add(1, Ordering::Relaxed);
        let file = files.get(at)?;
        // A panic on a helper thread would otherwise lose its file without a word.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            process_file(file, previous_hashes[at].as_deref(), &fields)
        }))
        .unwrap_or_else(|panic| {
            let during = format!("reading {}", file.display_path());
            FileOutcome::Crashed(Error::from_panic(during, &*panic))
        });
        Some((at, outcome))
    };

    std::thread::scope(|scope| -> Result<()> {
        // This thread reads files too: `workers - 1` helpers read the others and queue
        // what they find, which this thread takes between its own files. It only waits
        // for them once no file is left, so a helper's file wakes no sleeping thread (a
        // thread that only received had been woken for every file: 2.6% of the CPU).
        let helpers = workers - 1;
        let (sender, receiver) =
            mpsc::sync_channel::<(usize, FileOutcome)>(OUTCOMES_PER_HELPER * helpers.max(1));
        for _ in 0..helpers {
            let (sender, read_next) = (sender.clone(), &read_next);
            scope.spawn(move || {
                while let Some(read) = read_next() {
                    if sender.send(read).is_err() {
                        break; // the receiver gave up after an error
                    }
                }
            });
        }
        drop(sender);
        let mut handle = |at: usize, outcome: FileOutcome| -> Result<()> {
            let file = &files[at];
            progress.file_done(file.size);
            let previously = session.indexed().get(&file.source).map(|f| f.records);
            let outcome = match outcome {
                FileOutcome::Unchanged if pairing.keep(&session, &file.source) => {
                    seen.insert(file.source.clone());
                    report.unchanged += 1;
                    report.files += 1;
                    report.records += previously.unwrap_or(0);
                    return Ok(());
                }
                // Same bytes, but the stored features cannot be read: process it again.
                FileOutcome::Unchanged => process_file(file, None, &fields),
                other => other,
            };
            match outcome {
                FileOutcome::Unreadable(skip) => {
                    // An unreadable file keeps what the index already has of it.
                    if previously.is_some()
                        && features_current
                        && pairing.keep(&session, &file.source)
                    {
                        seen.insert(file.source.clone());
                    }
                    skipped.push(skip);
                }
                // Not `seen`: any old records of it are removed below.
                FileOutcome::Rejected(skip) => skipped.push(skip),
                FileOutcome::Indexed(processed) => {
                    index_file(
                        &mut session,
                        &mut report,
                        &mut pairing,
                        file,
                        processed,
                        previously.is_some(),
                    )?;
                    seen.insert(file.source.clone());
                }
                FileOutcome::Unchanged => {} // not returned without a previous hash
                FileOutcome::Crashed(err) => return Err(err),
            }
            Ok(())
        };
        loop {
            while let Ok((at, outcome)) = receiver.try_recv() {
                handle(at, outcome)?;
            }
            let Some((at, outcome)) = read_next() else {
                break;
            };
            handle(at, outcome)?;
        }
        for (at, outcome) in receiver {
            handle(at, outcome)?;
        }
        Ok(())
    })?;
    skipped.sort_by(|a, b| a.path.cmp(&b.path));

    let gone: Vec<String> = session
        .indexed()
        .keys()
        .filter(|source| !seen.contains(*source))
        .cloned()
        .collect();
    for source in &gone {
        session.remove_source(source);
    }
    report.removed = gone.len();

    progress.committing();
    // Features are read back a batch of blocks at a time and evidence is written pair by
    // pair, while the commit finishes the segments (a commit without changes runs neither);
    // the spill file goes before the commit.
    let pairs_job: PairsJob<'static> =
        Box::new(move |store: &mut PairStoreWriter| pairing.write_pairs(store).map(drop));
    session.commit(
        Payload {
            schema_version: 0,
            pairing_version: pairing::PAIRING_VERSION,
            files: report.files,
            records: report.records,
            incremental: None, // set by the commit
            pairs: None,       // likewise
            decisions: fingerprint,
            glossary,
        },
        pairs_job,
    )?;
    // A rebuild swaps in a new directory: the person's decisions go with it.
    decisions.save(dir)?;
    report.skipped = skipped;
    Ok(report)
}

/// Saves the person's `decisions` (replacing `previous`, `bireport pairs link`) and
/// pairs the records of the index in `dir` again ([`repair_pairs`]); returns the number of pairs. When pairing again fails, the decisions
/// file goes back to `previous`, so the failed run changes nothing.
pub fn decide(dir: &Path, previous: &Decisions, decisions: &Decisions) -> Result<usize> {
    let result = decisions.save(dir).and_then(|()| repair_pairs(dir));
    if result.is_err() {
        let _ = previous.save(dir);
    }
    result.map_err(|err| err.writing_index(dir, Kept::Previous, || pairs_mb(dir)))
}

/// About how many megabytes pairing again writes: another pair store as large as the
/// ones in `dir`.
fn pairs_mb(dir: &Path) -> u64 {
    let bytes: u64 = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("pairs-"))
        .filter_map(|entry| entry.metadata().ok())
        .map(|meta| meta.len())
        .max()
        .unwrap_or(0);
    (bytes / 1_000_000).max(1)
}

/// Pairs the records of the index in `dir` again, from the features its last commit
/// keeps, following the person's decisions as saved; returns the number of pairs.
fn repair_pairs(dir: &Path) -> Result<usize> {
    let mut session = IndexSession::begin(dir, WriteOptions::default())?;
    if session.previous().pairing_version != pairing::PAIRING_VERSION {
        return Err(Error::DamagedIndex {
            dir: dir.to_path_buf(),
            reason: "its pairs were made by another version of bireport".to_string(),
        });
    }
    let decisions = Decisions::load(dir)?;
    let fingerprint = decisions.fingerprint();
    let mut pairing = PairingInput::new(dir, decisions)?;
    let sources: Vec<String> = session.indexed().keys().cloned().collect();
    for source in &sources {
        if !pairing.keep(&session, source) {
            return Err(Error::DamagedIndex {
                dir: dir.to_path_buf(),
                reason: format!("the pairing features of {source} cannot be read"),
            });
        }
    }
    session.mark_changed();
    let previous = session.previous().clone();
    let count = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let pairs_job: PairsJob<'static> = Box::new(move |store: &mut PairStoreWriter| {
        let made = pairing.write_pairs(store)?;
        counted.store(made, Ordering::Relaxed);
        Ok(())
    });
    session.commit(
        Payload {
            schema_version: 0,
            pairing_version: pairing::PAIRING_VERSION,
            files: previous.files,
            records: previous.records,
            incremental: None,
            pairs: None,
            decisions: fingerprint,
            glossary: previous.glossary.clone(),
        },
        pairs_job,
    )?;
    Ok(count.load(Ordering::Relaxed))
}

/// Files a helper thread may have read before the indexing thread takes them.
const OUTCOMES_PER_HELPER: usize = 16;

/// Hands one file's documents to the writer and counts it.
fn index_file(
    session: &mut IndexSession,
    report: &mut IndexReport,
    pairing: &mut PairingInput,
    file: &InputFile,
    processed: ProcessedFile,
    existed: bool,
) -> Result<()> {
    let ProcessedFile {
        content_hash,
        documents,
        features,
        warnings,
    } = processed;
    report.warnings.extend(warnings);
    report.records += documents.len();
    report.files += 1;
    if existed {
        report.updated += 1;
    } else {
        report.added += 1;
    }
    let entries = features
        .iter()
        .map(|(f, encoded)| (f.id(), encoded.as_slice()));
    session.replace_source(&file.source, &content_hash, documents, entries)?;
    pairing.add(&features)
}

/// Pairing features of every record the new commit will hold: extracted from records
/// read in this run, decoded from the incremental store for files left unchanged. They
/// wait in a spill file next to the index rather than in memory ([`pairing::spill`]).
struct PairingInput {
    dir: PathBuf,
    spill: FeatureSpill,
    /// The first failure to write the spill, reported before pairing.
    failed: Option<std::io::Error>,
}

impl PairingInput {
    fn new(dir: &Path, decisions: Decisions) -> Result<PairingInput> {
        Ok(PairingInput {
            dir: dir.to_path_buf(),
            spill: FeatureSpill::new_in(dir)
                .map_err(|err| Error::io(dir, err))?
                .with_decisions(decisions),
            failed: None,
        })
    }

    /// Takes the stored features of `source`'s records; false (and takes nothing) if any
    /// of them cannot be read, so the caller re-reads the file instead.
    fn keep(&mut self, session: &IndexSession, source: &str) -> bool {
        let Some(stored) = session.indexed_features(source) else {
            return false;
        };
        let decoded: Option<Vec<Features>> = stored
            .iter()
            .map(|(id, bytes)| Features::decode(id, bytes))
            .collect();
        match decoded {
            Some(features) => {
                for (f, (_, encoded)) in features.iter().zip(stored) {
                    if let Err(err) = self.spill.push(f, encoded) {
                        self.failed.get_or_insert(err);
                    }
                }
                true
            }
            None => false,
        }
    }

    fn add(&mut self, features: &[(Features, Vec<u8>)]) -> Result<()> {
        if let Some(err) = self.failed.take() {
            return Err(Error::io(&self.dir, err));
        }
        for (f, encoded) in features {
            self.spill
                .push(f, encoded)
                .map_err(|err| Error::io(&self.dir, err))?;
        }
        Ok(())
    }

    /// Chooses the pairs and writes them to `store`; returns how many.
    fn write_pairs(self, store: &mut PairStoreWriter) -> Result<usize> {
        if let Some(err) = self.failed {
            return Err(Error::io(&self.dir, err));
        }
        let dir = self.dir;
        let io = |err| Error::io(&dir, err);
        let (count, lexicon) = self.spill.pairs(io, |pair| store.add(&pair).map_err(io))?;
        lexicon::save(&dir, &lexicon)?;
        Ok(count)
    }
}
