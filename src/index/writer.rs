//! Writing: an [`IndexSession`] holds the index's writer lock from its first moment, knows
//! which source files the last commit holds (and their content hashes), replaces or
//! removes records file by file, replaces the pair documents, and commits once.
//!
//! A reader — or a run killed at any point — sees either the previous commit or the new
//! one: tantivy publishes a commit by atomically replacing `meta.json`, and segments of an
//! unfinished run are garbage-collected by the next writer. An index of an older schema is
//! rebuilt beside the old one and swapped in only when `--rebuild` asks for it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError, Term};

use super::queue::{DocumentQueue, QueuedDocument};
use super::schema::{self, Fields, DOCTYPE_PAIR, DOCTYPE_RECORD};
use super::{date_value, dir_state, DirState, Payload, SCHEMA_VERSION};
use crate::analysis::{self, Analyzer, Mode};
use crate::error::{Error, Result};
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
/// A full writer budget flushes segments of 150,000–300,000 documents. Merging eight of
/// those into one at the end of a million-record run mapped every segment into memory
/// and raised the run's peak RSS from 0.8 to 1.1 GB, while searches run over segments in
/// parallel anyway. Small segments (incremental runs, small corpora) still merge.
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
    /// Pairing features of records in the last commit, by source.
    indexed_features: BTreeMap<String, Vec<(String, Vec<u8>)>>,
    /// The last commit's payload (default for a new index).
    previous: Payload,
    changed: bool,
    /// Bounds the documents waiting for tantivy's indexing threads.
    queue: DocumentQueue,
    /// Pair documents not yet sent (they go in batches of [`PAIR_BATCH`]).
    pairs: Vec<TantivyDocument>,
}

/// By default at most this many documents wait for an indexing thread: enough to keep the
/// threads busy, few enough to hold about 10 MB of records the size of the generated
/// corpus's.
const QUEUE_LIMIT: usize = 4_096;
/// Pair documents sent to the writer at a time.
const PAIR_BATCH: usize = 256;

impl IndexSession {
    /// Opens (or creates) the index in `dir` and takes its writer lock; fails at once with
    /// [`Error::IndexLocked`] if another process holds it.
    pub fn begin(dir: &Path, options: WriteOptions) -> Result<IndexSession> {
        // `created`: a new index must be committed even if nothing is added to it, so its
        // payload marks it as bireport's.
        let mut previous = Payload::default();
        let (index, target, created) = match dir_state(dir)? {
            DirState::Empty => {
                std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
                let index = create_index(dir)?;
                (index, dir.to_path_buf(), true)
            }
            DirState::Index => match super::open(dir, Mode::Indexing) {
                Ok(open) => {
                    previous = open.payload;
                    (open.index, dir.to_path_buf(), false)
                }
                Err(Error::OldSchema { .. } | Error::NotAnIndex { .. }) if options.rebuild => {
                    let staging = sibling(dir, "rebuild");
                    let _ = std::fs::remove_dir_all(&staging);
                    std::fs::create_dir_all(&staging).map_err(|err| Error::io(&staging, err))?;
                    let index = create_index(&staging)?;
                    (index, staging, true)
                }
                Err(err) => return Err(err),
            },
        };
        analysis::register(&index, Mode::Indexing);
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
                TantivyError::LockFailure(..) => Error::IndexLocked(dir.to_path_buf()),
                other => Error::Tantivy(other),
            })?;
        writer.set_merge_policy(Box::new(merge_policy()));
        // A run killed mid-write leaves files the last commit does not reference; the next
        // run would reach the same opstamps and collide with them. Remove them first.
        writer.garbage_collect_files().wait()?;
        let (indexed, indexed_features) = if options.rebuild {
            writer.delete_all_documents()?;
            Default::default()
        } else {
            scan_indexed(&index)?
        };
        Ok(IndexSession {
            dir: dir.to_path_buf(),
            changed: options.rebuild || created,
            target,
            index,
            writer,
            fields,
            indexed,
            indexed_features,
            previous,
            queue: DocumentQueue::new(options.queue_limit),
            pairs: Vec::new(),
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

    /// Pairing features stored for `source`'s records: (record id, features).
    pub fn indexed_features(&self, source: &str) -> &[(String, Vec<u8>)] {
        self.indexed_features
            .get(source)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Deletes every record of `source`.
    pub fn remove_source(&mut self, source: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.source, source));
        self.changed = true;
    }

    /// The schema's field handles, for building documents on other threads.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// Replaces `source`'s records with `documents` (made by [`source_document`]). A source
    /// the last commit does not hold needs no delete (tantivy keeps each pending delete,
    /// about a kilobyte, until the commit: a million new records would hold 100 MB).
    pub fn replace_source(&mut self, source: &str, documents: Vec<TantivyDocument>) -> Result<()> {
        if self.indexed().contains_key(source) {
            self.remove_source(source);
        }
        self.changed = true;
        self.send(documents)
    }

    /// Deletes every pair document (from the next commit on), including pairs added but
    /// not yet sent to the writer.
    pub fn clear_pairs(&mut self) {
        self.pairs.clear();
        self.writer
            .delete_term(Term::from_field_text(self.fields.doctype, DOCTYPE_PAIR));
        self.changed = true;
    }

    /// Adds one pair document.
    pub fn add_pair(&mut self, pair: StoredPair) -> Result<()> {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.fields.doctype, DOCTYPE_PAIR);
        // Not a record: no facets, but a value keeps the profile column dense (fast).
        doc.add_text(self.fields.facet_profile, DOCTYPE_PAIR);
        doc.add_text(self.fields.pair_lt, &pair.lt);
        doc.add_text(self.fields.pair_en, &pair.en);
        doc.add_u64(self.fields.pair_lt_key, super::record_key(&pair.lt));
        doc.add_u64(self.fields.pair_en_key, super::record_key(&pair.en));
        // Every document has every key column (0: none), so the columns stay dense.
        doc.add_u64(self.fields.key, 0);
        doc.add_text(
            self.fields.pair,
            serde_json::to_string(&pair).expect("pairs serialise"),
        );
        self.changed = true;
        self.pairs.push(doc);
        if self.pairs.len() == PAIR_BATCH {
            let batch = std::mem::take(&mut self.pairs);
            self.send(batch)?;
        }
        Ok(())
    }

    /// Hands `documents` to the writer as one batch, once the queue has room for them.
    fn send(&mut self, documents: Vec<TantivyDocument>) -> Result<()> {
        let queued = self.queue.admit(documents);
        self.writer
            .run(queued.into_iter().map(UserOperation::Add))?;
        Ok(())
    }

    /// True when the session has anything to commit.
    pub fn has_changes(&self) -> bool {
        self.changed
    }

    /// Commits everything with `payload` (its schema version is set here). Without changes
    /// nothing is written.
    pub fn commit(mut self, mut payload: Payload) -> Result<()> {
        if !self.changed {
            return Ok(());
        }
        payload.schema_version = SCHEMA_VERSION;
        let pairs = std::mem::take(&mut self.pairs);
        self.send(pairs)?;
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&payload).expect("payload serialises"));
        prepared.commit()?;
        self.writer.wait_merging_threads()?;
        drop(self.index);
        if self.target != self.dir {
            swap_in(&self.dir, &self.target)?;
        }
        Ok(())
    }
}

