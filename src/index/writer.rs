//! Writing: an [`IndexSession`] holds the index's writer lock from its first moment, knows
//! which source files the last commit holds (and, from its incremental store, their
//! content hashes and records' pairing features), replaces or removes records file by
//! file, writes the next pair store and incremental store, and commits once.
//!
//! A reader — or a run killed at any point — sees either the previous commit or the new
//! one: tantivy publishes a commit by atomically replacing `meta.json`, and segments of an
//! unfinished run are garbage-collected by the next writer. An index of an older schema is
//! rebuilt beside the old one and swapped in only when `--rebuild` asks for it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

use super::incremental::{self, StoreWriter, StoredFile};
use super::pairs::{self, PairStoreWriter};
use super::queue::{DocumentQueue, QueuedDocument};
use super::schema::{self, Fields};
use super::watched::{WatchedDirectory, WriteFailure};
use super::{date_value, dir_state, CommitSummary, DirState, Payload, SCHEMA_VERSION};
use crate::analysis::{Analyzer, Mode};
use crate::error::{Error, Kept, Result};
use crate::fault::{self, Fault};
use crate::record::{Record, StoredRecord};

/// How to write.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Memory budget of the writer in bytes, shared by the threads.
    pub memory_budget: usize,
    /// Start from an empty index (and replace one of another schema version).
    pub rebuild: bool,
    /// Documents that may wait for the writer's threads at once (a bound on memory; a
    /// larger batch still goes, alone).
    pub queue_limit: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4);
        WriteOptions {
            threads,
            memory_budget: 256 * 1024 * 1024,
            rebuild: false,
            queue_limit: QUEUE_LIMIT,
        }
    }
}

/// Segments with more documents than this are never merged.
///
/// A full writer budget flushes segments of more documents than this. Merging those maps
/// every one of them into memory at once and raises the run's peak memory, for little:
/// searches run over segments in parallel anyway. Small segments (incremental runs, small
/// corpora) still merge.
pub const MERGE_DOCS_LIMIT: usize = 100_000;

/// Share of deleted documents that gets a segment merged even without peers of its size,
/// so incremental runs reclaim the space of replaced records.
const MERGE_DELETED_SHARE: f32 = 0.3;

fn merge_policy() -> tantivy::merge_policy::LogMergePolicy {
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_max_docs_before_merge(MERGE_DOCS_LIMIT);
    policy.set_del_docs_ratio_before_merge(MERGE_DELETED_SHARE);
    policy
}

/// A source file as the last commit holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexedFile {
    /// Hash of its bytes when indexed.
    pub content_hash: String,
    /// Records it gave.
    pub records: usize,
}

/// One pair of counterparts as stored in the index (pairing's pair by ids, as JSON).
pub type StoredPair = crate::pairing::IdPair;

/// An open write to one index directory.
pub struct IndexSession {
    dir: PathBuf,
    /// Where the index is written: `dir`, or a staging folder when replacing an old schema.
    target: PathBuf,
    index: Index,
    writer: IndexWriter<QueuedDocument>,
    fields: Fields,
    indexed: BTreeMap<String, IndexedFile>,
    /// The last commit's incremental store, by source (sources it lacks, or whose record
    /// count differs from the index's, are left out).
    stored: BTreeMap<String, StoredFile>,
    /// Why the last commit's store could not be used, if it could not.
    store_problem: Option<String>,
    /// Why the last commit's pair store could not be used, if it could not.
    pairs_problem: Option<pairs::PairStoreError>,
    /// The new commit's incremental store.
    store: StoreWriter,
    /// Sources whose records this run replaced or removed (the others' store entries are
    /// carried over at the commit).
    touched: HashSet<String>,
    /// The last commit's payload (default for a new index).
    previous: Payload,
    changed: bool,
    /// Bounds the documents waiting for tantivy's indexing threads.
    queue: DocumentQueue,
    /// The first write that failed in the index directory.
    failure: WriteFailure,
}

