//! Search: from a user's query and filters to ranked hits with snippets, counterparts and
//! facet counts, over one index at its last commit.
//!
//! The query uses tantivy's syntax (phrases, AND/OR/NOT, `field:term`) with every word
//! required by default (`query`). Without `--lang` it runs against both languages'
//! fields, each side analysed by its own analyzer, so `sveikatos` and `health` both work.
//! Filters narrow results without changing BM25 ranking. With no hits, `suggest` says
//! which filter value or word was probably meant.

mod facets;
mod filter;
mod join;
mod query;
mod snippet;
mod suggest;
pub mod translate;

use translate::{Expansion, Translate};

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::EnableScoring;
use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{DateTime, DocAddress, IndexReader, Order, Searcher, TantivyDocument};
use time::Date;

use crate::analysis::{Analyzer, Mode};
use crate::error::{Error, Result};
use crate::index::pairs::PairStore;
use crate::index::{self, Fields, OpenIndex, StoredPair};
use crate::pairing::score::KeyWeights;
use crate::period::Period;
use crate::record::{Counterpart, Kind, Record, StoredRecord};
pub use query::{normalize_country, normalize_lang, QueryBuilder, FUZZY_ONE_EDIT, FUZZY_TWO_EDITS};
pub use snippet::{leading_text, Snippet, SNIPPET_CHARS};
pub use suggest::closest;

/// Matches of the other language that `--cross` follows to their counterparts.
pub const CROSS_EXPANSION: usize = 1000;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best BM25 score first.
    #[default]
    Score,
    /// Latest period start first; records without a period last.
    Date,
}

/// A search as the user asked for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Query in tantivy syntax; empty or `*` matches everything.
    pub query: String,
    /// Language filter (`en`, `lt`, or a language name).
    pub lang: Option<String>,
    /// Country filter (any known name; normalised to English).
    pub country: Option<String>,
    /// Year the period touches.
    pub year: Option<i32>,
    /// Record kind.
    pub kind: Option<Kind>,
    /// Period ends on or after this day.
    pub from: Option<Date>,
    /// Period starts on or before this day.
    pub to: Option<Date>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order of hits.
    pub sort: SortOrder,
    /// Let words of 5+ letters match within one edit (two for 9+).
    pub fuzzy: bool,
    /// Also return records whose counterpart in the other language matches.
    pub cross: bool,
    /// When to search query words' translations too.
    pub translate: Translate,
}

/// Facet counts over a whole result set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// Records per language code.
    pub lang: BTreeMap<String, u64>,
    /// Records per country.
    pub country: BTreeMap<String, u64>,
    /// Records per year.
    pub year: BTreeMap<String, u64>,
    /// Records per kind.
    pub kind: BTreeMap<String, u64>,
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Record id.
    pub id: String,
    /// Source file.
    pub source: String,
    /// Position in the file.
    pub ordinal: u32,
    /// Language code.
    pub lang: String,
    /// Record kind.
    pub kind: Kind,
    /// Project page title.
    pub title: Option<String>,
    /// First partner.
    pub partner: Option<String>,
    /// First partner's country.
    pub country: Option<String>,
    /// Implementation period.
    pub period: Option<Period>,
    /// BM25 score.
    pub score: f32,
    /// Snippet with matches in `<b>…</b>` (HTML-escaped).
    pub snippet: String,
    /// The snippet as plain text.
    pub snippet_text: String,
    /// Byte ranges of the matches in `snippet_text`.
    pub highlights: Vec<[usize; 2]>,
    /// The words of the snippet that matched, each once, as written (`Norvegijoje` for
    /// `Norway`).
    pub matched: Vec<String>,
    /// Counterpart record id, if paired.
    pub counterpart: Option<String>,
    /// True when the record matched only through its counterpart (`--cross`).
    pub via_counterpart: bool,
}