/// A new, empty index in `dir`. Its doc store compresses each block on the indexing thread
/// that filled it: tantivy's default hands every block to a thread of its own, and the
/// hand-over woke that thread for each 16 KB block.
fn create_index(dir: &Path) -> Result<Index> {
    let settings = tantivy::IndexSettings {
        docstore_compress_dedicated_thread: false,
        ..tantivy::IndexSettings::default()
    };
    Ok(Index::builder()
        .schema(schema::build().0)
        .settings(settings)
        .create_in_dir(dir)?)
}

/// Reads which sources the last commit holds, their hashes and record features.
#[allow(clippy::type_complexity)]
fn scan_indexed(
    index: &Index,
) -> Result<(
    BTreeMap<String, IndexedFile>,
    BTreeMap<String, Vec<(String, Vec<u8>)>>,
)> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut files: BTreeMap<String, IndexedFile> = BTreeMap::new();
    let mut features: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Some(sources), Some(entries)) = (fast.str("source")?, fast.bytes("pairing")?) else {
            continue;
        };
        // Term ordinals per record document (pair documents have no source), then each
        // column's terms decoded in one pass.
        let docs: Vec<(u64, Option<u64>)> = segment
            .doc_ids_alive()
            .filter_map(|doc| {
                let source = sources.term_ords(doc).next()?;
                Some((source, entries.term_ords(doc).next()))
            })
            .collect();
        let source_values = super::decode_ords(&sources, docs.iter().map(|d| d.0))?;
        let entry_values = super::decode_ords(&entries, docs.iter().filter_map(|d| d.1))?;
        for (source, entry) in docs {
            let source = source_values
                .get(&source)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            // A missing or unreadable entry has no hash and no features: either makes the
            // file count as changed (an empty hash, or features that do not decode), so it
            // is read again.
            let entry = entry
                .and_then(|o| entry_values.get(&o))
                .and_then(|bytes| IncrementalEntry::decode(bytes))
                .unwrap_or_default();
            let file = files.entry(source.clone()).or_default();
            file.content_hash = entry.content_hash.to_string();
            file.records += 1;
            features
                .entry(source)
                .or_default()
                .push((entry.id.to_string(), entry.features.to_vec()));
        }
    }
    Ok((files, features))
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