/// Writes the pairs of the next commit into the pair store given; run by
/// [`IndexSession::commit`] while tantivy's threads finish their segments.
pub type PairsJob<'a> = Box<dyn FnOnce(&mut PairStoreWriter) -> Result<()> + Send + 'a>;

/// By default at most this many documents wait for an indexing thread: enough to keep the
/// threads busy, few enough to hold about 10 MB of records the size of the generated
/// corpus's.
const QUEUE_LIMIT: usize = 4_096;

impl IndexSession {
    /// Opens (or creates) the index in `dir` and takes its writer lock; fails at once with
    /// [`Error::IndexLocked`] if another process holds it.
    pub fn begin(dir: &Path, options: WriteOptions) -> Result<IndexSession> {
        // `created`: a new index must be committed even if nothing is added to it, so its
        // payload marks it as bireport's.
        let mut previous = Payload::default();
        let mut failure = WriteFailure::default();
        let (index, target, created) = match dir_state(dir)? {
            DirState::Empty => {
                std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
                let index = create_index(dir, &failure)?;
                (index, dir.to_path_buf(), true)
            }
            DirState::Index => match super::open(dir, Mode::Indexing) {
                Ok(open) => {
                    previous = open.payload;
                    failure = open.write_failure;
                    (open.index, dir.to_path_buf(), false)
                }
                Err(Error::OldSchema { .. } | Error::NotAnIndex { .. }) if options.rebuild => {
                    let staging = sibling(dir, "rebuild");
                    let _ = std::fs::remove_dir_all(&staging);
                    std::fs::create_dir_all(&staging).map_err(|err| Error::io(&staging, err))?;
                    let index = create_index(&staging, &failure)?;
                    (index, staging, true)
                }
                Err(err) => return Err(err),
            },
        };
        super::register_tokenizers(&index, Mode::Indexing);
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::NotAnIndex {
            dir: dir.to_path_buf(),
            reason: "its schema lacks bireport's fields".to_string(),
        })?;
        let threads = options.threads.max(1);
        // tantivy wants at least 15 MB per thread.
        let budget = options.memory_budget.max(threads * 16 * 1024 * 1024);
        let writer: IndexWriter<QueuedDocument> = index
            .writer_with_num_threads(threads, budget)
            .map_err(|err| match err {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    Error::IndexLocked(dir.to_path_buf())
                }
                other => Error::Tantivy(other),
            })?;
        writer.set_merge_policy(Box::new(merge_policy()));
        // A run killed mid-write leaves files the last commit does not reference; the next
        // run would reach the same opstamps and collide with them. Remove them first.
        writer.garbage_collect_files().wait()?;
        // Likewise stores such runs left (this process holds the writer lock now).
        incremental::remove_others(
            &target,
            previous.incremental.as_ref().map(|r| r.file.as_str()),
        );
        pairs::remove_others(
            &target,
            previous.pairs.as_ref().map(|r| r.file.as_str()).as_slice(),
        );
        let (mut indexed, mut stored, mut store_problem) = Default::default();
        if options.rebuild {
            writer.delete_all_documents()?;
        } else {
            indexed = scan_sources(&index)?;
            match previous
                .incremental
                .as_ref()
                .map(|r| incremental::read(&target, r))
            {
                Some(Ok(files)) => stored = files,
                Some(Err(problem)) => store_problem = Some(problem),
                None if indexed.is_empty() => {}
                None => store_problem = Some("the last commit names no store".to_string()),
            }
            // A file's hash counts only with an entry for each of its records.
            stored.retain(
                |source, file: &mut StoredFile| match indexed.get_mut(source) {
                    Some(indexed) if indexed.records == file.entries.len() => {
                        indexed.content_hash = file.content_hash.clone();
                        true
                    }
                    _ => false,
                },
            );
        }
        // Pairs are computed again (and the store rewritten) when the last commit's cannot
        // be read whole, even if no file changed.
        let pairs_problem = match &previous.pairs {
            _ if options.rebuild || created => None,
            Some(reference) => pairs::verify(&target, reference).err(),
            None => Some(pairs::PairStoreError::NotNamed),
        };
        let store = StoreWriter::create(&target).map_err(|err| Error::io(&target, err))?;
        Ok(IndexSession {
            dir: dir.to_path_buf(),
            changed: options.rebuild || created || pairs_problem.is_some(),
            pairs_problem,
            target,
            index,
            writer,
            fields,
            indexed,
            stored,
            store_problem,
            store,
            touched: HashSet::new(),
            previous,
            queue: DocumentQueue::new(options.queue_limit),
            failure,
        })
    }

    /// The last commit's payload.
    pub fn previous(&self) -> &Payload {
        &self.previous
    }

    /// The source files of the last commit.
    pub fn indexed(&self) -> &BTreeMap<String, IndexedFile> {
        &self.indexed
    }

    /// Pairing features stored for `source`'s records, (record id, features), one per
    /// record the index holds of it; `None` if the store lacks them.
    pub fn indexed_features(&self, source: &str) -> Option<&[(String, Vec<u8>)]> {
        self.stored.get(source).map(|file| file.entries.as_slice())
    }

    /// Why the last commit's incremental store could not be used (every file is then
    /// read again), if it could not.
    pub fn store_problem(&self) -> Option<&str> {
        self.store_problem.as_deref()
    }

    /// Why the last commit's pair store could not be used (pairs are then computed and
    /// written again), if it could not.
    pub fn pairs_problem(&self) -> Option<&pairs::PairStoreError> {
        self.pairs_problem.as_ref()
    }

    /// Deletes every record of `source`.
    pub fn remove_source(&mut self, source: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.source, source));
        self.touched.insert(source.to_string());
        self.changed = true;
    }

    /// The schema's field handles, for building documents on other threads.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// Replaces `source`'s records with `documents` (made by [`record_document`]), whose
    /// ids and encoded pairing features `entries` gives in the same order; `content_hash`
    /// is the hash of the file's bytes. A source the last commit does not hold needs no
    /// delete (tantivy keeps each pending delete in memory until the commit, so a delete
    /// for every new record would grow with the run).
    pub fn replace_source<'e>(
        &mut self,
        source: &str,
        content_hash: &str,
        documents: Vec<TantivyDocument>,
        entries: impl ExactSizeIterator<Item = (&'e str, &'e [u8])>,
    ) -> Result<()> {
        if self.indexed().contains_key(source) {
            self.remove_source(source);
        }
        self.touched.insert(source.to_string());
        self.changed = true;
        self.store
            .add_file(source, content_hash, entries)
            .map_err(|err| Error::io(&self.target, err))?;
        self.send(documents)
    }

    /// Hands `documents` to the writer as one batch, once the queue has room for them.
    /// Stops waiting for room as soon as a write fails: tantivy's indexing threads have
    /// ended then, and the documents sent stay in its channel for ever.
    fn send(&mut self, documents: Vec<TantivyDocument>) -> Result<()> {
        let failure = &self.failure;
        let Some(queued) = self.queue.admit(documents, &|| failure.happened()) else {
            return Err(write_error(&self.failure, &self.dir, None));
        };
        let sent = self.writer.run(queued.into_iter().map(UserOperation::Add));
        sent.map_err(|err| write_error(&self.failure, &self.dir, Some(err)))?;
        Ok(())
    }

    /// Commits even if no file changes: the pairs must be made again.
    pub fn mark_changed(&mut self) {
        self.changed = true;
    }

    /// True when the session has anything to commit.
    pub fn has_changes(&self) -> bool {
        self.changed
    }

    /// Commits everything, described by `summary`, and the pairs `pairs` writes. Pairing runs on its own thread while tantivy's threads finish their
    /// segments (one after the other, the two would leave a core idle). Without
    /// changes nothing is written and `pairs` does not run.
    pub fn commit(mut self, summary: CommitSummary, pairs: PairsJob<'_>) -> Result<()> {
        if !self.changed {
            return Ok(());
        }
        let target = self.target.clone();
        let io = |err| Error::io(&target, err);
        // Sources left as they were keep their entries.
        for (source, file) in &self.stored {
            if !self.touched.contains(source) {
                let entries = file
                    .entries
                    .iter()
                    .map(|(id, f)| (id.as_str(), f.as_slice()));
                self.store
                    .add_file(source, &file.content_hash, entries)
                    .map_err(io)?;
            }
        }
        let failure = self.failure.clone();
        let store = self.store.finish().map_err(io)?;
        let keep = store.file.clone();
        let writer = &mut self.writer;
        let (prepared, written_pairs) = std::thread::scope(|scope| {
            let pairing = scope.spawn(|| -> Result<incremental::StoreRef> {
                let mut store = PairStoreWriter::create(&target).map_err(io)?;
                if fault::injected(Fault::Pairs) {
                    panic!("injected fault");
                }
                pairs(&mut store)?;
                store.finish().map_err(io)
            });
            let prepared = writer.prepare_commit();
            // Pairing that died is this run's error, not the process's end.
            let written = pairing.join().unwrap_or_else(|panic| {
                Err(Error::from_panic(
                    "pairing the records".to_string(),
                    &*panic,
                ))
            });
            (prepared, written)
        });
        let forget_stores = || {
            // The last commit still names its own stores; this one's are of no use.
            incremental::remove_others(
                &target,
                self.previous.incremental.as_ref().map(|r| r.file.as_str()),
            );
            pairs::remove_others(
                &target,
                self.previous
                    .pairs
                    .as_ref()
                    .map(|r| r.file.as_str())
                    .as_slice(),
            );
        };
        let mut prepared = match prepared {
            Ok(prepared) => prepared,
            Err(err) => {
                forget_stores();
                return Err(write_error(&failure, &self.dir, Some(err)));
            }
        };
        let written_pairs = match written_pairs {
            Ok(written) => written,
            Err(err) => {
                let _ = prepared.abort();
                forget_stores();
                return Err(err);
            }
        };
        let keep_pairs = Some(written_pairs.file.clone());
        let payload = Payload {
            schema_version: SCHEMA_VERSION,
            pairing_version: summary.pairing_version,
            files: summary.files,
            records: summary.records,
            incremental: Some(store),
            pairs: Some(written_pairs),
            decisions: summary.decisions,
            glossary: summary.glossary,
        };
        prepared.set_payload(&serde_json::to_string(&payload).expect("payload serialises"));
        if let Err(err) = prepared.commit() {
            forget_stores();
            return Err(write_error(&failure, &self.dir, Some(err)));
        }
        incremental::remove_others(&self.target, Some(&keep));
        // The last commit's pair store stays until the next run: a search that read the
        // last commit just before this one landed may still be about to open it.
        let previous_pairs = self.previous.pairs.as_ref().map(|r| r.file.as_str());
        let kept: Vec<&str> = keep_pairs
            .as_deref()
            .into_iter()
            .chain(previous_pairs)
            .collect();
        pairs::remove_others(&self.target, &kept);
        self.writer.wait_merging_threads()?;
        drop(self.index);
        if self.target != self.dir {
            swap_in(&self.dir, &self.target)?;
        }
        Ok(())
    }
}

