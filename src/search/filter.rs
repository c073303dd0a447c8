//! Filters (`--country`, `--year`, `--kind`, `--lang`, dates): a query narrowed to the
//! documents of a filter without changing its scores, planned per segment by which side
//! is cheaper to walk.
//!
//! tantivy's boolean intersection always drives with the side it estimates smallest and
//! seeks the others. A broad query narrowed by a broad filter (`visit --country Norway
//! --year 2021 --kind initiative`: 560,000 and 150,000 of a million records) then seeks a
//! many-field union 200,000 times, and seeking a union costs far more than walking it;
//! and a query with a filter clause loses block-max WAND for its top hits. Here, per
//! segment, by tantivy's cost estimates:
//! - a query much cheaper than walking the filter drives and seeks the filter (tantivy's
//!   intersection, nothing gathered); one nearly as broad as the filter would seek it, or
//!   be sought, at almost every document (`visit --country Norway`: each side more than
//!   half of the records);
//! - otherwise the filter's documents are gathered once into a bitset (kept for the
//!   counting pass), and a query not much larger than the filter's documents walks, WAND
//!   and all, each of its documents tested against the bitset;
//! - a query much larger than the filter's documents is sought by the bitset.
//!
//! (A union's cost leaves out the members it has already buffered, so on segments
//! smaller than its 4,096-document window it reads 0 and the first plan is taken, which
//! is right there: seeking within the buffered window is a bitset look-up.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{
    intersect_scorers, BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError, TERMINATED};

/// How much larger (by tantivy's cost estimate) the walked side may be than the sought
/// side: seeking costs several walks, as a seek into a union seeks each of its members.
const WALK_OVER_SEEK: u64 = 4;

/// `query`'s documents that `filter` matches, scored by `query` alone.
///
/// A search counts its hits in a second pass, so the filter's bitsets are kept with the
/// query (and its clones) for the segments they were gathered on.
#[derive(Debug)]
pub struct FilteredQuery {
    query: Box<dyn Query>,
    filter: Box<dyn Query>,
    gathered: Gathered,
}

/// Documents per segment, gathered once and shared by a query's clones, so by both passes
/// of a search.
#[derive(Debug, Clone, Default)]
pub struct Gathered(Arc<Mutex<HashMap<SegmentId, Arc<BitSet>>>>);

impl Gathered {
    /// The documents of `reader`'s segment, if gathered before.
    fn get(&self, reader: &SegmentReader) -> Option<Arc<BitSet>> {
        let gathered = self.0.lock().ok()?;
        gathered.get(&reader.segment_id()).cloned()
    }

    /// The documents of `reader`'s segment, from `gather` unless gathered before.
    pub fn get_or_gather(
        &self,
        reader: &SegmentReader,
        gather: impl FnOnce() -> tantivy::Result<BitSet>,
    ) -> tantivy::Result<Arc<BitSet>> {
        let lock_error =
            |_| TantivyError::InternalError("a gathered set's lock was poisoned".into());
        let id = reader.segment_id();
        if let Some(bits) = self.0.lock().map_err(lock_error)?.get(&id) {
            return Ok(Arc::clone(bits));
        }
        let bits = Arc::new(gather()?);
        self.0
            .lock()
            .map_err(lock_error)?
            .insert(id, Arc::clone(&bits));
        Ok(bits)
    }
}

impl Clone for FilteredQuery {
    fn clone(&self) -> FilteredQuery {
        FilteredQuery {
            query: self.query.box_clone(),
            filter: self.filter.box_clone(),
            gathered: self.gathered.clone(),
        }
    }
}

impl FilteredQuery {
    /// `query` narrowed to `filter`'s documents, gathered into `gathered` (shared by the
    /// searches of one filter, [`FilterSets`]) or found there.
    pub fn new(query: Box<dyn Query>, filter: Box<dyn Query>, gathered: Gathered) -> FilteredQuery {
        FilteredQuery {
            query,
            filter,
            gathered,
        }
    }
}

/// The filters a commit's searches used most recently, each with the documents gathered
/// for it: an engine serving many searches (`serve`) gathers `--country Norway --year 2021`
/// once, not per search. A key is the filter as the request states it, normalised.
#[derive(Debug, Default)]
pub struct FilterSets(Mutex<HashMap<FilterKey, Gathered>>);

/// A request's filters, normalised (`lt`, `Norway`), as [`FilterSets`] keys them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilterKey {
    pub lang: Option<String>,
    pub country: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<crate::record::Kind>,
    pub from: Option<time::Date>,
    pub to: Option<time::Date>,
}

/// Filters kept with their documents; a bitset is a bit per record, so 64 of them cost
/// 8 MB on a million records.
const FILTER_SETS_KEPT: usize = 64;

impl FilterSets {
    /// The gathered documents of `key`'s filter, empty the first time it is asked for.
    pub fn gathered(&self, key: FilterKey) -> Gathered {
        let Ok(mut sets) = self.0.lock() else {
            return Gathered::default();
        };
        if sets.len() >= FILTER_SETS_KEPT && !sets.contains_key(&key) {
            // Simple and bounded: a burst of new filters starts the set over.
            sets.clear();
        }
        sets.entry(key).or_default().clone()
    }
}

