//! The `--cross` join and look-ups by id: records found by their numeric keys
//! ([`crate::index::record_key`]) in the key fast column. (Matched records' keys lead to
//! their counterparts' keys through the pair store, [`crate::index::pairs`].)
//!
//! Keys are random 64-bit hashes, so looking a thousand of them up in a term dictionary
//! walks most of it (tantivy's `TermSetQuery` streams the dictionary through a set
//! automaton, which on a large index costs more than the rest of the search). Scanning the key column
//! once and testing each value against a bitmap, then a hash set, is about two
//! nanoseconds a document. Every document has a key, so the column is dense and read in
//! blocks.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use tantivy::columnar::{Column, ColumnIndex};
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError};

use super::filter::Gathered;
use crate::error::Result;

/// Keys are already uniform hashes: hashing them again would only cost time.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// Bits of the bitmap in front of a [`KeySet`].
const FILTER_BITS: usize = 1 << 16;

/// A set of record keys, with a bitmap on their top bits that turns most non-members
/// away before the hash set is asked.
#[derive(Debug, Clone)]
pub struct KeySet {
    filter: Vec<u64>,
    keys: HashSet<u64, BuildHasherDefault<KeyHasher>>,
}

impl FromIterator<u64> for KeySet {
    fn from_iter<I: IntoIterator<Item = u64>>(keys: I) -> KeySet {
        let mut set = KeySet {
            filter: vec![0; FILTER_BITS / 64],
            keys: HashSet::default(),
        };
        for key in keys {
            let bit = (key >> 48) as usize;
            set.filter[bit / 64] |= 1 << (bit % 64);
            set.keys.insert(key);
        }
        set
    }
}

impl KeySet {
    /// True when `key` is in the set.
    #[inline]
    pub fn contains(&self, key: u64) -> bool {
        let bit = (key >> 48) as usize;
        self.filter[bit / 64] & (1 << (bit % 64)) != 0 && self.keys.contains(&key)
    }

    /// True when the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Calls `f(doc, value)` for every document with a value in `column`, in doc order;
/// dense columns are decoded a block at a time.
fn scan(column: &Column<u64>, mut f: impl FnMut(DocId, u64)) {
    const BLOCK: u32 = 1024;
    match &column.index {
        ColumnIndex::Full => {
            let mut block = [0u64; BLOCK as usize];
            let rows = column.values.num_vals();
            let mut start = 0;
            while start < rows {
                let len = (rows - start).min(BLOCK);
                let values = &mut block[..len as usize];
                column.values.get_range(u64::from(start), values);
                for (doc, value) in (start..).zip(values.iter()) {
                    f(doc, *value);
                }
                start += len;
            }
        }
        _ => {
            for doc in 0..column.num_docs() {
                if let Some(value) = column.first(doc) {
                    f(doc, value);
                }
            }
        }
    }
}

/// The values of the u64 fast column `column` for `docs`.
pub fn read_keys(searcher: &Searcher, docs: &[DocAddress], column: &str) -> Result<Vec<u64>> {
    let mut values = Vec::with_capacity(docs.len());
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Ok(keys) = segment.fast_fields().u64(column) else {
            continue;
        };
        values.extend(
            docs.iter()
                .filter(|d| d.segment_ord as usize == ord)
                .filter_map(|d| keys.first(d.doc_id)),
        );
    }
    Ok(values)
}

/// Documents whose u64 fast column holds one of a set of keys.
#[derive(Debug, Clone)]
pub struct KeySetQuery {
    column: String,
    keys: Arc<KeySet>,
    matching: Gathered,
}

impl KeySetQuery {
    /// Matches documents whose `column` holds one of `keys`.
    pub fn new(column: &str, keys: KeySet) -> KeySetQuery {
        KeySetQuery {
            column: column.to_string(),
            keys: Arc::new(keys),
            matching: Gathered::default(),
        }
    }
}

impl Query for KeySetQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for KeySetQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // The column is scanned once per segment: the counting pass, the filter's plan
        // and explanations reuse the documents found.
        let matching = self.matching.get_or_gather(reader, || {
            let mut matching = BitSet::with_max_value(reader.max_doc());
            if let Ok(column) = reader.fast_fields().u64(&self.column) {
                scan(&column, |doc, key| {
                    if self.keys.contains(key) {
                        matching.insert(doc);
                    }
                });
            }
            Ok(matching)
        })?;
        Ok(Box::new(ConstScorer::new(
            BitSetDocSet::from(Arc::unwrap_or_clone(matching)),
            boost,
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if !holds(&mut *self.scorer(reader, 1.0)?, doc) {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} holds none of the keys"
            )));
        }
        Ok(Explanation::new("a counterpart matched", 1.0))
    }
}

/// Whether a fresh `docset` holds `doc`. A docset may only seek forward, and a fresh one
/// already stands on its first document, which may be past `doc`.
pub fn holds<D: DocSet + ?Sized>(docset: &mut D, doc: DocId) -> bool {
    docset.doc() <= doc && docset.seek(doc) == doc
}