/// The document of one record of a source file with `content_hash`, carrying its pairing
/// `features`.
pub fn source_document(
    fields: &Fields,
    record: &Record,
    content_hash: &str,
    features: &[u8],
) -> TantivyDocument {
    let mut doc = record_document(fields, record);
    let entry = IncrementalEntry {
        content_hash,
        id: &record.id,
        features,
    };
    doc.add_bytes(fields.pairing, &entry.encode());
    doc
}

/// What an incremental run reads back of each record, stored as one fast value: the
/// content hash of its source file, its id and its encoded pairing features.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct IncrementalEntry<'a> {
    /// Hash of the source file's bytes when indexed.
    pub content_hash: &'a str,
    /// Record id.
    pub id: &'a str,
    /// [`crate::pairing::Features::encode`]'s bytes.
    pub features: &'a [u8],
}

impl<'a> IncrementalEntry<'a> {
    /// Hash and id, each after its length (4 bytes, little-endian), then the features.
    pub fn encode(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(8 + self.content_hash.len() + self.id.len() + self.features.len());
        for text in [self.content_hash, self.id] {
            out.extend((text.len() as u32).to_le_bytes());
            out.extend(text.as_bytes());
        }
        out.extend(self.features);
        out
    }

    /// Reads [`IncrementalEntry::encode`]'s form; `None` if the bytes are not such a form.
    pub fn decode(bytes: &'a [u8]) -> Option<IncrementalEntry<'a>> {
        let mut rest = bytes;
        let mut text = || -> Option<&'a str> {
            let (len, after) = rest.split_first_chunk::<4>()?;
            let len = u32::from_le_bytes(*len) as usize;
            let (text, after) = after.split_at_checked(len)?;
            rest = after;
            std::str::from_utf8(text).ok()
        };
        let content_hash = text()?;
        let id = text()?;
        Some(IncrementalEntry {
            content_hash,
            id,
            features: rest,
        })
    }
}

/// The tantivy document of one record (without hash and features).
pub fn record_document(fields: &Fields, record: &Record) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.doctype, DOCTYPE_RECORD);
    doc.add_text(fields.id, &record.id);
    doc.add_u64(fields.key, super::record_key(&record.id));
    // Every document has every key column (0: none), so the columns stay dense.
    doc.add_u64(fields.pair_lt_key, 0);
    doc.add_u64(fields.pair_en_key, 0);
    doc.add_text(fields.source, &record.source);
    doc.add_text(fields.lang, &record.lang.code);
    doc.add_text(fields.kind, record.kind.as_str());
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
    doc.add_facet(fields.facets, super::lang_facet(&record.lang.code));
    doc.add_facet(fields.facets, super::kind_facet(record.kind));
    for country in record.countries() {
        doc.add_text(fields.country, country);
        doc.add_facet(fields.facets, super::country_facet(country));
    }
    if let Some(period) = &record.period {
        doc.add_date(fields.period_start, date_value(period.start));
        doc.add_date(fields.period_end, date_value(period.end));
        for year in period.years() {
            doc.add_facet(fields.facets, super::year_facet(year));
        }
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
    // Counterparts live in pair documents; records reach the writer without one.
    debug_assert!(record.counterpart.is_none());
    doc.add_text(fields.record, StoredRecord::of(record).to_json());
    doc.add_text(fields.record_text, &record.text);
    doc
}

#[cfg(test)]
mod tests {
    use super::IncrementalEntry;

    #[test]
    fn incremental_entries_read_back_and_damage_is_refused() {
        let features = [1u8, 0, 0xFF, 7, 0, 0, 0];
        let entries = [
            IncrementalEntry {
                content_hash: "0123456789abcdef0123456789abcdef",
                id: "reports/lt_001.txt#3",
                features: &features,
            },
            IncrementalEntry {
                content_hash: "",
                id: "ataskaitos/Šiauliai ąčę.txt#12",
                features: &[],
            },
        ];
        for entry in &entries {
            let bytes = entry.encode();
            assert_eq!(IncrementalEntry::decode(&bytes).as_ref(), Some(entry));
            // Cut inside the hash or the id: not an entry. (Cut inside the features,
            // the features decoder refuses them.)
            let header = 8 + entry.content_hash.len() + entry.id.len();
            for cut in 0..header {
                assert_eq!(
                    IncrementalEntry::decode(&bytes[..cut]),
                    None,
                    "cut at {cut}"
                );
            }
        }
        // A length past the end, and text that is not UTF-8.
        assert_eq!(IncrementalEntry::decode(&[9, 0, 0, 0, b'a']), None);
        assert_eq!(
            IncrementalEntry::decode(&[1, 0, 0, 0, 0xFF, 0, 0, 0, 0]),
            None
        );
    }
}
