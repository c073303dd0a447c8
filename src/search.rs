//! Search: from a user's query and filters to ranked hits with snippets and facet counts.
//!
//! The query uses tantivy's syntax (phrases, AND/OR/NOT, `field:term`) with every word
//! required by default. Without `--lang` a query runs against both languages' fields, each
//! side analysed by its own analyzer, so `sveikatos` and `health` both work. The aliases
//! `title:`, `partner:`, `body:` and `text:` reach the per-language fields. Filters
//! (`--lang`, `--country`, `--year`, `--kind`, `--from`, `--to`) are constant-score clauses,
//! so they narrow results without changing BM25 ranking.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, FacetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{self, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, IndexReader, Searcher, TantivyDocument, Term};
use time::Date;

use crate::analysis::{Analyzer, Mode};
use crate::country;
use crate::error::{Error, Result};
use crate::index::{self, Fields, OpenIndex, StoredPair, DOCTYPE_PAIR, DOCTYPE_RECORD};
use crate::period::Period;
use crate::record::{Counterpart, Kind, Record};

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 220;

/// Field aliases accepted in queries, each expanding to these per-language fields.
const ALIASES: &[(&str, &[&str])] = &[
    ("title", &["title"]),
    ("partner", &["partner"]),
    ("body", &["body"]),
    ("text", &["title", "partner", "body"]),
];

/// A search as the user asked for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Query in tantivy syntax; empty or `*` matches everything.
    pub query: String,
    /// Language code filter (`en`, `lt`).
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
    /// Counterpart record id, if paired.
    pub counterpart: Option<String>,
}

/// A page of hits with the counts of the whole result set.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Matching records in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Facet counts of all matching records.
    pub facets: FacetCounts,
    /// Suggestions when nothing matched, e.g. a filter value no record has.
    pub hints: Vec<String>,
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

/// A read-only view of an index at its last commit.
pub struct Engine {
    open: OpenIndex,
    reader: IndexReader,
}

impl Engine {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<Engine> {
        let open = index::open(dir, Mode::Searching)?;
        let reader = open.reader()?;
        Ok(Engine { open, reader })
    }