/// A page of hits with the counts of the whole result set.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Matching records in all.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Facet counts of all matching records.
    pub facets: FacetCounts,
    /// Suggestions when nothing matched: misspelt filter values or words.
    pub hints: Vec<String>,
    /// Words searched besides the query's own, in the other language (`--translate`).
    pub expanded: Vec<Expansion>,
}

/// Counts of a whole index.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Records.
    pub records: usize,
    /// Files.
    pub files: usize,
    /// Facet counts.
    pub facets: FacetCounts,
}

/// A page of (score, address), the total count, and facet counts.
type Page = (Vec<(f32, DocAddress)>, usize, FacetCounts);

/// A read-only view of an index at its last commit.
pub struct Engine {
    open: OpenIndex,
    reader: IndexReader,
    pairs: PairStore,
    /// What pairing learned of the corpus's words (`lexicon.tsv`), for translating
    /// query words.
    lexicon: crate::pairing::lexicon::Lexicon,
}

/// The index in `dir` is damaged: `reason` says how.
fn damaged_index(dir: &Path, reason: String) -> Error {
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
        let pairs = PairStore::open(dir, reference).map_err(damaged)?;
        Ok(Engine {
            open,
            reader,
            pairs,
            lexicon: crate::pairing::lexicon::load(dir),
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

    fn fields(&self) -> &Fields {
        &self.open.fields
    }

    fn queries(&self) -> QueryBuilder<'_> {
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
        let query = QueryBuilder::filtered(matching, queries.filters(request));

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

    /// Ids of records in the requested language(s) whose counterpart in the other language
    /// matches the query: the other side's best [`CROSS_EXPANSION`] matches that can have a
    /// counterpart (records with a period) are found by
    /// the query, their counterparts' keys by the pair store. The join runs on numeric
    /// record keys ([`index::record_key`]) read from the key column: decoding a thousand
    /// string ids costs a dictionary block each. The bound keeps `--cross` a
    /// small join on any corpus size. Returns the record keys of the counterparts.
    fn counterparts_of_matches(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<Vec<u64>> {
        let mut found = Vec::new();
        let sides: Vec<(Analyzer, &str)> =
            match request.lang.as_deref().map(normalize_lang).as_deref() {
                Some("lt") => vec![(Analyzer::English, "en")],
                Some("en") => vec![(Analyzer::Lithuanian, "lt")],
                Some(_) => Vec::new(),
                None => vec![(Analyzer::English, "en"), (Analyzer::Lithuanian, "lt")],
            };
        for (analyzer, code) in sides {
            let other = SearchRequest {
                lang: Some(code.to_string()),
                ..SearchRequest::default()
            };
            let queries = self.queries();
            // Only records with a period can have a counterpart (pairing blocks on periods).
            let mut filters = queries.filters(&other);
            filters.push(Box::new(ExistsQuery::new(
                "period_start".to_string(),
                false,
            )));
            let query = QueryBuilder::filtered(
                queries
                    .parse(
                        &request.query,
                        &[analyzer],
                        request.fuzzy,
                        (Translate::Never, &self.lexicon),
                    )?
                    .matching,
                filters,
            );
            let best = searcher.search(
                &*query,
                &TopDocs::with_limit(CROSS_EXPANSION).order_by_score(),
            )?;
            let best: Vec<DocAddress> = best.into_iter().map(|(_, address)| address).collect();
            let matched: join::KeySet = join::read_keys(searcher, &best, index::KEY_FIELD)?
                .into_iter()
                .collect();
            if matched.is_empty() {
                continue;
            }
            found.extend(
                self.pairs
                    .counterpart_keys(code == "lt", |key| matched.contains(key)),
            );
        }
        found.sort();
        found.dedup();
        Ok(found)
    }

    /// The counterpart of each of `ids` that has one, from the pair store (a page holds a
    /// few hits: a look-up each).
    fn counterpart_ids<'i>(
        &self,
        ids: impl Iterator<Item = &'i str>,
    ) -> Result<HashMap<String, String>> {
        let mut counterparts = HashMap::new();
        for id in ids {
            if let Some(pair) = self.pair_of(id)? {
                let other = if pair.lt == id { pair.en } else { pair.lt };
                counterparts.insert(id.to_string(), other);
            }
        }
        Ok(counterparts)
    }

    /// The requested page of (score, address), the total, and facet counts.
    ///
    /// By score, the page and the counts are two passes: the page alone lets tantivy skip
    /// blocks of documents that cannot reach it (block-max WAND), and the counts need no
    /// scores at all. One pass doing both would score every match.
    fn collect(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
    ) -> Result<Page> {
        let limit = request.limit.max(1);
        let page = TopDocs::with_limit(limit).and_offset(request.offset);
        let (top, total, facets) = match request.sort {
            // Position checks cost the same on every pass: one pass, scoring all.
            SortOrder::Score if needs_positions(query) => searcher.search(
                query,
                &(page.order_by_score(), Count, facets::ProfileCounter),
            )?,
            SortOrder::Score => {
                let top = searcher.search(query, &page.order_by_score())?;
                let (total, facets) = searcher.search(query, &(Count, facets::ProfileCounter))?;
                (top, total, facets)
            }
            SortOrder::Date => {
                let by_date = page.order_by_fast_field::<DateTime>("period_start", Order::Desc);
                let (top, total, facets) =
                    searcher.search(query, &(by_date, Count, facets::ProfileCounter))?;
                // Scores for display: explain each hit of the page.
                let scored = top
                    .into_iter()
                    .map(|(_, address)| {
                        let score = query
                            .explain(searcher, address)
                            .map(|e| e.value())
                            .unwrap_or(0.0);
                        (score, address)
                    })
                    .collect();
                (scored, total, facets)
            }
        };
        let top = if request.limit == 0 { Vec::new() } else { top };
        Ok((top, total, facets))
    }

    /// The record with `id`, its counterpart filled in. Records are found by their key
    /// ([`index::record_key`]) in its fast column, then by their stored id (two ids could
    /// share a key).
    pub fn get(&self, id: &str) -> Result<Record> {
        let searcher = self.reader.searcher();
        let query = join::KeySetQuery::new(
            index::KEY_FIELD,
            std::iter::once(index::record_key(id)).collect(),
        );
        let found = searcher.search(&query, &TopDocs::with_limit(8).order_by_score())?;
        for (_, address) in found {
            let mut record = load_record(&searcher, self.fields(), address)?;
            if record.id != id {
                continue;
            }
            if let Some(pair) = self.pair_of(id)? {
                record.counterpart = Some(counterpart_from(&pair, pair.lt == id));
            }
            return Ok(record);
        }
        Err(Error::UnknownId(id.to_string()))
    }

    /// Every record, in id order (file, then position), counterparts filled in.
    pub fn all_records(&self) -> Result<Vec<Record>> {
        let mut records = Vec::new();
        self.for_each_record(|record| {
            records.push(record);
            Ok(())
        })?;
        Ok(records)
    }

    /// Hands every record to `each`, in id order (file, then position), counterparts
    /// filled in, one at a time: the order comes from the source and ordinal columns, and
    /// only the pairs are held besides (`export` and `pairs` of a million records had held
    /// them all: 3.7 GB).
    pub fn for_each_record(&self, mut each: impl FnMut(Record) -> Result<()>) -> Result<()> {
        let searcher = self.reader.searcher();
        // Each document as (its source's number in `sources`, ordinal, address).
        let mut sources: Vec<String> = Vec::new();
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut order: Vec<(u32, u64, DocAddress)> = Vec::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let fast = segment.fast_fields();
            let Some(source_column) = fast.str("source")? else {
                continue;
            };
            let ordinals = fast.u64("ordinal")?;
            let start = order.len();
            let mut ords = Vec::new();
            for doc in segment.doc_ids_alive() {
                let ord = source_column.term_ords(doc).next().unwrap_or(u64::MAX);
                ords.push(ord);
                let address = DocAddress::new(segment_ord as u32, doc);
                order.push((0, ordinals.first(doc).unwrap_or(0), address));
            }
            let names = index::decode_ords(&source_column, ords.iter().copied())?;
            for (entry, ord) in order[start..].iter_mut().zip(ords) {
                let name = names
                    .get(&ord)
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default();
                entry.0 = match numbers.get(&name) {
                    Some(&number) => number,
                    None => {
                        let number = sources.len() as u32;
                        numbers.insert(name.clone(), number);
                        sources.push(name);
                        number
                    }
                };
            }
        }
        drop(numbers);
        order.sort_by(|a, b| (&sources[a.0 as usize], a.1).cmp(&(&sources[b.0 as usize], b.1)));
        let pairs = self.pairs.all().map_err(|why| self.damaged(why))?;
        let mut by_id: HashMap<&str, (&StoredPair, bool)> = HashMap::new();
        for pair in &pairs {
            by_id.insert(&pair.lt, (pair, true));
            by_id.insert(&pair.en, (pair, false));
        }
        for (_, _, address) in order {
            let mut record = load_record(&searcher, self.fields(), address)?;
            if let Some((pair, is_lt)) = by_id.get(record.id.as_str()) {
                record.counterpart = Some(counterpart_from(pair, *is_lt));
            }
            each(record)?;
        }
        Ok(())
    }

    /// Every record's pairing features, as the last commit's incremental store keeps them
    /// (for explaining pairs without parsing every record again).
    pub fn pairing_features(&self) -> Result<Vec<crate::pairing::Features>> {
        let dir = &self.open.dir;
        let damaged = |reason: String| damaged_index(dir, reason);
        let reference = self
            .open
            .payload
            .incremental
            .as_ref()
            .ok_or_else(|| damaged("the last commit names no incremental store".to_string()))?;
        let files = index::incremental::read(dir, reference).map_err(damaged)?;
        let mut features = Vec::new();
        for stored in files.values() {
            for (id, bytes) in &stored.entries {
                features.push(crate::pairing::Features::decode(id, bytes).ok_or_else(|| {
                    damaged(format!("the pairing features of {id} cannot be read"))
                })?);
            }
        }
        Ok(features)
    }

    /// Every record's pairing features with the weights pairing gave their keys, the
    /// lexicon it learned included: what explanations score candidates with.
    pub fn pairing_model(&self) -> Result<(Vec<crate::pairing::Features>, KeyWeights)> {
        let features = self.pairing_features()?;
        let mut weights = KeyWeights::new(&features);
        weights.learn(crate::pairing::lexicon::load(self.dir()));
        Ok((features, weights))
    }

    /// Every stored pair, ordered by Lithuanian record id.
    pub fn all_pairs(&self) -> Result<Vec<StoredPair>> {
        let mut pairs = self.pairs.all().map_err(|why| self.damaged(why))?;
        pairs.sort_by(|a, b| a.lt.cmp(&b.lt).then_with(|| a.en.cmp(&b.en)));
        Ok(pairs)
    }

    /// The pair `id` belongs to, if any: found by the record's key, checked by its id.
    pub fn pair_of(&self, id: &str) -> Result<Option<StoredPair>> {
        let candidates = self
            .pairs
            .with_key(index::record_key(id))
            .map_err(|why| self.damaged(why))?;
        Ok(candidates
            .into_iter()
            .find(|pair| pair.lt == id || pair.en == id))
    }

    fn damaged(&self, reason: String) -> Error {
        Error::DamagedIndex {
            dir: self.open.dir.clone(),
            reason: format!("its pair store holds {reason}"),
        }
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

    /// Why a search may have found nothing: filter values no record has (with the value
    /// probably meant) and misspelt words.
    fn hints_for(&self, searcher: &Searcher, request: &SearchRequest) -> Result<Vec<String>> {
        let known = self.stats()?.facets;
        let mut hints = Vec::new();
        let mut check =
            |flag: &str, value: Option<String>, values: &BTreeMap<String, u64>, extra: &[&str]| {
                let Some(value) = value else { return };
                if values.contains_key(&value) {
                    return;
                }
                let names: Vec<&str> = values.keys().map(String::as_str).collect();
                let guess = closest(&value, names.iter().copied().chain(extra.iter().copied()))
                    .map(|g| format!("did you mean {flag} {g}? "))
                    .unwrap_or_default();
                let listed = if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                };
                hints.push(format!(
                    "{guess}no record in the index has {flag} {value:?}; it has: {listed}"
                ));
            };
        let countries: Vec<&str> = crate::country::english_names().collect();
        check(
            "--lang",
            request.lang.as_deref().map(normalize_lang),
            &known.lang,
            &["en", "lt"],
        );
        check(
            "--country",
            request.country.as_deref().map(normalize_country),
            &known.country,
            &countries,
        );
        check(
            "--year",
            request.year.map(|y| y.to_string()),
            &known.year,
            &[],
        );
        check(
            "--kind",
            request.kind.map(|k| k.as_str().to_string()),
            &known.kind,
            &[],
        );

        let fields: Vec<_> = request_analyzers(request)
            .into_iter()
            .flat_map(|a| {
                let lang = self.fields().lang(a);
                [(lang.body, a), (lang.partner, a), (lang.title, a)]
            })
            .collect();
        let words = suggest::words(searcher, self.fields(), &request.query, &fields)?;
        if !words.is_empty() {
            let mut corrected = request.query.clone();
            for (typed, word) in &words {
                corrected = corrected.replacen(typed.as_str(), word, 1);
            }
            // With --fuzzy the spelling was tried already: what kept it out was a filter.
            hints.push(if request.fuzzy {
                format!("\"{corrected}\" is in the index, but no record of it passes the filters")
            } else {
                format!("did you mean \"{corrected}\"? (or try --fuzzy)")
            });
        }
        Ok(hints)
    }
}

fn request_analyzers(request: &SearchRequest) -> Vec<Analyzer> {
    match request.lang.as_deref() {
        Some(code) => vec![Analyzer::for_lang(&normalize_lang(code))],
        None => Analyzer::ALL.to_vec(),
    }
}

fn damaged(what: &str, err: &serde_json::Error) -> Error {
    Error::Tantivy(tantivy::TantivyError::InternalError(format!(
        "stored {what} is damaged ({err}); rebuild with `bireport index --rebuild`"
    )))
}

fn load_record(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<Record> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let text_of = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    };
    let stored = StoredRecord::from_parts(text_of(fields.record), text_of(fields.record_text))
        .map_err(|err| damaged("record", &err))?;
    Ok(crate::ingest::restore(stored))
}