/// The error of a failed write in `dir`, when one failed: it names the cause that
/// tantivy's error (`err`) hides; otherwise `err` itself.
fn write_error(failure: &WriteFailure, dir: &Path, err: Option<TantivyError>) -> Error {
    match (failure.get(), err) {
        (Some((kind, message)), _) => Error::WriteFailed {
            dir: dir.to_path_buf(),
            kind,
            message,
            kept: Kept::Previous,
        },
        (None, Some(err)) => err.into(),
        (None, None) => Error::WriteFailed {
            dir: dir.to_path_buf(),
            kind: std::io::ErrorKind::Other,
            message: "the indexing threads stopped".to_string(),
            kept: Kept::Previous,
        },
    }
}

/// A new, empty index in `dir`. Its doc store compresses each block on the indexing thread
/// that filled it: tantivy's default hands every block to a thread of its own, and the
/// hand-over wakes that thread for each 16 KB block.
fn create_index(dir: &Path, failure: &WriteFailure) -> Result<Index> {
    let settings = tantivy::IndexSettings {
        docstore_compress_dedicated_thread: false,
        ..tantivy::IndexSettings::default()
    };
    let directory = WatchedDirectory::open(dir, failure.clone())?;
    Ok(Index::create(directory, schema::build().0, settings)?)
}