    fn fields(&self) -> &Fields {
        &self.open.fields
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let analyzers = match request.lang.as_deref() {
            Some(code) => vec![Analyzer::for_lang(&normalize_lang(code))],
            None => Analyzer::ALL.to_vec(),
        };
        let user_query = self.parse(&request.query, &analyzers)?;
        let query = self.with_filters(user_query.box_clone(), request)?;

        let facets = facet_collector();
        let limit = request.limit.max(1);
        let top = TopDocs::with_limit(limit)
            .and_offset(request.offset)
            .order_by_score();
        let (top, total, facet_counts) = searcher.search(&query, &(top, Count, facets))?;
        let top = if request.limit == 0 { Vec::new() } else { top };

        let snippets = SnippetMaker::new(&searcher, &*user_query, self.fields())?;
        let hits = top
            .into_iter()
            .map(|(score, address)| {
                let record = load_record(&searcher, self.fields(), address)?;
                let counterpart = pair_of(&searcher, self.fields(), &record.id)?.map(|pair| {
                    if pair.lt == record.id {
                        pair.en
                    } else {
                        pair.lt
                    }
                });
                Ok(make_hit(record, score, counterpart, &snippets))
            })
            .collect::<Result<Vec<_>>>()?;
        let hints = if total == 0 {
            self.hints_for(request)?
        } else {
            Vec::new()
        };
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            hits,
            facets: facet_counts_of(&facet_counts),
            hints,
        })
    }

    /// The record with `id`.
    pub fn get(&self, id: &str) -> Result<Record> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields().id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let (_, address) = top
            .first()
            .copied()
            .ok_or_else(|| Error::UnknownId(id.to_string()))?;
        let mut record = load_record(&searcher, self.fields(), address)?;
        if let Some(pair) = pair_of(&searcher, self.fields(), id)? {
            record.counterpart = Some(counterpart_from(&pair, pair.lt == id));
        }
        Ok(record)
    }

    /// Every record, in id order (file, then position), counterparts filled in.
    pub fn all_records(&self) -> Result<Vec<Record>> {
        let searcher = self.reader.searcher();
        let addresses = searcher.search(&self.all_records_query(), &DocSetCollector)?;
        let mut records = addresses
            .into_iter()
            .map(|address| load_record(&searcher, self.fields(), address))
            .collect::<Result<Vec<_>>>()?;
        let pairs = self.all_pairs()?;
        let mut by_id: HashMap<&str, (&StoredPair, bool)> = HashMap::new();
        for pair in &pairs {
            by_id.insert(&pair.lt, (pair, true));
            by_id.insert(&pair.en, (pair, false));
        }
        for record in &mut records {
            if let Some((pair, is_lt)) = by_id.get(record.id.as_str()) {
                record.counterpart = Some(counterpart_from(pair, *is_lt));
            }
        }
        records.sort_by(|a, b| (&a.source, a.ordinal).cmp(&(&b.source, b.ordinal)));
        Ok(records)
    }

    /// Every stored pair, ordered by Lithuanian record id.
    pub fn all_pairs(&self) -> Result<Vec<StoredPair>> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields().doctype, DOCTYPE_PAIR),
            IndexRecordOption::Basic,
        );
        let addresses = searcher.search(&query, &DocSetCollector)?;
        let mut pairs = addresses
            .into_iter()
            .map(|address| load_pair(&searcher, self.fields(), address))
            .collect::<Result<Vec<_>>>()?;
        pairs.sort_by(|a, b| a.lt.cmp(&b.lt).then_with(|| a.en.cmp(&b.en)));
        Ok(pairs)
    }

    /// The pair `id` belongs to, if any.
    pub fn pair_of(&self, id: &str) -> Result<Option<StoredPair>> {
        pair_of(&self.reader.searcher(), self.fields(), id)
    }

    /// Why a search may have found nothing: filter values that no record in the index has.
    fn hints_for(&self, request: &SearchRequest) -> Result<Vec<String>> {
        let known = self.stats()?.facets;
        let mut hints = Vec::new();
        let mut check = |flag: &str, value: Option<String>, values: &BTreeMap<String, u64>| {
            if let Some(value) = value {
                if !values.contains_key(&value) {
                    let names: Vec<&str> = values.keys().map(String::as_str).collect();
                    hints.push(format!(
                        "no record in the index has {flag} {value:?}; it has: {}",
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    ));
                }
            }
        };
        check(
            "--lang",
            request.lang.as_deref().map(normalize_lang),
            &known.lang,
        );
        check(
            "--country",
            request.country.as_deref().map(normalize_country),
            &known.country,
        );
        check("--year", request.year.map(|y| y.to_string()), &known.year);
        check(
            "--kind",
            request.kind.map(|k| k.as_str().to_string()),
            &known.kind,
        );
        Ok(hints)
    }

    fn all_records_query(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields().doctype, DOCTYPE_RECORD),
            IndexRecordOption::Basic,
        ))
    }

    /// Record and file counts with facet counts of the whole index.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let (records, facets) =
            searcher.search(&self.all_records_query(), &(Count, facet_collector()))?;
        Ok(Stats {
            records,
            files: self.open.payload.files,
            facets: facet_counts_of(&facets),
        })
    }

    fn parse(&self, text: &str, analyzers: &[Analyzer]) -> Result<Box<dyn Query>> {
        let text = text.trim();
        if text.is_empty() || text == "*" {
            return Ok(self.all_records_query());
        }
        let query_error = |reason: String| Error::Query {
            query: text.to_string(),
            reason,
        };
        check_operators(text).map_err(query_error)?;
        let (ast, errors) = query_grammar::parse_query_lenient(text);
        if let Some(error) = errors.first() {
            return Err(query_error(format!(
                "{} at character {}",
                error.message,
                error.pos + 1
            )));
        }
        let ast = expand_aliases(ast, analyzers);
        let fields = self.fields();
        let mut defaults = Vec::new();
        for &analyzer in analyzers {
            let lang = fields.lang(analyzer);
            defaults.extend([lang.title, lang.partner, lang.body]);
        }
        let mut parser = QueryParser::for_index(&self.open.index, defaults);
        parser.set_conjunction_by_default();
        for &analyzer in analyzers {
            let lang = fields.lang(analyzer);
            parser.set_field_boost(lang.title, 2.0);
            parser.set_field_boost(lang.partner, 1.5);
        }
        parser
            .build_query_from_user_input_ast(ast)
            .map_err(|err| query_error(describe_parser_error(&err)))
    }

    fn with_filters(
        &self,
        query: Box<dyn Query>,
        request: &SearchRequest,
    ) -> Result<Box<dyn Query>> {
        let fields = self.fields();
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let facet = |facet: tantivy::schema::Facet| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(fields.facets, &facet),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(lang) = &request.lang {
            filters.push(facet(index::lang_facet(&normalize_lang(lang))));
        }
        if let Some(name) = &request.country {
            filters.push(facet(index::country_facet(&normalize_country(name))));
        }
        if let Some(year) = request.year {
            filters.push(facet(index::year_facet(year)));
        }
        if let Some(kind) = request.kind {
            filters.push(facet(index::kind_facet(kind)));
        }
        if let Some(from) = request.from {
            filters.push(date_bound(
                fields.period_end,
                Bound::Included(from),
                Bound::Unbounded,
            ));
        }
        if let Some(to) = request.to {
            filters.push(date_bound(
                fields.period_start,
                Bound::Unbounded,
                Bound::Included(to),
            ));
        }
        if filters.is_empty() {
            return Ok(query);
        }
        let mut clauses = vec![(Occur::Must, query)];
        for filter in filters {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(filter, 0.0)) as Box<dyn Query>,
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// A `--lang` value as a language code: `lt`, `LT`, `lithuanian` and `lietuvių` are `lt`.
pub fn normalize_lang(value: &str) -> String {
    let value = value.trim().to_lowercase();
    match value.as_str() {
        "english" | "eng" | "anglų" | "angliskai" | "angliškai" => "en".to_string(),
        "lithuanian" | "lit" | "lietuvių" | "lietuviu" | "lietuviškai" | "lietuviskai" => {
            "lt".to_string()
        }
        _ => value,
    }
}

/// A `--country` value as the English name the index uses (unknown names unchanged).
pub fn normalize_country(value: &str) -> String {
    country::normalize(value)
        .map(str::to_string)
        .unwrap_or_else(|| value.trim().to_string())
}

/// Rejects boolean operators without a term on each side (`AND`, `visit OR`), which
/// tantivy's grammar would otherwise read as the words "and" and "or".
fn check_operators(text: &str) -> std::result::Result<(), String> {
    let mut in_quotes = false;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        if c.is_whitespace() && !in_quotes {
            if let Some(s) = start.take() {
                words.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let is_binary = |word: &str| word == "AND" || word == "OR";
    let position = |at: usize| text[..at].chars().count() + 1;
    for (n, (at, word)) in words.iter().enumerate() {
        let before = n.checked_sub(1).map(|p| words[p].1);
        let after = words.get(n + 1).map(|w| w.1);
        let missing_before = is_binary(word)
            && before.is_none_or(|b| is_binary(b) || b == "NOT" || b.ends_with('('));
        let missing_after = (is_binary(word) || *word == "NOT")
            && after.is_none_or(|a| is_binary(a) || a.starts_with(')'));
        if missing_before || missing_after {
            let side = if missing_before { "before" } else { "after" };
            return Err(format!(
                "{word} at character {} needs a term {side} it (to search for the word, write \"{}\")",
                position(*at),
                word.to_lowercase()
            ));
        }
    }
    Ok(())
}

fn date_bound(field: Field, lower: Bound<Date>, upper: Bound<Date>) -> Box<dyn Query> {
    let term = |date: Date| Term::from_field_date(field, index::date_value(date));
    Box::new(RangeQuery::new(lower.map(term), upper.map(term)))
}

fn facet_collector() -> FacetCollector {
    let mut collector = FacetCollector::for_field("facets");
    for root in ["/lang", "/country", "/year", "/kind"] {
        collector.add_facet(root);
    }
    collector
}

fn facet_counts_of(counts: &tantivy::collector::FacetCounts) -> FacetCounts {
    let children = |root: &str| -> BTreeMap<String, u64> {
        counts
            .get(root)
            .filter_map(|(facet, count)| {
                let last = facet.to_path().last()?.to_string();
                Some((last, count))
            })
            .collect()
    };
    FacetCounts {
        lang: children("/lang"),
        country: children("/country"),
        year: children("/year"),
        kind: children("/kind"),
    }
}

fn load_pair(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<StoredPair> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let json = doc
        .get_first(fields.pair)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    serde_json::from_str(json).map_err(|err| damaged("pair", &err))
}

fn pair_of(searcher: &Searcher, fields: &Fields, id: &str) -> Result<Option<StoredPair>> {
    let query = BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.pair_lt, id),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
        (
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.pair_en, id),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    top.first()
        .map(|(_, address)| load_pair(searcher, fields, *address))
        .transpose()
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

fn damaged(what: &str, err: &serde_json::Error) -> Error {
    Error::Tantivy(tantivy::TantivyError::InternalError(format!(
        "stored {what} is damaged ({err}); rebuild with `bireport index --rebuild`"
    )))
}

fn load_record(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<Record> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let json = doc
        .get_first(fields.record)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    serde_json::from_str(json).map_err(|err| damaged("record", &err))
}

/// Rewrites `title:`/`partner:`/`body:`/`text:` into the per-language fields.
fn expand_aliases(ast: UserInputAst, analyzers: &[Analyzer]) -> UserInputAst {
    let targets = |field: &Option<String>| -> Option<Vec<String>> {
        let name = field.as_deref()?;
        let (_, bases) = ALIASES.iter().find(|(alias, _)| *alias == name)?;
        Some(
            bases
                .iter()
                .flat_map(|base| {
                    analyzers
                        .iter()
                        .map(move |a| format!("{base}_{}", a.name()))
                })
                .collect(),
        )
    };
    let any_of = |leaves: Vec<UserInputAst>| {
        UserInputAst::Clause(
            leaves
                .into_iter()
                .map(|leaf| (Some(query_grammar::Occur::Should), leaf))
                .collect(),
        )
    };
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, expand_aliases(sub, analyzers)))
                .collect(),
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(expand_aliases(*sub, analyzers)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) => match targets(&literal.field_name) {
                Some(fields) => any_of(
                    fields
                        .into_iter()
                        .map(|field| {
                            let mut literal = literal.clone();
                            literal.field_name = Some(field);
                            UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)))
                        })
                        .collect(),
                ),
                None => UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
            },
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

