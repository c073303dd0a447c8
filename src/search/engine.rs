//! The engine: an index opened at its last commit, and a search run on it from the
//! parsed query, through the `--cross` join and collection, to hits with snippets.

use std::path::Path;

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query};
use tantivy::IndexReader;

use super::collect::make_hit;
use super::filter::FilterSets;
use super::records::load_record;
use super::{
    facets, join, request_analyzers, snippet, QueryBuilder, SearchRequest, SearchResults, Stats,
};
use crate::analysis::Mode;
use crate::error::{Error, Result};
use crate::index::pairs::PairStore;
use crate::index::{self, Fields, OpenIndex};
use crate::pairing::lexicon::Lexicon;

/// A read-only view of an index at its last commit.
pub struct Engine {
    pub(super) open: OpenIndex,
    pub(super) reader: IndexReader,
    pub(super) pairs: PairStore,
    /// What pairing learned of the corpus's words (`lexicon.tsv`), for translating
    /// query words.
    pub(super) lexicon: Lexicon,
    /// The documents of the filters searched most recently, gathered once per commit.
    pub(super) filter_sets: FilterSets,
}

/// The index in `dir` is damaged: `reason` says how.
pub(super) fn damaged_index(dir: &Path, reason: String) -> Error {
    Error::DamagedIndex {
        dir: dir.to_path_buf(),
        reason,
    }
}

impl Engine {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<Engine> {
        let open = index::open(dir, Mode::Searching)?;
        let reader = open.reader()?;
        let damaged = |reason: String| damaged_index(dir, reason);
        let reference = open
            .payload
            .pairs
            .as_ref()
            .ok_or_else(|| damaged("the last commit names no pair store".to_string()))?;
        let pairs = PairStore::open(dir, reference).map_err(|err| damaged(err.to_string()))?;
        Ok(Engine {
            open,
            reader,
            pairs,
            lexicon: crate::pairing::lexicon::load(dir),
            filter_sets: FilterSets::default(),
        })
    }

    /// Records in the commit this engine reads (no facet counting: cheap at any size).
    pub fn record_count(&self) -> usize {
        usize::try_from(self.reader.searcher().num_docs()).unwrap_or(usize::MAX)
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.open.dir
    }

    pub(super) fn fields(&self) -> &Fields {
        &self.open.fields
    }

    pub(super) fn queries(&self) -> QueryBuilder<'_> {
        QueryBuilder::new(&self.open.index, &self.open.fields)
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let analyzers = request_analyzers(request);
        let queries = self.queries();
        let parsed = queries.parse(
            &request.query,
            &analyzers,
            request.fuzzy,
            (request.translate, &self.lexicon),
        )?;
        let user_query = parsed.matching;
        let cross_keys = if request.cross {
            self.counterparts_of_matches(&searcher, request)?
        } else {
            Vec::new()
        };
        let matching = if cross_keys.is_empty() {
            user_query.box_clone()
        } else {
            let keys: join::KeySet = cross_keys.into_iter().collect();
            let via_counterpart: Box<dyn Query> =
                Box::new(join::KeySetQuery::new(index::KEY_FIELD, keys));
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, user_query.box_clone()),
                (Occur::Should, via_counterpart),
            ]))
        };
        let filter = QueryBuilder::filter_key(request);
        let query = QueryBuilder::filtered(
            matching,
            queries.filters(&filter),
            self.filter_sets.gathered(filter),
        );

        let (top, total, facet_counts) = self.collect(&searcher, &*query, request)?;
        let fuzzy_words = request.fuzzy.then_some(request.query.as_str());
        let snippets =
            snippet::SnippetMaker::new(&searcher, &*parsed.written, self.fields(), fuzzy_words)?;
        let records = top
            .iter()
            .map(|(_, address)| load_record(&searcher, self.fields(), *address))
            .collect::<Result<Vec<_>>>()?;
        let mut counterparts = self.counterpart_ids(records.iter().map(|r| &*r.id))?;
        // A cross hit that the query itself does not match came via its counterpart.
        let user_weight = if request.cross {
            Some(user_query.weight(EnableScoring::disabled_from_searcher(&searcher))?)
        } else {
            None
        };
        let mut hits = Vec::with_capacity(records.len());
        for ((score, address), record) in top.into_iter().zip(records) {
            let counterpart = counterparts.remove(&record.id);
            let mut hit = make_hit(record, score, counterpart, &snippets);
            if let Some(weight) = &user_weight {
                let segment = searcher.segment_reader(address.segment_ord);
                hit.via_counterpart =
                    !join::holds(&mut *weight.scorer(segment, 1.0)?, address.doc_id);
            }
            hits.push(hit);
        }
        let hints = if total == 0 {
            self.hints_for(&searcher, request)?
        } else {
            Vec::new()
        };
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            hits,
            facets: facet_counts,
            hints,
            expanded: parsed.expanded,
        })
    }

    /// Record and file counts with facet counts of the whole index.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let (records, facets) = searcher.search(
            &*self.queries().all_records(),
            &(Count, facets::ProfileCounter),
        )?;
        Ok(Stats {
            records,
            files: self.open.payload.files,
            facets,
        })
    }
}