impl Query for FilteredQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let filter_scoring = EnableScoring::disabled_from_schema(enable_scoring.schema());
        Ok(Box::new(FilteredWeight {
            query: self.query.weight(enable_scoring)?,
            filter: self.filter.weight(filter_scoring)?,
            gathered: self.gathered.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.query.query_terms(visitor);
        self.filter.query_terms(visitor);
    }
}

struct FilteredWeight {
    query: Box<dyn Weight>,
    filter: Box<dyn Weight>,
    gathered: Gathered,
}

/// How one segment is answered.
enum Plan {
    /// The query walks; each of its documents is looked up in the filter's bitset. The
    /// query's scorer is kept for [`Weight::scorer`] and `for_each`; the unscored and
    /// pruning passes let the query's weight build its own, unscored or pruned with
    /// block-max WAND.
    Walk(Box<dyn Scorer>, Arc<BitSet>),
    /// The smaller side drives and seeks the other (tantivy's intersection).
    Seek(Box<dyn Scorer>),
}

impl FilteredWeight {
    fn plan(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Plan> {
        let query = self.query.scorer(reader, boost)?;
        // Gathered by an earlier search of the same filter: nothing left to decide.
        if let Some(bits) = self.gathered.get(reader) {
            return Ok(self.plan_with(query, bits, reader));
        }
        let filter = self.filter.scorer(reader, 1.0)?;
        // Gathering walks the filter: not worth it for a query much cheaper than that walk.
        if query.cost().saturating_mul(WALK_OVER_SEEK) < filter.cost() {
            let filter: Box<dyn Scorer> = Box::new(ConstScorer::new(filter, 0.0));
            return Ok(Plan::Seek(intersect_scorers(
                vec![query, filter],
                reader.max_doc(),
            )));
        }
        let bits = self.gather(reader, filter)?;
        Ok(self.plan_with(query, bits, reader))
    }

    /// The plan once the filter's documents are gathered: the query walks them, or, when
    /// it is much larger than they are, is sought by them.
    fn plan_with(&self, query: Box<dyn Scorer>, bits: Arc<BitSet>, reader: &SegmentReader) -> Plan {
        if query.cost() <= WALK_OVER_SEEK.saturating_mul(u64::from(bits.len() as u32)) {
            return Plan::Walk(query, bits);
        }
        let bits = Arc::unwrap_or_clone(bits);
        let filter: Box<dyn Scorer> = Box::new(ConstScorer::new(BitSetDocSet::from(bits), 0.0));
        Plan::Seek(intersect_scorers(vec![query, filter], reader.max_doc()))
    }

    /// The filter's documents on `reader`'s segment, gathered from `filter` unless an
    /// earlier pass did.
    fn gather(
        &self,
        reader: &SegmentReader,
        mut filter: Box<dyn Scorer>,
    ) -> tantivy::Result<Arc<BitSet>> {
        self.gathered.get_or_gather(reader, || {
            let mut bits = BitSet::with_max_value(reader.max_doc());
            let mut doc = filter.doc();
            while doc != TERMINATED {
                bits.insert(doc);
                doc = filter.advance();
            }
            Ok(bits)
        })
    }
}

impl Weight for FilteredWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.plan(reader, boost)? {
            Plan::Walk(query, bits) => Box::new(WalkScorer::new(query, bits)),
            Plan::Seek(scorer) => scorer,
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut filter = self.filter.scorer(reader, 1.0)?;
        if filter.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        self.query.explain(reader, doc)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        // Walking, only the documents the filter keeps are scored.
        let mut scorer = self.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            callback(doc, scorer.score());
            doc = scorer.advance();
        }
        Ok(())
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        match self.plan(reader, 1.0)? {
            Plan::Walk(_, bits) => {
                let mut kept = Vec::new();
                self.query.for_each_no_score(reader, &mut |docs| {
                    kept.clear();
                    kept.extend(docs.iter().copied().filter(|&doc| bits.contains(doc)));
                    if !kept.is_empty() {
                        callback(&kept);
                    }
                })
            }
            Plan::Seek(mut scorer) => {
                let mut block = Vec::with_capacity(BLOCK);
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    block.push(doc);
                    if block.len() == BLOCK {
                        callback(&block);
                        block.clear();
                    }
                    doc = scorer.advance();
                }
                if !block.is_empty() {
                    callback(&block);
                }
                Ok(())
            }
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        match self.plan(reader, 1.0)? {
            // The query prunes with the threshold the filtered hits have reached.
            Plan::Walk(_, bits) => {
                let mut reached = threshold;
                self.query
                    .for_each_pruning(threshold, reader, &mut |doc, score| {
                        if bits.contains(doc) {
                            reached = callback(doc, score);
                        }
                        reached
                    })
            }
            Plan::Seek(mut scorer) => {
                let mut reached = threshold;
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    let score = scorer.score();
                    if score > reached {
                        reached = callback(doc, score);
                    }
                    doc = scorer.advance();
                }
                Ok(())
            }
        }
    }
}

/// Documents handed to collectors at a time.
const BLOCK: usize = 64;

/// The query's documents that are in the bitset.
struct WalkScorer {
    query: Box<dyn Scorer>,
    bits: Arc<BitSet>,
}

impl WalkScorer {
    fn new(query: Box<dyn Scorer>, bits: Arc<BitSet>) -> WalkScorer {
        let mut scorer = WalkScorer { query, bits };
        let first = scorer.query.doc();
        scorer.settle(first);
        scorer
    }

    /// Moves on from `doc` to the first document in the bitset.
    fn settle(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED && !self.bits.contains(doc) {
            doc = self.query.advance();
        }
        doc
    }
}

impl DocSet for WalkScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.query.advance();
        self.settle(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.query.seek(target);
        self.settle(doc)
    }

    fn doc(&self) -> DocId {
        self.query.doc()
    }

    fn size_hint(&self) -> u32 {
        self.query.size_hint().min(self.bits.len() as u32)
    }

    fn cost(&self) -> u64 {
        self.query.cost()
    }
}

impl Scorer for WalkScorer {
    fn score(&mut self) -> Score {
        self.query.score()
    }
}