/// Whether running `query` reads positions (a phrase not answered from bigrams).
fn needs_positions(query: &dyn Query) -> bool {
    let mut positions = false;
    query.query_terms(&mut |_, needs| positions |= needs);
    positions
}

fn counterpart_from(pair: &StoredPair, record_is_lt: bool) -> Counterpart {
    Counterpart {
        id: if record_is_lt {
            pair.en.clone()
        } else {
            pair.lt.clone()
        },
        score: pair.score,
        evidence: pair.evidence.clone(),
    }
}

fn make_hit(
    record: Record,
    score: f32,
    counterpart: Option<String>,
    snippets: &snippet::SnippetMaker,
) -> Hit {
    let snippet = snippets.snippet(&record);
    let mut matched: Vec<String> = Vec::new();
    for [from, to] in &snippet.highlights {
        let word = &snippet.text[*from..*to];
        if !matched.iter().any(|m| m == word) {
            matched.push(word.to_string());
        }
    }
    Hit {
        matched,
        snippet: snippet.to_html(),
        snippet_text: snippet.text,
        highlights: snippet.highlights,
        id: record.id,
        source: record.source,
        ordinal: record.ordinal,
        lang: record.lang.code,
        kind: record.kind,
        title: record.title,
        partner: record.partner,
        country: record.country,
        period: record.period,
        score,
        counterpart,
        via_counterpart: false,
    }
}