fn describe_parser_error(err: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match err {
        E::FieldDoesNotExist(field) => format!(
            "unknown field {field:?}; fields are text, title, partner, body (and their _en/_lt forms), country, lang, kind, project_number, id, source"
        ),
        E::AllButQueryForbidden => "a query cannot only exclude (add a word to search for)".to_string(),
        other => other.to_string(),
    }
}

/// Builds snippets for hits of either language.
struct SnippetMaker {
    en: SnippetGenerator,
    lt: SnippetGenerator,
}

impl SnippetMaker {
    fn new(searcher: &Searcher, query: &dyn Query, fields: &Fields) -> Result<SnippetMaker> {
        Ok(SnippetMaker {
            en: snippet_generator(searcher, query, fields.en.body, Analyzer::English)?,
            lt: snippet_generator(searcher, query, fields.lt.body, Analyzer::Lithuanian)?,
        })
    }

    fn for_record(&self, record: &Record) -> tantivy::snippet::Snippet {
        let generator = match Analyzer::for_lang(&record.lang.code) {
            Analyzer::English => &self.en,
            Analyzer::Lithuanian => &self.lt,
        };
        generator.snippet(&record.body())
    }
}

/// A snippet generator for `field` that tokenizes text as documents were indexed, so a
/// query term that matched a document's second (diacritic-free) form is highlighted too.
fn snippet_generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    analyzer: Analyzer,
) -> Result<SnippetGenerator> {
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weighted = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            weighted.insert(text, 1.0 / (1.0 + doc_freq as f32));
        }
    }
    Ok(SnippetGenerator::new(
        weighted,
        analyzer.build(Mode::Indexing),
        field,
        SNIPPET_CHARS,
    ))
}

fn make_hit(
    record: Record,
    score: f32,
    counterpart: Option<String>,
    snippets: &SnippetMaker,
) -> Hit {
    let snippet = snippets.for_record(&record);
    let (snippet_html, snippet_text, highlights) = if snippet.is_empty() {
        // The match was in the title or partner names: show the start of the body.
        let body = record.body();
        let text = leading_text(&body, SNIPPET_CHARS);
        (html_escape(&text), text, Vec::new())
    } else {
        (
            snippet.to_html(),
            snippet.fragment().to_string(),
            snippet
                .highlighted()
                .iter()
                .map(|range| [range.start, range.end])
                .collect(),
        )
    };
    Hit {
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
        snippet: snippet_html,
        snippet_text,
        highlights,
        counterpart,
    }
}

/// The first `max` characters of `text`, cut at a word boundary.
pub fn leading_text(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(at) => cut[..at].to_string(),
        None => cut,
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