/// The sources the last commit holds, with their record counts (their content hashes come
/// from the incremental store).
fn scan_sources(index: &Index) -> Result<BTreeMap<String, IndexedFile>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut files: BTreeMap<String, IndexedFile> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let Some(sources) = segment.fast_fields().str(super::field::SOURCE)? else {
            continue;
        };
        // Records per term ordinal, then each ordinal's path decoded once.
        let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
        for doc in segment.doc_ids_alive() {
            if let Some(ord) = sources.term_ords(doc).next() {
                *counts.entry(ord).or_default() += 1;
            }
        }
        let names = super::decode_ords(&sources, counts.keys().copied())?;
        for (ord, records) in counts {
            let source = names
                .get(&ord)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            files.entry(source).or_default().records += records;
        }
    }
    Ok(files)
}

/// Moves the freshly built `staging` index into `dir`, keeping `dir`'s dotfiles.
fn swap_in(dir: &Path, staging: &Path) -> Result<()> {
    let retired = sibling(dir, "old");
    for entry in std::fs::read_dir(dir)
        .map_err(|err| Error::io(dir, err))?
        .flatten()
    {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') && entry.path().is_file() {
            let _ = std::fs::copy(entry.path(), staging.join(&name));
        }
    }
    std::fs::rename(dir, &retired).map_err(|err| Error::io(dir, err))?;
    std::fs::rename(staging, dir).map_err(|err| Error::io(dir, err))?;
    let _ = std::fs::remove_dir_all(&retired);
    Ok(())
}

fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".to_string());
    dir.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// The tantivy document of one record.
pub fn record_document(fields: &Fields, record: &Record) -> TantivyDocument {
    // The text goes in three times (body, bigrams, stored), besides names, facets and
    // JSON: room for all of it at once spares the growing buffer two or three copies.
    let mut doc = TantivyDocument::with_capacity(3 * record.text.len() + 1024);
    doc.add_u64(fields.key, super::record_key(&record.id));
    doc.add_text(fields.source, &record.source);
    doc.add_u64(fields.ordinal, u64::from(record.ordinal));

    let text = fields.lang(Analyzer::for_lang(&record.lang.code));
    if let Some(title) = &record.title {
        doc.add_text(text.title, title);
    }
    for partner in &record.partners {
        doc.add_text(text.partner, &partner.name);
    }
    for section in &record.sections {
        doc.add_text(text.body, &section.text);
        doc.add_text(text.body_bigrams, &section.text);
    }

    doc.add_text(fields.facet_profile, super::facet_profile(record));
    if let Some(period) = &record.period {
        doc.add_date(fields.period_start, date_value(period.start));
        doc.add_date(fields.period_end, date_value(period.end));
    }
    if let Some(number) = &record.facts.project_number {
        doc.add_text(fields.project_number, number);
    }
    let costs = &record.facts.costs;
    for (field, value) in [
        (fields.cost_initial, costs.initial),
        (fields.cost_final, costs.final_cost),
        (fields.cost_grant, costs.grant),
    ] {
        if let Some(value) = value {
            doc.add_u64(field, value);
        }
    }
    // Counterparts live in the pair store; records reach the writer without one.
    debug_assert!(record.counterpart.is_none());
    doc.add_text(fields.record, StoredRecord::of(record).to_json());
    doc.add_text(fields.record_text, &record.text);
    doc
}
